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
