"""Ressources annuelles, patrimoine, avantage vieillesse: the draft saved at every screen, then sent once, as the
quarterly declaration (services/situation/declarations.py) whose people, refusals and receipt they share.

The draft lives in the database (answers as JSON), so it survives a reload, a lost connection or another device.
Sent, its answers are the record: the démarche carries a summary the Caf's agents read in their queue.
"""

from __future__ import annotations

import json
import re
import secrets
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, select, update

from ... import clock, models as m, routes
from ...content import declaration_annuelle as wording
from ...domain import policy
from ...domain.annual_declarations import answer_keys, check, form_of, year_declared
from ...domain.dates import format_date
from ...domain.declarations import Person
from ...domain.errors import DomainError, Forbidden
from ...domain.roles import Actor, MemberRole
from ...domain.statuses import AlertKind, AnnualDeclarationKind, DemarcheKind, DemarcheStatus, DraftStatus
from .declarations import Incomplete, SentDeclaration, keep_answers, owned, people_with_roles, receipt

SCREEN = re.compile(r"revue|personne:[0-9]{1,2}")
# The address's last part of each declaration (routes.DECLARATION_ANNUELLE), and back.
SLUGS = {AnnualDeclarationKind.RESSOURCES_ANNUELLES: "ressources-annuelles",
         AnnualDeclarationKind.PATRIMOINE: "patrimoine",
         AnnualDeclarationKind.AVANTAGE_VIEILLESSE: "avantage-vieillesse"}
KINDS = {slug: kind.value for kind, slug in SLUGS.items()}
ROLES = [MemberRole.ALLOCATAIRE.value, MemberRole.CONJOINT.value]  # whose resources these declarations ask


@dataclass
class Draft:
    id: int
    kind: str
    year: int
    people: list[Person]
    answers: dict[str, str] = field(default_factory=dict)
    status: DraftStatus = DraftStatus.BROUILLON
    sent_on: str = ""
    reference: str = ""


def _dossier_id(actor: Actor) -> int:
    if actor.dossier_id is None or not policy.can_declare_resources(actor, actor.dossier_id):
        raise Forbidden("déclaration de ressources")
    return actor.dossier_id


def _draft(row: m.DeclarationAnnuelle, people: list[Person]) -> Draft:
    return Draft(row.id, row.kind.value, row.year, people, json.loads(row.answers_json), row.status,
                 format_date(row.sent_at.date()) if row.sent_at else "", row.reference)


def _row(session: Session, dossier_id: int, kind: str, year: int) -> m.DeclarationAnnuelle | None:
    return session.exec(select(m.DeclarationAnnuelle).where(
        m.DeclarationAnnuelle.dossier_id == dossier_id, m.DeclarationAnnuelle.kind == kind,
        m.DeclarationAnnuelle.year == year)).first()


def open_draft(*, session: Session, actor: Actor, kind: str, today: date) -> Draft:
    """This year's declaration of that kind: the draft (created when missing) or the one already sent."""
    dossier_id, year = _dossier_id(actor), year_declared(kind, today)
    people = people_with_roles(session, dossier_id, ROLES)
    row = _row(session, dossier_id, kind, year)
    if row is None:
        row = m.DeclarationAnnuelle(dossier_id=dossier_id, kind=kind, year=year)
        session.add(row)
        try:
            session.commit()
        except IntegrityError:  # opened at the same moment in another tab: that one's draft is the draft
            session.rollback()
            row = _row(session, dossier_id, kind, year)
    return _draft(row, people)


def _own(session: Session, actor: Actor, draft_id: int) -> m.DeclarationAnnuelle:
    return owned(session, m.DeclarationAnnuelle, draft_id, _dossier_id(actor))


def save(*, session: Session, actor: Actor, draft_id: int, answers: dict[str, str]) -> None:
    """Keep what was answered (at every screen); a declaration already sent does not change."""
    row = _own(session, actor, draft_id)
    keep_answers(session, row, answers, screen=SCREEN,
                 known=answer_keys(row.kind, people_with_roles(session, row.dossier_id, ROLES)))


def summary(draft: Draft) -> list[tuple[str, list[tuple[str, str]]]]:
    """For the receipt and the Caf's agents: (person, [(label, amount)]) in the order asked."""
    return wording.summary(draft.kind, draft.people, draft.answers)


def _detail(draft: Draft) -> str:
    """What the agent reads, person after person ("Vous" is the allocataire): one paragraph of their page."""
    nothing = wording.common()["nothing"]
    return ". ".join(f"{'Allocataire' if name == 'Vous' else name} : "
                     + ("; ".join(f"{label} {value}" for label, value in lines) or nothing)
                     for name, lines in summary(draft))


