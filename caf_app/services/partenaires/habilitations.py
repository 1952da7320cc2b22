"""The Caf's side of its partners: a superviseur lists the organisations of the Caf, opens a service to one of them
for a département until a date, and withdraws it; and what an organisation holds (read at every consultation)."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import date

from sqlmodel import Session, col, func, select

from ... import clock, models as m
from ...domain import policy
from ...domain.dates import format_date
from ...domain.errors import DomainError, Forbidden
from ...domain.gestion import AgentActor
from ...domain.partners import Habilitation, OrganisationKind, PartnerService, check_valid_until

log = logging.getLogger("caf_app.partenaires")


@dataclass(frozen=True)
class HabilitationLine:
    id: int
    service: str
    departement: str
    until: str
    status: str  # "Active", "Expirée le …", "Retirée le …"
    active: bool


@dataclass(frozen=True)
class OrganisationLine:
    id: int
    name: str
    kind: str
    staff: int
    habilitations: list[HabilitationLine]


def held(session: Session, organisation_id: int) -> list[Habilitation]:
    """What an organisation holds, withdrawn ones included (the policy tells them apart)."""
    rows = session.exec(select(m.Habilitation).where(m.Habilitation.organisation_id == organisation_id)).all()
    return [Habilitation(PartnerService(h.service), h.departement, h.valid_until, h.withdrawn_at is not None)
            for h in rows]


def _line(row: m.Habilitation, today: date) -> HabilitationLine:
    if row.withdrawn_at is not None:
        status = f"Retirée le {format_date(m.aware(row.withdrawn_at).astimezone(clock.PARIS).date())}"
    elif row.valid_until < today:
        status = f"Expirée le {format_date(row.valid_until)}"
    else:
        status = "Active"
    return HabilitationLine(row.id, PartnerService(row.service).label, row.departement,
                            format_date(row.valid_until), status, status == "Active")


def organisations(*, session: Session, actor: AgentActor, today: date) -> list[OrganisationLine]:
    """The partners of the superviseur's Caf, each with its staff count and its habilitations (three queries)."""
    if not actor.supervises:
        raise Forbidden("partenaires")
    orgs = session.exec(select(m.Organisation).where(m.Organisation.caf_id == actor.caf_id)
                        .order_by(col(m.Organisation.name))).all()
    ids = [org.id for org in orgs]
    if not ids:
        return []
    rows = session.exec(select(m.Habilitation).where(col(m.Habilitation.organisation_id).in_(ids))
                        .order_by(col(m.Habilitation.granted_at).desc())).all()
    counts = dict(session.exec(select(m.Agent.organisation_id, func.count()).where(
        col(m.Agent.organisation_id).in_(ids)).group_by(m.Agent.organisation_id)).all())
    return [OrganisationLine(org.id, org.name, OrganisationKind(org.kind).label, counts.get(org.id, 0),
                             [_line(h, today) for h in rows if h.organisation_id == org.id]) for org in orgs]


def _organisation(session: Session, actor: AgentActor, organisation_id: int) -> m.Organisation:
    org = session.get(m.Organisation, organisation_id)
    if org is None or not policy.can_habilitate(actor, org.caf_id):
        log.warning("habilitation refusée : agent %s, organisation %s", actor.agent_id, organisation_id)
        raise Forbidden("organisation")
    return org


def habilitate(*, session: Session, actor: AgentActor, organisation_id: int, service: str, valid_until: date | None,
               today: date) -> str:
    """Open a service to an organisation of the superviseur's Caf, for the Caf's département, until a date."""
    org = _organisation(session, actor, organisation_id)
    try:
        kind = PartnerService(service)
    except ValueError:
        raise DomainError("service", "Choisissez le service à ouvrir.") from None
    until = check_valid_until(valid_until, today)
    departement = session.get(m.Caf, org.caf_id).department
    session.add(m.Habilitation(organisation_id=org.id, service=kind.value, departement=departement, valid_until=until,
                               granted_by_id=actor.agent_id))
    session.commit()
    log.info("habilitation : %s pour %s (%s) jusqu'au %s, par l'agent %s", kind.value, org.id, departement, until,
             actor.agent_id)
    return f"{org.name} est habilité(e) pour « {kind.label} » jusqu'au {format_date(until)}."


def end_tutor_sessions(session: Session, organisation_id: int) -> int:
    """The Mon Compte sessions the organisation's staff opened as tuteur moral (services/partenaires/tutelles.py),
    ended now (the caller commits): its habilitation « Tuteur moral » was withdrawn."""
    rows = session.exec(select(m.UserSession).join(m.Agent, m.Agent.id == m.UserSession.partner_agent_id)
                        .where(m.Agent.organisation_id == organisation_id,
                               m.UserSession.revoked_at == None)).all()  # noqa: E711
    for row in rows:
        row.revoked_at = clock.now()
        session.add(row)  # the ORM hook gives the staff member's sessions new epochs (session_cache.py)
    return len(rows)


def withdraw(*, session: Session, actor: AgentActor, habilitation_id: int) -> str:
    row = session.get(m.Habilitation, habilitation_id)
    org = _organisation(session, actor, row.organisation_id if row is not None else 0)
    if row.withdrawn_at is None:
        row.withdrawn_at = clock.now()
        if row.service == PartnerService.TUTEUR.value:  # the protégés' Mon Compte opened under it: ended now
            end_tutor_sessions(session, row.organisation_id)
        session.commit()
        log.info("habilitation %s retirée par l'agent %s", row.id, actor.agent_id)
    return f"L'habilitation « {PartnerService(row.service).label} » de {org.name} est retirée."
