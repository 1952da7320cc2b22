"""Créer Mon Compte: intro, ÉTAT CIVIL (with the security check), then COORDONNÉES DE CONTACT and the code for a
person the Caf does not know, or the proof of who they are for a person it knows (a code to a contact of their
dossier, a code by post, or FranceConnect+), then the password and the RÉCAPITULATIF.

What the user typed is kept in the tab's server state as they type (never the password), so a reload
finds it again. A person waiting for a letter comes back by the same ÉTAT CIVIL, then « J'ai reçu un code par
courrier ».
"""

from __future__ import annotations

import secrets
from datetime import datetime, timedelta

import reflex as rx
from sqlmodel import Session

from .. import clock
from ..api import local_path
from ..content import signup as WORDS
from ..db import engine
from ..domain.contacts import check_same, parse_email, parse_mobile
from ..domain.dates import format_date
from ..domain.errors import DomainError
from ..domain.passwords import check_new_password, rule_lines
from ..domain.signup import ID_DOCUMENTS, EtatCivil, check_etat_civil
from ..routes import CONNEXION, DEMANDES
from ..security.passwords import in_hashing_pool
from ..services.identity import franceconnect, login, signup
from ..settings import get_settings
from .captcha import WRONG, SecurityCheck
from .connexion import browser_of, enter
from .password import PasswordChecklist
from .session import cookie_token
from .signup_proof import KnownPersonProof

OPENING_WINDOW = timedelta(minutes=15)
DRAFT_FIELDS = (
    "possede_nir", "nir", "civilite", "nom_naissance", "nom_usage", "prenoms", "date_naissance", "lieu_naissance",
    "departement_naissance", "commune_naissance", "pays_naissance", "ville_naissance", "reside_france",
    "code_postal", "piece_identite", "numero_piece", "date_delivrance", "nom_parent1", "prenoms_parent1",
    "nom_parent2", "prenoms_parent2", "canal", "mobile", "mobile_confirmation", "email", "email_confirmation",
)


