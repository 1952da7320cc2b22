"""Gérer Mon Compte (password, autorisations, journal), Mon agenda, Contacter ma Caf, display settings."""

from __future__ import annotations

import json
from typing import ClassVar

import reflex as rx

from .. import clock, routes
from ..content import passkeys as PK
from ..domain.errors import DomainError
from ..services.communications import agenda
from ..services.identity import account, delegation, devices, passkeys
from ..services.identity.devices import device_label
from ..services.situation import annual_declarations, declarations
from ..settings import get_settings
from .password import PasswordChecklist
from .private import PrivateState, private_event
from .session import SessionState, cookie_token, session_cookie


class DisplayState(rx.State):
    """Display preferences kept in this browser: the easy-to-read variant by default."""

    falc_preferred: str = rx.LocalStorage("", name="caf_facile_a_lire")

    @rx.event
    def toggle_falc(self, _checked=None):
        self.falc_preferred = "" if self.falc_preferred else "oui"


class AutorisationsState(PrivateState, rx.State):
    spouse: str = ""
    choice: str = ""
    first_time: bool = False
    message: str = ""
    error: str = ""
    allowed: bool = True

    def _forget(self) -> None:
        self.allowed = False  # only the allocataire of a couple chooses

    @private_event(loader=True)
    async def load(self):
        self.first_time = self.router.url.query_parameters.get("premiere") == "1"
        self.message, self.error = "", ""
        self.spouse, self.choice = await self.call(delegation.current_choice)
        self.allowed = bool(self.spouse)

    @private_event
    async def save(self, form: dict):
        await self.checked()
        choice = str(form.get("autorisation", ""))
        if choice not in ("oui", "non"):
            self.error = "Choisissez Oui ou Non."
            return None
        await self.call(delegation.set_delegation, grant=choice == "oui", ip=self.router.session.client_ip)
        self.choice, self.error = ("granted" if choice == "oui" else "refused"), ""
        self.message = (f"Vous autorisez {self.spouse} à gérer votre dossier." if choice == "oui"
                        else f"{self.spouse} n'a pas accès à votre dossier.")
        return rx.redirect(routes.ACCUEIL.path) if self.first_time else None

    @rx.event
    async def skip(self):
        (await self.get_state(SessionState))._delegation_skipped = True
        return rx.redirect(routes.ACCUEIL.path)


