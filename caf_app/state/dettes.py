"""Mes dettes and the simulated payment page used to repay all or part of a debt."""

from __future__ import annotations

import reflex as rx

from .. import clock, routes
from ..domain.errors import DomainError
from ..domain.money import format_euros, parse_euros
from ..services.payments import dettes
from .private import PrivateState, private_event


class DettesState(PrivateState, rx.State):
    debts: list[dettes.DebtView] = []
    errors: dict[str, str] = {}
    part: bool = False  # "Une partie" chosen rather than "La totalité" (nothing is chosen in advance)
    to_pay: str = ""  # amount shown on the payment page
    receipt: dettes.Receipt | None = None
    _reference: str = ""

    def _forget(self) -> None:
        self.debts = []

    @private_event(loader=True)
    async def load(self):
        self.errors = {}
        self.debts = await self.call(dettes.debts)

    @rx.event
    def choose_part(self, value: str):
        self.part = value == "partie"

    @private_event
    async def start(self, form: dict):
        self.debts = await self.call(dettes.debts)
        debt = next((d for d in self.debts if str(d.id) == str(form.get("dette", ""))), None)
        if debt is None:
            self.errors = {"": "Choisissez la dette à rembourser."}
            return None
        if form.get("choix") not in ("totalite", "partie"):
            self.errors = {f"choix-{debt.id}": "Choisissez de rembourser la totalité ou une partie de la dette."}
            return None
        self.part = form.get("choix") == "partie"
        try:
            cents = parse_euros(str(form.get("montant", ""))) if self.part else debt.balance_cents
        except DomainError as error:
            self.errors = {"montant": error.message}
            return None
        self._reference = await self.call(dettes.start_repayment, dette_id=debt.id, amount_cents=cents,
                                          field="montant")
        self.errors, self.receipt, self.to_pay = {}, None, format_euros(cents)
        return rx.redirect(routes.PAIEMENT_SIMULE.path)

    @private_event(loader=True)
    async def load_payment(self):
        await self.checked()
        if not self._reference:
            return rx.redirect(routes.DETTES.path, replace=True)
        return None

    @private_event
    async def pay(self, form: dict):
        self.receipt = await self.call(dettes.pay, reference=self._reference, card=str(form.get("carte", "")),
                                       expiry=str(form.get("expiration", "")),
                                       code=str(form.get("cryptogramme", "")), today=clock.today())
        self.errors = {}
