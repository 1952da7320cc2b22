"""Mes démarches: "À transmettre" and "À consulter"."""

from __future__ import annotations

from datetime import date

import reflex as rx
from sqlmodel import Session

from ..db import engine
from ..domain.errors import Forbidden
from ..services import demarches
from .accueil import NO_ACCESS
from .session import current_actor, session_ended


class DemarchesState(rx.State):
    tab: str = "transmettre"
    pieces: list[demarches.PieceLine] = []
    history: list[demarches.DemarcheLine] = []
    restricted_message: str = ""
    loaded: bool = False

    @rx.event
    async def load(self):
        actor = await current_actor(self)
        if actor is None:
            return
        try:
            with Session(engine()) as session:
                self.pieces = demarches.pieces_to_send(session=session, actor=actor)
                self.history = demarches.history(session=session, actor=actor, today=date.today())
            self.restricted_message = ""
        except Forbidden:
            self.pieces, self.history, self.restricted_message = [], [], NO_ACCESS
        self.loaded = True

    @rx.event
    async def show(self, tab: str):
        if await current_actor(self) is None:  # every event checks the session, not only the page load
            return session_ended()
        if tab in ("transmettre", "consulter"):
            self.tab = tab
