"""Vérifier une attestation: a public form, the reference printed on the attestation in, what it certifies out."""

from __future__ import annotations

import reflex as rx

from ..components.layout import page
from ..components.ui.actions import button
from ..components.ui.field import text_field
from ..state.verification import VerificationState as S

INTRO = ("Chaque attestation de paiement ou de quotient familial porte une référence, imprimée sous sa date. "
         "Saisissez-la pour vérifier que l'attestation a bien été faite par ce service et ce qu'elle atteste.")


def row(term, value) -> rx.Component:
    return rx.el.div(rx.el.dt(term), rx.el.dd(value), class_name="dl-row")


def result() -> rx.Component:
    """Always in the page, so that what appears in it is announced (role=status)."""
    found = S.result
    return rx.el.div(
        rx.cond(found, rx.el.div(
            rx.el.p(rx.el.strong("Attestation authentique")),
            rx.el.dl(row("Attestation", found.kind), row("Période", found.period), row("Faite le", found.made_on),
                     row("Allocataire", found.allocataire),
                     rx.cond(found.amount != "", row(found.amount_label, found.amount))),
            class_name="success",
        )),
        role="status", id="verification-resultat",
    )


def verifier_une_attestation() -> rx.Component:
    return page(
        rx.el.h1("Vérifier une attestation"),
        rx.el.p(INTRO),
        rx.el.form(
            text_field(id="reference", label="Référence de l'attestation",
                       hint="Par exemple ATT-1302002-7K3M-Q9XZ-B2WD-4PTR", error=S.error, autocomplete="off",
                       max_length=80),
            button("Vérifier", type="submit", variant="primary"),
            on_submit=S.submit, id="verification", class_name="form",
        ),
        result(),
    )
