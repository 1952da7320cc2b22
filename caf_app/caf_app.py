"""The app: one rx.App, our own stylesheet (no Radix Themes), server routes, and the pages."""

import reflex as rx

from . import models  # noqa: F401  (tables registered for migrations)
from .api import api
from .api.headers import security_headers
from .content.shell import APP_NAME
from .pages.accessibilite import declaration_accessibilite
from .pages.accueil import accueil
from .pages.allocations import allocations
from .pages.changes import declarer_un_changement
from .pages.compte import autorisations, contacter_ma_caf, gerer_mon_compte, mes_ressources, mon_agenda
from .pages.connexion import connexion
from .pages.declaration import declaration_page
from .pages.demarches import demarches
from .pages.dettes import dettes_page, paiement_simule
from .pages.documents import attestations, courriers_page
from .pages.home import home
from .pages.menu import menu
from .pages.outbox import boite_d_envoi
from .pages.profil import profil
from .pages.recovery import mot_de_passe_oublie
from .pages.signup import creer_mon_compte
from .pages.simulation import simuler
from .pages.transmission import transmettre
from .pages.tuteur import premiere_connexion_tuteur
from .pages.verification import verifier_une_attestation
from .settings import get_settings
from .state.accueil import AccueilState
from .state.allocations import AllocationsState
from .state.changes import ChangesState
from .state.compte import AgendaState, AutorisationsState, ContactState, GererState, RessourcesState
from .state.connexion import ConnexionState
from .state.declaration import DeclarationState
from .state.demarches import DemarchesState
from .state.dettes import DettesState
from .state.documents import AttestationsState, CourriersState
from .state.errors import backend_exception_handler
from .state.outbox import OutboxState
from .state.profil import ProfilState
from .state.recovery import RecoveryState
from .state.session import SessionState
from .state.signup import SignupState
from .state.transmission import TransmissionState
from .state.verification import VerificationState

app = rx.App(
    html_lang="fr",
    stylesheets=["/styles.css"],
    head_components=[
        rx.el.meta(name="viewport", content="width=device-width, initial-scale=1, viewport-fit=cover"),
        rx.el.meta(name="theme-color", content="#0b4f6c"),
        rx.el.link(rel="icon", href="/favicon.ico", sizes="any"),
        rx.el.link(rel="apple-touch-icon", href="/apple-touch-icon.png"),
        rx.el.link(rel="manifest", href="/manifest.webmanifest"),
        rx.el.meta(name="apple-mobile-web-app-capable", content="yes"),
        rx.el.meta(name="mobile-web-app-capable", content="yes"),
        rx.el.meta(name="apple-mobile-web-app-status-bar-style", content="default"),
        rx.el.meta(name="apple-mobile-web-app-title", content="Mon Compte"),
        rx.el.meta(name="description", content="Démonstration indépendante d'un espace Mon Compte allocataire."),
        # Applies the saved contrast theme before the first paint and handles the Contraste buttons.
        rx.el.script(src="/shell.js"),
    ],
    api_transformer=[api, security_headers],
    backend_exception_handler=backend_exception_handler,
)


def title(name: str) -> str:
    return f"{name} - {APP_NAME}"


app.add_page(home, route="/", title=title("Allocataires"))
app.add_page(declaration_accessibilite, route="/accessibilite", title=title("Déclaration d'accessibilité"))
app.add_page(connexion, route="/connexion", title=title("Connexion"), on_load=ConnexionState.load)
app.add_page(mot_de_passe_oublie, route="/mot-de-passe-oublie", title=title("Mot de passe oublié"),
             on_load=RecoveryState.load)
app.add_page(creer_mon_compte, route="/creer-mon-compte", title=title("Créer Mon Compte"), on_load=SignupState.load)
app.add_page(simuler, route="/simuler-ou-demander-une-prestation", title=title("Simuler ou demander une prestation"))
app.add_page(premiere_connexion_tuteur, route="/premiere-connexion-tuteur", title=title("Première connexion tuteur"))
app.add_page(verifier_une_attestation, route="/verifier-une-attestation", title=title("Vérifier une attestation"),
             on_load=VerificationState.load)
PRIVATE = (
    (accueil, "/mon-compte", "Accueil Mon Compte", AccueilState.load),
    (allocations, "/allocations", "Mes allocations", AllocationsState.load),
    (demarches, "/demarches", "Mes démarches", DemarchesState.load),
    (profil, "/profil", "Mon profil", ProfilState.load),
    (menu, "/menu", "Menu", None),
    (attestations, "/attestations", "Mes attestations", AttestationsState.load),
    (courriers_page, "/courriers", "Mes courriers et courriels", CourriersState.load),
    (dettes_page, "/dettes", "Mes dettes", DettesState.load),
    (paiement_simule, "/dettes/paiement", "Paiement simulé", DettesState.load_payment),
    (transmettre, "/demarches/transmettre", "Transmettre un document", TransmissionState.load),
    (declaration_page, "/declaration/rsa", "Déclaration trimestrielle Rsa", DeclarationState.load),
    (declaration_page, "/declaration/prime-activite", "Déclaration trimestrielle Prime d'activité",
     DeclarationState.load),
    (declaration_page, "/declaration/aah", "Déclaration trimestrielle Aah", DeclarationState.load),
    (autorisations, "/mes-autorisations", "Mes autorisations", AutorisationsState.load),
    (gerer_mon_compte, "/gerer-mon-compte", "Gérer Mon Compte", GererState.load),
    (mon_agenda, "/mon-agenda", "Mon agenda", AgendaState.load),
    (contacter_ma_caf, "/contacter-ma-caf", "Contacter ma Caf", ContactState.load),
    (mes_ressources, "/mes-ressources", "Mes ressources", RessourcesState.load),
    (declarer_un_changement, "/declarer-un-changement", "Déclarer un changement", ChangesState.load),
)
for component, route, name, loader in PRIVATE:
    app.add_page(component, route=route, title=title(name),
                 on_load=[SessionState.require_login] + ([loader] if loader else []))

if get_settings().environment != "prod":
    app.add_page(boite_d_envoi, route="/dev/boite-d-envoi", title=title("Boîte d'envoi"), on_load=OutboxState.load)
