"""Accueil Mon Compte (logged in): the app's home screen."""

from __future__ import annotations

import reflex as rx

from ..components.layout import page
from ..components.ui.link import app_link
from ..state.accueil import AccueilState as S
from ..state.session import SessionState


def last_payment() -> rx.Component:
    return rx.el.section(
        rx.el.h2("Mon dernier paiement le ", S.last_payment_on, class_name="card-title"),
        rx.el.p(S.last_payment_amount, class_name="amount"),
        app_link("Voir le détail de mes allocations", href="/allocations", class_name="button button--primary"),
        rx.el.p("Mon quotient familial : ", rx.el.strong(S.quotient_familial)),
        class_name="card card--payment",
    )


def alert_item(alert) -> rx.Component:
    return rx.el.li(
        rx.el.h3(alert.title),
        rx.el.p(alert.message),
        app_link(alert.link_label, href=alert.link_route, class_name="button button--secondary"),
        class_name="alert",
    )


def alerts() -> rx.Component:
    return rx.el.section(
        rx.el.h2("Mes alertes"),
        rx.cond(S.alerts.length() > 0,
                rx.el.ul(rx.foreach(S.alerts, alert_item), class_name="alerts"),
                rx.el.p("Vous n'avez pas d'alerte.")),
        class_name="card",
    )


def accueil() -> rx.Component:
    return page(
        rx.el.h1("Bonjour ", SessionState.display_name),
        rx.cond(
            S.loaded,
            rx.cond(S.restricted_message != "",
                    rx.el.p(S.restricted_message, role="status", class_name="notice"),
                    rx.fragment(last_payment(), alerts())),
            rx.el.p("Chargement de votre dossier…", role="status", class_name="loading"),
        ),
        active="accueil", private=True,
    )
