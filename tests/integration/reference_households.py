"""Reference households for November 2026: each expected amount computed by hand from the published official
figures (the barème's amounts and percentages, the rent ceilings), each row citing its texts. The simulator
(OpenFisca-France, through caf_app.rules) must agree within 1 € (tests/integration/test_rules_reference.py).

The figures in force in November 2026 are named below with their sources; they were checked against the
parameter files of openfisca-france 176.1.8 (each cites the same texts), not read from the service.
Amounts are euros; `_c` rounds to the cent as the Caf does (half up).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from caf_app.rules.situation import Adulte, Foyer, Logement

MOIS = "2026-11"
TODAY = date(2026, 11, 30)

# --- Revenu de solidarité active -------------------------------------------------------------------------------
# Montant forfaitaire (1 person) from 1 April 2026: décret n° 2026-220 du 30 mars 2026, art. 1 (JO 31/03/2026),
# +0,8 %; CASF art. L262-2 and R262-1.
RSA = 651.69
# CASF R262-1 (décret n° 2009-404 du 15 avril 2009): +50 % for a second person of the foyer (or a single parent's
# first child), +30 % for each of the 1st and 2nd child of a couple / the 2nd child of a single parent, +40 % from
# the third child.
RSA_2E_PERSONNE, RSA_ENFANT_1_2, RSA_ENFANT_3 = 0.50, 0.30, 0.40
# Forfait logement, CASF R262-9 and R262-10: 12 % of the 1-person amount, 16 % of the 2-person amount, 16,5 % of the
# 3-person amount for 3 persons or more (owners, people housed for free, and recipients of an aide au logement).
FL_1, FL_2, FL_3 = 0.12, 0.16, 0.165
# ASF counted in the Rsa's resources as a flat 22,5 % of the BMAF per child (CASF R262-10-1, décret n° 2014-554 du
# 27 mai 2014, art. 1), whatever the ASF actually paid.
RSA_FORFAIT_ASF = 0.225

# --- Prestations familiales ----------------------------------------------------------------------------------
# Base mensuelle de calcul des allocations familiales from 1 April 2026: 478,16 € (CSS L551-1 and L161-25;
# instruction interministérielle n° DSS/2B/2026/46 du 20 mars 2026 relative à la revalorisation au 1er avril 2026
# des prestations familiales servies en métropole…, published in the Bulletin officiel Santé-Solidarités).
BMAF = 478.16
# AF: 32 % of the BMAF for 2 children, +41 % for each further child (CSS D521-1, I, 1° a) and b)); majoration
# pour âge 16 % (CSS D521-2), for a child reaching 14 before 1 March 2026 and not the eldest of a family of
# 2 children (CSS R521-1; décret n° 2026-138 du 27 février 2026: the age becomes 18 for the children whose
# 14th birthday comes after 1 March 2026).
AF_2, AF_PAR_ENFANT_SUP, AF_MAJORATION = 0.32, 0.41, 0.16
# Complément familial: 41,65 % of the BMAF (CSS D522-1), majoré 62,48 % under half the ceiling (CSS D522-2).
# Ceiling for the income of 2024 (from 1 January 2026): 24 853 € for 0 child, +25 % per child for the first two,
# +30 % from the third (CSS R522-2; instruction n° DSS/2B/2025/177 du 18 décembre 2025); the majoré's ceiling is
# half of it (CSS D522-2).
CF_BASE, CF_MAJORE = 0.4165, 0.6248
CF_PLAFOND_0, CF_PLAFOND_ENFANT_1_2, CF_PLAFOND_ENFANT_3 = 24_853, 0.25, 0.30
# ASF: 42,20 % of the BMAF per child deprived of the support of one parent (CSS R523-7; décret n° 2022-1370 du
# 27 octobre 2022, art. 1).
ASF = 0.422
# PAJE allocation de base, full rate, for a child born from 1 April 2018: 41,65 % of the BMAF (CSS D531-3).
PAJE_BASE = 0.4165
# CRDS on prestations familiales and on the prime d'activité: 0,5 % (ordonnance n° 96-50 du 24 janvier 1996,
# art. 14 and 19); the Caf pays net.
CRDS = 0.005

# --- Allocation aux adultes handicapés -----------------------------------------------------------------------
# From 1 April 2026: 1 041,59 € a month (décret n° 2026-229 du 30 mars 2026, art. 1; CSS L821-1, D821-3).
AAH = 1041.59

# --- Prime d'activité ------------------------------------------------------------------------------------------
# Montant forfaitaire from 1 April 2026: 638,28 € (décret n° 2026-222 du 30 mars 2026, art. 2; CSS L842-3, D843-1).
PPA = 638.28
# 59,85 % of the earnings are added (CSS D843-3 as amended by décret n° 2025-292 du 29 mars 2025, from 1 April 2025).
PPA_PENTE = 0.5985
# Bonification individuelle (CSS D843-2, décret n° 2026-222 du 30 mars 2026, art. 1): 0 up to 59 × the Smic
# horaire brut, rising linearly to 37,7 % of the montant forfaitaire at 138 × the Smic horaire brut.
PPA_BONIF_SEUIL, PPA_BONIF_SEUIL_MAX, PPA_BONIF_TAUX = 59, 138, 0.377
# Smic horaire brut from 1 June 2026: 12,31 € (arrêté du 22 mai 2026 relatif au relèvement du salaire minimum de
# croissance).
SMIC_HORAIRE = 12.31
# Forfait logement of the prime d'activité (CSS R844-3): 12 % of the 1-person amount.
PPA_FL_1 = 0.12

# --- Aides au logement (secteur locatif) ---------------------------------------------------------------------
# Loyers plafonds, forfait charges and participation minimale from 1 October 2026: arrêté du 28 septembre 2026
# (JO 30/09/2026), art. 1, amending the arrêté du 27 septembre 2019 relatif au calcul des aides personnelles au
# logement (CCH D823-16, D823-17).
LOYER_PLAFOND = {  # zone -> (personne seule, couple sans personne à charge, 1 personne à charge, par personne en plus)
    1: (336.97, 406.40, 459.32, 66.65),
    2: (293.68, 359.47, 404.49, 58.88),
    3: (275.25, 333.67, 374.13, 53.62),
}
CHARGES, CHARGES_PAR_ENFANT = 61.29, 13.90
P0_TAUX, P0_FORFAIT = 0.085, 40.01  # participation minimale: max(8,5 % × (loyer retenu + charges), 40,01 €)
# Minoration forfaitaire of 5 € (CCH D823-16; arrêté du 27 septembre 2019, art. 11); CRDS 0,5 % rounded down to
# the cent, and the aide paid in whole euros, rounded down (CCH D823-16; barème brochure of the Ministry, p. 59).
MINORATION = 5.0
# Réduction de loyer de solidarité in a HLM, single person, zone 2, from 1 June 2026: 31,58 € (arrêté du 22 mai 2026
# modifiant l'arrêté du 27 février 2018); the APL is reduced by 98 % of it (CCH L823-2; décret n° 2018-136 du
# 27 février 2018).
RLS_SEUL_ZONE_2, RLS_FRACTION = 31.58, 0.98

# Communes (INSEE code -> zone of the arrêté du 17 mars 1978 as amended): Paris zone 1, Marseille zone 2, Guéret
# zone 3.
PARIS, MARSEILLE, GUERET = "75056", "13055", "23096"
ZONE = {PARIS: 1, MARSEILLE: 2, GUERET: 3}


def _c(euros: float) -> float:
    return float(Decimal(str(euros)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP))


def net(gross: float) -> float:
    """A prestation familiale or the prime d'activité as paid: net of the 0,5 % CRDS."""
    return _c(gross * (1 - CRDS))


