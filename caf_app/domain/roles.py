"""Roles of the members of a foyer, and who acts."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum


class MemberRole(str, Enum):
    ALLOCATAIRE = "allocataire"
    CONJOINT = "conjoint"
    ENFANT = "enfant"
    AUTRE = "autre"


class TutelleKind(str, Enum):
    """The seed's « tuteur physique » (a person, who logs in to Mon Compte) and « tuteur moral » (an organisation,
    which reaches the accounts of its protégés from the partner space)."""

    PHYSIQUE = "physique"
    MORAL = "moral"


class Delegation(str, Enum):
    UNDECIDED = "undecided"
    GRANTED = "granted"
    REFUSED = "refused"


@dataclass(frozen=True)
class Actor:
    """Who is acting: the logged-in person and their role in the dossier they are looking at.

    A tuteur physique in the dossier of a person they protect acts for that person, as that person would:
    person_id and role are then the protected person's, and tuteur_id is the tuteur's own person (who acted)."""

    account_id: int
    person_id: int
    dossier_id: int | None
    role: MemberRole | None
    delegation: Delegation = Delegation.UNDECIDED
    tuteur_id: int | None = None

    @property
    def has_delegation(self) -> bool:
        return self.role is MemberRole.CONJOINT and self.delegation is Delegation.GRANTED

    @property
    def logged_in_person_id(self) -> int:
        """The person whose account this is: the tuteur acting for a protected person, else the person."""
        return self.tuteur_id if self.tuteur_id is not None else self.person_id
