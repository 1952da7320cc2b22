"""Déclarer un changement: choose, fill in, check, confirm."""

from __future__ import annotations

import reflex as rx
from sqlmodel import Session

from .. import clock
from ..db import engine
from ..domain.changes import KINDS
from ..domain.dates import format_date
from ..domain.errors import DomainError, Forbidden
from ..services.situation import changes
from .session import current_actor, session_ended


class ChangesState(rx.State):
    step: str = "choix"  # choix -> formulaire -> verifier -> fait
    allowed: list[str] = []
    kind: str = ""
    kind_label: str = ""
    date_label: str = ""
    children: list[tuple[str, str]] = []  # (member id, name)
    form: dict[str, str] = {}
    summary: list[tuple[str, str]] = []
    errors: dict[str, str] = {}
    reference: str = ""

    @rx.event
    async def load(self):
        self.step, self.kind, self.form, self.errors, self.reference = "choix", "", {}, {}, ""
        actor = await current_actor(self)
        if actor is None:
            return
        with Session(engine()) as session:
            self.allowed = changes.allowed(session=session, actor=actor)
            self.children = [(str(k), v) for k, v in changes.children(session=session, actor=actor).items()]

    @rx.event
    def choose(self, form: dict):
        kind = str(form.get("changement", ""))
        if kind not in self.allowed:
            self.errors = {"changement": "Choisissez le changement à déclarer."}
            return
        self.kind, self.kind_label, self.date_label = kind, KINDS[kind].label, KINDS[kind].date_label
        self.step, self.errors = "formulaire", {}

    @rx.event
    async def check(self, form: dict):
        actor = await current_actor(self)
        if actor is None:
            return session_ended()
        self.form = {k: str(v)[:100] for k, v in form.items()}
        try:
            with Session(engine()) as session:
                change = changes.check(session=session, actor=actor, kind=self.kind, form=self.form,
                                       today=clock.today())
        except DomainError as error:
            self.errors = {error.field: error.message}
            return None
        except Forbidden:
            self.errors = {"": "Vous ne pouvez pas déclarer ce changement pour ce dossier."}
            return None
        self.summary = [("Changement", change.kind.label), (change.kind.date_label, format_date(change.effective))]
        if change.child_first_names:
            self.summary.append(("Enfant", f"{change.child_first_names} {change.child_name}"))
        if change.child_id:
            self.summary.append(("Enfant", dict(self.children)[str(change.child_id)]))
        self.step, self.errors = "verifier", {}
        return None

    @rx.event
    def modify(self):
        self.step = "formulaire"

    @rx.event
    async def confirm(self):
        if self.step != "verifier":  # a double tap: the first one already sent it
            return None
        actor = await current_actor(self)
        if actor is None:
            return session_ended()
        try:
            with Session(engine()) as session:
                self.reference = changes.declare(session=session, actor=actor, kind=self.kind, form=self.form,
                                                 today=clock.today())
        except (DomainError, Forbidden) as error:
            self.errors = {"": getattr(error, "message", "Ce changement ne peut pas être déclaré.")}
            return None
        self.step = "fait"
        return None
