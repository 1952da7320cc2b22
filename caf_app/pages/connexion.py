"""CONNEXION: the seed's login screen."""

from __future__ import annotations

import reflex as rx

from .. import routes
from ..components.layout import page
from ..components.ui.actions import button, link_button
from ..components.ui.field import checkbox, text_field
from ..components.ui.link import app_link, document_link
from ..components.ui.message import alert, status
from ..content import franceconnect as FC, passkeys as PK, recovery as RECOVERY
from ..domain.identifiers import NIR_FORMAT, PROVISIONAL_FORMAT
from ..state.connexion import ConnexionState as S


def identifier_field() -> rx.Component:
    return rx.cond(
        S.provisional,
        rx.el.div(
            text_field(id="identifiant", label="Identifiant provisoire", hint=PROVISIONAL_FORMAT,
                       error=S.identifier_error, autocomplete="username", max_length=20, key="provisoire"),
            rx.el.p(app_link(RECOVERY.FORGOT_IDENTIFIER, href=routes.IDENTIFIANT_PROVISOIRE_OUBLIE.path)),
            rx.el.p(RECOVERY.CONNEXION_TRANSITION, class_name="hint"),  # issue 21, point 3: which identifier
            rx.el.button("Retour", type="button", on_click=S.toggle_provisional, class_name="link-button"),
        ),
        rx.el.div(
            text_field(id="identifiant", label="Numéro de Sécurité sociale", hint=NIR_FORMAT,
                       error=S.identifier_error, autocomplete="username", input_mode="text", max_length=20,
                       default_value=S.remembered, key=S.remembered),
            rx.el.button("J'ai un identifiant provisoire", type="button", on_click=S.toggle_provisional,
                         class_name="link-button"),
        ),
    )


def login_form() -> rx.Component:
    return rx.el.form(
        rx.el.p("Tous les champs sont obligatoires, sauf mention contraire.", class_name="hint"),
        rx.cond(S.form_error != "", alert(S.form_error)),
        identifier_field(),
        checkbox(id="se_souvenir", label="Se souvenir de moi (seulement mon identifiant)"),
        text_field(id="mot_de_passe", label="Mot de passe", hint="10 à 64 caractères", type="password",
                   error=S.password_error, autocomplete="current-password", max_length=128),
        rx.el.p(app_link("Mot de passe oublié ?", href=rx.cond(
            S.provisional, routes.MOT_DE_PASSE_OUBLIE.query(identifiant="provisoire"),
            routes.MOT_DE_PASSE_OUBLIE.path))),
        button("Se connecter", type="submit", variant="primary"),
        on_submit=S.submit,
        class_name="form",
        aria_label="Connexion",
    )


def code_form() -> rx.Component:
    """A device not seen before: the code sent to the person's e-mail (or mobile)."""
    return rx.el.form(
        rx.el.h2("Confirmer qu'il s'agit bien de vous"),
        rx.el.p("Vous vous connectez depuis un appareil que nous ne connaissons pas. Un code à 6 chiffres vient "
                "d'être envoyé à ", rx.el.strong(S.code_destination), ". Il est valable 10 minutes."),
        rx.el.p("Vous pouvez ouvrir votre messagerie puis revenir ici : cette page vous attend.", class_name="hint"),
        rx.cond(S.code_notice != "", status(S.code_notice, kind="success")),
        text_field(id="code", label="Code reçu", hint="6 chiffres", error=S.code_error,
                   input_mode="numeric", autocomplete="one-time-code", max_length=8),
        rx.el.p("Cet appareil sera reconnu pendant 30 jours. Vous pouvez le retirer dans Gérer Mon Compte.",
                class_name="hint"),
        rx.el.div(button("Valider", type="submit", variant="primary"),
                  button("Renvoyer un code", on_click=S.resend_code, variant="secondary"),
                  rx.el.button("Annuler", type="button", on_click=S.cancel_code, class_name="link-button"),
                  class_name="actions"),
        on_submit=S.confirm_code, class_name="form", aria_label="Code de connexion",
    )


def passkey_block() -> rx.Component:
    return rx.cond(S.passkeys_enabled, rx.el.section(
        button(PK.LOGIN, on_click=S.passkey_login, variant="secondary"),
        rx.cond(S.passkey_error != "", alert(S.passkey_error)),
        rx.el.p("Par empreinte, reconnaissance faciale ou code de l'appareil, si vous l'avez activée dans « Gérer "
                "Mon Compte ».", class_name="hint"),
        aria_label="Clé d'accès"))


def franceconnect_block() -> rx.Component:
    return rx.el.section(
        rx.el.p("OU", class_name="separator"),
        rx.el.p(FC.EXPLANATION.split(". ")[0] + "."),
        rx.cond(S.fc_enabled,
                # A real link: the browser leaves for the identity provider (a full navigation).
                # It carries this page's ?suivant= (assets/forms.js): a demande in progress is found again after the
                # round trip, whether the identity leads to an account or to Créer Mon Compte.
                link_button(FC.BUTTON, href="/api/franceconnect/connexion", variant="secondary", follow="document",
                            custom_attrs={"data-carry-suivant": ""}),
                rx.el.p(FC.UNAVAILABLE_HERE, class_name="hint")),
        rx.el.details(rx.el.summary(FC.WHAT), rx.el.p(FC.EXPLANATION), class_name="help-block"),
        aria_label="FranceConnect+",
    )


def connexion() -> rx.Component:
    return page(
        rx.el.h1("Connexion"),
        rx.cond(S.notice != "", status(S.notice)),
        rx.cond(S.fc_message != "", rx.cond(
            S.fc_error, alert(S.fc_message),
            status(S.fc_message))),
        rx.cond(S.code_step, code_form(), rx.fragment(login_form(), passkey_block(), franceconnect_block())),
        rx.el.section(
            # A full navigation that carries this page's ?suivant= (assets/forms.js), even for a tap that lands
            # before the page's loader has set signup_href: the demande in progress is never lost.
            rx.el.p("Première connexion ? ", document_link("Créer Mon Compte", href=S.signup_href,
                                                         custom_attrs={"data-carry-suivant": ""})),
            rx.el.p("Tuteur ? ", app_link("Accéder à Mon Compte", href=routes.PREMIERE_CONNEXION_TUTEUR.path)),
            aria_label="Première connexion",
        ),
        rx.el.p("Pour savoir comment sont traitées vos données personnelles, consultez la page « ",
                app_link("Informatique et libertés", href=routes.INFORMATIQUE_ET_LIBERTES.path), " ».",
                class_name="hint"),
        rx.el.p("Votre mot de passe est confidentiel. Ne le communiquez à personne, pas même à votre Caf. "
                "Attention aux messages frauduleux. Pour consulter nos conseils de sécurité, ",
                app_link("suivez le guide", href=routes.CONSEILS_DE_SECURITE.path), ".", class_name="hint"),
    )
