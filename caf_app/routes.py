"""THE route registry: every page of the app, in one place.

Each page says its path, its title, who may open it, what runs when it opens, where it appears (the phone's
bottom bar, the Mon Compte menu, the Menu page), whether the service worker precaches it, and whether the
accessibility tests visit it. caf_app.py adds the pages from here, the layout builds its menus from here, the
service worker's lists come from here (precache.json, written at start), and tests/e2e read their page lists
from here. No other module writes a page's path as a literal (tests/unit/test_routes.py checks it).

Components and loaders are named by their import path ("module:attribute"), resolved by caf_app.py: the
registry is imported by the pages and states that link to each other, so it imports none of them.
"""

from __future__ import annotations

import importlib
import json
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from urllib.parse import urlencode

from .content import editorial
from .domain.departements import caf_name
from .domain.ma_caf import DEMO_CAFS
from .domain.prestations import Prestation


class Space(StrEnum):
    PUBLIC = "public"  # anyone
    MON_COMPTE = "mon_compte"  # a person logged in (allocataire, conjoint, any member of a foyer, or none yet)
    DEV = "dev"  # local demonstrations only (CAF_DEMO_OUTBOX), never in prod
    GESTION = "gestion"  # the Caf's agents, logged in at their own entry (caf_app/gestion/)
    PARTENAIRES = "partenaires"  # the partners' staff, logged in at Mon Compte Partenaire (caf_app/partenaires/)


class Precache(StrEnum):
    SHELL = "shell"  # with the service worker's install: the bottom bar's pages and the shortcuts' targets
    LATER = "later"  # once the first page has been quiet a while
    NEVER = "never"


@dataclass(frozen=True)
class Page:
    path: str  # "/declaration/[declaration_slug]" for a dynamic route
    title: str
    component: str  # "caf_app.pages.accueil:accueil"
    on_load: str = ""  # "caf_app.state.accueil:AccueilState.load"
    space: Space = Space.MON_COMPTE
    precache: Precache = Precache.LATER
    checked: bool = True  # visited by the accessibility and reflow tests
    examples: tuple[str, ...] = ()  # the concrete addresses of a dynamic route (precache, tests)
    title_var: str = ""  # a dynamic route: the state var holding its title ("module:State.var")
    bottom_nav: tuple[str, str, str] | None = None  # (key, label, lucide icon), in the seed's order below
    account_menu: str = ""  # its label in the header's Mon Compte menu
    menu: str = ""  # its label on the Menu page
    description: str = ""  # its meta description (the app's own when empty)

    @property
    def private(self) -> bool:
        return self.space is Space.MON_COMPTE

    @property
    def addresses(self) -> tuple[str, ...]:
        """Where the page can be opened: its path, or the examples of a dynamic route."""
        return self.examples or (self.path,)

    def of(self, **params: str) -> str:
        """A dynamic route's address: DECLARATION.of(declaration_slug="rsa") -> "/declaration/rsa"."""
        path = self.path
        for name, value in params.items():
            path = path.replace(f"[{name}]", value)
        return path

    def at(self, anchor: str) -> str:
        """An anchor of the page: HOME.at("questions") -> "/#questions"."""
        return f"{self.path}#{anchor}"

    def query(self, **params: str) -> str:
        """CONNEXION.query(suivant="/allocations") -> "/connexion?suivant=%2Fallocations"."""
        return f"{self.path}?{urlencode(params, safe='/')}"


def resolve(name: str):
    """"module:Attribute.attribute" -> the object (the registry names pages and loaders, imports none)."""
    module, _, attributes = name.partition(":")
    found = importlib.import_module(module)
    for attribute in attributes.split("."):
        found = getattr(found, attribute)
    return found


_P, _S = "caf_app.pages.", "caf_app.state."

HOME = Page("/", "Allocataires", _P + "home:home", space=Space.PUBLIC, precache=Precache.SHELL)
ACCESSIBILITE = Page("/accessibilite", "Déclaration d'accessibilité", _P + "accessibilite:declaration_accessibilite",
                     space=Space.PUBLIC)
