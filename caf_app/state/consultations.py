"""The allocataire's side of the Caf's partners: « Qui a consulté mon dossier » (services/partenaires/cdap.py) and
« Mes partenaires », the consents to send documents for the dossier (services/partenaires/afas.py)."""

from __future__ import annotations

import reflex as rx

from .. import clock
from ..services.partenaires import afas, cdap
from .private import PrivateState, private_event


class ConsultationsState(PrivateState, rx.State):
    no_access = "Seuls l'allocataire et le conjoint qui gère le dossier voient qui l'a consulté."
    lines: list[cdap.ConsultationLine] = []

    def _forget(self) -> None:
        self.lines = []

    @private_event(loader=True)
    async def load(self):
        self.lines = await self.call(cdap.consultations)


class MesPartenairesState(PrivateState, rx.State):
    """« Mes partenaires » : the partners allowed to send documents for the dossier (AFAS), and what they sent."""

    no_access = "Seuls l'allocataire et le conjoint qui gère le dossier choisissent les partenaires autorisés."
    view: afas.MyPartners | None = None
    errors: dict[str, str] = {}
    done: str = ""

    def _forget(self) -> None:
        self.view = None

    @private_event(loader=True)
    async def load(self):
        self.errors, self.done = {}, ""
        self.view = await self.call(afas.mine, today=clock.today())

    @private_event
    async def give(self, form: dict):
        self.errors, self.done = {}, ""
        chosen = str(form.get("organisation", ""))
        if not chosen.isdigit() or len(chosen) > 9:
            self.errors = {"organisation": "Choisissez un partenaire de la liste."}
            return
        self.done = await self.call(afas.give, organisation_id=int(chosen), today=clock.today())
        self.view = await self.call(afas.mine, today=clock.today())

    @private_event
    async def withdraw(self, consent_id: int):
        self.errors, self.done = {}, ""
        self.done = await self.call(afas.withdraw, consent_id=int(consent_id))
        self.view = await self.call(afas.mine, today=clock.today())
