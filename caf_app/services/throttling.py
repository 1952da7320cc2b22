"""Counters of failed logins in the database, read and written around each attempt."""

from __future__ import annotations

from datetime import datetime, timezone

from sqlmodel import Session, select

from .. import models as m
from ..domain import throttle
from ..security.tokens import token_hash


def _now() -> datetime:
    return datetime.now(timezone.utc)


def _aware(value: datetime | None) -> datetime | None:
    return value.replace(tzinfo=timezone.utc) if value is not None and value.tzinfo is None else value


def keys(identifier: str, client: str, *, secret: str) -> list[tuple[str, throttle.Rule]]:
    """The counters an attempt touches: the identifier typed (hashed) and the client address."""
    return [(f"ident:{token_hash(identifier, key=secret)}", throttle.IDENTIFIER_RULE),
            (f"client:{client or 'inconnu'}", throttle.CLIENT_RULE)]


def _counter(session: Session, key: str) -> m.ThrottleCounter:
    row = session.exec(select(m.ThrottleCounter).where(m.ThrottleCounter.key == key)).first()
    return row or m.ThrottleCounter(key=key)


def check(session: Session, counters: list[tuple[str, throttle.Rule]]) -> float:
    """Seconds to wait before answering; DomainError when one of the counters is locked."""
    now = _now()
    return max(throttle.check_attempt(rule, row.failures, _aware(row.last_failure_at), now)
               for row, rule in ((_counter(session, key), rule) for key, rule in counters))


def record_failure(session: Session, counters: list[tuple[str, throttle.Rule]]) -> bool:
    """Count one failure on each counter; True when this failure locked one of them."""
    now, locked = _now(), False
    for key, rule in counters:
        row = _counter(session, key)
        row.failures = throttle.effective_failures(rule, row.failures, _aware(row.last_failure_at), now) + 1
        row.last_failure_at = now
        locked = locked or row.failures == rule.lock_after
        session.add(row)
    return locked


def clear(session: Session, key: str) -> None:
    row = session.exec(select(m.ThrottleCounter).where(m.ThrottleCounter.key == key)).first()
    if row:
        session.delete(row)
