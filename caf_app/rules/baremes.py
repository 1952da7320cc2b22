"""« Barème uniquement » of the Professionnels space: the reference amounts of the prestations, read from the same
rules service as the simulators (GET /parameter), each with the date it applies from and the value before it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from ..domain.money import format_euros
from ..domain.prestations import Prestation
from . import client
from .catalogue import RULES, Rule
from .explain import day_in_words


@dataclass(frozen=True)
class Bareme:
    label: str  # « Montant forfaitaire du Rsa »
    prestations: str  # the prestations it serves: « Allocations familiales, Complément familial, … »
    amount: str  # « 651,69 € »
    since: str  # « depuis le 1er avril 2026 »
    before: str  # « 646,52 € jusqu'au 31 mars 2026 », or ""


# What each barème is, named by the first prestation of the catalogue that uses it.
LABELS = {
    Prestation.RSA: "Montant forfaitaire du Rsa, pour une personne seule",
    Prestation.PRIME_ACTIVITE: "Montant forfaitaire de la prime d'activité, pour une personne seule",
    Prestation.AIDE_LOGEMENT: "Loyer plafond de l'aide au logement, zone 1, pour une personne seule",
    Prestation.AF: "Base mensuelle des allocations familiales (BMAF)",
    Prestation.AAH: "Montant maximal de l'allocation aux adultes handicapés",
}


def _grouped(rules: tuple[Rule, ...]) -> list[tuple[str, str, list[str]]]:
    """(parameter, its label, the prestations using it), in the catalogue's order, each parameter once."""
    found: dict[str, tuple[str, list[str]]] = {}
    for rule in rules:
        label = LABELS.get(rule.prestation, rule.bareme_label)
        found.setdefault(rule.bareme, (label, []))[1].append(rule.prestation.label)
    return [(name, label, prestations) for name, (label, prestations) in found.items()]


def _at(values: dict[str, float], today: date) -> tuple[str, float, tuple[str, float] | None]:
    days = sorted(day for day in values if day <= today.isoformat())
    current = days[-1]
    return current, values[current], (days[-2], values[days[-2]]) if len(days) > 1 else None


async def current(today: date, rules: tuple[Rule, ...] = RULES) -> list[Bareme]:
    """The barèmes in force today; RulesUnavailable when the service does not answer."""
    lines = []
    for name, label, prestations in _grouped(rules):
        since, value, before = _at(await client.parameter_values(name), today)
        previous = ""
        if before is not None:
            previous = f"{format_euros(round(before[1] * 100))} avant le {day_in_words(date.fromisoformat(since))}"
        lines.append(Bareme(label, ", ".join(prestations), format_euros(round(value * 100)),
                            f"depuis le {day_in_words(date.fromisoformat(since))}", previous))
    return lines
