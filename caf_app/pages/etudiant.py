"""The student démarches: « Étudiant : conservation du logement » (maintien dans les lieux pendant l'été) and
« Étudiant : confirmation du statut de boursier », each with its review and its accusé de réception."""

from __future__ import annotations

import reflex as rx

from .. import routes
from ..components.layout import page, restricted_or
from ..components.ui.actions import button, link_button
from ..components.ui.choice import form_radios
from ..components.ui.field import text_field
from ..components.ui.link import app_link, download_link
from ..components.ui.message import alert
from ..components.ui.steps import review, steps
from ..domain.rentree import STUDENT_DEMARCHES, STUDENT_HELP
from ..services.paperwork.etudiant import NOT_A_STUDENT
from ..state.etudiant import EtudiantState as S


def error(key: str):
    return S.errors.get(key, "")


def choice_step() -> rx.Component:
    return rx.el.form(
        rx.el.h2("Quelle démarche voulez-vous faire ?", id="etape", tab_index=-1),
        form_radios(name="demarche", legend="Démarche", error=error("demarche"),
                    options=[(d.key, d.title) for d in STUDENT_DEMARCHES.values()]),
        rx.el.div(link_button("Annuler", href=routes.DEMARCHES.path, variant="secondary"),
                  button("Continuer", type="submit", variant="primary"), class_name="actions"),
        on_submit=S.choose, class_name="form",
    )


def housing_questions() -> rx.Component:
    return rx.fragment(
        form_radios(name="reponse", legend=rx.fragment("Pendant l'été ", S.summer, " (juillet et août) :"),
                    error=error("reponse"), checked=S.form.get("reponse", ""),
                    options=[("garde", "Je garde mon logement"), ("quitte", "Je quitte mon logement")]),
        text_field(id="date_depart", label="Date de départ du logement (si vous le quittez)", hint="JJ/MM/AAAA",
                   error=error("date_depart"), default_value=S.form.get("date_depart", ""), input_mode="numeric",
                   max_length=10))


def bourse_questions() -> rx.Component:
    return form_radios(name="reponse", legend=rx.fragment("Êtes-vous boursier(e) de l'enseignement supérieur pour "
                                                          "l'année universitaire ", S.year, " ?"),
                       error=error("reponse"), checked=S.form.get("reponse", ""),
                       options=[("oui", "Oui"), ("non", "Non")])


def form_step() -> rx.Component:
    return rx.el.form(
        rx.el.h2(S.label, id="etape", tab_index=-1),
        rx.cond(S.demarche == "logement", housing_questions(), bourse_questions()),
        rx.cond(error("") != "", alert(error(""))),
        rx.el.div(button("Retour", on_click=S.back, variant="secondary"),
                  button("Continuer", type="submit", variant="primary"), class_name="actions"),
        on_submit=S.check, class_name="form", key=S.visit,
    )


def review_step() -> rx.Component:
    return review(S, error(""))


def receipt_step() -> rx.Component:
    receipt = S.receipt
    return rx.el.section(
        rx.el.h2("Accusé de réception", id="etape", tab_index=-1),
        rx.el.div(
            rx.el.p("Votre déclaration a bien été transmise le ", receipt.date, " à ", receipt.time, ".",
                    role="status"),
            rx.el.p("Référence : ", rx.el.strong(receipt.reference)),
            download_link("Télécharger l'accusé de réception (PDF)",
                          href=f"/api/documents/accuse/{receipt.demarche_id}"),
            class_name="success"),
        link_button("Retour à mes démarches", href=routes.DEMARCHES.path, variant="primary"),
    )


def not_a_student() -> rx.Component:
    return rx.el.div(rx.el.p(NOT_A_STUDENT, role="status"),
                     app_link("Déclarer un changement", href=routes.DECLARER_UN_CHANGEMENT.path))


def demarches_etudiant() -> rx.Component:
    return page(
        rx.el.h1("Mes démarches étudiant"),
        rx.el.p(STUDENT_HELP, class_name="hint"),
        restricted_or(S.restricted_message, rx.cond(
            S.eligible,
            steps(S.step, ("formulaire", form_step()), ("verifier", review_step()), ("accuse", receipt_step()),
                  default=choice_step()),
            rx.cond(S.loaded, not_a_student(), rx.el.p("Chargement…", role="status", class_name="loading")))),
        active="demarches", private=True,
    )
