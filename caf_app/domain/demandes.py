"""Faites une demande de prestation en ligne: the catalogue of the demandes, by the seed's five themes.

Each demande has its card (what it is), whether a non-allocataire may ask it (the seed's « Récapitulatif des
démarches en ligne »), its topics (one screen each, then the review), the questions of each topic
(domain/demande_form.py checks every answer), the eligibility rules that refuse it up front with the reason,
and the pièces justificatives it needs given the answers.

Answers set by the service, not asked: "statut_demandeur" -> "allocataire" (the person has a dossier: its
address and bank account are known) | "nouveau" (a first-time applicant: sending creates the dossier).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from .demande_form import AnyOf, DateRule, Kind, Question, Topic, When, check_answer, shown
from .errors import DomainError
from .prestations import Prestation


class DemandeKind(StrEnum):
    AIDE_LOGEMENT = "aide_logement"
    ASF = "asf"
    AJPA = "ajpa"
    PAJE_NAISSANCE = "paje_naissance"
    CMG = "cmg"
    PRIME_ACTIVITE = "prime_activite"
    RSA = "rsa"
    AAH = "aah"
    BAFA = "bafa"
    PALA = "pala"
    AUTRE = "autre"

    @property
    def slug(self) -> str:
        return self.value.replace("_", "-")


COUPLE = ("marie", "pacse", "vie_maritale")
NEW = When("statut_demandeur", ("nouveau",))
KNOWN = When("statut_demandeur", ("allocataire",))
IN_COUPLE = When("situation_familiale", COUPLE)
TENANT = ("locataire", "colocataire", "foyer")
WORKING = ("salarie", "independant", "apprenti")
MAX_CHILDREN = 6
AGREMENT = dict(pattern=r"[A-Za-z0-9\-/]{4,20}",
                pattern_message="Le numéro d'agrément compte 4 à 20 lettres ou chiffres, sans espace.")


def _text(name: str, label: str, *when, **extra) -> Question:
    return Question(name, label, Kind.TEXT, when=tuple(when), **extra)


def _yes_no(name: str, label: str, *when, **extra) -> Question:
    return Question(name, label, Kind.YES_NO, when=tuple(when), **extra)


def _choice(name: str, label: str, choices: tuple[tuple[str, str], ...], *when, **extra) -> Question:
    return Question(name, label, Kind.CHOICE, choices=choices, when=tuple(when), **extra)


def _amount(name: str, label: str, *when, **extra) -> Question:
    return Question(name, label, Kind.AMOUNT, when=tuple(when), **extra)


def _date(name: str, label: str, rule: DateRule, *when, **extra) -> Question:
    return Question(name, label, Kind.DATE, date_rule=rule, when=tuple(when), **extra)


# The topics several demandes share


def situation(*extra: Question) -> Topic:
    return Topic("situation", "Votre situation", (
        _date("date_naissance", "Votre date de naissance", DateRule.APPLICANT_BIRTH, help="Par exemple 14/02/1995."),
        _choice("nationalite", "Votre nationalité", (
            ("francaise", "Française"),
            ("ue", "D'un pays de l'Union européenne, de l'Espace économique européen ou Suisse"),
            ("autre", "D'un autre pays"))),
        _choice("situation_familiale", "Votre situation familiale", (
            ("celibataire", "Célibataire"), ("marie", "Marié(e)"), ("pacse", "Pacsé(e)"),
            ("vie_maritale", "En couple, sans être marié(e) ni pacsé(e)"), ("separe", "Séparé(e)"),
            ("divorce", "Divorcé(e)"), ("veuf", "Veuf ou veuve"))),
        *extra))


def _children() -> tuple[Question, ...]:
    questions = []
    for index in range(1, MAX_CHILDREN + 1):
        having = When("enfants", tuple(str(count) for count in range(index, MAX_CHILDREN + 1)))
        questions += [_text(f"enfant_{index}_prenom", f"Prénom de l'enfant {index}", having),
                      _date(f"enfant_{index}_naissance", f"Date de naissance de l'enfant {index}",
                            DateRule.CHILD_BIRTH, having)]
    return tuple(questions)


FOYER = Topic("foyer", "Votre foyer", (
    _text("conjoint_prenom", "Prénom de votre conjoint", IN_COUPLE),
    _text("conjoint_nom", "Nom de naissance de votre conjoint", IN_COUPLE),
    _date("conjoint_naissance", "Date de naissance de votre conjoint", DateRule.ADULT_BIRTH, IN_COUPLE),
    _choice("enfants", "Combien d'enfants de moins de 25 ans vivent avec vous ?",
            tuple((str(count), str(count)) for count in range(MAX_CHILDREN + 1)),
            help="Vos enfants et ceux de votre conjoint qui sont à votre charge. Au-delà de 6, contactez votre Caf."),
    *_children()))

ADDRESS = (_text("adresse", "Adresse (numéro et voie)", help="Par exemple 6 rue des Pivoines."),
           Question("code_postal", "Code postal", Kind.POSTAL_CODE, help="5 chiffres, par exemple 92000."),
           _text("commune", "Commune"))
ADRESSE = Topic("adresse", "Votre adresse", ADDRESS, when=(NEW,))

RESSOURCES = Topic("ressources", "Vos ressources", (
    _choice("activite", "Votre situation professionnelle", (
        ("salarie", "Salarié(e)"), ("independant", "Travailleur indépendant"),
        ("apprenti", "Apprenti(e) ou stagiaire rémunéré(e)"), ("etudiant", "Étudiant(e)"),
        ("chomage", "Demandeur d'emploi"), ("retraite", "Retraité(e)"), ("sans_activite", "Sans activité"))),
    _amount("revenus_activite", "Vos revenus d'activité par mois", When("activite", (*WORKING, "etudiant")),
            help="Salaire net ou revenus nets, en moyenne sur les 3 derniers mois. 0 si vous n'en avez pas."),
    _amount("autres_revenus", "Vos autres ressources par mois",
            help="Allocations chômage, pensions, pension alimentaire reçue… 0 si vous n'en avez pas. "
                 "Ne comptez pas les aides versées par la Caf."),
    _amount("conjoint_revenus", "Les ressources de votre conjoint par mois", IN_COUPLE,
            help="Toutes ses ressources, en moyenne sur les 3 derniers mois.")))

BANQUE = Topic("banque", "Vos coordonnées bancaires", (
    _choice("compte", "Sur quel compte voulez-vous recevoir vos paiements ?", (
        ("actuel", "Le compte enregistré dans votre dossier"), ("nouveau", "Un autre compte")), KNOWN),
    Question("iban", "IBAN du compte à votre nom", Kind.IBAN, when=(AnyOf((NEW, When("compte", ("nouveau",)))),),
             help="27 caractères commençant par FR, par exemple FR76 3000 3012 3400 0920 1001 023."),
))

# The topics of one demande


LOGEMENT = Topic("logement", "Votre logement", (
    _choice("statut_logement", "Dans ce logement, vous êtes", (
        ("locataire", "Locataire (location vide ou meublée)"), ("colocataire", "Colocataire"),
        ("foyer", "En foyer, en résidence ou en résidence universitaire"),
        ("accedant", "Propriétaire et vous remboursez un prêt pour ce logement"),
        ("heberge", "Hébergé(e) gratuitement"))),
    *ADDRESS,
    _date("date_entree", "Date d'entrée dans le logement", DateRule.PAST),
    _amount("loyer", "Votre loyer par mois, sans les charges", When("statut_logement", TENANT),
            ceiling_euros=10_000, help="Pour une colocation, votre part du loyer.",
            zero_message="Un locataire paie un loyer : indiquez son montant par mois, sans les charges."),
    _amount("mensualite", "Votre remboursement de prêt par mois", When("statut_logement", ("accedant",)),
            ceiling_euros=10_000, zero_message="Indiquez le montant que vous remboursez chaque mois."),
))
ASF_DEMANDE = Topic("demande", "Votre demande", (
    _choice("motif_asf", "Pourquoi demandez-vous l'allocation de soutien familial ?", (
        ("sans_pension", "L'autre parent ne verse pas la pension alimentaire, ou en verse une faible"),
        ("parent_absent", "L'autre parent n'a pas reconnu l'enfant, ou il est décédé"),
        ("enfant_recueilli", "J'ai recueilli un enfant qui vit sans ses parents"))),
    _yes_no("decision_pension", "Une décision de justice fixe-t-elle une pension alimentaire ?",
            When("motif_asf", ("sans_pension",))),
))
AIDE = Topic("aide", "La personne aidée", (
    _choice("aide_lien", "La personne que vous aidez est", (
        ("enfant", "Votre enfant"), ("conjoint", "Votre conjoint"), ("parent", "Votre père ou votre mère"),
        ("famille", "Un autre membre de votre famille"),
        ("proche", "Une personne avec qui vous avez des liens étroits et stables"))),
    _text("aide_prenom", "Son prénom"), _text("aide_nom", "Son nom"),
    _choice("aide_situation", "Sa situation", (
        ("handicap", "Elle a un handicap reconnu d'au moins 80 %"),
        ("autonomie", "Elle a perdu de son autonomie (classée en GIR 1 à 4)"),
        ("aucune", "Ni l'un ni l'autre"))),
))
CONGE = Topic("conge", "Votre congé", (
    _choice("activite_aidant", "Vous êtes", (
        ("salarie", "Salarié(e) en congé de proche aidant"), ("independant", "Travailleur indépendant"),
        ("chomage", "Demandeur d'emploi indemnisé"))),
    _date("conge_debut", "Date de début de votre congé", DateRule.SOON),
    _choice("jours", "Nombre de jours de congé ce mois-ci", tuple((str(n), str(n)) for n in range(1, 23)),
            help="22 jours au plus par mois."),
))
ENFANT = Topic("enfant", "Votre enfant", (
    _yes_no("enfant_ne", "Votre enfant est-il né ?"),
    _text("bebe_prenom", "Son prénom", When("enfant_ne", ("oui",))),
    _date("bebe_naissance", "Sa date de naissance", DateRule.CHILD_BIRTH, When("enfant_ne", ("oui",))),
    _date("accouchement_prevu", "Date prévue de l'accouchement", DateRule.EXPECTED_BIRTH,
          When("enfant_ne", ("non",)), help="Elle figure sur votre déclaration de grossesse."),
))
ASSMAT = When("mode_garde", ("assmat", "les_deux"))
STRUCTURE = When("mode_garde", ("structure", "les_deux"))
GARDE = Topic("garde", "Le mode de garde", (
    _choice("mode_garde", "Qui garde votre enfant ?", (
        ("assmat", "Une assistante maternelle agréée"),
        ("structure", "Une micro-crèche ou une association"), ("les_deux", "Les deux"))),
    _text("garde_prenom", "Prénom de l'enfant gardé"),
    _date("garde_naissance", "Date de naissance de l'enfant gardé", DateRule.CHILD_BIRTH),
    _text("assmat_nom", "Nom de l'assistante maternelle", ASSMAT),
    _text("assmat_agrement", "Numéro d'agrément de l'assistante maternelle", ASSMAT,
          help="Il figure sur son attestation d'agrément, délivrée par le conseil départemental (PMI).", **AGREMENT),
    _text("structure_nom", "Nom de la structure", STRUCTURE),
    _date("debut_garde", "Date de début de la garde", DateRule.SOON),
))
RSA_EXTRA = (
    _yes_no("enceinte", "Attendez-vous un enfant ?"),
    _yes_no("jeune_actif", "Avez-vous travaillé au moins 2 ans à temps plein ces 3 dernières années ?",
            required=False, help="Répondez seulement si vous avez moins de 25 ans."),
)
HANDICAP = Topic("handicap", "Votre handicap", (
    _choice("mdph", "Où en est votre demande à la MDPH ?", (
        ("decision", "La MDPH a reconnu mon handicap : j'ai reçu sa notification"),
        ("en_cours", "J'ai fait une demande à la MDPH, elle est en cours"),
        ("non", "Je n'ai pas fait de demande à la MDPH")),
        help="La MDPH (maison départementale des personnes handicapées) évalue votre handicap."),
    _choice("taux", "Le taux d'incapacité reconnu", (
        ("80", "Au moins 80 %"), ("50_79", "De 50 à 79 %, avec une restriction d'accès à l'emploi"),
        ("moins", "Moins de 50 %")), When("mdph", ("decision",))),
    _date("mdph_date", "Date de la notification de la MDPH", DateRule.PAST, When("mdph", ("decision",))),
))
FORMATION = Topic("formation", "Votre formation", (
    _choice("session", "Pour quelle session demandez-vous l'aide ?", (
        ("generale", "La session de formation générale"),
        ("approfondissement", "La session d'approfondissement ou de qualification"))),
    _yes_no("petite_enfance", "Cette session porte-t-elle sur l'accueil du jeune enfant ?",
            When("session", ("approfondissement",))),
    _text("organisme", "Organisme de formation"),
    _date("fin_session", "Date de fin de la session", DateRule.PAST),
))
ACCUEIL = Topic("accueil", "Votre activité d'assistant maternel", (
    _yes_no("agree", "Êtes-vous assistant(e) maternel(le) agréé(e) ?"),
    _text("agrement", "Votre numéro d'agrément", When("agree", ("oui",)), **AGREMENT),
    _choice("statut_lieu", "Le logement où vous accueillez les enfants", (
        ("proprietaire", "Vous en êtes propriétaire"), ("locataire", "Vous en êtes locataire"))),
    _text("travaux", "Quels travaux ou quels achats voulez-vous faire ?", max_length=500),
    _amount("montant_pret", "Montant du prêt demandé", ceiling_euros=10_000,
            ceiling_message="Le prêt est de 10 000 € au plus : indiquez un montant plus bas."),
))
AUTRE_DEMANDE = Topic("demande", "Votre demande", (
    _text("objet", "Quelle aide demandez-vous ?", help="Par exemple : aide aux vacances, prêt d'équipement."),
    _text("message", "Expliquez votre situation et votre demande", max_length=2000),
))


@dataclass(frozen=True)
class Demande:
    kind: DemandeKind
    title: str
    card: str  # what it is, in plain French
    non_allocataire: bool  # a person with no dossier may ask it (the seed's « Récapitulatif »)
    topics: tuple[Topic, ...]
    demarche: str  # its title in Suivre mes démarches
    delai_days: int = 30  # the délai announced on the accusé de réception
    simulable: bool = False  # the simulator estimates it ("Simuler" on the card)


CATALOGUE: dict[DemandeKind, Demande] = {d.kind: d for d in (
    Demande(DemandeKind.AIDE_LOGEMENT, Prestation.AIDE_LOGEMENT.label,
            "Lorsque vous payez un loyer ou remboursez un prêt pour votre résidence principale et que vos "
            "ressources sont modestes, une aide au logement peut réduire cette dépense. Elle est versée chaque "
            "mois, à vous ou à votre bailleur.",
            True, (situation(), FOYER, LOGEMENT, RESSOURCES, BANQUE), "Demande d'aide au logement",
            simulable=True),
    Demande(DemandeKind.ASF, Prestation.ASF.label,
            "Vous élevez seul(e) un enfant dont l'autre parent ne participe pas à l'entretien, ou vous avez "
            "recueilli un enfant privé de ses parents : l'allocation de soutien familial vous aide à l'élever.",
            False, (situation(), FOYER, ASF_DEMANDE, BANQUE), "Demande d'allocation de soutien familial"),
    Demande(DemandeKind.AJPA, "Allocation journalière du proche aidant",
            "Vous arrêtez de travailler ou réduisez votre activité pour aider un proche handicapé ou en perte "
            "d'autonomie : l'allocation journalière du proche aidant compense une partie du salaire perdu, "
            "jour par jour.",
            False, (situation(), AIDE, CONGE, BANQUE), "Demande d'allocation journalière du proche aidant"),
    Demande(DemandeKind.PAJE_NAISSANCE, "Prestation d'accueil du jeune enfant : prime à la naissance et allocation "
            "de base",
            "Vous attendez un enfant ou il vient de naître : la prime à la naissance aide aux premières "
            "dépenses, et l'allocation de base est versée chaque mois jusqu'à ses 3 ans, selon vos ressources.",
            True, (situation(), FOYER, ADRESSE, ENFANT, RESSOURCES, BANQUE),
            "Demande de prime à la naissance et d'allocation de base", simulable=True),
    Demande(DemandeKind.CMG, Prestation.CMG.label,
            "Vous faites garder votre enfant de moins de 6 ans par une assistante maternelle agréée ou dans une "
            "micro-crèche : la Caf prend en charge une partie du coût de la garde.",
            False, (situation(), FOYER, GARDE, RESSOURCES, BANQUE),
            "Demande de complément de libre choix du mode de garde", simulable=True),
    Demande(DemandeKind.PRIME_ACTIVITE, Prestation.PRIME_ACTIVITE.label,
            "Vous travaillez et vos revenus sont modestes : la prime d'activité complète vos revenus chaque "
            "mois. Vous déclarez ensuite vos ressources tous les trois mois.",
            True, (situation(), FOYER, ADRESSE, RESSOURCES, BANQUE), "Demande de prime d'activité",
            delai_days=15, simulable=True),
    Demande(DemandeKind.RSA, Prestation.RSA.label,
            "Vous avez peu ou pas de ressources : le RSA vous assure un revenu minimum, avec un accompagnement "
            "pour trouver un emploi. Vous déclarez ensuite vos ressources tous les trois mois.",
            True, (situation(*RSA_EXTRA), FOYER, ADRESSE, RESSOURCES, BANQUE), "Demande de RSA",
            delai_days=15, simulable=True),
    Demande(DemandeKind.AAH, Prestation.AAH.label,
            "La MDPH a reconnu votre handicap : l'allocation aux adultes handicapés vous assure un revenu "
            "minimum. Elle dépend de votre taux d'incapacité et de vos ressources.",
            False, (situation(), HANDICAP, ADRESSE, RESSOURCES, BANQUE), "Demande d'AAH", delai_days=60),
    Demande(DemandeKind.BAFA, Prestation.BAFA.label,
            "Vous préparez le brevet d'aptitude aux fonctions d'animateur : la Caf vous aide à payer la session "
            "d'approfondissement ou de qualification.",
            False, (situation(), FORMATION, BANQUE), "Demande d'aide au BAFA"),
    Demande(DemandeKind.PALA, "Prêt à l'amélioration du lieu d'accueil",
            "Vous êtes assistant(e) maternel(le) agréé(e) : la Caf vous prête sans intérêts jusqu'à 10 000 € "
            "pour des travaux ou des équipements qui améliorent l'accueil des enfants chez vous.",
            False, (situation(), ACCUEIL, BANQUE), "Demande de prêt à l'amélioration du lieu d'accueil",
            delai_days=60),
    Demande(DemandeKind.AUTRE, "Autres prestations",
            "Vous ne trouvez pas la prestation qui vous concerne : décrivez votre demande et joignez un document "
            "qui l'appuie. Votre Caf vous répondra.",
            True, (situation(), ADRESSE, AUTRE_DEMANDE), "Demande de prestation"),
)}


@dataclass(frozen=True)
class Theme:
    key: str
    title: str
    kinds: tuple[DemandeKind, ...]


K = DemandeKind
THEMES = (
    Theme("vie-personnelle", "Vie personnelle", (K.PAJE_NAISSANCE, K.CMG, K.ASF, K.BAFA, K.AUTRE)),
    Theme("vie-professionnelle", "Vie professionnelle", (K.PRIME_ACTIVITE, K.RSA, K.PALA)),
    Theme("logement", "Logement", (K.AIDE_LOGEMENT,)),
    Theme("handicap", "Handicap", (K.AAH, K.AJPA)),
    Theme("accident-de-vie", "Accident de vie", (K.ASF, K.RSA, K.AJPA)),
)


def demande_of(kind: str) -> Demande:
    """The demande of a key; DomainError for a key no demande has."""
    try:
        return CATALOGUE[DemandeKind(kind)]
    except ValueError:
        raise DomainError("demande", "Cette demande n'existe pas.") from None


def questions_of(kind: str) -> dict[str, Question]:
    """Every question of the demande by name, whether it applies or not."""
    return {q.name: q for topic in demande_of(kind).topics for q in topic.questions}


def topics_of(kind: str, answers: Mapping[str, str]) -> list[Topic]:
    """The screens to show given the answers so far (the review comes after the last)."""
    return [topic for topic in demande_of(kind).topics if topic.applies(answers)]


def topic_of(kind: str, key: str) -> Topic:
    for topic in demande_of(kind).topics:
        if topic.key == key:
            return topic
    raise DomainError("topic", "Cette étape n'existe pas.")


def check_topic(kind: str, key: str, answers: Mapping[str, str], today: date) -> dict[str, str]:
    """The errors of one screen, by question name (empty: the screen is complete and right)."""
    topic = topic_of(kind, key)
    if not topic.applies(answers):
        return {}
    errors = {}
    for question in topic.questions:
        if question.applies(answers):
            try:
                check_answer(question, answers.get(question.name, ""), today)
            except DomainError as error:
                errors[error.field] = error.message
    return errors


def check_all(kind: str, answers: Mapping[str, str], today: date) -> dict[str, str]:
    errors: dict[str, str] = {}
    for topic in topics_of(kind, answers):
        errors |= check_topic(kind, topic.key, answers, today)
    return errors


def review(kind: str, answers: Mapping[str, str], today: date) -> list[tuple[Topic, list[tuple[str, str]]]]:
    """Each screen with its (label, answer as shown) rows, for the review with « Modifier » and the accusé."""
    return [(topic, [(q.label, shown(q, answers.get(q.name, ""), today)) for q in topic.questions
                     if q.applies(answers)]) for topic in topics_of(kind, answers)]
