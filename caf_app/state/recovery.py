"""Mot de passe oublié and Identifiant provisoire oublié: the seed's screens, one step at a time, kept across a
reload. The identity is a NIR, a provisional identifier ("J'ai un identifiant provisoire") or, when that
identifier is forgotten, the état civil; the code comes by courriel, SMS or courrier."""

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
FIELDS = ("identifiant", "nom_naissance", "prenoms", "date_naissance", "verification", "canal", "code",
          recovery.LETTER_FIELD, "mot_de_passe", "confirmation", "")
CHOOSE = "Choisissez comment recevoir votre code : par courriel, par SMS ou par courrier."
# Step 1's required fields, each with what to say when it is sent empty (all of them marked in one pass).
EMPTY = {"identifiant": "Saisissez votre numéro de Sécurité sociale.",
         "nom_naissance": "Saisissez votre nom de naissance.", "prenoms": "Saisissez votre ou vos prénoms.",
         "date_naissance": "Saisissez votre date de naissance.",
         "verification": "Saisissez les caractères de l'image."}


def _deliver(message: delivery.Message) -> None:
    """Send a code once the tab has its answer: a real request then takes as long as a decoy."""
    try:
        with Session(engine()) as session:
            delivery.send(message, session=session)
    except Exception:  # noqa: BLE001 (a worker thread: nobody above to tell; "Renvoyer un code" is the remedy)
        log.exception("code de récupération non envoyé")


def _in_session(service, /, **kwargs):
    with Session(engine()) as session:
        return service(session=session, secret=get_settings().secret_key, **kwargs)


