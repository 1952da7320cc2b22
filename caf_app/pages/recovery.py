"""MOT DE PASSE OUBLIÉ (the seed's four screens) and IDENTIFIANT PROVISOIRE OUBLIÉ (the same steps, the identity
being the état civil, and the identifier shown once the code is given)."""

from __future__ import annotations

import reflex as rx

from .. import routes
from ..components.layout import page
from ..components.ui.actions import button, link_button
from ..components.ui.captcha import security_check
from ..components.ui.error_summary import error_summary
from ..components.ui.field import text_field
from ..components.ui.link import app_link
from ..components.ui.message import alert, status
from ..components.ui.password import new_password_fields
from ..components.ui.steps import steps
from ..content import recovery as WORDS
from ..domain.identifiers import NIR_FORMAT, PROVISIONAL_FORMAT
from ..services.identity.recovery import LETTER_FIELD
from ..state.recovery import RecoveryState as S

REQUIRED = "Tous les champs sont obligatoires, sauf mention contraire."


def error(field: str):
    return S.errors.get(field, "")


def form_error() -> rx.Component:
    return rx.fragment(error_summary(S.errors), rx.cond(error("") != "", alert(error(""))))


def buttons(label: str) -> rx.Component:
    return rx.el.div(link_button("Abandonner", href=routes.CONNEXION.path, variant="secondary"),
                     button(label, type="submit", variant="primary"), class_name="actions")


def step_heading(number: int, title: str) -> rx.Component:
    return rx.fragment(rx.el.p(f"Étape {number} sur 4", class_name="steps"),
                       rx.el.h2(title, id="etape", tab_index=-1))


def toggle(label: str) -> rx.Component:
    return rx.el.button(label, type="button", on_click=S.toggle_provisional, class_name="link-button")


def identifier_field() -> rx.Component:
    """The NIR, or the provisional identifier (« J'ai un identifiant provisoire », as on Connexion)."""
    return rx.cond(
        S.mode == "provisoire",
        rx.el.div(
            text_field(id="identifiant", label="Identifiant provisoire", hint=PROVISIONAL_FORMAT,
                       error=error("identifiant"), autocomplete="username", max_length=20, key="provisoire"),
            toggle("Retour"),
            rx.el.p(app_link(WORDS.FORGOT_IDENTIFIER, href=routes.IDENTIFIANT_PROVISOIRE_OUBLIE.path)),
        ),
        rx.el.div(
            text_field(id="identifiant", label="Numéro de Sécurité sociale", hint=NIR_FORMAT,
                       error=error("identifiant"), autocomplete="username", max_length=20, key="nir"),
            toggle(WORDS.PROVISIONAL_TOGGLE),
        ),
    )


def name_field() -> rx.Component:
    return text_field(id="nom_naissance", label="Nom de naissance", error=error("nom_naissance"),
                      autocomplete="family-name", max_length=60)


def identity_step() -> rx.Component:
    return rx.el.form(
        step_heading(1, "Votre identité"),
        rx.el.p(REQUIRED, class_name="hint"),
        form_error(),
        identifier_field(),
        name_field(),
        security_check(state=S, error=error("verification")),
        buttons("Continuer"),
        on_submit=S.submit_identity, class_name="form", aria_labelledby="etape",
    )


def etat_civil_step() -> rx.Component:
    """Identifiant provisoire oublié: the état civil given when the account was created."""
    return rx.el.form(
        step_heading(1, "Votre état civil"),
        rx.el.p(WORDS.IDENTIFIER_INTRO),
        rx.el.p(REQUIRED, class_name="hint"),
        form_error(),
        name_field(),
        text_field(id="prenoms", label="Prénom(s)", error=error("prenoms"), autocomplete="given-name",
                   max_length=60),
        text_field(id="date_naissance", label="Date de naissance", hint="Format de saisie JJ/MM/AAAA",
                   error=error("date_naissance"), autocomplete="bday", input_mode="numeric", max_length=10),
        security_check(state=S, error=error("verification")),
        buttons("Continuer"),
        on_submit=S.submit_identity, class_name="form", aria_labelledby="etape",
    )


def contacts_changed() -> rx.Component:
    """The seed: what to do when the contact details on file are wrong or changed, and whom to call."""
    return rx.el.details(rx.el.summary(WORDS.CONTACTS_CHANGED),
                         rx.el.ul(*[rx.el.li(line) for line in WORDS.CONTACTS_CHANGED_LINES]),
                         class_name="help-block")


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
        contacts_changed(),
        rx.el.button(WORDS.LETTER_RECEIVED, type="button", on_click=S.letter_received, class_name="link-button"),
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
        contacts_changed(),
        rx.cond(S.mode != "identite", rx.el.p(
            rx.el.strong("À noter : "), "ce code de vérification est à usage unique. Une fois saisi sur cet "
            "écran, vous ne pourrez plus l'utiliser. Saisissez immédiatement votre nouveau mot de passe à "
            "l'étape suivante pour finaliser votre démarche.", class_name="notice")),
        buttons("Continuer"),
        on_submit=S.submit_code, class_name="form", aria_labelledby="etape",
    )


def letter_sent_step() -> rx.Component:
    return rx.el.div(
        rx.el.h2(WORDS.LETTER_SENT_TITLE, id="etape", tab_index=-1),
        status(WORDS.LETTER_SENT),
        rx.el.p(WORDS.LETTER_COME_BACK),
        contacts_changed(),
        link_button("Retour à la connexion", href=routes.CONNEXION.path, variant="primary"),
    )


def letter_code_step() -> rx.Component:
    return rx.el.form(
        step_heading(3, WORDS.LETTER_CODE_TITLE),
        text_field(id=LETTER_FIELD, label=WORDS.LETTER_CODE_LABEL, hint=WORDS.LETTER_CODE_HINT,
                   error=error(LETTER_FIELD), autocomplete="one-time-code", max_length=12),
        rx.el.button("Choisir un autre moyen", type="button", on_click=S.choose_again, class_name="link-button"),
        buttons("Continuer"),
        on_submit=S.submit_letter_code, class_name="form", aria_labelledby="etape",
    )


def identifier_found_step() -> rx.Component:
    return rx.el.div(
        rx.el.h2(WORDS.IDENTIFIER_FOUND_TITLE, id="etape", tab_index=-1),
        status(rx.cond(S.found_accepted, "Mon identifiant provisoire : ", "Mon ancien identifiant provisoire : "),
               rx.el.strong(S.found_identifier)),
        rx.cond(S.found_notice != "", rx.el.p(S.found_notice, class_name="notice"),
                rx.el.p(WORDS.IDENTIFIER_KEEP)),
        rx.el.p(WORDS.IDENTIFIER_NEW_PASSWORD),
        rx.el.div(button("Choisir un nouveau mot de passe", on_click=S.choose_password, variant="secondary"),
                  link_button("Se connecter", href=routes.CONNEXION.path, variant="primary"), class_name="actions"),
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


def flow(first: rx.Component) -> rx.Component:
    return steps(S.step, ("canal", channel_step()), ("code", code_step()), ("courrier_envoye", letter_sent_step()),
                 ("code_courrier", letter_code_step()), ("identifiant", identifier_found_step()),
                 ("mot_de_passe", password_step()), ("termine", done_step()), default=first)


def mot_de_passe_oublie() -> rx.Component:
    return page(rx.el.h1("Mot de passe oublié"), flow(identity_step()))


def identifiant_provisoire_oublie() -> rx.Component:
    return page(rx.el.h1(WORDS.IDENTIFIER_TITLE), flow(etat_civil_step()))
