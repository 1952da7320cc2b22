"""The site search (/recherche) and the assistant (« Une question ? », on every page): public, nothing kept of the
person; the query runs in a thread, one database query (services/communications/search.py)."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlencode

import reflex as rx

from .. import routes
from ..domain.search_text import MAX_QUERY
from ..services.communications import search
from .private import public_call

FOCUS_RESULTS = "document.getElementById('resultats')?.focus()"


@dataclass(frozen=True)
class HitView:
    title: str
    summary: str
    url: str


@dataclass(frozen=True)
class GroupView:
    kind: str
    hits: list[HitView]


def _views(hits) -> list[HitView]:
    return [HitView(hit.title, hit.summary, hit.url) for hit in hits]


class SearchState(rx.State):
    query: str = ""
    groups: list[GroupView] = []
    corrected: str = ""
    message: str = ""
    error: str = ""  # next to the field: nothing typed
    searched: bool = False

    @rx.var
    def count(self) -> int:
        return sum(len(group.hits) for group in self.groups)

    async def _search(self, query: str) -> None:
        self.query = query[: MAX_QUERY * 50]
        results = await public_call(search.search, query=self.query)
        self.groups = [GroupView(kind, _views(hits)) for kind, hits in results.groups]
        self.corrected, self.searched = ", ".join(results.corrected), True
        empty = not self.query.strip()
        self.error, self.message = (results.message, "") if empty else ("", results.message)

    @rx.event
    async def load(self):
        """/recherche?q=…: a link, the header's form, or the page reloaded: the results of that query."""
        self.groups, self.corrected, self.message, self.error, self.searched = [], "", "", "", False
        asked = self.router.url.query_parameters
        query = str(asked.get("q", "") or asked.get("question", ""))  # "question": the assistant without scripts
        if query:
            await self._search(query)

    @rx.event
    async def submit(self, form: dict):
        await self._search(str(form.get("q", "")))
        address = routes.RECHERCHE.path + "?" + urlencode({"q": self.query[:MAX_QUERY]})
        return rx.call_script(f"history.replaceState(null, '', {address!r}); {FOCUS_RESULTS}")


class AssistantState(rx.State):
    question: str = ""
    answers: list[HitView] = []
    message: str = ""
    error: str = ""
    asked: bool = False

    @rx.event
    async def ask(self, form: dict):
        self.question = str(form.get("question", ""))[:MAX_QUERY * 5]
        found = await public_call(search.answer, question=self.question)
        empty = not self.question.strip()
        self.answers, self.asked = _views(found.items), not empty
        self.error, self.message = (found.message, "") if empty else ("", found.message)
