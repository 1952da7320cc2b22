"""Nous contacter, for everyone (the seed's « Par téléphone : La plateforme téléphonique 3230 » and « Par mail via
le caf.fr »): the mail form of a person with no dossier, whose message reaches the Caf of the postal code typed and
whose answer comes back by mail, and the other numbers with their hours."""

from __future__ import annotations

import reflex as rx

from .. import routes
from ..components.layout import page
from ..components.ui.actions import button
from ..components.ui.error_summary import error_summary
from ..components.ui.field import messages, text_field
from ..components.ui.message import alert, card, status
from ..domain.contact_public import MAX_TEXT, NUMBERS
from ..state.contact_public import DRAFT_KEY, ContactPublicState as S


def _numbers() -> rx.Component:
    return card(
        rx.el.h2("Par téléphone"),
        rx.el.ul(*[rx.el.li(rx.el.strong(number), " — ", what, " ", when) for number, what, when in NUMBERS],
                 class_name="contact-numbers"),
    )


def _field(id: str, label: str, **props) -> rx.Component:
    return text_field(id=id, label=label, error=S.errors.get(id, ""), **props)


def _form() -> rx.Component:
    return rx.el.form(
        error_summary(S.errors),
        rx.cond(S.errors.get("", "") != "", alert(S.errors.get("", ""))),
        _field("nom", "Nom", auto_complete="family-name", max_length=100),
        _field("prenom", "Prénom", auto_complete="given-name", max_length=100),
        _field("courriel", "Adresse électronique", hint="Par exemple nom@exemple.fr : la réponse y sera envoyée",
               type="email", auto_complete="email", max_length=254),
        _field("courriel_confirmation", "Confirmez l'adresse électronique", type="email", auto_complete="off",
               max_length=254),
        _field("telephone", "Téléphone (facultatif)", hint="10 chiffres, par exemple 01 23 45 67 89", type="tel",
               auto_complete="tel", max_length=20),
        _field("adresse", "Adresse", hint="Numéro et nom de la voie", auto_complete="street-address",
               max_length=200),
        _field("code_postal", "Code postal", hint="Votre message est envoyé à la Caf de votre département",
               input_mode="numeric", auto_complete="postal-code", max_length=5),
        rx.el.div(
            rx.el.label("Votre message", html_for="message", class_name="field-label"),
            rx.el.p(f"{MAX_TEXT:,} caractères au plus".replace(",", " "), id="message-hint", class_name="hint"),
            rx.el.textarea(id="message", name="message", rows=8, max_length=MAX_TEXT, class_name="input",
                           aria_describedby="message-hint message-messages",
                           aria_invalid=rx.cond(S.errors.get("message", "") != "", "true", "false")),
            messages("message", S.errors.get("message", "")),
            class_name=rx.cond(S.errors.get("message", "") != "", "field field--error", "field")),
        button(rx.cond(S.sending, "Envoi en cours…", "Envoyer mon message"), type="submit", variant="primary",
               disabled=S.sending),
        on_submit=S.submit, id="nous-contacter", class_name="form",
        custom_attrs={"data-keep": DRAFT_KEY, "data-keep-max": "4000"},  # assets/forms.js: the whole message
        no_validate=True,
    )


def _sent() -> rx.Component:
    return rx.el.div(
        rx.cond(S.sent_to != "", rx.fragment(
            status(rx.el.span("Votre message a bien été envoyé à la ", S.sent_to, " le ", S.sent_on,
                              ". Nous vous répondrons par courriel dans les meilleurs délais."), kind="success"),
            button("Écrire un autre message", variant="secondary", on_click=S.again))),
        role="status", id="nous-contacter-envoye")


def nous_contacter() -> rx.Component:
    return page(
        rx.el.h1("Nous contacter"),
        rx.el.p("Vous êtes allocataire ? Écrivez à votre Caf depuis votre espace ",
                rx.el.a("Mon Compte, rubrique « Contacter ma Caf »", href=routes.CONTACTER_MA_CAF.path),
                " : votre message rejoint votre dossier."),
        _numbers(),
        card(
            rx.el.h2("Par mail"),
            rx.el.p("Envoyez un mail à nos conseillers. Nous vous répondrons dans les meilleurs délais, à l'adresse "
                    "électronique que vous indiquez."),
            _sent(),
            rx.cond(S.sent_to == "", _form()),
        ),
    )
