"""Mot de passe oublié: the four screens of the seed, one step at a time, kept across a reload."""

from __future__ import annotations

import asyncio
import time

import reflex as rx
from sqlmodel import Session

from ..db import engine
from ..documents import captcha
from ..domain.errors import DomainError
from ..domain.passwords import rule_lines
from ..services import recovery
from ..settings import get_settings
from .password import PasswordChecklist

FIELDS = ("identifiant", "nom_naissance", "verification", "canal", "code", "mot_de_passe", "confirmation", "")


class RecoveryState(PasswordChecklist, rx.State):
    step: str = "identite"  # identite -> canal -> code -> mot_de_passe -> termine
    captcha_src: str = ""
    captcha_question: str = ""
    text_alternative: bool = False
    channels: list[recovery.Channel] = []
    chosen_label: str = ""
    errors: dict[str, str] = {}
    _captcha_answer: str = ""
    _recovery: recovery.Recovery | None = None
    _channel: str = ""
    _code_ok_at: float = 0.0

    def _fail(self, error: DomainError) -> None:
        self.errors = {error.field if error.field in FIELDS else "": error.message}

    def _new_check(self) -> None:
        if self.text_alternative:
            self.captcha_question, self._captcha_answer = captcha.new_question()
        else:
            self._captcha_answer = captcha.new_text()
            self.captcha_src = captcha.data_url(captcha.render_png(self._captcha_answer))

    @rx.event
    def load(self):
        # A flow left at the new-password step expires with its code's 10 minutes.
        stale = self.step == "mot_de_passe" and time.time() - self._code_ok_at > 600
        if self.step == "termine" or not self._captcha_answer or stale:
            self.step, self.errors, self._recovery = "identite", {}, None
            self._new_check()

    @rx.event
    def new_image(self):
        self._new_check()

    @rx.event
    def toggle_alternative(self):
        self.text_alternative = not self.text_alternative
        self._new_check()

    @rx.event
    async def submit_identity(self, form: dict):
        if not captcha.matches(str(form.get("verification", "")), self._captcha_answer):
            self._new_check()
            self.errors = {"verification": "Les caractères saisis ne correspondent pas. Essayez avec la nouvelle "
                                           "vérification."}
            return
        self._new_check()  # each check is single use
        try:
            self._recovery = await asyncio.to_thread(self._start, str(form.get("identifiant", "")),
                                                     str(form.get("nom_naissance", "")))
        except DomainError as error:
            self._fail(error)
            return
        self.channels, self.errors, self.step = self._recovery.channels, {}, "canal"

    def _start(self, nir: str, name: str) -> recovery.Recovery:
        with Session(engine()) as session:
            return recovery.start(session=session, nir=nir, birth_name=name, secret=get_settings().secret_key)

    @rx.event
    def send_code(self, form: dict):
        channel = str(form.get("canal", ""))
        if self._recovery is None:
            return self.restart()
        labels = {c.key: c.label for c in self._recovery.channels}
        if channel not in labels:
            self.errors = {"canal": "Choisissez comment recevoir votre code."}
            return None
        try:
            with Session(engine()) as session:
                recovery.send_code(session=session, recovery=self._recovery, channel=channel,
                                   secret=get_settings().secret_key)
        except DomainError as error:
            self._fail(error)
            return None
        self._channel, self.chosen_label, self.errors, self.step = channel, labels[channel], {}, "code"
        return None

    @rx.event
    def resend(self):
        return self.send_code({"canal": self._channel})

    @rx.event
    def submit_code(self, form: dict):
        if self._recovery is None:
            return self.restart()
        try:
            with Session(engine()) as session:
                recovery.check_code(session=session, recovery=self._recovery, code=str(form.get("code", "")),
                                    secret=get_settings().secret_key)
        except DomainError as error:
            self._fail(error)
            return None
        self.errors, self.step, self._code_ok_at = {}, "mot_de_passe", time.time()
        return None

    @rx.event
    async def submit_password(self, form: dict):
        if self._recovery is None or self.step != "mot_de_passe" or time.time() - self._code_ok_at > 600:
            return self.restart()
        try:
            await asyncio.to_thread(self._set_password, str(form.get("mot_de_passe", "")),
                                    str(form.get("confirmation", "")))
        except DomainError as error:
            self._fail(error)
            return None
        self._recovery, self.errors, self.step = None, {}, "termine"
        return None

    def _set_password(self, password: str, confirmation: str) -> None:
        with Session(engine()) as session:
            recovery.set_new_password(session=session, recovery=self._recovery, password=password,
                                      confirmation=confirmation, secret=get_settings().secret_key,
                                      ip=self.router.session.client_ip)

    @rx.event
    def restart(self):
        self.step, self.errors, self._recovery, self.channels = "identite", {}, None, []
        self.rules = rule_lines("")
        self._new_check()
