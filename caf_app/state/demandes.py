"""A demande de prestation: one screen per topic over the draft kept on the server, the review, the sending once.

The answers of a screen travel with « Suivant » or « Précédent » (services/paperwork/demandes.py save(): every
answer kept, even a wrong one); a choice also updates the screen at once (set_answer), so that the questions it
opens appear, without writing anything."""

from __future__ import annotations

import json
from dataclasses import dataclass
from urllib.parse import urlencode

import reflex as rx

from .. import clock, routes
from ..content import demandes as words
from ..documents.processing import MAX_FILE_BYTES
from ..documents.storage import private_store
from ..domain import demandes as catalogue
from ..domain.demande_carry import from_simulation
from ..domain.demande_form import Kind
from ..domain.errors import DomainError
from ..services.paperwork import demande_pieces, demandes
from .private import PrivateState, private_event

INTRO, REVIEW, SENT = "intro", "revue", "envoyee"
FOCUS_STEP = "document.getElementById('etape')?.focus()"
FOCUS_ERROR = ("(document.querySelector('main [aria-invalid=true]') || document.getElementById('probleme') "
               "|| document.getElementById('etape'))?.focus()")
RADIOS_UP_TO = 8  # more choices than this: a list (select)
# « Commencer ma demande » reads the tab's simulation (state/simulation.py keeps it in sessionStorage, JSON) and
# hands it to begin(): one explicit event argument, whatever state declared the storage.
SIMULATION_KEY = "caf_simulation_reponses"
READ_SIMULATION = f"window.sessionStorage.getItem('{SIMULATION_KEY}') || ''"


@dataclass(frozen=True)
class QuestionView:
    name: str
    label: str
    widget: str  # radio, select, date, amount, text, textarea, postal, iban
    help: str
    options: list[tuple[str, str]]
    value: str
    shown: bool  # its conditions hold on the answers so far (else hidden, its answer kept)
    prefilled: bool
    error: str


@dataclass(frozen=True)
class ChangeToDeclare:
    """A change of situation the answers reveal: declared through Déclarer un changement, which brings the person
    back to the review (its « retour »)."""
    label: str
    sentence: str
    href: str


@dataclass(frozen=True)
class ReviewTopic:
    key: str
    title: str
    lines: list[tuple[str, str]]


def _widget(question) -> str:
    if question.options:
        return "radio" if len(question.options) <= RADIOS_UP_TO else "select"
    if question.kind is Kind.TEXT:
        return "textarea" if question.max_length > 200 else "text"
    return {Kind.DATE: "date", Kind.AMOUNT: "amount", Kind.POSTAL_CODE: "postal", Kind.IBAN: "iban"}[question.kind]


def _carried(simulation: str) -> dict[str, str]:
    """The simulation's answers as the demande's (domain/demande_carry.py); nothing when they do not read."""
    try:
        answers = json.loads(simulation[:20_000]) if isinstance(simulation, str) and simulation else {}
    except ValueError:
        return {}
    return from_simulation(answers)


def kind_of(slug: str) -> str:
    return slug.replace("-", "_")


