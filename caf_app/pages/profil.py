"""Mon profil: état civil and coordonnées (read only until the profile issue adds the pencils)."""

from __future__ import annotations

import reflex as rx

from ..components.layout import page
from ..state.profil import ProfilState as S


def item(term: str, value) -> rx.Component:
    return rx.el.div(rx.el.dt(term), rx.el.dd(value), class_name="dl-row")


def profil() -> rx.Component:
    view = S.view
    return page(
        rx.el.h1("Mon profil"),
        rx.cond(
            view,
            rx.fragment(
                rx.el.section(
                    rx.el.h2("État civil"),
                    rx.el.dl(item("Nom et prénom", view.name), item("Civilité", view.civilite),
                             item("Naissance", view.birth), item("Identifiant", view.identifier),
                             item("Numéro allocataire", view.numero_allocataire)),
                    class_name="card",
                ),
                rx.el.section(
                    rx.el.h2("Coordonnées de contact"),
                    rx.el.dl(item("Adresse postale", view.address), item("Courriel", view.email),
                             item("Téléphone", view.mobile)),
                    class_name="card",
                ),
            ),
            rx.el.p("Chargement de votre profil…", role="status", class_name="loading"),
        ),
        active="profil", private=True,
    )