def rsa_socle(adults: int, children: int) -> float:
    """CASF R262-1: the montant forfaitaire of the foyer."""
    rate = 1.0
    persons = adults + children
    for rank in range(2, persons + 1):
        child_rank = rank - adults
        if rank == 2:
            rate += RSA_2E_PERSONNE
        elif child_rank <= 2:
            rate += RSA_ENFANT_1_2
        else:
            rate += RSA_ENFANT_3
    return RSA * rate


def forfait_logement(persons: int) -> float:
    """CASF R262-9: a share of the 1-, 2- or 3-person montant forfaitaire."""
    if persons == 1:
        return RSA * FL_1
    if persons == 2:
        return RSA * (1 + RSA_2E_PERSONNE) * FL_2
    return RSA * (1 + RSA_2E_PERSONNE + RSA_ENFANT_1_2) * FL_3


def aide_logement_sans_ressources(zone: int, couple: bool, children: int, *, rls: float = 0.0) -> int:
    """The aide au logement of a tenant whose rent is above the ceiling and with no resources: the participation
    personnelle is the participation minimale alone (CCH D823-17)."""
    seul, deux, un_pac, pac_sup = LOYER_PLAFOND[zone]
    loyer = (un_pac + pac_sup * (children - 1)) if children else (deux if couple else seul)
    charges = CHARGES + CHARGES_PAR_ENFANT * children
    p0 = max(P0_TAUX * (loyer + charges), P0_FORFAIT)
    brut = _c(loyer + charges - p0) - MINORATION - RLS_FRACTION * rls
    crds = math.floor(round(brut * 100 * CRDS, 6)) / 100
    return math.floor(brut - crds)


