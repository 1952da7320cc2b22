"""Mes démarches: délais de traitement, À transmettre and À consulter."""

from __future__ import annotations

import reflex as rx

from .. import routes
from ..components.layout import page, restricted_or
from ..components.ui.actions import link_button
from ..components.ui.link import app_link, download_link
from ..components.ui.message import card
from ..components.ui.tabs import tabs
from ..content import delais as wording
from ..domain.rentree import ARS_TITLE, STUDENT_DEMARCHES
from ..state.demarches import DemarchesState as S
from .allocations import unless_offline
from .declaration_annuelle import annual_link


def delais() -> rx.Component:
    """Measured on the Caf's real queue (services.paperwork.demarches), said in content.delais's words."""
    return rx.cond(S.delais, card(
        rx.el.h2(wording.TITLE),
        rx.el.p(wording.INTRO, " Chiffres du ", S.delais.updated_on, "."),
        rx.el.ul(rx.foreach(S.delais.lines, lambda line: rx.el.li(line))),
        rx.cond(S.delais.waiting, rx.el.p(wording.OUTRO)), extra="delais"))


def piece_row(piece) -> rx.Component:
    """A piece the Caf asked for: a task card with its deadline."""
    return rx.el.li(
        rx.el.p("Pièce demandée", class_name="tag"),
        rx.el.h3(piece.label, class_name="task-title"),
        rx.el.p("À transmettre avant le ", rx.el.strong(piece.due_on), class_name="task-due"),
        link_button("Transmettre", href=f"{routes.TRANSMETTRE.path}?piece={piece.id}", variant="primary",
                 aria_label=f"Transmettre : {piece.label}"),
        class_name="task card",
    )


def demarche_row(item) -> rx.Component:
    opened = S.opened == item.id
    return rx.el.li(
        # The status in a column of its own: every status starts at the same place, whatever the title's length.
        rx.el.button(rx.el.span(rx.el.span(item.title, class_name="line-label"),
                                rx.el.span("Envoyée le ", item.created_on, class_name="hint"),
                                class_name="demarche-main"),
                     rx.el.span(item.status, class_name="demarche-status"),
                     type="button", on_click=S.open(item.id), aria_expanded=rx.cond(opened, "true", "false"),
                     aria_controls=f"demarche-{item.id}", class_name="demarche-toggle"),
        rx.el.div(
            rx.el.p("Statut : ", item.status, ". Mise à jour le ", item.updated_on, "."),
            rx.cond(item.reference != "", rx.el.p("Référence : ", item.reference)),
            rx.cond(item.made_by != "", rx.el.p(item.made_by, ".")),
            rx.cond(item.documents.length() > 0, rx.el.ul(rx.foreach(item.documents, lambda d: rx.el.li(
                download_link(d.name, " (", d.pages, " page(s), PDF)", href=f"/api/documents/envoye/{d.id}"))))),
            rx.cond(item.has_receipt, download_link("Accusé de réception (PDF)",
                                                    href=f"/api/documents/accuse/{item.id}")),
            id=f"demarche-{item.id}", hidden=~opened, class_name="payment-detail",
        ),
        class_name="payment",
    )


def declaration_links(due) -> rx.Component:
    """A quarterly declaration due: a task card, in the standard or the easy-to-read version."""
    return rx.el.li(
        rx.el.p("Déclaration à faire", class_name="tag"),
        rx.el.h3("Ma déclaration trimestrielle ", due[0], class_name="task-title"),
        rx.el.p(app_link("Déclarer mes ressources trimestrielles ", due[0], href="/declaration/" + due[1])),
        rx.el.p(app_link("Faire une déclaration trimestrielle ", due[0], " (facile à lire)",
                         href="/declaration/" + due[1] + "?version=facile")),
        class_name="task card",
    )


def other_demarches() -> rx.Component:
    """The seed's « démarches possibles depuis l'appli »: each page says whom it is for."""
    return rx.el.section(
        rx.el.h2("Autres démarches"),
        rx.el.ul(
            rx.el.li(app_link(ARS_TITLE, href=routes.RENTREE_SCOLAIRE.path)),
            *[rx.el.li(app_link(d.title, href=routes.DEMARCHES_ETUDIANT.query(demarche=d.key)))
              for d in STUDENT_DEMARCHES.values()],
            class_name="link-list"))


def transmettre_panel() -> rx.Component:
    return rx.fragment(
        # The person's tasks first, as cards: declarations due, then the pieces asked with their deadline.
        rx.cond((S.declarations_due.length() > 0) | (S.pieces.length() > 0), rx.el.section(
            rx.el.h2("À faire"),
            rx.el.ul(rx.foreach(S.declarations_due, declaration_links), rx.foreach(S.pieces, piece_row),
                     class_name="tasks"),
            id="a-faire"),
            rx.el.p("Vous n'avez pas de démarche à transmettre")),
        rx.cond(S.annual_asked.length() > 0, rx.el.section(
            rx.el.h2("Mes déclarations de ressources demandées"),
            rx.el.ul(rx.foreach(S.annual_asked, annual_link), class_name="link-list"))),
        other_demarches(),
        rx.el.p("Vous pouvez aussi envoyer un document sans que votre Caf ne le demande."),
        link_button(rx.icon("camera", size=18, aria_hidden="true"), " Transmettre un document",
                 href=routes.TRANSMETTRE.path, variant="secondary"),
    )


def consulter_panel() -> rx.Component:
    return rx.fragment(
        rx.el.ul(rx.foreach(S.history, demarche_row), class_name="payments"),
        rx.el.p(app_link("Faire une demande de prestation en ligne", href=routes.DEMANDES.path)))


def demarches() -> rx.Component:
    return page(
        rx.el.h1("Mes démarches"),
        unless_offline(S, restricted_or(S.restricted_message, rx.fragment(
            tabs(id="demarches", label="Mes démarches", selected=S.tab, on_select=S.show,
                 panels=[("transmettre", "À transmettre", transmettre_panel()),
                         ("consulter", "À consulter", consulter_panel())]),
            delais()))),  # the person's own tasks first, the Caf's délais after them
        active="demarches", private=True,
    )
