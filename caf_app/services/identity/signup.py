"""Créer Mon Compte: who may create an account, how they prove who they are, then the account.

A person the Caf does not know (no NIR, or a NIR it has never seen) confirms a contact they type with a code.
A person the Caf knows, without an account, proves who they are with what the Caf already holds: a code sent to
the e-mail or mobile of their dossier, a code sent by post to the dossier's address (valid 15 days), or
FranceConnect+. Their contacts on file are never changed here, and the NIR, names and birth date alone (which
an ex-partner knows) never open an account. Only the members the seed names may create one
(domain.policy.can_create_account). Someone with an account is told so only when the identity typed matches
theirs; any other mismatch, and anyone else the Caf knows, gets one neutral message.
"""

from __future__ import annotations

import logging
import secrets
from dataclasses import dataclass
from datetime import date

from sqlmodel import Session, select

from ... import clock, delivery, models as m
from ...clock import PARIS
from ...content import signup as WORDS
from ...delivery import letters
from ...domain import policy
from ...domain.dates import format_date
from ...domain.errors import DomainError
from ...domain.names import comparable
from ...domain.roles import MemberRole
from ...domain.signup import EtatCivil
from ...security import letter_codes, otp
from ...security.passwords import hash_password
from ...security.tokens import token_hash
from . import franceconnect, tutelles

log = logging.getLogger(__name__)
PURPOSE = "creation"
ALREADY_REGISTERED = ("Vous avez déjà un compte Mon Compte. Si vous avez oublié votre mot de passe, "
                      "utilisez « Mot de passe oublié ? ».")
NOT_MATCHING = ("Nous ne pouvons pas créer votre compte avec ces informations. Vérifiez votre saisie, "
                "ou contactez votre Caf.")
NO_CONTACT = {"email": "Aucune adresse électronique n'est enregistrée dans votre dossier : choisissez un autre moyen.",
              "sms": "Aucun numéro de portable n'est enregistré dans votre dossier : choisissez un autre moyen.",
              "courrier": "Aucune adresse postale n'est enregistrée dans votre dossier : choisissez un autre moyen."}
PROOF_FIELD = "preuve"


class FirstDemandeNeeded(DomainError):
    """A person the Caf does not know creates their account inside a demande de prestation, never alone."""

    def __init__(self):
        super().__init__("", WORDS.FIRST_DEMANDE)


class AlreadyRegistered(DomainError):
    def __init__(self):
        super().__init__("", ALREADY_REGISTERED)


@dataclass(frozen=True)
class Registration:
    """What ÉTAT CIVIL opens: a person the Caf does not know types a contact; a known one proves who they are
    with one of `proofs` ("email", "sms", "courrier": what their dossier holds), or FranceConnect+."""

    known: bool
    proofs: tuple[str, ...] = ()


@dataclass(frozen=True)
class Proof:
    """A known person proved who they are: who, and how (kept in the audit)."""

    person_id: int
    how: str  # "courriel", "SMS", "courrier", "FranceConnect+"


def _known_person(session: Session, etat: EtatCivil) -> m.Person | None:
    if not etat.nir:
        return None
    person = session.exec(select(m.Person).where(m.Person.nir == etat.nir)).first()
    if person is None:
        return None
    same = (comparable(person.birth_name) == comparable(etat.birth_name) and person.birth_date == etat.birth_date)
    has_account = session.exec(select(m.Account.id).where(m.Account.person_id == person.id)).first() is not None
    if same and has_account:
        raise AlreadyRegistered()
    if not same or has_account:
        raise DomainError("", NOT_MATCHING)
    return person


def _memberships(session: Session, person_id: int) -> list[tuple[MemberRole, bool]]:
    rows = session.exec(select(m.Member.role, m.Member.pending, m.Dossier.active)
                        .join(m.Dossier, m.Dossier.id == m.Member.dossier_id)
                        .where(m.Member.person_id == person_id)).all()
    return [(MemberRole(role), active and not pending) for role, pending, active in rows]


def _eligible(session: Session, etat: EtatCivil, today: date | None, for_demande: bool = True
              ) -> m.Person | None:
    """The known person the identity typed designates, if they may create an account; None: unknown to the Caf,
    who may create one only inside a demande de prestation (for_demande; FirstDemandeNeeded otherwise)."""
    person = _known_person(session, etat)
    if person is not None and not policy.can_create_account(
            _memberships(session, person.id), person.birth_date, today or clock.today(),
            protects=tutelles.first_protected_dossier(session, person.id) is not None):
        raise DomainError("", NOT_MATCHING)
    if person is None and not for_demande:
        raise FirstDemandeNeeded()
    return person


def _known(session: Session, etat: EtatCivil, today: date | None) -> m.Person:
    person = _eligible(session, etat, today)
    if person is None:
        raise DomainError("", NOT_MATCHING)
    return person


