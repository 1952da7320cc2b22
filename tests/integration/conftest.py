"""Services on a real database: a fresh SQLite file per test, migrated by alembic and seeded."""

from __future__ import annotations

import os
import shutil
from datetime import date, datetime, timezone
from pathlib import Path

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
    """One PostgreSQL server for the run, and two databases each test copies: migrated, and migrated and seeded."""
    server = postgres_server.Server()
    server.start()
    templates = {}
    for seeded in (False, True):
        name = server.create(template=templates.get(False))
        engine = create_engine(server.url(name))
        upgrade(engine)
        if seeded:
            with Session(engine) as session:
                seed(session, today=TODAY)
        engine.dispose()
        templates[seeded] = name
    yield server, templates
    server.stop()


@pytest.fixture(scope="session")
def sqlite_templates(tmp_path_factory) -> dict[bool, Path]:
    """The SQLite files each test copies: migrated by alembic, and migrated and seeded (once per worker: the
    migrations and the seed are the same for every test, and they were most of a test's cost)."""
    folder = tmp_path_factory.mktemp("templates")
    files = {False: folder / "migrated.db", True: folder / "seeded.db"}
    engine = create_engine(f"sqlite:///{files[False]}")
    upgrade(engine)
    engine.dispose()
    shutil.copyfile(files[False], files[True])
    engine = create_engine(f"sqlite:///{files[True]}")
    with Session(engine) as session:
        seed(session, today=TODAY)
    engine.dispose()
    return files


@pytest.fixture(params=BACKENDS)
def engine(request, tmp_path):
    """A fresh, migrated database per test, on SQLite (a file) and on PostgreSQL (a copy), already seeded when the
    test asks for `seeded` (the seed as of TODAY, the same for every test)."""
    seeded = "seeded" in request.fixturenames
    if request.param == "sqlite":
        path = tmp_path / "test.db"
        shutil.copyfile(request.getfixturevalue("sqlite_templates")[seeded], path)
        engine = create_engine(f"sqlite:///{path}")
        yield engine
        engine.dispose()
        return
    server, templates = request.getfixturevalue("postgres")
    name = server.create(template=templates[seeded])
    engine = create_engine(server.url(name))
    yield engine
    engine.dispose()
    server.drop(name)


@pytest.fixture
def session(engine):
    with Session(engine) as session:
        yield session


@pytest.fixture
def seeded(session):
    """The session on a database seeded as of TODAY (engine copied it seeded)."""
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
