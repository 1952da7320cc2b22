"""Estimates of the revenu de solidarité active and the prime d'activité from a household's monthly figures.

The rules of the Code de l'action sociale et des familles (L262-2, R262-1 to R262-10) and of the Code de la
sécurité sociale (L842-3, D843-1 to D843-2), simplified as every simulator is: one month stands for the
quarter, no RSA majoré for a parent alone, no specific resources (pensions alimentaires, bourses…). All sums
are integer cents; the barème comes from content/data/baremes.json.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from .errors import DomainError


class Logement(str, Enum):
    LOCATAIRE = "locataire"                # pays a rent or a loan, without aide au logement
    AIDE_LOGEMENT = "aide_logement"        # receives an aide au logement: the forfait logement applies
    PROPRIETAIRE = "proprietaire"          # owner without a loan to repay: the forfait logement applies
    HEBERGE = "heberge"                    # housed free of charge: the forfait logement applies


@dataclass(frozen=True)
class Foyer:
    couple: bool
    enfants: int                 # dependent children under 20 (under 25 for the prime d'activité)
    logement: Logement
    revenus_activite_cents: int  # the applicant's monthly net earnings
    revenus_conjoint_cents: int  # the partner's (0 when alone)
    autres_ressources_cents: int  # other monthly resources of the household (chômage, pensions…)

    @property
    def personnes(self) -> int:
        return 1 + int(self.couple) + self.enfants


@dataclass(frozen=True)
class Estimation:
    montant_cents: int   # what would be paid each month (0: no right)
    detail: list[tuple[str, int]]  # the steps of the calculation, signed, in cents
    motif: str           # why nothing is paid, "" when something is


def check(foyer: Foyer) -> None:
    if not 0 <= foyer.enfants <= 12:
        raise DomainError("enfants", "Indiquez un nombre d'enfants entre 0 et 12.")
    if not foyer.couple and foyer.revenus_conjoint_cents:
        raise DomainError("revenus_conjoint", "Sans conjoint, laissez ce montant à 0.")


def coefficient(foyer: Foyer) -> float:
    """The household's share of the montant forfaitaire: 1, +50 % for the partner (or the first child of a
    parent alone), +30 % for each of the next children up to the second, +40 % from the third child on."""
    total = 1.0 + (0.5 if foyer.couple else 0.0)
    for rank in range(1, foyer.enfants + 1):
        if rank >= 3:
            total += 0.4
        elif rank == 1 and not foyer.couple:
            total += 0.5
        else:
            total += 0.3
    return total


def _forfait_logement(foyer: Foyer, amounts: list[int]) -> int:
    if foyer.logement is Logement.LOCATAIRE:
        return 0
    return amounts[min(foyer.personnes, 3) - 1]


def rsa(foyer: Foyer, bareme: dict) -> Estimation:
    check(foyer)
    forfaitaire = round(bareme["forfaitaire_cents"] * coefficient(foyer))
    ressources = foyer.revenus_activite_cents + foyer.revenus_conjoint_cents + foyer.autres_ressources_cents
    logement = _forfait_logement(foyer, bareme["forfait_logement_cents"])
    montant = forfaitaire - ressources - logement
    detail = [("Montant forfaitaire du foyer", forfaitaire), ("Ressources du foyer", -ressources)]
    if logement:
        detail.append(("Forfait logement", -logement))
    if montant < bareme["minimum_verse_cents"]:
        return Estimation(0, detail, "Les ressources du foyer dépassent le montant forfaitaire (ou le droit "
                                     "serait inférieur au minimum versé de 6 €).")
    return Estimation(montant, detail, "")


def bonification(earnings_cents: int, bareme: dict) -> int:
    """Per worker: nothing below 59 hours of SMIC, growing linearly to the maximum at 95 hours, then flat."""
    hour = bareme["smic_horaire_brut_cents"]
    low, high = bareme["bonification_debut_heures_smic"] * hour, bareme["bonification_plein_heures_smic"] * hour
    if earnings_cents < low:
        return 0
    if earnings_cents >= high:
        return bareme["bonification_max_cents"]
    return round(bareme["bonification_max_cents"] * (earnings_cents - low) / (high - low))


def prime_activite(foyer: Foyer, bareme: dict) -> Estimation:
    check(foyer)
    activite = foyer.revenus_activite_cents + foyer.revenus_conjoint_cents
    if activite <= 0:
        return Estimation(0, [], "La prime d'activité complète des revenus d'activité : sans revenu "
                                 "d'activité, il n'y a pas de droit (le revenu de solidarité active peut l'être).")
    forfaitaire = round(bareme["forfaitaire_cents"] * coefficient(foyer))
    part_activite = round(activite * bareme["taux_revenus_activite"])
    bonus = bonification(foyer.revenus_activite_cents, bareme) + bonification(foyer.revenus_conjoint_cents, bareme)
    logement = _forfait_logement(foyer, bareme["forfait_logement_cents"])
    ressources = activite + foyer.autres_ressources_cents + logement
    deduit = max(ressources, forfaitaire)
    montant = forfaitaire + part_activite + bonus - deduit
    detail = [("Montant forfaitaire du foyer", forfaitaire), ("61 % des revenus d'activité", part_activite)]
    if bonus:
        detail.append(("Bonification individuelle", bonus))
    detail.append(("Ressources du foyer (ou le montant forfaitaire s'il est plus élevé)", -deduit))
    if montant < bareme["minimum_verse_cents"]:
        return Estimation(0, detail, "Le droit calculé est inférieur au minimum versé de 15 € par mois.")
    return Estimation(montant, detail, "")