def _dossier(session: Session, person_id: int) -> m.Dossier | None:
    """The person's current dossier, where a letter goes."""
    return session.exec(select(m.Dossier).join(m.Member, m.Member.dossier_id == m.Dossier.id)
                        .where(m.Member.person_id == person_id, m.Dossier.active == True,  # noqa: E712
                               m.Member.pending == False)  # noqa: E712
                        .order_by(m.Dossier.id)).first()


def _on_file(person: m.Person, channel: str) -> str:
    if channel == "email":
        return person.email if person.email and person.email_verified else ""
    if channel == "sms":
        return person.mobile if person.mobile and person.mobile_verified else ""
    return ""


def _proofs(session: Session, person: m.Person) -> tuple[str, ...]:
    proofs = [channel for channel in ("email", "sms") if _on_file(person, channel)]
    dossier = _dossier(session, person.id)
    if dossier is not None and dossier.address_line and dossier.postal_code:
        proofs.append("courrier")
    return tuple(proofs)


def check_can_register(*, session: Session, etat: EtatCivil, today: date | None = None,
                       for_demande: bool = False) -> Registration:
    """After ÉTAT CIVIL: a new person, or a known one and the proofs their dossier allows. Raises
    AlreadyRegistered, the neutral refusal (identity not matching, or not a member the seed names), or
    FirstDemandeNeeded: a person the Caf does not know outside a demande de prestation (for_demande False)."""
    person = _eligible(session, etat, today, for_demande)
    if person is None:
        return Registration(known=False)
    return Registration(known=True, proofs=_proofs(session, person))


def _subject(draft_key: str, secret: str) -> str:
    return token_hash(f"{PURPOSE}:{draft_key}", key=secret)


def send_contact_code(*, session: Session, draft_key: str, channel: str, destination: str, secret: str) -> None:
    """A person the Caf does not know: a code to the contact they typed."""
    code = otp.issue(session, purpose=PURPOSE, subject=_subject(draft_key, secret), channel=channel,
                     destination=destination, secret=secret)
    delivery.send(delivery.Message(channel=channel, recipient=destination, subject="Votre code de vérification",
                                   body=WORDS.CODE_MESSAGE.format(code=code)), session=session)


def check_contact_code(*, session: Session, draft_key: str, code: str, secret: str) -> None:
    otp.verify(session, purpose=PURPOSE, subject=_subject(draft_key, secret), code=code, secret=secret)


def send_dossier_code(*, session: Session, etat: EtatCivil, draft_key: str, channel: str, secret: str,
                      today: date | None = None) -> None:
    """A known person: a code to the e-mail ("email") or mobile ("sms") their dossier holds, never another."""
    person = _known(session, etat, today)
    destination = _on_file(person, channel)
    if not destination:
        raise DomainError(PROOF_FIELD, NO_CONTACT.get(channel, WORDS.CHOOSE_PROOF))
    send_contact_code(session=session, draft_key=draft_key, channel=channel, destination=destination, secret=secret)


def check_dossier_code(*, session: Session, etat: EtatCivil, draft_key: str, code: str, secret: str,
                       today: date | None = None) -> Proof:
    """Consume the code; it proves the known person only if it went to a contact their dossier holds."""
    row = otp.verify(session, purpose=PURPOSE, subject=_subject(draft_key, secret), code=code, secret=secret)
    person = _known(session, etat, today)
    if not row.destination or row.destination != _on_file(person, row.channel):
        raise DomainError("code", "Ce code n'est plus valable. Demandez un nouveau code.")
    return Proof(person_id=person.id, how="courriel" if row.channel == "email" else "SMS")


def send_letter_code(*, session: Session, etat: EtatCivil, secret: str, today: date | None = None) -> date:
    """A known person: a code by post to their dossier's address; returns the last day it is valid."""
    person = _known(session, etat, today)
    dossier = _dossier(session, person.id)
    if dossier is None or "courrier" not in _proofs(session, person):
        raise DomainError(PROOF_FIELD, NO_CONTACT["courrier"])
    try:
        until = post_letter_code(session, person=person, dossier=dossier, purpose=PURPOSE,
                                 subject=WORDS.LETTER_SUBJECT, body=WORDS.LETTER_BODY, secret=secret)
    except DomainError as error:
        raise DomainError(PROOF_FIELD, error.message) from None
    session.commit()
    return until


def dossier_of(session: Session, person_id: int) -> m.Dossier | None:
    """The person's current dossier, where a letter goes (None: no postal address the Caf holds)."""
    return _dossier(session, person_id)


