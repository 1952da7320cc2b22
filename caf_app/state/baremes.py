"""« Barème uniquement »: the reference amounts read from the rules service when the page opens."""

from __future__ import annotations

import reflex as rx

from .. import clock
from ..rules import baremes
from ..rules.client import RulesUnavailable

UNAVAILABLE = ("Les barèmes ne peuvent pas être lus pour le moment : le service de calcul ne répond pas. "
               "Réessayez dans quelques instants.")


class BaremesState(rx.State):
    lines: list[baremes.Bareme] = []
    error: str = ""
    read_on: str = ""

    @rx.event
    async def load(self):
        self.error = ""
        try:
            self.lines = await baremes.current(clock.today())
        except RulesUnavailable:
            self.lines, self.error = [], UNAVAILABLE
        self.read_on = baremes.day_in_words(clock.today())
