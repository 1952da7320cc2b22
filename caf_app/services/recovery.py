"""Mot de passe oublié: identity -> channel -> 6-digit code -> new password.

Whether the person exists or not, every step answers the same way: an unknown NIR and birth name get decoy
channels derived from a keyed hash (the same each time), and a code that is stored but sent to nobody.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timezone

from sqlmodel import Session, select

from .. import delivery, models as m
from ..domain.identifiers import parse_nir
from ..domain.names import check_name, comparable, mask_email, mask_mobile
from ..domain.passwords import check_new_password
from ..security import otp
from ..security.passwords import hash_password
from ..security.tokens import token_hash
from . import auth, devices, passkeys, throttling

PURPOSE = "recuperation"


@dataclass(frozen=True)
class Channel:
    key: str  # "email" | "sms"
    label: str


@dataclass(frozen=True)
class Recovery:
    subject: str
    person_id: int | None
    channels: list[Channel]
    identifier: str


def _channels(person: m.Person) -> list[Channel]:
    channels = []
    if person.email:
        channels.append(Channel("email", f"Par courriel : {mask_email(person.email)}"))
    if person.mobile:
        channels.append(Channel("sms", f"Par SMS : {mask_mobile(person.mobile)}"))
    return channels


def _decoy_channels(seed: str) -> list[Channel]:
    letters = "abcdefghijklmnoprstv"
    email = f"{letters[int(seed[0:2], 16) % 20]}x@{letters[int(seed[2:4], 16) % 20]}xxxxx.fr"
    channels = [Channel("email", f"Par courriel : {mask_email(email)}")]
    if int(seed[4:6], 16) % 2:
        channels.append(Channel("sms", f"Par SMS : {mask_mobile('06' + str(int(seed[6:14], 16))[-8:].zfill(8))}"))
    return channels


def start(*, session: Session, nir: str, birth_name: str, secret: str) -> Recovery:
    """Step 1. Raises DomainError only for what the user typed (formats), never for who exists."""
    identifier = parse_nir(nir)
    name = check_name(birth_name, field="nom_naissance", label="votre nom de naissance")
    subject = token_hash(f"{PURPOSE}:{identifier}:{comparable(name)}", key=secret)
    person = session.exec(select(m.Person).join(m.Account, m.Account.person_id == m.Person.id)
                          .where(m.Person.nir == identifier)).first()
    if person is None or comparable(person.birth_name) != comparable(name) or not _channels(person):
        return Recovery(subject=subject, person_id=None, channels=_decoy_channels(subject), identifier=identifier)
    return Recovery(subject=subject, person_id=person.id, channels=_channels(person), identifier=identifier)


def send_code(*, session: Session, recovery: Recovery, channel: str, secret: str) -> None:
    """Step 2 (and "Renvoyer un code"): a new code to the chosen contact; decoys send nothing."""
    if channel not in {c.key for c in recovery.channels}:
        raise ValueError("canal inconnu")
    person = session.get(m.Person, recovery.person_id) if recovery.person_id else None
    destination = (person.email if channel == "email" else person.mobile) if person else ""
    code = otp.issue(session, purpose=PURPOSE, subject=recovery.subject, channel=channel,
                     destination=destination, secret=secret)
    if person:
        delivery.send(delivery.Message(
            channel=channel, recipient=destination, subject="Votre code de vérification",
            body=(f"Votre code de vérification Mon Compte est {code}. Il est valable 10 minutes et ne peut "
                  "servir qu'une fois. Si vous n'avez rien demandé, ignorez ce message.")), session=session)


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
    now = datetime.now(timezone.utc)
    account.password_hash, account.password_changed_at = hash_password(password), now
    session.add(account)
    auth.end_sessions(session, account_id=account.id)
    devices.forget_all(session, account_id=account.id)  # someone else may know the old password
    passkeys.forget_all(session, account_id=account.id)
    throttling.clear(session, throttling.keys(recovery.identifier, ip, secret=secret)[0][0])
    session.add(m.AuditEvent(kind="password_changed", account_id=account.id, ip=ip, detail="mot de passe oublié"))
    session.commit()
