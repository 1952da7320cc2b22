"""Bring a database to the latest schema, then seed the demo households when it is empty.

`python -m caf_app.migrations [--seed-if-empty]`
"""

from __future__ import annotations

import sys

import sqlalchemy
from alembic.autogenerate import compare_metadata
from alembic.config import Config
from alembic.migration import MigrationContext
from sqlmodel import Session, SQLModel

from alembic import command

from . import models  # noqa: F401
from .settings import PROJECT_ROOT


def alembic_config() -> Config:
    config = Config(str(PROJECT_ROOT / "alembic.ini"))
    config.set_main_option("script_location", str(PROJECT_ROOT / "alembic"))
    return config


def upgrade(engine: sqlalchemy.Engine, revision: str = "head") -> None:
    config = alembic_config()
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, revision)


def downgrade(engine: sqlalchemy.Engine, revision: str) -> None:
    config = alembic_config()
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.downgrade(config, revision)


def schema_differences(engine: sqlalchemy.Engine) -> list:
    """What differs between the migrated database and the models (empty when they match)."""
    with engine.connect() as connection:
        return compare_metadata(MigrationContext.configure(connection), SQLModel.metadata)


def main(argv: list[str]) -> None:
    from .db import engine
    from .seed import is_empty, seed

    upgrade(engine())
    if "--seed-if-empty" in argv:
        with Session(engine()) as session:
            if is_empty(session):
                print(f"Foyers de démonstration créés : {seed(session)}")


if __name__ == "__main__":
    main(sys.argv[1:])
