"""Login with an identifier and a password, and server-side sessions referenced by an HttpOnly cookie.

A login creates a session that is not usable yet, and a single-use ticket (60 s) that the browser takes to
the /api/session route; that route sets the cookie with a fresh token. Only hashes are stored.
"""

from __future__ import annotations

import hmac
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone

from sqlalchemy import func, or_
from sqlmodel import Session, select

from ... import clock, models as m
from ...domain import identifiers
from ...domain.errors import DomainError
from ...domain.roles import Actor, Delegation, MemberRole
from ...security.passwords import verify_password
from ...security.tokens import new_token, token_hash
from . import throttling, transition, tutelles

IDLE_TIMEOUT = timedelta(minutes=30)
# A check writes the session's last activity at most this often: one write per event was the first cost of an
# event under load (bench/load.py), and the idle countdown loses at most this much precision, on the safe side.
TOUCH_EVERY = timedelta(seconds=30)
ABSOLUTE_LIFETIME = timedelta(hours=12)
TICKET_LIFETIME = timedelta(seconds=60)
MAX_PASSWORD_LENGTH = 64
WRONG_CREDENTIALS = "Identifiant ou mot de passe incorrect. Vérifiez votre saisie et réessayez."


def _aware(value: datetime) -> datetime:
    return value if value.tzinfo else value.replace(tzinfo=timezone.utc)


@dataclass(frozen=True)
class LoginTicket:
    ticket: str


def find_account(session: Session, identifier: str, *, provisional: bool) -> m.Account | None:
    column = m.Person.provisional_id if provisional else m.Person.nir
    return session.exec(select(m.Account).join(m.Person, m.Person.id == m.Account.person_id)
                        .where(column == identifier)).first()


def login(*, session: Session, identifier: str, password: str, provisional: bool, secret: str,
          ip: str = "", user_agent: str = "") -> LoginTicket:
    """The password, then a session at once: for callers that need no second factor (tests, benchmarks).
    The Connexion page checks the device between the two (services/devices.py)."""
    account = check_password(session=session, identifier=identifier, password=password, provisional=provisional,
                             secret=secret, ip=ip)
    return open_session(session=session, account=account, secret=secret, ip=ip, user_agent=user_agent)


def check_password(*, session: Session, identifier: str, password: str, provisional: bool, secret: str,
                   ip: str = "") -> m.Account:
    """Check the identifier's format and the password; a wrong one of either gets the same message. The attempt
    is counted first (services/throttling.py): one that must wait is refused at once, unchecked."""
    ident = (identifiers.parse_provisional_id if provisional else identifiers.parse_nir)(identifier)
    if not password:
        raise DomainError("mot_de_passe", "Saisissez votre mot de passe.")
    account = find_account(session, ident, provisional=provisional)
    person = session.get(m.Person, account.person_id) if account and provisional else None
    # A provisional identifier whose person has a NIR since counts on the NIR's counter: two identifiers for one
    # account never mean twice the guesses.
    counters = throttling.keys(person.nir if person and person.nir else ident, ip, secret=secret)
    attempt = _counted(session, counters, lambda: account, ip)
    # verify_password spends the same time when the account does not exist (no enumeration by timing).
    if not verify_password(account.password_hash if account else None, password[:MAX_PASSWORD_LENGTH + 1]) \
            or account is None:
        account_id = account.id if account else None
        session.add(m.AuditEvent(kind="login_failed", account_id=account_id, ip=ip,
                                 detail="identifiant inconnu" if account is None else "mot de passe"))
        if attempt.locks:
            session.add(m.AuditEvent(kind="lock", account_id=account_id, ip=ip, detail="connexion bloquée"))
        session.commit()
        raise DomainError("", WRONG_CREDENTIALS)
    throttling.succeeded(session, attempt)
    session.commit()
    if person is not None:
        transition.check_provisional_login(person)  # once the NIR's transition is over, the NIR only
    return account


def _counted(session: Session, counters: throttling.Counters, account_of, ip: str) -> throttling.Attempt:
    """Count the attempt; when it is refused and that locks the account's identifier, the lock goes to the
    account's history (account_of() finds the account)."""
    try:
        return throttling.count(session, counters)
    except throttling.Refused as refused:
        if refused.locks:
            account = account_of()
            session.add(m.AuditEvent(kind="lock", account_id=account.id if account else None, ip=ip,
                                     detail="connexion bloquée"))
            session.commit()
        raise


