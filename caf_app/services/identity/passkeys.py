"""Passkeys (WebAuthn, the `webauthn` package): "Activer la connexion par empreinte ou reconnaissance faciale"
registers a discoverable credential with user verification; Connexion then asks the device for it, without the
NIR. Challenges are made here, kept by the caller (the tab's server state) for one use within 5 minutes; the
relying party and the origin come from the settings; a sign counter that goes backwards is refused."""

from __future__ import annotations

import json
import time
from dataclasses import dataclass

import webauthn
from sqlmodel import Session, col, select
from webauthn.helpers import base64url_to_bytes, bytes_to_base64url
from webauthn.helpers.exceptions import InvalidAuthenticationResponse, InvalidRegistrationResponse
from webauthn.helpers.structs import (
    AuthenticatorSelectionCriteria,
    PublicKeyCredentialDescriptor,
    ResidentKeyRequirement,
    UserVerificationRequirement,
)

from ... import clock, models as m
from ...clock import PARIS
from ...content import passkeys as PK
from ...domain.errors import DomainError, Forbidden
from ...domain.roles import Actor
from ...security.tokens import token_hash
from ...settings import Settings
from . import auth
from .devices import account_id_of

CHALLENGE_LIFETIME = 300  # seconds
RP_NAME = "Mon Compte allocataire (démonstration)"
NOT_RECOGNISED = ("La clé d'accès n'a pas été reconnue. Connectez-vous avec votre numéro de sécurité sociale et "
                  "votre mot de passe.")
NOT_SAVED = "La clé d'accès n'a pas été enregistrée. Réessayez."


@dataclass(frozen=True)
class Challenge:
    """What the tab keeps between the two halves of a ceremony (server side only)."""

    value: str  # base64url
    made_at: float

    def check(self) -> bytes:
        if not self.value or time.time() - self.made_at > CHALLENGE_LIFETIME:
            raise DomainError("cle", "Le délai est dépassé : recommencez.")
        return base64url_to_bytes(self.value)


@dataclass(frozen=True)
class PasskeyLine:
    id: int
    label: str
    created_on: str
    last_used_on: str


def refused(answer: str, challenge: Challenge | None, *, cancelled: str) -> str:
    """The browser's answer to a ceremony (assets/session.js): "" when there is a credential to check, else what the
    person reads (the device has no passkeys, or the person cancelled)."""
    if answer and not answer.startswith("erreur:") and challenge is not None:
        return ""
    return PK.UNSUPPORTED if answer == "erreur:NotSupportedError" else cancelled


def registration_options(*, session: Session, actor: Actor, settings: Settings, password: str,
                         ip: str = "") -> tuple[str, Challenge]:
    """The options of a new passkey, once the person typed her password again (a session left open on a shared
    computer must not become a lasting way in), counted like a login's (auth.confirm_password)."""
    account = session.get(m.Account, account_id_of(actor))
    try:
        auth.confirm_password(session=session, account=account, password=password[:129],
                              secret=settings.secret_key, ip=ip, field="mot_de_passe_cle",
                              wrong="Ce n'est pas votre mot de passe actuel.")
    except DomainError:
        session.add(m.AuditEvent(kind="passkey_failed", account_id=account.id, ip=ip, detail="mot de passe"))
        session.commit()
        raise
    person = session.get(m.Person, account.person_id)
    known = session.exec(select(m.Passkey.credential_id).where(m.Passkey.account_id == account.id)).all()
    name = f"{person.first_names} {person.birth_name}".strip()
    options = webauthn.generate_registration_options(
        # The user handle names the account without saying which (keyed hash), and the device shows a name, never
        # the NIR (passkeys are listed, and synchronised, by password managers).
        rp_id=settings.webauthn_rp_id, rp_name=RP_NAME,
        user_id=token_hash(f"compte-{account.id}", key=settings.secret_key)[:32].encode(),
        user_name=name, user_display_name=name,
        authenticator_selection=AuthenticatorSelectionCriteria(
            resident_key=ResidentKeyRequirement.REQUIRED, user_verification=UserVerificationRequirement.REQUIRED),
        exclude_credentials=[PublicKeyCredentialDescriptor(id=base64url_to_bytes(cid)) for cid in known])
    return webauthn.options_to_json(options), Challenge(bytes_to_base64url(options.challenge), time.time())


