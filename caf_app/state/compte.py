"""Gérer Mon Compte (password, autorisations, journal), Mon agenda, Contacter ma Caf, display settings."""

from __future__ import annotations

import json

import reflex as rx
from sqlmodel import Session

from .. import clock, routes
from ..content import passkeys as PK
from ..db import engine
from ..domain.declarations import PRESTATIONS
from ..domain.errors import DomainError, Forbidden
from ..services.communications import agenda
from ..services.identity import account, delegation, devices, passkeys
from ..services.identity.devices import device_label
from ..services.situation import declarations
from ..settings import get_settings
from .password import PasswordChecklist, run_with_password
from .private import DossierPage
from .session import SessionState, cookie_token, current_actor, run_for_actor, session_cookie, session_ended


class DisplayState(rx.State):
    """Display preferences kept in this browser: the easy-to-read variant by default."""

    falc_preferred: str = rx.LocalStorage("", name="caf_facile_a_lire")

    @rx.event
    def toggle_falc(self, _checked=None):
        self.falc_preferred = "" if self.falc_preferred else "oui"


class AutorisationsState(rx.State):
    spouse: str = ""
    choice: str = ""
    first_time: bool = False
    message: str = ""
    error: str = ""
    allowed: bool = True

    @rx.event
    async def load(self):
        self.first_time = self.router.url.query_parameters.get("premiere") == "1"
        self.message, self.error = "", ""
        actor = await current_actor(self)
        if actor is None:
            return
        try:
            with Session(engine()) as session:
                self.spouse, self.choice = delegation.current_choice(session=session, actor=actor)
            self.allowed = bool(self.spouse)
        except Forbidden:
            self.allowed = False

    @rx.event
    async def save(self, form: dict):
        actor = await current_actor(self)
        if actor is None:
            return session_ended()
        choice = str(form.get("autorisation", ""))
        if choice not in ("oui", "non"):
            self.error = "Choisissez Oui ou Non."
            return None
        with Session(engine()) as session:
            delegation.set_delegation(session=session, actor=actor, grant=choice == "oui",
                                      ip=self.router.session.client_ip)
        self.choice, self.error = ("granted" if choice == "oui" else "refused"), ""
        self.message = (f"Vous autorisez {self.spouse} à gérer votre dossier." if choice == "oui"
                        else f"{self.spouse} n'a pas accès à votre dossier.")
        return rx.redirect(routes.ACCUEIL.path) if self.first_time else None

    @rx.event
    async def skip(self):
        (await self.get_state(SessionState))._delegation_skipped = True
        return rx.redirect(routes.ACCUEIL.path)


