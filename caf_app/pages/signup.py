"""CRÉER MON COMPTE: the seed's 3 steps, "5 à 10 minutes"; a person the Caf knows proves who they are instead of
typing a contact."""

from __future__ import annotations

import reflex as rx

from .. import routes
from ..components.layout import page
from ..components.ui.actions import button, link_button
from ..components.ui.captcha import security_check
from ..components.ui.choice import radio_group
from ..components.ui.error_summary import error_summary
from ..components.ui.field import messages, text_field
from ..components.ui.link import app_link
from ..components.ui.message import alert, status
from ..components.ui.password import new_password_fields
from ..components.ui.steps import steps
from ..content import franceconnect as FC, signup as WORDS
from ..domain.identifiers import NIR_FORMAT
from ..domain.signup import ID_DOCUMENTS
from ..state.signup import SignupState as S

REQUIRED = "Tous les champs sont obligatoires, sauf mention contraire."


def value(name: str):
    return S.draft.get(name, "")


def error(name: str):
    return S.errors.get(name, "")


def kept_field(name: str, label: str, **props) -> rx.Component:
    """A text field whose value is kept in the draft as it is typed."""
    return text_field(id=name, label=label, error=error(name), default_value=value(name),
                      read_only=S.locked.contains(name),
                      on_change=lambda text: S.keep(name, text).debounce(300),
                      on_blur=lambda text: S.keep(name, text),  # the next field's typing drops a pending save
                      max_length=100, **props)


def form_error() -> rx.Component:
    return rx.fragment(error_summary(S.errors), rx.cond(error("") != "", rx.el.div(
        alert(error(""), tab_index=-1),
        rx.cond(S.already_registered, app_link("Mot de passe oublié ?", href=routes.MOT_DE_PASSE_OUBLIE.path)),
        rx.cond(S.first_demande, app_link(WORDS.FIRST_DEMANDE_LINK, href=routes.DEMANDES.path)),
    )))


def who_creates() -> rx.Component:
    """Inside a demande, the account is a step of it; alone, only a member of an existing dossier may go on."""
    return rx.cond(
        S.for_demande, status(WORDS.FOR_DEMANDE),
        rx.el.div(rx.el.p(WORDS.FIRST_DEMANDE),
                  rx.el.p(app_link(WORDS.FIRST_DEMANDE_LINK, href=routes.DEMANDES.path, class_name="link-strong")),
                  rx.el.p(WORDS.MEMBERS_ONLY), class_name="notice"))


def quit_and(label: str) -> rx.Component:
    return rx.el.div(link_button("Quitter", href=routes.CONNEXION.path, variant="secondary"),
                     button(label, type="submit", variant="primary"), class_name="actions")


def heading(title: str) -> rx.Component:
    return rx.el.h2(title, id="etape", tab_index=-1)


def intro() -> rx.Component:
    return rx.el.div(
        who_creates(),
        rx.el.p("Pour créer mon espace, 3 étapes et 5 à 10 minutes sont nécessaires"),
        rx.el.ol(rx.el.li("Je renseigne mon état civil et mes coordonnées de contact"),
                 rx.el.li("Je saisis le code de vérification reçu par SMS ou par mail"),
                 rx.el.li("Je choisis mon mot de passe")),
        rx.el.p("Je me connecte ensuite à mon nouvel Espace Mon Compte avec mon identifiant et mon mot de passe."),
        rx.el.div(link_button("Quitter", href=routes.CONNEXION.path, variant="secondary"),
                  button("Commencer", on_click=S.start, variant="primary"),
                  class_name="actions"),
        rx.cond(S.fc_enabled, rx.el.section(
            rx.el.p("OU", class_name="separator"),
            rx.el.p("Avec FranceConnect+, les informations connues de votre identité numérique sont pré-remplies "
                    "dans le formulaire."),
            link_button(FC.BUTTON, href="/api/franceconnect/connexion", variant="secondary", follow="document",
                        custom_attrs={"data-carry-suivant": ""}),  # a demande in progress, kept (assets/forms.js)
            rx.el.details(rx.el.summary(FC.WHAT), rx.el.p(FC.EXPLANATION), class_name="help-block"),
            aria_label="FranceConnect+")),
    )


