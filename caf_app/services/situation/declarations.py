"""Déclarations trimestrielles: the draft saved at every step, then sent once.

The draft lives in the database (answers as JSON), so it survives a reload, a lost connection, another
device and the switch between the standard and the FALC variants, which share it.
"""

from __future__ import annotations

import json
import re
import secrets
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import TypeVar

from sqlalchemy import Exists, exists
from sqlmodel import Session, col, delete, select, update

from ... import clock, models as m
from ...domain import policy
from ...domain.dates import add_months, format_date
from ...domain.declarations import Person, Quarter, categories_for, check, quarter_due
from ...domain.errors import DomainError, FieldErrors, Forbidden
from ...domain.prestations import Prestation
from ...domain.roles import Actor, MemberRole
from ...domain.statuses import AlertKind, DemarcheKind, DemarcheStatus, DraftStatus

MOTIF_MISSING = "Ressources trimestrielles non fournies"
SCREEN = re.compile(r"situation|revue|personne:[0-9]{1,2}|questions:[0-9]{1,3}")
T = TypeVar("T")


class AlreadySent(DomainError):
    def __init__(self, sent_on: str):
        super().__init__("", f"Vous avez déjà envoyé cette déclaration le {sent_on}.")
        self.sent_on = sent_on


@dataclass
class Draft:
    id: int
    prestation: Prestation
    quarter: Quarter
    people: list[Person]
    answers: dict[str, str] = field(default_factory=dict)
    prefilled: list[str] = field(default_factory=list)
    status: DraftStatus = DraftStatus.BROUILLON
    sent_on: str = ""
    reference: str = ""
    demarche_id: int | None = None


def _dossier_id(actor: Actor) -> int:
    if actor.dossier_id is None or not policy.can_declare_resources(actor, actor.dossier_id):
        raise Forbidden("déclaration trimestrielle")
    return actor.dossier_id


def prestations_due(*, session: Session, actor: Actor, today: date) -> list[Prestation]:
    """The quarterly prestations of the dossier this month (with a right or "sans droit")."""
    return due_of(session.exec(select(*due_columns(actor, today))).one())


def due_columns(actor: Actor, today: date) -> list[Exists]:
    """prestations_due() as columns of a query, one flag per quarterly prestation (due_of() reads them back);
    Forbidden as prestations_due()."""
    dossier_id, since = _dossier_id(actor), add_months(today, -1)
    return [exists().where(m.Droit.dossier_id == dossier_id, m.Droit.month >= since, m.Droit.prestation == prestation)
            for prestation in Prestation.quarterly_ones()]


def due_of(flags: Sequence[bool]) -> list[Prestation]:
    return [prestation for prestation, held in zip(Prestation.quarterly_ones(), flags, strict=True) if held]


def people_of(session: Session, dossier_id: int, prestation: Prestation) -> list[Person]:
    """Whose resources count: the allocataire and the conjoint (AAH: only them), other adults otherwise."""
    roles = [MemberRole.ALLOCATAIRE.value, MemberRole.CONJOINT.value]
    if Prestation(prestation).declaration.other_adults:
        roles.append(MemberRole.AUTRE.value)
    return people_with_roles(session, dossier_id, roles)


def people_with_roles(session: Session, dossier_id: int, roles: list[str]) -> list[Person]:
    """The members of the dossier in these roles (MemberRole values); the allocataire is asked with "vous"."""
    rows = session.exec(select(m.Member, m.Person).join(m.Person, m.Person.id == m.Member.person_id)
                        .where(m.Member.dossier_id == dossier_id, col(m.Member.role).in_(roles))
                        .order_by(m.Member.id)).all()
    return [Person(person.id, person.first_names, member.role == MemberRole.ALLOCATAIRE.value)
            for member, person in rows]


