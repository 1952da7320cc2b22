"""GÉRER MES AUTORISATIONS, Gérer Mon Compte, Mon agenda, Contacter ma Caf."""

from __future__ import annotations

import reflex as rx

from .. import routes
from ..components.layout import page, restricted_or
from ..components.ui.actions import button
from ..components.ui.field import messages, text_field
from ..components.ui.link import app_link, download_link
from ..components.ui.message import alert, card, status
from ..components.ui.password import new_password_fields
from ..content import passkeys as PK
from ..services.communications.agenda import DECLARATION_HELP
from ..state.compte import AgendaState, AutorisationsState, ContactState, GererState, RessourcesState
from .declaration_annuelle import annual_link


def autorisations() -> rx.Component:
    S = AutorisationsState
    # The seed's GÉRER MES AUTORISATIONS: who decides, and what the conjoint may do once authorised.
    explanation = rx.fragment(
        rx.el.p(rx.el.strong("Vous êtes le responsable de votre dossier Caf.")),
        rx.cond(S.choice != "granted", rx.el.p("Aujourd'hui, vous êtes seul à pouvoir consulter les données du "
                                               "dossier.")),
        rx.el.p("Vous pouvez autoriser votre conjoint(e) à :"),
        rx.el.ul(rx.el.li("consulter les droits et paiements"), rx.el.li("déclarer des changements"),
                 rx.el.li("demander une prestation")),
    )
    question = rx.el.form(
        explanation,
        rx.el.fieldset(
            rx.el.legend("J'autorise ", S.spouse, " à consulter les données du dossier et à réaliser les démarches."),
            *[rx.el.div(rx.el.input(type="radio", id=f"autorisation-{v}", name="autorisation", value=v,
                                    default_checked=S.choice == state),
                        rx.el.label(label, html_for=f"autorisation-{v}"), class_name="field-radio")
              for v, label, state in (("oui", "Oui", "granted"), ("non", "Non", "refused"))],
            messages("autorisation", S.error),
        ),
        rx.el.p("À tout moment, vous pourrez revenir sur votre choix dans le menu « Gérer Mon Compte ».",
                class_name="hint"),
        rx.el.div(rx.cond(S.first_time, button("Passer", on_click=S.skip, variant="secondary")),
                  button("Continuer", type="submit", variant="primary"), class_name="actions"),
        on_submit=S.save, class_name="form",
        # Uncontrolled radios take their default when they mount: mounted again once the loader has read the
        # recorded choice, however the page was reached (a reload or a link first renders the page empty).
        key=S.visit,
    )
    return page(
        rx.el.h1("Gérer mes autorisations"),
        rx.cond(S.message != "", status(S.message, kind="success")),
        rx.cond(S.allowed, question, status("Seul l'allocataire du dossier choisit qui peut le gérer.")),
        active="menu", private=True,
    )


def event_row(line) -> rx.Component:
    return rx.el.tr(rx.el.td(line.when), rx.el.td(line.what), rx.el.td(line.where))


def removable(label, detail: list, what: str, on_remove) -> rx.Component:
    """A device or a passkey of the person, with its dates and "Retirer" (named for screen readers)."""
    return rx.el.li(
        rx.el.p(rx.el.strong(label)),
        rx.el.p(*detail, class_name="hint"),
        button("Retirer", rx.el.span(f" {what} ", label, class_name="sr-only"),
                     on_click=on_remove, variant="secondary"),
    )


def device_item(device) -> rx.Component:
    return removable(device.label, ["Reconnu depuis le ", device.added_on, ", dernière utilisation le ",
                                    device.last_used_on], "l'appareil", GererState.remove_device(device.id))


def passkey_item(key) -> rx.Component:
    return removable(key.label, ["Clé d'accès créée le ", key.created_on, ", dernière utilisation : ",
                                 key.last_used_on], "la clé d'accès", GererState.remove_passkey(key.id))


def gerer_mon_compte() -> rx.Component:
    S = GererState
    return page(
        rx.el.h1("Gérer Mon Compte"),
        rx.el.nav(rx.el.ul(
            rx.el.li(app_link("Mes autorisations", href=routes.MES_AUTORISATIONS.path)),
            rx.el.li(app_link("Mes partenaires (envoi de documents pour moi)", href=routes.MES_PARTENAIRES.path)),
            rx.el.li(app_link("Qui a consulté mon dossier", href=routes.QUI_A_CONSULTE.path)),
            rx.el.li(app_link("Mes coordonnées de connexion (courriel et téléphone)", href=routes.PROFIL.path)),
            class_name="menu-list"), aria_label="Gérer Mon Compte"),
        restricted_or(S.restricted_message, rx.fragment(card(
            rx.el.h2("Changer mon mot de passe"),
            rx.cond(S.done != "", status(S.done, kind="success")),
            rx.el.form(
                text_field(id="actuel", label="Mot de passe actuel", type="password", error=S.errors.get("actuel", ""),
                           autocomplete="current-password", max_length=128),
                new_password_fields(rules=S.rules, on_change=S.password_typed, show=S.show_password,
                                    on_toggle_show=S.toggle_show, password_error=S.errors.get("mot_de_passe", ""),
                                    confirmation_error=S.errors.get("confirmation", "")),
                button("Enregistrer mon nouveau mot de passe", type="submit", variant="primary"),
                on_submit=S.change_password, class_name="form",
            )),
        rx.cond(S.passkeys_enabled, card(
            rx.el.h2("Connexion par empreinte ou reconnaissance faciale", id="cles-titre"),
            rx.el.p(PK.WHAT, class_name="hint"),
            rx.cond(S.passkey_notice != "", status(S.passkey_notice, kind="success")),
            rx.cond(S.passkey_error != "", alert(S.passkey_error)),
            rx.el.form(
                text_field(id="mot_de_passe_cle", label=PK.CONFIRM, type="password", autocomplete="current-password",
                           error=S.passkey_error_field, max_length=128),
                button(PK.ACTIVATE, type="submit", variant="primary"),
                on_submit=S.add_passkey, reset_on_submit=True, class_name="form"),
            rx.cond(S.my_passkeys.length() > 0,
                    rx.el.ul(rx.foreach(S.my_passkeys, passkey_item), class_name="plain-list",
                             aria_label="Mes clés d'accès")), aria_labelledby="cles-titre")),
        card(
            rx.el.h2("Mes appareils reconnus", id="appareils-titre"),
            rx.el.p("Sur ces appareils, la connexion ne demande pas de code pendant 30 jours après le dernier code "
                    "donné. Retirez un appareil perdu, vendu ou partagé.", class_name="hint"),
            rx.cond(S.device_notice != "", status(S.device_notice, kind="success")),
            rx.cond(S.known_devices.length() > 0,
                    rx.el.ul(rx.foreach(S.known_devices, device_item), class_name="plain-list"),
                    rx.el.p("Aucun appareil reconnu.")), aria_labelledby="appareils-titre"),
        card(
            rx.el.h2("Mes dernières connexions"),
            rx.el.table(rx.el.thead(rx.el.tr(rx.el.th("Quand", scope="col"), rx.el.th("Quoi", scope="col"),
                                             rx.el.th("D'où", scope="col"))),
                        rx.el.tbody(rx.foreach(S.events, event_row)), class_name="data-table")))),
        active="menu", private=True,
    )


