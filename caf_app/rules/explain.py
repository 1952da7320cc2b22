"""Why an amount changed: given a household before and after, the difference in each prestation broken down by
cause, changing one input at a time in a fixed order (the barème of the month, the household, the resources,
the housing). Every intermediate situation is computed in the same request as the two ends, and the causes add
up to the total difference, to the cent, by construction (each is the step between two computed amounts).

Used by the simulators and by the Caf side ("Pourquoi ce montant a changé ?").
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

from ..domain.money import format_euros
from . import client
from .catalogue import RULES, Rule, variables
from .simulate import baremes, paid_cents
from .situation import Adulte, Foyer, add_household

STEPS = ("bareme", "foyer", "ressources", "logement")
MONTHS = ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre",
          "novembre", "décembre")


def day_in_words(day: date) -> str:
    return f"{'1er' if day.day == 1 else day.day} {MONTHS[day.month - 1]} {day.year}"


@dataclass(frozen=True)
class Cause:
    step: str
    cents: int
    sentence: str

    @property
    def text(self) -> str:
        sign = "+" if self.cents > 0 else "−"
        return f"{sign}{format_euros(abs(self.cents))} : {self.sentence}"


@dataclass(frozen=True)
class Explanation:
    key: str
    label: str
    before: int
    after: int
    causes: tuple[Cause, ...]

    @property
    def difference(self) -> int:
        return self.after - self.before


def _without_resources(adult: Adulte | None, like: Adulte | None) -> Adulte | None:
    """The after-household's adult with the resources the before-household had (none for a newcomer)."""
    if adult is None:
        return None
    source = like or Adulte(adult.ne_le)
    return replace(adult, activite=source.activite, chomage=source.chomage, pensions=source.pensions)


def chain(before: Foyer, after: Foyer) -> list[tuple[str, Foyer]]:
    """The situations from before to after, one kind of input changed at each step. The last one is `after`."""
    bareme = before.with_month(after.mois)
    foyer = replace(bareme, demandeur=_without_resources(after.demandeur, before.demandeur),
                    conjoint=_without_resources(after.conjoint, before.conjoint), enfants=after.enfants,
                    pension_alimentaire=after.pension_alimentaire, naissance_prevue=after.naissance_prevue)
    ressources = replace(foyer, demandeur=after.demandeur, conjoint=after.conjoint)
    logement = replace(ressources, logement=after.logement, loyer=after.loyer, commune=after.commune)
    assert logement == after, "the chain must end on the situation after"
    return [("bareme", bareme), ("foyer", foyer), ("ressources", ressources), ("logement", logement)]


def _total(adults, attribute: str) -> int:
    return sum(getattr(adult, attribute) for adult in adults if adult is not None)


def _euros(cents: int) -> str:
    return format_euros(abs(cents))


def describe(step: str, old: Foyer, new: Foyer, dates: tuple[date | None, date | None], label: str) -> str:
    """The plain-French sentence of one step's cause."""
    if step == "bareme":
        if dates[1] and dates[0] != dates[1]:
            return f"revalorisation {label} au {day_in_words(dates[1])}"
        return "changement de mois (âge des enfants, période de ressources prise en compte)"
    if step == "foyer":
        parts = []
        if old.couple != new.couple:
            parts.append("vous vivez maintenant en couple" if new.couple else "vous vivez maintenant seul(e)")
        if len(old.enfants) != len(new.enfants):
            count = len(new.enfants)
            parts.append(f"votre foyer compte maintenant {count} enfant{'s' if count > 1 else ''}")
        if old.naissance_prevue != new.naissance_prevue and new.naissance_prevue:
            parts.append("une naissance est attendue")
        if old.pension_alimentaire != new.pension_alimentaire:
            parts.append("vous recevez une pension alimentaire" if new.pension_alimentaire
                         else "vous ne recevez plus de pension alimentaire")
        if old.demandeur.incapacite != new.demandeur.incapacite or (
                old.conjoint and new.conjoint and old.conjoint.incapacite != new.conjoint.incapacite):
            # (a conjoint who comes or goes is "en couple" / "seul(e)", not a change of rate)
            parts.append("votre taux d'incapacité a changé")
        return " ; ".join(parts) or "la composition de votre foyer a changé"
    if step == "ressources":
        parts = []
        for attribute, words in (("activite", "vos revenus d'activité"), ("chomage", "vos allocations chômage"),
                                 ("pensions", "vos pensions et retraites")):
            delta = _total(new.adultes, attribute) - _total(old.adultes, attribute)
            if delta:
                verb = "ont augmenté" if delta > 0 else "ont baissé"
                parts.append(f"{words} {verb} de {_euros(delta)} par mois")
        return " ; ".join(parts) or "vos ressources ont changé"
    parts = []
    if old.logement != new.logement:
        parts.append(f"votre logement a changé ({new.logement.label.lower()})")
    if old.loyer != new.loyer:
        parts.append(f"votre loyer est passé de {_euros(old.loyer)} à {_euros(new.loyer)}")
    if old.commune != new.commune:
        parts.append("vous avez changé de commune")
    return " ; ".join(parts) or "votre logement a changé"


async def explain(before: Foyer, after: Foyer, rules: tuple[Rule, ...] = RULES) -> list[Explanation]:
    """Each prestation's difference between the two situations, by cause (only the causes that moved it)."""
    steps = chain(before, after)
    situations = [("start", before), *steps]
    case: dict = {}
    asked = variables(rules, figures=False)
    for index, (_, foyer) in enumerate(situations):
        add_household(case, f"s{index}", foyer, asked)
    result = await client.calculate(case, timeout=40.0)
    dates_before, dates_after = await baremes(rules, before.mois), await baremes(rules, after.mois)
    explanations = []
    for rule in rules:
        amounts = [paid_cents(rule, result, f"s{index}", foyer) for index, (_, foyer) in enumerate(situations)]
        causes = []
        for index, (step, foyer) in enumerate(steps, start=1):
            delta = amounts[index] - amounts[index - 1]
            if delta:
                sentence = describe(step, situations[index - 1][1], foyer,
                                    (dates_before.get(rule.key), dates_after.get(rule.key)), rule.bareme_label)
                causes.append(Cause(step, delta, sentence))
        explanations.append(Explanation(rule.key, rule.prestation.label, amounts[0], amounts[-1], tuple(causes)))
    return explanations

