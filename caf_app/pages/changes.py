"""Déclarer un changement: a short guided form with a review step."""

from __future__ import annotations

import reflex as rx

from .. import routes
from ..components.layout import page
from ..components.ui.actions import button, link_button
from ..components.ui.field import messages, text_field
from ..components.ui.message import alert
from ..components.ui.steps import steps
from ..domain.changes import GROUPS, KINDS
from ..state.changes import ChangesState as S


def error(key: str):
    return S.errors.get(key, "")


def choice_step() -> rx.Component:
    groups = [rx.el.fieldset(
        rx.el.legend(title),
        *[rx.cond(S.allowed.contains(kind.key), rx.el.div(
            rx.el.input(type="radio", id=f"changement-{kind.key}", name="changement", value=kind.key),
            rx.el.label(kind.label, html_for=f"changement-{kind.key}"), class_name="field-radio"))
          for kind in KINDS.values() if kind.group == group],
    ) for group, title in GROUPS.items()]
    return rx.el.form(
        rx.el.h2("Quel changement voulez-vous déclarer ?", id="etape", tab_index=-1),
        rx.cond(S.allowed.length() == 1, rx.el.p(
            "Sans autorisation de gestion du dossier, vous pouvez déclarer une séparation, changer vos "
            "coordonnées et votre mot de passe.", class_name="notice")),
        *groups, messages("changement", error("changement")),
        rx.el.div(link_button("Annuler", href=routes.PROFIL.path, variant="secondary"),
                  button("Continuer", type="submit", variant="primary"), class_name="actions"),
        on_submit=S.choose, class_name="form",
    )


def form_step() -> rx.Component:
    return rx.el.form(
        rx.el.h2(S.kind_label, id="etape", tab_index=-1),
        text_field(id="date_effet", label=S.date_label, hint="JJ/MM/AAAA", error=error("date_effet"),
                   default_value=S.form.get("date_effet", ""), input_mode="numeric", max_length=10),
        rx.cond(S.kind == "naissance", rx.fragment(
            text_field(id="prenoms_enfant", label="Prénom(s) de l'enfant", error=error("prenoms_enfant"),
                       default_value=S.form.get("prenoms_enfant", ""), max_length=60),
            text_field(id="nom_enfant", label="Nom de l'enfant", error=error("nom_enfant"),
                       default_value=S.form.get("nom_enfant", ""), max_length=60))),
        rx.cond(S.kind == "depart_enfant", rx.el.div(
            rx.el.label("Enfant qui quitte le foyer", html_for="enfant", class_name="field-label"),
            rx.el.select(rx.el.option("Choisissez…", value=""),
                         rx.foreach(S.children, lambda c: rx.el.option(c[1], value=c[0])), id="enfant",
                         name="enfant", class_name="input", aria_describedby="enfant-messages"),
            messages("enfant", error("enfant")), class_name="field")),
        rx.cond(error("") != "", alert(error(""))),
        rx.el.div(button("Retour", on_click=S.load, variant="secondary"),
                  button("Continuer", type="submit", variant="primary"), class_name="actions"),
        on_submit=S.check, class_name="form", key=S.visit,  # the recorded answers, once the loader has read them
    )


def review_step() -> rx.Component:
    return rx.el.div(
        rx.el.h2("Vérifier", id="etape", tab_index=-1),
        rx.el.dl(rx.foreach(S.summary, lambda line: rx.el.div(rx.el.dt(line[0]), rx.el.dd(line[1]),
                                                              class_name="dl-row"))),
        rx.cond(error("") != "", alert(error(""))),
        rx.el.div(button("Modifier", on_click=S.modify, variant="secondary"),
                  button("Confirmer la déclaration", on_click=S.confirm, variant="primary"), class_name="actions"),
    )


def done_step() -> rx.Component:
    return rx.el.div(
        rx.el.h2("Votre changement est déclaré", id="etape", tab_index=-1),
        rx.el.p("Référence : ", S.reference, ". Il est en cours de traitement par votre Caf : vous le suivez dans "
                "Mes démarches.", role="status"),
        link_button("Voir mon profil", href=routes.PROFIL.path, variant="primary"),
        class_name="success",
    )


def declarer_un_changement() -> rx.Component:
    return page(
        rx.el.h1("Déclarer un changement"),
        steps(S.step, ("formulaire", form_step()), ("verifier", review_step()), ("fait", done_step()),
              default=choice_step()),
        active="profil", private=True,
    )
