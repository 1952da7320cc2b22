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


class SignalementKind(Labelled):
    """What a bailleur declares about a lease in l'espace bailleur."""

    IMPAYE = "impaye", "Impayé de loyer"
    FIN_BAIL = "fin_bail", "Fin du bail"


IMPAYE_MONTHS = 12  # the first unpaid month is chosen among the last twelve
FIN_BAIL_AHEAD = 183  # days: a departure is declared at most six months ahead (the tenant's notice)


def impaye_months(today: date) -> list[date]:
    """The months a bailleur may name as the first one unpaid: this month and the eleven before, newest first."""
    from .dates import add_months, first_of_month

    return [add_months(first_of_month(today), -back) for back in range(IMPAYE_MONTHS)]


def check_impaye(first_month: date | None, owed_cents: int, loyer_cents: int, today: date) -> None:
    """An impayé is constituted (Code de la construction et de l'habitation, art. R. 824-5) when the debt reaches
    twice the monthly rent with its charges, or when three monthly rents in a row are wholly unpaid; before, the
    Caf cannot act on it and says so, with the threshold in euros."""
    from .dates import add_months, first_of_month
    from .errors import DomainError
    from .money import format_euros

    if first_month is None or first_month not in impaye_months(today):
        raise DomainError("premier_mois", "Choisissez le premier mois impayé dans la liste.")
    if owed_cents <= 0:
        raise DomainError("montant", "Indiquez le montant que le locataire vous doit, en euros.")
    three_months = first_month <= add_months(first_of_month(today), -2)
    if owed_cents < 2 * loyer_cents and not three_months:
        raise DomainError("montant", f"L'impayé n'est constitué qu'à partir de deux mois de loyer charges comprises "
                                     f"({format_euros(2 * loyer_cents)}) ou de trois mois entiers impayés : "
                                     "signalez-le à ce moment-là.")


def check_fin_bail(end: date, since: date, today: date) -> date:
    """The lease's last day: after it began, at most a year back and six months ahead."""
    from datetime import timedelta

    from .dates import format_date
    from .errors import DomainError

    if end < since:
        raise DomainError("fin", f"Le bail a commencé le {format_date(since)} : la fin ne peut pas être avant.")
    if end < today - timedelta(days=366):
        raise DomainError("fin", "Cette date a plus d'un an : contactez votre Caf pour une fin de bail aussi ancienne.")
    if end > today + timedelta(days=FIN_BAIL_AHEAD):
        raise DomainError("fin", "Déclarez la fin du bail au plus six mois à l'avance, une fois le congé donné.")
    return end
