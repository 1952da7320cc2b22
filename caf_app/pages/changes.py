"""Déclarer un changement: a short guided form with a review step."""

from __future__ import annotations

import reflex as rx

from .. import routes
from ..components.layout import page
from ..components.ui.actions import button, link_button
from ..components.ui.field import messages, text_field
from ..components.ui.message import alert
from ..components.ui.steps import review, steps
from ..domain.changes import GROUPS, KINDS, LINKS, PRESCRIPTION_HELP
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


def name_fields(who: str, whose: str) -> rx.Component:
    """First names, name and (unless it is the date of the change) the birth date of who arrives."""
    return rx.fragment(
        text_field(id=f"prenoms_{who}", label=f"Prénom(s) {whose}", error=error(f"prenoms_{who}"),
                   default_value=S.form.get(f"prenoms_{who}", ""), max_length=60),
        text_field(id=f"nom_{who}", label=f"Nom {whose}", error=error(f"nom_{who}"),
                   default_value=S.form.get(f"nom_{who}", ""), max_length=60))


def birth_field(who: str, whose: str) -> rx.Component:
    return text_field(id=f"naissance_{who}", label=f"Date de naissance {whose}", hint="JJ/MM/AAAA",
                      error=error(f"naissance_{who}"), default_value=S.form.get(f"naissance_{who}", ""),
                      input_mode="numeric", max_length=10)


def select_field(id: str, label: str, options, *, dynamic: bool = True) -> rx.Component:
    """A choice among the foyer's members (dynamic) or a fixed list of (value, label)."""
    choices = (rx.foreach(options, lambda c: rx.el.option(c[1], value=c[0])) if dynamic
               else [rx.el.option(text, value=value) for value, text in options])
    return rx.el.div(
        rx.el.label(label, html_for=id, class_name="field-label"),
        rx.el.select(rx.el.option("Choisissez…", value=""), *([choices] if dynamic else choices), id=id, name=id,
                     class_name="input", aria_describedby=f"{id}-messages", default_value=S.form.get(id, "")),
        messages(id, error(id)), class_name="field")


def form_step() -> rx.Component:
    return rx.el.form(
        rx.el.h2(S.kind_label, id="etape", tab_index=-1),
        text_field(id="date_effet", label=S.date_label, hint="JJ/MM/AAAA", error=error("date_effet"),
                   default_value=S.form.get("date_effet", ""), input_mode="numeric", max_length=10),
        rx.cond(S.kind != "grossesse", rx.el.p(PRESCRIPTION_HELP, class_name="hint")),
        rx.cond(S.kind == "naissance", name_fields("enfant", "de l'enfant")),
        rx.cond(S.kind == "adoption", rx.fragment(name_fields("enfant", "de l'enfant"),
                                                  birth_field("enfant", "de l'enfant"))),
        rx.cond(S.kind == "arrivee_personne", rx.fragment(
            name_fields("personne", "de la personne"), birth_field("personne", "de la personne"),
            select_field("lien", "Lien de cette personne avec vous", list(LINKS.items()), dynamic=False))),
        rx.cond(S.kind == "depart_enfant", select_field("enfant", "Enfant qui quitte le foyer", S.children)),
        rx.cond(S.kind == "depart_personne", rx.cond(
            S.others.length() > 0, select_field("personne", "Personne qui quitte le foyer", S.others),
            rx.el.p("Aucune autre personne à charge n'est rattachée à votre dossier.", class_name="notice"))),
        rx.cond(error("") != "", alert(error(""))),
        rx.el.div(rx.cond(S.back != "", link_button("Retour à ma demande", href=S.back, variant="secondary"),
                          button("Retour", on_click=S.load, variant="secondary")),
                  button("Continuer", type="submit", variant="primary"), class_name="actions"),
        on_submit=S.check, class_name="form", key=S.visit,  # the recorded answers, once the loader has read them
    )


def review_step() -> rx.Component:
    return review(S, error(""))


def done_step() -> rx.Component:
    return rx.el.div(
        rx.el.h2("Votre changement est déclaré", id="etape", tab_index=-1),
        rx.el.p("Référence : ", S.reference, ". Il est en cours de traitement par votre Caf : vous le suivez dans "
                "Mes démarches.", role="status"),
        rx.cond(S.back != "",
                link_button("Revenir à ma demande", href=S.back, variant="primary"),
                link_button("Voir mon profil", href=routes.PROFIL.path, variant="primary")),
        class_name="success",
    )


def declarer_un_changement() -> rx.Component:
    return page(
        rx.el.h1("Déclarer un changement"),
        steps(S.step, ("formulaire", form_step()), ("verifier", review_step()), ("fait", done_step()),
              default=choice_step()),
        active="profil", private=True,
    )
