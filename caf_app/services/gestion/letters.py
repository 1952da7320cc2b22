"""From a decision to what the family receives: the droits recomputed from the rules (services/droits), then the
courrier that says it (pdf/courriers through services/communications/notifications), in plain French."""

from __future__ import annotations

from datetime import date

from sqlmodel import Session, select

from ... import models as m
from ...domain.dates import format_date, format_month
from ...domain.errors import DomainError
from ...domain.money import format_euros
from ...domain.prestations import Prestation
from ...domain.statuses import DemarcheKind
from ...pdf.courriers import DemandePiece, NotificationDroits, NotificationIndu, Refus
from ...rules.client import RulesUnavailable
from ..communications import notifications
from ..droits import recompute as droits
from ..droits.recompute import Recomputation

REASONS = {DemarcheKind.DECLARATION_TRIMESTRIELLE: "À la suite de votre déclaration trimestrielle du {day}.",
           DemarcheKind.DEMANDE_PRESTATION: "À la suite de votre demande du {day}.",
           DemarcheKind.CHANGEMENT_SITUATION: "À la suite du changement de situation que vous avez déclaré le {day}."}


def _month(value: date) -> str:
    return format_month(value, capital=True)


def recompute(*, session: Session, dossier_id: int, months: list[date], today: date, demarche_id: int,
              prestations: tuple[Prestation, ...] | None = None) -> Recomputation:
    """The droits of the months, computed again (and committed with the decision pending in the session): the
    dossier's prestations, or those a demande asks for."""
    try:
        return droits.recompute(session=session, dossier_id=dossier_id, months=months, today=today,
                                demarche_id=demarche_id, prestations=list(prestations) if prestations else None)
    except RulesUnavailable as error:
        raise DomainError("", "Le calcul des droits n'a pas pu se faire : le service des règles ne répond pas. "
                              "Rien n'est enregistré ; réessayez dans un instant.") from error


def notify_droits(*, session: Session, dossier: m.Dossier, demarche: m.Demarche, result: Recomputation,
                  today: date) -> None:
    """The notification de droits (amounts by month, the why of each change, rappels, indus), and a notification
    d'indu for each new dette."""
    letter = NotificationDroits(
        months=[(_month(month), [(p.label, cents) for p, cents in sorted(amounts.items()) if cents])
                for month, amounts in sorted(result.months_amounts.items())],
        changes=[(_month(c.month), c.prestation.label, c.before_cents, c.after_cents, list(c.causes))
                 for c in result.changes],
        rappels=[(_month(r.month), r.prestation.label, r.cents) for r in result.rappels],
        indus=[(", ".join(_month(x) for x in i.months), i.prestation.label, i.cents) for i in result.indus],
        reason=REASONS.get(demarche.kind, "").format(day=format_date(demarche.created_on.date())))
    notifications.issue(session=session, dossier_id=dossier.id, letter=letter, today=today, demarche_id=demarche.id)
    for indu in result.indus:
        dette = session.get(m.Dette, indu.dette_id)
        notifications.issue(session=session, dossier_id=dossier.id, today=today, demarche_id=demarche.id,
                            letter=NotificationIndu(indu.prestation.label, [_month(x) for x in indu.months],
                                                    indu.cents, dette.origin, dette.monthly_retenue_cents,
                                                    indu.prestation.value))


def _prestation_of(session: Session, demarche: m.Demarche) -> str:
    declaration = session.exec(select(m.DeclarationTrimestrielle)
                               .where(m.DeclarationTrimestrielle.demarche_id == demarche.id)).first()
    return declaration.prestation.value if declaration else ""


def notify_refusal(*, session: Session, dossier: m.Dossier, demarche: m.Demarche, motif: str, detail: str,
                   today: date) -> None:
    letter = Refus(subject=f"votre démarche « {demarche.title} »", motif=motif, detail=detail.strip(),
                   prestation=_prestation_of(session, demarche))
    notifications.issue(session=session, dossier_id=dossier.id, letter=letter, today=today, demarche_id=demarche.id)


def notify_piece(*, session: Session, dossier: m.Dossier, demarche: m.Demarche, label: str, due: date,
                 today: date) -> None:
    letter = DemandePiece(label=label, due_on=due,
                          reason=f"Pour traiter votre démarche « {demarche.title} », nous avons besoin de cette pièce.")
    notifications.issue(session=session, dossier_id=dossier.id, letter=letter, today=today, demarche_id=demarche.id)


def notify_accepted(*, session: Session, dossier: m.Dossier, demarche: m.Demarche, today: date) -> None:
    """A demande with no amount computed here (AJPA, PALA, « autres »): the Caf says it is accepted."""
    notifications.answer(session=session, dossier_id=dossier.id, subject=f"Votre démarche « {demarche.title} »",
                         text=f"Votre Caf a accepté votre démarche « {demarche.title} » reçue le "
                              f"{format_date(demarche.created_on.date())}. Les paiements qui en découlent "
                              "apparaîtront dans « Mes paiements ».", today=today, demarche_id=demarche.id)


def summary(result: Recomputation) -> str:
    """What the agent reads once the decision is recorded."""
    parts = [f"{len(result.changes)} montant(s) modifié(s)" if result.changes else "aucun montant ne change"]
    if result.rappels:
        parts.append(f"rappel de {format_euros(sum(r.cents for r in result.rappels))}")
    if result.indus:
        parts.append(f"indu de {format_euros(sum(i.cents for i in result.indus))}")
    return "Acceptée. Droits recalculés : " + ", ".join(parts) + ". Le courrier est envoyé."
