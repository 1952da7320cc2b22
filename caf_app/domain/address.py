"""A French postal address: street line, postal code and a commune that has this postal code."""

from __future__ import annotations

import re
from collections.abc import Mapping

from .contacts import parse_postal_code
from .errors import DomainError
from .names import comparable


def check_address(line: str, postal_code: str, commune: str, *, communes: Mapping[str, list[str]]
                  ) -> tuple[str, str, str]:
    """(street line, postal code, commune as officially written); DomainError on the field to fix."""
    street = " ".join((line or "").split())
    if not street:
        raise DomainError("adresse", "Saisissez le numéro et le nom de la voie.")
    if len(street) > 120 or not re.search(r"[A-Za-zÀ-ÿ]", street):
        raise DomainError("adresse", "Saisissez une adresse de 120 caractères au plus, par exemple 6 rue des Pivoines.")
    code = parse_postal_code(postal_code)
    known = communes.get(code)
    if not known:
        raise DomainError("code_postal", "Ce code postal n'existe pas.")
    wanted = comparable(commune)
    match = next((name for name in known if comparable(name) == wanted), None)
    if match is None:
        hint = ", ".join(known[:5]) + ("…" if len(known) > 5 else "")
        raise DomainError("commune", f"Cette commune n'a pas le code postal {code}. Communes de ce code : {hint}.")
    return street.upper(), code, match


# Paris, Marseille and Lyon: one postal code per arrondissement, one commune code for the whole city (the rules
# read the commune, not the arrondissement: the housing zone is the city's).
CITY_CODES = {"PARIS": "75056", "MARSEILLE": "13055", "LYON": "69123"}


def departements_of(postal_code: str) -> tuple[str, ...]:
    """Where the INSEE codes of a postal code's communes start: its first 2 digits, 3 overseas (97x), 2A or 2B in
    Corsica (postal codes 20xxx)."""
    if postal_code.startswith("20"):
        return ("2A", "2B")
    if postal_code.startswith("97"):
        return (postal_code[:3],)
    return (postal_code[:2],)


def names_index(insee: Mapping[str, str]) -> dict[str, list[str]]:
    """INSEE code -> official name (content/data/communes_insee.json) turned into: comparable name -> codes."""
    index: dict[str, list[str]] = {}
    for code, name in insee.items():
        index.setdefault(comparable(name), []).append(code)
    return index


def insee_code(postal_code: str, commune: str, *, index: Mapping[str, list[str]]) -> str | None:
    """The INSEE code of the commune named `commune` among the communes of `postal_code`'s département, matched
    on the name written without accents, hyphens or case; a few postal codes cross a département's border: then
    the only commune of that name in France. None when there is none (or several elsewhere).
    index: names_index() of the INSEE list."""
    wanted = comparable(commune)
    if wanted in CITY_CODES and CITY_CODES[wanted][:2] == postal_code[:2]:
        return CITY_CODES[wanted]
    named = index.get(wanted, [])
    here = [code for code in named if code.startswith(departements_of(postal_code))]
    if here:
        return here[0]
    return named[0] if len(named) == 1 else None
