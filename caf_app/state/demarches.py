"""Mes démarches: "À transmettre" and "À consulter"."""

from __future__ import annotations

import reflex as rx

from .. import clock
from ..services.paperwork import demarches
from ..services.situation import declarations
from .private import DossierPage
from .session import current_actor, session_ended

PRESTATION_NAMES = {"rsa": "Rsa", "prime_activite": "Prime d'activité", "aah": "Aah"}
SLUGS = {"rsa": "rsa", "prime_activite": "prime-activite", "aah": "aah"}


class DemarchesState(DossierPage, rx.State):
    tab: str = "transmettre"
    pieces: list[demarches.PieceLine] = []
    history: list[demarches.DemarcheLine] = []
    delais: demarches.Delais | None = None
    declarations_due: list[tuple[str, str]] = []  # (prestation, route slug)
    opened: int = 0

    def _forget(self) -> None:
        self.pieces, self.history = [], []

    @rx.event
    async def load(self):
        def read(session, actor):
            self.pieces = demarches.pieces_to_send(session=session, actor=actor)
            self.history = demarches.history(session=session, actor=actor, today=clock.today())
            self.delais = demarches.delais(session=session, actor=actor)
            self.declarations_due = [(PRESTATION_NAMES[key], SLUGS[key]) for key in
                                     declarations.prestations_due(session=session, actor=actor, today=clock.today())]

        await self._read(read)

    @rx.event
    async def show(self, tab: str):
        if await current_actor(self) is None:  # every event checks the session, not only the page load
            return session_ended()
        if tab in ("transmettre", "consulter"):
            self.tab = tab

    @rx.event
    def open(self, demarche_id: int):
        self.opened = 0 if self.opened == demarche_id else demarche_id
