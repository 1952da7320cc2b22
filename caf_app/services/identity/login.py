"""Logging in, step by step: the password, then a code when the browser is not known; a FranceConnect+ identity
left in this browser by a first FranceConnect+ login is linked on the way; or a passkey, alone.

Each step returns what comes next: a SessionTicket (a session is ready: the browser exchanges the ticket for the
cookie, then opens `target`) or a CodeChallenge (a code was sent, to `destination`); a DomainError says why not.
The password's attempts are counted as before (auth.check_password, services/throttling.py). The caller runs the
password step off the event loop (argon2): in the hashing pool (security/passwords.py).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlmodel import Session

from ... import clock, models as m
from ...domain.errors import DomainError
from ...settings import Settings
from . import auth, delegation, devices, franceconnect, passkeys

PASSWORD_CHANGED = "Votre mot de passe a changé depuis : annulez, puis connectez-vous à nouveau."


@dataclass(frozen=True)
class Browser:
    """What a login knows of the browser it happens in (the websocket's handshake)."""

    ip: str = ""
    user_agent: str = ""
    binding: str = ""  # the browser binding cookie (api/session.py): the ticket opens a session there only
    device: str = ""  # the device cookie (devices.DEVICE_COOKIE): the accounts that gave a code on it
    franceconnect: str = ""  # the FranceConnect+ cookie (franceconnect.BROWSER_COOKIE)


@dataclass(frozen=True)
class SessionTicket:
    """A session ready to open: /api/session/ouvrir exchanges the ticket (single use, 60 s) for the cookie."""

    ticket: str
    target: str  # the page to go to then (a path of this site, checked by the caller)


@dataclass(frozen=True)
class CodeChallenge:
    """A code was sent to the person for a browser not seen before. Kept by the server-side tab state; only
    `destination` is shown."""

    account_id: int
    subject: str  # what the code is about (devices.py)
    destination: str  # masked: "e•••@example.fr"
    target: str
    issued_at: datetime  # a password changed since voids the step


def _ticket(session: Session, account: m.Account, browser: Browser, target: str, how: str,
            secret: str) -> SessionTicket:
    opened = auth.open_session(session=session, account=account, secret=secret, ip=browser.ip,
                               user_agent=browser.user_agent, how=how, browser=browser.binding)
    return SessionTicket(opened.ticket, target)


def with_password(*, session: Session, identifier: str, password: str, provisional: bool, browser: Browser,
                  target: str, secret: str) -> SessionTicket | CodeChallenge:
    """The identifier and the password; then a session on a known browser, else a code sent (none when the
    person has neither e-mail nor mobile: the password alone, as before December 2024)."""
    account = auth.check_password(session=session, identifier=identifier, password=password,
                                  provisional=provisional, secret=secret, ip=browser.ip)
    flow = franceconnect.pending(session, browser=browser.franceconnect, secret=secret)
    if flow is not None and franceconnect.same_person(session.get(m.Person, account.person_id),
                                                      franceconnect.identity_of(flow)):
        # The first FranceConnect+ login of this very person: linked now, and no device code.
        linked = franceconnect.link(session, flow=flow, account=account, secret=secret, ip=browser.ip,
                                    user_agent=browser.user_agent, browser=browser.binding)
        return SessionTicket(linked.ticket, target)
    if flow is not None:  # someone else logs in on this browser: the identity left here is forgotten
        franceconnect.finish_pending(session, flow=flow)
    known = devices.is_trusted(session, account_id=account.id, token=browser.device, secret=secret)
    challenge = None if known else devices.start(session, account=account, secret=secret)
    if challenge is None:
        return _ticket(session, account, browser, target, "appareil connu" if known else "sans contact", secret)
    return CodeChallenge(account.id, challenge.subject, challenge.destination, target, clock.now())


def with_code(*, session: Session, challenge: CodeChallenge, code: str, browser: Browser,
              secret: str) -> SessionTicket:
    """The code sent: the session, and this browser remembered for 30 days (its cookie is set with the session's)."""
    account = session.get(m.Account, challenge.account_id)
    changed = account.password_changed_at
    if changed and m.aware(changed) > challenge.issued_at:
        raise DomainError("code", PASSWORD_CHANGED)
    devices.confirm(session, account_id=account.id, subject=challenge.subject, code=code, secret=secret)
    ticket = _ticket(session, account, browser, challenge.target, "code envoyé sur un nouvel appareil", secret)
    devices.remember(session, account_id=account.id, ticket=ticket.ticket, user_agent=browser.user_agent,
                     secret=secret)
    return ticket


def send_code_again(*, session: Session, challenge: CodeChallenge, secret: str) -> None:
    """A new code for the same step (DomainError("code", ...) during the 60 s cooldown)."""
    devices.send_code(session, account_id=challenge.account_id, subject=challenge.subject, secret=secret)


def with_passkey(*, session: Session, credential: str, challenge: passkeys.Challenge, settings: Settings,
                 browser: Browser, target: str) -> SessionTicket:
    """A passkey of this site: the device proved who it is, no code follows."""
    account = passkeys.authenticate(session=session, credential=credential, challenge=challenge, settings=settings)
    return _ticket(session, account, browser, target, "clé d'accès", settings.secret_key)


def after_signup(*, session: Session, identifier: str, browser: Browser, target: str, secret: str) -> SessionTicket:
    """The session of an account just created in this tab, for the demande it was created for: the person proved
    their contact with a code in this very browser, so no identifier, password or device code is asked again, and
    the browser is remembered as a login's code would. The caller passes only the identifier create_account gave."""
    account = auth.find_account(session, identifier, provisional=identifier.startswith("P"))
    if account is None:
        raise DomainError("", "Votre compte est introuvable : connectez-vous avec votre identifiant.")
    ticket = _ticket(session, account, browser, target, "création du compte", secret)
    devices.remember(session, account_id=account.id, ticket=ticket.ticket, user_agent=browser.user_agent,
                     secret=secret)
    return ticket


def first_page(*, session: Session, token: str, secret: str, target: str, accueil: str, question: str) -> str:
    """Where a session just opened goes: its target; but an allocataire with a conjoint who has not answered the
    délégation question goes to it (`question`) instead of the Accueil (`accueil`), so that the Accueil is never
    painted before being replaced by the question (issue 24, point 14)."""
    if target.rstrip("/") != accueil.rstrip("/"):
        return target
    actor = auth.session_actor(session=session, token=token, secret=secret, touch=False)
    return question if actor is not None and delegation.question_pending(session=session, actor=actor) else target