class GererState(PasswordChecklist, rx.State):
    events: list[account.AuditLine] = []
    known_devices: list[devices.DeviceLine] = []
    device_notice: str = ""
    errors: dict[str, str] = {}
    done: str = ""
    passkeys_enabled: bool = False
    my_passkeys: list[passkeys.PasskeyLine] = []
    passkey_notice: str = ""
    passkey_error: str = ""
    passkey_error_field: str = ""  # the password typed to confirm, refused
    _passkey_challenge: passkeys.Challenge | None = None

    @rx.event
    async def load(self):
        self.errors, self.done, self.device_notice, self.passkey_notice, self.passkey_error = {}, "", "", "", ""
        self.passkey_error_field = ""
        self.passkeys_enabled = get_settings().passkeys_enabled
        actor = await current_actor(self)
        if actor is None:
            return
        with Session(engine()) as session:
            self._show_security(session, actor)

    def _show_security(self, session, actor) -> None:
        """What the page lists of the account's security: devices, passkeys, the last events."""
        self.events = account.last_events(session=session, actor=actor)
        self.known_devices = devices.list_devices(session=session, actor=actor)
        self.my_passkeys = passkeys.list_passkeys(session=session, actor=actor)

    @rx.event
    async def add_passkey(self, form: dict):
        """"Activer la connexion par empreinte ou reconnaissance faciale": the password again, then the device
        makes a passkey."""
        self.passkey_notice = self.passkey_error = self.passkey_error_field = ""
        if not get_settings().passkeys_enabled:
            return None
        options: list[str] = []

        def action(session, actor):
            json_options, self._passkey_challenge = passkeys.registration_options(
                session=session, actor=actor, settings=get_settings(), password=str(form.get("mot_de_passe_cle", "")),
                ip=self.router.session.client_ip)
            options.append(json_options)

        actor, error = await run_with_password(self, action)
        if actor is None:
            return session_ended()
        if error is not None:
            self.passkey_error_field = getattr(error, "message", PK.NOT_CREATED)
            return rx.call_script("document.getElementById('mot_de_passe_cle')?.focus()")
        return rx.call_script(f"window.cafCreatePasskey({json.dumps(options[0])})", callback=GererState.passkey_made)

    @rx.event
    async def passkey_made(self, answer: str):
        challenge, self._passkey_challenge = self._passkey_challenge, None  # one use
        self.passkey_error = passkeys.refused(answer, challenge, cancelled=PK.NOT_CREATED)
        if self.passkey_error:
            return

        def action(session, actor):
            passkeys.register(session=session, actor=actor, credential=answer, challenge=challenge,
                              settings=get_settings(), label=device_label(self.router.headers.user_agent))
            self._show_security(session, actor)

        actor, error = await run_for_actor(self, action)
        if actor is None:
            return session_ended()
        if error is not None:
            self.passkey_error = getattr(error, "message", passkeys.NOT_SAVED)
            return
        self.passkey_notice = PK.ACTIVATED

    @rx.event
    async def remove_passkey(self, passkey_id: int):
        def action(session, actor):
            passkeys.remove(session=session, actor=actor, passkey_id=passkey_id,
                            keep_session=session_cookie(self.router), secret=get_settings().secret_key)
            self._show_security(session, actor)

        actor, error = await run_for_actor(self, action)
        if actor is None:
            return session_ended()
        self.passkey_error, self.passkey_notice = ("", PK.REMOVED) if error is None else (PK.NOT_YOURS, "")

    @rx.event
    async def remove_device(self, device_id: int):
        def action(session, actor):
            devices.revoke(session=session, actor=actor, device_id=device_id,
                           keep_session=session_cookie(self.router), secret=get_settings().secret_key)
            self._show_security(session, actor)

        actor, error = await run_for_actor(self, action)
        if actor is None:
            return session_ended()
        self.device_notice = ("Cet appareil n'est plus reconnu : sa prochaine connexion demandera un code. Vos "
                              "autres sessions ouvertes sont fermées."
                              if error is None else "Cet appareil n'est pas dans votre liste.")

    @rx.event
    async def change_password(self, form: dict):
        def action(session, actor):
            account.change_password(session=session, actor=actor, current=str(form.get("actuel", "")),
                                    new=str(form.get("mot_de_passe", "")),
                                    confirmation=str(form.get("confirmation", "")),
                                    keep_token=session_cookie(self.router),
                                    keep_device=cookie_token(self.router.headers.cookie, devices.DEVICE_COOKIE),
                                    secret=get_settings().secret_key, ip=self.router.session.client_ip)
            self.events = account.last_events(session=session, actor=actor)

        actor, error = await run_with_password(self, action)
        if actor is None:
            return session_ended()
        if isinstance(error, DomainError):
            self.errors = {error.field: error.message}
            return None
        if error is not None:
            raise error
        self.errors, self.done = {}, "Votre nouveau mot de passe est enregistré. Vos autres sessions sont fermées."
        return None


class AgendaState(DossierPage, rx.State):
    lines: list[agenda.AgendaLine] = []

    def _forget(self) -> None:
        self.lines = []

    @rx.event
    async def load(self):
        def read(session, actor):
            self.lines = agenda.agenda(session=session, actor=actor, today=clock.today())

        await self._read(read)


class ContactState(rx.State):
    info: agenda.Contact | None = None
    errors: dict[str, str] = {}
    sent: str = ""

    @rx.event
    async def load(self):
        self.errors, self.sent = {}, ""
        actor = await current_actor(self)
        if actor is None:
            return
        with Session(engine()) as session:
            self.info = agenda.contact(session=session, actor=actor)

    @rx.event
    async def write(self, form: dict):
        actor = await current_actor(self)
        if actor is None:
            return session_ended()
        try:
            with Session(engine()) as session:
                reference = agenda.write_to_caf(session=session, actor=actor, subject=str(form.get("objet", "")),
                                                message=str(form.get("message", "")))
        except DomainError as error:
            self.errors = {error.field: error.message}
            return None
        except Forbidden:
            self.errors = {"": "Vous ne pouvez pas écrire à la Caf pour ce dossier : appelez-la ou rendez-vous "
                               "dans un point d'accueil."}
            return None
        self.errors = {}
        self.sent = f"Votre message est envoyé (référence {reference}). Il apparaît dans Mes démarches."
        return None


class RessourcesState(DossierPage, rx.State):
    sent: list[declarations.SentDeclaration] = []
    due: list[tuple[str, str]] = []

    def _forget(self) -> None:
        self.sent, self.due = [], []

    @rx.event
    async def load(self):
        def read(session, actor):
            self.sent = declarations.sent_declarations(session=session, actor=actor)
            self.due = [(PRESTATIONS[key], key.replace("_", "-"))
                        for key in declarations.prestations_due(session=session, actor=actor, today=clock.today())]

        await self._read(read)
