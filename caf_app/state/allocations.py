"""Allocations: "Mes droits" month by month over 24 months, and "Mes paiements" with their details."""

from __future__ import annotations

import reflex as rx
from sqlmodel import Session

from .. import clock
from ..domain.dates import add_months, with_de
from ..services.payments import dossier, paiements
from .private import DossierPage
from .session import current_actor, session_ended

MONTHS = 24


class AllocationsState(DossierPage, rx.State):
    tab: str = "droits"
    month_back: int = 0  # 0 = this month, 23 = the oldest month shown
    month_label: str = ""
    droits: list[dossier.DroitLine] = []
    sans_droits: list[dossier.DroitLine] = []
    payments: list[paiements.PaymentDetail] = []
    opened: int = 0  # the payment whose detail is open
    bars: list[paiements.MonthBar] = []
    legend: list[str] = []

    def _forget(self) -> None:
        self.droits, self.sans_droits, self.payments, self.bars = [], [], [], []

    @rx.var
    def droits_heading(self) -> str:
        """"Mes droits de Novembre 2026", "Mes droits d'Octobre 2026"."""
        return f"Mes droits {with_de(self.month_label)}" if self.month_label else ""

    def _load_month(self, session: Session, actor) -> None:
        label, lines = dossier.droits_of_month(session=session, actor=actor,
                                               month=add_months(clock.today(), -self.month_back))
        self.month_label = label
        self.droits = [line for line in lines if not line.motif]
        self.sans_droits = [line for line in lines if line.motif]

    @rx.event
    async def load(self):
        def read(session, actor):
            self._load_month(session, actor)
            self.payments = paiements.payment_details(session=session, actor=actor)
            self.bars, self.legend = paiements.last_12_months(session=session, actor=actor, today=clock.today())

        await self._read(read)

    @rx.event
    async def show(self, tab: str):
        if await current_actor(self) is None:  # every event checks the session, not only the page load
            return session_ended()
        if tab in ("droits", "paiements"):
            self.tab = tab
        return None

    @rx.event
    async def move(self, months: int):
        """Précédent (+1, older) or Suivant (-1, newer), within the 24 months."""
        self.month_back = min(MONTHS - 1, max(0, self.month_back + months))
        return None if await self._read(self._load_month) else session_ended()

    @rx.event
    def toggle(self, payment_id: int):
        self.opened = 0 if self.opened == payment_id else payment_id
