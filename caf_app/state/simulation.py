"""Simuler une prestation: one theme, one screen per topic, then the amounts computed by the rules service
(OpenFisca-France) for what the person typed. It works logged out too; a logged-in person who has typed nothing
yet starts from the dossier (household, birth dates, commune, the last declaration's resources), and what is
changed here never touches the dossier.

What was typed lives in the browser: each screen's form keeps its fields in sessionStorage at each keystroke
(data-keep, assets/forms.js), and the answers of the screens passed, the theme and the screen are client storage
vars named caf_… (sessionStorage too): a reload, a lost connection or a login keeps them (state/session.py keeps
caf_ keys at login), a logout or another person's login forgets them.
"""

from __future__ import annotations

import asyncio
import json
from dataclasses import dataclass

import reflex as rx

from .. import clock, routes
from ..content import load
from ..domain.errors import DomainError
from ..domain.money import NBSP, format_euros
from ..rules.catalogue import BY_KEY, Theme
from ..rules.client import RulesUnavailable
from ..rules.explain import day_in_words
from ..rules.simulate import INCOME_STEPS, Simulation, Variant, simulate, what_if
from ..rules.situation import Foyer
from ..services.situation import simulateur as sim
from ..services.situation.simulation_prefill import prefill
from .compte import DisplayState
from .private import if_logged_in

FOCUS_ERROR = ("(document.querySelector('.error-summary') || document.querySelector('[aria-invalid=true]'))"
               "?.focus()")  # several errors: their summary (components/ui/error_summary.py); one: its field
FOCUS_RESULT = "document.getElementById('etape')?.focus()"


def words(falc: bool) -> dict:
    return load("simulation_falc" if falc else "simulation_standard")


@dataclass(frozen=True)
class LineView:
    label: str
    sentence: str
    amount: str       # "−78,20 €" for a deduction


@dataclass(frozen=True)
class AmountView:
    key: str
    label: str
    amount: str       # "" : no right estimated
    nothing: str
    falc: str
    bareme: str       # "1er avril 2026"
    bareme_label: str
    lines: list[LineView]


@dataclass(frozen=True)
class WhatIfRow:
    income: str
    axis: str         # the income under its bar: "1 000"
    amount: str
    height: int       # percent of the highest amount: equal amounts, equal bars


@dataclass(frozen=True)
class OtherView:
    label: str
    amount: str


def amount_view(amount, falc_sentence: str) -> AmountView:
    return AmountView(
        amount.key, amount.label, format_euros(amount.cents) if amount.cents > 0 else "", amount.nothing,
        falc_sentence, day_in_words(amount.bareme) if amount.bareme else "", amount.bareme_label,
        [LineView(line.label, line.sentence, ("−" if line.deducted and line.cents else "") + format_euros(line.cents))
         for line in amount.lines])


def what_if_rows(variants: list[Variant], keys: tuple[str, ...]) -> list[WhatIfRow]:
    totals = [sum(variant.amounts.get(key, 0) for key in keys) for variant in variants]
    top = max(totals, default=0) or 1
    return [WhatIfRow(format_euros(variant.activite), f"{variant.activite // 100:,}".replace(",", NBSP),
                      format_euros(total), round(total * 100 / top))
            for variant, total in zip(variants, totals, strict=True)]


