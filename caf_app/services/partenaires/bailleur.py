"""L'espace bailleur: a landlord who receives the aide au logement of its tenants (tiers payant, models.Bail) sees,
for each lease of its territory, what the Caf paid it month by month, and declares an unpaid rent or the end of the
lease. A declaration is a démarche of the tenant's dossier, recorded as made by the staff member, which the Caf's
queue processes like any other; accepting it applies it (the lease ends: the aide is no longer paid to the
bailleur after it) and tells the tenant by a courriel. Every refusal of the policy reads « not one of your leases »
and is logged."""

from __future__ import annotations

import logging
import secrets
from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import and_
from sqlmodel import Session, col, select

from ... import clock, models as m
from ...domain import policy
from ...domain.contacts import parse_date
from ...domain.dates import format_date, format_month
from ...domain.errors import DomainError, Forbidden
from ...domain.gestion import AgentActor, Decision
from ...domain.money import format_euros, parse_euros
from ...domain.partners import SignalementKind, check_fin_bail, check_impaye, impaye_months
from ...domain.statuses import DemarcheKind, DemarcheStatus
from ..communications import notifications
from ..identity.people import full_name
from ..payments.run import TIERS
from .habilitations import held

log = logging.getLogger("caf_app.partenaires")
# The démarche's title and the bailleur's confirmation agree with the declaration (« Impayé » m., « Fin » f.).
SIGNALE = {SignalementKind.IMPAYE: "signalé", SignalementKind.FIN_BAIL: "signalée"}
TRANSMIS = {SignalementKind.IMPAYE: "transmis", SignalementKind.FIN_BAIL: "transmise"}
NOT_YOURS = "Ce bail n'est pas l'un des vôtres, ou votre organisation n'est plus habilitée pour ce territoire."


@dataclass(frozen=True)
class Versement:
    paid_on: str  # "05/11/2026"
    month: str  # the month of aide it pays: "Octobre 2026"
    amount: str


@dataclass(frozen=True)
class SignalementLine:
    at: str
    label: str  # "Impayé de loyer depuis octobre 2026 : 490,00 €"
    status: str  # the Caf's answer (_status): "Déclaration reçue par la Caf, en cours de traitement", …


@dataclass(frozen=True)
class Locataire:
    bail_id: int
    tenant: str
    numero: str
    logement: str
    loyer: str
    status: str  # "Aide versée à votre organisation depuis le 01/09/2023" or "Bail terminé le …"
    versements: list[Versement]
    signalements: list[SignalementLine]


@dataclass(frozen=True)
class MonthChoice:
    value: str  # ISO first day
    label: str  # "Novembre 2026"


def month_choices(today: date) -> list[MonthChoice]:
    return [MonthChoice(month.isoformat(), format_month(month, capital=True)) for month in impaye_months(today)]


def _leases(session: Session, actor: AgentActor, today: date, bail_id: int | None = None, *columns):
    """The organisation's leases the policy opens today: (bail, numéro, tenant, département, *columns) rows (the
    columns: what the caller joins to each lease)."""
    if not actor.partner:
        raise Forbidden("bailleur")
    query = (select(m.Bail, m.Dossier.numero_allocataire, m.Person, m.Caf.department, *columns)
             .join(m.Dossier, m.Dossier.id == m.Bail.dossier_id)
             .join(m.Person, m.Person.id == m.Dossier.allocataire_id)
             .join(m.Caf, m.Caf.id == m.Dossier.caf_id)
             .where(m.Bail.organisation_id == actor.organisation_id))
    if bail_id is not None:
        query = query.where(m.Bail.id == bail_id)
    query = query.order_by(m.Bail.id)
    if columns:  # the aides paid to the bailleur for each lease over the last year, newest first
        query = (query.outerjoin(m.Paiement, and_(m.Paiement.bail_id == m.Bail.id, m.Paiement.destination == TIERS,
                                                  m.Paiement.paid_on <= today,
                                                  m.Paiement.paid_on > today - timedelta(days=365)))
                 .outerjoin(m.PaiementLigne, m.PaiementLigne.paiement_id == m.Paiement.id)
                 .order_by(col(m.Paiement.paid_on).desc(), m.PaiementLigne.id))
    habilitations = held(session, actor.organisation_id)
    return [row for row in session.exec(query).all()
            if policy.can_serve_bailleur(actor, habilitations, row[0].organisation_id == actor.organisation_id,
                                         row[3], today)]


