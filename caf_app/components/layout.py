"""The shell: skip link, demonstration notice, header (desktop), main, footer, bottom navigation (phone)."""

from __future__ import annotations

import reflex as rx
from reflex_base.vars.base import Var
from reflex_components_core.core.banner import has_connection_errors

from .. import routes
from ..content import shell as words
from ..state.session import SessionState
from .assistant import assistant
from .ui.actions import button
from .ui.link import app_link, document_link
from .ui.message import status

MAIN_ID = "contenu"


def contrast_button() -> rx.Component:
    """Switches the contrast theme; assets/theme.js handles the click and keeps the choice (no server)."""
    return rx.el.button(
        rx.icon("contrast", size=18, aria_hidden="true"),
        rx.el.span(words.CONTRAST),
        type="button",
        class_name="contrast-toggle",
        custom_attrs={"data-contrast-toggle": ""},
    )


def offline_banner() -> rx.Component:
    """Shown by React while the server cannot be reached; assets/offline.js knows since when (this device)."""
    since = Var(_js_expr="((typeof window !== 'undefined' && window.cafOfflineText) ? window.cafOfflineText() "
                         ": 'Vous êtes hors ligne.')",
                _var_type=str)
    return rx.cond(has_connection_errors, rx.el.div(since, id="hors-ligne", role="status", class_name="offline-banner"))


def demo_notice() -> rx.Component:
    """Above the header, in a landmark of its own (all content belongs to one)."""
    return rx.el.aside(rx.el.p(words.DEMO_NOTICE, class_name="demo-notice", role="note"), aria_label="Avertissement")


def brand() -> rx.Component:
    return app_link(
        rx.el.span("M", class_name="brand-mark", aria_hidden="true"),
        rx.el.span(rx.el.strong("Mon Compte"), rx.el.span(" allocataire", class_name="brand-sub"),
                   rx.el.span(", page d'accueil Allocataires", class_name="sr-only")),
        href=routes.HOME.path,
        class_name="brand",
    )


# The "Ma Caf" links lead to the Caf chosen on this device (assets/ma_caf.js: "Ma Caf - 13", /ma-caf/13).
MA_CAF_LINK = {"data-ma-caf": routes.MA_CAF.path}
ACCOUNT_MENU = routes.account_menu()  # the seed's Mon Compte menu, from the registry


def unread_dot() -> rx.Component:
    """The number of unread courriers, as a badge on every way to Mes courriers (the Menu entry, the account
    menu, the Accueil tile), with words for screen readers."""
    return rx.cond(SessionState.unread > 0, rx.fragment(
        rx.el.span(SessionState.unread, class_name="badge", aria_hidden="true"),
        rx.el.span(" (", SessionState.unread, rx.cond(SessionState.unread > 1, " courriers non lus)",
                                                      " courrier non lu)"), class_name="sr-only")))


def dossier_switch() -> rx.Component:
    """Mes dossiers: shown to a person on several dossiers."""
    return rx.cond(SessionState.dossiers.length() > 1, rx.el.form(
        rx.el.label("Mes dossiers", html_for="dossier", class_name="field-label"),
        rx.el.select(rx.foreach(SessionState.dossiers, lambda d: rx.el.option(d[1], value=d[0])), id="dossier",
                     name="dossier", default_value=SessionState.current_dossier, key=SessionState.current_dossier,
                     class_name="input"),
        button("Changer de dossier", type="submit", variant="secondary"),
        on_submit=SessionState.switch_dossier, class_name="dossier-switch",
    ))


def account_menu() -> rx.Component:
    """The seed's Mon Compte menu, unfolded by its arrow (a disclosure: works without JavaScript)."""
    return rx.el.details(
        rx.el.summary(rx.icon("circle-user", size=18, aria_hidden="true"), rx.el.span("Mon Compte"), unread_dot(),
                      class_name="header-account"),
        rx.el.ul(*[rx.el.li((document_link if "#" in href else app_link)(
                       label, unread_dot() if href == routes.COURRIERS.path else rx.fragment(), href=href))
                   for label, href in ACCOUNT_MENU],
                 rx.el.li(rx.el.button("Déconnexion", type="button", on_click=SessionState.logout))),
        class_name="account-menu",
    )


def sections_nav(active: str) -> rx.Component:
    """On a desktop, once logged in: the phone's five sections (bottom_nav) in the header, the current one marked."""
    return rx.el.nav(
        rx.el.ul(*[rx.el.li(app_link(label, unread_dot() if key == "menu" else rx.fragment(), href=route,
                                     aria_current="page" if key == active else None))
                   for key, label, route, _icon in routes.bottom_nav()]),
        aria_label="Rubriques de Mon Compte",
        class_name="header-nav header-sections desktop-only",
    )


