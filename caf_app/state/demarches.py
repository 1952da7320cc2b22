"""Mes démarches: "À transmettre" and "À consulter"."""

from __future__ import annotations

import reflex as rx

from .. import clock
from ..services.paperwork import demarches
from ..services.situation import declarations
from .private import PrivateState, private_event


class DemarchesState(PrivateState, rx.State):
    tab: str = "transmettre"
    pieces: list[demarches.PieceLine] = []
    history: list[demarches.DemarcheLine] = []
    delais: demarches.Delais | None = None
    declarations_due: list[tuple[str, str]] = []  # (prestation, route slug)
    opened: int = 0

    def _forget(self) -> None:
        self.pieces, self.history = [], []

    @private_event(loader=True)
    async def load(self):
        self.pieces = await self.call(demarches.pieces_to_send)
        self.history = await self.call(demarches.history, today=clock.today())
        self.delais = await self.call(demarches.delais)
        self.declarations_due = [(p.declaration.name, p.slug) for p in
                                 await self.call(declarations.prestations_due, today=clock.today())]

    @private_event
    async def show(self, tab: str):
        await self.checked()  # every event checks the session, not only the page load
        if tab in ("transmettre", "consulter"):
            self.tab = tab

    @rx.event
    def open(self, demarche_id: int):
        self.opened = 0 if self.opened == demarche_id else demarche_id