def birth_place() -> rx.Component:
    return rx.fragment(
        radio_group(name="lieu_naissance", legend="Lieu de naissance", current=value("lieu_naissance"),
                    options=[("france", "En France"), ("etranger", "À l'étranger")], on_choose=S.choose,
                    error=error("lieu_naissance"), locked=S.locked.contains("lieu_naissance")),
        rx.cond(value("lieu_naissance") == "france", rx.fragment(
            kept_field("departement_naissance", "Département de naissance", hint="Son numéro : 75, 2A, 971…"),
            kept_field("commune_naissance", "Commune de naissance"))),
        rx.cond(value("lieu_naissance") == "etranger", rx.fragment(
            kept_field("pays_naissance", "Pays de naissance"), kept_field("ville_naissance", "Ville de naissance"))),
    )


def identity_document() -> rx.Component:
    options = [(key, label) for key, label in ID_DOCUMENTS.items()]
    return rx.fragment(
        rx.el.p("Je sécurise la création de mon Compte, en fournissant des informations présentes sur ma pièce "
                "d'identité. Seuls les documents délivrés par les autorités françaises sont autorisés."),
        radio_group(name="piece_identite", legend="Je sélectionne ma pièce d'identité", current=value("piece_identite"),
                    options=options + [("aucune", "Je ne dispose pas d'une pièce d'identité française")],
                    on_choose=S.choose, error=error("piece_identite"), inline=False),
        rx.cond((value("piece_identite") != "") & (value("piece_identite") != "aucune"), rx.fragment(
            kept_field("numero_piece", "Numéro de la pièce d'identité", hint="Tel qu'il figure sur la pièce"),
            kept_field("date_delivrance", "Date de délivrance", hint="JJ/MM/AAAA", input_mode="numeric"))),
        rx.el.dialog(
            rx.el.h2("Absence de pièce d'identité", id="sans-piece-titre"),
            rx.el.p("Attention, si vous déclarez ne pas posséder une pièce d'identité délivrée par les autorités "
                    "françaises, vous devrez fournir les justificatifs nécessaires au traitement de vos demandes."),
            rx.el.div(button("Retour", on_click=S.keep_without_id(False), variant="secondary"),
                      button("Continuer", on_click=S.keep_without_id(True), variant="primary"), class_name="actions"),
            id="sans-piece", aria_labelledby="sans-piece-titre",
        ),
    )


def parents() -> rx.Component:
    return rx.el.fieldset(
        rx.el.legend("Vos parents"),
        *[kept_field(f"{kind}_parent{n}", f"{label} du parent {n}") for n in (1, 2)
          for kind, label in (("nom", "Nom de naissance"), ("prenoms", "Prénom(s)"))],
    )


def etat_civil() -> rx.Component:
    return rx.el.form(
        heading("État civil"),
        rx.el.p("Étape 1 sur 3", class_name="steps"),
        rx.el.p(REQUIRED, class_name="hint"),
        form_error(),
        rx.cond(S.locked.length() > 0, status(FC.SIGNUP_PREFILLED)),
        # Back from FranceConnect+ inside a demande, this is the first screen: it says the demande is kept.
        rx.cond((S.locked.length() > 0) & S.for_demande, status(WORDS.FOR_DEMANDE)),
        radio_group(name="possede_nir", legend="Je possède un numéro de Sécurité sociale", current=value("possede_nir"),
                    options=[("oui", "Oui"), ("non", "Non")], on_choose=S.choose, error=error("possede_nir")),
        rx.cond(value("possede_nir") == "oui", kept_field("nir", "Numéro de Sécurité sociale", hint=NIR_FORMAT)),
        radio_group(name="civilite", legend="Civilité", current=value("civilite"),
                    options=[("Madame", "Madame"), ("Monsieur", "Monsieur")], on_choose=S.choose,
                    error=error("civilite"), locked=S.locked.contains("civilite")),
        kept_field("nom_naissance", "Nom de naissance", autocomplete="family-name"),
        kept_field("nom_usage", "Nom d'usage (facultatif)"),
        kept_field("prenoms", "Prénom(s)", autocomplete="given-name"),
        kept_field("date_naissance", "Date de naissance", hint="Format de saisie JJ/MM/AAAA", input_mode="numeric",
                   autocomplete="bday"),
        birth_place(),
        radio_group(name="reside_france", legend="Je réside en France", current=value("reside_france"),
                    options=[("oui", "Oui"), ("non", "Non")], on_choose=S.choose, error=error("reside_france")),
        rx.cond(value("reside_france") == "oui",
                kept_field("code_postal", "Lieu de résidence (mon code postal actuel)", hint="Exemple : 75001",
                           input_mode="numeric", autocomplete="postal-code")),
        rx.cond(value("possede_nir") == "non", parents()),
        identity_document(),
        rx.cond((S.locked.length() == 0) & ~S.security_passed, security_check(state=S, error=error("verification"))),
        quit_and("Continuer"),
        on_submit=S.submit_etat_civil, class_name="form", aria_labelledby="etape",
    )


