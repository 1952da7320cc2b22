"""What every page behind login shares: read the dossier for the logged-in actor, or say why not."""

from __future__ import annotations

from collections.abc import Callable

import reflex as rx
from sqlmodel import Session

from ..domain.errors import Forbidden
from ..domain.roles import Actor
from .session import run_for_actor

NO_ACCESS = ("Votre conjoint(e) ne vous a pas autorisé(e) à gérer le dossier : "
             "vous ne voyez que vos informations personnelles.")


class DossierPage(rx.State, mixin=True):
    restricted_message: str = ""
    loaded: bool = False

    def _forget(self) -> None:
        """Drop what a refused reader may have shown before (overridden by pages that hold data)."""

    async def _read(self, read: Callable[[Session, Actor], None]) -> Actor | None:
        """Run read(session, actor) with the checked actor; a policy refusal shows NO_ACCESS instead."""
        actor, error = await run_for_actor(self, read)
        if actor is None:
            return None
        if isinstance(error, Forbidden):
            self._forget()
            self.restricted_message = NO_ACCESS
        elif error is not None:
            raise error
        else:
            self.restricted_message = ""
        self.loaded = True
        return actor
