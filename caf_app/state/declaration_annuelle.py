"""Ressources annuelles, patrimoine, avantage vieillesse: one screen per person, the review, then sent; one
server-side draft (no FALC variant: the seed offers one for the quarterly declarations only)."""

from __future__ import annotations

from dataclasses import dataclass

import reflex as rx

from .. import clock
from ..content import declaration_annuelle as wording
from ..domain.annual_declarations import check, form_of
from ..domain.declarations import Person
from ..domain.statuses import DraftStatus
from ..services.situation import annual_declarations as service, declarations
from .declaration import ReviewLine, ReviewPerson
from .private import PrivateState, private_event


@dataclass(frozen=True)
class FieldView:
    key: str  # "<person>:<category>:<field>"
    amount: bool
    label: str


@dataclass(frozen=True)
class QuestionView:
    key: str  # "<person>:<category>"
    question: str
    help: str
    fields: list[FieldView]


class AnnualDeclarationState(PrivateState, rx.State):
    kind: str = ""
    status: str = ""
    sent_on: str = ""
    reference: str = ""
    declaration_id: int = 0
    step: str = "personne"  # personne, revue, envoyee
    person_index: int = 0
    answers: dict[str, str] = {}
    errors: dict[str, str] = {}
    _people: list[Person] = []
    _year: int = 0

    def _forget(self) -> None:
        self.answers, self.reference, self._people, self._year = {}, "", [], 0

    @rx.var
    def title(self) -> str:
        return wording.words(self.kind)["title"] if self.kind else ""

    @rx.var
    def intro(self) -> list[str]:
        """The intro, then the notice (what not to declare, the amounts' unit)."""
        if not self._year:
            return []
        text = wording.words(self.kind)
        return [text["intro"].format(annee=self._year), text["notice"]]

    @rx.var
    def person_heading(self) -> str:
        if self.step != "personne" or not self._people:
            return ""
        return wording.heading(self.kind, self._people[self.person_index], self._year)

    @rx.var
    def questions(self) -> list[QuestionView]:
        if self.step != "personne" or not self._people:
            return []
        person, text = self._people[self.person_index], wording.words(self.kind)
        return [QuestionView(f"{person.id}:{category}", wording.question(self.kind, category, self._year),
                             text["categories"][category]["help"],
                             [FieldView(f"{person.id}:{category}:{name}", name == "montant",
                                        wording.field_label(self.kind, category, name, self._year))
                              for name in fields])
                for category, fields in form_of(self.kind).categories]

    @rx.var
    def review(self) -> list[ReviewPerson]:
        """Everything declared, person by person, as typed."""
        if self.step != "revue":
            return []
        nothing = [ReviewLine(wording.common()["nothing"], "")]
        return [ReviewPerson(name, index, [ReviewLine(label, value) for label, value in lines] or nothing)
                for index, (name, lines) in enumerate(wording.summary(self.kind, self._people, self.answers))]

    def _open(self, draft: service.Draft) -> None:
        self.declaration_id, self.status = draft.id, draft.status
        self.sent_on, self.reference, self.answers = draft.sent_on, draft.reference, draft.answers
        self._people, self._year = draft.people, draft.year
        if draft.status == DraftStatus.ENVOYE:
            self.step = "envoyee"

    @private_event(loader=True)
    async def load(self):
        slug = self.router.url.path.rstrip("/").split("/")[-1]
        self.kind = service.KINDS.get(slug, "ressources_annuelles")
        self.errors, self.person_index, self.step = {}, 0, "personne"
        self._open(await self.call(service.open_draft, kind=self.kind, today=clock.today()))
        if self.status == DraftStatus.BROUILLON:  # back on the screen the draft was left on
            screen, _, index = self.answers.get("ecran", "").partition(":")
            if screen == "revue":
                self.step = "revue"
            elif index.isascii() and index.isdigit() and int(index) < len(self._people):
                self.person_index = int(index)

    async def _save(self, answers: dict[str, str]) -> None:
        self.answers = {**self.answers, **answers}
        try:
            await self.call(service.save, draft_id=self.declaration_id, answers=answers,
                            passing=(declarations.AlreadySent,))
        except declarations.AlreadySent as error:  # sent meanwhile, from another tab or device
            self.errors, self.step = {"": error.message}, "envoyee"

    async def _go(self, step: str, person_index: int) -> None:
        self.step, self.person_index, self.errors = step, person_index, {}
        if self.status == DraftStatus.BROUILLON:
            await self._save({"ecran": "revue" if step == "revue" else f"personne:{person_index}"})

    @private_event
    async def answer(self, key: str, value: str):
        """One answer, saved on the server as it is given (radio at once, amounts debounced). The same value again
        (the debounced save of what leaving the box or Continuer saved already, arriving after them) changes nothing:
        the message Continuer gave that answer stays in view."""
        if self.answers.get(key) == value:
            return
        await self._save({key: value})
        self.errors = {k: v for k, v in self.errors.items() if k != key}

    @private_event
    async def next(self, form: dict):
        """Continuer: keep the answers, check this person's, go on to the next person or the review."""
        await self._save({k: str(v) for k, v in form.items() if ":" in k})
        prefix = f"{self._people[self.person_index].id}:"
        _, errors = check(self.answers, kind=self.kind, people=self._people, today=clock.today())
        self.errors = {key: message for key, message in errors.items() if key.startswith(prefix)}
        if self.errors:
            return rx.call_script("document.querySelector('[aria-invalid=true]')?.focus()")
        last = self.person_index + 1 >= len(self._people)
        await self._go("revue" if last else "personne", self.person_index + (0 if last else 1))
        return rx.call_script("document.getElementById('etape')?.focus()")

    @private_event
    async def back(self):
        if self.step == "revue":
            await self._go("personne", len(self._people) - 1)
        elif self.person_index > 0:
            await self._go("personne", self.person_index - 1)

    @private_event
    async def edit(self, person_index: int):
        """"Modifier" on the review: back to that person's answers."""
        await self._go("personne", person_index)

    @private_event
    async def send(self, form: dict):
        try:
            draft = await self.call(service.send, draft_id=self.declaration_id, today=clock.today(),
                                    confirmed=bool(form.get("confirmation")), passing=(declarations.Incomplete,))
        except declarations.Incomplete as error:  # each wrong answer next to its question, on the review
            self.errors = {"": error.message, **error.errors}
            return None
        self._open(draft)
        self.errors = {}
        return rx.call_script("document.getElementById('etape')?.focus()")
