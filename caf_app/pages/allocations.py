"""Allocations: Mes droits (month by month) and Mes paiements (details, 12-month chart and table)."""

from __future__ import annotations

import reflex as rx
from reflex_components_core.core.banner import has_connection_errors

from .. import routes
from ..components import charts
from ..components.layout import fresh, page, page_loading, restricted_or
from ..components.ui.actions import button, link_button
from ..components.ui.message import status
from ..components.ui.tabs import tabs
from ..services.payments.paiements import PAYMENT_DATES_HELP
from ..state.allocations import MONTHS, AllocationsState as S, AllocationsTabs as T

NOTICE = ("Vos droits sont calculés en fonction de la situation connue de votre Caf et de la réglementation "
          "applicable à ce jour. Si vous avez transmis des informations à votre Caf, vos droits sont à l'étude et "
          "seront mis à jour après traitement.")


OFFLINE_UNAVAILABLE = "Indisponible hors ligne : ces informations s'afficheront au retour de la connexion."


def unless_offline(state, content: rx.Component) -> rx.Component:
    """Offline, a page whose data did not come for this visit says so: never an empty state that would lie."""
    return rx.cond(~fresh(state) & has_connection_errors,
                   status(OFFLINE_UNAVAILABLE, id="indisponible-hors-ligne"), content)


PAGE_LOADING = page_loading("Chargement de vos allocations…")
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


CHART_TITLE = "Mes paiements des 12 derniers mois"
# Recharts' tooltip, in the page's colours (both themes: assets/styles.css, --paper and --ink).
TOOLTIP_BOX = {"background": "var(--paper)", "border": "1px solid var(--line)", "borderRadius": "6px",
               "color": "var(--ink)"}
MONTH_TOTAL = ("((label, payload) => { const p = payload && payload[0] && payload[0].payload; "
               "return p ? p.mois_complet + ' : ' + p.total + ' au total' : label; })")


def bars_chart() -> rx.Component:
    """The 12 months on one baseline, to scale, with an axis in euros; a month's amounts show on tap, hover or
    keyboard focus (Recharts' accessibility layer: Tab to the chart, then the arrow keys). Loaded only here,
    and only once the tab shows it (components/charts.py)."""
    tick = {"fill": "var(--ink)", "fontSize": 12}
    return rx.el.div(charts.ResponsiveContainer.create(
        charts.BarChart.create(
            charts.CartesianGrid.create(vertical=False, stroke="var(--line)", stroke_dasharray="3 3"),
            charts.XAxis.create(data_key="mois", interval=0, angle=-45, text_anchor="end", height=48, tick=tick,
                                stroke="var(--line)"),
            charts.YAxis.create(width=64, tick=tick, stroke="var(--line)",
                                custom_attrs={"tickFormatter": charts.js(charts.WHOLE_EUROS)}),
            charts.GraphingTooltip.create(
                content_style=TOOLTIP_BOX, item_style={"color": "var(--ink)"},
                label_style={"color": "var(--ink)", "fontWeight": 700}, cursor={"fill": "var(--paper-alt)"},
                is_animation_active=False,
                custom_attrs={"formatter": charts.js(charts.EUROS), "labelFormatter": charts.js(MONTH_TOTAL)}),
            rx.foreach(S.legend, lambda name, i: charts.Bar.create(
                data_key=f"p{i}", name=name, stack_id="mois", fill=f"var(--chart-{i})", is_animation_active=False)),
            data=S.chart, margin={"top": 8, "right": 8, "left": 0, "bottom": 0},
            custom_attrs={"title": CHART_TITLE, "desc": "Montant payé chaque mois, par prestation, en euros."}),
        width="100%", height=260), class_name="payments-chart")


def chart() -> rx.Component:
    """The chart for sighted users, the same figures in a table for everyone."""
    legend = rx.el.ul(rx.foreach(S.legend, lambda name, i: rx.el.li(
        rx.el.span(class_name=f"seg seg-{i} swatch", aria_hidden="true"), name)), class_name="legend")
    table = rx.el.table(
        rx.el.caption("Paiements des 12 derniers mois par prestation"),
        rx.el.thead(rx.el.tr(rx.el.th("Mois", scope="col"), rx.el.th("Prestation", scope="col"),
                             rx.el.th("Montant", scope="col"))),
        rx.el.tbody(rx.foreach(S.bars, lambda b: rx.foreach(b.segments, lambda seg: rx.el.tr(
            rx.el.th(b.month, scope="row"), rx.el.td(seg.prestation), rx.el.td(seg.amount))))),
        class_name="data-table",
    )
    return rx.el.section(
        rx.el.h3(CHART_TITLE, id="graphique-titre"),
        rx.el.figure(rx.cond(T.tab == "paiements", bars_chart()), legend,
                     rx.el.figcaption("Touchez une barre, ou allez sur le graphique avec la touche Tab puis les "
                                      "flèches, pour lire les montants d'un mois.", class_name="hint"),
                     aria_labelledby="graphique-titre", class_name="chart-figure"),
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


def payment_year(group) -> rx.Component:
    return rx.el.section(
        rx.el.h3(group.year, id=f"paiements-{group.year}"),
        rx.el.ul(rx.foreach(group.payments, payment_item), class_name="payments"),
        aria_labelledby=f"paiements-{group.year}")


def paiements_panel() -> rx.Component:
    """The 12 months at a glance first, then the payments by year, then the dettes (issue 24, point 3)."""
    return rx.el.div(
        rx.el.h2("Mes paiements"),
        rx.el.details(rx.el.summary("Quand la Caf paie-t-elle ?"), rx.el.p(PAYMENT_DATES_HELP), class_name="how"),
        chart(),
        rx.foreach(S.payment_years, payment_year),
        debts_detail(),
    )


def allocations() -> rx.Component:
    return page(
        rx.el.h1("Mes allocations"),
        unless_offline(S, rx.cond(fresh(S), restricted_or(S.restricted_message, tabs(
            id="allocations", label="Mes allocations", selected=T.tab, on_select=T.show,
            panels=[("droits", "Mes droits", droits_panel()), ("paiements", "Mes paiements", paiements_panel())]),
        ), PAGE_LOADING)),
        active="allocations", private=True,
    )
