"""Services on a real database: a fresh SQLite file per test, migrated by alembic and seeded."""

from __future__ import annotations

import os
from datetime import date, datetime, timezone

import pytest
from sqlmodel import Session, create_engine

from caf_app import clock as caf_clock
from caf_app.deploy import postgres as postgres_server
from caf_app.migrations import upgrade
from caf_app.seed import seed
from caf_app.services.identity import auth

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


@pytest.fixture
def clock():
    """The app's one clock (caf_app/clock.py), stopped at the real time and moved by hand: clock.advance(...)."""
    with caf_clock.frozen(datetime.now(timezone.utc)) as frozen:
        yield frozen


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


@pytest.fixture
def redis_url(tmp_path):
    """A Redis of the test's own (a free port, nothing saved), as the production recipe runs one: its URL."""
    import shutil
    import socket
    import subprocess
    import time

    import redis

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    process = subprocess.Popen([shutil.which("redis-server") or "/usr/bin/redis-server", "--port", str(port),
                                "--save", "", "--appendonly", "no", "--dir", str(tmp_path)],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    client, end = redis.Redis(port=port), time.monotonic() + 30
    while True:
        try:
            client.ping()
            break
        except redis.ConnectionError:
            if time.monotonic() > end:
                raise
            time.sleep(0.05)
    yield f"redis://127.0.0.1:{port}/0"
    process.terminate()
    process.wait(timeout=10)
