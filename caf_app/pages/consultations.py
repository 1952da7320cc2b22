"""« Qui a consulté mon dossier » : each consultation of the dossier by a partner of the Caf (a social worker, a
bailleur, an association), with its date and the reason the partner gave."""

from __future__ import annotations

import reflex as rx

from ..components.layout import page
from ..components.ui.message import card
from ..state.consultations import ConsultationsState as S


def _line(line) -> rx.Component:
    return card(rx.el.p(rx.el.strong(line.organisation)), rx.el.p(line.at, class_name="hint"),
                rx.el.p("Motif : ", line.purpose), tag="li")


def consultations() -> rx.Component:
    return page(
        rx.el.h1("Qui a consulté mon dossier"),
        rx.el.p("Les partenaires de la Caf (services sociaux, bailleurs, associations) habilités par votre Caf "
                "peuvent consulter une partie de votre dossier : votre foyer, vos droits et vos paiements des trois "
                "derniers mois. Chaque consultation est enregistrée avec son motif."),
        rx.cond(S.lines.length() > 0, rx.el.ul(rx.foreach(S.lines, _line), class_name="list-plain"),
                rx.el.p("Aucun partenaire n'a consulté votre dossier.")),
        rx.el.p("Une consultation vous paraît injustifiée ? Écrivez à votre Caf depuis « Contacter ma Caf ».",
                class_name="hint"),
        active="menu", private=True,
    )
