"""Mes démarches: À transmettre and À consulter."""

from __future__ import annotations

import reflex as rx

from ..components.layout import page, restricted_or
from ..components.ui.tabs import tabs
from ..state.demarches import DemarchesState as S


def piece_row(piece) -> rx.Component:
    return rx.el.li(rx.el.span(piece.label, class_name="line-label"),
                    rx.el.span("À transmettre avant le ", piece.due_on), class_name="line")


def demarche_row(item) -> rx.Component:
    return rx.el.li(
        rx.el.span(item.title, class_name="line-label"),
        rx.el.span(item.status, " — envoyée le ", item.created_on, ", mise à jour le ", item.updated_on),
        class_name="line",
    )


def transmettre_panel() -> rx.Component:
    return rx.cond(S.pieces.length() > 0,
                   rx.el.ul(rx.foreach(S.pieces, piece_row), class_name="lines"),
                   rx.el.p("Vous n'avez pas de démarche à transmettre"))


def consulter_panel() -> rx.Component:
    return rx.el.ul(rx.foreach(S.history, demarche_row), class_name="lines")


def demarches() -> rx.Component:
    return page(
        rx.el.h1("Mes démarches"),
        restricted_or(S.restricted_message, tabs(id="demarches", label="Mes démarches", selected=S.tab,
                                                 on_select=S.show,
                 panels=[("transmettre", "À transmettre", transmettre_panel()),
                         ("consulter", "À consulter", consulter_panel())]),
        ),
        active="demarches", private=True,
    )
