"""Services on a real database: a fresh SQLite file per test, migrated by alembic and seeded."""

from __future__ import annotations

from datetime import date

import pytest
from sqlmodel import Session, create_engine

from caf_app.migrations import upgrade
from caf_app.seed import seed

TODAY = date(2026, 11, 26)


@pytest.fixture
def engine(tmp_path):
    engine = create_engine(f"sqlite:///{tmp_path / 'test.db'}")
    upgrade(engine)
    yield engine
    engine.dispose()


@pytest.fixture
def session(engine):
    with Session(engine) as session:
        yield session


@pytest.fixture
def seeded(session):
    seed(session, today=TODAY)
    return session
