"""Identifiers typed at login: the NIR (13 characters) and the provisional identifier (P + 8 digits)."""

from __future__ import annotations

import re

from stdnum.fr import nir as stdnum_nir

from .errors import DomainError

# Months of the NIR that stdnum does not check: 01 to 12, or 20 to 99 (unknown or special months).
_MONTH_RE = re.compile(r"0[1-9]|1[0-2]|[2-9][0-9]")
_PROVISIONAL_RE = re.compile(r"^P\d{8}$", re.ASCII)

NIR_FORMAT = "13 caractères, sans la clé, par exemple 1850375112042"
PROVISIONAL_FORMAT = "la lettre P suivie de 8 chiffres, par exemple P12345678"


def normalize(text: str) -> str:
    """Remove spaces, dots and dashes people type, and upper-case letters (2a -> 2A)."""
    return re.sub(r"[\s.\-]", "", text or "").upper()


def parse_nir(text: str) -> str:
    """Return the 13-character NIR or raise DomainError with the message shown next to the field.

    Only numbers starting with 1 or 2 (7 and 8 are temporary numbers); Corsica's 2A/2B departments
    are accepted; months 01 to 12, or 20 to 99 (unknown or special months of the NIR).
    """
    value = normalize(text)
    if not value:
        raise DomainError("identifiant", "Saisissez votre numéro de Sécurité sociale.")
    if len(value) == 15 and value.isascii() and value.isalnum():
        raise DomainError("identifiant",
                          "Saisissez les 13 premiers caractères seulement, sans les 2 chiffres de la clé.")
    if len(value) != 13:
        raise DomainError("identifiant", f"Le numéro de Sécurité sociale comporte 13 caractères ({len(value)} saisis).")
    if value[0] not in "12":
        raise DomainError("identifiant", "Le numéro de Sécurité sociale commence par 1 ou 2.")
    if not (_MONTH_RE.fullmatch(value[3:5]) and _is_nir_without_key(value)):
        raise DomainError("identifiant", "Ce numéro de Sécurité sociale n'a pas un format valide.")
    return value


def _is_nir_without_key(value: str) -> bool:
    """stdnum checks the 15-character form (digits, Corsica's 2A/2B): give it the 13 characters and their key.

    ASCII first: stdnum would turn fullwidth and other look-alike digits into ASCII ones and accept them.
    """
    if not value.isascii():
        return False
    try:
        return stdnum_nir.is_valid(value + stdnum_nir.calc_check_digits(value))
    except ValueError:  # a letter where the key computation expects digits
        return False


def nir_key(nir13: str) -> int:
    """The 2-digit key of a 13-character NIR (Corsica: 2A -> 19, 2B -> 18 before the computation)."""
    return int(stdnum_nir.calc_check_digits(nir13.upper()))


def parse_provisional_id(text: str) -> str:
    value = normalize(text)
    if not value:
        raise DomainError("identifiant", "Saisissez votre identifiant provisoire.")
    if not _PROVISIONAL_RE.match(value):
        raise DomainError("identifiant", "L'identifiant provisoire est la lettre P suivie de 8 chiffres.")
    return value


def mask_iban(iban: str) -> str:
    """Everything but the last 4 characters hidden: "FR76 **** **** 1234" style."""
    compact = normalize(iban)
    if len(compact) <= 4:
        return compact
    return "•••• " + compact[-4:]
