"""Simulations on OpenFisca-France: the monthly amounts a household would be paid, the figures behind each one,
and the amounts over a range of incomes, each computed in ONE request to the rules service (several households
in one test case are computed together, vectorised).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from . import client
from .catalogue import CRDS_RATE, FAMILLES, RULES, Rule, variables
from .situation import Foyer, add_household, month_start


@dataclass(frozen=True)
class Line:
    label: str
    sentence: str
    cents: int
    deducted: bool


@dataclass(frozen=True)
class Amount:
    key: str
    label: str
    cents: int               # paid each month, net of the CRDS where the Caf takes it
    bareme: date | None      # start date of the barème used
    bareme_label: str
    lines: tuple[Line, ...]  # "Comment est-ce calculé ?"
    nothing: str             # why 0


@dataclass(frozen=True)
class Simulation:
    mois: str
    amounts: tuple[Amount, ...]

    def of(self, key: str) -> Amount:
        return next(amount for amount in self.amounts if amount.key == key)


def to_cents(euros: float) -> int:
    return int(Decimal(str(euros)).scaleb(2).quantize(Decimal(1), rounding=ROUND_HALF_UP))


def _value(result: dict, key: str, foyer: Foyer, entity: str, variable: str) -> float:
    """A household's value of a variable: its family's, or the sum over its adults for a person's variable."""
    if entity == FAMILLES:
        return float(result["familles"][f"{key}_f"][variable][foyer.mois] or 0)
    return sum(float(result["individus"][f"{key}_a{index}"][variable][foyer.mois] or 0)
               for index in range(len(foyer.adultes)))


def paid_cents(rule: Rule, result: dict, key: str, foyer: Foyer) -> int:
    value = _value(result, key, foyer, rule.entity, rule.variable)
    if not rule.cents:
        return int(value) * 100  # the aides au logement are paid in whole euros (already net of the CRDS)
    gross = to_cents(value)
    if rule.crds:
        return gross - to_cents(gross * CRDS_RATE / 100)
    return gross


def bareme_of(values: dict[str, float], mois: str) -> date | None:
    """The start date of the value in force in the month: the barème used."""
    start = month_start(mois).isoformat()
    days = [day for day in values if day <= start]
    return date.fromisoformat(max(days)) if days else None


async def baremes(rules: tuple[Rule, ...], mois: str) -> dict[str, date | None]:
    return {rule.key: bareme_of(await client.parameter_values(rule.bareme), mois) for rule in rules}


def read(rules: tuple[Rule, ...], result: dict, key: str, foyer: Foyer,
         dates: dict[str, date | None]) -> Simulation:
    amounts = []
    for rule in rules:
        lines = tuple(Line(figure.label, figure.sentence,
                           to_cents(_value(result, key, foyer, figure.entity, figure.variable)), figure.deducted)
                      for figure in rule.figures)
        amounts.append(Amount(rule.key, rule.prestation.label, paid_cents(rule, result, key, foyer),
                              dates.get(rule.key), rule.bareme_label, lines, rule.nothing))
    return Simulation(foyer.mois, tuple(amounts))


async def simulate(foyer: Foyer, rules: tuple[Rule, ...] = RULES) -> Simulation:
    """Every prestation of `rules` for the household, with its figures. RulesUnavailable when the service is
    down or slow."""
    case: dict = {}
    add_household(case, "h", foyer, variables(rules))
    result = await client.calculate(case)
    return read(rules, result, "h", foyer, await baremes(rules, foyer.mois))


@dataclass(frozen=True)
class Variant:
    activite: int                # the applicant's monthly earnings in this variant, cents
    amounts: dict[str, int]      # prestation key -> cents

    @property
    def total(self) -> int:
        return sum(self.amounts.values())


INCOME_STEPS = tuple(step * 250_00 for step in range(11))  # 0 to 2 500 € a month


async def what_if(foyer: Foyer, rules: tuple[Rule, ...] = RULES,
                  incomes: tuple[int, ...] = INCOME_STEPS) -> list[Variant]:
    """"Et si mes revenus changent ?": the amounts for each monthly income of the applicant, in one request."""
    case: dict = {}
    asked = variables(rules, figures=False)
    households = []
    for index, income in enumerate(incomes):
        variant = replace(foyer, demandeur=replace(foyer.demandeur, activite=income))
        add_household(case, f"v{index}", variant, asked)
        households.append((f"v{index}", variant, income))
    result = await client.calculate(case, timeout=40.0)
    return [Variant(income, {rule.key: paid_cents(rule, result, key, variant) for rule in rules})
            for key, variant, income in households]
