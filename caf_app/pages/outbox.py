"""/dev/boite-d-envoi: what the app would have sent, for developers and demonstrations only."""

from __future__ import annotations

import reflex as rx

from ..components.layout import page
from ..components.ui.actions import button
from ..components.ui.message import card
from ..state.outbox import OutboxState as S


def message(line) -> rx.Component:
    return card(
        rx.el.p(rx.el.strong(line.channel), " à ", line.recipient, " — ", line.at),
        rx.cond(line.subject != "", rx.el.p(rx.el.strong(line.subject))),
        rx.el.p(line.body), tag="li")


def boite_d_envoi() -> rx.Component:
    return page(
        rx.el.h1("Boîte d'envoi de démonstration"),
        rx.el.p("Sans serveur de messagerie configuré, les courriels, les SMS et les courriers à poster "
                "arrivent ici. "
                "Cette page n'existe que pour une démonstration sur cette machine, jamais en production.",
                class_name="notice"),
        button("Actualiser", on_click=S.load, variant="secondary"),
        rx.cond(S.messages.length() > 0, rx.el.ul(rx.foreach(S.messages, message), class_name="plain-list"),
                rx.el.p("Aucun message pour le moment.")),
    )
