"""Mon Compte Partenaire's pages: the login (a form posted to api/gestion.py's partners' entry) and the staff
member's space: the services their organisation holds, CDAP (find a dossier of the territory, say why, read what
the service opens), AFAS (send a document for an allocataire who consents), a tutelle service's protégés, the
espace bailleur (the aides paid for its tenants, an impayé or the end of a lease declared) and, for an administrator,
its staff's accounts. Every read and write goes through the policy (services/partenaires/)."""

from __future__ import annotations

import reflex as rx

from ..components.ui.actions import button
from ..components.ui.field import messages, select_field, text_field
from ..components.ui.message import alert, card, status
from ..components.ui.post_form import post_form
from ..components.ui.upload import IMAGES_AND_PDF, picker
from ..documents.processing import MAX_FILE_BYTES
from ..domain.partners import CDAP_PURPOSES
from ..gestion.layout import partner_header, staff_page
from ..gestion.pages import staff_login
from ..services.partenaires import afas
from .state import EspacePartenaireState


def connexion_partenaire() -> rx.Component:
    return staff_login("Connexion à Mon Compte Partenaire", "Identifiant partenaire", "/api/partenaires/connexion",
                       "Les comptes sont ouverts par l'administrateur de votre organisation, une fois votre "
                       "organisation habilitée par la Caf.")


S = EspacePartenaireState


def _service(line) -> rx.Component:
    return rx.el.li(rx.el.strong(line.service), rx.el.span(" — département ", line.departement,
                                                           ", jusqu'au ", line.until, class_name="hint"))


def _rows(caption: str, lines, headers: tuple[str, ...], *, amounts: bool = True) -> rx.Component:
    """A table of cdap.Line: label, detail (when three headers), and the amount (right-aligned) or a third text."""
    def row(line) -> rx.Component:
        cells = [rx.el.td(line.label)] + ([rx.el.td(line.detail)] if len(headers) == 3 else [])
        return rx.el.tr(*cells, rx.el.td(line.amount, class_name="num" if amounts else ""))
    last = len(headers) - 1
    return rx.el.table(
        rx.el.caption(caption),
        rx.el.thead(rx.el.tr(*[rx.el.th(text, scope="col", class_name="num-head" if amounts and index == last else "")
                               for index, text in enumerate(headers)])),
        rx.el.tbody(rx.foreach(lines, row)), class_name="data-table")


def _form() -> rx.Component:
    error = S.errors
    return rx.el.form(
        text_field(id="numero", label="Numéro allocataire", hint="7 chiffres", input_mode="numeric", max_length=9,
                   error=error.get("numero", ""), default_value=S.typed.get("numero", "")),
        text_field(id="nom", label="Nom de naissance de l'allocataire", error=error.get("nom", ""), max_length=60,
                   default_value=S.typed.get("nom", "")),
        select_field(id="motif", label="Motif de la consultation", options=[(p, p) for p in CDAP_PURPOSES],
                     error=error.get("motif", ""), placeholder="Choisissez"),
        rx.el.p("Le motif est conservé avec la consultation, et l'allocataire la voit dans son espace Mon Compte.",
                class_name="hint"),
        button("Consulter le dossier", type="submit", variant="primary"),
        on_submit=S.consult, class_name="form")


def _view() -> rx.Component:
    view = S.view
    return rx.cond(view, card(
        rx.el.h2("Dossier ", view.numero, " — ", view.allocataire),
        rx.el.p(view.commune, " · Motif : ", view.purpose, class_name="hint"),
        _rows("Composition du foyer", view.members, ("Personne", "Place dans le foyer", "Naissance"), amounts=False),
        rx.cond(view.droits.length() > 0, _rows("Droits des trois derniers mois", view.droits,
                                                ("Prestation", "Mois", "Montant")),
                rx.el.p("Aucun droit ces trois derniers mois.")),
        rx.cond(view.payments.length() > 0, _rows("Derniers paiements", view.payments, ("Paiement", "Montant")),
                rx.el.p("Aucun paiement ces trois derniers mois.")),
    ))


def _person(line) -> rx.Component:
    return rx.el.tr(
        rx.el.td(line.name), rx.el.td(line.login), rx.el.td(line.role), rx.el.td(line.status),
        rx.el.td(rx.cond(line.active & ~line.me, rx.el.button(
            "Désactiver", type="button", on_click=S.disable(line.id), class_name="link-button",
            aria_label="Désactiver le compte de " + line.name))))


