"""The student démarches: choose, answer, check, confirm; the accusé de réception."""

from __future__ import annotations

import reflex as rx

from .. import clock
from ..domain.rentree import STUDENT_DEMARCHES, summer_year, university_year
from ..services.paperwork import etudiant, sending
from .private import PrivateState, private_event


class EtudiantState(PrivateState, rx.State):
    step: str = "choix"  # choix -> formulaire -> verifier -> accuse
    eligible: bool = False
    demarche: str = ""
    form: dict[str, str] = {}
    summary: list[tuple[str, str]] = []
    errors: dict[str, str] = {}
    receipt: sending.Receipt | None = None
    summer: int = 0
    year: str = ""

    @rx.var
    def label(self) -> str:
        return STUDENT_DEMARCHES[self.demarche].label if self.demarche in STUDENT_DEMARCHES else ""

    def _forget(self) -> None:
        self.eligible, self.summary, self.receipt = False, [], None

    @private_event(loader=True)
    async def load(self):
        asked = self.router.url.query_parameters.get("demarche", "")
        self.demarche = asked if asked in STUDENT_DEMARCHES else ""
        self.step = "formulaire" if self.demarche else "choix"
        self.form, self.errors, self.summary, self.receipt = {}, {}, [], None
        today = clock.today()
        self.summer, self.year = summer_year(today), university_year(today)
        self.eligible = await self.call(etudiant.is_student_with_housing_aid, today=today)

    @rx.event
    def choose(self, form: dict):
        chosen = str(form.get("demarche", ""))
        if chosen not in STUDENT_DEMARCHES:
            self.errors = {"demarche": "Choisissez la démarche."}
            return
        self.demarche, self.step, self.errors = chosen, "formulaire", {}

    @rx.event
    def back(self):
        self.step, self.errors = "choix", {}

    @private_event
    async def check(self, form: dict):
        await self.checked()
        self.form = {k: str(v)[:100] for k, v in form.items()}
        declaration = await self.call(etudiant.check, demarche=self.demarche, form=self.form, today=clock.today())
        self.summary = [("Démarche", declaration.demarche.title), *declaration.lines]
        self.step, self.errors = "verifier", {}

    @rx.event
    def modify(self):
        self.step = "formulaire"

    @private_event
    async def confirm(self):
        if self.step != "verifier":  # a double tap: the first one already sent it
            return
        self.receipt = await self.call(etudiant.declare, demarche=self.demarche, form=self.form, today=clock.today(),
                                       field="")
        self.step = "accuse"
