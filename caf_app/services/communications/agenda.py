"""Mon agenda (the dates that matter) and Contacter ma Caf (how, depending on who asks)."""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import date

from sqlmodel import Session, col, select

from ... import models as m, routes
from ...clock import PARIS
from ...domain import policy
from ...domain.dates import add_months, format_date
from ...domain.declarations import quarter_due
from ...domain.errors import DomainError, Forbidden
from ...domain.roles import Actor
from ...domain.statuses import DemarcheKind, DemarcheStatus, DraftStatus
from ..situation.declarations import prestations_due

# caf.fr: the déclaration trimestrielle is made each quarter from the date shown in Mon Compte; no public source
# gives a day of the month it is due by (the seed gives none either). The date Mon Compte shows here is the day
# the declaration opens: the first of the month after the quarter (domain.declarations.quarter_due).
DECLARATION_HELP = ("La déclaration trimestrielle se fait chaque trimestre, à partir de la date indiquée dans "
                    "Mon Compte.")


@dataclass(frozen=True)
class AgendaLine:
    day: str
    what: str
    link: str


@dataclass(frozen=True)
class Contact:
    caf_name: str
    phone: str
    address: str
    can_write: bool


def agenda(*, session: Session, actor: Actor, today: date) -> list[AgendaLine]:
    if actor.dossier_id is None or not policy.can_view_demarches(actor, actor.dossier_id):
        raise Forbidden("agenda")
    items: list[tuple[date, AgendaLine]] = []
    opens = add_months(quarter_due(today).start, 3)
    for prestation in prestations_due(session=session, actor=actor, today=today):
        sent = session.exec(select(m.DeclarationTrimestrielle.id).where(
            m.DeclarationTrimestrielle.dossier_id == actor.dossier_id,
            m.DeclarationTrimestrielle.prestation == prestation,
            m.DeclarationTrimestrielle.quarter_start == quarter_due(today).start,
            m.DeclarationTrimestrielle.status == DraftStatus.ENVOYE)).first()
        if not sent:
            items.append((opens, AgendaLine(f"À partir du {format_date(opens)}", f"Déclaration trimestrielle de "
                                            f"ressources ({prestation.label}) à faire",
                                            routes.DECLARATION.of(declaration_slug=prestation.slug))))
    for rdv in session.exec(select(m.RendezVous).where(m.RendezVous.dossier_id == actor.dossier_id,
                                                       m.RendezVous.cancelled_at == None)  # noqa: E711
                            .order_by(col(m.RendezVous.starts_at))):
        at = m.aware(rdv.starts_at).astimezone(PARIS)
        if at.date() >= today:  # one booked online is moved or cancelled from its page
            manage = f"{routes.MON_RENDEZ_VOUS.path}?id={rdv.id}" if rdv.creneau_id else ""
            items.append((at.date(), AgendaLine(f"{format_date(at.date())} à {at:%Hh%M}",
                                                f"Rendez-vous : {rdv.subject} : {rdv.place}", manage)))
    for piece in session.exec(select(m.PieceDemandee).where(m.PieceDemandee.dossier_id == actor.dossier_id,
                                                            m.PieceDemandee.answered_by_id == None)):  # noqa: E711
        items.append((piece.due_on, AgendaLine(format_date(piece.due_on), f"{piece.label} à transmettre",
                                               routes.TRANSMETTRE.query(piece=str(piece.id)))))
    return [line for _, line in sorted(items, key=lambda item: item[0])]


def contact(*, session: Session, actor: Actor) -> Contact:
    """Everybody may phone or visit; writing is for those who manage the dossier."""
    if actor.dossier_id is None:
        return Contact("Votre Caf", "3230", "", False)
    caf = session.get(m.Caf, session.get(m.Dossier, actor.dossier_id).caf_id)
    return Contact(caf.name, caf.phone, caf.address, policy.can_write_to_caf(actor, actor.dossier_id))


def write_to_caf(*, session: Session, actor: Actor, subject: str, message: str) -> str:
    """A message to the Caf, recorded as a démarche; returns its reference."""
    if actor.dossier_id is None or not policy.can_write_to_caf(actor, actor.dossier_id):
        raise Forbidden("courriel à la Caf")
    subject, message = " ".join(subject.split())[:120], message.strip()[:4000]
    if not subject:
        raise DomainError("objet", "Indiquez l'objet de votre message.")
    if len(message) < 10:
        raise DomainError("message", "Écrivez votre message (10 caractères au moins).")
    reference = f"M{secrets.token_hex(4).upper()}"
    session.add(m.Demarche(dossier_id=actor.dossier_id, **actor.signed,
                           kind=DemarcheKind.MESSAGE,
                           title=f"Message à ma Caf : {subject}", status=DemarcheStatus.RECUE, reference=reference,
                           detail=message))
    session.commit()
    return reference
