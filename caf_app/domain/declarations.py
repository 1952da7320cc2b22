"""Quarterly declarations of resources (Prestation.quarterly_ones()): one set of rules for both variants.

Answers are a flat mapping, the same for the standard and the FALC screens:
  "situation" -> "oui" | "non"                      (did the family situation change?)
  "<person>:<category>:recu" -> "oui" | "non"        (did this person receive this kind of resource?)
  "<person>:<category>:<month 0..2>" -> "1234"        (whole euros, when "oui")
  "<person>:autres:nature" -> "..."                   (what the other resource is, when "oui")
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from .dates import add_months, first_of_month, month_name
from .errors import DomainError
from .prestations import Prestation

CEILING_EUROS = 100_000  # per month and kind of resource: above, a typing slip is far more likely
CATEGORIES = ("salaires", "non_salarie", "chomage", "indemnites", "pensions", "pensions_alimentaires", "autres")


@dataclass(frozen=True)
class Person:
    id: int
    first_name: str
    is_beneficiary: bool  # the allocataire (the AAH beneficiary), asked with "vous"


@dataclass(frozen=True)
class Quarter:
    start: date

    @property
    def months(self) -> list[date]:
        return [add_months(self.start, index) for index in range(3)]

    @property
    def names(self) -> list[str]:
        return [month_name(month.month) for month in self.months]

    def label(self) -> str:
        """ "juillet, août, septembre 2026" """
        return f"{', '.join(self.names)} {self.months[-1].year}"


def quarter_due(today: date) -> Quarter:
    """The three whole months before the current one: declared once they are over."""
    return Quarter(add_months(first_of_month(today), -3))


def categories_for(prestation: str, person: Person) -> tuple[str, ...]:
    """What the person is asked; the beneficiary of some prestations more (AAH: the pay for work in an ESAT)."""
    declaration = Prestation(prestation).declaration
    if declaration and declaration.beneficiary_extra and person.is_beneficiary:
        return (*CATEGORIES[:1], *declaration.beneficiary_extra, *CATEGORIES[1:])
    return CATEGORIES


EMPTY_AMOUNT = "Saisissez un montant en euros (0 si vous n'avez rien reçu ce mois-là)."


def parse_whole_euros(text: str, *, field: str, ceiling: int = CEILING_EUROS, per: str = "par mois",
                      empty: str = EMPTY_AMOUNT) -> int:
    """Whole euros, 0 or more, below the ceiling (euros `per` month, year... or "" for a value); returns cents."""
    value = re.sub(r"[\s\u00a0\u202f€]", "", text or "")
    if not value:
        raise DomainError(field, empty)
    if value.startswith("-"):
        raise DomainError(field, "Le montant ne peut pas être négatif.")
    if re.fullmatch(r"\d+[,.]\d{1,2}", value, re.ASCII):
        raise DomainError(field, "Saisissez un montant en euros entiers, sans les centimes (arrondi à l'euro).")
    if not re.fullmatch(r"\d+", value, re.ASCII):
        raise DomainError(field, "Saisissez un montant en chiffres, par exemple 1250.")
    if int(value) > ceiling:
        raise DomainError(field, f"Ce montant dépasse {ceiling:,} €{' ' + per if per else ''} : vérifiez votre saisie."
                          .replace(",", "\u202f"))
    return int(value) * 100


@dataclass(frozen=True)
class Line:
    person_id: int
    category: str
    month: date
    amount_cents: int
    label: str = ""


def answered_yes(answers: dict[str, str], key: str, errors: dict[str, str]) -> bool:
    """ "<key>:recu" is "oui"; neither "oui" nor "non": False, with its message in errors (annual ones too)."""
    received = answers.get(f"{key}:recu")
    if received not in ("oui", "non"):
        errors[f"{key}:recu"] = "Répondez par oui ou par non."
    return received == "oui"


def check(answers: dict[str, str], *, prestation: str, people: list[Person], quarter: Quarter
          ) -> tuple[list[Line], dict[str, str]]:
    """Every answer checked: (lines, {}) when complete and right, else ([], errors by answer key)."""
    errors: dict[str, str] = {}
    lines: list[Line] = []
    if answers.get("situation") not in ("oui", "non"):
        errors["situation"] = "Indiquez si votre situation familiale a changé."
    for person in people:
        for category in categories_for(prestation, person):
            key = f"{person.id}:{category}"
            if not answered_yes(answers, key, errors):
                continue  # an empty category means 0 only because the person said "non"
            label = " ".join((answers.get(f"{key}:nature") or "").split())[:80]
            if category == "autres" and not label:
                errors[f"{key}:nature"] = "Indiquez de quelle ressource il s'agit."
            for index, month in enumerate(quarter.months):
                try:
                    cents = parse_whole_euros(answers.get(f"{key}:{index}", ""), field=f"{key}:{index}")
                except DomainError as error:
                    errors[error.field] = error.message
                    continue
                lines.append(Line(person.id, category, month, cents, label))
    return ([], errors) if errors else (lines, {})


@dataclass(frozen=True)
class Step:
    """One question of the FALC variant (one per screen), in the order people are asked."""

    key: str
    kind: str  # "situation" | "recu" | "montant" | "nature"
    person_index: int = -1
    category: str = ""
    month_index: int = -1


def falc_steps(prestation: str, people: list[Person], answers: dict[str, str]) -> list[Step]:
    """The questions to ask given the answers so far: amounts only after a "oui"."""
    steps = [Step("situation", "situation")]
    for index, person in enumerate(people):
        for category in categories_for(prestation, person):
            key = f"{person.id}:{category}"
            steps.append(Step(f"{key}:recu", "recu", index, category))
            if answers.get(f"{key}:recu") == "oui":
                if category == "autres":
                    steps.append(Step(f"{key}:nature", "nature", index, category))
                steps += [Step(f"{key}:{month}", "montant", index, category, month) for month in range(3)]
    return steps