def _status(demarche: m.Demarche) -> str:
    """The Caf's answer as the bailleur reads it: never the motif of a refusal, written for the tenant's file."""
    if demarche.decision == Decision.ACCEPTEE.value:
        return "Déclaration prise en compte par la Caf"
    if demarche.decision == Decision.REFUSEE.value:
        return "Déclaration non retenue par la Caf : contactez-la pour en savoir plus"
    return "Déclaration reçue par la Caf, en cours de traitement"


def _label(signalement: m.SignalementBailleur) -> str:
    if signalement.kind == SignalementKind.IMPAYE.value:
        return (f"Impayé de loyer depuis {format_month(signalement.on)} : "
                f"{format_euros(signalement.amount_cents or 0)} dus")
    return f"Fin du bail le {format_date(signalement.on)}"


def locataires(*, session: Session, actor: AgentActor, today: date) -> list[Locataire]:
    """The leases of the organisation on its territory, each with the aides paid to it over the last year and what
    it declared (three queries: the habilitations, the leases with their payments, the declarations)."""
    leases: dict[int, tuple] = {}
    paid: dict[int, list[Versement]] = {}
    for bail, numero, person, _, paid_on, start, cents in _leases(
            session, actor, today, None, m.Paiement.paid_on, m.PaiementLigne.period_start,
            m.PaiementLigne.amount_cents):
        leases.setdefault(bail.id, (bail, numero, person))
        paid.setdefault(bail.id, [])
        if cents is not None:
            paid[bail.id].append(Versement(format_date(paid_on), format_month(start, capital=True),
                                           format_euros(cents)))
    signalements: dict[int, list[SignalementLine]] = {bail_id: [] for bail_id in leases}
    if leases:
        for signalement, demarche in session.exec(
                select(m.SignalementBailleur, m.Demarche)
                .join(m.Demarche, m.Demarche.id == m.SignalementBailleur.demarche_id)
                .where(col(m.SignalementBailleur.bail_id).in_(list(leases)))
                .order_by(col(m.Demarche.created_on).desc())):
            signalements[signalement.bail_id].append(SignalementLine(
                _day(demarche.created_on), _label(signalement), _status(demarche)))
    return [Locataire(bail.id, full_name(person), numero, f"{bail.address_line}, {bail.postal_code} {bail.city}",
                      format_euros(bail.loyer_cents),
                      f"Bail terminé le {format_date(bail.ended_on)}" if bail.ended_on and bail.ended_on < today
                      else f"Aide au logement versée à votre organisation depuis le {format_date(bail.since)}",
                      paid[bail.id], signalements[bail.id])
            for bail, numero, person in leases.values()]


def _day(at) -> str:
    return format_date(m.aware(at).astimezone(clock.PARIS).date())


def _own(session: Session, actor: AgentActor, bail_id: int, today: date) -> tuple[m.Bail, m.Person]:
    rows = _leases(session, actor, today, bail_id) if bail_id else []
    if not rows:
        log.warning("espace bailleur refusé : partenaire %s (organisation %s), bail %s", actor.agent_id,
                    actor.organisation_id, bail_id)
        raise DomainError("locataire", NOT_YOURS)
    bail, _, person, _ = rows[0]
    return bail, person


def _pending(session: Session, bail_id: int, kind: SignalementKind) -> bool:
    return session.exec(select(m.SignalementBailleur.id)
                        .join(m.Demarche, m.Demarche.id == m.SignalementBailleur.demarche_id)
                        .where(m.SignalementBailleur.bail_id == bail_id, m.SignalementBailleur.kind == kind.value,
                               m.Demarche.status != DemarcheStatus.TRAITEE)).first() is not None


