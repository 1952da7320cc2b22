"""CDAP, consultation des données de l'allocataire par le partenaire: a partner's staff member finds a dossier of
their territory by its numéro and the allocataire's birth name, says why, and reads the subset the service opens
(the household, the droits and the payments of the last three months). Each consultation is recorded with its
purpose, and the allocataire reads it in Mon Compte (« Qui a consulté mon dossier »)."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import date

from sqlmodel import Session, col, select

from ... import clock, models as m
from ...domain import policy
from ...domain.dates import add_months, first_of_month, format_date, format_month, format_time
from ...domain.errors import DomainError, Forbidden
from ...domain.gestion import AgentActor
from ...domain.money import format_euros
from ...domain.names import comparable
from ...domain.partners import CDAP_PURPOSES, NOT_FOUND
from ...domain.roles import Actor, MemberRole
from .habilitations import held

log = logging.getLogger("caf_app.partenaires")
MONTHS = 3  # the droits and payments a consultation shows
ROLES = {MemberRole.ALLOCATAIRE: "Allocataire", MemberRole.CONJOINT: "Conjoint(e)", MemberRole.ENFANT: "Enfant",
         MemberRole.AUTRE: "Autre personne à charge"}


@dataclass(frozen=True)
class Line:
    label: str
    detail: str
    amount: str


@dataclass(frozen=True)
class CdapView:
    numero: str
    allocataire: str
    commune: str
    purpose: str
    members: list[Line]  # (name, role, born)
    droits: list[Line]  # (prestation, month, amount)
    payments: list[Line]  # (date, "", total)


@dataclass(frozen=True)
class ServiceLine:
    key: str  # domain.partners.PartnerService value
    service: str
    departement: str
    until: str


@dataclass(frozen=True)
class ConsultationLine:
    at: str
    organisation: str
    purpose: str


def services(*, session: Session, actor: AgentActor, today: date) -> list[ServiceLine]:
    """What the staff member's organisation holds today (Mon Compte Partenaire's home)."""
    if not actor.partner:
        raise Forbidden("partenaire")
    return [ServiceLine(h.service.value, h.service.label, h.departement, format_date(h.valid_until))
            for h in held(session, actor.organisation_id)
            if h.covers(h.service, h.departement, today)]


def _checked(numero: str, birth_name: str, purpose: str) -> tuple[str, str]:
    numero = "".join(numero.split())
    errors = []
    if not (numero.isdigit() and len(numero) == 7):
        errors.append(DomainError("numero", "Le numéro allocataire compte 7 chiffres."))
    if not comparable(birth_name):
        errors.append(DomainError("nom", "Indiquez le nom de naissance de l'allocataire."))
    if purpose not in CDAP_PURPOSES:
        errors.append(DomainError("motif", "Choisissez le motif de la consultation : il est conservé et "
                                           "l'allocataire le voit."))
    if errors:
        raise errors[0]
    return numero, comparable(birth_name)


def consult(*, session: Session, actor: AgentActor, numero: str, birth_name: str, purpose: str,
            today: date) -> CdapView:
    """The dossier's subset, once the policy allows it (a CDAP habilitation of the organisation, for the dossier's
    département, valid today); any refusal reads as « no such dossier of your territory » and is logged."""
    if not actor.partner:
        raise Forbidden("cdap")
    numero, name = _checked(numero, birth_name, purpose)
    row = session.exec(select(m.Dossier, m.Person, m.Caf.department)
                       .join(m.Person, m.Person.id == m.Dossier.allocataire_id)
                       .join(m.Caf, m.Caf.id == m.Dossier.caf_id)
                       .where(m.Dossier.numero_allocataire == numero, m.Dossier.active)).first()
    habilitations = held(session, actor.organisation_id)
    if (row is None or comparable(row[1].birth_name) != name
            or not policy.can_consult_dossier(actor, habilitations, row[2], today)):
        log.warning("CDAP refusée : partenaire %s (organisation %s), dossier %s, %s", actor.agent_id,
                    actor.organisation_id, numero, "inconnu" if row is None else "hors habilitation ou nom différent")
        raise DomainError("numero", NOT_FOUND)
    dossier, allocataire, _ = row
    session.add(m.DossierConsultation(agent_id=actor.agent_id, dossier_id=dossier.id, reason=purpose))
    members = session.exec(select(m.Member.role, m.Person).join(m.Person, m.Person.id == m.Member.person_id)
                           .where(m.Member.dossier_id == dossier.id).order_by(m.Member.id)).all()
    since = add_months(first_of_month(today), 1 - MONTHS)
    droits = session.exec(select(m.Droit).where(m.Droit.dossier_id == dossier.id, m.Droit.month >= since,
                                                m.Droit.month <= today, m.Droit.amount_cents > 0)
                          .order_by(col(m.Droit.month).desc(), m.Droit.id)).all()
    payments = session.exec(select(m.Paiement.paid_on, m.Paiement.total_cents)
                            .where(m.Paiement.dossier_id == dossier.id, m.Paiement.paid_on <= today)
                            .order_by(col(m.Paiement.paid_on).desc()).limit(MONTHS)).all()
    session.commit()
    log.info("CDAP : partenaire %s (organisation %s) a consulté le dossier %s (%s)", actor.agent_id,
             actor.organisation_id, numero, purpose)
    return CdapView(
        numero, f"{allocataire.first_names} {allocataire.birth_name}", dossier.city, purpose,
        [Line(f"{person.first_names} {person.usage_name or person.birth_name}", ROLES[MemberRole(role)],
              f"né(e) en {person.birth_date.year}" if person.birth_date else "") for role, person in members],
        [Line(d.prestation.label, format_month(d.month, capital=True), format_euros(d.amount_cents))
         for d in droits],
        [Line(f"Paiement du {format_date(paid_on)}", "", format_euros(cents)) for paid_on, cents in payments])


def consultations(*, session: Session, actor: Actor, limit: int = 50) -> list[ConsultationLine]:
    """« Qui a consulté mon dossier » : the partners' consultations of the dossier, latest first (one query)."""
    if actor.dossier_id is None or not policy.can_view_consultations(actor, actor.dossier_id):
        raise Forbidden("consultations")
    rows = session.exec(select(m.DossierConsultation.at, m.DossierConsultation.reason, m.Organisation.name)
                        .join(m.Agent, m.Agent.id == m.DossierConsultation.agent_id)
                        .join(m.Organisation, m.Organisation.id == m.Agent.organisation_id)
                        .where(m.DossierConsultation.dossier_id == actor.dossier_id)
                        .order_by(col(m.DossierConsultation.at).desc()).limit(limit)).all()
    return [ConsultationLine(_when(at), name, reason) for at, reason, name in rows]


def _when(at) -> str:
    local = m.aware(at).astimezone(clock.PARIS)
    return f"le {format_date(local.date())} à {format_time(local)}"

