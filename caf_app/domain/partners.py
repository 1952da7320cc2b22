"""The Caf's partners (Mon Compte Partenaire): the organisations a Caf habilitates, the services it opens to them
for a territory and until a date, and what a consultation of an allocataire's data must say (its purpose)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from .statuses import Labelled


class OrganisationKind(Labelled):
    BAILLEUR = "bailleur", "Bailleur"
    SERVICE_SOCIAL = "service_social", "Service social"
    ASSOCIATION = "association", "Association"
    TUTELLE = "tutelle", "Service de tutelle"


class PartnerService(Labelled):
    """The services behind Mon Compte Partenaire, each habilitated on its own."""

    CDAP = "cdap", "CDAP : consultation des données de l'allocataire"
    BAILLEUR = "bailleur", "Espace bailleur"
    AFAS = "afas", "AFAS : envoi de documents pour un allocataire"
    TUTEUR = "tuteur", "Tuteur moral : dossiers des personnes protégées"


# Why a partner looks at a dossier: chosen at each consultation, kept with it, shown to the allocataire.
CDAP_PURPOSES: tuple[str, ...] = (
    "Accompagnement social de l'allocataire",
    "Instruction d'une aide (FSL, aide facultative, secours)",
    "Prévention d'une expulsion locative",
    "Ouverture ou maintien d'un droit",
)
NOT_FOUND = "Aucun dossier de votre territoire ne correspond à ce numéro et à ce nom."
LONGEST = 3 * 366  # days: a habilitation is granted for three years at most, then renewed


@dataclass(frozen=True)
class Habilitation:
    """What a Caf opened to an organisation: a service, for a département, until a date (included)."""

    service: PartnerService
    departement: str
    valid_until: date
    withdrawn: bool = False

    def covers(self, service: PartnerService, departement: str, today: date) -> bool:
        return (not self.withdrawn and self.service is service and self.departement == departement
                and today <= self.valid_until)


def check_valid_until(valid_until: date | None, today: date) -> date:
    from .errors import DomainError

    if valid_until is None:
        raise DomainError("valid_until", "Indiquez jusqu'à quand l'habilitation est valable.")
    if valid_until < today:
        raise DomainError("valid_until", "La date de fin est passée : choisissez une date à venir.")
    if (valid_until - today).days > LONGEST:
        raise DomainError("valid_until", "Une habilitation vaut trois ans au plus : choisissez une date plus proche.")
    return valid_until