def agenda_line(line) -> rx.Component:
    return rx.el.li(rx.el.strong(line.day), " : ",
                    rx.cond(line.link != "", app_link(line.what, href=line.link), rx.el.span(line.what)),
                    class_name="line")


def mon_agenda() -> rx.Component:
    S = AgendaState
    return page(
        rx.el.h1("Mon agenda"),
        rx.el.p(DECLARATION_HELP, class_name="hint"),  # caf.fr's rule (services/communications/agenda.py)
        restricted_or(S.restricted_message, rx.cond(
            S.lines.length() > 0, rx.el.ul(rx.foreach(S.lines, agenda_line), class_name="lines"),
            rx.el.p("Aucune date à venir."))),
        rx.el.p(app_link("Prendre rendez-vous avec ma Caf", href=routes.PRENDRE_RENDEZ_VOUS.path)),
        active="menu", private=True,
    )


def contacter_ma_caf() -> rx.Component:
    S = ContactState
    write = card(
        rx.el.h2("Écrire à ma Caf"),
        rx.cond(S.sent != "", status(S.sent, kind="success")),
        rx.el.form(
            text_field(id="objet", label="Objet", error=S.errors.get("objet", ""), max_length=120),
            rx.el.div(rx.el.label("Votre message", html_for="message", class_name="field-label"),
                      rx.el.textarea(id="message", name="message", rows=6, max_length=4000, class_name="input",
                                     aria_describedby="message-messages"),
                      messages("message", S.errors.get("message", "")), class_name="field"),
            rx.cond(S.errors.get("", "") != "", alert(S.errors.get("", ""))),
            button("Envoyer mon message", type="submit", variant="primary"),
            on_submit=S.write, class_name="form"))
    return page(
        rx.el.h1("Contacter ma Caf"),
        rx.cond(S.info, rx.fragment(
            card(
                rx.el.h2(S.info.caf_name),
                rx.el.p("Par téléphone : ", rx.el.a(S.info.phone, href="tel:" + S.info.phone),
                        " (service gratuit et prix d'un appel), sur rendez-vous avec un gestionnaire conseil."),
                rx.cond(S.info.address != "", rx.el.p("À l'accueil : ", S.info.address))),
            rx.cond(S.info.can_write, write, rx.el.p(
                "Pour ce dossier, vous pouvez contacter la Caf par téléphone ou dans un point d'accueil.",
                class_name="notice")))),
        active="menu", private=True,
    )


def sent_line(d, receipt: str) -> rx.Component:
    """A declaration sent, with its accusé (receipt: the PDF's address but the declaration's id)."""
    return rx.el.li(
        rx.el.span(d.title, class_name="line-label"), rx.el.span("Envoyée le ", d.sent_on),
        download_link("Accusé de réception (PDF)", href=receipt + d.id.to_string()),
        class_name="line")


def mes_ressources() -> rx.Component:
    S = RessourcesState
    return page(
        rx.el.h1("Mes ressources"),
        restricted_or(S.restricted_message, rx.fragment(
            card(rx.el.h2("Déclarer mes ressources trimestrielles"),
                          rx.el.ul(rx.foreach(S.due, lambda due: rx.el.li(app_link(
                              due[0], href="/declaration/" + due[1]))), class_name="link-list")),
            card(rx.el.h2("Mes autres déclarations de ressources"),  # pages/declaration_annuelle.py
                 rx.el.ul(rx.foreach(S.annual, annual_link), class_name="link-list")),
            card(rx.el.h2("Mes déclarations envoyées"),
                          rx.cond(S.sent.length() + S.annual_sent.length() > 0, rx.el.ul(
                              rx.foreach(S.sent, lambda d: sent_line(d, "/api/documents/declaration/")),
                              rx.foreach(S.annual_sent, lambda d: sent_line(d, "/api/documents/declaration-annuelle/")),
                              class_name="lines"),
                                  rx.el.p("Aucune déclaration envoyée."))))),
        active="menu", private=True,
    )
