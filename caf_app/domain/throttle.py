"""Login throttling: growing delays before answering after a few failures, then a temporary lock.

Counters are kept per identifier typed (whether an account exists or not, so the answers are the same)
and per client address. A lock never blocks the password-recovery flow.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from .errors import DomainError

PARIS = ZoneInfo("Europe/Paris")


@dataclass(frozen=True)
class Rule:
    free_failures: int  # failures allowed without waiting
    base_delay: timedelta  # the wait after the first extra failure, doubled at each further one
    lock_after: int  # failures that lock
    lock_for: timedelta
    window: timedelta  # failures older than this (counted from the last one) are forgotten


IDENTIFIER_RULE = Rule(free_failures=3, base_delay=timedelta(seconds=2), lock_after=5,
                       lock_for=timedelta(minutes=15), window=timedelta(minutes=30))
CLIENT_RULE = Rule(free_failures=10, base_delay=timedelta(seconds=1), lock_after=30,
                   lock_for=timedelta(minutes=15), window=timedelta(minutes=30))
# Unknown references typed on the public attestation check, per client address.
VERIFICATION_RULE = Rule(free_failures=5, base_delay=timedelta(seconds=1), lock_after=20,
                         lock_for=timedelta(minutes=15), window=timedelta(minutes=30))


def effective_failures(rule: Rule, failures: int, last_failure_at: datetime | None, now: datetime) -> int:
    """Failures still counted now: all of them until the window (or the lock) has passed since the last."""
    if last_failure_at is None:
        return 0
    if is_locked(rule, failures):
        return failures if now - last_failure_at < rule.lock_for else 0
    return failures if now - last_failure_at <= rule.window else 0


def is_locked(rule: Rule, failures: int) -> bool:
    return failures >= rule.lock_after


def delay_before_answer(rule: Rule, failures: int) -> float:
    """Seconds the server waits before answering the next attempt: 0, then 2, 4, 8... after the free ones."""
    if failures < rule.free_failures:
        return 0.0
    return min(rule.base_delay.total_seconds() * 2 ** (failures - rule.free_failures), 30.0)


def check_attempt(rule: Rule, failures: int, last_failure_at: datetime | None, now: datetime) -> float:
    """The delay before answering this attempt; DomainError saying when to try again while locked."""
    failures = effective_failures(rule, failures, last_failure_at, now)
    if not is_locked(rule, failures):
        return delay_before_answer(rule, failures)
    unlock_at = last_failure_at + rule.lock_for
    if unlock_at <= now:
        return 0.0
    raise DomainError("", "Après plusieurs erreurs, la connexion est bloquée pendant 15 minutes. "
                          f"Réessayez à partir de {unlock_at.astimezone(PARIS):%Hh%M}, "
                          "ou utilisez « Mot de passe oublié ? ».")
