"""A second factor on a device not seen before (as the real service does since December 2024).

After the right password on a browser without a valid device cookie, a 6-digit code goes to the person's
e-mail (or mobile when there is no e-mail): single use, 10 minutes, 3 attempts, a new one after 60 s
(security/otp.py). The code given, the browser is remembered for 30 days by an HttpOnly cookie whose value is
derived from the login ticket (so the /api/session route can set it without storing it); only its keyed hash
is stored. Devices are listed and revoked in Gérer Mon Compte.
"""

from __future__ import annotations

import hashlib
import hmac
from dataclasses import dataclass
from datetime import timedelta

from sqlmodel import Session, col, select

from ... import clock, delivery, models as m
from ...clock import PARIS
from ...domain import policy
from ...domain.errors import DomainError, Forbidden
from ...domain.names import mask_email, mask_mobile
from ...domain.roles import Actor
from ...security import otp
from ...security.tokens import new_token, token_hash
from . import auth

PURPOSE = "appareil"
LIFETIME = timedelta(days=30)
DEVICE_COOKIE = "caf_appareil"
FRESH = timedelta(minutes=2)  # the route sets the cookie only right after the code was given
TOO_MANY = ("Trop de codes ont été envoyés pour ce compte aujourd'hui. Réessayez demain ; si quelqu'un d'autre "
            "connaît votre mot de passe, changez-le avec « Mot de passe oublié ? ».")


def _token_for(ticket: str, secret: str) -> str:
    return hmac.new(secret.encode(), f"{PURPOSE}:{ticket}".encode(), hashlib.sha256).hexdigest()


KEPT_PER_BROWSER = 5  # a family's shared tablet: each person's device token, the newest first


def tokens_of(cookie: str) -> list[str]:
    """The device tokens one browser's cookie holds ("<token>.<token>..."): one per account that gave a code on
    it, so that two people sharing a device do not push each other out."""
    tokens = [part for part in (cookie or "").split(".") if len(part) == 64 and all(c in "0123456789abcdef"
                                                                                     for c in part)]
    return list(dict.fromkeys(tokens))[:KEPT_PER_BROWSER]


def cookie_with(cookie: str, token: str) -> str:
    """The browser's cookie with a new token first (the oldest beyond KEPT_PER_BROWSER goes)."""
    return ".".join([token] + [t for t in tokens_of(cookie) if t != token][:KEPT_PER_BROWSER - 1])


def browser_cookie(session: Session, *, cookie: str, token: str, secret: str) -> str:
    """The device cookie after `token` was given on this browser: the new token first, then the tokens of the
    other people of this browser that still work (a revoked or expired one, or an older one of the same
    account, gives its place up)."""
    kept = tokens_of(cookie)
    rows = session.exec(select(m.TrustedDevice).where(col(m.TrustedDevice.token_hash).in_(
        [token_hash(one, key=secret) for one in [token, *kept]]))).all()
    by_hash = {row.token_hash: row for row in rows}
    new = by_hash.get(token_hash(token, key=secret))
    live = [one for one in kept if (row := by_hash.get(token_hash(one, key=secret))) is not None
            and not row.revoked_at and m.aware(row.expires_at) >= clock.now()
            and (new is None or row.account_id != new.account_id)]
    return cookie_with(".".join(live), token)


def is_trusted(session: Session, *, account_id: int, token: str, secret: str) -> bool:
    """One of the tokens of the browser's device cookie is this account's, not revoked nor expired (its use is
    recorded)."""
    hashes = [token_hash(one, key=secret) for one in tokens_of(token)]
    if not hashes:
        return False
    rows = session.exec(select(m.TrustedDevice).where(col(m.TrustedDevice.token_hash).in_(hashes),
                                                      m.TrustedDevice.account_id == account_id)).all()
    row = next((r for r in rows if not r.revoked_at and m.aware(r.expires_at) >= clock.now()), None)
    if row is None:
        return False
    row.last_used_at = clock.now()
    session.add(row)
    session.commit()
    return True


@dataclass(frozen=True)
class Challenge:
    subject: str      # what the code is about (kept by the server-side tab state, never sent to the browser)
    destination: str  # masked, for the screen: "e•••@example.fr"


def start(session: Session, *, account: m.Account, secret: str) -> Challenge | None:
    """Send a first code; None when the person has neither e-mail nor mobile (nothing to send it to)."""
    person = session.get(m.Person, account.person_id)
    if not (person.email or person.mobile):
        return None
    challenge = Challenge(subject=token_hash(f"{PURPOSE}:{account.id}:{new_token()}", key=secret),
                          destination=mask_email(person.email) if person.email else mask_mobile(person.mobile))
    send_code(session, account_id=account.id, subject=challenge.subject, secret=secret)
    return challenge


