"""Mon profil: état civil (read only) and what can be changed, each with its pencil."""

from __future__ import annotations

import reflex as rx

from .. import routes
from ..components.layout import page
from ..components.ui.actions import button, link_button
from ..components.ui.field import text_field
from ..components.ui.link import app_link
from ..components.ui.message import alert, card, status
from ..components.ui.upload import IMAGES_AND_PDF, picker
from ..documents.processing import MAX_FILE_BYTES
from ..state.profil import ProfilState as S

# A value too long for its column (an e-mail address) wraps at its end inside the column instead of pushing the
# pencil off the card on a phone; numbers and dates stay whole (on the narrowest phones the rows stack: styles.css).
WRAP = {"min_width": "0"}


def email_text(email) -> rx.Component:
    """An e-mail address that may wrap after its « @ » (never inside a letter group) when its column is narrow."""
    return rx.cond(email.contains("@"), rx.fragment(email.split("@")[0], "@", rx.el.wbr(), email.split("@")[1]),
                   email)


def item(term: str, value) -> rx.Component:
    """A labelled value (rows with buttons cannot be a <dl>: each row is a div of two spans)."""
    return rx.el.div(rx.el.span(term, class_name="term"), rx.el.span(value, style=WRAP), class_name="dl-row")


def pencil(what: str, name: str) -> rx.Component:
    """The pencil of one editable item; its accessible name says what it changes."""
    return rx.el.button(rx.icon("pencil", size=18, aria_hidden="true"), type="button", on_click=S.edit(what),
                        aria_label=name, title=name, class_name="pencil", aria_expanded=rx.cond(
                            S.editing == what, "true", "false"))


def change_row(term: str, value, name: str) -> rx.Component:
    """A situation: its pencil leads to Déclarer un changement (a change the Caf processes)."""
    return rx.el.div(rx.el.span(term, class_name="term"), rx.el.span(value, style=WRAP),
                     app_link(rx.icon("pencil", size=18, aria_hidden="true"), href=routes.DECLARER_UN_CHANGEMENT.path,
                              aria_label=name, title=name, class_name="pencil"),
                     class_name="dl-row dl-row--edit")


def editable(term: str, value, what: str, name: str, form: rx.Component) -> rx.Component:
    """A row with its pencil; once its change is saved, the message shows under it and takes focus (a11y.js)."""
    return rx.el.div(
        rx.el.div(rx.el.span(term, class_name="term"), rx.el.span(value, style=WRAP), pencil(what, name),
                  class_name="dl-row dl-row--edit"),
        rx.cond(S.editing == what, form),
        rx.cond((S.saved != "") & (S.saved_for == what),
                status(S.saved, kind="success", id=f"enregistre-{what}", custom_attrs={"data-focus-here": S.saved})),
    )


def error(key: str):
    return S.errors.get(key, "")


def buttons() -> rx.Component:
    return rx.el.div(button("Annuler", on_click=S.cancel, variant="secondary"),
                     button("Enregistrer", type="submit", variant="primary"),
                     class_name="actions")


def password_again() -> rx.Component:
    return text_field(id="mot_de_passe_actuel", label="Votre mot de passe", type="password",
                      hint="Pour votre sécurité, saisissez à nouveau votre mot de passe.",
                      error=error("mot_de_passe_actuel"), autocomplete="current-password", max_length=128)


def address_form() -> rx.Component:
    return rx.el.form(
        text_field(id="adresse", label="Numéro et voie", hint="Par exemple 6 rue des Pivoines", error=error("adresse"),
                   autocomplete="address-line1", max_length=120, default_value=S.view.address_parts[0]),
        text_field(id="code_postal", label="Code postal", hint="5 chiffres", error=error("code_postal"),
                   input_mode="numeric", autocomplete="postal-code", max_length=5,
                   default_value=S.view.address_parts[1]),
        text_field(id="commune", label="Commune", error=error("commune"), autocomplete="address-level2",
                   max_length=60, default_value=S.view.address_parts[2]),
        text_field(id="date_effet", label="Date du déménagement", type="date", error=error("date_effet")),
        buttons(), on_submit=S.save_address, class_name="form edit-form",
        key=S.visit,  # the recorded address as defaults, once the loader has read it
    )


def contact_form(channel: str, label: str, hint: str, kind: str) -> rx.Component:
    ask = rx.el.form(
        text_field(id=channel, label=f"Nouveau {label}" if channel == "mobile" else f"Nouvelle {label}", hint=hint,
                   error=error(channel), type=kind, max_length=254),
        text_field(id=f"{channel}_confirmation", label="Confirmer", error=error(f"{channel}_confirmation"),
                   type=kind, max_length=254, autocomplete="off"),
        password_again(),
        rx.el.div(button("Annuler", on_click=S.cancel, variant="secondary"),
                  button("Recevoir un code", type="submit", variant="primary"),
                  class_name="actions"),
        on_submit=S.start_contact, class_name="form edit-form",
    )
    confirm = rx.el.form(
        rx.el.p("Nous venons d'envoyer un code de vérification à ", rx.el.strong(S.code_for), "."),
        text_field(id="code", label="Code de vérification", hint="6 chiffres", error=error("code"),
                   input_mode="numeric", autocomplete="one-time-code", max_length=6),
        buttons(), on_submit=S.confirm_contact, class_name="form edit-form",
    )
    return rx.cond(S.code_for != "", confirm, ask)