class DemandeState(PrivateState, rx.State):
    kind: str = ""
    title: str = ""
    demande_id: int = 0
    step: str = INTRO  # intro, a topic's key, revue, envoyee
    editing: bool = False  # « Modifier » from the review: « Suivant » goes back to it
    topics: list[tuple[str, str]] = []
    answers: dict[str, str] = {}
    prefilled: list[str] = []
    errors: dict[str, str] = {}
    refusal: str = ""  # the eligibility rule that stands in the way, with its reason
    problem: str = ""  # why this demande cannot be made here (policy, the dossier, an unknown demande)
    allocataire: bool = False
    bank_account: str = ""
    review_topics: list[ReviewTopic] = []
    changes: list[ChangeToDeclare] = []
    pieces: list[str] = []
    piece_views: list[demande_pieces.PieceView] = []  # each piece with what is joined to it
    piece_choice: str = ""  # the piece the next file joins
    piece_errors: dict[str, str] = {}
    piece_notice: str = ""  # a file joined (and a photo's warning: blurry, dark)
    sending: bool = False
    reference: str = ""
    sent_on: str = ""
    delai: str = ""
    receipt_pieces: list[str] = []
    receipt_joined: list[str] = []
    numero: str = ""  # a first-time applicant's new numéro allocataire, shown once the demande is sent

    def _forget(self) -> None:
        self.answers, self.review_topics, self.topics, self.demande_id = {}, [], [], 0

    # What the screen shows, from the answers (no database)

    @rx.var
    def card_text(self) -> str:
        try:
            return catalogue.demande_of(self.kind).card
        except DomainError:
            return ""

    @rx.var
    def planned(self) -> list[str]:
        """The intro's list of steps: those of a person with a dossier, or of a first-time applicant."""
        try:
            status = "allocataire" if self.allocataire else "nouveau"
            return [topic.title for topic in catalogue.topics_of(self.kind, {"statut_demandeur": status})]
        except DomainError:
            return []

    @rx.var
    def step_number(self) -> int:
        keys = [key for key, _ in self.topics]
        return keys.index(self.step) + 1 if self.step in keys else len(keys) + 1

    @rx.var
    def step_total(self) -> int:
        return len(self.topics) + 1  # the review is the last step

    @rx.var
    def step_title(self) -> str:
        return dict(self.topics).get(self.step, "Vérifier ma demande" if self.step == REVIEW else "")

    @rx.var
    def questions(self) -> list[QuestionView]:
        if self.step in (INTRO, REVIEW, SENT) or not self.kind:
            return []
        try:
            topic = catalogue.topic_of(self.kind, self.step)
        except DomainError:
            return []
        return [QuestionView(q.name, q.label, _widget(q), q.help, list(q.options), self.answers.get(q.name, ""),
                             q.applies(self.answers), q.name in self.prefilled, self.errors.get(q.name, ""))
                for q in topic.questions]

    @rx.var
    def screen_prefilled(self) -> bool:
        return any(q.prefilled and q.shown for q in self.questions)

    # Opening, and what each answer of the service leaves on screen

    def _open(self, draft: demandes.Draft) -> None:
        self.demande_id, self.kind, self.title = draft.id, draft.kind, draft.title
        self.answers, self.prefilled, self.topics = draft.answers, draft.prefilled, draft.topics
        self.bank_account, self.refusal, self.errors = draft.bank_account, draft.refusal, draft.errors

    async def _show_review(self) -> None:
        review = await self.call(demandes.review, demande_id=self.demande_id, today=clock.today())
        self._open(review.draft)
        self.review_topics = [ReviewTopic(key, title, lines) for key, title, lines in review.rows]
        back = routes.DEMANDE.of(demande_slug=self.kind.replace("_", "-"))
        self.changes = [ChangeToDeclare(found.label, found.sentence, routes.DECLARER_UN_CHANGEMENT.path + "?"
                                        + urlencode({"changement": found.kind, "retour": back}))
                        for found in review.changes]
        self.pieces, self.errors, self.step, self.editing = review.pieces, review.errors, REVIEW, False
        self.piece_errors, self.piece_notice = {}, ""
        self.piece_views = await self.call(demande_pieces.pieces, demande_id=self.demande_id) if review.pieces else []
        if self.piece_choice not in review.pieces:
            self.piece_choice = next((view.label for view in self.piece_views if not view.pages), "")

    @rx.event
    def choose_piece(self, label: str):
        self.piece_choice, self.piece_errors = str(label)[:200], {}

    @private_event
    async def add_piece(self, files: list[rx.UploadFile]):
        """Each file joined to the piece chosen, checked and cleaned on the server (the session checked first)."""
        await self.checked()
        self.piece_errors, self.piece_notice = {}, ""
        warnings, label = [], self.piece_choice
        for upload in files[:5]:
            data = await upload.read(MAX_FILE_BYTES + 1)
            if len(data) > MAX_FILE_BYTES:
                self.piece_errors = {"fichier": words.PIECE_TOO_BIG}
                break
            warnings += await self.call(demande_pieces.add, shown_in="piece_errors", demande_id=self.demande_id,
                                        label=label, data=data, store=private_store())
        self.piece_views = await self.call(demande_pieces.pieces, demande_id=self.demande_id)
        if not self.piece_errors:
            self.piece_notice = " ".join([f"Ajouté à « {label} ».", *dict.fromkeys(warnings)])
            self.piece_choice = next((view.label for view in self.piece_views if not view.pages), label)

    @rx.event
    def piece_rejected(self, codes: list[str]):
        """The browser refused the file before sending it: said by its reason (size or type)."""
        too_big = any("file-too-large" in str(code) for code in codes)
        self.piece_notice = ""
        self.piece_errors = {"fichier": words.PIECE_TOO_BIG if too_big else words.PIECE_WRONG_TYPE}

    @private_event
    async def remove_piece(self, label: str):
        self.piece_errors, self.piece_notice = {}, ""
        await self.call(demande_pieces.remove, shown_in="piece_errors", demande_id=self.demande_id,
                        label=str(label)[:200], store=private_store())
        self.piece_views = await self.call(demande_pieces.pieces, demande_id=self.demande_id)
        self.piece_choice, self.piece_notice = str(label)[:200], f"Retiré de « {label} »."

    @private_event(loader=True)
    async def load(self):
        self.kind = kind_of(self.router.url.path.rstrip("/").split("/")[-1])
        self.step, self.editing, self.sending, self.problem, self.refusal = INTRO, False, False, "", ""
        self.numero = ""
        self.demande_id, self.errors, self.answers, self.topics, self.prefilled = 0, {}, {}, [], []
        actor = await self.checked()
        self.allocataire = actor.dossier_id is not None
        self.title = catalogue.CATALOGUE[catalogue.DemandeKind(self.kind)].title \
            if self.kind in set(catalogue.DemandeKind) else ""
        draft = await self.call(demandes.resume, kind=self.kind, today=clock.today(), shown_in="problem",
                                forbidden=words.ONLY_RESPONSIBLE if self.allocataire else words.NO_DOSSIER)
        if draft is None:
            return
        self._open(draft)
        if draft.topic == REVIEW:
            await self._show_review()
        else:
            self.step = draft.topic

    @private_event
    async def begin(self, simulation: str = ""):
        """« Commencer ma demande »: the draft created, pre-filled from the dossier then from the simulation just
        made in this tab (`simulation`: its answers, JSON), or resumed."""
        self.problem = ""
        draft = await self.call(demandes.start, kind=self.kind, today=clock.today(), shown_in="problem",
                                carried=_carried(simulation))
        self._open(draft)
        self.errors = {}
        if draft.topic == REVIEW:
            await self._show_review()
        else:
            self.step = draft.topic
        return rx.call_script(FOCUS_STEP)

    @private_event
    async def set_answer(self, name: str, value: str):
        """One answer as it is given (a choice at once, a typed text a moment after the last key, or on leaving the
        field): the questions it opens appear, and it is kept on the server, so that a reload, a lost connection or
        another device finds it; its mark goes until « Suivant » checks the screen again."""
        self.answers = {**self.answers, name: str(value)}
        self.errors = {key: message for key, message in self.errors.items() if key != name}
        if self.demande_id and self.step in dict(self.topics):
            await self.call(demandes.save, demande_id=self.demande_id, topic=self.step, answers={name: str(value)},
                            today=clock.today(), then=self.step)

    async def _save(self, form: dict, then: str = "") -> demandes.Draft:
        answers = {str(name): str(value) for name, value in form.items()
                   if isinstance(value, str | int) and name != "action"}
        draft = await self.call(demandes.save, demande_id=self.demande_id, topic=self.step, answers=answers,
                                today=clock.today(), then=then)
        self._open(draft)
        return draft

    @private_event
    async def submit_screen(self, form: dict):
        """« Suivant » or « Précédent » (the form's "action", set by the button tapped): both keep the answers."""
        if form.get("action") == "precedent":
            return await self._back(form)
        return await self._next(form)

    async def _next(self, form: dict):
        """« Suivant »: the screen's answers kept and checked; on to the next screen, or why not."""
        self.errors, self.refusal = {}, ""
        draft = await self._save(form)
        if self.editing and not (draft.errors or draft.refusal):  # back to the review, and a reload finds it
            draft = await self._save({}, then=REVIEW)
        if draft.errors or draft.refusal:
            return rx.call_script(FOCUS_ERROR)
        if draft.topic == REVIEW or self.editing:
            await self._show_review()
        else:
            self.step = draft.topic
        return rx.call_script(FOCUS_STEP)

    async def _back(self, form: dict):
        """« Précédent »: the screen's answers kept as they are (even wrong), then the screen before."""
        keys = [key for key, _ in self.topics]
        index = keys.index(self.step) if self.step in keys else len(keys)
        before = keys[index - 1] if index > 0 else INTRO
        if self.step in keys:
            await self._save(form, then=before if index > 0 else self.step)
        self.errors, self.refusal, self.editing, self.step = {}, "", False, before
        return rx.call_script(FOCUS_STEP)

    @private_event
    async def edit(self, topic: str):
        """« Modifier » on the review: that screen, then straight back to the review."""
        await self.checked()
        if topic in dict(self.topics):
            self.step, self.editing, self.errors, self.refusal = topic, True, {}, ""
        return rx.call_script(FOCUS_STEP)

    @rx.event
    def start_sending(self, _form: dict):
        """The button shows the sending at once; the service sends once whatever the taps."""
        self.sending = True

    @private_event
    async def send(self, form: dict):
        self.sending = False
        try:
            receipt = await self.call(demandes.send, demande_id=self.demande_id, today=clock.today(),
                                      confirmed=bool(form.get("confirmation")), passing=(demandes.Incomplete,))
        except demandes.Incomplete as error:
            self.errors = {"": error.message, **error.errors}
            return rx.call_script(FOCUS_ERROR)
        self.reference, self.sent_on, self.delai = receipt.reference, f"{receipt.date} à {receipt.time}", receipt.delai
        self.receipt_pieces, self.errors, self.step = receipt.pieces, {}, SENT
        self.receipt_joined = receipt.joined
        self.numero = receipt.numero if receipt.dossier_created else ""
        return rx.call_script(FOCUS_STEP)
