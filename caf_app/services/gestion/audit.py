"""What a superviseur reads: who opened which dossier and why, and the team's work (what each agent has in hand
and decided over the last 30 days). Agents never see a password hash, a session or a code here."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

import sqlalchemy as sa
from sqlmodel import Session, col, select

from ... import clock, models as m
from ...clock import PARIS
from ...domain import policy
from ...domain.dates import format_date, format_time
from ...domain.errors import Forbidden
from ...domain.gestion import AgentActor, AgentRole


@dataclass(frozen=True)
class Consultation:
    at: str
    agent: str
    numero: str
    reason: str


@dataclass(frozen=True)
class AgentWork:
    name: str
    role: str
    in_hand: int
    decided: int  # over the last 30 days


@dataclass(frozen=True)
class Team:
    consultations: list[Consultation]
    work: list[AgentWork]


def team(*, session: Session, actor: AgentActor, limit: int = 100) -> Team:
    """The Caf's consultations, latest first, and each agent's work (a superviseur only)."""
    if not policy.can_view_team(actor):
        raise Forbidden("audit")
    rows = session.exec(select(m.DossierConsultation, m.Agent.name, m.Dossier.numero_allocataire)
                        .join(m.Agent, m.Agent.id == m.DossierConsultation.agent_id)
                        .join(m.Dossier, m.Dossier.id == m.DossierConsultation.dossier_id)
                        .where(m.Agent.caf_id == actor.caf_id)
                        .order_by(col(m.DossierConsultation.at).desc()).limit(limit)).all()
    since = clock.now() - timedelta(days=30)
    demarche = m.Demarche.__table__.c
    in_hand = select(sa.func.count()).where(demarche.claimed_by_id == m.Agent.id).scalar_subquery()
    decided = select(sa.func.count()).where(demarche.decided_by_id == m.Agent.id,
                                            demarche.decided_at >= since).scalar_subquery()
    agents = session.exec(select(m.Agent.name, m.Agent.role, in_hand, decided)
                          .where(m.Agent.caf_id == actor.caf_id, m.Agent.organisation_id == None)  # noqa: E711
                          .order_by(col(m.Agent.name))).all()  # the Caf's own team, not its partners' staff
    def local(at):
        return m.aware(at).astimezone(PARIS)

    return Team([Consultation(f"{format_date(local(c.at).date())} {format_time(local(c.at))}", name, numero,
                              c.reason) for c, name, numero in rows],
                [AgentWork(name, AgentRole(role).label, hand, done) for name, role, hand, done in agents])
