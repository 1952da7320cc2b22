"""The shell: skip link, demonstration notice, header (desktop), main, footer, bottom navigation (phone)."""

from __future__ import annotations

import reflex as rx

from ..content import shell as words
from .ui.link import app_link, document_link

MAIN_ID = "contenu"


def contrast_button() -> rx.Component:
    """Switches the contrast theme; assets/shell.js handles the click and keeps the choice (no server)."""
    return rx.el.button(
        rx.icon("contrast", size=18, aria_hidden="true"),
        rx.el.span(words.CONTRAST),
        type="button",
        class_name="contrast-toggle",
        custom_attrs={"data-contrast-toggle": ""},
    )


def demo_notice() -> rx.Component:
    return rx.el.p(words.DEMO_NOTICE, class_name="demo-notice", role="note")


def brand() -> rx.Component:
    return app_link(
        rx.el.span("M", class_name="brand-mark", aria_hidden="true"),
        rx.el.span(rx.el.strong("Mon Compte"), rx.el.span(" allocataire", class_name="brand-sub")),
        href="/",
        class_name="brand",
        aria_label="Mon Compte allocataire, page d'accueil Allocataires",
    )


def header() -> rx.Component:
    top = rx.el.div(
        brand(),
        rx.el.nav(
            rx.el.ul(
                rx.el.li(app_link("Allocataires", href="/", aria_current="true")),
                rx.el.li(document_link("Professionnels", href="/#professionnels")),
                class_name="spaces",
            ),
            aria_label="Espaces",
            class_name="desktop-only",
        ),
        rx.el.div(
            contrast_button(),
            document_link("Ma Caf", href="/#nous-contacter", class_name="desktop-only header-link"),
            app_link(rx.icon("circle-user", size=18, aria_hidden="true"), rx.el.span("Mon Compte"),
                     href="/mon-compte", class_name="header-account"),
            class_name="header-tools",
        ),
        class_name="header-top",
    )
    nav = rx.el.nav(
        rx.el.ul(*[rx.el.li(document_link(label, href=href)) for label, href in words.HEADER_NAV]),
        aria_label="Rubriques",
        class_name="header-nav desktop-only",
    )
    return rx.el.header(top, nav, class_name="site-header")


def footer() -> rx.Component:
    return rx.el.footer(
        rx.el.nav(
            rx.el.ul(
                rx.el.li(document_link("Accueil Allocataires", href="/")),
                rx.el.li(document_link("Nous contacter", href="/#nous-contacter")),
                rx.el.li(document_link("Espace Professionnels", href="/#professionnels")),
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
                href=route,
                aria_current="page" if key == active else None,
            )
        )
        for key, label, route, icon in words.BOTTOM_NAV
    ]
    return rx.el.nav(rx.el.ul(*items), aria_label="Navigation principale", class_name="bottom-nav")


def page(*children, active: str = "", wide: bool = False) -> rx.Component:
    """A whole page: the shell around `children` (which must hold the page's single h1)."""
    return rx.fragment(
        rx.el.a(words.SKIP_LINK, href=f"#{MAIN_ID}", class_name="skip-link"),
        demo_notice(),
        header(),
        rx.el.main(*children, id=MAIN_ID, tab_index=-1, class_name="main main--wide" if wide else "main"),
        footer(),
        bottom_nav(active),
    )
