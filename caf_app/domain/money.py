"""Money is integer cents. Formatting follows French usage: "1 130,26 €"."""

from __future__ import annotations

from .errors import DomainError

NBSP = "\u202f"  # narrow no-break space, the French thousands separator


def format_euros(cents: int, *, symbol: bool = True) -> str:
    """575_52 -> "575,52 €"; 113026 -> "1 130,26 €" (narrow no-break spaces); negatives keep their sign."""
    if not isinstance(cents, int):
        raise TypeError("amounts are integer cents")
    sign = "-" if cents < 0 else ""
    euros, rest = divmod(abs(cents), 100)
    grouped = f"{euros:,}".replace(",", NBSP)
    text = f"{sign}{grouped},{rest:02d}"
    return f"{text}\u00a0€" if symbol else text


def format_whole_euros(cents: int) -> str:
    """Amounts such as the quotient familial, shown without cents: 105400 -> "1 054 €"."""
    euros = round(cents / 100)
    return f"{euros:,}".replace(",", NBSP) + "\u00a0€"


def _digits(text: str) -> bool:
    """0 to 9 only: "²" or "٣" are digits to str.isdigit() but not to int()."""
    return text.isascii() and text.isdigit()


def parse_euros(text: str, *, field: str = "montant") -> int:
    """ "1 130,26" or "1130.26" or "1130" -> cents. Raises DomainError with a French message."""
    cleaned = (text or "").strip().replace("€", "").replace(NBSP, "").replace("\u00a0", "").replace(" ", "")
    if not cleaned:
        raise DomainError(field, "Saisissez un montant.")
    cleaned = cleaned.replace(",", ".")
    whole, _, frac = cleaned.partition(".")
    if not _digits(whole) or (frac and (not _digits(frac) or len(frac) > 2)):
        raise DomainError(field, "Saisissez un montant en euros, par exemple 120 ou 120,50.")
    if len(whole) > 9:
        raise DomainError(field, "Ce montant est trop élevé.")
    return int(whole) * 100 + int((frac + "00")[:2])
