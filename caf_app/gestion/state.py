"""The agents' states: the same one way through the code as the allocataires' pages (state/private.py), with the
agent's session (an HttpOnly cookie set by api/gestion.py, checked at every event) instead of the allocataire's."""

from __future__ import annotations

from typing import ClassVar

import reflex as rx

from .. import clock, routes
from ..domain.gestion import AgentActor
from ..services.gestion import audit, decisions, dossier, queue
from ..state.private import PrivateState, private_event
from .session import live_agent


class AgentState(PrivateState, mixin=True):
    no_access: ClassVar[str] = "Ce dossier n'existe pas ou ne relève pas de votre Caf."
    agent_name: str = ""
    supervises: bool = False
    edits: bool = False  # an editor of the public site: its news, nothing of the dossiers

    async def _who(self, opening: bool) -> AgentActor | None:
        agent = live_agent(self.router)
        if agent is not None and opening:
            self.agent_name, self.supervises, self.edits = agent.name, agent.supervises, agent.edits
        return agent

    def _route_id(self, name: str) -> int:
        """The number in the page's address (/gestion/traitement/<n>, /gestion/message/<n>); 0 when it is none."""
        ref = str(self.router.page.params.get(name, "0"))
        return int(ref) if ref.isdigit() and len(ref) < 10 else 0

    async def _gone(self, loader: bool):
        return rx.redirect(routes.GESTION_CONNEXION.query(motif="expiration"), replace=True)


class AgentLoginState(rx.State):
    """The login page reads what api/gestion.py sent back: the message and the identifier typed (never the
    password or the code)."""

    error: str = ""
    field: str = ""
    login: str = ""
    notice: str = ""

    @rx.event
    def load(self):
        params = self.router.page.params
        self.error, self.field = str(params.get("erreur", ""))[:200], str(params.get("champ", ""))[:20]
        self.login = str(params.get("identifiant", ""))[:64]
        reason = params.get("motif", "")
        self.notice = {"deconnexion": "Vous êtes déconnecté(e).",
                       "expiration": "Votre session a pris fin : reconnectez-vous."}.get(reason, "")


class QueueState(AgentState, rx.State):
    lines: list[queue.QueueLine] = []
    kind: str = ""
    age: str = ""
    error: str = ""

    @private_event(loader=True)
    async def load(self):
        self.error = ""
        if self.edits:  # the login lands here: an editor's page is the news
            return rx.redirect(routes.GESTION_ACTUALITES.path, replace=True)
        self.lines = await self.call(queue.queue, kind=self.kind, age=self.age)

    @private_event
    async def filter(self, form: dict):
        self.kind, self.age, self.error = str(form.get("type", "")), str(form.get("anciennete", "")), ""
        self.lines = await self.call(queue.queue, kind=self.kind, age=self.age)

    @private_event
    async def take(self, demarche_id: int):
        self.error = ""
        await self.call(queue.claim, demarche_id=int(demarche_id))
        return rx.redirect(routes.GESTION_TRAITEMENT.of(demarche_ref=str(int(demarche_id))))


class ItemState(AgentState, rx.State):
    view: dossier.ItemView | None = None
    errors: dict[str, str] = {}
    done: str = ""
    _done_of: int = 0  # the démarche `done` speaks of

    def _id(self) -> int:
        return self._route_id("demarche_ref")

    def _forget(self) -> None:
        self.view = None

    @private_event(loader=True)
    async def load(self):
        """A new visit starts with no message; the same item loaded again (the connection came back during a long
        decision) keeps the one its decision gave."""
        self.errors = {}
        if not (self._reloaded and self._done_of == self._id()):
            self.done = ""
        self.view = await self.call(dossier.item, demarche_id=self._id())

    async def _decide(self, service, **kwargs):
        self.errors, self.done = {}, ""
        self.done = await self.call(service, hashing=True, demarche_id=self._id(), today=clock.today(), **kwargs)
        self._done_of = self._id()
        self.view = await self.call(dossier.item, demarche_id=self._id())

    @private_event
    async def accept(self):
        await self._decide(decisions.accept)

    @private_event
    async def refuse(self, form: dict):
        await self._decide(decisions.refuse, motif=str(form.get("motif", "")), detail=str(form.get("motif_detail", "")))

    @private_event
    async def ask_piece(self, form: dict):
        await self._decide(decisions.ask_piece, label=str(form.get("piece", "")))

    @private_event
    async def answer(self, form: dict):
        await self._decide(decisions.answer, text=str(form.get("reponse", "")))

    @private_event
    async def take(self):
        self.errors = {}
        await self.call(queue.claim, demarche_id=self._id())
        self.view = await self.call(dossier.item, demarche_id=self._id())

    @private_event
    async def release(self):
        await self.call(queue.release, demarche_id=self._id())
        return rx.redirect(routes.GESTION.path)


class DossierState(AgentState, rx.State):
    results: list[queue.DossierLine] = []
    searched: bool = False
    opened: dossier.DossierView | None = None
    errors: dict[str, str] = {}

    def _forget(self) -> None:
        self.opened = None

    @private_event(loader=True)
    async def load(self):
        self.errors = {}

    @private_event
    async def search(self, form: dict):
        self.errors, self.opened, self.searched = {}, None, False
        self.results = await self.call(queue.search, text=str(form.get("recherche", "")))
        self.searched = True

    @private_event
    async def open(self, form: dict):
        self.errors = {}
        self.opened = await self.call(dossier.open_dossier, dossier_id=int(str(form.get("dossier", "0")) or 0),
                                      reason=str(form.get("raison", "")))


class AuditState(AgentState, rx.State):
    team: audit.Team | None = None

    def _forget(self) -> None:
        self.team = None

    @private_event(loader=True)
    async def load(self):
        self.team = await self.call(audit.team)
