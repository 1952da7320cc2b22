"""Agents: created by a command (no self-signup), logged in with a password and a TOTP code, sessions of 8 hours.

A code is accepted once (the step it belongs to is recorded), in a window of one step either side (a phone's
clock a little off). Attempts are counted per identifier and per address before anything is checked, as the
allocataires' logins are (services/identity/throttling.py).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import timedelta

import pyotp
from sqlmodel import Session, select

from ... import clock, models as m
from ...domain.errors import DomainError
from ...domain.gestion import AgentActor, AgentRole
from ...domain.passwords import check_new_password
from ...security.passwords import hash_password, verify_password
from ...security.sealing import AGENT_TOTP, UnsealError, is_sealed, seal, unseal
from ...security.tokens import new_token, token_hash
from ..identity import throttling

LIFETIME = timedelta(hours=8)
LOGIN = re.compile(r"[a-z0-9][a-z0-9.\-]{2,39}")
ISSUER = "caf_app gestion"
WRONG = "Identifiant, mot de passe ou code incorrect."
TOTP_PURPOSE = AGENT_TOTP  # the authenticator key is stored sealed (security/sealing.py)


def sealed_totp(secret_b32: str, *, key: str) -> str:
    return seal(secret_b32, key=key, purpose=TOTP_PURPOSE)


@dataclass(frozen=True)
class NewAgent:
    login: str
    caf: str
    role: str
    totp_uri: str  # otpauth://… for the authenticator app (shown once, by the command)
    totp_secret: str


def create_agent(*, session: Session, login: str, name: str, departement: str, role: str, password: str,
                 key: str, totp_secret: str = "", organisation_id: int | None = None,
                 confirmation: str | None = None) -> NewAgent:
    """A gestionnaire or superviseur of the Caf of a département (organisation_id: a partner's staff member); the
    authenticator's key is made here unless the demo gives its own (a fixed key the README lists), and stored
    sealed with the app's secret `key`."""
    login = login.strip().lower()
    if not LOGIN.fullmatch(login):
        raise DomainError("login", "L'identifiant : 3 à 40 lettres minuscules, chiffres, points ou tirets.")
    if session.exec(select(m.Agent).where(m.Agent.login == login)).first():
        raise DomainError("login", "Cet identifiant existe déjà : choisissez-en un autre.")
    if not name.strip():
        raise DomainError("name", "Indiquez le prénom et le nom de la personne.")
    caf = session.exec(select(m.Caf).where(m.Caf.department == departement)).first()
    if caf is None:
        raise DomainError("caf", f"Aucune Caf pour le département {departement}.")
    check_new_password(password, password if confirmation is None else confirmation)
    secret = totp_secret or pyotp.random_base32()
    session.add(m.Agent(login=login, name=name.strip()[:80], caf_id=caf.id, role=AgentRole(role).value,
                        organisation_id=organisation_id, password_hash=hash_password(password),
                        totp_secret=sealed_totp(secret, key=key)))
    session.commit()
    uri = pyotp.TOTP(secret).provisioning_uri(name=login, issuer_name=ISSUER)
    return NewAgent(login, caf.name, AgentRole(role).label, uri, secret)


def _code_step(secret: str, code: str, last_step: int) -> int | None:
    """The step of a valid, unused code, or None."""
    code = "".join(code.split())
    if not (secret and len(code) == 6 and code.isdigit()):
        return None
    totp, now = pyotp.TOTP(secret), clock.now()
    for shift in (0, -1, 1):
        step = totp.timecode(now) + shift
        if step > last_step and pyotp.utils.strings_equal(totp.generate_otp(step), code):
            return step
    return None


def _totp_key(agent: m.Agent, secret: str) -> str:
    """The agent's authenticator key; "" (no code matches) when it was sealed under another secret key."""
    try:
        return unseal(agent.totp_secret, key=secret, purpose=TOTP_PURPOSE)
    except UnsealError:
        return ""


def _space(partner: bool):
    """Each entry knows its own people: the Caf's agents at /gestion, a partner's staff at /partenaires."""
    return m.Agent.organisation_id != None if partner else m.Agent.organisation_id == None  # noqa: E711


def authenticate(*, session: Session, login: str, password: str, code: str, client: str, secret: str,
                 partner: bool = False) -> str:
    """The session token of an agent (partner: of a partner's staff member) whose password and code are right;
    DomainError otherwise (one message for every wrong part, so that none is confirmed; an account of the other
    entry is unknown here). Runs argon2: call it in the hashing pool."""
    login = login.strip().lower()
    if not login or not password or not code.strip():
        raise DomainError("" if login else "identifiant", "Saisissez votre identifiant, votre mot de passe et le "
                                                          "code de votre application d'authentification.")
    kind = "partenaire" if partner else "agent"
    attempt = throttling.count(session, throttling.keys(f"{kind}:{login}", client, secret=secret))
    agent = session.exec(select(m.Agent).where(m.Agent.login == login, _space(partner),
                                               m.Agent.disabled_at == None)).first()  # noqa: E711
    password_ok = verify_password(agent.password_hash if agent else None, password)
    step = _code_step(_totp_key(agent, secret), code, agent.totp_last_step) if agent and password_ok else None
    if agent is None or step is None:
        throttling.record_failure(session, attempt.counters)
        session.add(m.AuditEvent(kind=f"{kind}_login_failed", ip=client, detail=login[:64]))
        session.commit()
        raise DomainError("", WRONG)
    throttling.succeeded(session, attempt)
    agent.totp_last_step = step
    if not is_sealed(agent.totp_secret):  # a key stored before sealing existed: sealed at its first use
        agent.totp_secret = sealed_totp(agent.totp_secret, key=secret)
    token = new_token()
    session.add(m.AgentSession(token_hash=token_hash(token, key=secret), agent_id=agent.id,
                               expires_at=clock.now() + LIFETIME))
    session.add(m.AuditEvent(kind=f"{kind}_login", ip=client, detail=login[:64]))
    session.commit()
    return token


def agent_of(*, session: Session, token: str, secret: str, partner: bool = False) -> AgentActor | None:
    """The agent (partner: the partner's staff member) of a live session (not revoked, not past its 8 hours, the
    account not disabled), or None: a session of the other entry is none here."""
    if not token:
        return None
    row = session.exec(select(m.AgentSession, m.Agent).join(m.Agent, m.Agent.id == m.AgentSession.agent_id)
                       .where(m.AgentSession.token_hash == token_hash(token, key=secret), _space(partner),
                              m.AgentSession.revoked_at == None, m.Agent.disabled_at == None)).first()  # noqa: E711
    if row is None or m.aware(row[0].expires_at) <= clock.now():
        return None
    agent = row[1]
    return AgentActor(agent_id=agent.id, caf_id=agent.caf_id, role=AgentRole(agent.role), name=agent.name,
                      organisation_id=agent.organisation_id)


def logout(*, session: Session, token: str, secret: str) -> None:
    row = session.exec(select(m.AgentSession).where(m.AgentSession.token_hash == token_hash(token, key=secret))).first()
    if row is not None and row.revoked_at is None:
        row.revoked_at = clock.now()
        session.commit()