def confirm_password(*, session: Session, account: m.Account, password: str, secret: str, ip: str, field: str,
                     wrong: str) -> None:
    """A logged-in person types her password again (to change it, her contacts, her bank details, to add a
    passkey): counted on the very counters of a login with her identifier, so these guesses add up with the
    login's; refused at once while they say wait. DomainError(field, wrong) when it is not her password."""
    person = session.get(m.Person, account.person_id)
    counters = throttling.keys(person.nir or person.provisional_id or f"compte:{account.id}", ip, secret=secret)
    try:
        attempt = _counted(session, counters, lambda: account, ip)
    except throttling.Refused as refused:
        raise DomainError(field, refused.message) from None
    if not verify_password(account.password_hash, password):
        if attempt.locks:
            session.add(m.AuditEvent(kind="lock", account_id=account.id, ip=ip, detail="connexion bloquée"))
            session.commit()
        raise DomainError(field, wrong)
    throttling.succeeded(session, attempt)
    session.commit()


def open_session(*, session: Session, account: m.Account, secret: str, ip: str = "", user_agent: str = "",
                 how: str = "", fc_id_token: str | None = None, browser: str | None = None) -> LoginTicket:
    """A session not usable yet, and the single-use ticket that the browser exchanges for the cookie.
    fc_id_token: a FranceConnect+ login's signed ID token, for the logout at the provider. browser: the value of
    the browser binding cookie of the tab that logged in; the ticket then opens a session in that browser only
    ("" when the tab had none: the ticket opens nothing). None: exchanged by the server itself, at once."""
    ticket = new_token()
    now = clock.now()
    bound = None if browser is None else token_hash(f"navigateur:{browser or new_token()}", key=secret)
    session.add(m.UserSession(
        token_hash=token_hash(new_token(), key=secret),  # replaced when the ticket is exchanged
        ticket_hash=token_hash(ticket, key=secret), ticket_expires_at=now + TICKET_LIFETIME,
        ticket_browser_hash=bound,
        account_id=account.id, dossier_id=_default_dossier(session, account.person_id),
        expires_at=now + ABSOLUTE_LIFETIME, ip=ip, user_agent=user_agent[:300], fc_id_token=fc_id_token))
    account.previous_login_at, account.last_login_at = account.last_login_at, now
    session.add(account)
    session.add(m.AuditEvent(kind="login", account_id=account.id, ip=ip, detail=how))
    session.commit()
    return LoginTicket(ticket=ticket)


def exchange_ticket(*, session: Session, ticket: str, secret: str, browser: str = "") -> str | None:
    """Single use: returns the cookie token of the session the ticket opens, or None (also when the ticket is
    bound to another browser than the one presenting it)."""
    row = session.exec(select(m.UserSession).where(m.UserSession.ticket_hash == token_hash(ticket, key=secret))
                       ).first()
    if row is None or row.revoked_at or _aware(row.ticket_expires_at) < clock.now():
        return None
    if row.ticket_browser_hash is not None and not hmac.compare_digest(
            row.ticket_browser_hash, token_hash(f"navigateur:{browser}", key=secret)):
        return None
    token = new_token()
    row.token_hash, row.ticket_hash, row.ticket_expires_at = token_hash(token, key=secret), None, None
    row.last_seen_at = clock.now()
    session.add(row)
    session.commit()
    return token


def _default_dossier(session: Session, person_id: int) -> int | None:
    member = session.exec(select(m.Member).join(m.Dossier, m.Dossier.id == m.Member.dossier_id)
                          .where(m.Member.person_id == person_id, m.Dossier.active == True)  # noqa: E712
                          .order_by(m.Member.id)).first()
    # A tuteur with no dossier of their own: the dossier of the (first) person they protect.
    return member.dossier_id if member else tutelles.first_protected_dossier(session, person_id)


@dataclass(frozen=True)
class LiveSession:
    actor: Actor
    seconds_left: int  # before the idle expiry (or the absolute lifetime, whichever comes first)
    last_seen: datetime | None = None  # as written in the database (session_cache.py computes the ends from them)
    expires: datetime | None = None

    @property
    def ends(self) -> datetime:
        """When the session ends if nothing happens: idle, or its absolute lifetime."""
        return min(self.last_seen + IDLE_TIMEOUT, self.expires)


