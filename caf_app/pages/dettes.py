"""Mes dettes, and the clearly marked simulated payment page."""

from __future__ import annotations

import reflex as rx

from .. import routes
from ..components.layout import page, restricted_or
from ..components.ui.actions import button, link_button
from ..components.ui.field import messages, text_field
from ..components.ui.message import alert, card
from ..state.dettes import DettesState as S


def movement(line) -> rx.Component:
    return rx.el.li(rx.el.span(line.on, " - ", line.label, class_name="line-label"),
                    rx.el.strong(line.amount, class_name="line-amount"), class_name="line")


def debt(item) -> rx.Component:
    return card(
        rx.el.h2(item.prestation),
        rx.el.p(item.origin),
        rx.el.p("Reste à rembourser", class_name="debt-owed-label"),
        rx.el.p(item.balance, class_name="debt-owed amount-value"),
        rx.el.p("Déjà remboursé : ", rx.el.strong(item.repaid, class_name="amount-value"), " sur ", item.initial,
                " (dette du ", item.created_on, ")"),
        rx.cond(item.retenue != "",
                rx.el.p("Les retenues automatiques continuent : ",
                        rx.el.strong(item.retenue, class_name="amount-value"),
                        " par mois sur vos prestations, jusqu'au remboursement complet. Un remboursement en ligne "
                        "diminue le reste à rembourser.", class_name="notice"),
                rx.el.p("Sans remboursement de votre part, la Caf retient une partie de vos prochaines prestations "
                        "jusqu'au remboursement complet.", class_name="hint")),
        rx.el.h3("Remboursements déjà faits"),
        rx.el.ul(rx.foreach(item.movements, movement), class_name="lines"),
        rx.el.form(
            rx.el.input(type="hidden", name="dette", value=item.id),
            rx.el.fieldset(
                rx.el.legend("Rembourser"),
                rx.el.div(rx.el.input(type="radio", id=f"totalite-{item.id}", name="choix", value="totalite",
                                      aria_describedby=f"choix-{item.id}-messages",
                                      on_change=lambda _v: S.choose_part("totalite")),
                          rx.el.label("La totalité (", item.balance, ")", html_for=f"totalite-{item.id}"),
                          class_name="field-radio"),
                rx.el.div(rx.el.input(type="radio", id=f"partie-{item.id}", name="choix", value="partie",
                                      aria_describedby=f"choix-{item.id}-messages",
                                      on_change=lambda _v: S.choose_part("partie")),
                          rx.el.label("Une partie", html_for=f"partie-{item.id}"), class_name="field-radio"),
                messages(f"choix-{item.id}", S.errors.get(f"choix-{item.id}", "")),
            ),
            rx.cond(S.part, text_field(id="montant", label="Montant à rembourser", hint="En euros, par exemple 100",
                                       error=S.errors.get("montant", ""), input_mode="decimal", max_length=12)),
            button("Rembourser", type="submit", variant="primary"),
            on_submit=S.start, class_name="form",
        ))


def dettes_page() -> rx.Component:
    return page(
        rx.el.h1("Mes dettes"),
        restricted_or(S.restricted_message, rx.cond(S.debts.length() > 0, rx.foreach(S.debts, debt),
                                                    rx.el.p("Vous n'avez pas de dette."))),
        active="menu", private=True,
    )


def card_form() -> rx.Component:
    return rx.el.form(
        rx.el.p("Montant à payer : ", rx.el.strong(S.to_pay)),
        text_field(id="carte", label="Numéro de carte", hint="13 à 19 chiffres", error=S.errors.get("carte", ""),
                   input_mode="numeric", autocomplete="cc-number", max_length=23),
        text_field(id="expiration", label="Date d'expiration", hint="MM/AA", error=S.errors.get("expiration", ""),
                   autocomplete="cc-exp", max_length=5),
        text_field(id="cryptogramme", label="Cryptogramme", hint="3 chiffres au dos de la carte",
                   error=S.errors.get("cryptogramme", ""), input_mode="numeric", autocomplete="cc-csc", max_length=3),
        rx.cond(S.errors.get("", "") != "", alert(S.errors.get("", ""))),
        rx.el.div(link_button("Annuler", href=routes.DETTES.path, variant="secondary"),
                  button("Payer", type="submit", variant="primary"), class_name="actions"),
        on_submit=S.pay, class_name="form",
    )


def paiement_simule() -> rx.Component:
    return page(
        rx.el.h1("Paiement de votre remboursement"),
        rx.el.p(rx.el.strong("Page de paiement simulée. "), "Aucun paiement réel n'est fait et aucune carte n'est "
                "débitée. Seuls les 4 derniers chiffres de la carte sont conservés.", class_name="simulated",
                role="note"),
        rx.cond(
            S.receipt,
            rx.el.div(
                rx.el.p("Paiement accepté : ", S.receipt.amount, " remboursés (carte se terminant par ",
                        S.receipt.card_last4, ", référence ", S.receipt.reference, ").", role="status"),
                rx.el.p("Il vous reste à rembourser : ", rx.el.strong(S.receipt.balance)),
                link_button("Retour à mes dettes", href=routes.DETTES.path, variant="primary"),
                class_name="success",
            ),
            card_form(),
        ),
        active="menu", private=True,
    )
