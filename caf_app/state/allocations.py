"""Allocations: the two tabs "Mes droits" and "Mes paiements"."""

from __future__ import annotations

from datetime import date

import reflex as rx
from sqlmodel import Session

from ..db import engine
from ..domain.errors import Forbidden
from ..services import dossier
from .accueil import NO_ACCESS
from .session import current_actor, session_ended


class AllocationsState(rx.State):
    tab: str = "droits"
    month_label: str = ""
    droits: list[dossier.DroitLine] = []
    payments: list[dossier.PaymentLine] = []
    restricted_message: str = ""
    loaded: bool = False

    @rx.event
    async def load(self):
        actor = await current_actor(self)
        if actor is None:
            return
        try:
            with Session(engine()) as session:
                self.month_label, self.droits = dossier.droits_of_month(session=session, actor=actor,
                                                                        month=date.today())
                self.payments = dossier.payments(session=session, actor=actor)
            self.restricted_message = ""
        except Forbidden:
            self.droits, self.payments, self.restricted_message = [], [], NO_ACCESS
        self.loaded = True

    @rx.event
    async def show(self, tab: str):
        if await current_actor(self) is None:  # every event checks the session, not only the page load
            return session_ended()
        if tab in ("droits", "paiements"):
            self.tab = tab