def send(*, session: Session, actor: Actor, draft_id: int, confirmed: bool, today: date) -> Draft:
    """Send once: a second call (double tap, reload, other tab) finds it sent and changes nothing."""
    row = _own(session, actor, draft_id)
    people = people_with_roles(session, row.dossier_id, ROLES)
    if row.status == DraftStatus.ENVOYE:
        return _draft(row, people)
    if not confirmed:
        raise DomainError("confirmation", "Cochez la case pour certifier votre déclaration avant de l'envoyer.")
    _, errors = check(json.loads(row.answers_json), kind=row.kind, people=people, today=today)
    if errors:
        raise Incomplete(errors)
    now, reference = clock.now(), f"{form_of(row.kind).prefix}-{secrets.token_hex(4).upper()}"
    claimed = session.exec(update(m.DeclarationAnnuelle).where(
        m.DeclarationAnnuelle.id == row.id, m.DeclarationAnnuelle.status == DraftStatus.BROUILLON)
        .values(status=DraftStatus.ENVOYE, sent_at=now, reference=reference)).rowcount
    session.refresh(row)
    if claimed != 1:
        return _draft(row, people)
    draft = _draft(row, people)
    demarche = m.Demarche(dossier_id=row.dossier_id, **actor.signed,
                          kind=DemarcheKind(row.kind.value),
                          title=wording.title_of(row.kind, row.year), status=DemarcheStatus.RECUE,
                          reference=reference, detail=_detail(draft))
    session.add(demarche)
    session.flush()
    row.demarche_id = demarche.id
    session.add(row)
    for alert in session.exec(select(m.Alerte).where(m.Alerte.dossier_id == row.dossier_id,
                                                     m.Alerte.kind == AlertKind(row.kind.value),
                                                     m.Alerte.resolved_at == None)):  # noqa: E711
        alert.resolved_at = now
        session.add(alert)
    session.commit()
    return draft


def receipt_pdf(*, session: Session, actor: Actor, draft_id: int) -> bytes:
    """The accusé de réception of a sent declaration, with every answer declared."""
    row = _own(session, actor, draft_id)
    if row.status != DraftStatus.ENVOYE:
        raise Forbidden("déclaration non envoyée")
    draft = _draft(row, people_with_roles(session, row.dossier_id, ROLES))
    rows = [["Personne", "Déclaré", "Montant"]]
    rows += [[name, label, value] for name, lines in summary(draft) for label, value in lines]
    return receipt(session, row.dossier_id, draft, wording.title_of(row.kind, row.year),
                   ("Votre déclaration", wording.common()["nothing"]), rows, [30, 106, 36])


@dataclass(frozen=True)
class AnnualLink:
    """A declaration one may make (Mes ressources), or one the Caf asks for (Mes démarches)."""

    label: str
    hint: str
    href: str
    asked: bool  # the Caf asks for it (an alert still open)


def links(*, session: Session, actor: Actor, today: date, asked_only: bool = False) -> list[AnnualLink]:
    """The three declarations, each marked when the Caf asks for it (one query); asked_only: those alone. None
    for a person who may not declare (Mes démarches shows the rest of its page to them)."""
    if actor.dossier_id is None or not policy.can_declare_resources(actor, actor.dossier_id):
        return []
    asked = set(session.exec(select(m.Alerte.kind).where(
        m.Alerte.dossier_id == actor.dossier_id, m.Alerte.resolved_at == None,  # noqa: E711
        col(m.Alerte.kind).in_([kind.value for kind in AnnualDeclarationKind]))).all())
    return [AnnualLink(wording.words(kind)["link"], wording.words(kind)["who"].format(annee=year_declared(kind, today)),
                       routes.DECLARATION_ANNUELLE.of(ressources_slug=SLUGS[kind]), kind.value in asked)
            for kind in AnnualDeclarationKind if kind.value in asked or not asked_only]


def sent_declarations(*, session: Session, actor: Actor) -> list[SentDeclaration]:
    """Mes ressources: the annual declarations sent, newest first, each with its accusé."""
    rows = session.exec(select(m.DeclarationAnnuelle).where(
        m.DeclarationAnnuelle.dossier_id == _dossier_id(actor), m.DeclarationAnnuelle.status == DraftStatus.ENVOYE)
        .order_by(col(m.DeclarationAnnuelle.sent_at).desc())).all()
    return [SentDeclaration(row.id, wording.title_of(row.kind, row.year), format_date(row.sent_at.date()),
                            row.reference) for row in rows]
