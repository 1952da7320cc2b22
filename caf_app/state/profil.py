"""Mon profil: read, and the pencil edits (one open at a time)."""

from __future__ import annotations

from datetime import date

import reflex as rx

from .. import clock
from ..documents.processing import MAX_FILE_BYTES
from ..documents.storage import private_store
from ..domain.errors import Forbidden
from ..services.situation import profile, profile_edits
from ..settings import get_settings
from .password import run_with_password
from .session import current_actor, run_for_actor, session_ended


class ProfilState(rx.State):
    view: profile.ProfileView | None = None
    editing: str = ""  # "adresse" | "email" | "mobile" | "banque"
    errors: dict[str, str] = {}
    saved: str = ""
    code_for: str = ""  # the new e-mail or mobile waiting for its code
    rib_name: str = ""
    _rib_key: str = ""  # the RIB chosen, kept in the private store until the change is saved (never its bytes here)

    async def _run(self, action, *, password: bool = False) -> bool:
        """Run action(session, actor), then read the profile again; errors go next to their field. password: the
        action checks the password typed again (run in the hashing pool, off the event loop)."""
        def act(session, actor):
            action(session, actor)
            self.view = profile.own_profile(session=session, actor=actor)

        actor, error = await (run_with_password if password else run_for_actor)(self, act)
        if isinstance(error, Forbidden):
            self.errors = {"": "Vous ne pouvez pas modifier cette information."}
        else:
            self.errors = {error.field: error.message} if error is not None else {}
        return actor is not None

    @rx.event
    async def load(self):
        self.editing, self.errors, self.saved, self.code_for = "", {}, "", ""
        await self._run(lambda session, actor: None)

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
        if not self.errors:
            self.editing, self.saved = "", message

    @rx.event
    async def save_address(self, form: dict):
        try:
            effective = date.fromisoformat(str(form.get("date_effet", "")) or clock.today().isoformat())
        except ValueError:
            self.errors = {"date_effet": "Choisissez la date du changement."}
            return None

        def save(session, actor):
            profile_edits.change_address(session=session, actor=actor, line=str(form.get("adresse", "")),
                                         postal_code=str(form.get("code_postal", "")),
                                         commune=str(form.get("commune", "")), effective=effective)

        if not await self._run(save):
            return session_ended()
        self._done("Votre nouvelle adresse est enregistrée. Le changement apparaît dans Mes démarches.")
        return None

    @rx.event
    async def start_contact(self, form: dict):
        channel = self.editing

        def start(session, actor):
            self.code_for = profile_edits.start_contact_change(
                session=session, actor=actor, channel=channel, value=str(form.get(channel, "")),
                confirmation=str(form.get(f"{channel}_confirmation", "")),
                password=str(form.get("mot_de_passe_actuel", "")), secret=get_settings().secret_key,
                ip=self.router.session.client_ip)

        if not await self._run(start, password=True):
            return session_ended()
        return None

    @rx.event
    async def confirm_contact(self, form: dict):
        channel, value = self.editing, self.code_for

        def confirm(session, actor):
            profile_edits.confirm_contact_change(session=session, actor=actor, channel=channel, value=value,
                                                 code=str(form.get("code", "")), secret=get_settings().secret_key)

        if not await self._run(confirm):
            return session_ended()
        self._done("Votre nouvelle coordonnée est confirmée et enregistrée.")
        if not self.errors:
            self.code_for = ""
        return None

    @rx.event
    async def add_rib(self, files: list[rx.UploadFile]):
        """The session is checked before a byte is read; the file goes to the private store at once."""
        if await current_actor(self) is None:
            return session_ended()
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
        self.errors = {"rib": "Ce fichier dépasse 10 Mo ou n'est pas une photo JPEG ou PNG ni un PDF."}

    @rx.event
    async def save_bank(self, form: dict):
        store = private_store()
        rib = store.get(self._rib_key) if self._rib_key else b""

        def save(session, actor):
            profile_edits.change_bank(session=session, actor=actor, iban=str(form.get("iban", "")),
                                      bic=str(form.get("bic", "")), holder=str(form.get("titulaire", "")),
                                      password=str(form.get("mot_de_passe_actuel", "")), rib=rib, store=store,
                                      secret=get_settings().secret_key, ip=self.router.session.client_ip)

        if not await self._run(save, password=True):
            return session_ended()
        self._done("Vos nouvelles coordonnées bancaires sont enregistrées : elles seront utilisées une fois le "
                   "changement traité. D'ici là, les paiements continuent sur votre compte actuel.")
        if not self.errors:
            self._drop_rib()  # the change keeps its own cleaned copy
        return None