class RecoveryState(SecurityCheck, PasswordChecklist, rx.State):
    # identite -> canal -> code | courrier_envoye | code_courrier -> (identifiant) -> mot_de_passe -> termine
    step: str = "identite"
    mode: str = "nir"  # "nir" | "provisoire" (J'ai un identifiant provisoire) | "identite" (identifiant oublié)
    channels: list[recovery.Channel] = recovery.CHANNELS
    chosen_label: str = ""
    errors: dict[str, str] = {}
    found_identifier: str = ""
    found_notice: str = ""
    found_accepted: bool = True
    _recovery: recovery.Recovery | None = None
    _channel: str = ""
    _code_ok_at: float = 0.0

    def _fail(self, error: DomainError) -> None:
        self.errors = {error.field if error.field in FIELDS else "": error.message}

    def _reset(self) -> None:
        self.step, self.errors, self._recovery, self.found_identifier, self.found_notice = "identite", {}, None, "", ""
        self._new_check()

    def _open(self, mode: str) -> None:
        # A flow left at the identifier or new-password step expires with its code's 10 minutes.
        stale = self.step in ("identifiant", "mot_de_passe") and time.time() - self._code_ok_at > 600
        if self.step == "termine" or not self._captcha_answer or stale or self.mode != mode:
            self.mode = mode
            self._reset()

    @rx.event
    def load(self):
        """Mot de passe oublié; ?identifiant=provisoire (from Connexion's provisional form) asks for that one."""
        provisional = self.router.url.query_parameters.get("identifiant") == "provisoire"
        self._open("provisoire" if provisional or self.mode == "provisoire" else "nir")

    @rx.event
    def load_identifier(self):
        """Identifiant provisoire oublié."""
        self._open("identite")

    @rx.event
    def toggle_provisional(self):
        """« J'ai un identifiant provisoire » / « Retour », as on Connexion."""
        self.mode = "nir" if self.mode == "provisoire" else "provisoire"
        self.errors = {}

    @rx.event
    async def submit_identity(self, form: dict):
        typed = {key: str(form.get(key, "")) for key in ("identifiant", "nom_naissance", "prenoms", "date_naissance")}
        required = ("nom_naissance", "prenoms", "date_naissance") if self.mode == "identite" else ("identifiant",
                                                                                                 "nom_naissance")
        empty = {key: EMPTY[key] for key in required if not typed[key].strip()}
        if empty:  # every empty field at once, the image's characters too when they are missing
            if not str(form.get("verification", "")).strip():
                empty["verification"] = EMPTY["verification"]
            if self.mode == "provisoire" and "identifiant" in empty:
                empty["identifiant"] = "Saisissez votre identifiant provisoire."
            self.errors = empty
            return
        try:  # the rate limit comes first: a request refused does not even get its check answered
            await asyncio.to_thread(self._admit, typed)
        except DomainError as error:
            self._new_check()
            self._fail(error)
            return
        if not self._check_answer(str(form.get("verification", ""))):
            self.errors = {"verification": WRONG}
            return
        try:
            self._recovery = await asyncio.to_thread(self._start, typed)
        except DomainError as error:
            self._fail(error)
            return
        self.errors, self.step = {}, "canal"

    def _admit(self, typed: dict[str, str]) -> None:
        identity = recovery.identity_key(typed["nom_naissance"], typed["prenoms"], typed["date_naissance"])
        _in_session(recovery.admit, client=self.router.session.client_ip,
                    nir="" if self.mode == "identite" else typed["identifiant"], identity=identity)

    def _start(self, typed: dict[str, str]) -> recovery.Recovery:
        if self.mode == "identite":
            return _in_session(recovery.start_by_identity, birth_name=typed["nom_naissance"],
                               first_names=typed["prenoms"], birth_date=typed["date_naissance"])
        return _in_session(recovery.start, nir=typed["identifiant"], birth_name=typed["nom_naissance"],
                           provisional=self.mode == "provisoire")

    @rx.event
    def send_code(self, form: dict):
        channel = str(form.get("canal", ""))
        if self._recovery is None:
            return self.restart()
        if channel not in {c.key for c in recovery.CHANNELS}:
            self.errors = {"canal": CHOOSE}
            return None
        try:
            message = _in_session(recovery.send_code, recovery=self._recovery, channel=channel)
        except DomainError as error:  # a new code asked too soon: said where the person is
            self.errors = {"canal" if self.step == "canal" else "code": error.message}
            return None
        if message is not None:
            threading.Thread(target=_deliver, args=(message,), daemon=True).start()
        self._channel, self.errors = channel, {}
        if channel == "courrier":
            self.step = "courrier_envoye"
        else:
            self.chosen_label, self.step = SENT_BY[channel], "code"
        return None

    @rx.event
    def choose_again(self):
        """« Choisir un autre moyen »: back to the choice, the request kept."""
        if self._recovery is not None:
            self.errors, self.step = {}, "canal"

    @rx.event
    def letter_received(self):
        """« J'ai reçu un code par courrier »: the code of a letter asked for days before."""
        if self._recovery is not None:
            self.errors, self.step = {}, "code_courrier"

    @rx.event
    def resend(self):
        return self.send_code({"canal": self._channel})

    @rx.event
    def submit_code(self, form: dict):
        return self._proven(recovery.check_code, str(form.get("code", "")))

    @rx.event
    def submit_letter_code(self, form: dict):
        return self._proven(recovery.check_letter_code, str(form.get(recovery.LETTER_FIELD, "")))

    def _proven(self, check, code: str):
        if self._recovery is None:
            return self.restart()
        try:
            self._recovery = _in_session(check, recovery=self._recovery, code=code)
        except DomainError as error:
            self._fail(error)
            return None
        self.errors, self._code_ok_at = {}, time.time()
        if self._recovery.forgotten_identifier:
            with Session(engine()) as session:
                found = recovery.found_identifier(session=session, recovery=self._recovery)
            self.found_identifier, self.found_notice = found.provisional_id, found.notice
            self.found_accepted, self.step = found.accepted, "identifiant"
        else:
            self.step = "mot_de_passe"
        return None

    @rx.event
    def choose_password(self):
        """From the identifier found: « Choisir un nouveau mot de passe »."""
        if self._recovery is not None and self._recovery.proven:
            self.errors, self.step = {}, "mot_de_passe"  # within the code's 10 minutes (submit_password)

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
        _in_session(recovery.set_new_password, recovery=self._recovery, password=password,
                    confirmation=confirmation, ip=self.router.session.client_ip)

    @rx.event
    def restart(self):
        self._reset()
        self.rules = rule_lines("")
