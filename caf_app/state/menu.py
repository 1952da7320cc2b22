"""Menu: the entries that depend on the dossier (Mes dettes only while a debt is left to repay)."""

from __future__ import annotations

import reflex as rx

from ..services.payments import dettes
from .private import PrivateState, private_event


class MenuState(PrivateState, rx.State):
    has_debts: bool = False

    @private_event(loader=True)
    async def load(self):
        self.has_debts = await self.call(dettes.has_debt)