def bank_form() -> rx.Component:
    return rx.el.form(
        text_field(id="iban", label="IBAN", hint="27 caractères, commence par FR", error=error("iban"),
                   max_length=40, autocomplete="off"),
        text_field(id="bic", label="BIC", hint="8 ou 11 caractères", error=error("bic"), max_length=11),
        text_field(id="titulaire", label="Titulaire du compte", error=error("titulaire"), max_length=60),
        rx.el.div(
            rx.el.p("Votre RIB (photo ou PDF, 10 Mo au plus)", class_name="field-label"),
            picker(rx.icon("camera", size=18, aria_hidden="true"), rx.el.span("Ajouter mon RIB"), id="rib",
                   label="Ajouter mon RIB", accept=IMAGES_AND_PDF, on_drop=S.add_rib(rx.upload_files(upload_id="rib")),
                   on_rejected=S.rib_rejected, max_size=MAX_FILE_BYTES, class_name="button button--secondary picker"),
            rx.cond(S.rib_name != "", rx.el.p(S.rib_name, role="status", class_name="hint")),
            rx.cond(error("rib") != "", alert(error("rib"))),
            rx.cond(error("fichier") != "", alert(error("fichier"))),
            class_name="field"),
        password_again(),
        buttons(), on_submit=S.save_bank, class_name="form edit-form",
    )


def resources_card(resources) -> rx.Component:
    """Mes ressources: those declared for the person themselves (the seed's « ses informations personnelles (...)
    ressources »)."""
    return card(rx.el.h2("Mes ressources"), rx.cond(
        resources.length() > 0,
        rx.el.div(rx.foreach(resources, lambda line: item(line.category + " - " + line.month, line.amount))),
        rx.el.p("Aucune ressource déclarée pour vous ces derniers mois.")))


def profil() -> rx.Component:
    view = S.view
    return page(
        rx.el.h1("Mon profil"),
        rx.el.p("Les informations que vous pouvez modifier sont indiquées par un crayon."),
        link_button("Déclarer un changement de situation", href=routes.DECLARER_UN_CHANGEMENT.path,
                    variant="secondary"),
        rx.cond(error("") != "", alert(error(""))),
        rx.cond(view, rx.fragment(
            rx.cond(view.tutelle_notice != "", rx.el.p(view.tutelle_notice, class_name="notice")),
            card(rx.el.h2("État civil"), rx.el.div(
                item("Nom et prénom", view.name), item("Civilité", view.civilite), item("Naissance", view.birth),
                item("Identifiant", view.identifier),
                rx.cond(view.identifier_notice != "", rx.el.p(view.identifier_notice, class_name="notice")),
                item("Numéro allocataire", view.numero_allocataire))),
            card(rx.el.h2("Ma situation"), rx.el.div(
                change_row("Situation familiale", view.family, "Modifier ma situation familiale"),
                rx.cond(view.manages,
                        change_row("Situation professionnelle", view.work, "Modifier ma situation professionnelle"),
                        item("Situation professionnelle", view.work)),
                rx.cond(view.spouse_work != "", item("Situation professionnelle du conjoint", view.spouse_work)))),
            resources_card(view.resources),
            card(rx.el.h2("Coordonnées de contact"), rx.el.div(
                rx.cond(view.manages, editable("Adresse postale", view.address, "adresse", "Modifier mon adresse",
                                               address_form()), item("Adresse postale", view.address)),
                rx.cond(view.account_edits, rx.fragment(
                    editable("Courriel", email_text(view.email), "email", "Modifier mon adresse électronique",
                             contact_form("email", "adresse électronique", "nom@exemple.fr", "email")),
                    editable("Téléphone portable", view.mobile, "mobile", "Modifier mon numéro de téléphone portable",
                             contact_form("mobile", "numéro de téléphone portable", "06 ou 07, 10 chiffres", "tel"))),
                    rx.fragment(item("Courriel", email_text(view.email)), item("Téléphone portable", view.mobile))))),
            rx.cond(view.manages, card(rx.el.h2("Coordonnées bancaires"), rx.el.div(
                rx.cond(view.account_edits,
                        editable("Compte utilisé", view.bank, "banque", "Modifier mes coordonnées bancaires",
                                 bank_form()),
                        item("Compte utilisé", view.bank)),
                rx.cond(view.bank_pending != "", item("Nouveau compte", view.bank_pending))))),
            rx.cond(view.manages, card(
                rx.el.h2("Enfants et autres personnes à charge"),
                rx.cond(view.members.length() > 0, rx.el.ul(rx.foreach(view.members, lambda member: rx.el.li(
                    member.name, " - ", member.role, rx.cond(member.detail != "", rx.el.span(", ", member.detail)))),
                    class_name="plain-list"), rx.el.p("Aucune personne à charge.")),
                link_button(rx.icon("pencil", size=18, aria_hidden="true"), " Déclarer une grossesse ou une naissance",
                         href=routes.DECLARER_UN_CHANGEMENT.path, variant="secondary"))),
        ), rx.el.p("Chargement de votre profil…", role="status", class_name="loading")),
        active="profil", private=True,
    )
