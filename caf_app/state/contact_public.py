"""Nous contacter (public): the mail form of a person with no dossier. Every field is checked at once and each
error shown next to its field; a second click (or a submit while the first is on its way) sends nothing more; what
is typed is kept in the tab (sessionStorage, assets/forms.js) and forgotten once sent."""

from __future__ import annotations

import asyncio

import reflex as rx
from sqlmodel import Session

from ..db import engine
from ..domain import contact_public as rules
from ..domain.errors import DomainError
from ..services.communications import contact_public
from ..settings import get_settings

DRAFT_KEY = "caf_nous_contacter"  # assets/forms.js keeps the form's fields under this key (data-keep)
FORGET_DRAFT = f"try {{ sessionStorage.removeItem('{DRAFT_KEY}'); }} catch (e) {{}}"


class ContactPublicState(rx.State):
    errors: dict[str, str] = {}
    sent_to: str = ""  # the Caf's name, once sent
    sent_on: str = ""
    sending: bool = False

    @rx.event
    def load(self):
        self.errors, self.sending = {}, False

    @rx.event
    def again(self):
        """Write another message (the form comes back, empty)."""
        self.sent_to = self.sent_on = ""
        self.errors = {}

    @rx.event
    async def submit(self, form: dict):
        if self.sending or self.sent_to:  # a double click: the first one sends
            return None
        message, errors = rules.check({key: str(value)[:20000] for key, value in form.items()})
        if message is None:
            self.errors = errors
            return None
        self.sending, self.errors = True, {}
        client, secret = self.router.session.client_ip, get_settings().secret_key

        def record():
            with Session(engine()) as session:
                return contact_public.send(session=session, message=message, client=client, secret=secret)

        try:
            sent = await asyncio.to_thread(record)
        except DomainError as error:
            self.errors = {error.field: error.message}
            return None
        finally:
            self.sending = False
        self.sent_to, self.sent_on = sent.caf, sent.received_on
        return rx.call_script(FORGET_DRAFT)
