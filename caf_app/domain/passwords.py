"""The password rule shown by the seed: 10 to 64 characters, 1 digit, 1 lower case, 1 upper case,
letters and digits only. Each rule is checked on its own so the form can tick it as the user types."""

from __future__ import annotations

import re
from dataclasses import dataclass

from .errors import DomainError

RULES: tuple[tuple[str, str], ...] = (
    ("longueur", "10 à 64 caractères"),
    ("chiffre", "1 chiffre"),
    ("minuscule", "1 lettre minuscule"),
    ("majuscule", "1 lettre majuscule"),
    ("caracteres", "chiffres et lettres uniquement"),
)


def rule_status(password: str) -> dict[str, bool]:
    """Which rules the password meets, by key of RULES."""
    return {
        "longueur": 10 <= len(password) <= 64,
        "chiffre": bool(re.search(r"[0-9]", password)),
        "minuscule": bool(re.search(r"[a-z]", password)),
        "majuscule": bool(re.search(r"[A-Z]", password)),
        "caracteres": bool(password) and re.fullmatch(r"[A-Za-z0-9]+", password) is not None,
    }


def check_new_password(password: str, confirmation: str) -> str:
    """Raise DomainError on the field to fix; return the password when it meets every rule."""
    status = rule_status(password)
    missing = [label for key, label in RULES if not status[key]]
    if missing:
        raise DomainError("mot_de_passe", "Le mot de passe doit comporter : " + ", ".join(missing) + ".")
    if password != confirmation:
        raise DomainError("confirmation", "Les deux mots de passe ne sont pas identiques.")
    return password


@dataclass(frozen=True)
class RuleLine:
    label: str
    ok: bool


def rule_lines(password: str) -> list[RuleLine]:
    """The checklist as the form shows it, for a password being typed."""
    status = rule_status(password)
    return [RuleLine(label, status[key]) for key, label in RULES]
