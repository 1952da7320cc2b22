"""Mon profil: read the person's own information."""

from __future__ import annotations

import reflex as rx
from sqlmodel import Session

from ..db import engine
from ..services import profile
from .session import current_actor


class ProfilState(rx.State):
    view: profile.ProfileView | None = None

    @rx.event
    async def load(self):
        actor = await current_actor(self)
        if actor is None:
            return
        with Session(engine()) as session:
            self.view = profile.own_profile(session=session, actor=actor)