def af_base(children: int) -> float:
    return BMAF * (AF_2 + AF_PAR_ENFANT_SUP * (children - 2)) if children >= 2 else 0.0


def ppa_isole(earnings: float, forfait_logement_applies: bool) -> float:
    """CSS L842-3: forfaitaire + 59,85 % of the earnings + bonification − max(resources, forfaitaire) − forfait
    logement, for a person alone whose only resource is their earnings."""
    bonif_max = _c(PPA_BONIF_TAUX * PPA)
    low, high = PPA_BONIF_SEUIL * SMIC_HORAIRE, PPA_BONIF_SEUIL_MAX * SMIC_HORAIRE
    bonification = min(max(bonif_max * (earnings - low) / (high - low), 0), bonif_max)
    fl = PPA * PPA_FL_1 if forfait_logement_applies else 0
    return PPA + PPA_PENTE * earnings + bonification - max(earnings, PPA) - fl


@dataclass(frozen=True)
class Reference:
    key: str
    description: str
    foyer: Foyer
    expected: dict[str, float]  # prestation key -> euros a month
    source: str


def _adult(year: int, **kwargs) -> Adulte:
    return Adulte(date(year, 3, 15), **kwargs)


SEUL_Z1 = _adult(1990)

REFERENCES: tuple[Reference, ...] = (
    Reference(
        "seul_zone1", "Personne seule sans revenu, locataire (secteur privé) à Paris (zone 1), loyer 600 €",
        Foyer(MOIS, SEUL_Z1, loyer=600_00, commune=PARIS),
        {"rsa": RSA - forfait_logement(1), "aide_logement": aide_logement_sans_ressources(1, False, 0),
         "prime_activite": 0, "af": 0},
        "Rsa: 651,69 − 12 % × 651,69 (78,20, forfait logement: elle reçoit une aide au logement) = 573,49 "
        "(décret n° 2026-220 du 30 mars 2026; CASF R262-1, R262-9). Aide au logement: loyer plafond zone 1 "
        "personne seule 336,97 + forfait charges 61,29 − participation minimale 40,01 (8,5 % × 398,26 = 33,85 "
        "< 40,01) = 358,25; − 5 € = 353,25; CRDS 1,76 → 351,49 → 351 € (arrêté du 28 septembre 2026)."),
    Reference(
        "seul_zone2", "Personne seule sans revenu, locataire (secteur privé) à Marseille (zone 2), loyer 500 €",
        Foyer(MOIS, _adult(1985), loyer=500_00, commune=MARSEILLE),
        {"rsa": RSA - forfait_logement(1), "aide_logement": aide_logement_sans_ressources(2, False, 0)},
        "Rsa 573,49 as above. Aide au logement: 293,68 + 61,29 − 40,01 = 314,96; − 5 = 309,96; CRDS 1,54 → "
        "308,42 → 308 € (arrêté du 28 septembre 2026, zone 2)."),
    Reference(
        "seul_zone3", "Personne seule sans revenu, locataire (secteur privé) à Guéret (zone 3), loyer 500 €",
        Foyer(MOIS, _adult(1970), loyer=500_00, commune=GUERET),
        {"rsa": RSA - forfait_logement(1), "aide_logement": aide_logement_sans_ressources(3, False, 0)},
        "Rsa 573,49. Aide au logement: 275,25 + 61,29 − 40,01 = 296,53; − 5 = 291,53; CRDS 1,45 → 290,08 → "
        "290 € (arrêté du 28 septembre 2026, zone 3)."),
    Reference(
        "seul_hlm_zone2", "Personne seule sans revenu, locataire HLM à Marseille (zone 2), loyer 500 €",
        Foyer(MOIS, _adult(1980), logement=Logement.HLM, loyer=500_00, commune=MARSEILLE),
        {"rsa": RSA - forfait_logement(1),
         "aide_logement": aide_logement_sans_ressources(2, False, 0, rls=RLS_SEUL_ZONE_2)},
        "APL: 309,96 as in zone 2, reduced by 98 % of the réduction de loyer de solidarité (31,58 € for a single "
        "person in zone 2, arrêté du 22 mai 2026): 309,96 − 30,95 = 279,01; CRDS 1,39 → 277,62 → 277 €. "
        "Rsa 573,49."),
    Reference(
        "seul_proprietaire", "Personne seule sans revenu, propriétaire sans prêt à Guéret",
        Foyer(MOIS, _adult(1975), logement=Logement.PROPRIETAIRE, commune=GUERET),
        {"rsa": RSA - forfait_logement(1), "aide_logement": 0, "prime_activite": 0},
        "Rsa: 651,69 − forfait logement 12 % (propriétaire: CASF R262-9) 78,20 = 573,49. No aide au logement "
        "without rent nor loan."),
    Reference(
        "couple_zone1", "Couple sans enfant sans revenu, locataire à Paris (zone 1), loyer 700 €",
        Foyer(MOIS, _adult(1988), _adult(1989), loyer=700_00, commune=PARIS),
        {"rsa": rsa_socle(2, 0) - forfait_logement(2), "aide_logement": aide_logement_sans_ressources(1, True, 0)},
        "Rsa: 651,69 × 1,5 = 977,54 − 16 % × 977,54 (156,41) = 821,13 (CASF R262-1, R262-9). Aide au logement: "
        "loyer plafond couple zone 1 406,40 + 61,29 − 40,01 (8,5 % × 467,69 = 39,75) = 427,68; − 5 = 422,68; "
        "CRDS 2,11 → 420,57 → 420 €."),
    Reference(
        "couple_2e_zone2", "Couple, 2 enfants (5 et 8 ans), sans revenu, locataire à Marseille (zone 2), loyer 700 €",
        Foyer(MOIS, _adult(1987), _adult(1986), enfants=(date(2021, 6, 10), date(2018, 2, 20)), loyer=700_00,
              commune=MARSEILLE),
        {"af": net(af_base(2)), "cf": 0, "asf": 0,
         "rsa": rsa_socle(2, 2) - af_base(2) - forfait_logement(4),
         "aide_logement": aide_logement_sans_ressources(2, True, 2)},
        "AF: 32 % × 478,16 = 153,01, net of CRDS 152,24 (CSS D521-1). Rsa: 651,69 × 2,1 = 1 368,55 − AF 153,01 "
        "(counted in the resources, CASF R262-6) − forfait logement 16,5 % × 1 173,04 = 193,55 → 1 021,99. Aide "
        "au logement: loyer plafond zone 2 1 personne à charge 404,49 + 58,88 = 463,37; charges 61,29 + 2 × 13,90 "
        "= 89,09; participation minimale 8,5 % × 552,46 = 46,96; 505,50 − 5 = 500,50; CRDS 2,50 → 498 €."),
    Reference(
        "couple_3e_salaire", "Couple, 3 enfants (4, 7 et 10 ans), un salaire de 2 500 € net par mois",
        Foyer(MOIS, _adult(1984, activite=2500_00), _adult(1985), enfants=(date(2022, 5, 2), date(2019, 7, 8),
              date(2016, 1, 25)), logement=Logement.PROPRIETAIRE, commune=MARSEILLE),
        {"af": net(af_base(3)), "cf": net(BMAF * CF_BASE), "rsa": 0},
        "AF: (32 % + 41 %) × 478,16 = 349,06, net 347,31 (CSS D521-1). Complément familial: the income of 2024, "
        "2 575 × 12 = 30 900 € imposable less 10 % = 27 810 €, is under the ceiling for 3 children and one income "
        "24 853 × 1,8 = 44 735 € but above the majoré's 22 368 €: 41,65 % × 478,16 = 199,15, net 198,15 "
        "(CSS D522-1, R522-2). Rsa 0: the earnings alone exceed 651,69 × 2,5 = 1 629,23."),
    Reference(
        "couple_3e_14ans", "Couple, 3 enfants (14, 10 et 6 ans), sans revenu, propriétaire",
        Foyer(MOIS, _adult(1980), _adult(1982), enfants=(date(2012, 6, 10), date(2016, 4, 4), date(2020, 9, 9)),
              logement=Logement.PROPRIETAIRE, commune=GUERET),
        {"af": net(af_base(3)), "cf": net(BMAF * CF_MAJORE)},
        "AF: 73 % × 478,16 = 349,06, net 347,31, with no majoration pour âge: the eldest turned 14 on 10 June 2026, "
        "after 1 March 2026, so the age is 18 for him (décret n° 2026-138 du 27 février 2026). Complément familial "
        "majoré (no income): 62,48 % × 478,16 = 298,75, net 297,26 (CSS D522-2)."),
    Reference(
        "couple_4e", "Couple, 4 enfants (15, 11, 8 et 4 ans), sans revenu, propriétaire",
        Foyer(MOIS, _adult(1978), _adult(1979), enfants=(date(2011, 5, 5), date(2015, 4, 1), date(2018, 7, 7),
              date(2022, 3, 3)), logement=Logement.PROPRIETAIRE, commune=GUERET),
        {"af": net(af_base(4) + BMAF * AF_MAJORATION), "cf": net(BMAF * CF_MAJORE)},
        "AF: (32 % + 2 × 41 %) × 478,16 = 545,10 + majoration pour âge 16 % × 478,16 = 76,51 for the child of 15 "
        "(14 on 5 May 2025, before 1 March 2026; CSS D521-2, R521-1) = 621,61, net 618,50. CF majoré 297,26."),
    Reference(
        "couple_2e_ados", "Couple, 2 enfants (18 et 16 ans), un salaire de 2 000 € net par mois",
        Foyer(MOIS, _adult(1975, activite=2000_00), _adult(1976), enfants=(date(2008, 4, 5), date(2010, 4, 5)),
              loyer=900_00, commune=PARIS),
        {"af": net(af_base(2) + BMAF * AF_MAJORATION), "rsa": 0},
        "AF: 32 % × 478,16 = 153,01 + majoration 16 % = 76,51 for the younger (16; the eldest of 2 children "
        "gives none, CSS R521-1) = 229,52, net 228,37. Rsa 0 (2 000 € > 651,69 × 2,1)."),
    Reference(
        "parent_seul_1e", "Parent seul, 1 enfant de 6 ans sans pension alimentaire, sans revenu, locataire à Guéret",
        Foyer(MOIS, _adult(1992), enfants=(date(2020, 6, 1),), loyer=500_00, commune=GUERET),
        {"asf": net(BMAF * ASF), "af": 0,
         "rsa": rsa_socle(1, 1) - BMAF * RSA_FORFAIT_ASF - forfait_logement(2),
         "aide_logement": aide_logement_sans_ressources(3, False, 1)},
        "ASF: 42,20 % × 478,16 = 201,78, net 200,77 (CSS R523-7). Rsa: 651,69 × 1,5 = 977,54 − ASF counted as "
        "22,5 % × 478,16 = 107,59 (CASF R262-10-1) − forfait logement 16 % × 977,54 = 156,41 → 713,54 (no "
        "majoration for isolement: the child is over 3). Aide au logement zone 3, 1 personne à charge: 374,13 + "
        "75,19 − 40,01 = 409,31; − 5 = 404,31; CRDS 2,02 → 402 €."),
    Reference(
        "parent_seul_2e_asf", "Parent seul, 2 enfants (4 et 9 ans) sans pension alimentaire, sans revenu, Marseille",
        Foyer(MOIS, _adult(1990), enfants=(date(2022, 2, 2), date(2017, 8, 8)), loyer=600_00, commune=MARSEILLE),
        {"asf": net(2 * BMAF * ASF), "af": net(af_base(2)),
         "rsa": rsa_socle(1, 2) - af_base(2) - 2 * BMAF * RSA_FORFAIT_ASF - forfait_logement(3),
         "aide_logement": aide_logement_sans_ressources(2, False, 2)},
        "ASF 2 × 201,78 = 403,56, net 401,54. AF 152,24. Rsa: 651,69 × 1,8 = 1 173,04 − AF 153,01 − ASF forfait "
        "2 × 107,59 − forfait logement 193,55 → 611,31. Aide au logement 498 € (as the couple with 2 children: "
        "same ceiling and charges)."),
    Reference(
        "parent_seul_pension", "Parent seul, 2 enfants (4 et 9 ans), reçoit une pension alimentaire, salaire 1 800 €",
        Foyer(MOIS, _adult(1990, activite=1800_00), enfants=(date(2022, 2, 2), date(2017, 8, 8)),
              logement=Logement.PROPRIETAIRE, commune=MARSEILLE, pension_alimentaire=True),
        {"asf": 0, "af": net(af_base(2))},
        "No ASF when the maintenance is paid (CSS L523-1). AF: 152,24 net."),
    Reference(
        "aah_80", "Adulte seul, taux d'incapacité 80 %, sans revenu, propriétaire",
        Foyer(MOIS, _adult(1981, incapacite=80), logement=Logement.PROPRIETAIRE, commune=GUERET),
        {"aah": AAH},
        "AAH at the full rate: 1 041,59 € (décret n° 2026-229 du 30 mars 2026; CSS L821-1). Not subject to the "
        "CRDS."),
    Reference(
        "aah_60_rsdae", "Adulte seul, taux 60 % avec restriction substantielle et durable d'accès à l'emploi",
        Foyer(MOIS, _adult(1972, incapacite=60, restriction=True), logement=Logement.PROPRIETAIRE, commune=GUERET),
        {"aah": AAH},
        "AAH 1 041,59 € (CSS L821-2: 50 to 79 % with a restriction substantielle et durable)."),
    Reference(
        "ppa_1000", "Personne seule salariée, 1 000 € net par mois, propriétaire",
        Foyer(MOIS, _adult(1995, activite=1000_00), logement=Logement.PROPRIETAIRE, commune=GUERET),
        {"prime_activite": net(ppa_isole(1000, True)), "rsa": 0},
        "Prime d'activité: 638,28 + 59,85 % × 1 000 = 598,50 + bonification 240,63 × (1 000 − 59 × 12,31) / "
        "((138 − 59) × 12,31) = 67,73 − max(1 000, 638,28) − forfait logement 12 % × 638,28 = 76,59 → 227,92, "
        "net of CRDS 226,78 (décret n° 2026-222 du 30 mars 2026; CSS D843-1 to D843-3, R844-3)."),
    Reference(
        "paje_base", "Couple, 1 enfant de 14 mois, sans revenu, locataire à Paris",
        Foyer(MOIS, _adult(1993), _adult(1994), enfants=(date(2025, 9, 10),), loyer=800_00, commune=PARIS),
        {"paje_base": net(BMAF * PAJE_BASE), "af": 0,
         "aide_logement": aide_logement_sans_ressources(1, True, 1)},
        "PAJE allocation de base, full rate: 41,65 % × 478,16 = 199,15, net 198,15 (CSS D531-3). AF 0 with one "
        "child. Aide au logement zone 1, 1 personne à charge: 459,32 + 75,19 − 45,44 (8,5 % × 534,51) = 489,07; "
        "− 5 = 484,07; CRDS 2,42 → 481 €."),
    Reference(
        "couple_revenus", "Couple, 1 enfant, deux salaires de 2 500 € net, locataire à Paris, loyer 1 000 €",
        Foyer(MOIS, _adult(1980, activite=2500_00), _adult(1981, activite=2500_00), enfants=(date(2015, 10, 1),),
              loyer=1000_00, commune=PARIS),
        {"rsa": 0, "prime_activite": 0, "aide_logement": 0, "af": 0, "asf": 0},
        "Income far above the Rsa and prime d'activité's amounts (5 000 € > 651,69 × 1,8 = 1 173,04); aide au "
        "logement 0: the participation on 61 800 € a year exceeds the rent and charges; AF need 2 children."),
)
