"""Names typed by people: compared without accents, case, spaces or hyphens; contacts shown masked."""

from __future__ import annotations

import re
import unicodedata

from .errors import DomainError

_NAME_RE = re.compile(r"^[A-Za-zÀ-ÖØ-öø-ÿŒœ' \-]{1,60}$")


def comparable(name: str) -> str:
    text = unicodedata.normalize("NFKD", name or "")
    text = "".join(c for c in text if not unicodedata.combining(c))
    return re.sub(r"[\s\-']+", " ", text).strip().upper()


def check_name(text: str, *, field: str, label: str, required: bool = True) -> str:
    """A name of letters, spaces, hyphens and apostrophes, at most 60 characters."""
    value = re.sub(r"\s+", " ", (text or "").strip())
    if not value:
        if required:
            raise DomainError(field, f"Saisissez {label}.")
        return ""
    if not _NAME_RE.match(value):
        raise DomainError(field, f"Saisissez {label} en lettres (espaces, tirets et apostrophes acceptés, "
                                 "60 caractères au plus).")
    return value


def masked_name(first_names: str, last_name: str) -> str:
    """The first given name and the initial of the last name, as a stranger may see them: "Elise L."."""
    first = (first_names or "").split()[0] if (first_names or "").strip() else ""
    first = "-".join(part[:1].upper() + part[1:].lower() for part in first.split("-"))
    initial = (last_name or "").strip()[:1].upper()
    return f"{first} {initial}." if first and initial else first or (f"{initial}." if initial else "")


def mask_email(email: str) -> str:
    """"el13@example.fr" -> "e•••@e••••••.fr"."""
    local, _, domain = email.partition("@")
    host, _, tld = domain.rpartition(".")
    return f"{local[:1]}•••@{host[:1]}{'•' * max(len(host) - 1, 3)}.{tld}"


def mask_mobile(mobile: str) -> str:
    """"0606060606" -> "06 •• •• •• 06"."""
    digits = re.sub(r"\D", "", mobile)
    return f"{digits[:2]} •• •• •• {digits[-2:]}" if len(digits) == 10 else "•• •• •• •• ••"
