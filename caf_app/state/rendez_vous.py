"""Prendre rendez-vous (/prendre-rendez-vous, from Ma Caf and from Mon Compte) and Mon rendez-vous
(/mon-rendez-vous: from the mail's link, or from Mon agenda): public pages; a logged-in allocataire books with
their dossier's contact, anyone else gives a name, a mail and a phone (services/communications/rendez_vous.py)."""

from __future__ import annotations

from dataclasses import dataclass

import reflex as rx

from .. import clock
from ..domain.errors import DomainError, Forbidden
from ..domain.rendez_vous import check_choice, check_contact
from ..services.communications import rendez_vous
from .private import public_call
from .session import current_actor

FOCUS_STEP = "document.getElementById('etape')?.focus()"
NOT_YOURS = "Ce rendez-vous n'existe pas ou n'est pas le vôtre."


@dataclass(frozen=True)
class SlotView:
    id: str
    label: str  # « mardi 8 décembre 2026 à 09h30 »
    place: str


@dataclass(frozen=True)
class BookedView:
    reference: str
    when: str
    mode: str
    place: str
    reason: str
    cancelled: bool


def _slots(slots) -> list[SlotView]:
    return [SlotView(str(slot.id), f"{slot.day} à {slot.time}", slot.place) for slot in slots]


def _view(booked) -> BookedView:
    return BookedView(booked.reference, booked.when, booked.mode, booked.place, booked.reason, booked.cancelled)


def _id(value) -> int:
    text = str(value or "")
    return int(text) if text.isdigit() and len(text) < 10 else 0


class RendezVousState(rx.State):
    step: str = "choix"  # choix -> creneau -> fait
    cafs: list[tuple[str, str]] = []
    loaded: bool = False  # the list of Cafs has come back (empty: none books online)
    caf_id: str = ""
    allocataire: bool = False
    reason: str = ""
    mode: str = ""
    slots: list[SlotView] = []
    errors: dict[str, str] = {}
    booked: BookedView | None = None
    manage: str = ""  # the link to manage it, right after booking (its token is never stored)

    @rx.event
    async def load(self):
        self.step, self.errors, self.booked, self.manage, self.slots = "choix", {}, None, "", []
        actor = await current_actor(self, opening=True)
        found = await public_call(rendez_vous.booking, actor=actor,
                           departement=str(self.router.url.query_parameters.get("caf", ""))[:3])
        self.cafs, self.allocataire, self.loaded = found.cafs, found.allocataire, True
        self.caf_id = str(found.caf_id) if found.caf_id else ""

    @rx.event
    async def choose(self, form: dict):
        self.reason, self.mode = str(form.get("motif", "")), str(form.get("mode", ""))
        self.caf_id = str(form.get("caf", ""))[:10]
        self.errors = check_choice(self.reason, self.mode)
        if self.caf_id not in {caf_id for caf_id, _ in self.cafs}:
            self.errors["caf"] = "Choisissez votre Caf."
        if self.errors:
            return
        await self._load_slots()
        self.step = "creneau"
        return rx.call_script(FOCUS_STEP)

    async def _load_slots(self) -> None:
        self.slots = _slots(await public_call(rendez_vous.free_slots, caf_id=int(self.caf_id), mode=self.mode))

    @rx.event
    def back(self):
        self.step, self.errors = "choix", {}

    @rx.event
    async def confirm(self, form: dict):
        if self.step != "creneau":  # a double tap: the first one booked it
            return
        self.errors = {}
        creneau = _id(form.get("creneau"))
        if not creneau:
            self.errors["creneau"] = "Choisissez un créneau."
        actor = await current_actor(self)
        contact = None
        if not self.allocataire:
            contact, errors = check_contact(form)
            self.errors |= errors
        if self.errors:
            return
        try:
            booked = await public_call(rendez_vous.book, actor=actor if self.allocataire else None,
                                       caf_id=int(self.caf_id), creneau_id=creneau, reason=self.reason,
                                       mode=self.mode, contact=contact, client=self.router.session.client_ip)
        except DomainError as error:  # the slot just taken, or too many bookings: said above the button
            self.errors = {error.field or "creneau": error.message}
            await self._load_slots()
            return
        except Forbidden:
            self.errors = {"creneau": "Vous ne pouvez pas prendre rendez-vous pour ce dossier."}
            return
        self.booked, self.manage, self.step = _view(booked), rendez_vous.manage_link(booked.token), "fait"
        return rx.call_script(FOCUS_STEP)


class MonRendezVousState(rx.State):
    """One rendez-vous: by the token of its mail (?jeton=), or an allocataire's own (?id=, from Mon agenda)."""

    booked: BookedView | None = None
    slots: list[SlotView] = []
    moving: bool = False
    error: str = ""
    done: str = ""

    def _key(self) -> dict:
        query = self.router.url.query_parameters
        return {"token": str(query.get("jeton", ""))[:100], "rendez_vous_id": _id(query.get("id"))}

    async def _call(self, work, **kwargs):
        key = self._key()
        actor = None if key["token"] else await current_actor(self)
        return await public_call(work, actor=actor, **key, **kwargs)

    @rx.event
    async def load(self):
        self.booked, self.slots, self.moving, self.error, self.done = None, [], False, "", ""
        try:
            self.booked = _view(await self._call(rendez_vous.find))
        except (DomainError, Forbidden):
            self.error = NOT_YOURS

    @rx.event
    async def start_moving(self):
        self.error, self.done = "", ""
        self.slots = _slots(await self._call(rendez_vous.choices_for))
        self.moving = True

    @rx.event
    async def move(self, form: dict):
        self.error, self.done = "", ""
        creneau = _id(form.get("creneau"))
        if not creneau:
            self.error = "Choisissez un nouveau créneau."
            return
        try:
            self.booked = _view(await self._call(rendez_vous.move, creneau_id=creneau, now=clock.now()))
        except DomainError as error:
            self.error = error.message
            self.slots = _slots(await self._call(rendez_vous.choices_for))
            return
        self.moving, self.done = False, "Votre rendez-vous est déplacé. Un courriel vous le confirme."

    @rx.event
    async def cancel(self):
        self.error, self.done = "", ""
        try:
            self.booked = _view(await self._call(rendez_vous.cancel))
        except DomainError as error:
            self.error = error.message
            return
        self.moving, self.done = False, "Votre rendez-vous est annulé. Un courriel vous le confirme."
