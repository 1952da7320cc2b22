"""Bring a database to the latest schema, index the public site for its search (content/ changes with each
deployment), then seed the demo households when it is empty.

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


def include_object(obj, name: str, type_: str, reflected: bool, compare_to) -> bool:
    """What the models describe: not the search's full-text index, which each database builds its own way
    (SQLite's FTS5 table and its shadow tables, PostgreSQL's generated tsvector column; migration b6c1d2e3f405)."""
    if type_ == "table" and name.startswith("searchdoc_fts"):
        return False
    return not (type_ in ("column", "index") and name in ("tsv", "ix_searchdoc_tsv"))


def schema_differences(engine: sqlalchemy.Engine) -> list:
    """What differs between the migrated database and the models (empty when they match)."""
    with engine.connect() as connection:
        return compare_metadata(MigrationContext.configure(connection, opts={"include_object": include_object}),
                                SQLModel.metadata)


def main(argv: list[str]) -> None:
    from .db import engine
    from .seed import is_empty, seed
    from .services.communications import search

    upgrade(engine())
    with Session(engine()) as session:
        print(f"Recherche du site : {search.rebuild(session)} documents indexés")
    if "--seed-if-empty" in argv:
        with Session(engine()) as session:
            if is_empty(session):
                print(f"Foyers de démonstration créés : {seed(session)}")


if __name__ == "__main__":
    main(sys.argv[1:])