INFORMATIQUE_ET_LIBERTES = Page("/informatique-et-libertes", "Informatique et libertés",
                                _P + "informations:informatique_et_libertes", space=Space.PUBLIC)
CONSEILS_DE_SECURITE = Page("/conseils-de-securite", "Conseils de sécurité", _P + "informations:conseils_de_securite",
                            space=Space.PUBLIC)
CONNEXION = Page("/connexion", "Connexion", _P + "connexion:connexion", _S + "connexion:ConnexionState.load",
                 space=Space.PUBLIC, precache=Precache.SHELL)
MOT_DE_PASSE_OUBLIE = Page("/mot-de-passe-oublie", "Mot de passe oublié", _P + "recovery:mot_de_passe_oublie",
                           _S + "recovery:RecoveryState.load", space=Space.PUBLIC)
IDENTIFIANT_PROVISOIRE_OUBLIE = Page("/identifiant-provisoire-oublie", "Identifiant provisoire oublié",
                                    _P + "recovery:identifiant_provisoire_oublie",
                                    _S + "recovery:RecoveryState.load_identifier", space=Space.PUBLIC)
CREER_MON_COMPTE = Page("/creer-mon-compte", "Créer Mon Compte", _P + "signup:creer_mon_compte",
                        _S + "signup:SignupState.load", space=Space.PUBLIC)
SIMULER = Page("/simuler-ou-demander-une-prestation", "Simuler ou demander une prestation", _P + "simulation:simuler",
               _S + "simulation:SimulationState.load", space=Space.PUBLIC,
               account_menu="Simuler ou demander une prestation", menu="Simuler ou demander une prestation")
PREMIERE_CONNEXION_TUTEUR = Page("/premiere-connexion-tuteur", "Première connexion tuteur",
                                 _P + "tuteur:premiere_connexion_tuteur", space=Space.PUBLIC)
# Nous contacter, for everyone (issue 22, point 5): the mail form of a person with no dossier, and the numbers.
NOUS_CONTACTER = Page("/nous-contacter", "Nous contacter", _P + "contact_public:nous_contacter",
                      _S + "contact_public:ContactPublicState.load", space=Space.PUBLIC, precache=Precache.NEVER,
                      description="Écrire à votre Caf sans être allocataire, et les numéros de téléphone : 3230, "
                                  "pensions alimentaires, ligne des étudiants.")
# Rendez-vous (issue 22, point 4): booked from Ma Caf or Mon Compte, managed from the mail's link or Mon agenda.
PRENDRE_RENDEZ_VOUS = Page("/prendre-rendez-vous", "Prendre rendez-vous", _P + "rendez_vous:prendre_rendez_vous",
                           _S + "rendez_vous:RendezVousState.load", space=Space.PUBLIC, precache=Precache.NEVER,
                           description="Prendre rendez-vous avec votre Caf, à l'accueil, par téléphone ou en visio, "
                                       "sur un créneau libre.")
MON_RENDEZ_VOUS = Page("/mon-rendez-vous", "Mon rendez-vous", _P + "rendez_vous:mon_rendez_vous",
                       _S + "rendez_vous:MonRendezVousState.load", space=Space.PUBLIC, precache=Precache.NEVER,
                       description="Déplacer ou annuler votre rendez-vous avec la Caf.")
# A news item published from the agents' space (issue 22, point 3), read from the database.
ACTUALITE_PUBLIEE = Page("/actualites/publiees/[actualite_slug]", "Actualité", _P + "actualites:actualite_publiee",
                         _S + "actualites:ActualiteState.load", title_var=_S + "actualites:ActualiteState.page_title",
                         space=Space.PUBLIC, precache=Precache.NEVER, examples=("/actualites/publiees/exemple",))
RECHERCHE = Page("/recherche", "Rechercher", _P + "search:recherche", _S + "search:SearchState.load",
                 space=Space.PUBLIC, precache=Precache.NEVER,
                 description="Rechercher sur le site de la Caf : fiches des prestations, guides, actualités, questions "
                             "fréquentes et services en ligne.")
