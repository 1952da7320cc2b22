"""Menu: what the bottom bar does not reach, display settings and Déconnexion."""

from __future__ import annotations

import reflex as rx

from ..components.layout import contrast_button, page
from ..components.ui.field import checkbox
from ..components.ui.link import app_link
from ..state.compte import DisplayState
from ..state.session import SessionState

ENTRIES = (
    ("Mes ressources", "/mes-ressources"),
    ("Mes attestations", "/attestations"),
    ("Mes courriers et courriels", "/courriers"),
    ("Mes dettes", "/dettes"),
    ("Simuler ou demander une prestation", "/simuler-ou-demander-une-prestation"),
    ("Mon agenda", "/mon-agenda"),
    ("Contacter ma Caf", "/contacter-ma-caf"),
    ("Gérer Mon Compte", "/gerer-mon-compte"),
)


def menu() -> rx.Component:
    return page(
        rx.el.h1("Menu"),
        rx.el.nav(rx.el.ul(*[rx.el.li(app_link(label, href=href)) for label, href in ENTRIES],
                           class_name="menu-list"), aria_label="Menu de Mon Compte"),
        rx.el.section(
            rx.el.h2("Paramètres d'affichage"),
            contrast_button(),
            checkbox(id="facile", label="Ouvrir les déclarations en version facile à lire",
                     checked=DisplayState.falc_preferred != "", on_change=DisplayState.toggle_falc),
            class_name="card"),
        rx.el.section(
            rx.el.h2("Application"),
            rx.el.button(rx.icon("download", size=18, aria_hidden="true"), " Installer l'application", type="button",
                         hidden=True, custom_attrs={"data-install": ""}, class_name="button button--primary"),
            rx.el.p("Sur iPhone ou iPad : touchez le bouton Partager, puis « Sur l'écran d'accueil ».",
                    class_name="hint ios-only"),
            rx.el.p("Installée, l'application s'ouvre depuis l'écran d'accueil et affiche vos dernières "
                    "informations même sans connexion.", class_name="hint"),
            class_name="card"),
        rx.el.button("Déconnexion", type="button", on_click=SessionState.logout,
                     class_name="button button--secondary"),
        active="menu", private=True,
    )
