"""An agent's decisions on an item they took: accept, refuse with a motif, ask for a piece, answer a message,
and the two steps of new bank details (four eyes). Each decision is recorded on the démarche (who, when, what),
changes what the allocataire sees (droits recomputed from the rules, a piece in « À transmettre », a courrier with
its red dot and a mail), and frees the item."""

from __future__ import annotations

import json
from datetime import date, timedelta

from sqlmodel import Session, select

from ... import clock, models as m
from ...domain import policy
from ...domain.dates import add_months, first_of_month, format_date
from ...domain.demandes import DemandeKind
from ...domain.errors import DomainError, Forbidden
from ...domain.gestion import (
    BANK_CHANGE_TITLE,
    DEMANDE_PRESTATIONS,
    AgentActor,
    Decision,
    bafa_cents,
    check_answer,
    check_motif,
    check_piece,
)
from ...domain.prestations import Prestation
from ...domain.statuses import AlertKind, BankAccountStatus, DemarcheKind, DemarcheStatus, SituationStatus
from ..communications import notifications
from ..droits.recompute import ChangeLine, Recomputation, record_change
from ..partenaires import bailleur
from ..payments import run
from . import letters

PIECE_DELAY = timedelta(days=15)


def _taken(session: Session, actor: AgentActor, demarche_id: int) -> tuple[m.Demarche, m.Dossier]:
    """The item, which this agent must have taken and nobody has decided."""
    row = session.exec(select(m.Demarche, m.Dossier).join(m.Dossier, m.Dossier.id == m.Demarche.dossier_id)
                       .where(m.Demarche.id == demarche_id)).first()
    if row is None or not policy.can_process(actor, row[1].caf_id):
        raise Forbidden("démarche")
    demarche = row[0]
    if demarche.claimed_by_id != actor.agent_id or demarche.status == DemarcheStatus.TRAITEE:
        raise DomainError("", "Cette démarche n'est plus entre vos mains : reprenez-la dans la file.")
    if demarche.decided_at is not None and demarche.decision != Decision.VERIFIEE.value:
        raise DomainError("", "Cette démarche a déjà été traitée.")
    return demarche, row[1]


def _close(demarche: m.Demarche, actor: AgentActor, decision: Decision, motif: str = "",
           status: DemarcheStatus = DemarcheStatus.TRAITEE) -> None:
    now = clock.now()
    demarche.decision, demarche.motif, demarche.status = decision.value, motif, status
    demarche.decided_by_id, demarche.decided_at, demarche.updated_on = actor.agent_id, now, now
    demarche.claimed_by_id = demarche.claimed_at = None


def _months_affected(session: Session, demarche: m.Demarche, today: date) -> list[date]:
    """A declaration: the quarter its resources decide (the three months after the quarter declared); a demande:
    from the month it was sent to next month; a change: from the month it takes effect (at most a year back)."""
    now = first_of_month(today)
    if demarche.kind == DemarcheKind.DECLARATION_TRIMESTRIELLE:
        row = session.exec(select(m.DeclarationTrimestrielle)
                           .where(m.DeclarationTrimestrielle.demarche_id == demarche.id)).first()
        start = add_months(row.quarter_start, 3) if row else now
        return [add_months(start, i) for i in range(3)]
    sent_on = m.aware(demarche.created_on).astimezone(clock.PARIS).date()  # the Caf's day it arrived
    start = max(first_of_month(sent_on), add_months(now, -12))
    months, month = [], start
    while month <= add_months(now, 1):
        months.append(month)
        month = add_months(month, 1)
    return months


def _demande_of(session: Session, demarche: m.Demarche) -> m.Demande | None:
    """The demande a démarche sends, or None for what is not a demande."""
    if demarche.kind != DemarcheKind.DEMANDE_PRESTATION:
        return None
    return session.exec(select(m.Demande).where(m.Demande.demarche_id == demarche.id)).first()


