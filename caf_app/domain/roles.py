"""Roles of the members of a foyer, and who acts."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum


class MemberRole(str, Enum):
    ALLOCATAIRE = "allocataire"
    CONJOINT = "conjoint"
    ENFANT = "enfant"
    AUTRE = "autre"


class Delegation(str, Enum):
    UNDECIDED = "undecided"
    GRANTED = "granted"
    REFUSED = "refused"


@dataclass(frozen=True)
class Actor:
    """Who is acting: the logged-in person and their role in the dossier they are looking at."""

    account_id: int
    person_id: int
    dossier_id: int | None
    role: MemberRole | None
    delegation: Delegation = Delegation.UNDECIDED

    @property
    def has_delegation(self) -> bool:
        return self.role is MemberRole.CONJOINT and self.delegation is Delegation.GRANTED
