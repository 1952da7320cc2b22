"""The other declarations of resources (the seed's « Ressources annuelles », « Patrimoine », « Avantage
vieillesse »): one set of rules for the three, with the quarterly declaration's people and amounts.

Answers are a flat mapping, like the quarterly declaration's (domain/declarations.py):
  "<person>:<category>:recu" -> "oui" | "non"        (does this person have this kind of resource?)
  "<person>:<category>:<field>" -> text              (each field of the category, when "oui")
Fields: "montant" (whole euros), "nature" and "organisme" (a few words), "debut" (JJ/MM/AAAA, not in the future).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from .contacts import parse_date
from .declarations import Person, answered_yes, parse_whole_euros
from .errors import DomainError
from .statuses import AnnualDeclarationKind as Kind

TEXT_MAX = 80
TEXT_MESSAGES = {"nature": "Précisez de quoi il s'agit.",
                 "organisme": "Indiquez l'organisme qui vous verse cet avantage, par exemple la Carsat."}


@dataclass(frozen=True)
class Form:
    kind: Kind
    categories: tuple[tuple[str, tuple[str, ...]], ...]  # (category, its fields in the order asked)
    years_back: int  # the year declared, from today's: 2 for the resources of year N-2
    ceiling_euros: int  # above, a typing slip is far more likely
    per: str  # what an amount covers, for the ceiling's message ("" for a value)
    prefix: str  # of the reference given when it is sent


_AMOUNT, _OTHER = ("montant",), ("nature", "montant")
FORMS = {
    Kind.RESSOURCES_ANNUELLES: Form(Kind.RESSOURCES_ANNUELLES, (
        ("salaires", _AMOUNT), ("non_salarie", _AMOUNT), ("chomage", _AMOUNT), ("pensions", _AMOUNT),
        ("pensions_alimentaires", _AMOUNT), ("autres", _OTHER)), 2, 1_000_000, "par an", "DRA"),
    Kind.PATRIMOINE: Form(Kind.PATRIMOINE, (
        ("epargne", _AMOUNT), ("immobilier_non_loue", _AMOUNT), ("immobilier_loue", _AMOUNT), ("autres", _OTHER)),
        0, 10_000_000, "", "DPA"),
    Kind.AVANTAGE_VIEILLESSE: Form(Kind.AVANTAGE_VIEILLESSE, (
        ("vieillesse", ("organisme", "montant", "debut")),), 0, 100_000, "par mois", "DAV"),
}


def form_of(kind: str) -> Form:
    """The form of a kind; DomainError for anything else (an address typed by hand)."""
    if kind not in {k.value for k in Kind}:
        raise DomainError("", "Cette déclaration n'existe pas.")
    return FORMS[Kind(kind)]


def year_declared(kind: str, today: date) -> int:
    """Ressources annuelles: year N-2 (the year the Caf reads from the tax administration); the others: this year."""
    return today.year - form_of(kind).years_back


def answer_keys(kind: str, people: list[Person]) -> set[str]:
    """Every key an answer may have (what a draft keeps)."""
    return {f"{person.id}:{category}:{part}" for person in people for category, fields in form_of(kind).categories
            for part in ("recu", *fields)}


@dataclass(frozen=True)
class Line:
    person_id: int
    category: str
    amount_cents: int
    label: str = ""  # "nature" or "organisme"
    start: date | None = None


def _field(form: Form, name: str, key: str, text: str, today: date):
    if name == "montant":
        return parse_whole_euros(text, field=key, ceiling=form.ceiling_euros, per=form.per,
                                 empty="Saisissez un montant en euros.")
    if name == "debut":
        return parse_date(text, field=key, label="la date de début", today=today)
    words = " ".join((text or "").split())[:TEXT_MAX]
    if not words:
        raise DomainError(key, TEXT_MESSAGES[name])
    return words


def check(answers: dict[str, str], *, kind: str, people: list[Person], today: date
          ) -> tuple[list[Line], dict[str, str]]:
    """Every answer checked: (lines, {}) when complete and right, else ([], errors by answer key)."""
    form, errors, lines = form_of(kind), {}, []
    for person in people:
        for category, fields in form.categories:
            key = f"{person.id}:{category}"
            if not answered_yes(answers, key, errors):
                continue
            values = {}
            for name in fields:
                try:
                    values[name] = _field(form, name, f"{key}:{name}", answers.get(f"{key}:{name}", ""), today)
                except DomainError as error:
                    errors[error.field] = error.message
            if len(values) == len(fields):
                lines.append(Line(person.id, category, values["montant"],
                                  values.get("nature", values.get("organisme", "")), values.get("debut")))
    return ([], errors) if errors else (lines, {})


def declared(answers: dict[str, str], *, kind: str, person: Person) -> list[tuple[str, dict[str, str]]]:
    """What a person declared, as typed (the review shows it before it is checked): (category, fields) of each
    "oui"."""
    return [(category, {name: (answers.get(f"{person.id}:{category}:{name}") or "").strip() for name in fields})
            for category, fields in form_of(kind).categories
            if answers.get(f"{person.id}:{category}:recu") == "oui"]
