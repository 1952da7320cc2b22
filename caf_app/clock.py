"""The one clock: the current instant (aware, UTC) and the current day, which is the Caf's day, in Paris.

Nothing else reads the machine's clock for business purposes. `date.today()` would give the day in the machine's
zone (often UTC on a server): between midnight and 1 or 2 a.m. in Paris it would still be yesterday, and a
deadline, an age or "this month" would be one day off for a French service. Code that needs the time calls
`clock.now()` / `clock.today()` at the moment it needs it (never at import), so that tests can set it:

    with clock.frozen(datetime(2026, 12, 31, 23, 30, tzinfo=timezone.utc)) as frozen:
        clock.today()                   # date(2027, 1, 1): already New Year's Day in Paris
        frozen.advance(minutes=45)      # moves it by hand
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, datetime, timedelta, timezone

from .domain.dates import PARIS

__all__ = ["PARIS", "Frozen", "frozen", "now", "paris_now", "today"]


class Frozen:
    """A time set by hand (tests, scripts replaying a day), moved only by advance()."""

    def __init__(self, at: datetime):
        if at.tzinfo is None:
            raise ValueError("frozen() needs an aware datetime")
        self.now = at.astimezone(timezone.utc)

    def advance(self, **delta: float) -> None:
        """Move the time forward (or back) by timedelta(**delta)."""
        self.now += timedelta(**delta)


_frozen: Frozen | None = None


def now() -> datetime:
    """The current instant, aware, in UTC (as instants are stored)."""
    return _frozen.now if _frozen is not None else datetime.now(timezone.utc)


def paris_now() -> datetime:
    """The current instant on Paris clocks (for times a person reads)."""
    return now().astimezone(PARIS)


def today() -> date:
    """The Caf's current day: the date in Paris, whatever the machine's zone."""
    return paris_now().date()


@contextmanager
def frozen(at: datetime) -> Iterator[Frozen]:
    """Within the block, now() is `at` (aware) until moved with advance(); the previous clock comes back after,
    even on error. Blocks nest."""
    global _frozen
    previous, _frozen = _frozen, Frozen(at)
    try:
        yield _frozen
    finally:
        _frozen = previous
