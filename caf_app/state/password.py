"""The live checklist of a new password, shared by Mot de passe oublié and Créer Mon Compte; the password typed
again by a logged-in person, checked off the event loop."""

from __future__ import annotations

import reflex as rx
from sqlmodel import Session

from ..db import engine
from ..domain.errors import DomainError, Forbidden
from ..domain.passwords import RuleLine, rule_lines
from ..domain.roles import Actor
from ..security.passwords import in_hashing_pool
from .session import current_actor


async def run_with_password(state: rx.State, action) -> tuple[Actor | None, Exception | None]:
    """session.run_for_actor for an action that checks or hashes a password: the action runs in the hashing
    pool (security/passwords.py), so the 64 MiB of argon2 never hold up the other tabs of the process."""
    actor = await current_actor(state)
    if actor is None:
        return None, None

    def act() -> Exception | None:
        try:
            with Session(engine()) as session:
                action(session, actor)
        except (DomainError, Forbidden) as error:
            return error
        return None

    return actor, await in_hashing_pool(act)


class PasswordChecklist(rx.State, mixin=True):
    rules: list[RuleLine] = rule_lines("")
    show_password: bool = False

    @rx.event
    def password_typed(self, value: str):
        """Tick each rule as the user types; the password itself is not kept."""
        self.rules = rule_lines(value)

    @rx.event
    def toggle_show(self, _checked=None):
        self.show_password = not self.show_password
