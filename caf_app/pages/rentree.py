"""Confirmation scolarité ou apprentissage pour l'allocation de rentrée scolaire (Ars) 16-18 ans: which child,
which document; the document is then added, checked and sent in Transmettre un document (accusé de réception,
démarche in Mes démarches)."""

from __future__ import annotations

import reflex as rx

from .. import routes
from ..components.layout import page, restricted_or
from ..components.ui.actions import button, link_button
from ..components.ui.choice import form_radios
from ..domain.rentree import ARS_DOCUMENTS, ARS_HELP, ARS_TITLE
from ..state.rentree import RentreeState as S


def choice() -> rx.Component:
    return rx.el.form(
        form_radios(name="enfant", legend="Pour quel enfant ?", error=S.errors.get("enfant", ""),
                    options=S.child_options),
        form_radios(name="document", legend="Quel document envoyez-vous ?", options=list(ARS_DOCUMENTS.items()),
                    error=S.errors.get("document", "")),
        rx.el.div(link_button("Annuler", href=routes.DEMARCHES.path, variant="secondary"),
                  button("Continuer", type="submit", variant="primary"), class_name="actions"),
        on_submit=S.go, class_name="form",
    )


def rentree_scolaire() -> rx.Component:
    return page(
        rx.el.h1(ARS_TITLE),
        rx.el.p(ARS_HELP, class_name="hint"),
        restricted_or(S.restricted_message, rx.cond(
            S.page,
            rx.cond(S.page.children.length() > 0, choice(), rx.el.p(
                "Aucun enfant de votre dossier n'a entre 16 et 18 ans pour la rentrée ", S.page.year,
                " : vous n'avez pas de document à envoyer.", role="status")),
            rx.el.p("Chargement…", role="status", class_name="loading"))),
        active="demarches", private=True,
    )
