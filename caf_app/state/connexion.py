"""The Connexion form: checks the format, then the password on the server, then opens the session."""

from __future__ import annotations

import asyncio
import json
import time
from urllib.parse import quote

import reflex as rx
from sqlmodel import Session

from .. import models as m
from ..api import browser_binding, safe_next
from ..content import franceconnect as fc_content, passkeys as PK
from ..db import engine
from ..domain.errors import DomainError
from ..security.passwords import in_hashing_pool
from ..services.identity import auth, devices, franceconnect, passkeys
from ..settings import get_settings
from .session import cookie_token, cookies_of, leave_for, session_cookie


class ConnexionState(rx.State):
    provisional: bool = False
    identifier_error: str = ""
    password_error: str = ""
    form_error: str = ""
    # "Se souvenir de moi": the identifier only, in this browser (never the password, never a session).
    remembered: str = rx.LocalStorage("", name="caf_identifiant")
    notice: str = ""
    # A device not seen before: the code step. The account and the code's subject stay on the server.
    code_step: bool = False
    code_destination: str = ""
    code_error: str = ""
    code_notice: str = ""
    _pending_account: int = 0
    _challenge: str = ""
    _challenge_at: float = 0.0  # when the password was checked: a password changed since voids the step
    _target: str = ""
    fc_enabled: bool = False
    passkeys_enabled: bool = False
    passkey_error: str = ""
    _passkey_challenge: passkeys.Challenge | None = None
    fc_message: str = ""  # how a FranceConnect+ round trip ended (content/franceconnect.py)
    fc_error: bool = False

    @rx.event
    def load(self):
        query = self.router.url.query_parameters
        reason = query.get("motif", "")
        self.notice = {
            "deconnexion": "Vous êtes déconnecté(e).",
            "expiration": "Votre session a expiré. Connectez-vous à nouveau.",
        }.get(reason, "")
        if query.get("erreur") == "session":
            self.notice = ("La connexion n'a pas abouti. Connectez-vous à nouveau, depuis ce navigateur, cookies "
                           "autorisés.")
        self.identifier_error = self.password_error = self.form_error = self.code_error = ""
        self.fc_enabled = get_settings().fc_enabled
        self.passkeys_enabled, self.passkey_error = get_settings().passkeys_enabled, ""
        self.fc_message, self.fc_error = fc_content.OUTCOMES.get(query.get("franceconnect", ""), ("", False))

    @rx.event
    def passkey_login(self):
        """"Se connecter avec une clé d'accès": the device offers its passkeys for this site; no NIR typed."""
        self.passkey_error = ""
        if not get_settings().passkeys_enabled:
            return None
        options, self._passkey_challenge = passkeys.authentication_options(settings=get_settings())
        return rx.call_script(f"window.cafUsePasskey({json.dumps(options)})", callback=ConnexionState.passkey_used)

    @rx.event
    async def passkey_used(self, answer: str):
        challenge, self._passkey_challenge = self._passkey_challenge, None  # one use
        self.passkey_error = passkeys.refused(answer, challenge, cancelled=PK.LOGIN_CANCELLED)
        if self.passkey_error:
            return None

        def login():
            settings = get_settings()
            with Session(engine()) as session:
                account = passkeys.authenticate(session=session, credential=answer, challenge=challenge,
                                                settings=settings)
                return self._open(session, account, "clé d'accès")  # the device proved it: no code

        try:
            ticket = await asyncio.to_thread(login)
        except DomainError as error:
            self.passkey_error = error.message
            return None
        return self._enter(ticket.ticket, safe_next(self.router.url.query_parameters.get("suivant")))

    @rx.event
    def toggle_provisional(self):
        self.provisional = not self.provisional
        self.identifier_error = self.form_error = ""

    @rx.event
    async def submit(self, form: dict):
        self.identifier_error = self.password_error = self.form_error = ""
        identifier, password = str(form.get("identifiant", "")), str(form.get("mot_de_passe", ""))
        try:
            # In the hashing pool: argon2 must not block the event loop (nor take every core).
            ticket, account_id, challenge = await in_hashing_pool(self._login, identifier, password)
        except DomainError as error:
            self._show(error)
            return None
        self.remembered = identifier.strip() if form.get("se_souvenir") else ""
        target = safe_next(self.router.url.query_parameters.get("suivant"))
        if ticket is None:  # a device not seen before: the code step
            self._pending_account, self._challenge, self._target = account_id, challenge.subject, target
            self._challenge_at = time.time()
            self.code_step, self.code_destination, self.code_error, self.code_notice = True, challenge.destination, \
                "", ""
            return rx.call_script("document.getElementById('code')?.focus()")
        return self._enter(ticket.ticket, target)

    def _login(self, identifier: str, password: str):
        """(ticket, account id, challenge): a ticket on a known device, else the challenge of the code sent."""
        secret = get_settings().secret_key
        with Session(engine()) as session:
            account = auth.check_password(session=session, identifier=identifier, password=password,
                                          provisional=self.provisional, secret=secret,
                                          ip=self.router.session.client_ip)
            flow = franceconnect.pending(session, browser=cookie_token(self.router.headers.cookie,
                                                                       franceconnect.BROWSER_COOKIE), secret=secret)
            if flow is not None and franceconnect.same_person(session.get(m.Person, account.person_id),
                                                              franceconnect.identity_of(flow)):
                # The first FranceConnect+ login of this very person: linked now, and no device code.
                return franceconnect.link(session, flow=flow, account=account, secret=secret,
                                          ip=self.router.session.client_ip, user_agent=self.router.headers.user_agent,
                                          browser=self._browser()), account.id, None
            if flow is not None:  # someone else logs in on this browser: the identity left here is forgotten
                franceconnect.finish_pending(session, flow=flow)
            device = cookie_token(self.router.headers.cookie, devices.DEVICE_COOKIE)
            known = devices.is_trusted(session, account_id=account.id, token=device, secret=secret)
            challenge = None if known else devices.start(session, account=account, secret=secret)
            if known or challenge is None:  # no contact to send a code to: the password alone, as before 2024
                return self._open(session, account, "appareil connu" if known else "sans contact"), account.id, None
            return None, account.id, challenge

    def _browser(self) -> str:
        """This browser's binding cookie (set by the server, api/session.py, or by assets/session.js behind nginx),
        which the login ticket is tied to."""
        return browser_binding(cookies_of(self.router.headers.cookie))

    def _open(self, session: Session, account, how: str) -> auth.LoginTicket:
        return auth.open_session(session=session, account=account, secret=get_settings().secret_key,
                                 ip=self.router.session.client_ip, user_agent=self.router.headers.user_agent, how=how,
                                 browser=self._browser())

    def _enter(self, ticket: str, target: str):
        url = f"/api/session/ouvrir?ticket={quote(ticket)}&suivant={quote(target)}"
        # A new, empty tab state. What this tab's forms kept (a simulation typed just before) stays only when
        # nobody was logged in here: the next person on a shared device never gets the previous one's figures.
        return leave_for(url, keep_typed=not session_cookie(self.router))

    @rx.event
    async def confirm_code(self, form: dict):
        if not self.code_step:
            return None
        try:
            ticket = await asyncio.to_thread(self._confirm, str(form.get("code", "")))
        except DomainError as error:
            self.code_error, self.code_notice = error.message, ""
            return rx.call_script("document.getElementById('code')?.focus()")
        self.code_step, self._challenge = False, ""
        return self._enter(ticket.ticket, self._target)

    def _confirm(self, code: str) -> auth.LoginTicket:
        secret = get_settings().secret_key
        with Session(engine()) as session:
            account = session.get(m.Account, self._pending_account)
            changed = account.password_changed_at
            if changed and m.aware(changed).timestamp() > self._challenge_at:
                raise DomainError("code", "Votre mot de passe a changé depuis : annulez, puis connectez-vous à "
                                          "nouveau.")
            devices.confirm(session, account_id=account.id, subject=self._challenge, code=code, secret=secret)
            ticket = self._open(session, account, "code envoyé sur un nouvel appareil")
            devices.remember(session, account_id=account.id, ticket=ticket.ticket,
                             user_agent=self.router.headers.user_agent, secret=secret)
            return ticket

    @rx.event
    def resend_code(self):
        if not self.code_step:
            return
        try:
            with Session(engine()) as session:
                devices.send_code(session, account_id=self._pending_account, subject=self._challenge,
                                  secret=get_settings().secret_key)
        except DomainError as error:
            self.code_error, self.code_notice = error.message, ""
            return
        self.code_error, self.code_notice = "", f"Un nouveau code a été envoyé à {self.code_destination}."

    @rx.event
    def cancel_code(self):
        self.code_step, self._pending_account, self._challenge = False, 0, ""
        self.code_error = self.code_notice = ""

    def _show(self, error: DomainError) -> None:
        if error.field == "identifiant":
            self.identifier_error = error.message
        elif error.field == "mot_de_passe":
            self.password_error = error.message
        else:
            self.form_error = error.message