VERIFIER_UNE_ATTESTATION = Page("/verifier-une-attestation", "Vérifier une attestation",
                                _P + "verification:verifier_une_attestation",
                                _S + "verification:VerificationState.load", space=Space.PUBLIC)

ACCUEIL = Page("/mon-compte", "Accueil Mon Compte", _P + "accueil:accueil", _S + "accueil:AccueilState.load",
               precache=Precache.SHELL, bottom_nav=("accueil", "Accueil", "house"), account_menu="Accueil Mon Compte")
ALLOCATIONS = Page("/allocations", "Mes allocations", _P + "allocations:allocations",
                   _S + "allocations:AllocationsState.load", precache=Precache.SHELL,
                   bottom_nav=("allocations", "Allocations", "euro"),
                   account_menu="Consulter mes paiements et droits")
ATTESTATIONS = Page("/attestations", "Mes attestations", _P + "documents:attestations",
                    _S + "documents:AttestationsState.load", precache=Precache.SHELL,
                    account_menu="Télécharger une attestation", menu="Mes attestations")
DEMARCHES = Page("/demarches", "Mes démarches", _P + "demarches:demarches", _S + "demarches:DemarchesState.load",
                 precache=Precache.SHELL, bottom_nav=("demarches", "Démarches", "folder-open"),
                 account_menu="Suivre mes démarches")
COURRIERS = Page("/courriers", "Mes courriers et courriels", _P + "documents:courriers_page",
                 _S + "documents:CourriersState.load", precache=Precache.SHELL,
                 account_menu="Consulter mes courriers, courriels",
                 menu="Mes courriers et courriels")
PROFIL = Page("/profil", "Mon profil", _P + "profil:profil", _S + "profil:ProfilState.load", precache=Precache.SHELL,
              bottom_nav=("profil", "Profil", "user"))
MENU = Page("/menu", "Menu", _P + "menu:menu", _S + "menu:MenuState.load", precache=Precache.SHELL,
            bottom_nav=("menu", "Menu", "menu"))
DETTES = Page("/dettes", "Mes dettes", _P + "dettes:dettes_page", _S + "dettes:DettesState.load", menu="Mes dettes")
PAIEMENT_SIMULE = Page("/dettes/paiement", "Paiement simulé", _P + "dettes:paiement_simule",
                       _S + "dettes:DettesState.load_payment", precache=Precache.NEVER, checked=False)
TRANSMETTRE = Page("/demarches/transmettre", "Transmettre un document", _P + "transmission:transmettre",
                   _S + "transmission:TransmissionState.load", precache=Precache.SHELL)
# Issue 21, point 13: the seed's student démarches and the ARS 16-18 confirmation (its document goes by TRANSMETTRE).
DEMARCHES_ETUDIANT = Page("/demarches/etudiant", "Mes démarches étudiant", _P + "etudiant:demarches_etudiant",
                          _S + "etudiant:EtudiantState.load")
RENTREE_SCOLAIRE = Page("/demarches/rentree-scolaire", "Confirmation de scolarité pour l'Ars 16-18 ans",
                        _P + "rentree:rentree_scolaire", _S + "rentree:RentreeState.load")
# One page for every quarterly declaration (the argument's name is a var of Reflex's root state: unique).
DECLARATION = Page("/declaration/[declaration_slug]", "Déclaration trimestrielle", _P + "declaration:declaration_page",
                   _S + "declaration:DeclarationState.load", title_var=_P + "declaration:PAGE_TITLE",
                   examples=tuple(f"/declaration/{p.slug}" for p in Prestation.quarterly_ones()))
# One page for the other declarations of resources (ressources annuelles, patrimoine, avantage vieillesse).
DECLARATION_ANNUELLE = Page("/mes-ressources/[ressources_slug]", "Déclaration de ressources",
                            _P + "declaration_annuelle:declaration_annuelle_page",
                            _S + "declaration_annuelle:AnnualDeclarationState.load",
                            title_var=_P + "declaration_annuelle:PAGE_TITLE",
                            examples=("/mes-ressources/ressources-annuelles", "/mes-ressources/patrimoine",
                                      "/mes-ressources/avantage-vieillesse"))
