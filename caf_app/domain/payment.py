"""The simulated card payment used to repay a debt: card number (Luhn), expiry, security code."""

from __future__ import annotations

import re
from datetime import date

from .errors import DomainError


def luhn_ok(digits: str) -> bool:
    total = 0
    for index, char in enumerate(reversed(digits)):
        value = int(char)
        if index % 2:
            value = value * 2 - 9 if value > 4 else value * 2
        total += value
    return total % 10 == 0


def check_card(number: str, expiry: str, code: str, *, today: date) -> str:
    """Return the last 4 digits of a valid card; DomainError on the field to fix."""
    digits = re.sub(r"[\s\-]", "", number or "")
    if not re.fullmatch(r"\d{13,19}", digits, re.ASCII):
        raise DomainError("carte", "Le numéro de carte comporte de 13 à 19 chiffres.")
    if not luhn_ok(digits):
        raise DomainError("carte", "Ce numéro de carte n'est pas valide : vérifiez-le.")
    match = re.fullmatch(r"(\d{2})\s*/\s*(\d{2})", (expiry or "").strip(), re.ASCII)
    if not match or not 1 <= int(match.group(1)) <= 12:
        raise DomainError("expiration", "Saisissez la date d'expiration au format MM/AA, par exemple 09/28.")
    month, year = int(match.group(1)), 2000 + int(match.group(2))
    if (year, month) < (today.year, today.month):
        raise DomainError("expiration", "Cette carte est expirée.")
    if not re.fullmatch(r"\d{3}", (code or "").strip(), re.ASCII):
        raise DomainError("cryptogramme", "Le cryptogramme comporte 3 chiffres, au dos de la carte.")
    return digits[-4:]


def check_repayment(amount_cents: int, balance_cents: int) -> int:
    if amount_cents <= 0:
        raise DomainError("montant", "Le montant doit être supérieur à 0 €.")
    if amount_cents > balance_cents:
        raise DomainError("montant", "Le montant ne peut pas dépasser ce que vous devez.")
    return amount_cents