def header(active: str = "") -> rx.Component:
    """active: the page's entry of the bottom bar; "professionnels": a page of the Professionnels space (its tab
    is the current one)."""
    pro = active == "professionnels"
    top = rx.el.div(
        brand(),
        rx.el.nav(
            rx.el.ul(
                rx.el.li(app_link("Allocataires", href=routes.HOME.path, **({} if pro else {"aria_current": "true"}))),
                rx.el.li(document_link("Professionnels", href=routes.PROFESSIONNELS.path,
                                       **({"aria_current": "true"} if pro else {}))),
                class_name="spaces",
            ),
            aria_label="Espaces",
            class_name="desktop-only",
        ),
        rx.el.div(
            document_link(rx.icon("search", size=18, aria_hidden="true"),
                          rx.el.span("Rechercher", class_name="desktop-only"),  # the magnifier alone on a phone
                          href=routes.RECHERCHE.path, aria_label="Rechercher", class_name="header-link header-search"),
            contrast_button(),
            document_link("Ma Caf", href=routes.MA_CAF.path, class_name="desktop-only header-link",
                          custom_attrs=MA_CAF_LINK),
            rx.cond(SessionState.logged_in, account_menu(),
                    app_link(rx.icon("circle-user", size=18, aria_hidden="true"), rx.el.span("Mon Compte"),
                             href=routes.ACCUEIL.path, class_name="header-account")),
            class_name="header-tools",
        ),
        class_name="header-top",
    )
    public = rx.el.nav(
        rx.el.ul(*[rx.el.li(document_link(label, href=href, custom_attrs=MA_CAF_LINK if href == routes.MA_CAF.path
                                          else {})) for label, href in words.HEADER_NAV]),
        aria_label="Rubriques",
        class_name="header-nav desktop-only",
    )
    return rx.el.header(top, rx.cond(SessionState.logged_in, sections_nav(active), public), class_name="site-header")


def footer() -> rx.Component:
    return rx.el.footer(
        rx.el.nav(
            rx.el.ul(
                rx.el.li(document_link("Accueil Allocataires", href=routes.HOME.path)),
                rx.el.li(document_link("Nous contacter", href=routes.HOME.at("nous-contacter"))),
                rx.el.li(document_link("Espace Professionnels", href=routes.PROFESSIONNELS.path)),
                rx.el.li(app_link("Vérifier une attestation", href=routes.VERIFIER_UNE_ATTESTATION.path)),
                rx.el.li(app_link("Accessibilité : non audité", href=routes.ACCESSIBILITE.path)),
                *[rx.el.li(app_link(label, href=href)) for label, href in words.FOOTER_CONTENT],
                *[rx.el.li(rx.el.a(label, href=href, rel="noopener")) for label, href in words.FOOTER_PARTNERS],
            ),
            aria_label="Pied de page",
        ),
        rx.el.p(words.DEMO_NOTICE),
        class_name="site-footer",
    )


def bottom_nav(active: str) -> rx.Component:
    """The app's five entries; `active` is the key of the current page ("" when none)."""
    items = [
        rx.el.li(
            app_link(
                rx.icon(icon, size=22, aria_hidden="true"),
                rx.el.span(label),
                unread_dot() if key == "menu" else rx.fragment(),
                href=route,
                aria_current="page" if key == active else None,
            )
        )
        for key, label, route, icon in routes.bottom_nav()
    ]
    return rx.el.nav(rx.el.ul(*items), aria_label="Navigation principale", class_name="bottom-nav")


# main[data-ready]: "true" once the app runs in the page and its loaders answered (the prerendered page says "false");
# the end-to-end tests wait on it before they tap, as a person waits for the page to settle.
READY = {"data-ready": rx.cond(rx.State.is_hydrated, "true", "false")}


def page_loading(text: str = "Chargement…") -> rx.Component:
    """What a private page shows until its loader has answered: a screen's height, so that nothing under it (the
    footer) is in view, then moves, when the page fills (CLS)."""
    return rx.el.p(text, role="status", class_name="loading loading--page")


def fresh(state) -> Var:
    """True once the page's loader ran for the visit on screen (state: a PrivateState class). A client navigation
    first renders the page with what its state kept from the last visit: state.fresh went False when the page was
    left (state/private.py). A full load first shows the tab state Redis kept, with is_hydrated False until the
    page's loaders have run."""
    return state.fresh & rx.State.is_hydrated


def restricted_or(message, content: rx.Component) -> rx.Component:
    """A private page's content, or why the person may not see it (message: Var[str], "" when allowed)."""
    return rx.cond(message != "", status(message), content)


def session_warning() -> rx.Component:
    """The idle-expiry warning of private pages; assets/session.js opens it two minutes before the end."""
    return rx.fragment(
        rx.el.div(id="session-timer", hidden=True,
                  custom_attrs={"data-seconds": SessionState.seconds_left, "data-refreshed": SessionState.refreshed}),
        rx.el.dialog(
            rx.el.h2("Votre session va bientôt expirer", id="session-warning-titre"),
            rx.el.p("Sans action de votre part, vous serez déconnecté(e) dans 2 minutes, pour protéger vos "
                    "informations.", id="session-warning-texte"),
            rx.el.div(
                button("Prolonger ma session", on_click=SessionState.extend, variant="primary"),
                button("Me déconnecter", on_click=SessionState.logout, variant="secondary"),
                class_name="actions",
            ),
            id="session-warning", aria_labelledby="session-warning-titre", aria_describedby="session-warning-texte",
        ),
    )


def page(*children, active: str = "", wide: bool = False, private: bool = False) -> rx.Component:
    """A whole page: the shell around `children` (which must hold the page's single h1).

    private: a page behind login, which carries the idle-expiry warning.
    """
    return rx.fragment(
        session_warning() if private else rx.fragment(),
        rx.el.a(words.SKIP_LINK, href=f"#{MAIN_ID}", class_name="skip-link"),
        demo_notice(),
        offline_banner(),
        header(active),
        rx.el.main(dossier_switch() if private else rx.fragment(), *children, id=MAIN_ID, tab_index=-1,
                   class_name="main main--wide" if wide else "main",
                   custom_attrs=READY),
        assistant(),
        footer(),
        bottom_nav(active),
    )