class GererState(PasswordChecklist, PrivateState, rx.State):
    # The only refusal here: a tuteur moral's session, which has no account of its own (policy.can_manage_account).
    no_access: ClassVar[str] = ("Le mot de passe, les appareils et les connexions sont ceux du compte de la personne "
                                "protégée : en tant que tuteur, vous ne les voyez pas et ne les modifiez pas.")
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

    @private_event(loader=True)
    async def load(self):
        self.errors, self.done, self.device_notice, self.passkey_notice, self.passkey_error = {}, "", "", "", ""
        self.passkey_error_field = ""
        self.passkeys_enabled = get_settings().passkeys_enabled
        await self._show_security()

    async def _show_security(self) -> None:
        """What the page lists of the account's security: devices, passkeys, the last events."""
        self.events = await self.call(account.last_events)
        self.known_devices = await self.call(devices.list_devices)
        self.my_passkeys = await self.call(passkeys.list_passkeys)

    @private_event
    async def add_passkey(self, form: dict):
        """"Activer la connexion par empreinte ou reconnaissance faciale": the password again, then the device
        makes a passkey."""
        self.passkey_notice = self.passkey_error = self.passkey_error_field = ""
        if not get_settings().passkeys_enabled:
            return None
        try:
            options, self._passkey_challenge = await self.call(
                passkeys.registration_options, settings=get_settings(),
                password=str(form.get("mot_de_passe_cle", "")), ip=self.router.session.client_ip, hashing=True,
                shown_in="passkey_error_field", forbidden=PK.NOT_CREATED, passing=(DomainError,))
        except DomainError as error:  # the password typed again: shown, and the field focused to type it again
            self.passkey_error_field = error.message
            return rx.call_script("document.getElementById('mot_de_passe_cle')?.focus()")
        return rx.call_script(f"window.cafCreatePasskey({json.dumps(options)})", callback=GererState.passkey_made)

    @private_event
    async def passkey_made(self, answer: str):
        challenge, self._passkey_challenge = self._passkey_challenge, None  # one use
        self.passkey_error = passkeys.refused(answer, challenge, cancelled=PK.NOT_CREATED)
        if self.passkey_error:
            return
        await self.call(passkeys.register, credential=answer, challenge=challenge, settings=get_settings(),
                        label=device_label(self.router.headers.user_agent), shown_in="passkey_error",
                        forbidden=passkeys.NOT_SAVED)
        await self._show_security()
        self.passkey_notice = PK.ACTIVATED

    @private_event
    async def remove_passkey(self, passkey_id: int):
        self.passkey_error = self.passkey_notice = ""
        await self.call(passkeys.remove, passkey_id=passkey_id, keep_session=session_cookie(self.router),
                        secret=get_settings().secret_key, shown_in="passkey_error", forbidden=PK.NOT_YOURS)
        await self._show_security()
        self.passkey_notice = PK.REMOVED

    @private_event
    async def remove_device(self, device_id: int):
        await self.call(devices.revoke, device_id=device_id, keep_session=session_cookie(self.router),
                        secret=get_settings().secret_key, shown_in="device_notice",
                        forbidden="Cet appareil n'est pas dans votre liste.")
        await self._show_security()
        self.device_notice = ("Cet appareil n'est plus reconnu : sa prochaine connexion demandera un code. Vos "
                              "autres sessions ouvertes sont fermées.")

    @private_event
    async def change_password(self, form: dict):
        await self.call(account.change_password, current=str(form.get("actuel", "")),
                        new=str(form.get("mot_de_passe", "")), confirmation=str(form.get("confirmation", "")),
                        keep_token=session_cookie(self.router),
                        keep_device=cookie_token(self.router.headers.cookie, devices.DEVICE_COOKIE),
                        secret=get_settings().secret_key, ip=self.router.session.client_ip, hashing=True)
        self.events = await self.call(account.last_events)
        self.errors, self.done = {}, "Votre nouveau mot de passe est enregistré. Vos autres sessions sont fermées."


class AgendaState(PrivateState, rx.State):
    lines: list[agenda.AgendaLine] = []

    def _forget(self) -> None:
        self.lines = []

    @private_event(loader=True)
    async def load(self):
        self.lines = await self.call(agenda.agenda, today=clock.today())


CANNOT_WRITE = ("Vous ne pouvez pas écrire à la Caf pour ce dossier : appelez-la ou rendez-vous dans un point "
                "d'accueil.")


class ContactState(PrivateState, rx.State):
    info: agenda.Contact | None = None
    errors: dict[str, str] = {}
    sent: str = ""

    @private_event(loader=True)
    async def load(self):
        self.errors, self.sent = {}, ""
        self.info = await self.call(agenda.contact)

    @private_event
    async def write(self, form: dict):
        reference = await self.call(agenda.write_to_caf, subject=str(form.get("objet", "")),
                                    message=str(form.get("message", "")), forbidden=CANNOT_WRITE)
        self.errors = {}
        self.sent = f"Votre message est envoyé (référence {reference}). Il apparaît dans Mes démarches."


class RessourcesState(PrivateState, rx.State):
    sent: list[declarations.SentDeclaration] = []
    due: list[tuple[str, str]] = []
    annual: list[annual_declarations.AnnualLink] = []  # ressources annuelles, patrimoine, avantage vieillesse
    annual_sent: list[declarations.SentDeclaration] = []

    def _forget(self) -> None:
        self.sent, self.due, self.annual, self.annual_sent = [], [], [], []

    @private_event(loader=True)
    async def load(self):
        self.sent = await self.call(declarations.sent_declarations)
        self.due = [(p.label, p.slug)
                    for p in await self.call(declarations.prestations_due, today=clock.today())]
        self.annual = await self.call(annual_declarations.links, today=clock.today())
        self.annual_sent = await self.call(annual_declarations.sent_declarations)
