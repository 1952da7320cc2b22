"""Every prestation the app knows, with its French label, its address slug and its rules.

The database stores a prestation's key (the enum value, "prime_activite"), never its label: the pages show
`Prestation(key).label`. Adding a quarterly prestation means adding a member here (and the wording of any
resource category of its own in content/data/declaration_*.json).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


@dataclass(frozen=True)
class QuarterlyDeclaration:
    """What a quarterly prestation asks every three months: the déclaration trimestrielle de ressources."""

    name: str  # in the declaration's title and in Mes démarches: "Déclaration trimestrielle Rsa"
    beneficiary_extra: tuple[str, ...] = ()  # categories asked of the beneficiary only, after "salaires"
    other_adults: bool = True  # the other adults of the foyer declare too (AAH: only the couple)

    @property
    def title(self) -> str:
        return f"Déclaration trimestrielle {self.name}"


class Prestation(StrEnum):
    """key = the value stored in the database; label = what the pages show."""

    label: str
    declaration: QuarterlyDeclaration | None

    RSA = "rsa", "Revenu de solidarité active", QuarterlyDeclaration("Rsa")
    PRIME_ACTIVITE = "prime_activite", "Prime d'activité", QuarterlyDeclaration("Prime d'activité")
    AAH = ("aah", "Allocation aux adultes handicapés",
           QuarterlyDeclaration("Aah", beneficiary_extra=("esat",), other_adults=False))
    APL = "apl", "Aide personnalisée au logement"
    ALS = "als", "Allocation de logement sociale"
    ASF = "asf", "Allocation de soutien familial"
    AF = "af", "Allocations familiales"
    AIDE_LOGEMENT = "aide_logement", "Aide au logement"
    CF = "cf", "Complément familial"
    PAJE_BASE = "paje_base", "Allocation de base de la PAJE"
    PAJE_NAISSANCE = "paje_naissance", "Prime à la naissance"
    CMG = "cmg", "Complément de libre choix du mode de garde"
    BAFA = "bafa", "Aide au BAFA"  # once, by the Caf's own rule (domain/gestion.bafa_cents)

    def __new__(cls, key: str, label: str, declaration: QuarterlyDeclaration | None = None) -> Prestation:
        member = str.__new__(cls, key)
        member._value_ = key
        member.label = label
        member.declaration = declaration
        return member

    @property
    def key(self) -> str:
        return self.value

    @property
    def slug(self) -> str:
        """Its part of an address (the declaration page of PRIME_ACTIVITE ends with prime-activite)."""
        return self.value.replace("_", "-")

    @property
    def quarterly(self) -> bool:
        return self.declaration is not None

    @classmethod
    def quarterly_ones(cls) -> tuple[Prestation, ...]:
        """The prestations declared every quarter, in the order the pages list them."""
        return tuple(member for member in cls if member.quarterly)

    @classmethod
    def from_slug(cls, slug: str) -> Prestation:
        """ "prime-activite" -> PRIME_ACTIVITE; ValueError for an address part no prestation has."""
        for member in cls:
            if member.slug == slug:
                return member
        raise ValueError(f"no prestation has the slug {slug!r}")


# The aides au logement: one droit of a dossier's home, paid to its bailleur in tiers payant, recomputed only with a
# known rent, refused a second time by a new demande d'aide au logement.
HOUSING_AIDS = (Prestation.APL, Prestation.ALS, Prestation.AIDE_LOGEMENT)
