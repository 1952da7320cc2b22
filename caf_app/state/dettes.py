"""Mes dettes and the simulated payment page used to repay all or part of a debt."""

from __future__ import annotations

import reflex as rx
from sqlmodel import Session

from .. import clock, routes
from ..db import engine
from ..domain.errors import DomainError
from ..domain.money import format_euros, parse_euros
from ..services.payments import dettes
from .private import DossierPage
from .session import current_actor, session_ended


class DettesState(DossierPage, rx.State):
    debts: list[dettes.DebtView] = []
    errors: dict[str, str] = {}
    part: bool = False  # "Une partie" chosen rather than "La totalité"
    to_pay: str = ""  # amount shown on the payment page
    receipt: dettes.Receipt | None = None
    _reference: str = ""

    def _forget(self) -> None:
        self.debts = []

    async def _reload(self):
        def read(session, actor):
            self.debts = dettes.debts(session=session, actor=actor)

        return await self._read(read)

    @rx.event
    async def load(self):
        self.errors = {}
        await self._reload()

    @rx.event
    def choose_part(self, value: str):
        self.part = value == "partie"

    @rx.event
    async def start(self, form: dict):
        actor = await self._reload()
        if actor is None:
            return session_ended()
        try:
            debt = next(d for d in self.debts if str(d.id) == str(form.get("dette", "")))
            cents = parse_euros(str(form.get("montant", ""))) if self.part else debt.balance_cents
            with Session(engine()) as session:
                self._reference = dettes.start_repayment(session=session, actor=actor, dette_id=debt.id,
                                                         amount_cents=cents)
        except StopIteration:
            self.errors = {"": "Choisissez la dette à rembourser."}
            return None
        except DomainError as error:
            self.errors = {"montant": error.message}
            return None
        self.errors, self.receipt, self.to_pay = {}, None, format_euros(cents)
        return rx.redirect(routes.PAIEMENT_SIMULE.path)

    @rx.event
    async def load_payment(self):
        if await current_actor(self) is None:
            return None
        if not self._reference:
            return rx.redirect(routes.DETTES.path, replace=True)
        return None

    @rx.event
    async def pay(self, form: dict):
        actor = await current_actor(self)
        if actor is None:
            return session_ended()
        try:
            with Session(engine()) as session:
                self.receipt = dettes.pay(session=session, actor=actor, reference=self._reference,
                                          card=str(form.get("carte", "")), expiry=str(form.get("expiration", "")),
                                          code=str(form.get("cryptogramme", "")), today=clock.today())
        except DomainError as error:
            self.errors = {error.field: error.message}
            return None
        self.errors = {}
        return None
