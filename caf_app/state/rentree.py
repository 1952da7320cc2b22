"""Confirmation scolarité ou apprentissage pour l'ARS 16-18 ans: choose the child and the document, then send it
with Transmettre un document."""

from __future__ import annotations

import reflex as rx

from .. import clock, routes
from ..domain.rentree import ARS_DOCUMENTS
from ..services.paperwork import rentree
from .private import PrivateState, private_event


class RentreeState(PrivateState, rx.State):
    page: rentree.ArsPage | None = None
    errors: dict[str, str] = {}

    @rx.var
    def child_options(self) -> list[tuple[str, str]]:
        return [(str(c.member_id), f"{c.name}, né(e) le {c.born}") for c in (self.page.children if self.page else [])]

    def _forget(self) -> None:
        self.page = None

    @private_event(loader=True)
    async def load(self):
        self.errors = {}
        self.page = await self.call(rentree.children, today=clock.today())

    @rx.event
    def go(self, form: dict):
        """On to Transmettre un document, for this child and this document (the service checks both again)."""
        child, document = str(form.get("enfant", "")), str(form.get("document", ""))
        errors = {}
        if not self.page or child not in {str(c.member_id) for c in self.page.children}:
            errors["enfant"] = "Choisissez l'enfant."
        if document not in ARS_DOCUMENTS:
            errors["document"] = "Choisissez le document que vous envoyez."
        self.errors = errors
        if not errors:
            return rx.redirect(routes.TRANSMETTRE.query(ars=child, type=document))
