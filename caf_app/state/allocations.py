"""Allocations: "Mes droits" month by month over 24 months, and "Mes paiements" with their details."""

from __future__ import annotations

import reflex as rx

from .. import clock
from ..domain.dates import add_months, with_de
from ..services.payments import dettes, dossier, paiements
from .private import PrivateState, private_event

MONTHS = 24


class AllocationsState(PrivateState, rx.State):
    """What the page shows of the dossier (its loader fills it). The tab and the opened payment are a state of
    their own (AllocationsTabs): a click on them loads and saves a few bytes, not the 24 payments."""

    month_back: int = 0  # 0 = this month, 23 = the oldest month shown
    month_label: str = ""
    payment_years: list[paiements.PaymentYear] = []  # the 24 payments, newest first, grouped by year
    bars: list[paiements.MonthBar] = []  # the table: the months paid
    legend: list[str] = []
    chart: list[dict[str, str | float]] = []  # the chart (rx.recharts): the 12 months, one key per prestation
    debts: list[dettes.OwedLine] = []  # "le détail de mes dettes", under the payments and their retenues
    _month_lines: list[dossier.DroitLine] = []

    def _forget(self) -> None:
        self._month_lines, self.payment_years, self.bars, self.chart, self.debts = [], [], [], [], []

    @rx.var
    def droits_heading(self) -> str:
        """"Mes droits de Novembre 2026", "Mes droits d'Octobre 2026"."""
        return f"Mes droits {with_de(self.month_label)}" if self.month_label else ""

    @rx.var
    def droits(self) -> list[dossier.DroitLine]:
        return [line for line in self._month_lines if not line.motif]

    @rx.var
    def sans_droits(self) -> list[dossier.DroitLine]:
        return [line for line in self._month_lines if line.motif]

    async def _show_month(self) -> None:
        self.month_label, self._month_lines = await self.call(
            dossier.droits_of_month, month=add_months(clock.today(), -self.month_back))

    @private_event(loader=True)
    async def load(self):
        await self._show_month()
        self.payment_years = paiements.by_year(await self.call(paiements.payment_details))
        self.bars, self.legend, months = await self.call(paiements.last_12_months, today=clock.today())
        self.chart = [{"mois": month.short, "mois_complet": month.month, "total": month.total, **month.euros}
                      for month in months]
        self.debts = await self.call(dettes.owed)

    @private_event
    async def move(self, months: int):
        """Précédent (+1, older) or Suivant (-1, newer), within the 24 months."""
        self.month_back = min(MONTHS - 1, max(0, self.month_back + months))
        await self._show_month()



class AllocationsTabs(PrivateState, rx.State):
    tab: str = "droits"
    opened: int = 0  # the payment whose detail is open

    @private_event
    async def show(self, tab: str):
        await self.checked()  # every event checks the session, not only the page load
        if tab in ("droits", "paiements"):
            self.tab = tab

    @rx.event
    def toggle(self, payment_id: int):
        self.opened = 0 if self.opened == payment_id else payment_id
