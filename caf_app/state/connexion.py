"""The Connexion form: checks the format, then the password on the server, then opens the session."""

from __future__ import annotations

import asyncio
from urllib.parse import quote

import reflex as rx
from sqlmodel import Session

from ..api import safe_next
from ..db import engine
from ..domain.errors import DomainError
from ..services import auth
from ..settings import get_settings
from .session import leave_for


class ConnexionState(rx.State):
    provisional: bool = False
    identifier_error: str = ""
    password_error: str = ""
    form_error: str = ""
    # "Se souvenir de moi": the identifier only, in this browser (never the password, never a session).
    remembered: str = rx.LocalStorage("", name="caf_identifiant")
    notice: str = ""

    @rx.event
    def load(self):
        reason = self.router.url.query_parameters.get("motif", "")
        self.notice = {
            "deconnexion": "Vous êtes déconnecté(e).",
            "expiration": "Votre session a expiré. Connectez-vous à nouveau.",
        }.get(reason, "")
        if self.router.url.query_parameters.get("erreur") == "session":
            self.notice = "La connexion n'a pas abouti. Connectez-vous à nouveau."
        self.identifier_error = self.password_error = self.form_error = ""

    @rx.event
    def toggle_provisional(self):
        self.provisional = not self.provisional
        self.identifier_error = self.form_error = ""

    @rx.event
    async def submit(self, form: dict):
        self.identifier_error = self.password_error = self.form_error = ""
        identifier, password = str(form.get("identifiant", "")), str(form.get("mot_de_passe", ""))
        try:
            # In a worker thread: argon2 and the throttling delay must not block the event loop.
            ticket = await asyncio.to_thread(self._login, identifier, password)
        except DomainError as error:
            self._show(error)
            return None
        self.remembered = identifier.strip() if form.get("se_souvenir") else ""
        target = safe_next(self.router.url.query_parameters.get("suivant"))
        url = f"/api/session/ouvrir?ticket={quote(ticket.ticket)}&suivant={quote(target)}"
        return leave_for(url)  # the person logging in starts from a new, empty tab state

    def _login(self, identifier: str, password: str) -> auth.LoginTicket:
        with Session(engine()) as session:
            return auth.login(session=session, identifier=identifier, password=password,
                              provisional=self.provisional, secret=get_settings().secret_key,
                              ip=self.router.session.client_ip, user_agent=self.router.headers.user_agent)

    def _show(self, error: DomainError) -> None:
        if error.field == "identifiant":
            self.identifier_error = error.message
        elif error.field == "mot_de_passe":
            self.password_error = error.message
        else:
            self.form_error = error.message
