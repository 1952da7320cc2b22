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
    person_id and role are then the protected person's, and tuteur_id is the tuteur's own person (who acted).
    A tuteur moral's staff member does too, from Mon Compte Partenaire: then account_id is None (the session is no
    person's account) and partner_id is the staff member (who acted)."""

    account_id: int | None
    person_id: int
    dossier_id: int | None
    role: MemberRole | None
    delegation: Delegation = Delegation.UNDECIDED
    tuteur_id: int | None = None
    partner_id: int | None = None

    @property
    def signed(self) -> dict[str, int | None]:
        """Who a démarche is made by, as the Demarche row keeps it: the person it is for, and the tuteur (physique:
        acted_by_id; moral: partner_id) who made it for them."""
        return {"person_id": self.person_id, "acted_by_id": self.tuteur_id, "partner_id": self.partner_id}

    @property
    def has_delegation(self) -> bool:
        return self.role is MemberRole.CONJOINT and self.delegation is Delegation.GRANTED

    @property
    def logged_in_person_id(self) -> int:
        """The person whose account this is: the tuteur acting for a protected person, else the person."""
        return self.tuteur_id if self.tuteur_id is not None else self.person_id