def send_code(session: Session, *, account_id: int, subject: str, secret: str) -> None:
    """A (new) code to the person; raises DomainError("code", ...) during the 60 s cooldown."""
    person = session.exec(select(m.Person).join(m.Account, m.Account.person_id == m.Person.id)
                          .where(m.Account.id == account_id)).one()
    channel, destination = ("email", person.email) if person.email else ("sms", person.mobile)
    code = otp.issue(session, purpose=PURPOSE, subject=subject, channel=channel, destination=destination,
                     secret=secret, too_many=TOO_MANY)
    delivery.send(delivery.Message(
        channel=channel, recipient=destination, subject="Code de connexion sur un nouvel appareil",
        body=(f"Votre code de connexion Mon Compte est {code}. Il est valable 10 minutes et ne sert qu'une fois. "
              "Quelqu'un s'est connecté avec votre mot de passe depuis un appareil que nous ne connaissons pas : si "
              "ce n'est pas vous, changez votre mot de passe.")), session=session)


def confirm(session: Session, *, account_id: int, subject: str, code: str, secret: str) -> None:
    """Consume the code or raise DomainError("code", ...) saying what to do; a wrong one goes to the history."""
    try:
        otp.verify(session, purpose=PURPOSE, subject=subject, code=code, secret=secret)
    except DomainError:
        session.add(m.AuditEvent(kind="code_failed", account_id=account_id, detail="nouvel appareil"))
        session.commit()
        raise


def device_label(user_agent: str) -> str:
    """ "Chrome sur Android" from a User-Agent; what a person recognises in the list of their devices."""
    agent = user_agent or ""
    browser = next((name for key, name in (("Edg/", "Edge"), ("Firefox/", "Firefox"), ("Chrome/", "Chrome"),
                                           ("Chromium/", "Chromium"), ("Safari/", "Safari")) if key in agent),
                   "Navigateur")
    system = next((name for key, name in (("Android", "Android"), ("iPhone", "iPhone"), ("iPad", "iPad"),
                                          ("Windows", "Windows"), ("Mac OS", "macOS"), ("Linux", "Linux"))
                   if key in agent), "système inconnu")
    return f"{browser} sur {system}"


def remember(session: Session, *, account_id: int, ticket: str, user_agent: str, secret: str) -> None:
    """The browser that gave the code, remembered once its login ticket is exchanged (see cookie_for)."""
    session.add(m.TrustedDevice(account_id=account_id, token_hash=token_hash(_token_for(ticket, secret), key=secret),
                                label=device_label(user_agent), expires_at=clock.now() + LIFETIME))
    session.add(m.AuditEvent(kind="device_added", account_id=account_id, detail=device_label(user_agent)))
    session.commit()


def cookie_for(session: Session, *, ticket: str, secret: str) -> str | None:
    """The device cookie to set with the session opened by `ticket`, when that login gave the code."""
    token = _token_for(ticket, secret)
    row = session.exec(select(m.TrustedDevice).where(m.TrustedDevice.token_hash == token_hash(token, key=secret))
                       ).first()
    if row is None or row.revoked_at or m.aware(row.created_at) + FRESH < clock.now():
        return None
    return token


@dataclass(frozen=True)
class DeviceLine:
    id: int
    label: str
    added_on: str
    last_used_on: str


def account_id_of(actor: Actor) -> int:
    """The actor's own account, for what touches it (password, devices, passkeys, its history): Forbidden for a
    session with no account (a tuteur moral's: policy.can_manage_account)."""
    if not policy.can_manage_account(actor):
        raise Forbidden("compte")
    return actor.account_id


def list_devices(*, session: Session, actor: Actor) -> list[DeviceLine]:
    """The person's own remembered browsers, still valid, most recently used first."""
    rows = session.exec(select(m.TrustedDevice).where(m.TrustedDevice.account_id == account_id_of(actor),
                                                      m.TrustedDevice.revoked_at == None,  # noqa: E711
                                                      m.TrustedDevice.expires_at > clock.now())
                        .order_by(col(m.TrustedDevice.last_used_at).desc())).all()
    return [DeviceLine(row.id, row.label, m.aware(row.created_at).astimezone(PARIS).strftime("%d/%m/%Y"),
                       m.aware(row.last_used_at).astimezone(PARIS).strftime("%d/%m/%Y à %Hh%M")) for row in rows]


def revoke(*, session: Session, actor: Actor, device_id: int, keep_session: str, secret: str) -> None:
    """Forget one of the person's own devices: its next login asks for a code again, and every session of the
    account but this one ends (a lost phone may still hold one)."""
    row = session.get(m.TrustedDevice, device_id)
    if row is None or row.account_id != account_id_of(actor):
        raise Forbidden("appareil")
    row.revoked_at = clock.now()
    session.add(row)
    auth.end_sessions(session, account_id=row.account_id, keep_token=keep_session, secret=secret)
    session.add(m.AuditEvent(kind="device_removed", account_id=row.account_id, detail=row.label))
    session.commit()


def forget_all(session: Session, *, account_id: int, except_token: str = "", secret: str = "") -> None:
    """A new password: every remembered device of the account asks for a code again (but the one in use when
    the person changes it from Gérer Mon Compte). The caller commits."""
    kept = {token_hash(one, key=secret) for one in tokens_of(except_token)}
    for row in session.exec(select(m.TrustedDevice).where(m.TrustedDevice.account_id == account_id,
                                                          m.TrustedDevice.revoked_at == None)):  # noqa: E711
        if row.token_hash not in kept:
            row.revoked_at = clock.now()
            session.add(row)