def coordonnees() -> rx.Component:
    return rx.el.form(
        heading("Coordonnées de contact"),
        rx.el.p("Étape 1 sur 3 (suite)", class_name="steps"),
        rx.el.p(REQUIRED, class_name="hint"),
        rx.el.p("Pour sécuriser la création de mon compte, je reçois un code de vérification sur mon téléphone "
                "portable ou par mail."),
        form_error(),
        radio_group(name="canal", legend="J'indique mon choix de réception", current=rx.cond(value("canal") == "email",
                    "email", "sms"), options=[("sms", "Numéro de téléphone portable"), ("email", "Adresse mail")],
                    on_choose=S.choose, error=error("canal")),
        rx.cond(
            value("canal") == "email",
            rx.fragment(
                kept_field("email", "Adresse mail", type="email", autocomplete="email", hint="nom@exemple.fr"),
                kept_field("email_confirmation", "Confirmer l'adresse mail", type="email", autocomplete="off")),
            rx.fragment(
                kept_field("mobile", "Numéro de téléphone portable (10 chiffres)", type="tel", input_mode="tel",
                           autocomplete="tel-national", hint="Il commence par 06 ou 07"),
                rx.el.p("En aucun cas mon numéro de téléphone portable ne sera transmis à des tiers ou utilisé à "
                        "des fins commerciales.", class_name="hint"),
                kept_field("mobile_confirmation", "Confirmer le numéro de téléphone portable", type="tel",
                           input_mode="tel", autocomplete="off")),
        ),
        quit_and("Recevoir mon code"),
        on_submit=S.submit_contact, class_name="form", aria_labelledby="etape",
    )


def proof_option(key: str) -> rx.Component:
    return rx.cond(S.proofs.contains(key), rx.el.div(
        rx.el.input(type="radio", id=f"preuve-{key}", name="preuve", value=key, aria_describedby="preuve-messages"),
        rx.el.label(WORDS.PROOF_CHOICES[key], html_for=f"preuve-{key}"), class_name="field-radio"))


def preuve() -> rx.Component:
    return rx.el.div(
        rx.el.form(
            heading(WORDS.PROOF_TITLE),
            rx.el.p("Étape 1 sur 3 (suite)", class_name="steps"),
            rx.el.p(WORDS.PROOF_INTRO),
            form_error(),
            rx.cond(S.proofs.length() > 0, rx.fragment(
                rx.el.fieldset(rx.el.legend(WORDS.PROOF_LEGEND), *[proof_option(key) for key in WORDS.PROOF_CHOICES],
                               messages("preuve", error("preuve"))),
                rx.el.p(WORDS.PROOF_CHANGED, class_name="hint"),
                quit_and("Recevoir mon code")),
                rx.el.p(WORDS.PROOF_NONE, class_name="notice")),
            on_submit=S.send_proof, class_name="form", aria_labelledby="etape",
        ),
        rx.cond(S.proofs.contains("courrier"), rx.el.button(WORDS.LETTER_RECEIVED, type="button",
                                                           on_click=S.letter_received, class_name="link-button")),
        rx.cond(S.fc_enabled, rx.el.section(
            rx.el.p("OU", class_name="separator"),
            rx.el.p(WORDS.PROOF_FRANCECONNECT),
            link_button(FC.BUTTON, href="/api/franceconnect/connexion", variant="secondary", follow="document",
                        custom_attrs={"data-carry-suivant": ""}),  # a demande in progress, kept (assets/forms.js)
            aria_label="FranceConnect+")),
    )


