"""The session check of an event, remembered between events (services/identity/session_cache.py), stays exact:
a logout, a password change, a device removed, a dossier switched or a délégation withdrawn is seen at the very
next event, in this process and, through Redis, in every other one."""

from __future__ import annotations

import asyncio

import pytest
import redis

from caf_app.domain.roles import Delegation
from caf_app.services.identity import account, auth, delegation, devices, session_cache
from tests.factories import DEMO_PASSWORD, SECRET, actor, open_session, queries
from tests.personas import ELISE, ERIC, JONAS, NADIA


def check(engine, token):
    return asyncio.run(session_cache.live_session(engine=engine, token=token, secret=SECRET))


@pytest.fixture(autouse=True)
def cold(monkeypatch):
    monkeypatch.setattr(session_cache, "_redis_url", lambda: None)
    monkeypatch.setattr(session_cache, "TRUST_LOCAL_EPOCHS", True)
    session_cache.forget_all()
    yield
    session_cache.forget_all()


def test_the_third_event_of_a_session_asks_the_database_nothing(engine, seeded):
    token = open_session(seeded, ELISE.nir)
    counts = []
    for _ in range(4):
        with queries(engine) as sent:
            live = check(engine, token)
        counts.append(len(sent))
        assert live is not None and live.actor.person_id == actor(seeded, token).person_id
    assert counts[0] >= 1 and counts[1] >= 1, "a session is trusted only after a check whose epochs came first"
    assert counts[2:] == [0, 0]


def test_the_remembered_session_counts_down_and_ends_in_time(engine, seeded, clock):
    token = open_session(seeded, ELISE.nir)
    first = [check(engine, token) for _ in range(3)][-1]
    clock.advance(seconds=20)
    later = check(engine, token)
    assert later.seconds_left == first.seconds_left - 20
    clock.advance(minutes=31)  # idle: the memory says so, and the database agrees
    assert check(engine, token) is None


def test_a_logout_ends_the_remembered_session_at_its_next_event(engine, seeded):
    token = open_session(seeded, ELISE.nir)
    for _ in range(3):
        assert check(engine, token) is not None
    auth.logout(session=seeded, token=token, secret=SECRET)
    assert check(engine, token) is None


def test_a_password_change_ends_the_other_remembered_sessions(engine, seeded):
    kept, other = open_session(seeded, NADIA.nir), open_session(seeded, NADIA.nir)
    for _ in range(3):
        assert check(engine, other) is not None and check(engine, kept) is not None
    account.change_password(session=seeded, actor=actor(seeded, kept), current=DEMO_PASSWORD, new="Nouveau2026ab",
                            confirmation="Nouveau2026ab", keep_token=kept, secret=SECRET)
    assert check(engine, other) is None
    assert check(engine, kept) is not None


def test_removing_the_device_ends_its_remembered_session(engine, seeded):
    token = open_session(seeded, JONAS.nir)
    ticket = auth.login(session=seeded, identifier=JONAS.nir, password=DEMO_PASSWORD, provisional=False,
                        secret=SECRET)
    devices.remember(seeded, account_id=actor(seeded, token).account_id, ticket=ticket.ticket, user_agent="Pixel",
                     secret=SECRET)
    on_device = auth.exchange_ticket(session=seeded, ticket=ticket.ticket, secret=SECRET)
    for _ in range(3):
        assert check(engine, on_device) is not None
    device = devices.list_devices(session=seeded, actor=actor(seeded, token))[0]
    devices.revoke(session=seeded, actor=actor(seeded, token), device_id=device.id, keep_session=token, secret=SECRET)
    assert check(engine, on_device) is None


def test_a_delegation_given_reaches_the_conjoint_s_remembered_session(engine, seeded):
    """The actor itself changes (not only whether the session lives): the dossier's epoch changes with it."""
    eric = open_session(seeded, ERIC.nir)
    for _ in range(3):
        assert check(engine, eric).actor.delegation is not Delegation.GRANTED
    delegation.set_delegation(session=seeded, actor=actor(seeded, open_session(seeded, NADIA.nir)), grant=True)
    assert check(engine, eric).actor.delegation is Delegation.GRANTED


@pytest.fixture
def redis_server(redis_url, monkeypatch):
    """A Redis of its own, as the instances of the recipe share one."""
    monkeypatch.setattr(session_cache, "_redis_url", lambda: redis_url)
    session_cache.forget_all()
    yield redis.Redis.from_url(redis_url)
    session_cache.forget_all()


def test_through_redis_another_instance_s_logout_is_seen_at_the_next_event(engine, seeded, redis_server):
    token = open_session(seeded, ELISE.nir)
    for _ in range(3):
        assert check(engine, token) is not None
    with queries(engine) as sent:
        assert check(engine, token) is not None
    assert sent == []
    # A logout anywhere: the hook writes a new epoch in Redis, which every instance reads before trusting its memory.
    key = session_cache._key("account", actor(seeded, token).account_id)
    before = redis_server.get(key)
    auth.logout(session=seeded, token=token, secret=SECRET)
    assert redis_server.get(key) not in (None, before)
    assert check(engine, token) is None


def test_through_redis_an_evicted_epoch_means_one_more_query_never_a_stale_answer(engine, seeded, redis_server):
    token = open_session(seeded, ELISE.nir)
    for _ in range(3):
        assert check(engine, token) is not None
    redis_server.flushall()  # evicted, or Redis restarted empty
    with queries(engine) as sent:
        assert check(engine, token) is not None
    assert len(sent) >= 1
    # A revocation written while the keys were gone is seen too.
    for _ in range(2):
        assert check(engine, token) is not None
    redis_server.flushall()
    auth.logout(session=seeded, token=token, secret=SECRET)
    redis_server.flushall()
    assert check(engine, token) is None


def test_without_redis_nothing_is_remembered_unless_told(engine, seeded, monkeypatch):
    """make run and the e2e server have no shared store: every event asks the database, so that a write made
    behind the app's back (a test's SQL, a script) is seen at once."""
    monkeypatch.setattr(session_cache, "TRUST_LOCAL_EPOCHS", False)
    token = open_session(seeded, ELISE.nir)
    for _ in range(3):
        with queries(engine) as sent:
            assert check(engine, token) is not None
        assert len(sent) >= 1
