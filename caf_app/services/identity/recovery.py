"""Mot de passe oublié: identity -> channel -> 6-digit code -> new password.

Whether the person exists or not, every step answers the same way: one sentence and the same two choices
(courriel or SMS, never the contacts themselves, not even masked), and a code stored for every request but sent
only to the contact on file of a person who has an account. The delivery is left to the caller, after it has
answered, so a real request takes no longer than a decoy. Every request counts against the identity typed and
the client address (domain.throttle's RECOVERY rules), whoever it is about.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlmodel import Session, select

from ... import clock, delivery, models as m
from ...domain import throttle
from ...domain.errors import DomainError
from ...domain.identifiers import parse_nir
from ...domain.names import check_name, comparable
from ...domain.passwords import check_new_password
from ...security import otp
from ...security.passwords import hash_password
from ...security.tokens import token_hash
from . import auth, devices, passkeys, throttling

PURPOSE = "recuperation"
TOO_MANY = ("Trop de demandes ont été faites pour ce numéro ou depuis cette connexion. Pour votre sécurité, "
            "réessayez dans 15 minutes.")


@dataclass(frozen=True)
class Channel:
    key: str  # "email" | "sms"
    label: str


CHANNELS = [Channel("email", "Par courriel"), Channel("sms", "Par SMS")]


@dataclass(frozen=True)
class Recovery:
    subject: str
    person_id: int | None
    identifier: str
    channels: list[Channel] = field(default_factory=lambda: list(CHANNELS))  # the same for everyone


def _counters(identifier: str | None, client: str, secret: str) -> list[tuple[str, throttle.Rule]]:
    counters = [(f"recuperation-client:{client or 'inconnu'}", throttle.RECOVERY_CLIENT_RULE)]
    if identifier:
        counters.append((f"recuperation:{token_hash(identifier, key=secret)}", throttle.RECOVERY_IDENTITY_RULE))
    return counters


def admit(*, session: Session, nir: str, client: str, secret: str) -> None:
    """In front of step 1: count this request against the client address and the NIR typed (a NIR of the wrong
    form counts against the address only), committed, whoever it is about. DomainError("", ...) when it comes
    before the wait the counters ask for (counted all the same), or while one of them is locked."""
    try:
        identifier = parse_nir(nir)
    except DomainError:
        identifier = None
    try:
        throttling.count(session, _counters(identifier, client, secret))
    except throttling.Refused as refused:
        raise DomainError("", TOO_MANY if refused.locked else refused.message) from None


def start(*, session: Session, nir: str, birth_name: str, secret: str) -> Recovery:
    """Step 1. Raises DomainError only for what the user typed (formats), never for who exists."""
    identifier = parse_nir(nir)
    name = check_name(birth_name, field="nom_naissance", label="votre nom de naissance")
    subject = token_hash(f"{PURPOSE}:{identifier}:{comparable(name)}", key=secret)
    person = session.exec(select(m.Person).join(m.Account, m.Account.person_id == m.Person.id)
                          .where(m.Person.nir == identifier)).first()
    if person is None or comparable(person.birth_name) != comparable(name):
        return Recovery(subject=subject, person_id=None, identifier=identifier)
    return Recovery(subject=subject, person_id=person.id, identifier=identifier)


def _destination(session: Session, recovery: Recovery, channel: str) -> str:
    """The contact on file for the channel chosen; "" (the code goes to nobody) for a decoy, a contact the person
    does not have, or one that already had its codes for the day (refusing would say the account exists)."""
    person = session.get(m.Person, recovery.person_id) if recovery.person_id else None
    destination = (person.email if channel == "email" else person.mobile) if person else ""
    if destination and otp.sent_today(session, purpose=PURPOSE, destination=destination) >= \
            otp.MAX_PER_DESTINATION_PER_DAY:
        return ""
    return destination


def send_code(*, session: Session, recovery: Recovery, channel: str, secret: str) -> delivery.Message | None:
    """Step 2 (and "Renvoyer un code"): a new code, the same way for everyone. Returns the message for the caller
    to deliver once it has answered (delivery.send), or None when the code goes to nobody."""
    if channel not in {c.key for c in CHANNELS}:
        raise ValueError("canal inconnu")
    destination = _destination(session, recovery, channel)
    code = otp.issue(session, purpose=PURPOSE, subject=recovery.subject, channel=channel,
                     destination=destination, secret=secret)
    if not destination:
        return None
    return delivery.Message(
        channel=channel, recipient=destination, subject="Votre code de vérification",
        body=(f"Votre code de vérification Mon Compte est {code}. Il est valable 10 minutes et ne peut "
              "servir qu'une fois. Si vous n'avez rien demandé, ignorez ce message."))


def check_code(*, session: Session, recovery: Recovery, code: str, secret: str) -> None:
    """Step 3: consume the code. A decoy's code was sent to nobody, so it always fails the same way."""
    otp.verify(session, purpose=PURPOSE, subject=recovery.subject, code=code, secret=secret)
    if recovery.person_id is None:  # unreachable without the code, kept as a guard
        raise PermissionError("récupération sans personne")


def set_new_password(*, session: Session, recovery: Recovery, password: str, confirmation: str, secret: str,
                     ip: str = "") -> None:
    """Step 4: the new password ends every session of the account and lifts a login lock."""
    check_new_password(password, confirmation)
    account = session.exec(select(m.Account).where(m.Account.person_id == recovery.person_id)).one()
    now = clock.now()
    account.password_hash, account.password_changed_at = hash_password(password), now
    session.add(account)
    auth.end_sessions(session, account_id=account.id)
    devices.forget_all(session, account_id=account.id)  # someone else may know the old password
    passkeys.forget_all(session, account_id=account.id)
    throttling.clear(session, throttling.keys(recovery.identifier, ip, secret=secret)[0][0])
    throttling.clear(session, _counters(recovery.identifier, ip, secret)[1][0])  # this person's requests
    session.add(m.AuditEvent(kind="password_changed", account_id=account.id, ip=ip, detail="mot de passe oublié"))
    session.commit()
