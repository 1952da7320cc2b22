"""Déclarer un changement: choose, fill in, check, confirm."""

from __future__ import annotations

import re

import reflex as rx

from .. import clock
from ..domain.changes import KINDS, LINKS, PRESCRIPTION_NOTICE
from ..domain.dates import format_date
from ..services.situation import changes
from .private import PrivateState, private_event

DEMANDE_PATH = re.compile(r"/demandes/[a-z-]{1,40}")


class ChangesState(PrivateState, rx.State):
    step: str = "choix"  # choix -> formulaire -> verifier -> fait
    allowed: list[str] = []
    kind: str = ""
    children: list[tuple[str, str]] = []  # (member id, name)
    others: list[tuple[str, str]] = []  # the other dependent persons (member id, name)
    form: dict[str, str] = {}
    summary: list[tuple[str, str]] = []
    errors: dict[str, str] = {}
    reference: str = ""
    back: str = ""  # the demande that found this change (« retour »), where « Revenir à ma demande » leads

    @rx.var
    def kind_label(self) -> str:
        return KINDS[self.kind].label if self.kind in KINDS else ""

    @rx.var
    def date_label(self) -> str:
        return KINDS[self.kind].date_label if self.kind in KINDS else ""

    @private_event(loader=True)
    async def load(self):
        self.step, self.kind, self.form, self.errors, self.reference = "choix", "", {}, {}, ""
        self.allowed = await self.call(changes.allowed)
        foyer = await self.call(changes.dependents)
        self.children, self.others = ([(str(k), v) for k, v in foyer[role].items()] for role in ("enfant", "autre"))
        # From a demande's review (« Déclarer : Mariage »): that change's form at once, and the way back to it.
        query = self.router.url.query_parameters
        back = str(query.get("retour", ""))
        self.back = back if DEMANDE_PATH.fullmatch(back) else ""
        if query.get("changement", "") in self.allowed:
            self.kind, self.step = str(query.get("changement")), "formulaire"

    @rx.event
    def choose(self, form: dict):
        kind = str(form.get("changement", ""))
        if kind not in self.allowed:
            self.errors = {"changement": "Choisissez le changement à déclarer."}
            return
        self.kind, self.step, self.errors = kind, "formulaire", {}

    @private_event
    async def check(self, form: dict):
        await self.checked()
        self.form = {k: str(v)[:100] for k, v in form.items()}
        change = await self.call(changes.check, kind=self.kind, form=self.form, today=clock.today(),
                                 forbidden="Vous ne pouvez pas déclarer ce changement pour ce dossier.")
        self.summary = [("Changement", change.kind.label), (change.kind.date_label, format_date(change.effective))]
        self.summary += self._people_of(change)
        if change.late:
            self.summary.append(("À savoir", PRESCRIPTION_NOTICE))
        self.step, self.errors = "verifier", {}

    def _people_of(self, change) -> list[tuple[str, str]]:
        """Who arrives or leaves, as the review shows it."""
        who = "Personne" if change.kind.key.endswith("_personne") else "Enfant"
        lines = []
        if change.full_name:
            lines.append((who, change.full_name))
        if change.born and change.kind.key != "naissance":
            lines.append(("Date de naissance", format_date(change.born)))
        if change.link:
            lines.append(("Lien avec vous", LINKS[change.link]))
        if change.member_id:
            lines.append((who, dict(self.children + self.others)[str(change.member_id)]))
        return lines

    @rx.event
    def modify(self):
        self.step = "formulaire"

    @private_event
    async def confirm(self):
        if self.step != "verifier":  # a double tap: the first one already sent it
            return
        self.reference = await self.call(changes.declare, kind=self.kind, form=self.form, today=clock.today(),
                                         field="", forbidden="Ce changement ne peut pas être déclaré.")
        self.step = "fait"
