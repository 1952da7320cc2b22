"""The superviseur's screen of the Caf's partners (issue 23, Mon Compte Partenaire): each organisation with its
staff and habilitations, a form to open a service (for the Caf's département, until a date) and « Retirer »."""

from __future__ import annotations

from datetime import date

import reflex as rx

from .. import clock
from ..components.ui.actions import button
from ..components.ui.field import select_field, text_field
from ..components.ui.message import alert, card, status
from ..domain.partners import PartnerService
from ..services.partenaires import habilitations
from ..state.private import private_event
from .layout import gestion_page
from .state import AgentState


def _day(text: str) -> date | None:
    try:
        return date.fromisoformat(text)
    except ValueError:
        return None


class PartenairesState(AgentState, rx.State):
    no_access = "Cette page est réservée au superviseur de la Caf."
    organisations: list[habilitations.OrganisationLine] = []
    errors: dict[str, str] = {}
    done: str = ""

    def _forget(self) -> None:
        self.organisations = []

    @private_event(loader=True)
    async def load(self):
        self.errors, self.done = {}, ""
        self.organisations = await self.call(habilitations.organisations, today=clock.today())

    @private_event
    async def habilitate(self, form: dict):
        self.errors, self.done = {}, ""
        organisation = str(form.get("organisation", ""))
        if not organisation.isdigit() or len(organisation) > 9:
            self.errors = {"organisation": "Choisissez l'organisation à habiliter."}
            return
        self.done = await self.call(habilitations.habilitate, organisation_id=int(organisation),
                                    service=str(form.get("service", "")),
                                    valid_until=_day(str(form.get("valid_until", ""))), today=clock.today(),
                                    forbidden="Cette organisation ne relève pas de votre Caf.")
        self.organisations = await self.call(habilitations.organisations, today=clock.today())

    @private_event
    async def withdraw(self, habilitation_id: int):
        self.errors, self.done = {}, ""
        self.done = await self.call(habilitations.withdraw, habilitation_id=int(habilitation_id))
        self.organisations = await self.call(habilitations.organisations, today=clock.today())


S = PartenairesState


def _habilitation(line) -> rx.Component:
    return rx.el.tr(
        rx.el.td(line.service), rx.el.td(line.departement), rx.el.td(line.until), rx.el.td(line.status),
        rx.el.td(rx.cond(line.active, rx.el.button("Retirer", type="button", on_click=S.withdraw(line.id),
                                                   class_name="link-button",
                                                   aria_label="Retirer l'habilitation : " + line.service))))


def _organisation(org) -> rx.Component:
    return card(
        rx.el.h2(org.name),
        rx.el.p(org.kind, " — ", org.staff.to_string(), " compte(s) de son personnel", class_name="hint"),
        rx.cond(org.habilitations.length() > 0, rx.el.table(
            rx.el.caption("Habilitations de ", org.name),
            rx.el.thead(rx.el.tr(*[rx.el.th(text, scope="col") for text in
                                   ("Service", "Département", "Valable jusqu'au", "État")],
                                 rx.el.th(rx.el.span("Action", class_name="sr-only"), scope="col"))),
            rx.el.tbody(rx.foreach(org.habilitations, _habilitation)), class_name="data-table"),
            rx.el.p("Aucune habilitation : son personnel ne peut encore rien consulter.")))


def _form() -> rx.Component:
    error = S.errors
    return rx.el.form(
        select_field(id="organisation", label="Organisation", items=S.organisations,
                     option=lambda org: rx.el.option(org.name, value=org.id.to_string()),
                     error=error.get("organisation", ""), placeholder="Choisissez"),
        select_field(id="service", label="Service", options=[(s.value, s.label) for s in PartnerService],
                     error=error.get("service", ""), placeholder="Choisissez"),
        text_field(id="valid_until", label="Valable jusqu'au", type="date", error=error.get("valid_until", ""),
                   hint="Trois ans au plus ; le territoire est celui de votre Caf."),
        button("Habiliter", type="submit", variant="primary"),
        on_submit=S.habilitate, class_name="form")


def partenaires_page() -> rx.Component:
    return gestion_page(
        S,
        rx.el.h1("Partenaires de la Caf"),
        rx.cond(S.done != "", status(S.done, kind="success")),
        rx.cond(S.errors.get("", "") != "", alert(S.errors.get("", ""))),
        rx.el.div(
            rx.el.div(card(rx.el.h2("Ouvrir un service à un partenaire"), _form()), class_name="gestion-col"),
            rx.el.div(rx.foreach(S.organisations, _organisation), class_name="gestion-col"),
            class_name="gestion-columns"),
    )
