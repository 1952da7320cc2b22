"""Mon profil: read, and the pencil edits (one open at a time)."""

from __future__ import annotations

from datetime import date

import reflex as rx

from .. import clock
from ..documents.processing import MAX_FILE_BYTES
from ..documents.storage import private_store
from ..services.situation import profil, profil_edits
from ..settings import get_settings
from .private import PrivateState, private_event

CANNOT = "Vous ne pouvez pas modifier cette information."


class ProfilState(PrivateState, rx.State):
    view: profil.ProfileView | None = None
    editing: str = ""  # "adresse" | "email" | "mobile" | "banque"
    errors: dict[str, str] = {}
    saved: str = ""
    saved_for: str = ""  # the row the saved message shows next to (an "editing" value)
    code_for: str = ""  # the new e-mail or mobile waiting for its code
    rib_name: str = ""
    _rib_key: str = ""  # the RIB chosen, kept in the private store until the change is saved (never its bytes here)

    async def _show_profile(self) -> None:
        """The profile as it is now, after a change that went through (no error left)."""
        self.view = await self.call(profil.own_profile, forbidden=CANNOT)
        self.errors = {}

    @private_event(loader=True)
    async def load(self):
        self.editing, self.errors, self.saved, self.code_for = "", {}, "", ""
        await self._show_profile()

    def _drop_rib(self) -> None:
        if self._rib_key:
            private_store().delete(self._rib_key)
        self._rib_key, self.rib_name = "", ""

    @rx.event
    def edit(self, what: str):
        self._drop_rib()
        self.editing, self.errors, self.saved, self.code_for = what, {}, "", ""

    @rx.event
    def cancel(self):
        self._drop_rib()
        self.editing, self.errors, self.code_for = "", {}, ""

    def _done(self, message: str) -> None:
        self.editing, self.saved, self.saved_for = "", message, self.editing

    @private_event
    async def save_address(self, form: dict):
        try:
            effective = date.fromisoformat(str(form.get("date_effet", "")) or clock.today().isoformat())
        except ValueError:
            self.errors = {"date_effet": "Choisissez la date du changement."}
            return None
        await self.call(profil_edits.change_address, line=str(form.get("adresse", "")),
                        postal_code=str(form.get("code_postal", "")), commune=str(form.get("commune", "")),
                        effective=effective, forbidden=CANNOT)
        await self._show_profile()
        self._done("Votre nouvelle adresse est enregistrée. Le changement apparaît dans Mes démarches.")

    @private_event
    async def start_contact(self, form: dict):
        channel = self.editing
        self.code_for = await self.call(
            profil_edits.start_contact_change, channel=channel, value=str(form.get(channel, "")),
            confirmation=str(form.get(f"{channel}_confirmation", "")),
            password=str(form.get("mot_de_passe_actuel", "")), secret=get_settings().secret_key,
            ip=self.router.session.client_ip, hashing=True, forbidden=CANNOT)
        await self._show_profile()

    @private_event
    async def confirm_contact(self, form: dict):
        await self.call(profil_edits.confirm_contact_change, channel=self.editing, value=self.code_for,
                        code=str(form.get("code", "")), secret=get_settings().secret_key, forbidden=CANNOT)
        await self._show_profile()
        self._done("Votre nouvelle coordonnée est confirmée et enregistrée.")
        self.code_for = ""

    @private_event
    async def add_rib(self, files: list[rx.UploadFile]):
        """The session is checked before a byte is read; the file goes to the private store at once."""
        await self.checked()
        for upload in files[:1]:
            data = await upload.read(MAX_FILE_BYTES + 1)
            if len(data) > MAX_FILE_BYTES:
                self.errors = {"rib": "Ce fichier dépasse 10 Mo : il n'a pas été envoyé. La limite est de 10 Mo."}
                return None
            self._drop_rib()
            self._rib_key, self.rib_name = private_store().put(data, ".rib"), "RIB ajouté"
        return None

    @rx.event
    def rib_rejected(self, codes: list[str]):
        self.errors = {"rib": "Ce fichier dépasse 10 Mo ou n'est pas une photo JPEG, PNG ou HEIC ni un PDF."}

    @private_event
    async def save_bank(self, form: dict):
        store = private_store()
        rib = store.get(self._rib_key) if self._rib_key else b""
        await self.call(profil_edits.change_bank, iban=str(form.get("iban", "")), bic=str(form.get("bic", "")),
                        holder=str(form.get("titulaire", "")), password=str(form.get("mot_de_passe_actuel", "")),
                        rib=rib, store=store, secret=get_settings().secret_key, ip=self.router.session.client_ip,
                        hashing=True, forbidden=CANNOT)
        await self._show_profile()
        self._done("Vos nouvelles coordonnées bancaires sont enregistrées : elles seront utilisées une fois le "
                   "changement traité. D'ici là, les paiements continuent sur votre compte actuel.")
        self._drop_rib()  # the change keeps its own cleaned copy