class SimulationState(rx.State):
    theme: str = rx.SessionStorage("", name="caf_simulation_aide")
    step: str = rx.SessionStorage("", name="caf_simulation_etape")
    saved: str = rx.SessionStorage("", name="caf_simulation_reponses")  # the answers, JSON
    version: str = rx.SessionStorage("", name="caf_simulation_version")  # "facile": the FALC wording
    errors: dict[str, str] = {}
    prefilled: bool = False  # the answers started from the dossier (a logged-in person who had typed nothing)
    computing: bool = False
    unavailable: str = ""
    results: list[AmountView] = []
    others: list[OtherView] = []
    what_if: list[WhatIfRow] = []

    # -- what the page reads
    @rx.var
    def answers(self) -> dict[str, str]:
        try:
            value = json.loads(self.saved or "{}")
        except ValueError:
            return {}
        return value if isinstance(value, dict) else {}

    @rx.var
    def falc(self) -> bool:
        return self.version == "facile" and (sim.theme_of(self.theme) or Theme.LOGEMENT).falc

    @rx.var
    def falc_offered(self) -> bool:
        theme = sim.theme_of(self.theme)
        return theme is not None and theme.falc

    @rx.var
    def apply_href(self) -> str:
        """« Faire la demande »: the demande of the theme's prestation, or the list of demandes."""
        kind = sim.DEMANDE_OF.get(sim.theme_of(self.theme))
        return routes.DEMANDE.of(demande_slug=kind.slug) if kind else routes.DEMANDES.path

    @rx.var
    def theme_label(self) -> str:
        theme = sim.theme_of(self.theme)
        return theme.label if theme else ""

    @rx.var
    def step_number(self) -> int:
        steps = self._steps()
        return steps.index(self.step) + 1 if self.step in steps else 0

    @rx.var
    def step_count(self) -> int:
        return len(self._steps())

    @rx.var
    def last_step(self) -> bool:
        steps = self._steps()
        return bool(steps) and self.step == steps[-1]

    @rx.var
    def shown(self) -> list[str]:
        """The answers the current screen asks (a conjoint's date only for a couple…)."""
        theme = sim.theme_of(self.theme)
        return list(sim.fields(self.step, theme, self.answers)) if theme else []

    @rx.var
    def children(self) -> list[str]:
        return [f"enfant_{n}" for n in range(1, sim.children_count(self.answers) + 1)]

    @rx.var
    def communes(self) -> list[str]:
        return sim.communes_of(self.answers.get("code_postal", ""))

    def _steps(self) -> tuple[str, ...]:
        theme = sim.theme_of(self.theme)
        return sim.STEPS[theme] if theme else ()

    def _store(self, answers: dict[str, str]) -> None:
        self.saved = json.dumps(answers, ensure_ascii=False, separators=(",", ":"))

    def _clear_result(self) -> None:
        self.results, self.others, self.what_if, self.unavailable = [], [], [], ""

    # -- the screens
    @rx.event
    async def choose(self, key: str):
        theme = sim.theme_of(key)
        if theme is None:
            return
        if theme != self.theme:
            preferred = (await self.get_state(DisplayState)).falc_preferred != ""
            self.version = "facile" if preferred and theme.falc else ""
        self.theme, self.step, self.errors = theme.value, sim.STEPS[theme][0], {}
        self._clear_result()
        if not self.answers:
            start = await if_logged_in(self, prefill)
            if start is not None:
                self._store(sim.answers_from(start, clock.today()))
                self.prefilled = True
        return rx.call_script(FOCUS_RESULT)

    @rx.event
    def restart(self):
        self.theme, self.step, self.errors = "", "", {}
        self._clear_result()

    @rx.event
    def switch_version(self):
        self.version = "" if self.version == "facile" else "facile"

    @rx.event
    def answer(self, name: str, value: str):
        """A choice that changes the questions shown (couple, children, housing…), saved at once."""
        if name in ("couple", "nombre_enfants", "attendu", "logement", "code_postal", "demandeur_incapacite"):
            self._store({**self.answers, **sim.typed({name: value})})

    @rx.event
    def back(self, form: dict | None = None):
        steps = self._steps()
        if form:
            self._store({**self.answers, **sim.typed(form)})
        self.errors = {}
        if self.step == sim.RESULT:
            self.step = steps[-1] if steps else ""
        elif self.step in steps and steps.index(self.step) > 0:
            self.step = steps[steps.index(self.step) - 1]
        else:
            self.step = ""
        return rx.call_script(FOCUS_RESULT)

    @rx.event
    def edit(self):
        steps = self._steps()
        self.step, self.errors = (steps[0] if steps else ""), {}
        self._clear_result()

    @rx.event
    async def next(self, form: dict):
        theme = sim.theme_of(self.theme)
        if theme is None or self.step not in sim.STEPS[theme]:
            return
        answers = {**self.answers, **sim.typed(form)}
        self._store(answers)
        names = set(sim.fields(self.step, theme, answers))
        errors = sim.step_errors(self.step, theme, answers)
        if not errors:
            try:
                sim.checked_foyer(theme, answers, mois=self._month(), today=clock.today(), upto=self.step)
            except DomainError as error:
                field = "nombre_enfants" if error.field == "enfants" else error.field
                if field in names:
                    errors = {field: error.message}
        self.errors = errors
        if errors:
            yield rx.call_script(FOCUS_ERROR)
            return
        steps = sim.STEPS[theme]
        if self.step != steps[-1]:
            self.step = steps[steps.index(self.step) + 1]
            yield rx.call_script(FOCUS_RESULT)
            return
        async for update in self._compute():
            yield update

    @rx.event
    async def retry(self):
        async for update in self._compute():
            yield update

    @rx.event
    async def load(self):
        """After a reload or a login, the result screen is computed again from the kept answers."""
        if self.step == sim.RESULT and not self.results and not self.computing:
            async for update in self._compute():
                yield update

    # -- the computation
    def _month(self) -> str:
        return clock.today().strftime("%Y-%m")

    async def _compute(self):
        theme = sim.theme_of(self.theme)
        if theme is None:
            return
        try:
            foyer = sim.checked_foyer(theme, self.answers, mois=self._month(), today=clock.today())
        except DomainError as error:  # an answer changed since its screen (a date now in the future…)
            field = "nombre_enfants" if error.field == "enfants" else error.field
            self.step, self.errors = sim.step_of(field), {field: error.message}
            yield rx.call_script(FOCUS_ERROR)
            return
        self.step, self.errors, self.computing = sim.RESULT, {}, True
        self._clear_result()
        yield  # "Calcul en cours…" shows at once
        try:
            simulation, variants = await self._ask(theme, foyer)
        except RulesUnavailable as error:
            self.unavailable = error.message
        else:
            self._show(theme, simulation, variants)
        finally:
            self.computing = False
        yield rx.call_script(FOCUS_RESULT)

    @staticmethod
    async def _ask(theme: Theme, foyer: Foyer) -> tuple[Simulation, list[Variant]]:
        """Every prestation for the household, and the theme's amounts over a range of incomes, together."""
        return await asyncio.gather(simulate(foyer), what_if(foyer, theme.rules, INCOME_STEPS))

    def _show(self, theme: Theme, simulation: Simulation, variants: list[Variant]) -> None:
        keys = tuple(rule.key for rule in theme.rules)
        self.results = [amount_view(simulation.of(key), BY_KEY[key].falc) for key in keys]
        self.others = [OtherView(amount.label, format_euros(amount.cents))
                       for rule in sim.others_of(theme) if (amount := simulation.of(rule.key)).cents > 0]
        self.what_if = what_if_rows(variants, keys)
