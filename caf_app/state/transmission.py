"""Transmettre un document: add pages (camera or file), check them, send; the draft lives on the server."""

from __future__ import annotations

import reflex as rx

from .. import clock
from ..documents.processing import MAX_FILE_BYTES
from ..documents.storage import private_store
from ..domain.rentree import ARS_DOCUMENTS
from ..services.paperwork import sending, transmission
from .private import PrivateState, private_event


class TransmissionState(PrivateState, rx.State):
    step: str = "pages"  # pages -> verifier -> accuse
    draft: transmission.DraftView | None = None
    error: str = ""
    notice: str = ""
    progress: int = 0  # upload progress in percent, 0 when idle
    retaking: int = 0  # the page a new photo will replace
    receipt: sending.Receipt | None = None
    _draft_id: int = 0

    @rx.var
    def doc_type(self) -> str:
        return self.draft.doc_type if self.draft else ""

    @rx.var
    def type_label(self) -> str:
        """The document's type in words, as the check step shows it ("" when none was chosen)."""
        doc_type = self.draft.doc_type if self.draft else ""
        return transmission.DOC_TYPES.get(doc_type) or ARS_DOCUMENTS.get(doc_type, "")

    async def _show_draft(self) -> None:
        """The draft as it is now, after a step that went through (its error, if any, goes)."""
        self.error = ""
        if self._draft_id:
            self.draft = await self.call(transmission.view, draft_id=self._draft_id)

    @private_event(loader=True)
    async def load(self):
        query = self.router.url.query_parameters
        piece, child = query.get("piece", ""), query.get("ars", "")
        self.step, self.receipt, self.retaking, self.progress, self.notice = "pages", None, 0, 0, ""
        self.restricted_message = ""
        self.draft = await self.call(transmission.page,
                                     piece_id=int(piece) if piece.isascii() and piece.isdigit() else None,
                                     # the ARS 16-18 confirmation of one child (pages/rentree.py links here)
                                     ars_member_id=int(child) if child.isascii() and child.isdigit() else None,
                                     doc_type=query.get("type", ""), today=clock.today(),
                                     forbidden="Ce document ne peut pas être envoyé pour ce dossier.")
        self._draft_id, self.error = self.draft.id, ""

    @rx.var
    def last_document(self) -> int:
        """The document a new page goes to: the bar of an upload shows at the end of its pages."""
        return self.draft.documents[-1].id if self.draft and self.draft.documents else 0

    @rx.event
    def uploading(self, status: dict):
        # The browser's last report (100 %) may reach the server after the page was received or refused: the bar
        # is gone by then and must stay gone.
        value = int(float(status.get("progress", 0)) * 100)
        if value < 100:
            self.progress = value

    @private_event
    async def add_files(self, files: list[rx.UploadFile]):
        """Pages arrive here from both zones; each is checked and cleaned on the server. The session is checked
        before a byte is read (api/uploads.py checked it before the request reached Reflex, too)."""
        await self.checked()
        store, self.notice = private_store(), ""
        try:
            for upload in files:
                data = await upload.read(MAX_FILE_BYTES + 1)
                retake, self.retaking = self.retaking, 0
                if retake:
                    await self.call(transmission.retake, page_id=retake, data=data, store=store)
                else:
                    await self.call(transmission.add_file, document_id=self.draft.documents[-1].id, data=data,
                                    store=store)
                await self._show_draft()
        finally:  # also when a page is refused: the error shows, the bar goes
            self.progress = 0
        self.notice = "Page ajoutée."

    @rx.event
    def rejected(self, codes: list[str]):
        """Refused in the browser before sending (too big, wrong type); the server checks again anyway."""
        self.progress = 0
        if any("too-large" in code for code in codes):
            self.error = "Ce fichier dépasse 10 Mo : il n'a pas été envoyé. La limite est de 10 Mo par fichier."
        else:
            self.error = ("Ce type de fichier n'est pas accepté : envoyez une photo JPEG, PNG ou HEIC (iPhone), ou un "
                          "document PDF.")

    @rx.event
    async def retake(self, page_id: int):
        self.retaking = page_id
        self.notice = "Prenez la nouvelle photo avec « Prendre une photo » ou « Choisir un fichier »."

    @private_event
    async def delete(self, page_id: int):
        await self.call(transmission.delete_page, page_id=page_id, store=private_store())
        await self._show_draft()

    @private_event
    async def keep(self, page_id: int):
        await self.call(transmission.keep_page, page_id=page_id)
        await self._show_draft()

    @private_event
    async def rename(self, document_id: int, name: str):
        await self.call(transmission.rename_document, document_id=document_id, name=name)
        await self._show_draft()

    @private_event
    async def another_document(self):
        await self.call(transmission.new_document, draft_id=self._draft_id)
        await self._show_draft()

    @private_event
    async def choose_type(self, doc_type: str):
        await self.call(transmission.set_type, draft_id=self._draft_id, doc_type=doc_type)
        await self._show_draft()

    @rx.event
    def go(self, step: str):
        if step == "verifier" and not any(d.pages for d in self.draft.documents):
            self.error = "Ajoutez au moins une page avant de continuer."
            return
        if step in ("pages", "verifier"):
            self.step, self.error = step, ""

    @private_event
    async def send(self):
        self.receipt = await self.call(sending.send, draft_id=self._draft_id, store=private_store())
        await self._show_draft()
        self.step = "accuse"
