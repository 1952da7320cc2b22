"""Mes démarches: "À transmettre" and "À consulter"."""

from __future__ import annotations

import reflex as rx

from .. import clock
from ..services.paperwork import demarches
from ..services.situation import annual_declarations
from .private import PrivateState, private_event


class DemarchesState(PrivateState, rx.State):
    tab: str = "transmettre"
    pieces: list[demarches.PieceLine] = []
    history: list[demarches.DemarcheLine] = []
    delais: demarches.Delais | None = None
    declarations_due: list[tuple[str, str]] = []  # (prestation, route slug)
    annual_asked: list[annual_declarations.AnnualLink] = []  # annual declarations the Caf asks for
    opened: int = 0

    def _forget(self) -> None:
        self.pieces, self.history, self.annual_asked = [], [], []

    @private_event(loader=True)
    async def load(self):
        page = await self.call(demarches.page, today=clock.today())
        self.pieces, self.history, self.delais = page.pieces, page.history, page.delais
        self.declarations_due = [(p.declaration.name, p.slug) for p in page.declarations_due]
        self.annual_asked = await self.call(annual_declarations.links, today=clock.today(), asked_only=True)

    @private_event
    async def show(self, tab: str):
        await self.checked()  # every event checks the session, not only the page load
        if tab in ("transmettre", "consulter"):
            self.tab = tab

    @rx.event
    def open(self, demarche_id: int):
        self.opened = 0 if self.opened == demarche_id else demarche_id
