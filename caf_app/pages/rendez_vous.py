"""Prendre rendez-vous and Mon rendez-vous (issue 22, point 4): choose your Caf, a reason and a way, then a free
slot; a person with no account gives a name, a mail and a phone. The mail carries the .ics and the link to move or
cancel it (/mon-rendez-vous)."""

from __future__ import annotations

import reflex as rx

from .. import routes
from ..components.layout import page
from ..components.ui.actions import button, link_button
from ..components.ui.field import messages, select_field, text_field
from ..components.ui.message import alert, card, status
from ..components.ui.steps import steps
from ..domain.rendez_vous import MODES, REASONS
from ..state.rendez_vous import MonRendezVousState as M, RendezVousState as S


def _radios(name: str, legend: str, options: dict[str, str], error) -> rx.Component:
    return rx.el.fieldset(
        rx.el.legend(legend),
        *[rx.el.div(rx.el.input(type="radio", id=f"{name}-{key}", name=name, value=key,
                                aria_describedby=f"{name}-messages"),
                    rx.el.label(label, html_for=f"{name}-{key}"), class_name="field-radio")
          for key, label in options.items()],
        messages(name, error),
    )


def _slot_radios(slots, error, name: str = "creneau") -> rx.Component:
    return rx.el.fieldset(
        rx.el.legend("Choisissez un créneau"),
        rx.cond(slots.length() > 0, rx.foreach(slots, lambda slot: rx.el.div(
            rx.el.input(type="radio", id="creneau-" + slot.id, name=name, value=slot.id,
                        aria_describedby=f"{name}-messages"),
            rx.el.label(slot.label, rx.cond(slot.place != "", rx.el.span(" · ", slot.place, class_name="hint")),
                        html_for="creneau-" + slot.id), class_name="field-radio")),
            rx.el.p("Aucun créneau libre dans les trois semaines qui viennent pour ce choix. Essayez une autre façon "
                    "d'être reçu(e), ou appelez le 3230.", class_name="notice")),
        messages(name, error),
    )


def _choice() -> rx.Component:
    error = S.errors
    return rx.el.form(
        rx.el.h2("Votre rendez-vous", id="etape", tab_index=-1),
        # The form is there from the first paint (its list fills when the page has loaded): nothing moves under the
        # reader's finger. The notice only when the Caf's list has come back empty.
        rx.cond(S.loaded & (S.cafs.length() == 0),
            rx.el.p("Aucune Caf ne propose de créneau en ligne pour le moment. Appelez le 3230 (service gratuit + prix "
                    "d'un appel) pour prendre rendez-vous.", class_name="notice"),
            rx.fragment(
                select_field(id="caf", label="Votre Caf", items=S.cafs,
                             option=lambda caf: rx.el.option(caf[1], value=caf[0]), value=S.caf_id,
                             error=error.get("caf", ""), placeholder="Choisissez votre Caf"),
                _radios("motif", "Pour quel motif ?", REASONS, error.get("motif", "")),
                _radios("mode", "Comment voulez-vous être reçu(e) ?", MODES, error.get("mode", "")),
                rx.el.div(button("Voir les créneaux libres", type="submit", variant="primary"),
                          class_name="actions"))),
        on_submit=S.choose, class_name="form", no_validate=True,
    )


def _slot_step() -> rx.Component:
    error = S.errors
    return rx.el.form(
        rx.el.h2("Choisissez votre créneau", id="etape", tab_index=-1),
        _slot_radios(S.slots, error.get("creneau", "")),
        rx.cond(~S.allocataire, rx.el.fieldset(
            rx.el.legend("Comment la Caf peut vous joindre"),
            text_field(id="nom", label="Nom", error=error.get("nom", ""), auto_complete="family-name"),
            text_field(id="prenom", label="Prénom", error=error.get("prenom", ""), auto_complete="given-name"),
            text_field(id="courriel", label="Adresse électronique", error=error.get("courriel", ""), type="email",
                       auto_complete="email", hint="La confirmation et le rappel y sont envoyés."),
            text_field(id="telephone", label="Téléphone", error=error.get("telephone", ""), type="tel",
                       auto_complete="tel", input_mode="tel"))),
        rx.el.div(button("Confirmer le rendez-vous", type="submit", variant="primary"),
                  button("Retour", on_click=S.back, variant="secondary"), class_name="actions"),
        on_submit=S.confirm, class_name="form", no_validate=True,  # our messages, next to each field
    )


def _details(booked) -> rx.Component:
    def row(term, value):
        return rx.el.div(rx.el.dt(term), rx.el.dd(value), class_name="dl-row")
    return rx.el.dl(row("Date", booked.when), row("Comment", booked.mode), row("Lieu", booked.place),
                    row("Motif", booked.reason), row("Référence", booked.reference), class_name="review-lines")


def _done() -> rx.Component:
    return rx.el.div(
        rx.el.h2("Votre rendez-vous est confirmé", id="etape", tab_index=-1),
        rx.cond(S.booked, _details(S.booked)),
        status("Un courriel de confirmation vous est envoyé, avec le fichier à ajouter à votre agenda et un lien "
               "pour déplacer ou annuler ce rendez-vous.", kind="success"),
        rx.el.div(link_button("Déplacer ou annuler", href=S.manage, variant="secondary", follow="document"),
                  class_name="actions"),
        class_name="success",
    )


def prendre_rendez_vous() -> rx.Component:
    return page(
        rx.el.h1("Prendre rendez-vous"),
        rx.el.p("À l'accueil de votre Caf, par téléphone ou en visio, au moment qui vous convient."),
        steps(S.step, ("creneau", _slot_step()), ("fait", _done()), default=_choice()),
    )


def mon_rendez_vous() -> rx.Component:
    booked = M.booked
    return page(
        rx.el.h1("Mon rendez-vous"),
        # One box of a fixed least height for what loads (the rendez-vous, or why there is none): the link under
        # it never moves while the page fills (CLS).
        rx.el.div(
            rx.cond(M.error != "", alert(M.error)),
            rx.cond(M.done != "", status(M.done, kind="success")),
            rx.cond(~booked & (M.error == ""), rx.el.p("Chargement…", role="status", class_name="loading")),
            rx.cond(booked, card(
                rx.el.h2(rx.cond(booked.cancelled, "Rendez-vous annulé", "Votre rendez-vous")),
                _details(booked),
                rx.cond(~booked.cancelled, rx.cond(
                    M.moving,
                    rx.el.form(_slot_radios(M.slots, ""),
                               rx.el.div(button("Déplacer à ce créneau", type="submit", variant="primary"),
                                         class_name="actions"), on_submit=M.move, class_name="form"),
                    rx.el.div(button("Changer de créneau", on_click=M.start_moving, variant="primary"),
                              button("Annuler le rendez-vous", on_click=M.cancel, variant="secondary"),
                              class_name="actions"))))),
            class_name="rendez-vous-box"),
        rx.el.p(rx.el.a("Prendre un autre rendez-vous", href=routes.PRENDRE_RENDEZ_VOUS.path)),
    )