def live_session(*, session: Session, token: str, secret: str, touch: bool = True) -> LiveSession | None:
    """A live session (not revoked, not idle for 30 minutes, under 12 hours old); touching it resets idling
    (written when the last write is TOUCH_EVERY old)."""
    if not token:
        return None
    # One query for the session, its person and their role in the dossier (every event makes this check); a tuteur
    # in the dossier of the person they protect takes that person's role. A tuteur moral's session has no account:
    # the mesure it was opened on gives the protected person
    # (its mesure, its staff member still enabled, and their Mon Compte Partenaire session still open).
    found = session.exec(
        select(m.UserSession, m.Account.person_id, m.Member.role, m.Dossier.delegation, m.Tutelle.protected_id,
               m.Agent.id)
        .outerjoin(m.Account, m.Account.id == m.UserSession.account_id)
        .outerjoin(m.AgentSession, (m.AgentSession.id == m.UserSession.partner_session_id)
                   & (m.AgentSession.agent_id == m.UserSession.partner_agent_id)
                   & (m.AgentSession.revoked_at == None))  # noqa: E711
        .outerjoin(m.Agent, (m.Agent.id == m.AgentSession.agent_id) & (m.Agent.disabled_at == None))  # noqa: E711
        .outerjoin(m.Tutelle, (m.Tutelle.dossier_id == m.UserSession.dossier_id) & or_(
            (m.UserSession.tutelle_id == None) & tutelles.opens(m.Account.person_id),  # noqa: E711
            (m.Tutelle.id == m.UserSession.tutelle_id) & tutelles.opens_to(m.Agent.organisation_id)))
        .outerjoin(m.Member, (m.Member.dossier_id == m.UserSession.dossier_id)
                   & (m.Member.person_id == func.coalesce(m.Tutelle.protected_id, m.Account.person_id)))
        .outerjoin(m.Dossier, m.Dossier.id == m.UserSession.dossier_id)
        .where(m.UserSession.token_hash == token_hash(token, key=secret)).order_by(m.Tutelle.id)).first()
    now = clock.now()
    row = found[0] if found else None
    if (row is None or row.revoked_at or row.ticket_hash or _aware(row.expires_at) < now
            or _aware(row.last_seen_at) + IDLE_TIMEOUT < now):
        return None
    _, person_id, role, delegation, protected_id, partner_id = found
    if row.account_id is None and (partner_id is None or protected_id is None or role is None):
        return None  # a tuteur moral's session whose staff member is disabled, or whose mesure has ended
    account_id, dossier_id, last_seen, ends = row.account_id, row.dossier_id, _aware(row.last_seen_at), \
        _aware(row.expires_at)
    if touch and last_seen + TOUCH_EVERY <= now:
        row.last_seen_at = last_seen = now
        session.add(row)
        session.commit()
    ends = min(last_seen + IDLE_TIMEOUT, ends)
    if dossier_id is None or role is None or delegation is None:  # not (or no longer) in that dossier
        actor = Actor(account_id=account_id, person_id=person_id, dossier_id=None, role=None)
    else:
        actor = Actor(account_id=account_id, person_id=protected_id or person_id, dossier_id=dossier_id,
                      role=MemberRole(role), delegation=Delegation(delegation),
                      tuteur_id=person_id if protected_id and account_id is not None else None,
                      partner_id=partner_id if account_id is None else None)
    return LiveSession(actor=actor, seconds_left=max(0, int((ends - now).total_seconds())), last_seen=last_seen,
                       expires=_aware(row.expires_at))


def session_actor(*, session: Session, token: str, secret: str, touch: bool = True) -> Actor | None:
    """The actor of a live session, else None."""
    live = live_session(session=session, token=token, secret=secret, touch=touch)
    return live.actor if live else None


def end_sessions(session: Session, *, account_id: int, keep_token: str = "", secret: str = "") -> None:
    """End every live session of the account but the one of `keep_token` (the caller commits)."""
    kept = token_hash(keep_token, key=secret) if keep_token else None
    for row in session.exec(select(m.UserSession).where(m.UserSession.account_id == account_id,
                                                        m.UserSession.revoked_at == None)):  # noqa: E711
        if row.token_hash != kept:
            row.revoked_at = clock.now()
            session.add(row)


def logout(*, session: Session, token: str, secret: str, ip: str = "") -> str | None:
    """Destroy the server session: the cookie is worthless from now on, wherever it is used. Returns the
    FranceConnect+ ID token of a session opened with it (its logout at the provider follows)."""
    if not token:
        return None
    row = session.exec(select(m.UserSession).where(m.UserSession.token_hash == token_hash(token, key=secret))
                       ).first()
    if row and not row.revoked_at:
        row.revoked_at = clock.now()
        session.add(row)
        session.add(m.AuditEvent(kind="logout", account_id=row.account_id, ip=ip))
        session.commit()
        return row.fc_id_token
    return None
