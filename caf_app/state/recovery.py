"""Mot de passe oublié: the four screens of the seed, one step at a time, kept across a reload."""

from __future__ import annotations

import asyncio
import logging
import threading
import time

import reflex as rx
from sqlmodel import Session

from .. import delivery
from ..db import engine
from ..domain.errors import DomainError
from ..domain.passwords import rule_lines
from ..security.passwords import in_hashing_pool
from ..services.identity import recovery
from ..settings import get_settings
from .captcha import WRONG, SecurityCheck
from .password import PasswordChecklist

log = logging.getLogger(__name__)
SENT_BY = {"email": "par courriel", "sms": "par SMS"}
FIELDS = ("identifiant", "nom_naissance", "verification", "canal", "code", "mot_de_passe", "confirmation", "")


def _deliver(message: delivery.Message) -> None:
    """Send a code once the tab has its answer: a real request then takes as long as a decoy."""
    try:
        with Session(engine()) as session:
            delivery.send(message, session=session)
    except Exception:  # noqa: BLE001 (a worker thread: nobody above to tell; "Renvoyer un code" is the remedy)
        log.exception("code de récupération non envoyé")


class RecoveryState(SecurityCheck, PasswordChecklist, rx.State):
    step: str = "identite"  # identite -> canal -> code -> mot_de_passe -> termine
    channels: list[recovery.Channel] = recovery.CHANNELS
    chosen_label: str = ""
    errors: dict[str, str] = {}
    _recovery: recovery.Recovery | None = None
    _channel: str = ""
    _code_ok_at: float = 0.0

    def _fail(self, error: DomainError) -> None:
        self.errors = {error.field if error.field in FIELDS else "": error.message}

    @rx.event
    def load(self):
        # A flow left at the new-password step expires with its code's 10 minutes.
        stale = self.step == "mot_de_passe" and time.time() - self._code_ok_at > 600
        if self.step == "termine" or not self._captcha_answer or stale:
            self.step, self.errors, self._recovery = "identite", {}, None
            self._new_check()

    @rx.event
    async def submit_identity(self, form: dict):
        nir = str(form.get("identifiant", ""))
        try:  # the rate limit comes first: a request refused does not even get its check answered
            await asyncio.to_thread(self._admit, nir)
        except DomainError as error:
            self._new_check()
            self._fail(error)
            return
        if not self._check_answer(str(form.get("verification", ""))):
            self.errors = {"verification": WRONG}
            return
        try:
            self._recovery = await asyncio.to_thread(self._start, nir, str(form.get("nom_naissance", "")))
        except DomainError as error:
            self._fail(error)
            return
        self.errors, self.step = {}, "canal"

    def _admit(self, nir: str) -> None:
        with Session(engine()) as session:
            recovery.admit(session=session, nir=nir, client=self.router.session.client_ip,
                           secret=get_settings().secret_key)

    def _start(self, nir: str, name: str) -> recovery.Recovery:
        with Session(engine()) as session:
            return recovery.start(session=session, nir=nir, birth_name=name, secret=get_settings().secret_key)

    @rx.event
    def send_code(self, form: dict):
        channel = str(form.get("canal", ""))
        if self._recovery is None:
            return self.restart()
        labels = {c.key: c.label for c in recovery.CHANNELS}
        if channel not in labels:
            self.errors = {"canal": "Choisissez comment recevoir votre code : par courriel ou par SMS."}
            return None
        try:
            with Session(engine()) as session:
                message = recovery.send_code(session=session, recovery=self._recovery, channel=channel,
                                             secret=get_settings().secret_key)
        except DomainError as error:  # a new code asked too soon: said where the person is
            self.errors = {"canal" if self.step == "canal" else "code": error.message}
            return None
        if message is not None:
            threading.Thread(target=_deliver, args=(message,), daemon=True).start()
        self._channel, self.chosen_label, self.errors, self.step = channel, SENT_BY[channel], {}, "code"
        return None

    @rx.event
    def choose_again(self):
        """« Choisir un autre moyen »: back to the choice, the request kept."""
        if self._recovery is not None:
            self.errors, self.step = {}, "canal"

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
            await in_hashing_pool(self._set_password, str(form.get("mot_de_passe", "")),  # argon2: off the loop
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
        self.step, self.errors, self._recovery = "identite", {}, None
        self.rules = rule_lines("")
        self._new_check()
