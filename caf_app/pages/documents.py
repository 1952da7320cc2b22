"""Mes attestations, and Mes courriers et courriels."""

from __future__ import annotations

import reflex as rx
from reflex_base.vars.base import Var

from ..components.layout import page, restricted_or
from ..components.ui.actions import button
from ..components.ui.field import messages
from ..components.ui.link import download_link
from ..components.ui.message import alert, status
from ..state.documents import AttestationsState as A, CourriersState as C

# The radio checked now, read in the page at the click: right even if it was checked before the page was live.
CHECKED = Var(_js_expr="(document.querySelector('input[name=attestation]:checked')?.value ?? 'dernier')",
              _var_type=str)


def month_select(id: str, label: str) -> rx.Component:
    return rx.el.div(
        rx.el.label(label, html_for=id, class_name="field-label"),
        rx.el.select(rx.foreach(A.months, lambda m: rx.el.option(m[1], value=m[0])), id=id, name=id,
                     class_name="input"),
        class_name="field",
    )


def date_field(id: str, label: str) -> rx.Component:
    error = A.errors.get(id, "")
    return rx.el.div(
        rx.el.label(label, html_for=id, class_name="field-label"),
        rx.el.input(type="date", id=id, name=id, class_name="input", aria_describedby=f"{id}-messages",
                    aria_invalid=rx.cond(error != "", "true", "false")),
        messages(id, error), class_name="field")


def attestation_form() -> rx.Component:
    kinds = [("dernier", "Attestation de paiement du dernier paiement"), ("mois", "Attestation de paiement d'un mois"),
             ("periode", "Attestation de paiement d'une période (24 mois au plus)"),
             ("qf", "Attestation de quotient familial")]
    return rx.el.form(
        rx.el.fieldset(rx.el.legend("Quelle attestation ?"), *[rx.el.div(
            rx.el.input(type="radio", id=f"attestation-{v}", name="attestation", value=v,
                        default_checked=v == "dernier"),
            rx.el.label(label, html_for=f"attestation-{v}"), class_name="field-radio") for v, label in kinds]),
        # Only the fields of the attestation chosen show (styles.css: #attestations:has(...:checked)), with no
        # round trip to the server; « Le dernier paiement » needs none.
        rx.el.div(month_select("mois", "Mois de l'attestation de paiement"), class_name="attestation-field for-mois"),
        rx.el.fieldset(rx.el.legend("Période de l'attestation de paiement"), date_field("du", "Du"),
                       date_field("au", "Au"), class_name="attestation-field for-periode"),
        rx.el.div(month_select("mois_qf", "Mois du quotient familial"), class_name="attestation-field for-qf"),
        rx.cond(A.errors.get("", "") != "", alert(A.errors.get("", ""))),
        rx.el.div(button("Télécharger", type="submit", variant="primary"),
                  button("Recevoir par courrier", variant="secondary",
                               on_click=A.by_post(CHECKED)),
                  class_name="actions"),
        rx.cond(A.confirmation != "", status(A.confirmation, kind="success")),
        paid_elsewhere(),
        on_submit=A.download, id="attestations", class_name="form",
    )


def paid_elsewhere() -> rx.Component:
    """Months of the period a former Caf paid: said, with the way to write to that Caf (Mes dossiers knows it)."""
    return rx.el.div(rx.foreach(A.elsewhere, lambda paid: rx.el.div(
        rx.el.p(paid.sentence),
        button("Écrire à la ", paid.caf_name, variant="secondary", on_click=A.write_to(paid.dossier_id)),
        rx.el.p("Vous passez sur votre ancien dossier (Mes dossiers) pour lui écrire. Vous revenez ensuite à "
                "votre dossier actuel par Mes dossiers.", class_name="hint"),
        class_name="notice")), aria_live="polite")


def attestations() -> rx.Component:
    return page(
        rx.el.h1("Mes attestations"),
        restricted_or(A.restricted_message, attestation_form()),
        active="menu", private=True,
    )


def courrier_item(item) -> rx.Component:
    opened = C.opened == item.id
    return rx.el.li(
        # The date in a column of its own (every subject starts at the same place), « Non lu » in words, and
        # only an unread letter's subject in bold.
        rx.el.button(
            rx.el.span(item.sent_on, class_name="courrier-date"),
            rx.el.span(rx.cond(item.unread, rx.el.span("Non lu", class_name="unread-tag")),
                       rx.cond(item.unread, rx.el.span(" : ", class_name="sr-only")),
                       rx.el.span(item.subject, class_name="courrier-subject"),
                       rx.el.span(item.kind, class_name="hint courrier-kind"), class_name="courrier-main"),
            type="button", on_click=C.open(item.id), aria_expanded=rx.cond(opened, "true", "false"),
            aria_controls=f"courrier-{item.id}", class_name=rx.cond(item.unread, "courrier-toggle unread",
                                                                     "courrier-toggle"),
        ),
        rx.el.div(rx.cond(item.about != "", rx.el.p(item.about, class_name="hint")),
                  rx.el.p(item.body, class_name="courrier-body"),
                  rx.cond(~item.sent, download_link("Télécharger ce courrier (PDF)",
                                                    href=f"/api/documents/courrier/{item.id}")),
                  id=f"courrier-{item.id}", hidden=~opened, class_name="payment-detail"),
        class_name="payment",
    )


def courriers_page() -> rx.Component:
    return page(
        rx.el.h1("Mes courriers et courriels"),
        restricted_or(C.restricted_message, rx.el.ul(rx.foreach(C.items, courrier_item), class_name="payments")),
        active="menu", private=True,
    )
