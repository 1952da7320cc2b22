"""/dev/boite-d-envoi: what the app would have sent, for developers and demonstrations only."""

from __future__ import annotations

import reflex as rx

from ..components.layout import page
from ..state.outbox import OutboxState as S


def message(line) -> rx.Component:
    return rx.el.li(
        rx.el.p(rx.el.strong(line.channel), " à ", line.recipient, " — ", line.at),
        rx.cond(line.subject != "", rx.el.p(rx.el.strong(line.subject))),
        rx.el.p(line.body),
        class_name="card",
    )


def boite_d_envoi() -> rx.Component:
    return page(
        rx.el.h1("Boîte d'envoi de démonstration"),
        rx.el.p("Sans serveur de messagerie configuré, les courriels et SMS du service arrivent ici. "
                "Cette page n'existe pas en production.", class_name="notice"),
        rx.el.button("Actualiser", type="button", on_click=S.load, class_name="button button--secondary"),
        rx.cond(S.messages.length() > 0, rx.el.ul(rx.foreach(S.messages, message), class_name="plain-list"),
                rx.el.p("Aucun message pour le moment.")),
    )