MES_AUTORISATIONS = Page("/mes-autorisations", "Mes autorisations", _P + "compte:autorisations",
                         _S + "compte:AutorisationsState.load")
QUI_A_CONSULTE = Page("/qui-a-consulte-mon-dossier", "Qui a consulté mon dossier", _P + "consultations:consultations",
                      _S + "consultations:ConsultationsState.load")
MES_PARTENAIRES = Page("/mes-partenaires", "Mes partenaires", _P + "consultations:mes_partenaires",
                       _S + "consultations:MesPartenairesState.load")
GERER_MON_COMPTE = Page("/gerer-mon-compte", "Gérer Mon Compte", _P + "compte:gerer_mon_compte",
                        _S + "compte:GererState.load", account_menu="Gérer Mon Compte", menu="Gérer Mon Compte")
MON_AGENDA = Page("/mon-agenda", "Mon agenda", _P + "compte:mon_agenda", _S + "compte:AgendaState.load",
                  account_menu="Mon agenda", menu="Mon agenda")
CONTACTER_MA_CAF = Page("/contacter-ma-caf", "Contacter ma Caf", _P + "compte:contacter_ma_caf",
                        _S + "compte:ContactState.load", account_menu="Contacter ma Caf", menu="Contacter ma Caf")
MES_RESSOURCES = Page("/mes-ressources", "Mes ressources", _P + "compte:mes_ressources",
                      _S + "compte:RessourcesState.load", precache=Precache.SHELL, account_menu="Mes ressources",
                      menu="Mes ressources")
DECLARER_UN_CHANGEMENT = Page("/declarer-un-changement", "Déclarer un changement",
                              _P + "changes:declarer_un_changement", _S + "changes:ChangesState.load",
                              account_menu="Déclarer un changement")
DEMANDES = Page("/demandes", "Faites une demande de prestation en ligne", _P + "demandes:demandes_catalogue",
                _S + "demandes_catalogue:DemandesCatalogueState.load", space=Space.PUBLIC)
# One page for every demande de prestation (domain/demandes.py), its draft kept on the server.
DEMANDE = Page("/demandes/[demande_slug]", "Demande de prestation", _P + "demandes:demande_page",
               _S + "demandes:DemandeState.load", title_var=_P + "demandes:PAGE_TITLE", precache=Precache.NEVER,
               examples=("/demandes/cmg", "/demandes/aah", "/demandes/aide-logement"))
BOITE_D_ENVOI = Page("/dev/boite-d-envoi", "Boîte d'envoi", _P + "outbox:boite_d_envoi",
                     _S + "outbox:OutboxState.load", space=Space.DEV, precache=Precache.NEVER, checked=False)

# The Caf's side: desktop-first pages of agents (caf_app/gestion/), never precached by the allocataires' worker.
_G = "caf_app.gestion."
GESTION_CONNEXION = Page("/gestion/connexion", "Connexion des agents", _G + "pages:connexion_agent",
                         _G + "state:AgentLoginState.load", space=Space.PUBLIC, precache=Precache.NEVER)
GESTION = Page("/gestion", "File de travail", _G + "pages:file_de_travail", _G + "state:QueueState.load",
               space=Space.GESTION, precache=Precache.NEVER)
GESTION_TRAITEMENT = Page("/gestion/traitement/[demarche_ref]", "Traitement d'une démarche",
                          _G + "pages:traitement", _G + "state:ItemState.load", space=Space.GESTION,
                          precache=Precache.NEVER, examples=("/gestion/traitement/1",))
GESTION_MESSAGE = Page("/gestion/message/[message_ref]", "Message d'un non-allocataire",
                       _G + "public_message:message_public", _G + "public_message:PublicMessageState.load",
                       space=Space.GESTION, precache=Precache.NEVER, examples=("/gestion/message/1",))