def _staff() -> rx.Component:
    error = S.staff_errors
    return card(
        rx.el.h2("Le personnel de votre organisation"),
        rx.cond(S.staff_done != "", status(S.staff_done, kind="success")),
        rx.cond(error.get("", "") != "", alert(error.get("", ""))),
        rx.el.table(
            rx.el.caption("Comptes de votre organisation"),
            rx.el.thead(rx.el.tr(*[rx.el.th(text, scope="col") for text in ("Nom", "Identifiant", "Rôle", "État")],
                                 rx.el.th(rx.el.span("Action", class_name="sr-only"), scope="col"))),
            rx.el.tbody(rx.foreach(S.people, _person)), class_name="data-table"),
        rx.el.h3("Ouvrir un compte"),
        rx.cond(S.made.get("login", "") != "", status(
            rx.el.span("Compte ", rx.el.strong(S.made.get("login", "")), " ouvert. Clé de l'application "
                       "d'authentification, affichée cette fois seulement : ", rx.el.code(S.made.get("key", "")),
                       ". Remettez-la à la personne avec son mot de passe provisoire."), kind="success")),
        rx.el.form(
            text_field(id="login", label="Identifiant", hint="3 à 40 lettres minuscules, chiffres, points ou tirets",
                       error=error.get("login", ""), max_length=40, auto_complete="off"),
            text_field(id="name", label="Prénom et nom", error=error.get("name", ""), max_length=80),
            text_field(id="mot_de_passe_provisoire", label="Mot de passe provisoire", type="password",
                       error=error.get("mot_de_passe", ""), auto_complete="new-password", max_length=128),
            text_field(id="confirmation_provisoire", label="Confirmation du mot de passe provisoire", type="password",
                       error=error.get("confirmation", ""), auto_complete="new-password", max_length=128),
            button("Ouvrir le compte", type="submit", variant="secondary"),
            on_submit=S.open_account, class_name="form", key=S.made.get("login", "")))


def _afas() -> rx.Component:
    error = S.afas_errors
    return card(
        rx.el.h2("Envoyer un document pour un allocataire (AFAS)"),
        rx.cond(S.afas_done != "", status(S.afas_done, kind="success")),
        rx.cond(S.consenting.length() > 0, rx.el.form(
            select_field(id="allocataire", label="Allocataire", items=S.consenting,
                         option=lambda c: rx.el.option(c.allocataire + " (" + c.numero + ")",
                                                       value=c.consent_id.to_string()),
                         error=error.get("allocataire", ""), placeholder="Choisissez"),
            select_field(id="type", label="Type de document", options=list(afas.PARTNER_DOC_TYPES.items()),
                         error=error.get("type", ""), placeholder="Choisissez"),
            rx.el.div(
                rx.el.p("Le document (photos ou un PDF, 10 Mo au plus chacun)", class_name="field-label"),
                picker(rx.el.span("Ajouter un fichier"), id="afas", label="Ajouter un fichier", accept=IMAGES_AND_PDF,
                       on_drop=S.afas_add(rx.upload_files(upload_id="afas")), on_rejected=S.afas_rejected,
                       max_size=MAX_FILE_BYTES, class_name="button button--secondary picker"),
                rx.cond(S.afas_files > 0, rx.el.p(S.afas_files.to_string(), " fichier(s) prêt(s) à envoyer",
                                                   role="status", class_name="hint")),
                messages("fichier", error.get("fichier", "")), class_name="field"),
            button("Envoyer le document", type="submit", variant="primary"),
            on_submit=S.afas_send, class_name="form"),
            rx.el.p("Aucun allocataire ne vous a encore autorisé(e) : il le fait dans son espace Mon Compte, "
                    "« Gérer Mon Compte », « Mes partenaires ».")))


def _protege(line) -> rx.Component:
    return rx.el.li(
        rx.el.div(rx.el.strong(line.name),
                  rx.el.span(" — dossier n° ", line.numero, ", ", line.caf, " — mesure depuis le ", line.since,
                             class_name="hint")),
        post_form(rx.el.input(type="hidden", name="tutelle", value=line.tutelle_id.to_string()),
                  rx.el.button("Ouvrir son espace Mon Compte", type="submit", class_name="button button--secondary",
                               aria_label="Ouvrir l'espace Mon Compte de " + line.name),
                  action="/api/partenaires/protege", method="post"),
        class_name="protege")


def _tutelles() -> rx.Component:
    return card(
        rx.el.h2("Les personnes que vous protégez"),
        rx.cond(S.tutelle_error != "", alert(S.tutelle_error)),
        rx.el.p("Vous agissez dans l'espace Mon Compte de la personne comme elle le ferait : déclarations, documents, "
                "attestations. Chaque démarche y est enregistrée comme faite par vous, tuteur."),
        rx.cond(S.proteges.length() > 0, rx.el.ul(rx.foreach(S.proteges, _protege), class_name="list-plain"),
                rx.el.p("Aucune mesure de protection de votre organisation n'est connue de la Caf sur votre "
                        "territoire.")))


def _versement(line) -> rx.Component:
    return rx.el.tr(rx.el.td(line.paid_on), rx.el.td(line.month), rx.el.td(line.amount, class_name="num"))


