"""What the simulators compute: for each prestation, the OpenFisca variable of the amount the Caf pays, the
parameter whose date is "the barème used", and the intermediate figures "Comment est-ce calculé ?" shows, each
with its sentence. Themes group them as the seed's simulator does.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..domain.prestations import Prestation
from ..domain.statuses import Labelled

FAMILLES, INDIVIDUS = "familles", "individus"
CRDS_RATE = 0.005  # contribution au remboursement de la dette sociale on family benefits (ordonnance 96-50, art. 14)


@dataclass(frozen=True)
class Figure:
    variable: str
    entity: str
    label: str             # the row's title
    sentence: str          # what it means, in plain French
    deducted: bool = False  # shown as a deduction


@dataclass(frozen=True)
class Rule:
    prestation: Prestation
    variable: str
    entity: str
    bareme: str            # the parameter whose latest start date is "barème au …"
    bareme_label: str      # "du montant forfaitaire du Rsa"
    figures: tuple[Figure, ...] = ()
    crds: bool = False     # the variable is gross: the CRDS is taken here
    cents: bool = True     # False: the Caf pays whole euros (aides au logement)
    nothing: str = ""      # why 0, in general terms
    falc: str = ""         # the prestation in easy-to-read words

    @property
    def key(self) -> str:
        return self.prestation.key


_RSA_FORFAIT = "prestations_sociales.solidarite_insertion.minima_sociaux.rsa.rsa_m.montant_de_base_du_rsa"
_PPA_FORFAIT = "prestations_sociales.solidarite_insertion.minima_sociaux.ppa.pa_m.montant_de_base"
_BMAF = "prestations_sociales.prestations_familiales.bmaf.bmaf"
_AAH = "prestations_sociales.prestations_etat_de_sante.invalidite.aah.montant"
_LOYERS = "prestations_sociales.aides_logement.allocations_logement.locatif.formule.l_plafonds_loyers.par_zone." \
          "zone_1.personnes_seules"

RULES: tuple[Rule, ...] = (
    Rule(Prestation.RSA, "rsa", FAMILLES, _RSA_FORFAIT, "du montant forfaitaire du Rsa", (
        Figure("rsa_socle", FAMILLES, "Montant forfaitaire du foyer",
               "Le montant de base du Rsa, augmenté selon le nombre de personnes du foyer."),
        Figure("rsa_base_ressources", FAMILLES, "Ressources du foyer",
               "La moyenne par mois des ressources des 3 derniers mois (revenus, allocations chômage, pensions et "
               "certaines prestations), déduite du montant forfaitaire.", deducted=True),
        Figure("rsa_forfait_logement", FAMILLES, "Forfait logement",
               "Déduit quand vous recevez une aide au logement, êtes propriétaire ou hébergé(e) gratuitement.",
               deducted=True),
    ), nothing="Les ressources du foyer dépassent le montant forfaitaire, ou le droit serait inférieur au minimum "
               "versé de 6 €.",
        falc="Le Rsa est une aide pour les personnes qui ont peu ou pas d'argent."),
    Rule(Prestation.PRIME_ACTIVITE, "ppa_nette_crds", FAMILLES, _PPA_FORFAIT,
         "du montant forfaitaire de la prime d'activité", (
             Figure("ppa_montant_forfaitaire_familial_non_majore", FAMILLES, "Montant forfaitaire du foyer",
                    "Le montant de base de la prime d'activité, augmenté selon le nombre de personnes du foyer."),
             Figure("ppa_revenu_activite", FAMILLES, "Revenus d'activité pris en compte",
                    "Vos salaires et revenus d'indépendant des 3 derniers mois : 59,85 % s'ajoutent au montant "
                    "forfaitaire."),
             Figure("ppa_bonification", INDIVIDUS, "Bonification individuelle",
                    "Ajoutée pour chaque personne qui gagne plus d'environ 700 € par mois, jusqu'à un maximum."),
             Figure("ppa_base_ressources", FAMILLES, "Ressources du foyer",
                    "Toutes les ressources du foyer (ou le montant forfaitaire s'il est plus élevé), déduites.",
                    deducted=True),
             Figure("ppa_forfait_logement", FAMILLES, "Forfait logement",
                    "Déduit quand vous recevez une aide au logement, êtes propriétaire ou hébergé(e) gratuitement.",
                    deducted=True),
         ), nothing="La prime d'activité complète des revenus d'activité modestes : sans revenu d'activité, ou avec "
                    "des ressources trop élevées, il n'y a pas de droit (ou il serait inférieur à 15 €).",
         falc="La prime d'activité est de l'argent en plus pour les personnes qui travaillent et gagnent peu."),
    Rule(Prestation.AIDE_LOGEMENT, "aide_logement", FAMILLES, _LOYERS, "des loyers plafonds et des forfaits", (
        Figure("aide_logement_loyer_retenu", FAMILLES, "Loyer retenu",
               "Votre loyer hors charges, dans la limite du loyer plafond de votre zone et de votre foyer."),
        Figure("aide_logement_loyer_plafond", FAMILLES, "Loyer plafond",
               "Le loyer le plus élevé pris en compte pour votre zone (1, 2 ou 3) et la taille de votre foyer."),
        Figure("aide_logement_charges", FAMILLES, "Forfait charges",
               "Un montant fixe pour les charges, selon le nombre de personnes."),
        Figure("aide_logement_participation_personnelle", FAMILLES, "Participation personnelle",
               "Ce qui reste à votre charge : un minimum, plus une part de vos ressources des 12 derniers mois.",
               deducted=True),
        Figure("aide_logement_base_ressources", FAMILLES, "Ressources annuelles prises en compte",
               "Les revenus des 12 derniers mois, après abattements."),
    ), cents=False, nothing="Vos ressources sont trop élevées pour votre loyer, ou l'aide serait inférieure à 10 € "
                            "(elle n'est pas versée sous ce seuil)."),
    Rule(Prestation.AF, "af_nettes_crds", FAMILLES, _BMAF, "de la base mensuelle des allocations familiales", (
        Figure("af_base", FAMILLES, "Montant de base",
               "Un pourcentage de la base mensuelle des allocations familiales, selon le nombre d'enfants à "
               "partir de 2, réduit quand les ressources dépassent un plafond."),
        Figure("af_majoration", FAMILLES, "Majoration pour âge",
               "Ajoutée pour chaque enfant de 14 ans ou plus (sauf l'aîné d'une famille de 2 enfants)."),
    ), nothing="Les allocations familiales sont versées à partir de 2 enfants à charge."),
    Rule(Prestation.CF, "cf_net_crds", FAMILLES, _BMAF, "de la base mensuelle des allocations familiales",
         nothing="Le complément familial est versé à partir de 3 enfants de 3 à 21 ans, sous plafond de ressources."),
    Rule(Prestation.ASF, "asf_nette_crds", FAMILLES, _BMAF, "de la base mensuelle des allocations familiales",
         nothing="L'allocation de soutien familial est versée au parent seul qui ne reçoit pas de pension "
                 "alimentaire pour ses enfants."),
    Rule(Prestation.PAJE_BASE, "paje_base", FAMILLES, _BMAF, "de la base mensuelle des allocations familiales",
         crds=True, nothing="L'allocation de base est versée pour un enfant de moins de 3 ans, sous plafond de "
                            "ressources."),
    Rule(Prestation.PAJE_NAISSANCE, "paje_naissance", FAMILLES, _BMAF,
         "de la base mensuelle des allocations familiales", crds=True,
         nothing="La prime à la naissance est versée une fois, au 7e mois de grossesse, sous plafond de ressources."),
    Rule(Prestation.CMG, "paje_cmg", FAMILLES, _BMAF, "de la base mensuelle des allocations familiales",
         nothing="Le complément de libre choix du mode de garde est versé pour un enfant de moins de 6 ans gardé par "
                 "une assistante maternelle agréée ou dans une micro-crèche, quand vous travaillez ; son montant "
                 "dépend de vos ressources et de l'âge de l'enfant."),
    Rule(Prestation.AAH, "aah", INDIVIDUS, _AAH, "du montant de l'AAH", (
        Figure("aah_base_ressources_deconjugalisee", INDIVIDUS, "Ressources prises en compte",
               "Vos ressources (celles de votre conjoint ne comptent plus depuis octobre 2023), après abattements."),
    ), nothing="L'AAH est versée à partir d'un taux d'incapacité de 80 %, ou de 50 à 79 % avec une restriction "
               "substantielle et durable d'accès à l'emploi, sous plafond de ressources.",
        falc="L'AAH est une aide pour les adultes qui ont un handicap."),
)
BY_KEY = {rule.key: rule for rule in RULES}


class Theme(Labelled):
    """The simulator's entries, as the seed lists them ("Sélectionnez l'aide qui vous intéresse")."""

    LOGEMENT = "logement", "Logement"
    PAJE = "paje", "Petite enfance / PAJE"
    FAMILLE = "famille", "Famille"
    RSA = "rsa", "RSA (Revenu de solidarité active)"
    PRIME_ACTIVITE = "prime-activite", Prestation.PRIME_ACTIVITE.label
    AAH = "aah", "Handicap / AAH"

    @property
    def prestations(self) -> tuple[Prestation, ...]:
        return _THEME_PRESTATIONS[self]

    @property
    def rules(self) -> tuple[Rule, ...]:
        return tuple(BY_KEY[prestation.key] for prestation in self.prestations)

    @property
    def falc(self) -> bool:
        """An easy-to-read version exists (as for the declarations)."""
        return self in (Theme.RSA, Theme.PRIME_ACTIVITE, Theme.AAH)


_THEME_PRESTATIONS = {
    Theme.LOGEMENT: (Prestation.AIDE_LOGEMENT,), Theme.PAJE: (Prestation.PAJE_NAISSANCE, Prestation.PAJE_BASE),
    Theme.FAMILLE: (Prestation.AF, Prestation.CF, Prestation.ASF), Theme.RSA: (Prestation.RSA,),
    Theme.PRIME_ACTIVITE: (Prestation.PRIME_ACTIVITE,), Theme.AAH: (Prestation.AAH,),
}


def variables(rules: tuple[Rule, ...] = RULES, *, figures: bool = True) -> dict[str, list[str]]:
    """The variables to ask, by entity, for these rules."""
    asked: dict[str, list[str]] = {FAMILLES: [], INDIVIDUS: []}
    for rule in rules:
        asked[rule.entity].append(rule.variable)
        for figure in rule.figures if figures else ():
            asked[figure.entity].append(figure.variable)
    return {entity: list(dict.fromkeys(names)) for entity, names in asked.items()}
