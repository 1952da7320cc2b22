"""The agents' shell: desktop-first, its own header (the agent, the Caf's pages, Se déconnecter), no bottom bar."""

from __future__ import annotations

import reflex as rx

from .. import routes
from ..components.layout import MAIN_ID, READY, contrast_button, demo_notice
from ..components.ui.field import messages
from ..content import shell as words

NAV = ((routes.GESTION, "File de travail"), (routes.GESTION_DOSSIERS, "Rechercher un dossier"),
       (routes.GESTION_CRENEAUX, "Rendez-vous"))


def header(state) -> rx.Component:
    work = [rx.el.li(rx.el.a(label, href=page.path)) for page, label in NAV]
    work.append(rx.cond(state.supervises, rx.fragment(
        rx.el.li(rx.el.a("Activité de l'équipe", href=routes.GESTION_AUDIT.path)),
        rx.el.li(rx.el.a("Partenaires", href=routes.GESTION_PARTENAIRES.path)))))
    edits = rx.fragment(rx.el.li(rx.el.a("Actualités du site", href=routes.GESTION_ACTUALITES.path)),
                        rx.el.li(rx.el.a("Lettre d'info partenaires", href=routes.GESTION_LETTRE.path)))
    links = [rx.cond(state.edits, edits, rx.fragment(*work))]
    return rx.el.header(
        rx.el.div(rx.el.strong("Espace gestion"), rx.el.span(" — ", state.agent_name), class_name="gestion-brand"),
        rx.el.nav(rx.el.ul(*links, class_name="gestion-nav-list"), aria_label="Espace gestion"),
        rx.el.div(contrast_button(), rx.el.a("Se déconnecter", href="/api/gestion/deconnexion",
                                             class_name="button button--secondary"), class_name="header-tools"),
        class_name="gestion-header")


def gestion_page(state, *children) -> rx.Component:
    """A page of the agents' space; `children` hold its h1. A refusal of the policy replaces the content."""
    return staff_page(state, header(state), *children)


def partner_header(state) -> rx.Component:
    return rx.el.header(
        rx.el.div(rx.el.strong("Mon Compte Partenaire"), rx.el.span(" — ", state.agent_name),
                  class_name="gestion-brand"),
        rx.el.div(contrast_button(), rx.el.a("Se déconnecter", href="/api/partenaires/deconnexion",
                                             class_name="button button--secondary"), class_name="header-tools"),
        class_name="gestion-header")


def staff_page(state, top: rx.Component, *children) -> rx.Component:
    """The skeleton of a page of the staff's spaces (the Caf's agents, the partners'): its header `top`."""
    return rx.fragment(
        rx.el.a(words.SKIP_LINK, href=f"#{MAIN_ID}", class_name="skip-link"),
        demo_notice(),
        top,
        rx.el.main(rx.cond(state.restricted_message != "",
                           rx.el.p(state.restricted_message, role="alert", class_name="message message--error"),
                           rx.fragment(*children)),
                   id=MAIN_ID, tab_index=-1, class_name="main main--wide gestion",
                   custom_attrs=READY))


def text_area(*, id: str, label: str, error="", rows: int = 5) -> rx.Component:
    return rx.el.div(
        rx.el.label(label, html_for=id, class_name="field-label"),
        rx.el.textarea(id=id, name=id, rows=rows, class_name="input", aria_describedby=f"{id}-messages",
                       aria_invalid=rx.cond(error != "", "true", "false")),
        messages(id, error), class_name="field")
