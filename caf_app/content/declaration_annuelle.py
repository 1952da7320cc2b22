"""The words of the annual declarations (ressources annuelles, patrimoine, avantage vieillesse). The seed offers
a FALC version of the quarterly declarations only: these have the standard wording alone."""

from __future__ import annotations

from ..domain.annual_declarations import declared
from ..domain.dates import with_de
from ..domain.declarations import Person
from ..domain.money import format_euros
from ..domain.statuses import AnnualDeclarationKind
from . import load


def common() -> dict:
    return load("declaration_annuelle")


def words(kind: str) -> dict:
    return common()["kinds"][kind]


def period(kind: str, year: int) -> str:
    """ "revenus 2024", "année 2026" """
    return words(kind)["period"].format(annee=year)


def title_of(kind: str, year: int) -> str:
    """The démarche's title: "Déclaration annuelle de ressources : revenus 2024"."""
    return f"{AnnualDeclarationKind(kind).label} : {period(kind, year)}"


def heading(kind: str, person: Person, year: int) -> str:
    text = words(kind)
    if person.is_beneficiary:
        return text["heading_self"].format(annee=year)
    return text["heading"].format(personne=person.first_name, de_personne=with_de(person.first_name), annee=year)


def question(kind: str, category: str, year: int) -> str:
    return words(kind)["categories"][category]["question"].format(annee=year)


def field_label(kind: str, category: str, field: str, year: int) -> str:
    """An amount's label may be the category's own (patrimoine: capital, valeur locative, loyers)."""
    text = words(kind)
    return text["categories"][category].get(field, text["fields"][field]).format(annee=year)


def amount(text: str) -> str:
    """Whole euros as typed, formatted when they are digits (the review shows what is wrong as typed)."""
    return format_euros(int(text) * 100) if text.isascii() and text.isdigit() else text


def line(kind: str, category: str, fields: dict[str, str]) -> tuple[str, str]:
    """(label, value) of one declared category: "Autres ressources : loyers", "1 200,00 €" or, for an avantage
    vieillesse, "Avantage vieillesse : Carsat, depuis le 01/03/2025"."""
    label = words(kind)["categories"][category]["label"]
    extra = fields.get("nature") or fields.get("organisme") or ""
    if extra:
        label += f" : {extra}"
    if fields.get("debut"):
        label += f", depuis le {fields['debut']}"
    return label, amount(fields.get("montant", ""))


def summary(kind: str, people: list[Person], answers: dict[str, str]) -> list[tuple[str, list[tuple[str, str]]]]:
    """What each person declared, as typed, for the review, the receipt and the Caf's agents: (person, [(label,
    amount)]) in the order asked ("Vous" for the allocataire)."""
    return [("Vous" if person.is_beneficiary else person.first_name,
             [line(kind, category, fields) for category, fields in declared(answers, kind=kind, person=person)])
            for person in people]