def _locataire(line) -> rx.Component:
    return rx.el.section(
        rx.el.h3(line.tenant),
        rx.el.p("Dossier n° ", line.numero, " · ", line.logement, " · loyer charges comprises : ", line.loyer,
                class_name="hint"),
        rx.el.p(line.status),
        rx.cond(line.versements.length() > 0, rx.el.table(
            rx.el.caption("Aides au logement versées à votre organisation pour ", line.tenant),
            rx.el.thead(rx.el.tr(rx.el.th("Versée le", scope="col"), rx.el.th("Mois", scope="col"),
                                 rx.el.th("Montant", scope="col", class_name="num-head"))),
            rx.el.tbody(rx.foreach(line.versements, _versement)), class_name="data-table"),
            rx.el.p("Aucune aide ne vous a été versée pour ce locataire ces douze derniers mois.")),
        rx.cond(line.signalements.length() > 0, rx.el.ul(rx.foreach(line.signalements, lambda signalement: rx.el.li(
            signalement.label, rx.el.span(" — déclaration du ", signalement.at, " — ", signalement.status,
                                          class_name="hint"))), aria_label="Vos déclarations pour " + line.tenant)),
        class_name="locataire")


def _lease_select(id: str, form: str) -> rx.Component:
    return select_field(id=id, name="bail", label="Locataire", items=S.locataires,
                        option=lambda line: rx.el.option(line.tenant + " (" + line.numero + ")",
                                                         value=line.bail_id.to_string()),
                        error=rx.cond(S.bailleur_form == form, S.bailleur_errors.get("locataire", ""), ""),
                        placeholder="Choisissez")


def _bailleur() -> rx.Component:
    error = S.bailleur_errors
    impaye, fin = S.bailleur_form == "impaye", S.bailleur_form == "fin_bail"
    return card(
        rx.el.h2("L'espace bailleur : vos locataires"),
        rx.el.p("L'aide au logement de ces locataires vous est versée directement (tiers payant). Elle est déduite "
                "du loyer que vous leur demandez."),
        rx.cond(S.bailleur_done != "", status(S.bailleur_done, kind="success")),
        rx.cond(S.locataires.length() > 0, rx.fragment(
            rx.foreach(S.locataires, _locataire),
            rx.el.h3("Déclarer un impayé de loyer"),
            rx.el.p("Un impayé se déclare dès qu'il atteint deux mois de loyer charges comprises, ou trois mois "
                    "entiers impayés, et au plus tard deux mois après.", class_name="hint"),
            rx.el.form(
                rx.el.input(type="hidden", name="signalement", value="impaye"),
                _lease_select("bail_impaye", "impaye"),
                select_field(id="premier_mois", label="Premier mois impayé", items=S.mois_impayes,
                             option=lambda month: rx.el.option(month.label, value=month.value),
                             error=rx.cond(impaye, error.get("premier_mois", ""), ""), placeholder="Choisissez"),
                text_field(id="montant", label="Montant dû par le locataire (en euros)", input_mode="decimal",
                           max_length=12, hint="Par exemple 1080 ou 1080,50",
                           error=rx.cond(impaye, error.get("montant", ""), "")),
                button("Déclarer l'impayé", type="submit", variant="secondary"),
                on_submit=S.declare, class_name="form"),
            rx.el.h3("Déclarer la fin d'un bail"),
            rx.el.form(
                rx.el.input(type="hidden", name="signalement", value="fin_bail"),
                _lease_select("bail_fin", "fin_bail"),
                text_field(id="fin", label="Dernier jour du bail", hint="JJ/MM/AAAA, par exemple 31/01/2027",
                           max_length=10, input_mode="numeric", error=rx.cond(fin, error.get("fin", ""), "")),
                button("Déclarer la fin du bail", type="submit", variant="secondary"),
                on_submit=S.declare, class_name="form")),
            rx.el.p("Aucun bail en tiers payant de votre organisation n'est connu de la Caf sur votre territoire.")))


def espace_partenaire() -> rx.Component:
    return staff_page(
        S, partner_header(S),
        rx.el.h1("Mon Compte Partenaire"),
        rx.cond(S.errors.get("", "") != "", alert(S.errors.get("", ""))),
        rx.el.div(
            rx.el.div(
                card(rx.el.h2("Les services de votre organisation"),
                     rx.cond(S.services.length() > 0, rx.el.ul(rx.foreach(S.services, _service)),
                             rx.cond(S.loaded, status("Votre organisation n'a aucune habilitation en cours : la Caf "
                                                      "vous ouvre ses services sur demande.")))),
                rx.cond(S.cdap_open, card(rx.el.h2("Consulter les données d'un allocataire (CDAP)"), _form())),
                rx.cond(S.afas_open, _afas()),
                rx.cond(S.tuteur_open, _tutelles()),
                rx.cond(S.bailleur_open, _bailleur()),
                class_name="gestion-col"),
            rx.el.div(_view(), rx.cond(S.administers, _staff()), class_name="gestion-col"),
            class_name="gestion-columns"),
    )