def post_letter_code(session: Session, *, person: m.Person, dossier: m.Dossier, purpose: str, subject: str,
                     body: str, secret: str) -> date:
    """The code-by-post channel (Créer Mon Compte, Mot de passe oublié): a letter code (security/letter_codes.py,
    15 days) printed on a letter to the dossier's postal address; body is a template with {code} and {until}.
    Returns the last day the code is valid. Not committed (the caller commits code and letter together);
    letter_codes' DomainError while a letter is still valid or past the letters allowed."""
    code, expires_at = letter_codes.issue(session, purpose=purpose, person_id=person.id, secret=secret)
    until = expires_at.astimezone(PARIS).date()
    name = person.usage_name or person.birth_name
    letters.post(letters.Letter(
        recipient=f"{person.civilite} {person.first_names} {name}".strip().upper(),
        address_line=dossier.address_line, postal_code=dossier.postal_code, city=dossier.city,
        subject=subject, body=body.format(code=code, until=format_date(until))), session=session)
    return until


def check_letter_code(*, session: Session, etat: EtatCivil, code: str, secret: str,
                      today: date | None = None) -> Proof:
    """Consume the code of the letter sent to the known person this identity designates."""
    person = _known(session, etat, today)
    letter_codes.verify(session, purpose=PURPOSE, person_id=person.id, code=code, secret=secret)
    return Proof(person_id=person.id, how="courrier")


def proof_by_franceconnect(*, session: Session, etat: EtatCivil, identity: dict,
                           today: date | None = None) -> Proof | None:
    """The identity FranceConnect+ certified (birth name, first name, birth date) is the known person's."""
    person = _known(session, etat, today)
    return Proof(person_id=person.id, how="FranceConnect+") if franceconnect.same_person(person, identity) else None


def _new_provisional_id(session: Session) -> str:
    while True:
        candidate = f"P{secrets.randbelow(10**8):08d}"
        if session.exec(select(m.Person.id).where(m.Person.provisional_id == candidate)).first() is None:
            return candidate


def _new_person(session: Session, etat: EtatCivil, channel: str, destination: str) -> m.Person:
    if not destination:
        raise DomainError("", NOT_MATCHING)
    person = m.Person(nir=etat.nir, provisional_id=None if etat.nir else _new_provisional_id(session),
                      civilite=etat.civilite, birth_name=etat.birth_name, usage_name=etat.usage_name,
                      first_names=etat.first_names, birth_date=etat.birth_date, birth_place=etat.birth_place,
                      birth_country=etat.birth_country, father_name=etat.father_name, mother_name=etat.mother_name)
    if channel == "email":
        person.email, person.email_verified = destination, True
    else:
        person.mobile, person.mobile_verified = destination, True
    session.add(person)
    session.flush()
    return person


def create_account(*, session: Session, etat: EtatCivil, password_hash: str, channel: str = "",
                   destination: str = "", ip: str = "", fc_sub: str | None = None, proof: Proof | None = None,
                   today: date | None = None, for_demande: bool = False) -> str:
    """Create the account; returns the identifier to log in with. A person the Caf does not know is created with
    the contact a code confirmed (channel, destination). A known person needs `proof` of being that person, and
    keeps the contacts on file. fc_sub: the FranceConnect+ identity the form came from, linked to the account.
    for_demande: the account is created inside a demande de prestation (else only a known person may)."""
    person = _eligible(session, etat, today, for_demande)
    known = person is not None
    if known and (proof is None or proof.person_id != person.id):
        raise DomainError("", NOT_MATCHING)
    how = proof.how if known else ("courriel" if channel == "email" else "SMS")
    person = person or _new_person(session, etat, channel, destination)
    account = m.Account(person_id=person.id, password_hash=password_hash,
                        password_changed_at=clock.now(), fc_sub=fc_sub)
    session.add(account)
    session.flush()
    session.add(m.AuditEvent(kind="account_created", account_id=account.id, ip=ip, detail=f"vérifié par {how}"))
    session.commit()
    identifier = person.nir or person.provisional_id
    if known:
        _tell_the_person(session, person)
    elif person.provisional_id and not person.nir:
        delivery.send(delivery.Message(
            channel=channel, recipient=destination, subject="Votre identifiant provisoire",
            body=f"Votre compte Mon Compte est créé. Votre identifiant provisoire est {identifier}. "
                 "Gardez-le : il vous sert à vous connecter."), session=session)
    return identifier


def _tell_the_person(session: Session, person: m.Person) -> None:
    """An account created on a known person is told to their contact on file: if it was not them, they know."""
    for channel in ("email", "sms"):
        destination = _on_file(person, channel)
        if destination:
            try:
                delivery.send(delivery.Message(channel=channel, recipient=destination,
                                               subject=WORDS.CREATED_SUBJECT, body=WORDS.CREATED_MESSAGE),
                              session=session)
            except OSError:  # the account exists: a mail server down must not make it look failed
                log.exception("avis de création de compte non envoyé")
            return


def hash_new_password(password: str) -> str:
    return hash_password(password)
