"""Ma déclaration trimestrielle, standard and FALC variants over one server-side draft."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

import reflex as rx

from .. import clock
from ..content.declaration import received_question, step_text, words
from ..domain.dates import with_de
from ..domain.declarations import Person, Quarter, categories_for, check, falc_steps
from ..domain.errors import DomainError, Forbidden
from ..domain.money import format_euros
from ..services.situation import declarations
from .compte import DisplayState
from .private import NO_ACCESS
from .session import run_for_actor, session_ended

ROUTES = {"rsa": "rsa", "prime-activite": "prime_activite", "aah": "aah"}
TITLES = {"rsa": "Déclaration trimestrielle Rsa", "prime-activite": "Déclaration trimestrielle Prime d'activité",
          "aah": "Déclaration trimestrielle Aah"}  # by the address's last part (caf_app/pages/declaration.py)


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


class DeclarationState(rx.State):
    prestation: str = ""
    falc: bool = False
    status: str = ""
    sent_on: str = ""
    reference: str = ""
    declaration_id: int = 0
    quarter_label: str = ""
    intro: str = ""
    step: str = "situation"  # situation, personne, revue (standard); envoyee for both
    person_index: int = 0
    person_heading: str = ""
    categories: list[CategoryView] = []
    answers: dict[str, str] = {}
    prefilled: list[str] = []
    errors: dict[str, str] = {}
    review: list[ReviewMonth] = []
    falc_index: int = 0
    falc_total: int = 0
    question: str = ""
    question_kind: str = ""
    question_key: str = ""
    question_help: list[str] = []  # one sentence a line (FALC)
    question_category: str = ""
    restricted_message: str = ""
    _people: list[Person] = []
    _quarter_start: date | None = None

    def _quarter(self) -> Quarter:
        return Quarter(self._quarter_start)

    def _text(self, key: str) -> str:
        return words(self.falc)[key]

    def _refresh(self) -> None:
        """Recompute what the current screen shows from the answers (nothing here touches the database)."""
        quarter, text = self._quarter(), words(self.falc)
        self.quarter_label = quarter.label()
        self.intro = text["intro"].format(trimestre=quarter.label(), de_trimestre=with_de(quarter.label()))
        if self.step == "personne" and self._people:
            person = self._people[self.person_index]
            self.person_heading = text["person_heading"].format(
                personne="vous" if person.is_beneficiary else person.first_name)
            self.categories = [CategoryView(
                f"{person.id}:{category}", category, received_question(person, category, quarter, self.falc),
                text["categories"][category]["help"],
                [(f"{person.id}:{category}:{i}", name.capitalize())
                 for i, name in enumerate(quarter.names)]) for category in categories_for(self.prestation, person)]
        steps = falc_steps(self.prestation, self._people, self.answers)
        self.falc_total, self.falc_index = len(steps), min(self.falc_index, len(steps) - 1)
        current = steps[self.falc_index]
        self.question, self.question_kind, self.question_key = (
            step_text(current, self._people, quarter, self.falc), current.kind, current.key)
        self.question_category = current.category
        help_text = text["categories"][current.category]["help"] if current.category else ""
        self.question_help = [line for line in re.split(r"(?<=[.?!])\s+", help_text) if line]
        self.review = self._review(quarter) if self.step == "revue" else []

    def _review(self, quarter: Quarter) -> list[ReviewMonth]:
        """Everything declared, by month then person; "Aucune ressource" where nothing was received."""
        labels = words(self.falc)["categories"]
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
        if draft.status == "envoyee":
            self.step = "envoyee"

    async def _with_draft(self, action) -> bool:
        """Run action(session, actor) with the checked actor; False (and the logout) without a session."""
        actor, error = await run_for_actor(self, action)
        if isinstance(error, Forbidden):
            self.restricted_message = NO_ACCESS
        elif error is not None:
            raise error  # AlreadySent, Incomplete...: each handler shows its own
        else:
            self.restricted_message = ""
        return actor is not None

    @rx.event
    async def load(self):
        slug = self.router.url.path.rstrip("/").split("/")[-1]
        self.prestation = ROUTES.get(slug, "rsa")
        version = self.router.url.query_parameters.get("version", "")
        preferred = (await self.get_state(DisplayState)).falc_preferred != ""
        self.falc = version == "facile" or (preferred and version != "habituelle")
        self.errors, self.person_index, self.falc_index = {}, 0, 0
        self.step = "questions" if self.falc else "situation"

        def open_it(session, actor):
            self._open(declarations.open_draft(session=session, actor=actor, prestation=self.prestation,
                                               today=clock.today()))

        if await self._with_draft(open_it) and not self.restricted_message:
            self._resume()
            self._refresh()

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
        if self.status != "brouillon":
            return
        screen, _, index = self.answers.get("ecran", "").partition(":")
        number = int(index) if index.isascii() and index.isdigit() else 0
        if screen == "revue" or (screen == "situation" and not self.falc):
            self.step = screen
        elif screen == "personne" and not self.falc and number < len(self._people):
            self.step, self.person_index = screen, number
        elif screen == "questions" and self.falc:
            self.step, self.falc_index = screen, number  # _refresh keeps it within the questions

    async def _remember_screen(self) -> None:
        if self.status == "brouillon":
            await self._save({"ecran": self._screen()})

    async def _save(self, answers: dict[str, str]) -> bool:
        self.answers = {**self.answers, **answers}

        def save_it(session, actor):
            declarations.save(session=session, actor=actor, draft_id=self.declaration_id, answers=answers)

        try:
            return await self._with_draft(save_it)
        except declarations.AlreadySent as error:
            self.errors, self.step = {"": error.message}, "envoyee"
            return True

    def _errors_for(self, prefix: str) -> dict[str, str]:
        _, errors = check(self.answers, prestation=self.prestation, people=self._people, quarter=self._quarter())
        return {key: message for key, message in errors.items() if key.startswith(prefix)}

    @rx.event
    async def answer(self, key: str, value: str):
        """One answer, saved on the server as it is given (radio at once, amounts debounced)."""
        if not await self._save({key: value}):
            return session_ended()
        self.errors = {k: v for k, v in self.errors.items() if k != key}
        self._refresh()
        return None

    @rx.event
    async def next_standard(self, form: dict):
        """Continuer on a standard screen: keep the answers, check this screen, go on."""
        if not await self._save({k: str(v) for k, v in form.items() if ":" in k or k == "situation"}):
            return session_ended()
        prefix = "situation" if self.step == "situation" else f"{self._people[self.person_index].id}:"
        self.errors = self._errors_for(prefix)
        if self.errors:
            return rx.call_script("document.querySelector('[aria-invalid=true]')?.focus()")
        if self.step == "situation":
            self.step, self.person_index = "personne", 0
        elif self.person_index + 1 < len(self._people):
            self.person_index += 1
        else:
            self.step = "revue"
        self._refresh()
        await self._remember_screen()
        return rx.call_script("document.getElementById('etape')?.focus()")

    @rx.event
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
        self._refresh()
        await self._remember_screen()

    @rx.event
    async def edit(self, person_index: int):
        """"Modifier" on the review: back to that person's answers (the FALC variant asks from the start)."""
        if self.falc:
            self.step, self.falc_index = "questions", 0
        else:
            self.step, self.person_index = "personne", person_index
        self._refresh()
        await self._remember_screen()

    @rx.event
    async def next_falc(self, form: dict):
        """Continuer on a FALC screen: one answer, checked alone."""
        key, value = self.question_key, str(form.get("reponse", self.answers.get(self.question_key, "")))
        if not await self._save({key: value}):
            return session_ended()
        error = self._errors_for(key).get(key, "")
        if error:
            self.errors = {key: error}
            return None
        self.errors = {}
        if self.falc_index + 1 < len(falc_steps(self.prestation, self._people, self.answers)):
            self.falc_index += 1
        else:
            self.step = "revue"
        self._refresh()
        await self._remember_screen()
        return rx.call_script("document.getElementById('etape')?.focus()")

    @rx.event
    async def switch_variant(self):
        """Standard <-> FALC: the same draft, nothing lost."""
        self.falc = not self.falc
        if self.step in ("situation", "personne", "questions"):
            self.step, self.falc_index, self.person_index = ("questions" if self.falc else "situation"), 0, 0
        self.errors = {}
        self._refresh()
        await self._remember_screen()

    @rx.event
    async def send(self, form: dict):
        result: list[declarations.Draft] = []

        def send_it(session, actor):
            result.append(declarations.send(session=session, actor=actor, draft_id=self.declaration_id,
                                            confirmed=bool(form.get("confirmation"))))

        try:
            if not await self._with_draft(send_it):
                return session_ended()
        except declarations.Incomplete as error:
            self.errors = {"": error.message, **error.errors}
            return None
        except DomainError as error:
            self.errors = {error.field: error.message}
            return None
        if result:
            self._open(result[0])
            self.errors = {}
        return rx.call_script("document.getElementById('etape')?.focus()")