GESTION_DOSSIERS = Page("/gestion/dossiers", "Rechercher un dossier", _G + "pages:rechercher_un_dossier",
                        _G + "state:DossierState.load", space=Space.GESTION, precache=Precache.NEVER)
GESTION_CRENEAUX = Page("/gestion/creneaux", "Créneaux de rendez-vous", _G + "creneaux:creneaux",
                        _G + "creneaux:CreneauxState.load", space=Space.GESTION, precache=Precache.NEVER)
GESTION_ACTUALITES = Page("/gestion/actualites", "Actualités du site", _G + "actualites:actualites_page",
                          _G + "actualites:ActualitesState.load", space=Space.GESTION, precache=Precache.NEVER)
GESTION_AUDIT = Page("/gestion/audit", "Activité de l'équipe", _G + "pages:audit", _G + "state:AuditState.load",
                     space=Space.GESTION, precache=Precache.NEVER)

GESTION_LETTRE = Page("/gestion/lettre-info", "Lettre d'info partenaires", _G + "lettre_info:lettre_page",
                      _G + "lettre_info:LettreState.load", space=Space.GESTION, precache=Precache.NEVER)
GESTION_PARTENAIRES = Page("/gestion/partenaires", "Partenaires de la Caf", _G + "partenaires:partenaires_page",
                           _G + "partenaires:PartenairesState.load", space=Space.GESTION, precache=Precache.NEVER)

# Mon Compte Partenaire (issue 23): the partners' staff's entry and space (caf_app/partenaires/).
PARTENAIRES_CONNEXION = Page("/partenaires/connexion", "Connexion à Mon Compte Partenaire",
                             "caf_app.partenaires.pages:connexion_partenaire", _G + "state:AgentLoginState.load",
                             space=Space.PUBLIC, precache=Precache.NEVER)
PARTENAIRES = Page("/partenaires", "Mon Compte Partenaire", "caf_app.partenaires.pages:espace_partenaire",
                   "caf_app.partenaires.state:EspacePartenaireState.load", space=Space.PARTENAIRES,
                   precache=Precache.NEVER)

# Ma Caf (issue 22, point 2): the chooser by postal code, and one prerendered page per demo Caf, built from its
# content file (content/data/ma_caf/<département>.json); the choice is kept on the device (assets/ma_caf.js).
MA_CAF = Page("/ma-caf", "Ma Caf", _P + "ma_caf:choisir_ma_caf", _S + "ma_caf:MaCafState.load", space=Space.PUBLIC,
              precache=Precache.NEVER, description="Choisissez votre Caf par votre code postal : ses actualités, "
                                                   "ses aides, ses délais de traitement et ses points d'accueil.")
MA_CAF_PAGES = {departement: Page(f"/ma-caf/{departement}", caf_name(departement), _P + f"ma_caf:caf_{departement}",
                                  _S + "ma_caf:MaCafState.load", space=Space.PUBLIC, precache=Precache.NEVER,
                                  description=f"{caf_name(departement)} : actualités, aides locales, délais de "
                                              "traitement, contacts et points d'accueil.")
                for departement in DEMO_CAFS}

# The public site's editorial pages (issue 22, point 1): hubs here, and one page per Markdown file of content/
# (prerendered: read without scripts); the component of a file's page is "caf_app.pages.editorial:VIEWS.<key>".
_E = _P + "editorial:"
ACTUALITES = Page("/actualites", "Actualités", _E + "actualites", space=Space.PUBLIC, precache=Precache.NEVER,
                  description="Les actualités nationales de la Caf et celles des Caf des Hauts-de-Seine, des "
                              "Bouches-du-Rhône et des Alpes-Maritimes.")
AIDES_ET_DEMARCHES = Page("/aides-et-demarches", "Aides et démarches", _E + "aides_et_demarches", space=Space.PUBLIC,
                          precache=Precache.NEVER,
                          description="S'informer sur sa situation, découvrir les prestations de la Caf, faire une "
                                      "simulation ou une demande en ligne.")
