"""Créer Mon Compte for a person the Caf knows: the proof of who they are, with what their dossier holds (a code to
its e-mail or mobile, a code by post to its address); FranceConnect+ is taken in ÉTAT CIVIL (state/signup.py).

A mixin of SignupState: it reads the tab's ÉTAT CIVIL (`_etat`), draft key, `step`, `errors` and `contact_label`.
"""

from __future__ import annotations

import reflex as rx
from sqlmodel import Session

from ..content import signup as WORDS
from ..db import engine
from ..domain.dates import format_date
from ..domain.errors import DomainError
from ..services.identity import signup
from ..settings import get_settings


class KnownPersonProof(rx.State, mixin=True):
    proofs: list[str] = []  # what the dossier allows: "email", "sms", "courrier"
    letter_until: str = ""
    _known: bool = False
    _proof_channel: str = ""
    _proof: signup.Proof | None = None

    def _forget_proof(self) -> None:
        self._known, self.proofs, self._proof_channel, self._proof, self.letter_until = False, [], "", None, ""

    def _may_prove(self) -> bool:
        return self._known and self._etat is not None

    @rx.event
    def send_proof(self, form: dict):
        """The person's choice: a code to a contact of the dossier, or a letter to its postal address."""
        choice = str(form.get("preuve", ""))
        if not self._may_prove():
            return
        if choice not in self.proofs:
            self.errors = {"preuve": WORDS.CHOOSE_PROOF}
            return
        try:
            with Session(engine()) as session:
                if choice == "courrier":
                    until = signup.send_letter_code(session=session, etat=self._etat,
                                                    secret=get_settings().secret_key)
                else:
                    signup.send_dossier_code(session=session, etat=self._etat, draft_key=self._draft_key,
                                             channel=choice, secret=get_settings().secret_key)
        except DomainError as error:
            self.errors = {"": error.message} if error.field == "" else {"preuve": error.message}
            return
        if choice == "courrier":
            self.letter_until, self.errors, self.step = format_date(until), {}, "courrier_envoye"
            return
        self._proof_channel, self.contact_label = choice, WORDS.PROOF_LABELS[choice]
        self.errors, self.step = {}, "code"

    @rx.event
    def letter_received(self):
        """« J'ai reçu un code par courrier »: the person types the code of the letter."""
        if self._may_prove():
            self.errors, self.step = {}, "code_courrier"

    @rx.event
    def back_to_proofs(self):
        if self._may_prove():
            self.errors, self.step = {}, "preuve"

    @rx.event
    def submit_letter_code(self, form: dict):
        if not self._may_prove():
            return
        try:
            with Session(engine()) as session:
                self._proof = signup.check_letter_code(session=session, etat=self._etat,
                                                       code=str(form.get("code_courrier", "")),
                                                       secret=get_settings().secret_key)
        except DomainError as error:
            self.errors = {error.field or "code_courrier": error.message}
            return
        self.errors, self.step = {}, "mot_de_passe"

    def _resend_dossier_code(self) -> None:
        """« Renvoyer un code »: to the same contact of the dossier."""
        try:
            with Session(engine()) as session:
                signup.send_dossier_code(session=session, etat=self._etat, draft_key=self._draft_key,
                                         channel=self._proof_channel, secret=get_settings().secret_key)
        except DomainError as error:
            self.errors = {"code": error.message}

    def _check_dossier_code(self, session: Session, code: str) -> None:
        """The code proves the person only if it went to a contact of their dossier (DomainError otherwise)."""
        self._proof = signup.check_dossier_code(session=session, etat=self._etat, draft_key=self._draft_key,
                                                code=code, secret=get_settings().secret_key)
