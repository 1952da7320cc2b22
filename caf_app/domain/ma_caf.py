"""Ma Caf: the Caf of a postal code. Postal code -> its communes (content/data/communes.json) -> the INSEE code of
the first one (communes_insee.json, domain.address.insee_code) -> its département -> the Caf of that département.

Pure: the caller hands the two lists over (content.load). The demo Cafs with a page of their own are listed here,
one content file each (content/data/ma_caf/<département>.json)."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from .address import insee_code
from .departements import NAMES, caf_name
from .errors import DomainError

# The Cafs of the demonstration that have their local pages, in the order the chooser lists them.
DEMO_CAFS = ("06", "13", "44", "75", "92")

FORMAT = "Saisissez un code postal de 5 chiffres, par exemple 13013."
UNKNOWN = "Ce code postal n'existe pas. Vérifiez-le : par exemple 13013 pour Marseille 13e."


@dataclass(frozen=True)
class CafOfCode:
    postal_code: str
    commune: str  # the first commune of the code, as the official list writes it
    departement: str  # "13", "2A", "974"
    caf: str  # "Caf des Bouches-du-Rhône"

    @property
    def has_page(self) -> bool:
        return self.departement in DEMO_CAFS


def departement_of_insee(code: str) -> str:
    """"13055" -> "13", "97411" -> "974", "2A004" -> "2A"."""
    return code[:3] if code.startswith("97") else code[:2]


def caf_of(postal_code: str, *, communes: Mapping[str, list[str]], index: Mapping[str, list[str]]) -> CafOfCode:
    """The Caf of `postal_code`. communes: postal code -> names (communes.json); index: names_index() of the INSEE
    list. DomainError("code_postal", ...) for a code that is not 5 digits or that no commune has."""
    code = re.sub(r"\s", "", postal_code or "")
    if not re.fullmatch(r"\d{5}", code):
        raise DomainError("code_postal", FORMAT)
    names = communes.get(code)
    if not names:
        raise DomainError("code_postal", UNKNOWN)
    insee = insee_code(code, names[0], index=index)
    departement = departement_of_insee(insee) if insee else code[:2]
    if departement not in NAMES:
        raise DomainError("code_postal", UNKNOWN)
    return CafOfCode(code, names[0], departement, caf_name(departement))


def no_page(found: CafOfCode) -> str:
    """What a person reads when their Caf has no local page in the demonstration."""
    listed = ", ".join(caf_name(d) for d in DEMO_CAFS)
    return (f"Votre Caf est la {found.caf} ({found.commune}). Ses pages locales ne font pas partie de cette "
            f"démonstration, qui présente : {listed}.")
