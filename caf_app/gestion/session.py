"""The agent of a tab, read on the server from the HttpOnly cookie the websocket was opened with (api/gestion.py
sets it), checked in the database at every event: the agents' counterpart of state/session.py."""

from __future__ import annotations

from sqlmodel import Session

from ..api.gestion import AGENTS, PARTNERS
from ..db import engine
from ..domain.gestion import AgentActor
from ..services.gestion import agents
from ..settings import get_settings, origin_allowed
from ..state.session import cookies_of


def live_agent(router, *, partner: bool = False) -> AgentActor | None:
    """The agent (partner: the partner's staff member) of a live session (not revoked, within its 8 hours); None
    from a page of another origin."""
    if not origin_allowed(router.headers.origin):
        return None
    entry = PARTNERS if partner else AGENTS
    token = entry.token(cookies_of(router.headers.cookie), https=router.headers.origin.startswith("https://"))
    with Session(engine()) as session:
        return agents.agent_of(session=session, token=token, secret=get_settings().secret_key, partner=partner)
