"""The security check (an image of characters, or its accessible alternative in words), shared by Mot de passe
oublié and Créer Mon Compte. Each check is single use: a new one is drawn whatever the answer."""

from __future__ import annotations

import reflex as rx

from ..documents import captcha

WRONG = "Les caractères saisis ne correspondent pas. Essayez avec la nouvelle vérification."


class SecurityCheck(rx.State, mixin=True):
    captcha_src: str = ""
    captcha_question: str = ""
    text_alternative: bool = False
    _captcha_answer: str = ""

    def _new_check(self) -> None:
        if self.text_alternative:
            self.captcha_question, self._captcha_answer = captcha.new_question()
        else:
            self._captcha_answer = captcha.new_text()
            self.captcha_src = captcha.data_url(captcha.render_png(self._captcha_answer))

    def _check_answer(self, answer: str) -> bool:
        """Whether `answer` solves the check shown; a new check is drawn in any case."""
        solved = captcha.matches(answer, self._captcha_answer)
        self._new_check()
        return solved

    @rx.event
    def new_image(self):
        self._new_check()

    @rx.event
    def toggle_alternative(self):
        self.text_alternative = not self.text_alternative
        self._new_check()