class SignupState(KnownPersonProof, SecurityCheck, PasswordChecklist, rx.State):
    # intro, etat_civil, then coordonnees and code (a new person) or preuve, then code, courrier_envoye or
    # code_courrier (a known person), then mot_de_passe, recapitulatif
    step: str = "intro"
    draft: dict[str, str] = {}
    errors: dict[str, str] = {}
    already_registered: bool = False
    identifier: str = ""
    recap: list[tuple[str, str]] = []
    contact_label: str = ""
    _etat: EtatCivil | None = None
    _draft_key: str = ""
    _contact_sent: tuple[str, str] = ("", "")  # (channel, destination) the code went to: the one recorded
    security_passed: bool = False  # the security check answered, for the next ÉTAT CIVIL lookup only
    # Arriving from a first FranceConnect+ login: the certified fields, pre-filled and locked (names below).
    locked: list[str] = []
    fc_enabled: bool = False
    _fc_fields: dict[str, str] = {}
    _fc_sub: str = ""
    # ?suivant=/demandes/…: the account is created inside that demande, and its session opened there at the end.
    suivant: str = ""
    first_demande: bool = False  # refused: a person the Caf does not know starts with a demande (the seed's rule)
    _opening: tuple[str, datetime] | None = None  # (identifier, when) of the account just created in this tab

    @rx.var
    def for_demande(self) -> bool:
        return self.suivant.startswith(DEMANDES.path + "/")

    @rx.event
    def load(self):
        """/creer-mon-compte?suivant=/demandes/…: for a demande; ?franceconnect=1: the identity of this browser's
        first FranceConnect+ login, if any (the destination given before the round trip stays)."""
        self.fc_enabled = get_settings().fc_enabled
        if not self._captcha_answer:
            self._new_check()
        query = self.router.url.query_parameters
        if "suivant" in query or query.get("franceconnect") != "1":
            self.suivant = local_path(query.get("suivant"))
        if query.get("franceconnect") != "1":
            return
        with Session(engine()) as session:
            flow = franceconnect.pending(session, browser=cookie_token(self.router.headers.cookie,
                                                                       franceconnect.BROWSER_COOKIE),
                                         secret=get_settings().secret_key)
            if flow is None:
                return
            self._fc_fields = franceconnect.signup_fields(franceconnect.identity_of(flow))
            self._fc_sub = flow.sub or ""
        self.locked = sorted(self._fc_fields)
        # A new start: nothing checked before this identity arrived may be used with it.
        self._etat, self._contact_sent = None, ("", "")
        self._forget_proof()
        self.draft = {**self.draft, **self._fc_fields, "possede_nir": self.draft.get("possede_nir", "")}
        self._draft_key = self._draft_key or secrets.token_urlsafe(24)
        self.step, self.errors = "etat_civil", {}

    @rx.event
    def start(self):
        self.step, self.errors = "etat_civil", {}
        self._draft_key = self._draft_key or secrets.token_urlsafe(24)
        if not self._captcha_answer:
            self._new_check()

    @rx.event
    def keep(self, field: str, value: str):
        """Save one field as it is typed (debounced by the page)."""
        if field in DRAFT_FIELDS and field not in self._fc_fields and self.step in ("intro", "etat_civil",
                                                                                   "coordonnees"):
            self.draft = {**self.draft, field: str(value)[:200]}

    @rx.event
    def choose(self, field: str, value: str):
        """A radio choice: saved at once, it shows or hides the fields that depend on it."""
        self.keep(field, value)
        if field == "piece_identite" and value == "aucune":
            return rx.call_script("document.getElementById('sans-piece').showModal()")
        return None

    @rx.event
    def keep_without_id(self, keep: bool):
        """The "Absence de pièce d'identité" dialog: Continuer keeps the choice, Retour takes it back."""
        if not keep:
            self.draft = {**self.draft, "piece_identite": ""}
        return rx.call_script("document.getElementById('sans-piece').close()")

    def _merge(self, form: dict) -> dict[str, str]:
        """What the form sent, except the fields FranceConnect+ certified: those stay as certified."""
        self.draft = {**self.draft, **{k: str(v)[:200] for k, v in form.items() if k in DRAFT_FIELDS},
                      **self._fc_fields}
        return self.draft

    def _security_check(self, answer: str, errors: dict[str, str]) -> None:
        """The check of the seed's ÉTAT CIVIL; not asked after FranceConnect+ (a person already identified), nor
        again while the form is only corrected."""
        if self.locked or self.security_passed:
            return
        if self._check_answer(answer):
            self.security_passed = True
        else:
            errors["verification"] = WRONG

    @rx.event
    def submit_etat_civil(self, form: dict):
        etat, errors = check_etat_civil(self._merge(form), today=clock.today())
        self._security_check(str(form.get("verification", "")), errors)
        self.already_registered, self.first_demande, registration = False, False, None
        self._etat, self._contact_sent = None, ("", "")
        self._forget_proof()
        if etat is not None and not errors:
            self.security_passed = False  # one lookup per check answered
            try:
                registration = self._register(etat)
            except signup.AlreadyRegistered as error:
                self.already_registered, errors = True, {"": error.message}
            except signup.FirstDemandeNeeded as error:
                self.first_demande, errors = True, {"": error.message}
            except DomainError as error:
                errors = {"": error.message}
        self.errors = errors
        if registration is not None:
            self._etat, self._known, self.proofs = etat, registration.known, list(registration.proofs)
            self.step = ("mot_de_passe" if self._proof else "preuve") if registration.known else "coordonnees"
        return rx.call_script("document.querySelector('[aria-invalid=true], .message--error')?.focus()")

    def _register(self, etat: EtatCivil) -> signup.Registration:
        """Who this is; a known person arriving from FranceConnect+ with the same identity has proved it."""
        with Session(engine()) as session:
            registration = signup.check_can_register(session=session, etat=etat, for_demande=self.for_demande)
            flow = self._fc_flow(session) if registration.known else None
            if flow is not None:
                self._proof = signup.proof_by_franceconnect(session=session, etat=etat,
                                                            identity=franceconnect.identity_of(flow))
        return registration

    def _fc_flow(self, session: Session):
        """This browser's FranceConnect+ identity the form came from, if still pending."""
        if not self._fc_sub:
            return None
        flow = franceconnect.pending(session, browser=cookie_token(self.router.headers.cookie,
                                                                   franceconnect.BROWSER_COOKIE),
                                     secret=get_settings().secret_key)
        return flow if flow is not None and flow.sub == self._fc_sub else None

    def _contact(self) -> tuple[str, str]:
        if self.draft.get("canal", "sms") == "email":
            email = parse_email(self.draft.get("email", ""))
            check_same(email, self.draft.get("email_confirmation", ""), field="email_confirmation",
                       what="adresses électroniques")
            return "email", email
        mobile = parse_mobile(self.draft.get("mobile", ""))
        check_same(mobile, parse_mobile(self.draft.get("mobile_confirmation", ""), field="mobile_confirmation"),
                   field="mobile_confirmation", what="numéros")
        return "sms", mobile

    @rx.event
    def submit_contact(self, form: dict):
        if self._known or self._etat is None:  # a known person's contacts are those of the dossier
            return
        self._merge(form)
        try:
            channel, destination = self._contact()
            with Session(engine()) as session:
                signup.send_contact_code(session=session, draft_key=self._draft_key, channel=channel,
                                         destination=destination, secret=get_settings().secret_key)
        except DomainError as error:
            self.errors = {error.field: error.message}
            return
        self._contact_sent = (channel, destination)
        self.contact_label = f"{'par SMS au' if channel == 'sms' else 'par courriel à'} {destination}"
        self.errors, self.step = {}, "code"

    @rx.event
    def resend(self):
        if self._known:
            self._resend_dossier_code()
        else:
            self.submit_contact({})

    @rx.event
    def submit_code(self, form: dict):
        if self._etat is None:
            return
        try:
            with Session(engine()) as session:
                if self._known:
                    self._check_dossier_code(session, str(form.get("code", "")))
                else:
                    signup.check_contact_code(session=session, draft_key=self._draft_key,
                                              code=str(form.get("code", "")), secret=get_settings().secret_key)
        except DomainError as error:
            self.errors = {"code": error.message}
            return
        self.errors, self.step = {}, "mot_de_passe"

    @rx.event
    async def submit_password(self, form: dict):
        if self.step != "mot_de_passe" or self._etat is None:
            return
        try:
            password = check_new_password(str(form.get("mot_de_passe", "")), str(form.get("confirmation", "")))
            self.identifier = await in_hashing_pool(self._create, password)  # argon2: off the event loop
        except DomainError as error:
            self.errors = {error.field: error.message}
            return
        self.recap, self.errors, self.step = self._recap(), {}, "recapitulatif"
        self._opening = (self.identifier, clock.now()) if self.for_demande else None
        self.draft, self._etat, self.rules = {}, None, rule_lines("")
        self.locked, self._fc_fields, self._fc_sub = [], {}, ""
        self._forget_proof()

    def _create(self, password: str) -> str:
        channel, destination = self._contact_sent  # the contact the code proved, whatever the draft says now
        with Session(engine()) as session:
            # The FranceConnect+ identity is linked only if it is still this browser's, unused, and the very
            # person this account is created for.
            flow = self._fc_flow(session)
            linked = flow is not None and franceconnect.same_person(self._etat, franceconnect.identity_of(flow))
            identifier = signup.create_account(session=session, etat=self._etat, channel=channel,
                                               destination=destination, proof=self._proof,
                                               password_hash=signup.hash_new_password(password),
                                               ip=self.router.session.client_ip,
                                               fc_sub=self._fc_sub if linked else None,
                                               for_demande=self.for_demande)
            if linked:
                franceconnect.finish_pending(session, flow=flow)
            return identifier

    def _recap(self) -> list[tuple[str, str]]:
        etat = self._etat
        lines = [("Civilité", etat.civilite.upper()), ("Nom de naissance", etat.birth_name),
                 ("Prénom(s)", etat.first_names.upper())]
        lines += [("Nom d'usage", etat.usage_name)] if etat.usage_name else []
        lines += [("Date de naissance", format_date(etat.birth_date))]
        if etat.birth_country == "France":
            lines += [("Lieu de naissance", etat.birth_place.upper())]
        else:
            lines += [("Pays de naissance", etat.birth_country.upper()),
                      ("Ville de naissance", etat.birth_place.upper())]
        lines += [("Parent 1", etat.father_name), ("Parent 2", etat.mother_name)] if not etat.nir else []
        lines += [("Lieu de résidence", etat.postal_code)] if etat.postal_code else []
        if etat.id_document:
            lines += [(f"Numéro de {ID_DOCUMENTS[etat.id_document].lower()}", etat.id_number),
                      ("Date de délivrance", format_date(etat.id_issued_on))]
        if self._known:
            return lines + [("Coordonnées de contact", WORDS.KEPT_CONTACTS)]
        channel, destination = self._contact_sent
        lines += [("Adresse mail" if channel == "email" else "Téléphone portable", destination)]
        return lines

    @rx.event
    def continue_demande(self):
        """« Continuer ma demande »: the session of the account just created here, opened on the demande; once,
        and within OPENING_WINDOW (a shared device left on the récapitulatif opens nothing later)."""
        opening, self._opening = self._opening, None
        if opening is None or not self.for_demande or clock.now() - opening[1] > OPENING_WINDOW:
            return rx.redirect(CONNEXION.query(suivant=self.suivant)) if self.for_demande else None
        try:
            with Session(engine()) as session:
                ticket = login.after_signup(session=session, identifier=opening[0], browser=browser_of(self),
                                            target=self.suivant, secret=get_settings().secret_key)
        except DomainError as error:
            self.errors = {"": error.message}
            return None
        return enter(self, ticket)

    @rx.event
    def restart(self):
        self.step, self.errors, self.draft, self._etat, self.identifier = "intro", {}, {}, None, ""
        self._opening, self.first_demande = None, False
        self.locked, self._fc_fields, self._fc_sub = [], {}, ""
        self._forget_proof()
        self.security_passed = False
        self._new_check()
