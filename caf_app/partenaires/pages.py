"""Mon Compte Partenaire's pages: the login (a form posted to api/gestion.py's partners' entry) and the staff
member's space: the services their organisation holds, and CDAP (find a dossier of the territory, say why, read
what the service opens). Every read goes through the policy (services/partenaires/cdap.py)."""

from __future__ import annotations

import reflex as rx

from .. import clock
from ..components.ui.actions import button
from ..components.ui.field import text_field
from ..components.ui.message import alert, card, status
from ..domain.partners import CDAP_PURPOSES, PartnerService
from ..gestion.layout import partner_header, select_field, staff_page
from ..gestion.pages import staff_login
from ..gestion.session import live_agent
from ..gestion.state import AgentState
from ..routes import PARTENAIRES_CONNEXION
from ..services.partenaires import cdap, staff
from ..settings import get_settings
from ..state.private import private_event


def connexion_partenaire() -> rx.Component:
    return staff_login("Connexion à Mon Compte Partenaire", "Identifiant partenaire", "/api/partenaires/connexion",
                       "Les comptes sont ouverts par l'administrateur de votre organisation, une fois votre "
                       "organisation habilitée par la Caf.")


class PartnerState(AgentState, mixin=True):
    """The partners' states: the staff member of the partners' cookie (never an agent's session)."""

    no_access = "Votre organisation n'est pas habilitée pour ce service."
    administers: bool = False

    async def _who(self, opening: bool):
        partner = live_agent(self.router, partner=True)
        if partner is not None and opening:
            self.agent_name, self.administers = partner.name, partner.administers
        return partner

    async def _gone(self, loader: bool):
        return rx.redirect(PARTENAIRES_CONNEXION.query(motif="expiration"), replace=True)


class EspacePartenaireState(PartnerState, rx.State):
    services: list[cdap.ServiceLine] = []
    view: cdap.CdapView | None = None
    errors: dict[str, str] = {}
    typed: dict[str, str] = {}  # what was typed, kept in the form after a refusal
    cdap_open: bool = False  # the organisation holds CDAP today: its form is shown
    people: list[staff.StaffLine] = []  # the administrator's: the organisation's accounts
    staff_errors: dict[str, str] = {}
    made: dict[str, str] = {}  # the account just opened: its identifier and authenticator key, shown this once
    staff_done: str = ""

    def _forget(self) -> None:
        self.services, self.view, self.people, self.made = [], None, [], {}

    @private_event(loader=True)
    async def load(self):
        self.errors, self.view, self.staff_errors, self.made, self.staff_done = {}, None, {}, {}, ""
        self.services = await self.call(cdap.services, today=clock.today())
        self.cdap_open = any(line.key == PartnerService.CDAP.value for line in self.services)
        self.people = await self.call(staff.staff) if self.administers else []

    @private_event
    async def open_account(self, form: dict):
        self.staff_errors, self.made, self.staff_done = {}, {}, ""
        made = await self.call(staff.create, hashing=True, shown_in="staff_errors",
                               login=str(form.get("login", ""))[:64], name=str(form.get("name", ""))[:80],
                               password=str(form.get("mot_de_passe_provisoire", ""))[:128],
                               confirmation=str(form.get("confirmation_provisoire", ""))[:128],
                               key=get_settings().secret_key)
        self.made = {"login": made.login, "key": made.totp_secret, "uri": made.totp_uri}
        self.people = await self.call(staff.staff)

    @private_event
    async def disable(self, staff_id: int):
        self.staff_errors, self.made = {}, {}
        self.staff_done = await self.call(staff.disable, shown_in="staff_errors", staff_id=int(staff_id))
        self.people = await self.call(staff.staff)

    @private_event
    async def consult(self, form: dict):
        self.errors, self.view = {}, None
        self.typed = {key: str(form.get(key, ""))[:64] for key in ("numero", "nom", "motif")}
        self.view = await self.call(cdap.consult, numero=self.typed["numero"], birth_name=self.typed["nom"],
                                    purpose=self.typed["motif"], today=clock.today())


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
                class_name="gestion-col"),
            rx.el.div(_view(), rx.cond(S.administers, _staff()), class_name="gestion-col"),
            class_name="gestion-columns"),
    )
