"""The agents' screen for rendez-vous: open the slots of their Caf (a day, its times, a way, a place) and see the
coming ones, free or booked (services/communications/rendez_vous.py)."""

from __future__ import annotations

import reflex as rx

from ..components.ui.actions import button
from ..components.ui.field import messages, text_field
from ..components.ui.message import card, status
from ..domain.errors import DomainError
from ..domain.rendez_vous import MODES, parse_opening
from ..services.communications import rendez_vous
from ..state.private import private_event
from .layout import gestion_page
from .state import AgentState


class CreneauxState(AgentState, rx.State):
    no_access = "Cette page est réservée aux agents de la Caf."
    slots: list[rendez_vous.Slot] = []
    errors: dict[str, str] = {}
    done: str = ""

    def _forget(self) -> None:
        self.slots = []

    @private_event(loader=True)
    async def load(self):
        self.errors, self.done = {}, ""
        self.slots = await self.call(rendez_vous.slots_of_caf)

    @private_event
    async def open(self, form: dict):
        self.errors, self.done = {}, ""
        try:
            day, times = parse_opening(str(form.get("jour", ""))[:20], str(form.get("heures", ""))[:400])
        except DomainError as error:
            self.errors = {error.field: error.message}
            return
        added = await self.call(rendez_vous.open_slots, day=day, times=times, mode=str(form.get("mode", "")),
                                place=str(form.get("lieu", ""))[:200])
        self.done = f"{added} créneau(x) ouvert(s)."
        self.slots = await self.call(rendez_vous.slots_of_caf)


S = CreneauxState


def creneaux() -> rx.Component:
    error = S.errors
    return gestion_page(
        S,
        rx.el.h1("Créneaux de rendez-vous"),
        card(
            rx.el.h2("Ouvrir des créneaux"),
            rx.el.form(
                text_field(id="jour", label="Jour", hint="JJ/MM/AAAA", error=error.get("jour", ""),
                           input_mode="numeric", max_length=10),
                text_field(id="heures", label="Heures de début", hint="Par exemple 09:00, 09:30, 10:00 (30 minutes)",
                           error=error.get("heures", "")),
                rx.el.div(rx.el.label("Façon de recevoir", html_for="mode", class_name="field-label"),
                          rx.el.select(*[rx.el.option(label, value=key) for key, label in MODES.items()], id="mode",
                                       name="mode", class_name="input", aria_describedby="mode-messages"),
                          messages("mode", error.get("mode", "")), class_name="field"),
                text_field(id="lieu", label="Point d'accueil (pour un rendez-vous à l'accueil)",
                           error=error.get("lieu", ""), max_length=200),
                rx.cond(S.done != "", status(S.done, kind="success")),
                button("Ouvrir ces créneaux", type="submit", variant="primary"),
                on_submit=S.open, class_name="form"),
        ),
        card(
            rx.el.h2("Créneaux à venir"),
            rx.cond(S.slots.length() > 0, rx.el.table(
                rx.el.thead(rx.el.tr(rx.el.th("Jour", scope="col"), rx.el.th("Heure", scope="col"),
                                     rx.el.th("Lieu", scope="col"), rx.el.th("État", scope="col"))),
                rx.el.tbody(rx.foreach(S.slots, lambda slot: rx.el.tr(
                    rx.el.td(slot.day), rx.el.td(slot.time), rx.el.td(rx.cond(slot.place != "", slot.place, "—")),
                    rx.el.td(rx.cond(slot.taken, "Réservé", "Libre"))))), class_name="data-table"),
                rx.el.p("Aucun créneau ouvert.")),
        ),
    )
