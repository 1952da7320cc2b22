"""Créer Mon Compte: who may create an account, the contact confirmed by a code, then the account.

A person already known with an account is told so (with the recovery link) only when the identity typed
matches theirs; any other mismatch gets one neutral message, so nothing is learnt about someone else.
"""

from __future__ import annotations

import secrets
from datetime import datetime, timezone

from sqlmodel import Session, select

from .. import delivery, models as m
from ..domain.errors import DomainError
from ..domain.names import comparable
from ..domain.signup import EtatCivil
from ..security import otp
from ..security.passwords import hash_password
from ..security.tokens import token_hash

PURPOSE = "creation"
ALREADY_REGISTERED = ("Vous avez déjà un compte Mon Compte. Si vous avez oublié votre mot de passe, "
                      "utilisez « Mot de passe oublié ? ».")
NOT_MATCHING = ("Nous ne pouvons pas créer votre compte avec ces informations. Vérifiez votre saisie, "
                "ou contactez votre Caf.")


class AlreadyRegistered(DomainError):
    def __init__(self):
        super().__init__("", ALREADY_REGISTERED)


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


def check_can_register(*, session: Session, etat: EtatCivil) -> None:
    """After ÉTAT CIVIL: raise AlreadyRegistered or the neutral refusal; a known person without account may go on."""
    _known_person(session, etat)


def _subject(draft_key: str, secret: str) -> str:
    return token_hash(f"{PURPOSE}:{draft_key}", key=secret)


def send_contact_code(*, session: Session, draft_key: str, channel: str, destination: str, secret: str) -> None:
    code = otp.issue(session, purpose=PURPOSE, subject=_subject(draft_key, secret), channel=channel,
                     destination=destination, secret=secret)
    delivery.send(delivery.Message(
        channel=channel, recipient=destination, subject="Votre code de vérification",
        body=f"Pour créer votre compte Mon Compte, saisissez le code {code}. Il est valable 10 minutes."),
        session=session)


def check_contact_code(*, session: Session, draft_key: str, code: str, secret: str) -> None:
    otp.verify(session, purpose=PURPOSE, subject=_subject(draft_key, secret), code=code, secret=secret)


def _new_provisional_id(session: Session) -> str:
    while True:
        candidate = f"P{secrets.randbelow(10**8):08d}"
        if session.exec(select(m.Person.id).where(m.Person.provisional_id == candidate)).first() is None:
            return candidate


def create_account(*, session: Session, etat: EtatCivil, channel: str, destination: str, password_hash: str,
                   ip: str = "", fc_sub: str | None = None) -> str:
    """Create the person (or take the known one) and the account; returns the identifier to log in with.
    fc_sub: the FranceConnect+ identity the form was pre-filled from, linked to the new account."""
    person = _known_person(session, etat)
    if person is None:
        person = m.Person(nir=etat.nir, provisional_id=None if etat.nir else _new_provisional_id(session),
                          civilite=etat.civilite, birth_name=etat.birth_name, usage_name=etat.usage_name,
                          first_names=etat.first_names, birth_date=etat.birth_date, birth_place=etat.birth_place,
                          birth_country=etat.birth_country, father_name=etat.father_name,
                          mother_name=etat.mother_name)
    if channel == "email":
        person.email, person.email_verified = destination, True
    else:
        person.mobile, person.mobile_verified = destination, True
    session.add(person)
    session.flush()
    account = m.Account(person_id=person.id, password_hash=password_hash,
                        password_changed_at=datetime.now(timezone.utc), fc_sub=fc_sub)
    session.add(account)
    session.flush()
    session.add(m.AuditEvent(kind="account_created", account_id=account.id, ip=ip))
    session.commit()
    identifier = person.nir or person.provisional_id
    if person.provisional_id and not person.nir:
        delivery.send(delivery.Message(
            channel=channel, recipient=destination, subject="Votre identifiant provisoire",
            body=f"Votre compte Mon Compte est créé. Votre identifiant provisoire est {identifier}. "
                 "Gardez-le : il vous sert à vous connecter."), session=session)
    return identifier


def hash_new_password(password: str) -> str:
    return hash_password(password)
