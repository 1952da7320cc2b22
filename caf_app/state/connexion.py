"""The Connexion form: checks the format, then the password on the server, then opens the session."""

from __future__ import annotations

import asyncio
import functools
import json
from urllib.parse import quote

import reflex as rx
from sqlmodel import Session

from ..api import browser_binding, local_path, safe_next
from ..content import demandes as demande_words, franceconnect as fc_content, passkeys as PK
from ..db import engine
from ..domain.errors import DomainError
from ..routes import CREER_MON_COMPTE, DEMANDES
from ..security.passwords import in_hashing_pool
from ..services.identity import devices, franceconnect, login, passkeys
from ..settings import get_settings
from .session import cookies_of, leave_for, session_cookie


def _in_session(service, /, **kwargs):
    """service(session=..., **kwargs) in one database session (the login has no actor yet)."""
    with Session(engine()) as session:
        return service(session=session, **kwargs)


def browser_of(state: rx.State) -> login.Browser:
    """What the login knows of this browser: its address, its User-Agent and its cookies (the binding one,
    set by the server, api/session.py, or by assets/session.js behind nginx, which the ticket is tied to)."""
    cookies = cookies_of(state.router.headers.cookie)
    return login.Browser(ip=state.router.session.client_ip, user_agent=state.router.headers.user_agent,
                         binding=browser_binding(cookies), device=cookies.get(devices.DEVICE_COOKIE, ""),
                         franceconnect=cookies.get(franceconnect.BROWSER_COOKIE, ""))


def enter(state: rx.State, ticket: login.SessionTicket):
    """The browser exchanges the ticket for the session cookie (/api/session/ouvrir), then opens its target."""
    url = f"/api/session/ouvrir?ticket={quote(ticket.ticket)}&suivant={quote(ticket.target)}"
    # A new, empty tab state. What this tab's forms kept (a simulation typed just before) stays only when
    # nobody was logged in here: the next person on a shared device never gets the previous one's figures.
    return leave_for(url, keep_typed=not session_cookie(state.router))


class ConnexionState(rx.State):
    provisional: bool = False
    identifier_error: str = ""
    password_error: str = ""
    form_error: str = ""
    # "Se souvenir de moi": the identifier only, in this browser (never the password, never a session).
    remembered: str = rx.LocalStorage("", name="caf_identifiant")
    notice: str = ""
    # A browser not seen before: the code step. The account and the code's subject stay on the server.
    code_error: str = ""
    code_notice: str = ""
    _code: login.CodeChallenge | None = None
    fc_enabled: bool = False
    passkeys_enabled: bool = False
    passkey_error: str = ""
    _passkey_challenge: passkeys.Challenge | None = None
    fc_message: str = ""  # how a FranceConnect+ round trip ended (content/franceconnect.py)
    fc_error: bool = False
    # « Créer Mon Compte »: for a demande de prestation, account creation goes back to it (state/signup.py).
    signup_href: str = CREER_MON_COMPTE.path

    @rx.var
    def code_step(self) -> bool:
        return self._code is not None

    @rx.var
    def code_destination(self) -> str:
        return self._code.destination if self._code else ""

    @rx.event
    def load(self):
        query = self.router.url.query_parameters
        reason = query.get("motif", "")
        self.notice = {
            "deconnexion": "Vous êtes déconnecté(e).",
            "expiration": "Votre session a expiré. Connectez-vous à nouveau.",
        }.get(reason, "")
        self.signup_href = CREER_MON_COMPTE.path
        if self._target().startswith(DEMANDES.path + "/"):  # « Faire la demande » of a demande de prestation
            self.notice = demande_words.LOGIN_NEEDED
            self.signup_href = CREER_MON_COMPTE.query(suivant=local_path(self._target())) \
                if local_path(self._target()) else CREER_MON_COMPTE.path
        if query.get("erreur") == "session":
            self.notice = ("La connexion n'a pas abouti. Connectez-vous à nouveau, depuis ce navigateur, cookies "
                           "autorisés.")
        self.identifier_error = self.password_error = self.form_error = self.code_error = ""
        self.fc_enabled = get_settings().fc_enabled
        self.passkeys_enabled, self.passkey_error = get_settings().passkeys_enabled, ""
        self.fc_message, self.fc_error = fc_content.OUTCOMES.get(query.get("franceconnect", ""), ("", False))

    def _browser(self) -> login.Browser:
        return browser_of(self)

    def _target(self) -> str:
        return safe_next(self.router.url.query_parameters.get("suivant"))

    def _enter(self, ticket: login.SessionTicket):
        return enter(self, ticket)

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
        try:
            ticket = await asyncio.to_thread(_in_session, login.with_passkey, credential=answer, challenge=challenge,
                                             settings=get_settings(), browser=self._browser(), target=self._target())
        except DomainError as error:
            self.passkey_error = error.message
            return None
        return self._enter(ticket)

    @rx.event
    def toggle_provisional(self):
        self.provisional = not self.provisional
        self.identifier_error = self.form_error = ""

    @rx.event
    async def submit(self, form: dict):
        self.identifier_error = self.password_error = self.form_error = ""
        identifier = str(form.get("identifiant", ""))
        try:
            # In the hashing pool: argon2 must not block the event loop (nor take every core).
            step = await in_hashing_pool(functools.partial(
                _in_session, login.with_password, identifier=identifier, password=str(form.get("mot_de_passe", "")),
                provisional=self.provisional, browser=self._browser(), target=self._target(),
                secret=get_settings().secret_key))
        except DomainError as error:
            self._show(error)
            return None
        self.remembered = identifier.strip() if form.get("se_souvenir") else ""
        if isinstance(step, login.CodeChallenge):  # a browser not seen before: the code step
            self._code, self.code_error, self.code_notice = step, "", ""
            return rx.call_script("document.getElementById('code')?.focus()")
        return self._enter(step)

    @rx.event
    async def confirm_code(self, form: dict):
        if self._code is None:
            return None
        try:
            ticket = await asyncio.to_thread(_in_session, login.with_code, challenge=self._code,
                                             code=str(form.get("code", "")), browser=self._browser(),
                                             secret=get_settings().secret_key)
        except DomainError as error:
            self.code_error, self.code_notice = error.message, ""
            return rx.call_script("document.getElementById('code')?.focus()")
        self._code = None
        return self._enter(ticket)

    @rx.event
    def resend_code(self):
        if self._code is None:
            return
        try:
            _in_session(login.send_code_again, challenge=self._code, secret=get_settings().secret_key)
        except DomainError as error:
            self.code_error, self.code_notice = error.message, ""
            return
        self.code_error, self.code_notice = "", f"Un nouveau code a été envoyé à {self._code.destination}."

    @rx.event
    def cancel_code(self):
        self._code = None
        self.code_error = self.code_notice = ""

    def _show(self, error: DomainError) -> None:
        if error.field == "identifiant":
            self.identifier_error = error.message
        elif error.field == "mot_de_passe":
            self.password_error = error.message
        else:
            self.form_error = error.message
