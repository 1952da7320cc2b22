"""Ma déclaration trimestrielle, standard and FALC variants over one server-side draft."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

import reflex as rx

from .. import clock
from ..content.declaration import falc_error, received_question, step_text, words
from ..domain.dates import with_de
from ..domain.declarations import Person, Quarter, Step, categories_for, check, falc_steps
from ..domain.money import format_euros
from ..domain.prestations import Prestation
from ..domain.statuses import DraftStatus
from ..services.situation import declarations
from .compte import DisplayState
from .private import PrivateState, private_event

ROUTES = {p.slug: p.value for p in Prestation.quarterly_ones()}  # the address's last part -> the prestation


@dataclass(frozen=True)
class CategoryView:
    key: str
    category: str
    question: str
    help: str
    months: list[tuple[str, str]]  # (answer key, label)


@dataclass(frozen=True)
class ReviewLine:
    label: str
    amount: str


@dataclass(frozen=True)
class ReviewPerson:
    name: str
    person_index: int
    lines: list[ReviewLine]


@dataclass(frozen=True)
class ReviewMonth:
    month: str
    people: list[ReviewPerson]


class DeclarationState(PrivateState, rx.State):
    prestation: str = ""
    falc: bool = False
    status: str = ""
    sent_on: str = ""
    reference: str = ""
    declaration_id: int = 0
    step: str = "situation"  # situation, personne, revue (standard); envoyee for both
    person_index: int = 0
    answers: dict[str, str] = {}
    prefilled: list[str] = []
    errors: dict[str, str] = {}
    falc_index: int = 0
    _people: list[Person] = []
    _quarter_start: date | None = None

    # What each screen shows, computed from the answers and where the person is (nothing here touches the
    # database); nothing before the draft is open.

    def _quarter(self) -> Quarter:
        return Quarter(self._quarter_start)

    def _steps(self) -> list[Step]:
        return falc_steps(self.prestation, self._people, self.answers)

    def _current(self) -> Step:
        steps = self._steps()
        return steps[min(self.falc_index, len(steps) - 1)]

    @rx.var
    def quarter_label(self) -> str:
        return self._quarter().label() if self._quarter_start else ""

    @rx.var
    def intro(self) -> str:
        if not self._quarter_start:
            return ""
        label = self._quarter().label()
        return words(self.falc)["intro"].format(trimestre=label, de_trimestre=with_de(label))

    @rx.var
    def person_heading(self) -> str:
        if self.step != "personne" or not self._people:
            return ""
        person, text = self._people[self.person_index], words(self.falc)
        if person.is_beneficiary:  # « Vos ressources », not « Ressources de vous »
            return text["person_heading_self"]
        return text["person_heading"].format(personne=person.first_name, de_personne=with_de(person.first_name))

    @rx.var
    def step_progress(self) -> str:
        """The standard form's « Étape n sur m »: the situation, one screen per person, the review ("" after)."""
        if not self._people or self.step not in ("situation", "personne", "revue"):
            return ""
        total = len(self._people) + 2
        number = {"situation": 1, "personne": self.person_index + 2, "revue": total}[self.step]
        return words(False)["step_progress"].format(n=number, total=total)

    @rx.var
    def categories(self) -> list[CategoryView]:
        if self.step != "personne" or not self._people or not self._quarter_start:
            return []
        person, quarter, text = self._people[self.person_index], self._quarter(), words(self.falc)
        return [CategoryView(
            f"{person.id}:{category}", category, received_question(person, category, quarter, self.falc),
            text["categories"][category]["help"],
            [(f"{person.id}:{category}:{i}", name.capitalize()) for i, name in enumerate(quarter.names)])
            for category in categories_for(self.prestation, person)]

    @rx.var
    def falc_total(self) -> int:
        return len(self._steps()) if self._quarter_start else 0

    @rx.var
    def question(self) -> str:
        return step_text(self._current(), self._people, self._quarter(), self.falc) if self._quarter_start else ""

    @rx.var
    def question_kind(self) -> str:
        return self._current().kind if self._quarter_start else ""

    @rx.var
    def question_key(self) -> str:
        return self._current().key if self._quarter_start else ""

    @rx.var
    def question_category(self) -> str:
        return self._current().category if self._quarter_start else ""

    @rx.var
    def question_help(self) -> list[str]:
        """One sentence a line (FALC)."""
        category = self._current().category if self._quarter_start else ""
        help_text = words(self.falc)["categories"][category]["help"] if category else ""
        return [line for line in re.split(r"(?<=[.?!])\s+", help_text) if line]

    @rx.var
    def review(self) -> list[ReviewMonth]:
        """Everything declared, by month then person; "Aucune ressource" where nothing was received."""
        if self.step != "revue" or not self._quarter_start:
            return []
        quarter, labels = self._quarter(), words(self.falc)["categories"]
        months = []
        for index, name in enumerate(quarter.names):
            people = []
            for person_index, person in enumerate(self._people):
                lines = []
                for category in categories_for(self.prestation, person):
                    key = f"{person.id}:{category}"
                    if self.answers.get(f"{key}:recu") != "oui":
                        continue
                    amount = (self.answers.get(f"{key}:{index}") or "").strip()
                    nature = self.answers.get(f"{key}:nature", "")
                    label = labels[category]["label"] + (f" : {nature}" if nature else "")
                    whole = amount.isascii() and amount.isdigit()
                    lines.append(ReviewLine(label, format_euros(int(amount) * 100) if whole else amount))
                people.append(ReviewPerson("Vous" if person.is_beneficiary else person.first_name, person_index,
                                           lines or [ReviewLine("Aucune ressource", "0 €")]))
            months.append(ReviewMonth(f"{name.capitalize()} {quarter.months[index].year}", people))
        return months

    def _open(self, draft: declarations.Draft) -> None:
        self.declaration_id, self.status = draft.id, draft.status
        self.sent_on, self.reference = draft.sent_on, draft.reference
        self.answers, self.prefilled = draft.answers, draft.prefilled
        self._people, self._quarter_start = draft.people, draft.quarter.start
        if draft.status == DraftStatus.ENVOYE:
            self.step = "envoyee"

    @private_event(loader=True)
    async def load(self):
        slug = self.router.url.path.rstrip("/").split("/")[-1]
        self.prestation = ROUTES.get(slug, Prestation.RSA.value)
        version = self.router.url.query_parameters.get("version", "")
        preferred = (await self.get_state(DisplayState)).falc_preferred != ""
        self.falc = version == "facile" or (preferred and version != "habituelle")
        self.errors, self.person_index, self.falc_index = {}, 0, 0
        self.step = "questions" if self.falc else "situation"
        self._open(await self.call(declarations.open_draft, prestation=self.prestation, today=clock.today()))
        self._resume()

    def _screen(self) -> str:
        """Where the person is, kept with the draft: "situation", "personne:1", "questions:4" or "revue"."""
        if self.step == "personne":
            return f"personne:{self.person_index}"
        if self.step == "questions":
            return f"questions:{self.falc_index}"
        return self.step

    def _resume(self) -> None:
        """Back on the screen the draft was left on (a reload, another device, or a tab that reconnected
        through another app instance with a new tab state): in the same variant, else from the start."""
        if self.status != DraftStatus.BROUILLON:
            return
        screen, _, index = self.answers.get("ecran", "").partition(":")
        number = int(index) if index.isascii() and index.isdigit() else 0
        if screen == "revue" or (screen == "situation" and not self.falc):
            self.step = screen
        elif screen == "personne" and not self.falc and number < len(self._people):
            self.step, self.person_index = screen, number
        elif screen == "questions" and self.falc:
            self.step, self.falc_index = screen, min(number, len(self._steps()) - 1)

    async def _remember_screen(self) -> None:
        if self.status == DraftStatus.BROUILLON:
            await self._save({"ecran": self._screen()})

    async def _save(self, answers: dict[str, str]) -> None:
        self.answers = {**self.answers, **answers}
        try:
            await self.call(declarations.save, draft_id=self.declaration_id, answers=answers,
                            passing=(declarations.AlreadySent,))
        except declarations.AlreadySent as error:  # sent meanwhile, from another tab or device
            self.errors, self.step = {"": error.message}, "envoyee"

    def _errors_for(self, prefix: str) -> dict[str, str]:
        _, errors = check(self.answers, prestation=self.prestation, people=self._people, quarter=self._quarter())
        return {key: message for key, message in errors.items() if key.startswith(prefix)}

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
    async def next_standard(self, form: dict):
        """Continuer on a standard screen: keep the answers, check this screen, go on."""
        await self._save({k: str(v) for k, v in form.items() if ":" in k or k == "situation"})
        prefix = "situation" if self.step == "situation" else f"{self._people[self.person_index].id}:"
        self.errors = self._errors_for(prefix)
        if self.errors:
            # several errors: their summary (components/ui/error_summary.py); one: its field
            return rx.call_script("(document.querySelector('.error-summary') || "
                                  "document.querySelector('[aria-invalid=true]'))?.focus()")
        if self.step == "situation":
            self.step, self.person_index = "personne", 0
        elif self.person_index + 1 < len(self._people):
            self.person_index += 1
        else:
            self.step = "revue"
        await self._remember_screen()
        return rx.call_script("document.getElementById('etape')?.focus()")

    @private_event
    async def back(self):
        if self.step == "personne" and self.person_index > 0:
            self.person_index -= 1
        elif self.step == "personne":
            self.step = "situation"
        elif self.step == "revue":
            self.step = "questions" if self.falc else "personne"
            self.person_index = len(self._people) - 1
        elif self.step == "questions" and self.falc_index > 0:
            self.falc_index -= 1
        self.errors = {}
        await self._remember_screen()

    @private_event
    async def edit(self, person_index: int):
        """"Modifier" on the review: back to that person's answers (the FALC variant asks from the start)."""
        if self.falc:
            self.step, self.falc_index = "questions", 0
        else:
            self.step, self.person_index = "personne", person_index
        await self._remember_screen()

    @private_event
    async def next_falc(self, form: dict):
        """Continuer on a FALC screen: one answer, checked alone."""
        key, value = self.question_key, str(form.get("reponse", self.answers.get(self.question_key, "")))
        await self._save({key: value})
        error = self._errors_for(key).get(key, "")
        if error:  # said in easy-to-read words
            self.errors = {key: falc_error(self.question_kind, value, error) if self.falc else error}
            return None
        self.errors = {}
        if self.falc_index + 1 < len(self._steps()):
            self.falc_index += 1
        else:
            self.step = "revue"
        await self._remember_screen()
        return rx.call_script("document.getElementById('etape')?.focus()")

    @private_event
    async def switch_variant(self):
        """Standard <-> FALC: the same draft, nothing lost."""
        self.falc = not self.falc
        if self.step in ("situation", "personne", "questions"):
            self.step, self.falc_index, self.person_index = ("questions" if self.falc else "situation"), 0, 0
        self.errors = {}
        await self._remember_screen()

    @private_event
    async def send(self, form: dict):
        try:
            draft = await self.call(declarations.send, draft_id=self.declaration_id,
                                    confirmed=bool(form.get("confirmation")), passing=(declarations.Incomplete,))
        except declarations.Incomplete as error:  # each wrong answer next to its question on the review
            self.errors = {"": error.message, **error.errors}
            return None
        self._open(draft)
        self.errors = {}
        return rx.call_script("document.getElementById('etape')?.focus()")
