"""Counters of attempts at a secret (a password, an attestation reference), in the database.

An attempt is counted first, in one conditional statement per counter, and committed before the secret is
checked: parallel attempts are all counted, and no more of them are checked than the rule lets through
(domain/throttle.py). One that must wait is refused at once with the time to wait; nothing sleeps.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timezone

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql, sqlite
from sqlmodel import Session, col, select

from ... import clock, models as m
from ...domain import throttle
from ...domain.errors import DomainError
from ...security.tokens import token_hash

Counters = list[tuple[str, throttle.Rule]]
TABLE = m.ThrottleCounter.__table__
COLUMNS = TABLE.c


def _aware(value: datetime | None) -> datetime | None:
    return value.replace(tzinfo=timezone.utc) if value is not None and value.tzinfo is None else value


def keys(identifier: str, client: str, *, secret: str) -> Counters:
    """The counters an attempt touches: the identifier typed (hashed) and the client address."""
    return [(f"ident:{token_hash(identifier, key=secret)}", throttle.IDENTIFIER_RULE),
            (f"client:{client or 'inconnu'}", throttle.CLIENT_RULE)]


class Refused(DomainError):
    """An attempt refused unchecked (it stays counted). locked: a counter is locked; locks: this very attempt
    locked it."""

    def __init__(self, error: DomainError, *, locked: bool, locks: bool):
        super().__init__(error.field, error.message)
        self.locked, self.locks = locked, locks


@dataclass(frozen=True)
class Attempt:
    """An attempt counted and let through, at `at`. locks: its failure, if it fails, locks a counter."""

    counters: Counters
    locks: bool
    at: datetime


def count(session: Session, counters: Counters) -> Attempt:
    """Count one attempt on each counter (committed), before the secret is checked; Refused when one of the
    counters says it must not be checked now (the longest wait, or the lock, is the one told)."""
    now, refusals, locks = clock.now(), [], False
    for key, rule in counters:
        failures = _count_checked(session, key, rule, now)
        if failures is None:
            failures, last = _count_refused(session, key, rule, now)
            if last is not None:
                refusals.append((throttle.next_check_at(rule, failures, last), rule, failures, last))
        locks = locks or failures == rule.lock_after
    session.commit()
    if refusals:
        _, rule, failures, last = max(refusals, key=lambda refusal: refusal[0])
        raise Refused(throttle.refusal(rule, failures, last, now), locked=throttle.is_locked(rule, failures),
                      locks=locks)
    return Attempt(counters=counters, locks=locks, at=now)


def limit(session: Session, counters: Counters, *, too_many: str, wait: str) -> None:
    """count() for a public form that writes (a message, a rendez-vous): a refusal said in French, `too_many` when a
    counter is locked, else `wait` with the seconds to wait ({seconds})."""
    try:
        count(session, counters)
    except Refused as refused:
        if refused.locked:
            raise DomainError("", too_many) from None
        seconds = "".join(c for c in refused.message if c.isdigit()) or "30"
        raise DomainError("", wait.format(seconds=seconds)) from None


def _insert(session: Session):
    return (postgresql if session.get_bind().dialect.name == "postgresql" else sqlite).insert(TABLE)


def _forgotten(rule: throttle.Rule, now: datetime):
    """The counter's failures are forgotten: the window (or the lock) has passed since the last one."""
    last, failures = COLUMNS.last_failure_at, COLUMNS.failures
    return sa.or_(last.is_(None), sa.and_(failures >= rule.lock_after, last <= now - rule.lock_for),
                  sa.and_(failures < rule.lock_after, last < now - rule.window))


def _count_checked(session: Session, key: str, rule: throttle.Rule, now: datetime) -> int | None:
    """One more failure counted (the old ones forgotten first, when they are) if the rule lets an attempt be
    checked now: the counter's new value; None when the attempt must wait (nothing counted yet)."""
    last, failures = COLUMNS.last_failure_at, COLUMNS.failures
    forgotten = _forgotten(rule, now)
    waited = [sa.and_(failures == n, last <= since) for n, since in throttle.checked_if_last_before(rule, now).items()]
    statement = _insert(session).values(key=key, failures=1, last_failure_at=now).on_conflict_do_update(
        index_elements=[COLUMNS.key], set_={"failures": sa.case((forgotten, 1), else_=failures + 1),
                                             "last_failure_at": now},
        where=sa.or_(forgotten, failures < rule.free_failures, *waited)).returning(failures)
    return session.exec(statement).scalar()


def _count_refused(session: Session, key: str, rule: throttle.Rule, now: datetime) -> tuple[int, datetime | None]:
    """One more failure counted on a counter that refused the attempt, and the time of its last checked failure,
    from which the wait runs (it stays). A counter cleared meanwhile by a success counts it as checked
    (last: None)."""
    row = session.exec(sa.update(TABLE).where(COLUMNS.key == key).values(failures=COLUMNS.failures + 1)
                       .returning(COLUMNS.failures, COLUMNS.last_failure_at)).first()
    if row is None:
        return _count_checked(session, key, rule, now) or 1, None
    return row.failures, _aware(row.last_failure_at)


def take_back(session: Session, attempt: Attempt, counters: Counters | None = None) -> None:
    """A successful attempt stops counting on these counters (all of the attempt's by default), and the wait it
    started is given back when no attempt came since: the next one is checked as soon as the failures before
    it allow (the caller commits)."""
    last, failures = COLUMNS.last_failure_at, COLUMNS.failures
    for key, rule in attempt.counters if counters is None else counters:
        # Once this attempt is taken back, the latest last failure that lets the next one be checked now.
        given_back = [(sa.and_(last == attempt.at, failures - 1 == n), since)
                      for n, since in throttle.checked_if_last_before(rule, attempt.at).items()]
        session.exec(sa.update(TABLE).where(COLUMNS.key == key, failures > 0).values(
            failures=failures - 1, last_failure_at=sa.case(*given_back, else_=last)))


def succeeded(session: Session, attempt: Attempt) -> None:
    """The secret was right: the identifier's counter (the first) is cleared, the others no longer count this
    attempt (many people share an address). The caller commits."""
    clear(session, attempt.counters[0][0])
    take_back(session, attempt, attempt.counters[1:])


def check(session: Session, counters: Counters) -> float:
    """Seconds to wait before answering, read without counting; DomainError while a counter is locked. For a
    flow that answers every request after a wait, then counts it (record_failure); attempts at a secret use
    count(), which lets no parallel attempt through."""
    now = clock.now()
    rows = {row.key: row for row in session.exec(select(m.ThrottleCounter).where(
        col(m.ThrottleCounter.key).in_([key for key, _ in counters])))}
    return max(throttle.check_attempt(rule, rows[key].failures, _aware(rows[key].last_failure_at), now)
               if key in rows else 0.0 for key, rule in counters)


def record_failure(session: Session, counters: Counters) -> bool:
    """Count one failure on each counter, each in one statement (the caller commits); True when this failure
    locked one of them."""
    now, locked = clock.now(), False
    for key, rule in counters:
        forgotten = _forgotten(rule, now)
        failures = session.exec(_insert(session).values(key=key, failures=1, last_failure_at=now).on_conflict_do_update(
            index_elements=[COLUMNS.key], set_={"failures": sa.case((forgotten, 1), else_=COLUMNS.failures + 1),
                                                 "last_failure_at": now}).returning(COLUMNS.failures)).scalar()
        locked = locked or failures == rule.lock_after
    return locked


def clear(session: Session, key: str) -> None:
    session.exec(sa.delete(TABLE).where(COLUMNS.key == key))