def register(*, session: Session, actor: Actor, credential: str, challenge: Challenge, settings: Settings,
             label: str) -> None:
    try:
        verified = webauthn.verify_registration_response(
            credential=credential, expected_challenge=challenge.check(), expected_rp_id=settings.webauthn_rp_id,
            expected_origin=settings.webauthn_origin, require_user_verification=True)
    except (InvalidRegistrationResponse, ValueError, KeyError, TypeError) as error:
        raise DomainError("cle", NOT_SAVED) from error
    account_id = account_id_of(actor)
    credential_id = bytes_to_base64url(verified.credential_id)
    if session.exec(select(m.Passkey).where(m.Passkey.credential_id == credential_id)).first() is not None:
        raise DomainError("cle", NOT_SAVED)
    session.add(m.Passkey(account_id=account_id, credential_id=credential_id,
                          public_key=bytes_to_base64url(verified.credential_public_key),
                          sign_count=verified.sign_count, label=label[:120]))
    session.add(m.AuditEvent(kind="passkey_added", account_id=account_id, detail=label[:120]))
    session.commit()


def authentication_options(*, settings: Settings) -> tuple[str, Challenge]:
    """No credential listed: the device offers the passkeys it holds for this site (no NIR to type)."""
    options = webauthn.generate_authentication_options(
        rp_id=settings.webauthn_rp_id, user_verification=UserVerificationRequirement.REQUIRED)
    return webauthn.options_to_json(options), Challenge(bytes_to_base64url(options.challenge), time.time())


def authenticate(*, session: Session, credential: str, challenge: Challenge, settings: Settings) -> m.Account:
    """The account of a valid passkey assertion (its counter moved forward), or DomainError."""
    expected = challenge.check()
    try:
        credential_id = json.loads(credential)["rawId"]
    except (ValueError, KeyError, TypeError) as error:
        raise DomainError("cle", NOT_RECOGNISED) from error
    row = session.exec(select(m.Passkey).where(m.Passkey.credential_id == credential_id)).first()
    if row is None:
        raise DomainError("cle", NOT_RECOGNISED)
    try:
        verified = webauthn.verify_authentication_response(
            credential=credential, expected_challenge=expected, expected_rp_id=settings.webauthn_rp_id,
            expected_origin=settings.webauthn_origin, credential_public_key=base64url_to_bytes(row.public_key),
            credential_current_sign_count=row.sign_count, require_user_verification=True)
    except (InvalidAuthenticationResponse, ValueError, KeyError, TypeError) as error:
        session.add(m.AuditEvent(kind="passkey_failed", account_id=row.account_id, detail=str(error)[:200]))
        session.commit()
        raise DomainError("cle", NOT_RECOGNISED) from error
    row.sign_count, row.last_used_at = verified.new_sign_count, clock.now()
    session.add(row)
    session.commit()
    return session.get(m.Account, row.account_id)


def list_passkeys(*, session: Session, actor: Actor) -> list[PasskeyLine]:
    rows = session.exec(select(m.Passkey).where(m.Passkey.account_id == account_id_of(actor))
                        .order_by(col(m.Passkey.created_at).desc())).all()
    return [PasskeyLine(row.id, row.label, m.aware(row.created_at).astimezone(PARIS).strftime("%d/%m/%Y"),
                        m.aware(row.last_used_at).astimezone(PARIS).strftime("%d/%m/%Y à %Hh%M")
                        if row.last_used_at else "jamais") for row in rows]


def remove(*, session: Session, actor: Actor, passkey_id: int, keep_session: str, secret: str) -> None:
    """One of the person's own passkeys: gone (the password still opens the account: nobody is locked out), and
    every other session of the account ends (a lost phone may hold one)."""
    row = session.get(m.Passkey, passkey_id)
    if row is None or row.account_id != account_id_of(actor):
        raise Forbidden("cle")
    session.delete(row)
    auth.end_sessions(session, account_id=row.account_id, keep_token=keep_session, secret=secret)
    session.add(m.AuditEvent(kind="passkey_removed", account_id=row.account_id, detail=row.label))
    session.commit()


def forget_all(session: Session, *, account_id: int) -> None:
    """A new password: the account's passkeys go too (one added by someone who knew the old password would
    otherwise keep opening the account without it). The caller commits."""
    for row in session.exec(select(m.Passkey).where(m.Passkey.account_id == account_id)).all():
        session.delete(row)
