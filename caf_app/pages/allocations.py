"""Allocations: Mes droits and Mes paiements."""

from __future__ import annotations

import reflex as rx

from ..components.layout import page
from ..components.ui.tabs import tabs
from ..state.allocations import AllocationsState as S


def droit_row(line) -> rx.Component:
    return rx.el.li(
        rx.el.span(line.prestation, class_name="line-label"),
        rx.cond(line.motif != "", rx.el.span("Sans droit : ", line.motif, class_name="line-motif"),
                rx.el.strong(line.amount, class_name="line-amount")),
        class_name="line",
    )


def payment_row(line) -> rx.Component:
    return rx.el.li(rx.el.span("Paiement du ", line.paid_on, class_name="line-label"),
                    rx.el.strong(line.amount, class_name="line-amount"), class_name="line")


def droits_panel() -> rx.Component:
    return rx.el.div(
        rx.el.h2("Mes droits de ", S.month_label),
        rx.el.ul(rx.foreach(S.droits, droit_row), class_name="lines"),
        rx.el.p("Vos droits sont calculés en fonction de la situation connue de votre Caf et de la "
                "réglementation applicable à ce jour.", class_name="hint"),
    )


def paiements_panel() -> rx.Component:
    return rx.el.div(
        rx.el.h2("Mes paiements"),
        rx.el.ul(rx.foreach(S.payments, payment_row), class_name="lines"),
    )


def allocations() -> rx.Component:
    return page(
        rx.el.h1("Mes allocations"),
        rx.cond(
            S.restricted_message != "",
            rx.el.p(S.restricted_message, role="status", class_name="notice"),
            tabs(id="allocations", label="Mes allocations", selected=S.tab, on_select=S.show,
                 panels=[("droits", "Mes droits", droits_panel()),
                         ("paiements", "Mes paiements", paiements_panel())]),
        ),
        active="allocations", private=True,
    )
