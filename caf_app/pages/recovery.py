"""MOT DE PASSE OUBLIÉ: the seed's four screens."""

from __future__ import annotations

import reflex as rx

from .. import routes
from ..components.layout import page
from ..components.ui.actions import button, link_button
from ..components.ui.captcha import security_check
from ..components.ui.field import text_field
from ..components.ui.message import alert
from ..components.ui.password import new_password_fields
from ..components.ui.steps import steps
from ..content import recovery as WORDS
from ..domain.identifiers import NIR_FORMAT
from ..state.recovery import RecoveryState as S

REQUIRED = "Tous les champs sont obligatoires, sauf mention contraire."


def error(field: str):
    return S.errors.get(field, "")


def form_error() -> rx.Component:
    return rx.cond(error("") != "", alert(error("")))


def buttons(label: str) -> rx.Component:
    return rx.el.div(link_button("Abandonner", href=routes.CONNEXION.path, variant="secondary"),
                     button(label, type="submit", variant="primary"), class_name="actions")


def step_heading(number: int, title: str) -> rx.Component:
    return rx.fragment(rx.el.p(f"Étape {number} sur 4", class_name="steps"),
                       rx.el.h2(title, id="etape", tab_index=-1))


def identity_step() -> rx.Component:
    return rx.el.form(
        step_heading(1, "Votre identité"),
        rx.el.p(REQUIRED, class_name="hint"),
        form_error(),
        text_field(id="identifiant", label="Numéro de Sécurité sociale", hint=NIR_FORMAT,
                   error=error("identifiant"), autocomplete="username", max_length=20),
        text_field(id="nom_naissance", label="Nom de naissance", error=error("nom_naissance"),
                   autocomplete="family-name", max_length=60),
        security_check(state=S, error=error("verification")),
        buttons("Continuer"),
        on_submit=S.submit_identity, class_name="form", aria_labelledby="etape",
    )


def channel_option(channel) -> rx.Component:
    return rx.el.div(rx.el.input(type="radio", id=f"canal-{channel.key}", name="canal", value=channel.key,
                                 aria_describedby="canal-aide"),
                     rx.el.label(channel.label, html_for=f"canal-{channel.key}"), class_name="field-radio")


def channel_step() -> rx.Component:
    return rx.el.form(
        step_heading(2, "Recevoir un code de vérification"),
        rx.el.p(REQUIRED, class_name="hint"),
        form_error(),
        rx.el.fieldset(
            rx.el.legend(WORDS.CHANNEL_LEGEND),
            rx.el.p(WORDS.GENERIC, id="canal-aide", class_name="hint"),
            rx.foreach(S.channels, channel_option),
            rx.cond(error("canal") != "", alert(error("canal"))),
        ),
        buttons("Envoyer"),
        on_submit=S.send_code, class_name="form", aria_labelledby="etape",
    )


def code_step() -> rx.Component:
    return rx.el.form(
        step_heading(3, "Saisir le code de vérification"),
        rx.el.p(WORDS.CODE_SENT, S.chosen_label, WORDS.CODE_SENT_END),
        text_field(id="code", label="Code de vérification", hint="6 chiffres", error=error("code"),
                   autocomplete="one-time-code", input_mode="numeric", max_length=6),
        rx.el.p("Vous n'avez rien reçu ?"),
        rx.el.ul(rx.el.li("Attendez quelques secondes."), rx.el.li("Vérifiez vos messages indésirables."),
                 rx.el.li(WORDS.NOTHING_RECEIVED)),
        rx.el.button("Renvoyer un code", type="button", on_click=S.resend, class_name="link-button"),
        rx.el.button("Choisir un autre moyen", type="button", on_click=S.choose_again, class_name="link-button"),
        rx.el.p(rx.el.strong("À noter : "), "ce code de vérification est à usage unique. Une fois saisi sur cet "
                "écran, vous ne pourrez plus l'utiliser. Saisissez immédiatement votre nouveau mot de passe à "
                "l'étape suivante pour finaliser votre démarche.", class_name="notice"),
        buttons("Continuer"),
        on_submit=S.submit_code, class_name="form", aria_labelledby="etape",
    )


def password_step() -> rx.Component:
    return rx.el.form(
        step_heading(4, "Choisir un nouveau mot de passe"),
        form_error(),
        new_password_fields(rules=S.rules, on_change=S.password_typed, show=S.show_password,
                            on_toggle_show=S.toggle_show, password_error=error("mot_de_passe"),
                            confirmation_error=error("confirmation")),
        buttons("Valider"),
        on_submit=S.submit_password, class_name="form", aria_labelledby="etape",
    )


def done_step() -> rx.Component:
    return rx.el.div(
        rx.el.h2("Nouveau mot de passe enregistré", id="etape", tab_index=-1),
        rx.el.p("Vous pouvez maintenant vous connecter avec votre nouveau mot de passe.", role="status"),
        link_button("Se connecter", href=routes.CONNEXION.path, variant="primary"),
        class_name="success",
    )


def mot_de_passe_oublie() -> rx.Component:
    return page(
        rx.el.h1("Mot de passe oublié"),
        steps(S.step, ("canal", channel_step()), ("code", code_step()), ("mot_de_passe", password_step()),
              ("termine", done_step()), default=identity_step()),
        active="accueil",
    )
