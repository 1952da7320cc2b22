"""Contact details typed by people: French mobile numbers, e-mail addresses, postal codes, dates."""

from __future__ import annotations

import re
from datetime import date

import phonenumbers

from .errors import DomainError

_EMAIL_RE = re.compile(r"^[A-Za-z0-9._%+\-]{1,64}@[A-Za-z0-9\-]{1,63}(\.[A-Za-z0-9\-]{1,63})*\.[A-Za-z]{2,24}$")
_DATE_RE = re.compile(r"^(\d{2})/(\d{2})/(\d{4})$", re.ASCII)
# The overseas departments share France's 10-digit plan (their mobiles are 0639, 069x...), but phonenumbers
# files their numbers under regions of their own.
_FRENCH_PLAN_REGIONS = ("FR", "RE", "YT", "GP", "MQ", "GF", "BL", "MF")


def parse_mobile(text: str, *, field: str = "mobile") -> str:
    """A French mobile number: 06, or 073 to 079 (070 to 072 are not open), in a block that phonenumbers knows
    is given to a mobile operator (a few overseas blocks of 0639, 0691, 0693 and 0694 are not). Returns 10 digits."""
    digits = re.sub(r"[\s.\-]", "", text or "")
    if digits.startswith("+33"):
        digits = "0" + digits[3:]
    if not digits:
        raise DomainError(field, "Saisissez votre numéro de téléphone portable.")
    if not re.fullmatch(r"\d{10}", digits, re.ASCII):
        raise DomainError(field, "Le numéro de téléphone portable comporte 10 chiffres, par exemple 06 12 34 56 78.")
    if not (re.match(r"06|07[3-9]", digits) and _is_mobile_of_the_french_plan(digits)):
        raise DomainError(field, "Saisissez un numéro de portable français : il commence par 06 ou par 073 à 079.")
    return digits


def _is_mobile_of_the_french_plan(digits: str) -> bool:
    """phonenumbers knows which blocks are given to mobile operators, in France and overseas."""
    for region in _FRENCH_PLAN_REGIONS:
        number = phonenumbers.parse(digits, region)
        if (phonenumbers.is_valid_number_for_region(number, region)
                and phonenumbers.number_type(number) == phonenumbers.PhoneNumberType.MOBILE):
            return True
    return False


def parse_email(text: str, *, field: str = "email") -> str:
    value = (text or "").strip()
    if not value:
        raise DomainError(field, "Saisissez votre adresse électronique.")
    if len(value) > 254 or not _EMAIL_RE.match(value):
        raise DomainError(field, "Saisissez une adresse électronique valide, par exemple nom@exemple.fr.")
    return value.lower()


def check_same(first: str, second: str, *, field: str, what: str) -> None:
    if (first or "").strip().lower() != (second or "").strip().lower():
        raise DomainError(field, f"Les deux {what} saisis ne sont pas identiques.")


def parse_postal_code(text: str, *, field: str = "code_postal") -> str:
    value = re.sub(r"\s", "", text or "")
    if not re.fullmatch(r"\d{5}", value, re.ASCII):
        raise DomainError(field, "Le code postal comporte 5 chiffres, par exemple 92000.")
    if value[:2] == "00" or (value[:2] == "20" and value[2] not in "012"):
        raise DomainError(field, "Ce code postal n'existe pas.")
    return value


def parse_date(text: str, *, field: str, label: str, today: date, future: bool = False) -> date:
    """JJ/MM/AAAA, a real date, after 1900, not in the future (unless `future`: the caller bounds it)."""
    match = _DATE_RE.match((text or "").strip())
    if not match:
        raise DomainError(field, f"Saisissez {label} au format JJ/MM/AAAA, par exemple 09/09/1962.")
    day, month, year = (int(part) for part in match.groups())
    try:
        value = date(year, month, day)
    except ValueError:
        raise DomainError(field, f"Cette date n'existe pas : vérifiez {label}.") from None
    if value > today and not future:
        raise DomainError(field, f"{label[0].upper()}{label[1:]} ne peut pas être dans le futur.")
    if year < 1900:
        raise DomainError(field, f"Vérifiez l'année : {label} doit être après 1900.")
    return value
