"""Services on a real database: a fresh SQLite file per test, migrated by alembic and seeded."""

from __future__ import annotations

import os
from datetime import date, datetime, timedelta, timezone

import pytest
from sqlmodel import Session, create_engine

from caf_app.deploy import postgres as postgres_server
from caf_app.migrations import upgrade
from caf_app.seed import seed
from caf_app.services import auth, throttling

TODAY = date(2026, 11, 26)


BACKENDS = ["sqlite", "postgresql"] if os.environ.get("CAF_TEST_POSTGRES", "1") != "0" else ["sqlite"]


@pytest.fixture(scope="session")
def postgres():
    """One PostgreSQL server for the run, and a migrated template database each test copies."""
    server = postgres_server.Server()
    server.start()
    template = server.create()
    engine = create_engine(server.url(template))
    upgrade(engine)
    engine.dispose()
    yield server, template
    server.stop()


@pytest.fixture(params=BACKENDS)
def engine(request, tmp_path):
    """A fresh, migrated database per test, on SQLite (a file) and on PostgreSQL (a copy of the template)."""
    if request.param == "sqlite":
        engine = create_engine(f"sqlite:///{tmp_path / 'test.db'}")
        upgrade(engine)
        yield engine
        engine.dispose()
        return
    server, template = request.getfixturevalue("postgres")
    name = server.create(template=template)
    engine = create_engine(server.url(name))
    upgrade(engine)  # already at the head: checks the copy is
    yield engine
    engine.dispose()
    server.drop(name)


@pytest.fixture
def session(engine):
    with Session(engine) as session:
        yield session


@pytest.fixture
def seeded(session):
    seed(session, today=TODAY)
    return session


class Clock:
    """The throttling's clock (services/throttling.py), moved by hand."""

    def __init__(self):
        self.now = datetime.now(timezone.utc)

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta) -> None:
        self.now += timedelta(**delta)


@pytest.fixture
def clock(monkeypatch):
    clock = Clock()
    monkeypatch.setattr(throttling, "_now", clock)
    return clock


@pytest.fixture
def checks(monkeypatch):
    """The passwords actually checked (argon2) by services/auth.py, recorded (from any thread)."""
    checked = []

    def verify(password_hash, password):
        checked.append(password)
        return real(password_hash, password)

    real = auth.verify_password
    monkeypatch.setattr(auth, "verify_password", verify)
    return checked
