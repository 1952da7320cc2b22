"""Login throttling: after a few failures, growing waits between two checked attempts, then a temporary lock.

Counters are kept per identifier typed (whether an account exists or not, so the answers are the same)
and per client address. Every attempt counts, before its secret is checked; an attempt that comes before the
wait is over is refused at once, unchecked, saying how long to wait (nothing sleeps). A lock never blocks the
password-recovery flow.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import datetime, timedelta

from .dates import PARIS
from .errors import DomainError


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
# Mot de passe oublié: every request counts (whether the person exists or not), per identity typed and per
# client address, so a bot that reads the security check can neither flood one person nor sweep many.
RECOVERY_IDENTITY_RULE = Rule(free_failures=3, base_delay=timedelta(seconds=2), lock_after=6,
                              lock_for=timedelta(minutes=15), window=timedelta(hours=1))
RECOVERY_CLIENT_RULE = Rule(free_failures=20, base_delay=timedelta(seconds=1), lock_after=40,
                            lock_for=timedelta(minutes=15), window=timedelta(hours=1))


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
    """Seconds between the last counted failure and the next attempt that is checked: 0, then 2, 4, 8... after
    the free ones."""
    if failures < rule.free_failures:
        return 0.0
    return min(rule.base_delay.total_seconds() * 2 ** (failures - rule.free_failures), 30.0)


def may_check(rule: Rule, failures: int, last_failure_at: datetime | None, now: datetime) -> bool:
    """Whether an attempt arriving now is checked (services/throttling.py asks the database the same question
    in one conditional update, so that parallel attempts cannot all pass)."""
    failures = effective_failures(rule, failures, last_failure_at, now)
    if failures == 0:
        return True
    return not is_locked(rule, failures) and now - last_failure_at >= timedelta(
        seconds=delay_before_answer(rule, failures))


def check_attempt(rule: Rule, failures: int, last_failure_at: datetime | None, now: datetime) -> float:
    """For a flow that answers every request after a wait (services.throttling.check): the seconds to wait;
    DomainError saying when to try again while locked."""
    failures = effective_failures(rule, failures, last_failure_at, now)
    if not is_locked(rule, failures):
        return delay_before_answer(rule, failures)
    raise locked_error(last_failure_at + rule.lock_for)


def checked_if_last_before(rule: Rule, now: datetime) -> dict[int, datetime]:
    """For each count of failures that makes attempts wait (and does not lock): the latest last failure that
    lets an attempt arriving now be checked."""
    return {failures: now - timedelta(seconds=delay_before_answer(rule, failures))
            for failures in range(rule.free_failures, rule.lock_after)}


def locked_error(unlock_at: datetime) -> DomainError:
    return DomainError("", "Après plusieurs erreurs, la connexion est bloquée pendant 15 minutes. "
                           f"Réessayez à partir de {unlock_at.astimezone(PARIS):%Hh%M}, "
                           "ou utilisez « Mot de passe oublié ? ».")


def next_check_at(rule: Rule, failures: int, last_failure_at: datetime) -> datetime:
    """When an attempt will be checked again (the end of the lock, or of the wait), counting no new attempt."""
    if is_locked(rule, failures):
        return last_failure_at + rule.lock_for
    return last_failure_at + timedelta(seconds=delay_before_answer(rule, failures))


def refusal(rule: Rule, failures: int, last_failure_at: datetime, now: datetime) -> DomainError:
    """What an attempt refused unchecked reads, from the counter as it is once that attempt is counted:
    when the lock ends, or how many seconds to wait."""
    at = next_check_at(rule, failures, last_failure_at)
    if is_locked(rule, failures):
        return locked_error(at)
    seconds = max(1, math.ceil((at - now).total_seconds()))
    return DomainError("", f"Trop de tentatives. Réessayez dans {seconds} seconde{'s' if seconds > 1 else ''}.")