def _bafa(session: Session, demarche: m.Demarche, row: m.Demande, dossier: m.Dossier,
          today: date) -> Recomputation:
    """A demande d'aide au BAFA accepted: the Caf's amount (domain/gestion.bafa_cents), once for a person, added to
    the droits of this month that the next run pays, with its why for « Pourquoi ce montant a changé ? » and the
    notification de droits (every droit of the month, as after a recomputation)."""
    run.lock_dossiers(session, [dossier.id])  # two agents granting one at once: one after the other
    granted = session.exec(select(m.Demande.id).join(m.Demarche, m.Demarche.id == m.Demande.demarche_id).where(
        m.Demande.person_id == row.person_id, m.Demande.kind == DemandeKind.BAFA, m.Demande.id != row.id,
        m.Demarche.decision == Decision.ACCEPTEE.value)).first()
    if granted is not None:
        raise DomainError("", "L'aide au BAFA a déjà été accordée à cette personne : elle est versée une seule "
                              "fois. Refusez cette demande avec le motif qui convient.")
    cents, why = bafa_cents(json.loads(row.answers_json))
    month = first_of_month(today)
    droits = session.exec(select(m.Droit).where(m.Droit.dossier_id == dossier.id, m.Droit.month == month)).all()
    held = next((droit for droit in droits if droit.prestation == Prestation.BAFA), None)  # a brother's, this month
    if held is None:
        held = m.Droit(dossier_id=dossier.id, month=month, prestation=Prestation.BAFA, amount_cents=0)
        droits.append(held)
    before = held.amount_cents or 0
    held.amount_cents, held.computed_at = before + cents, clock.now()
    session.add(held)
    change = record_change(session, dossier.id, ChangeLine(month, Prestation.BAFA, before, before + cents,
                                                           ((why, cents),)), demarche.id)
    amounts = {droit.prestation: droit.amount_cents or 0 for droit in droits}
    return Recomputation(dossier.id, changes=(change,), months_amounts={month: dict(sorted(amounts.items()))})


def _apply_change(session: Session, demarche: m.Demarche) -> None:
    """A declared change becomes the dossier's situation: situations known, a birth a member, a departure gone."""
    members = session.exec(select(m.Member).where(m.Member.dossier_id == demarche.dossier_id)).all()
    for situation in session.exec(select(m.Situation).where(
            m.Situation.status == SituationStatus.EN_COURS,
            m.Situation.member_id.in_([member.id for member in members]))):  # type: ignore[union-attr]
        situation.status = SituationStatus.CONNUE
    for member in members:
        if member.pending:
            if demarche.detail.startswith("Départ"):
                session.delete(member)
            else:
                member.pending = False


def accept(*, session: Session, actor: AgentActor, demarche_id: int, today: date) -> str:
    """Accept: the droits of the months it affects are computed again and notified; returns what happened, for
    the agent."""
    demarche, dossier = _taken(session, actor, demarche_id)
    if demarche.title == BANK_CHANGE_TITLE:
        return _bank_step(session, actor, demarche, dossier, today)
    if demarche.kind == DemarcheKind.MESSAGE:
        raise DomainError("", "Un message appelle une réponse : écrivez-la ci-dessous.")
    signalement = bailleur.signalement_of(session, demarche.id)
    if signalement is not None:  # a bailleur's declaration: applied to the lease, the tenant told; no recomputation
        _close(demarche, actor, Decision.ACCEPTEE)
        session.flush()
        return bailleur.accepted(session=session, signalement=signalement, dossier=dossier, demarche=demarche,
                                 today=today)
    if demarche.kind == DemarcheKind.CHANGEMENT_SITUATION:
        _apply_change(session, demarche)
    _close(demarche, actor, Decision.ACCEPTEE)
    session.flush()
    if demarche.kind == DemarcheKind.DOCUMENT:
        session.commit()
        return "Documents acceptés."
    demande = _demande_of(session, demarche)
    if demande is not None and demande.kind == DemandeKind.BAFA:
        granted = _bafa(session, demarche, demande, dossier, today)
        letters.notify_droits(session=session, dossier=dossier, demarche=demarche, result=granted, today=today)
        session.commit()
        return letters.summary(granted)
    # A demande's prestations (() when the rules compute none of them); None: the dossier's own are recomputed.
    prestations = None if demarche.kind != DemarcheKind.DEMANDE_PRESTATION else \
        DEMANDE_PRESTATIONS.get(demande.kind, ()) if demande else ()
    if prestations == ():
        letters.notify_accepted(session=session, dossier=dossier, demarche=demarche, today=today)
        session.commit()
        return "Acceptée ; le courriel est envoyé (aucun montant n'est calculé ici pour cette demande)."
    result = letters.recompute(session=session, dossier_id=dossier.id, demarche_id=demarche.id, today=today,
                               months=_months_affected(session, demarche, today), prestations=prestations)
    letters.notify_droits(session=session, dossier=dossier, demarche=demarche, result=result, today=today)
    session.commit()
    return letters.summary(result)