def _record(session: Session, actor: AgentActor, bail: m.Bail, kind: SignalementKind, on: date, detail: str,
            amount_cents: int | None = None) -> str:
    if _pending(session, bail.id, kind):
        raise DomainError("locataire", f"Vous avez déjà signalé « {kind.label} » pour ce bail : la Caf le traite.")
    organisation = session.get(m.Organisation, actor.organisation_id)
    demarche = m.Demarche(dossier_id=bail.dossier_id, kind=DemarcheKind.CHANGEMENT_SITUATION,
                          title=f"{kind.label} {SIGNALE[kind]} par le bailleur, {organisation.name}", detail=detail,
                          status=DemarcheStatus.RECUE, reference=f"B{secrets.token_hex(4).upper()}",
                          partner_id=actor.agent_id)
    session.add(demarche)
    session.flush()
    session.add(m.SignalementBailleur(bail_id=bail.id, demarche_id=demarche.id, kind=kind.value, on=on,
                                      amount_cents=amount_cents))
    session.commit()
    log.info("espace bailleur : partenaire %s a signalé %s pour le bail %s (%s)", actor.agent_id, kind.value, bail.id,
             demarche.reference)
    return f"{kind.label} {TRANSMIS[kind]} à la Caf (référence {demarche.reference})."


def declare_impaye(*, session: Session, actor: AgentActor, bail_id: int, first_month: str, owed: str,
                   today: date) -> str:
    """An unpaid rent, from its first month, with what the tenant owes: once constituted (domain.partners)."""
    bail, person = _own(session, actor, bail_id, today)
    try:
        month = date.fromisoformat(first_month)
    except ValueError:
        month = None
    cents = parse_euros(owed, field="montant")
    check_impaye(month, cents, bail.loyer_cents, today)
    return _record(session, actor, bail, SignalementKind.IMPAYE, month,
                   f"Loyer impayé depuis {format_month(month)} : {format_euros(cents)} dus au bailleur par "
                   f"{full_name(person)} (loyer charges comprises : {format_euros(bail.loyer_cents)}).", cents)


def declare_fin_bail(*, session: Session, actor: AgentActor, bail_id: int, end: str, today: date) -> str:
    """The lease's last day (the tenant leaves): the Caf stops paying the aide to the bailleur after it."""
    bail, person = _own(session, actor, bail_id, today)
    if bail.ended_on is not None:
        raise DomainError("locataire", f"Ce bail a pris fin le {format_date(bail.ended_on)}.")
    day = check_fin_bail(parse_date(end, field="fin", label="la date de fin du bail", today=today, future=True),
                         bail.since, today)
    return _record(session, actor, bail, SignalementKind.FIN_BAIL, day,
                   f"Fin du bail de {full_name(person)} au {bail.address_line}, {bail.postal_code} {bail.city} "
                   f"le {format_date(day)}.")


def signalement_of(session: Session, demarche_id: int) -> m.SignalementBailleur | None:
    return session.exec(select(m.SignalementBailleur)
                        .where(m.SignalementBailleur.demarche_id == demarche_id)).first()


def accepted(*, session: Session, signalement: m.SignalementBailleur, dossier: m.Dossier, demarche: m.Demarche,
             today: date) -> str:
    """The Caf takes a bailleur's declaration into account (the caller, an agent's decision, checked the policy and
    closes the démarche): the lease ends, or the impayé is known; the tenant is told by a courriel."""
    bail = session.get(m.Bail, signalement.bail_id)
    organisation = session.get(m.Organisation, bail.organisation_id)
    if signalement.kind == SignalementKind.FIN_BAIL.value:
        bail.ended_on = signalement.on
        text = (f"Votre bailleur, {organisation.name}, nous a informés de la fin de votre bail au "
                f"{bail.address_line}, {bail.postal_code} {bail.city}, le {format_date(signalement.on)}. Votre aide "
                "au logement ne lui sera plus versée pour les mois qui suivent. Si vous déménagez, déclarez votre "
                "nouvelle adresse dans « Déclarer un changement » : votre aide sera étudiée pour votre nouveau "
                "logement.")
        done = "Fin du bail prise en compte : l'aide au logement n'est plus versée au bailleur après cette date."
    else:
        text = (f"Votre bailleur, {organisation.name}, nous a signalé un impayé de loyer depuis "
                f"{format_month(signalement.on)} ({format_euros(signalement.amount_cents or 0)} à ce jour). Votre "
                "aide au logement continue de lui être versée. Prenez contact avec lui pour convenir d'un plan "
                "d'apurement de la dette, et avec votre Caf si vous avez besoin d'aide : le Fonds de solidarité "
                "pour le logement de votre département peut vous accompagner.")
        done = "Impayé pris en compte ; le locataire en est informé."
    notifications.answer(session=session, dossier_id=dossier.id,
                         subject=f"Votre logement : {SignalementKind(signalement.kind).label.lower()}",
                         text=text, today=today, demarche_id=demarche.id)
    return done