MA_SITUATION = Page("/aides-et-demarches/ma-situation", "Ma situation", _E + "ma_situation", space=Space.PUBLIC,
                    precache=Precache.NEVER,
                    description="Naissance, séparation, déménagement, perte d'emploi, handicap : le guide pas à pas "
                                "de chaque événement de la vie.")
DROITS_ET_PRESTATIONS = Page("/aides-et-demarches/droits-et-prestations", "Droits et prestations",
                             _E + "droits_et_prestations", space=Space.PUBLIC, precache=Precache.NEVER,
                             description="Une fiche par prestation de la Caf : à quoi elle sert, pour qui, comment la "
                                         "demander, et les questions les plus fréquentes.")
MES_DEMARCHES_EN_LIGNE = Page("/aides-et-demarches/mes-demarches", "Mes démarches en ligne", _E + "mes_demarches",
                              space=Space.PUBLIC, precache=Precache.NEVER,
                              description="Toutes les démarches en ligne auprès de la Caf : simulation, demande de "
                                          "prestation, déclarations, attestations.")
MAGAZINE = Page("/magazine", "Le magazine Vies de famille", _E + "magazine", space=Space.PUBLIC,
                precache=Precache.NEVER,
                description="Les articles du magazine Vies de famille : parentalité, logement, loisirs des enfants.")
PROFESSIONNELS = Page("/professionnels", "Professionnels", _P + "professionnels:professionnels", space=Space.PUBLIC,
                      precache=Precache.NEVER,
                      description="L'espace des partenaires de la Caf : actualités, offres et services, Mon Compte "
                                  "Partenaire, boîte à outils, guides des prestations et webinaires.")
LETTRE_INFO = Page("/lettre-info-partenaires", "Ma lettre d'info partenaires", _P + "lettre_info:lettre_info",
                   _S + "lettre_info:LettreInfoState.load", space=Space.PUBLIC, precache=Precache.NEVER,
                   description="Recevez chaque mois la lettre d'info partenaires de votre Caf.")
WEBINAIRES = Page("/webinaires-partenaires", "Les webinaires de la Caf", _P + "lettre_info:webinaires",
                  _S + "lettre_info:WebinairesState.load", space=Space.PUBLIC, precache=Precache.NEVER,
                  description="Inscrivez-vous aux webinaires de la Caf pour ses partenaires d'accès aux droits.")
BAREMES = Page("/professionnels/baremes", "Barèmes des prestations", _P + "professionnels:baremes_page",
               _S + "baremes:BaremesState.load", space=Space.PUBLIC, precache=Precache.NEVER,
               description="Les montants de référence des prestations, lus dans les règles de l'État, datés.")
_CONTENT_FOLDERS = {"actualites": ACTUALITES.path, "prestations": DROITS_ET_PRESTATIONS.path,
                    "situations": MA_SITUATION.path, "thematiques": AIDES_ET_DEMARCHES.path + "/thematiques",
                    "magazine": MAGAZINE.path, "pages": "", "professionnels": "/professionnels"}


def content_address(section: str, slug: str) -> str:
    """The page of a content file: content_address("prestations", "prime-activite")."""
    return f"{_CONTENT_FOLDERS[section]}/{slug}"


def _content_title(e: editorial.Entry) -> str:
    """A fiche's title says it is the fiche (its demande's page bears the prestation's name)."""
    return f"{e.title} – Droits et prestations" if e.section == "prestations" else e.title


CONTENT_PAGES = tuple(Page(content_address(e.section, e.slug), _content_title(e), f"{_E}VIEWS.{e.key}",
                           space=Space.PUBLIC, precache=Precache.NEVER, description=e.summary)
                      for e in editorial.everything())

