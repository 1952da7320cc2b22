"""The words of the declaration screens, in the standard or the FALC variant (same keys in both files)."""

from __future__ import annotations

from ..domain.declarations import Person, Quarter, Step
from . import load


def words(falc: bool) -> dict:
    return load("declaration_falc" if falc else "declaration_standard")


def who(person: Person, falc: bool) -> str:
    if falc:
        return "vous avez" if person.is_beneficiary else f"{person.first_name} a"
    return "vous" if person.is_beneficiary else person.first_name


def months_list(quarter: Quarter, falc: bool) -> str:
    names = quarter.names
    return f"{names[0]}, {names[1]} ou {names[2]}" if falc else ", ".join(names)


def received_question(person: Person, category: str, quarter: Quarter, falc: bool) -> str:
    text = words(falc)
    return text["received_question"].format(mois_liste=months_list(quarter, falc), qui=who(person, falc),
                                             categorie=text["categories"][category]["label"])


def amount_label(person: Person, month_name: str, falc: bool) -> str:
    return words(falc)["amount_label"].format(mois=month_name, qui=who(person, falc))


def step_text(step: Step, people: list[Person], quarter: Quarter, falc: bool) -> str:
    """The question of one FALC screen."""
    text = words(falc)
    if step.kind == "situation":
        return text["situation_question"]
    person = people[step.person_index]
    if step.kind == "recu":
        return received_question(person, step.category, quarter, falc)
    if step.kind == "nature":
        return text["nature_label"]
    return amount_label(person, quarter.names[step.month_index], falc)


def falc_error(kind: str, value: str, standard: str = "") -> str:
    """The error of one FALC screen in easy-to-read words (the rules' messages are the standard ones).
    kind: the step's kind ("situation", "recu", "nature", "montant"); value: what was answered; standard: the
    rules' message, which tells an amount's errors apart."""
    errors = words(True)["errors"]
    if kind in ("situation", "recu"):
        return errors["choice"]
    if kind == "nature":
        return errors["nature"]
    if not value.strip():
        return errors["empty"]
    for hint, key in (("négatif", "negative"), ("centimes", "cents"), ("dépasse", "too_big")):
        if hint in standard:
            return errors[key]
    return errors["amount"]
