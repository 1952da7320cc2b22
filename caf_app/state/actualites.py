"""A news item published from the agents' space (/actualites/publiees/<slug>; services/communications/
actualites.py): public, read in a thread."""

from __future__ import annotations

import asyncio

import reflex as rx
from sqlmodel import Session

from ..content.shell import APP_NAME
from ..db import engine
from ..services.communications import actualites

GONE = "Cette actualité n'existe pas ou n'est plus en ligne."


class ActualiteState(rx.State):
    item: actualites.Published | None = None
    missing: bool = False

    @rx.var
    def page_title(self) -> str:
        return f"{self.item.title if self.item else 'Actualité'} - {APP_NAME}"

    @rx.event
    async def load(self):
        slug = str(self.router.page.params.get("actualite_slug", ""))[:120]

        def read():
            with Session(engine()) as session:
                return actualites.article(session=session, slug=slug)

        self.item = await asyncio.to_thread(read)
        self.missing = self.item is None

