"""The live checklist of a new password, shared by Mot de passe oublié and Créer Mon Compte. (A password typed
again by a logged-in person is checked off the event loop by PrivateState.call(..., hashing=True).)"""

from __future__ import annotations

import reflex as rx

from ..domain.passwords import RuleLine, rule_lines


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
