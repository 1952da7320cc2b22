"""The questions of a demande de prestation and the check of each answer (domain/demandes.py holds the
catalogue that uses them).

Answers are a flat mapping of strings, the question's name -> what the person typed or chose, the same on every
device (the draft is kept on the server). A question applies only when its conditions hold on earlier answers.
Each check returns the value read (a date, cents, a key) or raises DomainError(question name, French sentence).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from .bank import parse_iban
from .contacts import parse_postal_code
from .dates import age_on, format_date
from .errors import DomainError
from .identifiers import mask_iban
from .money import format_euros

MIN_AGE, MAX_AGE = 15, 120  # the youngest person with an account of their own (policy.ACCOUNT_MIN_AGE)
CEILING_EUROS = 100_000  # a month of resources: above, a typing slip is far more likely
RENT_CEILING_EUROS = 10_000
YES_NO = (("oui", "Oui"), ("non", "Non"))


class Kind(StrEnum):
    DATE = "date"
    AMOUNT = "amount"
    CHOICE = "choice"
    TEXT = "text"
    YES_NO = "yes_no"
    POSTAL_CODE = "postal_code"
    IBAN = "iban"


class DateRule(StrEnum):
    PAST = "past"  # today or before, after 1900
    APPLICANT_BIRTH = "applicant_birth"  # 15 to 120 years old today
    ADULT_BIRTH = "adult_birth"  # a conjoint: 15 to 120 years old
    CHILD_BIRTH = "child_birth"  # born, not in the future, under 25
    EXPECTED_BIRTH = "expected_birth"  # from today to 9 months ahead
    SOON = "soon"  # a start date: a year back to 6 months ahead


@dataclass(frozen=True)
class When:
    """The question applies when the answer to `name` is one of `values`."""

    name: str
    values: tuple[str, ...]

    def holds(self, answers: Mapping[str, str]) -> bool:
        return answers.get(self.name, "") in self.values


@dataclass(frozen=True)
class AnyOf:
    """One of these conditions holds."""

    conditions: tuple[When, ...]

    def holds(self, answers: Mapping[str, str]) -> bool:
        return any(condition.holds(answers) for condition in self.conditions)


@dataclass(frozen=True)
class Question:
    name: str
    label: str
    kind: Kind
    help: str = ""
    required: bool = True
    choices: tuple[tuple[str, str], ...] = ()  # (key, label); yes/no questions get YES_NO
    when: tuple[When | AnyOf, ...] = ()  # all must hold
    date_rule: DateRule = DateRule.PAST
    ceiling_euros: int = CEILING_EUROS
    ceiling_message: str = ""  # instead of "vérifiez votre saisie" when the ceiling is a rule, not a slip
    zero_message: str = ""  # set: 0 is refused with this sentence (a rent of 0 for a tenant)
    max_length: int = 120
    pattern: str = ""  # a text must match it (fullmatch), with pattern_message
    pattern_message: str = ""

    def applies(self, answers: Mapping[str, str]) -> bool:
        return all(condition.holds(answers) for condition in self.when)

    @property
    def options(self) -> tuple[tuple[str, str], ...]:
        return YES_NO if self.kind is Kind.YES_NO else self.choices


@dataclass(frozen=True)
class Topic:
    """One screen of the demande: its title and its questions."""

    key: str
    title: str
    questions: tuple[Question, ...]
    when: tuple[When | AnyOf, ...] = ()

    def applies(self, answers: Mapping[str, str]) -> bool:
        return all(condition.holds(answers) for condition in self.when)


_DATE_FR = re.compile(r"(\d{2})/(\d{2})/(\d{4})", re.ASCII)
_DATE_ISO = re.compile(r"(\d{4})-(\d{2})-(\d{2})", re.ASCII)  # what an <input type="date"> sends


def parse_any_date(text: str, *, field: str) -> date:
    """JJ/MM/AAAA or AAAA-MM-JJ, a date of the calendar."""
    value = (text or "").strip()
    if match := _DATE_FR.fullmatch(value):
        day, month, year = (int(part) for part in match.groups())
    elif match := _DATE_ISO.fullmatch(value):
        year, month, day = (int(part) for part in match.groups())
    else:
        raise DomainError(field, "Saisissez la date au format JJ/MM/AAAA, par exemple 14/02/1995.")
    try:
        return date(year, month, day)
    except ValueError:
        raise DomainError(field, "Cette date n'existe pas : vérifiez le jour et le mois.") from None


def _check_date(question: Question, text: str, today: date) -> date:
    field, value, rule = question.name, parse_any_date(text, field=question.name), question.date_rule
    if value.year < 1900:
        raise DomainError(field, "Vérifiez l'année : la date doit être après 1900.")
    future = value > today
    if rule is DateRule.EXPECTED_BIRTH:
        if value < today or (value - today).days > 280:
            raise DomainError(field, "La date prévue d'accouchement doit être dans les 9 prochains mois.")
        return value
    if rule is DateRule.SOON:
        if (today - value).days > 366 or (value - today).days > 183:
            raise DomainError(field, "Indiquez une date entre il y a un an et dans six mois.")
        return value
    if rule is DateRule.CHILD_BIRTH:
        if future:
            raise DomainError(field, "La date de naissance de l'enfant ne peut pas être dans le futur. Pour un "
                                     "enfant à naître, répondez « Non » à la question « L'enfant est-il né ? ».")
        if age_on(value, today) >= 25:
            raise DomainError(field, "Un enfant à charge a moins de 25 ans : vérifiez l'année de naissance.")
        return value
    if future:
        raise DomainError(field, "Cette date ne peut pas être dans le futur.")
    if rule in (DateRule.APPLICANT_BIRTH, DateRule.ADULT_BIRTH):
        age = age_on(value, today)
        if age < MIN_AGE:
            who = "Vous devez" if rule is DateRule.APPLICANT_BIRTH else "Votre conjoint doit"
            raise DomainError(field, f"{who} avoir au moins {MIN_AGE} ans : vérifiez l'année de naissance.")
        if age > MAX_AGE:
            raise DomainError(field, f"Cette date donne plus de {MAX_AGE} ans : vérifiez l'année de naissance.")
    return value


def parse_amount(text: str, *, field: str, ceiling_euros: int = CEILING_EUROS) -> int:
    """Euros, cents allowed ("650", "650,50", "1 200 €"); returns cents. Negative or absurd amounts refused."""
    value = re.sub(r"[\s\u00a0\u202f€]", "", text or "")
    if not value:
        raise DomainError(field, "Saisissez un montant en euros (0 si vous n'avez rien).")
    if value.startswith("-"):
        raise DomainError(field, "Le montant ne peut pas être négatif.")
    match = re.fullmatch(r"(\d{1,9})(?:[,.](\d{1,2}))?", value, re.ASCII)
    if not match:
        raise DomainError(field, "Saisissez un montant en chiffres, par exemple 650 ou 650,50.")
    cents = int(match.group(1)) * 100 + int((match.group(2) or "0").ljust(2, "0"))
    if cents > ceiling_euros * 100:
        raise DomainError(field, f"Ce montant dépasse {format_euros(ceiling_euros * 100)} : vérifiez votre saisie.")
    return cents


def check_answer(question: Question, text: str, today: date):
    """The value of one answer (date, cents, key, text, IBAN, postal code); DomainError(question.name, ...)."""
    field, raw = question.name, (text or "").strip()
    if not raw:
        if question.required:
            raise DomainError(field, "Choisissez une réponse." if question.options else "Ce champ est obligatoire.")
        return None
    if question.kind is Kind.DATE:
        return _check_date(question, raw, today)
    if question.kind is Kind.AMOUNT:
        cents = parse_amount(raw, field=field, ceiling_euros=10**7 if question.ceiling_message
                             else question.ceiling_euros)
        if cents > question.ceiling_euros * 100:
            raise DomainError(field, question.ceiling_message)
        if cents == 0 and question.zero_message:
            raise DomainError(field, question.zero_message)
        return cents
    if question.kind in (Kind.CHOICE, Kind.YES_NO):
        if raw not in dict(question.options):
            raise DomainError(field, "Choisissez une des réponses proposées.")
        return raw
    if question.kind is Kind.POSTAL_CODE:
        return parse_postal_code(raw, field=field)
    if question.kind is Kind.IBAN:
        try:
            return parse_iban(raw)
        except DomainError as error:
            raise DomainError(field, error.message) from None
    text = " ".join(raw.split()) if question.max_length <= 200 else raw
    if len(text) > question.max_length:
        raise DomainError(field, f"{question.max_length} caractères au plus ({len(text)} saisis).")
    if question.pattern and not re.fullmatch(question.pattern, text, re.ASCII):
        raise DomainError(field, question.pattern_message)
    return text


def shown(question: Question, text: str, today: date) -> str:
    """The answer as the review and the accusé de réception show it ("" when not answered)."""
    try:
        value = check_answer(question, text, today)
    except DomainError:
        return (text or "").strip()
    if value is None:
        return ""
    if question.kind is Kind.DATE:
        return format_date(value)
    if question.kind is Kind.AMOUNT:
        return format_euros(value)
    if question.kind in (Kind.CHOICE, Kind.YES_NO):
        return dict(question.options)[value]
    if question.kind is Kind.IBAN:
        return mask_iban(value)
    return value
