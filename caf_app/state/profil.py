"""Mon profil: read, and the pencil edits (one open at a time)."""

from __future__ import annotations

from datetime import date

import reflex as rx

from ..documents.processing import MAX_FILE_BYTES
from ..documents.storage import private_store
from ..domain.errors import Forbidden
from ..services import profile, profile_edits
from ..settings import get_settings
from .session import run_for_actor, session_ended


class ProfilState(rx.State):
    view: profile.ProfileView | None = None
    editing: str = ""  # "adresse" | "email" | "mobile" | "banque"
    errors: dict[str, str] = {}
    saved: str = ""
    code_for: str = ""  # the new e-mail or mobile waiting for its code
    rib_name: str = ""
    _rib: bytes = b""

    async def _run(self, action) -> bool:
        """Run action(session, actor), then read the profile again; errors go next to their field."""
        def act(session, actor):
            action(session, actor)
            self.view = profile.own_profile(session=session, actor=actor)

        actor, error = await run_for_actor(self, act)
        if isinstance(error, Forbidden):
            self.errors = {"": "Vous ne pouvez pas modifier cette information."}
        else:
            self.errors = {error.field: error.message} if error is not None else {}
        return actor is not None

    @rx.event
    async def load(self):
        self.editing, self.errors, self.saved, self.code_for = "", {}, "", ""
        await self._run(lambda session, actor: None)

    @rx.event
    def edit(self, what: str):
        self.editing, self.errors, self.saved, self.code_for, self.rib_name, self._rib = what, {}, "", "", "", b""

    @rx.event
    def cancel(self):
        self.editing, self.errors, self.code_for = "", {}, ""

    def _done(self, message: str) -> None:
        if not self.errors:
            self.editing, self.saved = "", message

    @rx.event
    async def save_address(self, form: dict):
        try:
            effective = date.fromisoformat(str(form.get("date_effet", "")) or date.today().isoformat())
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
                password=str(form.get("mot_de_passe_actuel", "")), secret=get_settings().secret_key)

        if not await self._run(start):
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
        for upload in files[:1]:
            self._rib, self.rib_name = await upload.read(MAX_FILE_BYTES + 1), "RIB ajouté"

    @rx.event
    def rib_rejected(self, codes: list[str]):
        self.errors = {"rib": "Ce fichier dépasse 10 Mo ou n'est pas une photo JPEG ou PNG ni un PDF."}

    @rx.event
    async def save_bank(self, form: dict):
        rib, store = self._rib, private_store()

        def save(session, actor):
            profile_edits.change_bank(session=session, actor=actor, iban=str(form.get("iban", "")),
                                      bic=str(form.get("bic", "")), holder=str(form.get("titulaire", "")),
                                      password=str(form.get("mot_de_passe_actuel", "")), rib=rib, store=store)

        if not await self._run(save):
            return session_ended()
        self._done("Vos nouvelles coordonnées bancaires sont enregistrées : elles seront utilisées une fois le "
                   "changement traité. D'ici là, les paiements continuent sur votre compte actuel.")
        if not self.errors:
            self._rib, self.rib_name = b"", ""
        return None