PAGES: tuple[Page, ...] = (
    HOME, ACCESSIBILITE, INFORMATIQUE_ET_LIBERTES, CONSEILS_DE_SECURITE, CONNEXION, MOT_DE_PASSE_OUBLIE,
    IDENTIFIANT_PROVISOIRE_OUBLIE, CREER_MON_COMPTE, SIMULER, PREMIERE_CONNEXION_TUTEUR,
    VERIFIER_UNE_ATTESTATION, ACCUEIL, ALLOCATIONS, DEMARCHES, PROFIL, MENU, ATTESTATIONS, COURRIERS, DETTES,
    PAIEMENT_SIMULE, TRANSMETTRE, DEMARCHES_ETUDIANT, RENTREE_SCOLAIRE,
    DECLARATION, MES_AUTORISATIONS, GERER_MON_COMPTE, MON_AGENDA, CONTACTER_MA_CAF,
    MES_RESSOURCES, DECLARER_UN_CHANGEMENT, DEMANDES, DEMANDE, BOITE_D_ENVOI, DECLARATION_ANNUELLE,
    GESTION_CONNEXION, GESTION, GESTION_TRAITEMENT, GESTION_DOSSIERS, GESTION_AUDIT, GESTION_MESSAGE, GESTION_CRENEAUX,
    GESTION_ACTUALITES, ACTUALITE_PUBLIEE, GESTION_PARTENAIRES, PARTENAIRES_CONNEXION, PARTENAIRES, QUI_A_CONSULTE,
    MES_PARTENAIRES,
    NOUS_CONTACTER,
    RECHERCHE, PRENDRE_RENDEZ_VOUS, MON_RENDEZ_VOUS,
    ACTUALITES, AIDES_ET_DEMARCHES, MA_SITUATION, DROITS_ET_PRESTATIONS, MES_DEMARCHES_EN_LIGNE, MAGAZINE,
    PROFESSIONNELS, LETTRE_INFO, GESTION_LETTRE, WEBINAIRES, BAREMES,
    *CONTENT_PAGES,
    MA_CAF, *MA_CAF_PAGES.values(),
)

# The Mon Compte menu of the header, in the seed's order (the anchor "Conseils" is a block of the home page).
ACCOUNT_MENU_ORDER = (ACCUEIL, ALLOCATIONS, ATTESTATIONS, DEMARCHES, COURRIERS, HOME.at("questions"), MES_RESSOURCES,
                      DECLARER_UN_CHANGEMENT, SIMULER, MON_AGENDA, CONTACTER_MA_CAF, GERER_MON_COMPTE)
# The Menu page: what the bottom bar does not reach.
MENU_ORDER = (MES_RESSOURCES, ATTESTATIONS, COURRIERS, DETTES, SIMULER, MON_AGENDA, CONTACTER_MA_CAF,
              GERER_MON_COMPTE)


def bottom_nav() -> list[tuple[str, str, str, str]]:
    """(key, label, path, icon) of the phone's bottom bar, in the seed's order."""
    return [(p.bottom_nav[0], p.bottom_nav[1], p.path, p.bottom_nav[2]) for p in PAGES if p.bottom_nav]


def account_menu() -> list[tuple[str, str]]:
    """(label, address) of the header's Mon Compte menu."""
    return [("Conseils", entry) if isinstance(entry, str) else (entry.account_menu, entry.path)
            for entry in ACCOUNT_MENU_ORDER]


def menu_entries() -> list[tuple[str, str]]:
    return [(p.menu, p.path) for p in MENU_ORDER]


def visited(space: Space) -> list[str]:
    """The addresses the accessibility and reflow tests open, for one space."""
    return [address for p in PAGES if p.space is space and p.checked for address in p.addresses]


def precache_lists() -> dict[str, list[str]]:
    """The pages assets/sw.js caches (with a trailing slash: the build writes "page/index.html" beside
    "page.html", and the worker matches both forms)."""
    def slashed(address: str) -> str:
        return address if address == "/" else address + "/"
    return {kind.value: [slashed(a) for p in PAGES if p.precache is kind for a in p.addresses]
            for kind in (Precache.SHELL, Precache.LATER)}


def write_precache(assets: Path) -> None:
    """assets/precache.json, read by the service worker at install: rewritten only when the registry changed."""
    target = assets / "precache.json"
    text = json.dumps(precache_lists(), ensure_ascii=False, indent=1) + "\n"
    if not target.exists() or target.read_text() != text:
        target.write_text(text)