def _prefill(session: Session, dossier_id: int, prestation: str, quarter: Quarter) -> tuple[dict, list[str]]:
    """The previous declaration's amounts, as answers to check: marked as pre-filled."""
    previous = session.exec(select(m.DeclarationTrimestrielle).where(
        m.DeclarationTrimestrielle.dossier_id == dossier_id, m.DeclarationTrimestrielle.prestation == prestation,
        m.DeclarationTrimestrielle.status == DraftStatus.ENVOYE,
        m.DeclarationTrimestrielle.quarter_start < quarter.start)
        .order_by(col(m.DeclarationTrimestrielle.quarter_start).desc())).first()
    if previous is None:
        return {}, []
    answers: dict[str, str] = {}
    for row in session.exec(select(m.DeclarationMontant).where(m.DeclarationMontant.declaration_id == previous.id)):
        key = f"{row.person_id}:{row.category}"
        answers[f"{key}:recu"] = "oui"
        for index in range(3):
            answers[f"{key}:{index}"] = str(row.amount_cents // 100)  # the last known monthly amount
        if row.label:
            answers[f"{key}:nature"] = row.label
    return answers, sorted(answers)


def _draft(row: m.DeclarationTrimestrielle, people: list[Person]) -> Draft:
    return Draft(row.id, row.prestation, Quarter(row.quarter_start), people, json.loads(row.answers_json),
                 json.loads(row.prefilled_json), row.status,
                 format_date(row.sent_at.date()) if row.sent_at else "", row.reference, row.demarche_id)


def open_draft(*, session: Session, actor: Actor, prestation: str, today: date) -> Draft:
    """This quarter's declaration: the draft (created, pre-filled, when missing) or the one already sent."""
    dossier_id = _dossier_id(actor)
    if prestation not in Prestation.quarterly_ones():
        raise DomainError("prestation", "Cette déclaration n'existe pas.")
    prestation = Prestation(prestation)
    quarter = quarter_due(today)
    people = people_of(session, dossier_id, prestation)
    row = session.exec(select(m.DeclarationTrimestrielle).where(
        m.DeclarationTrimestrielle.dossier_id == dossier_id, m.DeclarationTrimestrielle.prestation == prestation,
        m.DeclarationTrimestrielle.quarter_start == quarter.start)).first()
    if row is None:
        answers, prefilled = _prefill(session, dossier_id, prestation, quarter)
        row = m.DeclarationTrimestrielle(dossier_id=dossier_id, prestation=prestation, quarter_start=quarter.start,
                                         answers_json=json.dumps(answers), prefilled_json=json.dumps(prefilled))
        session.add(row)
        session.commit()
    return _draft(row, people)


def owned(session: Session, model: type[T], draft_id: int, dossier_id: int) -> T:
    """A declaration (this one or an annual one) of the dossier; another dossier's is Forbidden, as a missing one."""
    row = session.get(model, draft_id)
    if row is None or row.dossier_id != dossier_id:
        raise Forbidden("déclaration")
    return row


def _own(session: Session, actor: Actor, draft_id: int) -> m.DeclarationTrimestrielle:
    return owned(session, m.DeclarationTrimestrielle, draft_id, _dossier_id(actor))


def keep_answers(session: Session, row, answers: dict[str, str], *, known: set[str], screen: re.Pattern) -> None:
    """Keep what was answered in a draft (at every step): known keys only, and the screen the person is on when it
    is one of `screen`; a declaration already sent does not change (AlreadySent)."""
    if row.status != DraftStatus.BROUILLON:
        raise AlreadySent(format_date(row.sent_at.date()))
    allowed = {key: str(value)[:100] for key, value in answers.items() if key in known}
    if screen.fullmatch(str(answers.get("ecran", ""))):
        allowed["ecran"] = str(answers["ecran"])  # the screen the person is on, to come back to it
    row.answers_json = json.dumps({**json.loads(row.answers_json), **allowed})
    row.updated_at = clock.now()
    session.add(row)
    session.commit()


def save(*, session: Session, actor: Actor, draft_id: int, answers: dict[str, str]) -> None:
    """Keep what was answered (at every step); a declaration already sent does not change."""
    row = _own(session, actor, draft_id)
    known = {"situation"} | {f"{person.id}:{category}:{part}"
                             for person in people_of(session, row.dossier_id, row.prestation)
                             for category in categories_for(row.prestation, person)
                             for part in ("recu", "nature", "0", "1", "2")}
    keep_answers(session, row, answers, known=known, screen=SCREEN)


class Incomplete(FieldErrors):
    """Answers missing or wrong, by answer key; the review shows each next to its question."""

    def __init__(self, errors: dict[str, str]):
        super().__init__(errors, "Votre déclaration est incomplète : corrigez les réponses signalées.")


def send(*, session: Session, actor: Actor, draft_id: int, confirmed: bool) -> Draft:
    """Send once: a second call (double tap, reload, other tab) finds it sent and changes nothing."""
    row = _own(session, actor, draft_id)
    people = people_of(session, row.dossier_id, row.prestation)
    if row.status == DraftStatus.ENVOYE:
        return _draft(row, people)
    if not confirmed:
        raise DomainError("confirmation", "Cochez la case pour certifier votre déclaration avant de l'envoyer.")
    quarter = Quarter(row.quarter_start)
    lines, errors = check(json.loads(row.answers_json), prestation=row.prestation, people=people, quarter=quarter)
    if errors:
        raise Incomplete(errors)
    now = clock.now()
    reference = f"DTR-{secrets.token_hex(4).upper()}"
    claimed = session.exec(update(m.DeclarationTrimestrielle).where(
        m.DeclarationTrimestrielle.id == row.id, m.DeclarationTrimestrielle.status == DraftStatus.BROUILLON)
        .values(status=DraftStatus.ENVOYE, sent_at=now, reference=reference)).rowcount
    if claimed != 1:
        session.rollback()
        session.refresh(row)
        return _draft(row, people)
    for line in lines:
        session.add(m.DeclarationMontant(declaration_id=row.id, person_id=line.person_id, month=line.month,
                                         category=line.category, amount_cents=line.amount_cents, label=line.label))
    demarche = m.Demarche(dossier_id=row.dossier_id, **actor.signed,
                          kind=DemarcheKind.DECLARATION_TRIMESTRIELLE,
                          title=f"Déclaration trimestrielle de ressources ({row.prestation.label}) : "
                                f"{quarter.label()}",
                          status=DemarcheStatus.RECUE, reference=reference)
    session.add(demarche)
    session.flush()
    session.exec(update(m.DeclarationTrimestrielle).where(m.DeclarationTrimestrielle.id == row.id)
                 .values(demarche_id=demarche.id))
    for alert in session.exec(select(m.Alerte).where(m.Alerte.dossier_id == row.dossier_id,
                                                     m.Alerte.kind == AlertKind.DECLARATION_TRIMESTRIELLE,
                                                     m.Alerte.prestation == row.prestation,
                                                     m.Alerte.resolved_at == None)):  # noqa: E711
        alert.resolved_at = now
        session.add(alert)
    session.exec(delete(m.Droit).where(m.Droit.dossier_id == row.dossier_id, m.Droit.prestation == row.prestation,
                                       m.Droit.motif_sans_droit == MOTIF_MISSING, m.Droit.month >= quarter.start))
    session.commit()
    session.refresh(row)
    return _draft(row, people)


def category_amounts(draft: Draft) -> list[tuple[str, str, str, list[int]]]:
    """For the review and the receipt: (person, category, nature, cents of the 3 months) of each "oui"."""
    result = []
    for person in draft.people:
        for category in categories_for(draft.prestation, person):
            key = f"{person.id}:{category}"
            if draft.answers.get(f"{key}:recu") != "oui":
                continue
            cents = []
            for index in range(3):
                text = draft.answers.get(f"{key}:{index}", "0").strip() or "0"
                cents.append(int(text) * 100 if text.isascii() and text.isdigit() else 0)
            result.append((person.first_name, category, draft.answers.get(f"{key}:nature", ""), cents))
    return result


def receipt_pdf(*, session: Session, actor: Actor, draft_id: int) -> bytes:
    """The accusé de réception of a sent declaration, with every amount declared."""
    from ...content import load
    from ...domain.money import format_euros

    row = _own(session, actor, draft_id)
    if row.status != DraftStatus.ENVOYE:
        raise Forbidden("déclaration non envoyée")
    draft = _draft(row, people_of(session, row.dossier_id, row.prestation))
    labels = load("declaration_standard")["categories"]
    rows = [["Personne", "Ressource", *[name.capitalize() for name in draft.quarter.names]]]
    rows += [[person, labels[category]["label"] + (f" ({nature})" if nature else ""),
              *[format_euros(value) for value in cents]]
             for person, category, nature, cents in category_amounts(draft)]
    return receipt(session, row.dossier_id, draft, f"Déclaration trimestrielle de ressources ({row.prestation.label})"
                   f" : {draft.quarter.label()}", ("Ressources déclarées", "Aucune ressource déclarée."),
                   rows, [30, 64, 26, 26, 26])


def receipt(session: Session, dossier_id: int, draft, title: str, words: tuple[str, str], rows: list[list[str]],
            widths: list[float]) -> bytes:
    """The accusé de réception of a declaration sent (this one or an annual one): the dossier, what was sent, when,
    its reference, then the table of rows (words: the table's heading, and what stands for an empty table)."""
    from ...pdf import H2, para, render, table
    from ..payments.statements import header_for

    header = header_for(session, session.get(m.Dossier, dossier_id))
    story = [para(f"{header.caf_name}"), para(f"Allocataire : {header.allocataire} - n° {header.numero}"),
             para(title), para(f"Reçue le {draft.sent_on}. Référence : {draft.reference}"), para(words[0], H2),
             table(rows, widths) if len(rows) > 1 else para(words[1])]
    return render("Accusé de réception de votre déclaration", story, subject=f"Déclaration {draft.reference}")


@dataclass(frozen=True)
class SentDeclaration:
    id: int
    title: str
    sent_on: str
    reference: str


def sent_declarations(*, session: Session, actor: Actor) -> list[SentDeclaration]:
    """Mes ressources: the quarterly declarations sent, newest first, each with its accusé."""
    rows = session.exec(select(m.DeclarationTrimestrielle).where(
        m.DeclarationTrimestrielle.dossier_id == _dossier_id(actor),
        m.DeclarationTrimestrielle.status == DraftStatus.ENVOYE)
        .order_by(col(m.DeclarationTrimestrielle.quarter_start).desc())).all()
    return [SentDeclaration(row.id, f"{row.prestation.label} : {Quarter(row.quarter_start).label()}",
                            format_date(row.sent_at.date()), row.reference) for row in rows]