def courrier_envoye() -> rx.Component:
    return rx.el.div(
        heading(WORDS.LETTER_SENT_TITLE),
        rx.el.p(WORDS.LETTER_SENT, S.letter_until, ".", role="status"),
        rx.el.p(WORDS.LETTER_COME_BACK),
        rx.el.div(link_button("Quitter", href=routes.CONNEXION.path, variant="secondary"),
                  button(WORDS.LETTER_RECEIVED, on_click=S.letter_received, variant="primary"), class_name="actions"),
    )


def code_courrier() -> rx.Component:
    return rx.el.form(
        heading(WORDS.LETTER_CODE_TITLE),
        rx.el.p("Étape 2 sur 3", class_name="steps"),
        rx.el.p(WORDS.LETTER_CODE_INTRO),
        form_error(),
        text_field(id="code_courrier", label=WORDS.LETTER_CODE_LABEL, hint=WORDS.LETTER_CODE_HINT,
                   error=error("code_courrier"), autocomplete="one-time-code", max_length=12,
                   auto_capitalize="characters"),
        rx.el.button("Choisir un autre moyen", type="button", on_click=S.back_to_proofs, class_name="link-button"),
        quit_and("Continuer"),
        on_submit=S.submit_letter_code, class_name="form", aria_labelledby="etape",
    )


def code() -> rx.Component:
    return rx.el.form(
        heading("Code de vérification"),
        rx.el.p("Étape 2 sur 3", class_name="steps"),
        rx.el.p("Saisissez le code de vérification que nous venons de vous envoyer ", S.contact_label, "."),
        text_field(id="code", label="Code de vérification", hint="6 chiffres", error=error("code"),
                   autocomplete="one-time-code", input_mode="numeric", max_length=6),
        rx.el.button("Renvoyer un code", type="button", on_click=S.resend, class_name="link-button"),
        rx.cond(S.proofs.length() > 0, rx.el.button("Choisir un autre moyen", type="button", on_click=S.back_to_proofs,
                                                    class_name="link-button")),
        quit_and("Continuer"),
        on_submit=S.submit_code, class_name="form", aria_labelledby="etape",
    )


def mot_de_passe() -> rx.Component:
    return rx.el.form(
        heading("Choisir son mot de passe"),
        rx.el.p("Étape 3 sur 3", class_name="steps"),
        rx.el.p("Pour ma 1ère connexion, je choisis mon mot de passe personnel."),
        form_error(),
        new_password_fields(rules=S.rules, on_change=S.password_typed, show=S.show_password,
                            on_toggle_show=S.toggle_show, password_error=error("mot_de_passe"),
                            confirmation_error=error("confirmation")),
        quit_and("Valider"),
        on_submit=S.submit_password, class_name="form", aria_labelledby="etape",
    )


def recapitulatif() -> rx.Component:
    return rx.el.div(
        heading("Récapitulatif de ma création de compte"),
        status("Mon identifiant : ", rx.el.strong(S.identifier), kind="success"),
        rx.el.p("Conservez bien cet identifiant, il vous permettra de vous connecter à votre Espace Mon Compte."),
        rx.el.dl(rx.foreach(S.recap, lambda line: rx.el.div(rx.el.dt(line[0]), rx.el.dd(line[1]),
                                                           class_name="dl-row")), class_name="recap"),
        rx.cond(S.for_demande,
                rx.el.div(button(WORDS.CONTINUE_DEMANDE, on_click=S.continue_demande, variant="primary"),
                          class_name="actions"),
                rx.el.div(link_button("Accéder à l'accueil", href=routes.HOME.path, variant="secondary"),
                          link_button("Se connecter", href=routes.CONNEXION.path, variant="primary"),
                          class_name="actions")),
    )


def creer_mon_compte() -> rx.Component:
    return page(
        rx.el.h1("Créer Mon Compte"),
        rx.cond(
            rx.State.is_hydrated,
            steps(S.step, ("etat_civil", etat_civil()), ("coordonnees", coordonnees()), ("preuve", preuve()),
                  ("code", code()), ("courrier_envoye", courrier_envoye()), ("code_courrier", code_courrier()),
                  ("mot_de_passe", mot_de_passe()), ("recapitulatif", recapitulatif()), default=intro()),
            rx.el.p("Chargement…", role="status", class_name="loading loading--signup"),
        ),
    )
