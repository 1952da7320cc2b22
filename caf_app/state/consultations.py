"""« Qui a consulté mon dossier » : the partners' consultations of the dossier (services/partenaires/cdap.py)."""

from __future__ import annotations

import reflex as rx

from ..services.partenaires import cdap
from .private import PrivateState, private_event


class ConsultationsState(PrivateState, rx.State):
    no_access = "Seuls l'allocataire et le conjoint qui gère le dossier voient qui l'a consulté."
    lines: list[cdap.ConsultationLine] = []

    def _forget(self) -> None:
        self.lines = []

    @private_event(loader=True)
    async def load(self):
        self.lines = await self.call(cdap.consultations)
