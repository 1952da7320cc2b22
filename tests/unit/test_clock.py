"""The one clock: the Caf's day is the Paris one, tests can stop and move time, and nothing else reads it."""

import re
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest

from caf_app import clock
from caf_app.domain import dates

ROOT = Path(__file__).resolve().parents[2]


def test_half_past_eleven_utc_on_new_year_s_eve_is_already_new_year_s_day_in_paris():
    with clock.frozen(datetime(2026, 12, 31, 23, 30, tzinfo=timezone.utc)):
        assert clock.today() == date(2027, 1, 1)
        assert clock.paris_now().hour == 0 and clock.paris_now().minute == 30
        assert clock.now() == datetime(2026, 12, 31, 23, 30, tzinfo=timezone.utc)


def test_the_paris_day_follows_summer_time():
    with clock.frozen(datetime(2026, 7, 14, 21, 59, tzinfo=timezone.utc)) as frozen:
        assert clock.today() == date(2026, 7, 14)  # 23h59 in Paris (UTC+2)
        frozen.advance(minutes=1)
        assert clock.today() == date(2026, 7, 15)


def test_now_is_aware_and_in_utc():
    assert clock.now().utcoffset() == timedelta(0)
    assert clock.paris_now().tzinfo is clock.PARIS is dates.PARIS


def test_a_frozen_time_stays_until_moved_then_the_real_clock_comes_back():
    at = datetime(2026, 11, 26, 14, 0, tzinfo=timezone.utc)
    with clock.frozen(at) as frozen:
        assert clock.now() == at
        frozen.advance(minutes=15, seconds=1)
        assert clock.now() == at + timedelta(minutes=15, seconds=1)
        with clock.frozen(at - timedelta(days=1)):
            assert clock.today() == date(2026, 11, 25)
        assert clock.now() == at + timedelta(minutes=15, seconds=1)
    assert abs(clock.now() - datetime.now(timezone.utc)) < timedelta(minutes=1)


def test_the_real_clock_comes_back_after_an_error():
    with pytest.raises(RuntimeError), clock.frozen(datetime(2000, 1, 1, tzinfo=timezone.utc)):
        raise RuntimeError
    assert clock.today().year > 2000


def test_a_naive_time_cannot_be_frozen():
    with pytest.raises(ValueError):
        with clock.frozen(datetime(2026, 1, 1)):
            pass


def test_a_frozen_time_reaches_the_rows_default_timestamps():
    from caf_app import models as m

    at = datetime(2026, 3, 29, 0, 30, tzinfo=timezone.utc)
    with clock.frozen(at):
        assert m.utcnow() == at


def test_only_the_clock_reads_the_day_or_names_the_paris_zone():
    """date.today() is the machine's day, not the Caf's; the zone is defined once (domain/dates.py, since domain/
    imports nothing outside it) and read through caf_app/clock.py."""
    allowed = {ROOT / "caf_app" / "clock.py", ROOT / "caf_app" / "domain" / "dates.py"}
    reads_the_time = re.compile(r"ZoneInfo\(|\b(date|datetime)\.(today|utcnow)\(|\bdatetime\.now\(")
    found = [f"{path.relative_to(ROOT)}:{number}: {line.strip()}"
             for path in sorted((ROOT / "caf_app").rglob("*.py")) if path not in allowed
             for number, line in enumerate(path.read_text().splitlines(), 1) if reads_the_time.search(line)]
    assert not found, "use caf_app.clock instead:\n" + "\n".join(found)
    assert (ROOT / "caf_app" / "domain" / "dates.py").read_text().count("ZoneInfo(") == 1
