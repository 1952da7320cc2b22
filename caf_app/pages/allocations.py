"""Allocations: Mes droits (month by month) and Mes paiements (details, 12-month chart and table)."""

from __future__ import annotations

import reflex as rx

from .. import routes
from ..components.layout import page, restricted_or
from ..components.ui.actions import button, link_button
from ..components.ui.tabs import tabs
from ..state.allocations import MONTHS, AllocationsState as S, AllocationsTabs as T

NOTICE = ("Vos droits sont calculés en fonction de la situation connue de votre Caf et de la réglementation "
          "applicable à ce jour. Si vous avez transmis des informations à votre Caf, vos droits sont à l'étude et "
          "seront mis à jour après traitement.")


WHY = "Pourquoi ce montant a changé ?"


def why_changed(line) -> rx.Component:
    """A month whose amount a recomputation changed: before → after and each cause with its euros, in a native
    disclosure (keyboard and screen readers know it; on its own line of the row, whatever the width). The
    prestation, read by screen readers only, tells one row's disclosure from the next."""
    return rx.cond(line.change != "", rx.el.details(
        rx.el.summary(WHY, rx.el.span(" : ", line.prestation, class_name="sr-only")),
        rx.el.p(line.change),
        rx.el.ul(rx.foreach(line.causes, lambda cause: rx.el.li(cause))),
        class_name="why-changed", style={"flexBasis": "100%"}))


def droit_row(line) -> rx.Component:
    return rx.el.li(rx.el.span(line.prestation, class_name="line-label"),
                    rx.el.strong(line.amount, class_name="line-amount"), why_changed(line), class_name="line")


def sans_droit_row(line) -> rx.Component:
    return rx.el.li(rx.el.span(line.prestation, class_name="line-label"),
                    rx.el.span("Motif : ", line.motif, class_name="line-motif"), why_changed(line),
                    class_name="line")


def month_navigation() -> rx.Component:
    return rx.el.div(
        button("Précédent", on_click=S.move(1), disabled=S.month_back >= MONTHS - 1, variant="secondary",
               aria_label="Mois précédent"),
        rx.el.p(S.month_label, class_name="month-label", aria_live="polite"),
        button("Suivant", on_click=S.move(-1), disabled=S.month_back == 0, variant="secondary",
               aria_label="Mois suivant"),
        class_name="month-nav",
    )


def droits_panel() -> rx.Component:
    return rx.el.div(
        rx.el.h2(S.droits_heading),
        month_navigation(),
        rx.cond(S.droits.length() > 0, rx.el.ul(rx.foreach(S.droits, droit_row), class_name="lines"),
                rx.el.p("Aucun droit ce mois-ci.")),
        rx.cond(S.sans_droits.length() > 0, rx.el.section(
            rx.el.h3("Prestations sans droits"),
            rx.el.ul(rx.foreach(S.sans_droits, sans_droit_row), class_name="lines"))),
        rx.el.p(rx.icon("info", size=16, aria_hidden="true"), " ", NOTICE, class_name="hint"),
    )


def detail_line(line) -> rx.Component:
    return rx.el.li(rx.el.span(line.label, rx.cond(line.period != "", rx.el.span(" - ", line.period)),
                               class_name="line-label"),
                    rx.el.strong(line.amount, class_name="line-amount"), class_name="line")


def payment_item(payment) -> rx.Component:
    opened = T.opened == payment.id
    return rx.el.li(
        rx.el.button(
            rx.el.span("Paiement du ", payment.paid_on), rx.el.strong(payment.total),
            type="button", on_click=T.toggle(payment.id), aria_expanded=rx.cond(opened, "true", "false"),
            aria_controls=f"paiement-{payment.id}", class_name="payment-toggle",
        ),
        rx.el.div(
            rx.el.ul(rx.foreach(payment.lines, detail_line), class_name="lines"),
            rx.cond(payment.retenues.length() > 0, rx.el.div(
                rx.el.h4("Retenues"), rx.el.ul(rx.foreach(payment.retenues, detail_line), class_name="lines"))),
            rx.el.p(payment.destination),
            rx.cond(payment.message != "", rx.el.p(payment.message, class_name="notice")),
            id=f"paiement-{payment.id}", hidden=~opened, class_name="payment-detail",
        ),
        class_name="payment",
    )


def chart() -> rx.Component:
    """Bars drawn with CSS for sighted users; the same figures in a table for everyone."""
    bar = lambda b: rx.el.div(  # noqa: E731
        rx.el.div(rx.foreach(b.segments, lambda seg: rx.el.span(
            class_name=f"seg seg-{seg.color}", style={"height": f"{seg.percent}%"})), class_name="bar"),
        rx.el.span(b.month, class_name="bar-label"), class_name="bar-col")
    legend = rx.el.ul(rx.foreach(S.legend, lambda name, i: rx.el.li(
        rx.el.span(class_name=f"seg seg-{i} swatch"), name)), class_name="legend")
    table = rx.el.table(
        rx.el.caption("Paiements des 12 derniers mois par prestation"),
        rx.el.thead(rx.el.tr(rx.el.th("Mois", scope="col"), rx.el.th("Prestation", scope="col"),
                             rx.el.th("Montant", scope="col"))),
        rx.el.tbody(rx.foreach(S.bars, lambda b: rx.foreach(b.segments, lambda seg: rx.el.tr(
            rx.el.th(b.month, scope="row"), rx.el.td(seg.prestation), rx.el.td(seg.amount))))),
        class_name="data-table",
    )
    return rx.el.section(
        rx.el.h3("Mes paiements des 12 derniers mois"),
        rx.el.div(rx.foreach(S.bars, bar), class_name="chart", aria_hidden="true"), legend,
        rx.el.details(rx.el.summary("Voir les montants sous forme de tableau"), table),
    )


def debts_detail() -> rx.Component:
    """Under the payments and their retenues, as the seed shows Mes paiements: what is left to repay, and the way
    to repay all or part of it online (Mes dettes)."""
    return rx.cond(S.debts.length() > 0, rx.el.section(
        rx.el.h3("Le détail de mes dettes", id="dettes-titre"),
        rx.el.ul(rx.foreach(S.debts, lambda debt: rx.el.li(
            rx.el.span(debt.prestation, " : reste à rembourser", class_name="line-label"),
            rx.el.strong(debt.balance, class_name="line-amount"), class_name="line")), class_name="lines"),
        link_button("Rembourser tout ou partie en ligne", href=routes.DETTES.path, variant="secondary"),
        aria_labelledby="dettes-titre"))


def paiements_panel() -> rx.Component:
    return rx.el.div(
        rx.el.h2("Mes paiements"),
        rx.el.ul(rx.foreach(S.payments, payment_item), class_name="payments"),
        debts_detail(),
        chart(),
    )


def allocations() -> rx.Component:
    return page(
        rx.el.h1("Mes allocations"),
        restricted_or(S.restricted_message, tabs(id="allocations", label="Mes allocations", selected=T.tab,
                                                 on_select=T.show,
                 panels=[("droits", "Mes droits", droits_panel()),
                         ("paiements", "Mes paiements", paiements_panel())]),
        ),
        active="allocations", private=True,
    )
