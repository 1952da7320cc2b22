"""Menu: what the bottom bar does not reach, display settings and Déconnexion."""

from __future__ import annotations

import reflex as rx

from .. import routes
from ..components.layout import contrast_button, page, unread_dot
from ..components.ui.actions import button
from ..components.ui.field import checkbox
from ..components.ui.link import app_link
from ..components.ui.message import card
from ..state.compte import DisplayState
from ..state.menu import MenuState
from ..state.session import SessionState

ENTRIES = routes.menu_entries()  # what the bottom bar does not reach, from the registry


def entry(label: str, href: str) -> rx.Component:
    """Mes dettes only for a dossier with a debt left to repay (seed: "Cet onglet apparaît seulement si je dois
    rembourser la Caf")."""
    item = rx.el.li(app_link(label, unread_dot() if href == routes.COURRIERS.path else rx.fragment(), href=href))
    return rx.cond(MenuState.has_debts, item) if href == routes.DETTES.path else item


def menu() -> rx.Component:
    return page(
        rx.el.h1("Menu"),
        rx.el.nav(rx.el.ul(*[entry(label, href) for label, href in ENTRIES],
                           class_name="menu-list"), aria_label="Menu de Mon Compte"),
        card(
            rx.el.h2("Paramètres d'affichage"),
            contrast_button(),
            checkbox(id="facile", label="Ouvrir les déclarations en version facile à lire",
                     checked=DisplayState.falc_preferred != "", on_change=DisplayState.toggle_falc)),
        card(
            rx.el.h2("Application"),
            button(rx.icon("download", size=18, aria_hidden="true"), " Installer l'application",
                         hidden=True, custom_attrs={"data-install": ""}, variant="primary"),
            rx.el.p("Sur iPhone ou iPad : touchez le bouton Partager, puis « Sur l'écran d'accueil ».",
                    class_name="hint ios-only"),
            rx.el.p("Installée, l'application s'ouvre depuis l'écran d'accueil et affiche vos dernières "
                    "informations même sans connexion.", class_name="hint")),
        button("Déconnexion", on_click=SessionState.logout, variant="secondary"),
        active="menu", private=True,
    )
