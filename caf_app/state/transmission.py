"""Transmettre un document: add pages (camera or file), check them, send; the draft lives on the server."""

from __future__ import annotations

import reflex as rx

from ..documents.processing import MAX_FILE_BYTES
from ..documents.storage import private_store
from ..domain.errors import Forbidden
from ..services.paperwork import sending, transmission
from .private import NO_ACCESS
from .session import current_actor, run_for_actor, session_ended


class TransmissionState(rx.State):
    step: str = "pages"  # pages -> verifier -> accuse
    draft: transmission.DraftView | None = None
    doc_type: str = ""
    error: str = ""
    notice: str = ""
    progress: int = 0  # upload progress in percent, 0 when idle
    retaking: int = 0  # the page a new photo will replace
    receipt: sending.Receipt | None = None
    restricted_message: str = ""
    _draft_id: int = 0

    async def _do(self, action) -> bool:
        """Run action(session, actor) for the checked actor, then refresh the draft; errors are shown."""
        def act(session, actor):
            action(session, actor)
            if self._draft_id:
                self.draft = transmission.view(session=session, actor=actor, draft_id=self._draft_id)
                self.doc_type = self.draft.doc_type

        actor, error = await run_for_actor(self, act)
        if isinstance(error, Forbidden):
            self.restricted_message = NO_ACCESS
        else:
            self.error = error.message if error is not None else ""
        return actor is not None

    @rx.event
    async def load(self):
        piece = self.router.url.query_parameters.get("piece", "")
        self.step, self.receipt, self.retaking, self.progress, self.notice = "pages", None, 0, 0, ""
        self.restricted_message = ""

        def open_it(session, actor):
            number = int(piece) if piece.isascii() and piece.isdigit() else None
            self._draft_id = transmission.open_draft(session=session, actor=actor, piece_id=number)

        await self._do(open_it)

    @rx.event
    def uploading(self, status: dict):
        self.progress = int(float(status.get("progress", 0)) * 100)

    @rx.event
    async def add_files(self, files: list[rx.UploadFile]):
        """Pages arrive here from both zones; each is checked and cleaned on the server. The session is checked
        before a byte is read (api/uploads.py checked it before the request reached Reflex, too)."""
        if await current_actor(self) is None:
            return session_ended()
        store, notices = private_store(), []
        for upload in files:
            data = await upload.read(MAX_FILE_BYTES + 1)
            retake, self.retaking = self.retaking, 0

            def add(session, actor, data=data, retake=retake):
                if retake:
                    notices.extend(transmission.retake(session=session, actor=actor, page_id=retake, data=data,
                                                       store=store))
                else:
                    notices.extend(transmission.add_file(session=session, actor=actor, data=data, store=store,
                                                         document_id=self.draft.documents[-1].id))

            if not await self._do(add):
                return session_ended()
            if self.error:
                break
        self.progress = 0
        self.notice = "Page ajoutée." if not self.error else ""
        return None

    @rx.event
    def rejected(self, codes: list[str]):
        """Refused in the browser before sending (too big, wrong type); the server checks again anyway."""
        if any("too-large" in code for code in codes):
            self.error = "Ce fichier dépasse 10 Mo : il n'a pas été envoyé. La limite est de 10 Mo par fichier."
        else:
            self.error = "Ce type de fichier n'est pas accepté : envoyez une photo JPEG ou PNG, ou un document PDF."

    @rx.event
    async def retake(self, page_id: int):
        self.retaking = page_id
        self.notice = "Prenez la nouvelle photo avec « Prendre une photo » ou « Choisir un fichier »."

    @rx.event
    async def delete(self, page_id: int):
        store = private_store()
        await self._do(lambda s, a: transmission.delete_page(session=s, actor=a, page_id=page_id, store=store))

    @rx.event
    async def keep(self, page_id: int):
        await self._do(lambda s, a: transmission.keep_page(session=s, actor=a, page_id=page_id))

    @rx.event
    async def rename(self, document_id: int, name: str):
        await self._do(lambda s, a: transmission.rename_document(session=s, actor=a, document_id=document_id,
                                                                 name=name))

    @rx.event
    async def another_document(self):
        await self._do(lambda s, a: transmission.new_document(session=s, actor=a, draft_id=self._draft_id))

    @rx.event
    async def choose_type(self, doc_type: str):
        await self._do(lambda s, a: transmission.set_type(session=s, actor=a, draft_id=self._draft_id,
                                                          doc_type=doc_type))

    @rx.event
    def go(self, step: str):
        if step == "verifier" and not any(d.pages for d in self.draft.documents):
            self.error = "Ajoutez au moins une page avant de continuer."
            return
        if step in ("pages", "verifier"):
            self.step, self.error = step, ""

    @rx.event
    async def send(self):
        store = private_store()

        def send_it(session, actor):
            self.receipt = sending.send(session=session, actor=actor, draft_id=self._draft_id, store=store)

        if not await self._do(send_it):
            return session_ended()
        if self.receipt is not None:
            self.step = "accuse"
        return None