def refuse(*, session: Session, actor: AgentActor, demarche_id: int, motif: str, detail: str, today: date) -> str:
    """Refuse with a motif of the list (and words of one's own): a courrier says why and how to contest."""
    text = check_motif(motif, detail)
    demarche, dossier = _taken(session, actor, demarche_id)
    if demarche.title == BANK_CHANGE_TITLE:
        for new in session.exec(select(m.BankAccount).where(m.BankAccount.dossier_id == dossier.id,
                                                            m.BankAccount.status == BankAccountStatus.PENDING)):
            new.status = BankAccountStatus.REPLACED  # kept for the record, never paid to
    _close(demarche, actor, Decision.REFUSEE, text)
    session.flush()
    if bailleur.signalement_of(session, demarche.id) is not None:  # a bailleur reads the refusal in its space
        session.commit()
        return "Refus enregistré ; le bailleur le lit dans son espace, le locataire ne reçoit rien."
    letters.notify_refusal(session=session, dossier=dossier, demarche=demarche, motif=motif, detail=detail,
                           today=today)
    session.commit()
    return "Refus enregistré ; le courrier est envoyé."


def ask_piece(*, session: Session, actor: AgentActor, demarche_id: int, label: str, today: date) -> str:
    """Ask for a piece: « À transmettre » and the alert on the Accueil, a courrier and a mail; the item waits."""
    label = check_piece(label)
    demarche, dossier = _taken(session, actor, demarche_id)
    due = today + PIECE_DELAY
    session.add(m.PieceDemandee(dossier_id=dossier.id, label=label, requested_on=today, due_on=due))
    if session.exec(select(m.Alerte).where(m.Alerte.dossier_id == dossier.id, m.Alerte.resolved_at == None,  # noqa: E711
                                           m.Alerte.kind == AlertKind.PIECE_DEMANDEE)).first() is None:
        session.add(m.Alerte(dossier_id=dossier.id, kind=AlertKind.PIECE_DEMANDEE, title="Information manquante",
                             message=f"Votre Caf vous demande : {label}. À transmettre avant le {format_date(due)}.",
                             created_on=today))
    _close(demarche, actor, Decision.PIECE, label, status=DemarcheStatus.EN_COURS)
    session.flush()
    letters.notify_piece(session=session, dossier=dossier, demarche=demarche, label=label, due=due, today=today)
    session.commit()
    return "Pièce demandée ; l'allocataire la voit dans « À transmettre »."


def answer(*, session: Session, actor: AgentActor, demarche_id: int, text: str, today: date) -> str:
    """Answer a message written to « Contacter ma Caf »: a courriel with its red dot, and a mail."""
    text = check_answer(text)
    demarche, dossier = _taken(session, actor, demarche_id)
    _close(demarche, actor, Decision.REPONDU)
    session.flush()
    notifications.answer(session=session, dossier_id=dossier.id, subject=f"Réponse : {demarche.title}", text=text,
                         today=today, demarche_id=demarche.id)
    session.commit()
    return "Réponse envoyée."


def _bank_step(session: Session, actor: AgentActor, demarche: m.Demarche, dossier: m.Dossier, today: date) -> str:
    """New bank details: the first agent checks them (the old account stays in use); a second one validates."""
    rows = session.exec(select(m.BankAccount).where(m.BankAccount.dossier_id == dossier.id)).all()
    new = next((b for b in rows if b.status == BankAccountStatus.PENDING), None)
    if new is None:
        raise DomainError("", "Aucune nouvelle coordonnée bancaire n'attend de validation.")
    if demarche.decision != Decision.VERIFIEE.value:
        new.checked_by_id = actor.agent_id
        _close(demarche, actor, Decision.VERIFIEE, status=DemarcheStatus.EN_COURS)
        session.commit()
        return "Coordonnées vérifiées : un second agent doit les valider avant le prochain paiement."
    if not policy.can_validate_bank_change(actor, dossier.caf_id, new.checked_by_id):
        raise DomainError("", "Vous avez vérifié ces coordonnées bancaires : un autre agent doit les valider.")
    for old in rows:
        if old.status == BankAccountStatus.ACTIVE:
            old.status = BankAccountStatus.REPLACED
    new.status = BankAccountStatus.ACTIVE
    _close(demarche, actor, Decision.ACCEPTEE)
    session.flush()
    notifications.answer(session=session, dossier_id=dossier.id, subject="Vos coordonnées bancaires",
                         text=f"Vos nouvelles coordonnées bancaires sont enregistrées depuis le {format_date(today)}. "
                              "Vos prochains paiements seront versés sur ce compte.",
                         today=today, demarche_id=demarche.id)
    session.commit()
    return "Coordonnées validées : les prochains paiements iront sur ce compte."
