"""An organisation's administrator manages its own staff's accounts in Mon Compte Partenaire: the list, a new
account (an identifier, a name, a first password typed twice and handed over by the administrator, the
authenticator's key shown once), and « Désactiver » (its sessions end at once)."""

from __future__ import annotations

import logging
from dataclasses import dataclass

from sqlmodel import Session, col, select, update

from ... import clock, models as m
from ...domain import policy
from ...domain.dates import format_date
from ...domain.errors import DomainError, Forbidden
from ...domain.gestion import AgentActor, AgentRole
from ..gestion import agents

log = logging.getLogger("caf_app.partenaires")


@dataclass(frozen=True)
class StaffLine:
    id: int
    login: str
    name: str
    role: str
    status: str
    active: bool
    me: bool


def _checked(actor: AgentActor) -> None:
    if not policy.can_manage_staff(actor, actor.organisation_id):
        raise Forbidden("personnel")


def staff(*, session: Session, actor: AgentActor) -> list[StaffLine]:
    """The organisation's accounts, by name (one query)."""
    _checked(actor)
    rows = session.exec(select(m.Agent).where(m.Agent.organisation_id == actor.organisation_id)
                        .order_by(col(m.Agent.name))).all()
    return [StaffLine(row.id, row.login, row.name, AgentRole(row.role).label,
                      "Actif" if row.disabled_at is None else
                      f"Désactivé le {format_date(m.aware(row.disabled_at).astimezone(clock.PARIS).date())}",
                      row.disabled_at is None, row.id == actor.agent_id) for row in rows]


def create(*, session: Session, actor: AgentActor, login: str, name: str, password: str, confirmation: str,
           key: str) -> agents.NewAgent:
    """A staff account of the administrator's organisation (never an administrator: the Caf names those)."""
    _checked(actor)
    organisation = session.get(m.Organisation, actor.organisation_id)
    departement = session.get(m.Caf, organisation.caf_id).department
    made = agents.create_agent(session=session, login=login, name=name, departement=departement,
                               role=AgentRole.PARTENAIRE.value, password=password, confirmation=confirmation,
                               key=key, organisation_id=organisation.id)
    log.info("compte partenaire %s ouvert par %s (organisation %s)", made.login, actor.agent_id, organisation.id)
    return made


def disable(*, session: Session, actor: AgentActor, staff_id: int) -> str:
    """Close a staff account of the organisation: its sessions are revoked now (not the administrator's own)."""
    _checked(actor)
    row = session.get(m.Agent, staff_id)
    if row is None or row.organisation_id != actor.organisation_id:
        raise Forbidden("personnel")
    if row.id == actor.agent_id:
        raise DomainError("", "Vous ne pouvez pas désactiver votre propre compte : demandez-le à la Caf.")
    if row.disabled_at is None:
        now = clock.now()
        row.disabled_at = now
        session.exec(update(m.AgentSession).where(m.AgentSession.agent_id == row.id,
                                                  m.AgentSession.revoked_at == None)  # noqa: E711
                     .values(revoked_at=now))
        # and the protégés' Mon Compte they opened as tuteur moral (the Agent row's change voids their memory)
        session.exec(update(m.UserSession).where(m.UserSession.partner_agent_id == row.id,
                                                 m.UserSession.revoked_at == None)  # noqa: E711
                     .values(revoked_at=now))
        session.commit()
        log.info("compte partenaire %s désactivé par %s", row.login, actor.agent_id)
    return f"Le compte de {row.name} est désactivé."

