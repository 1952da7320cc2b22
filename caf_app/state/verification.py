"""Vérifier une attestation: anyone holding an attestation checks its reference (public page, throttled)."""

from __future__ import annotations

import asyncio

import reflex as rx
from sqlmodel import Session

from ..db import engine
from ..domain.errors import DomainError
from ..services.payments import statements

NOT_FOUND = "Aucune attestation ne correspond à cette référence."
EMPTY = "Saisissez la référence de l'attestation."


class VerificationState(rx.State):
    error: str = ""
    result: statements.Verification | None = None

    @rx.event
    def load(self):
        self.error, self.result = "", None

    @rx.event
    async def submit(self, form: dict):
        self.result = None
        reference = str(form.get("reference", ""))[:200]
        if not reference.strip():
            self.error = EMPTY
            return
        client = self.router.session.client_ip

        def check():
            with Session(engine()) as session:
                return statements.verify_counted(session=session, reference=reference, client=client)

        try:
            result = await asyncio.to_thread(check)
        except DomainError as error:
            self.error = error.message
            return
        self.error, self.result = ("", result) if result else (NOT_FOUND, None)
