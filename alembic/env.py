"""Alembic environment: the project's models and database URL (REFLEX_DB_URL or the embedded SQLite file).

`python -m caf_app.migrations` passes its own connection in `config.attributes["connection"]`.
"""

from sqlmodel import SQLModel

import caf_app.models  # noqa: F401  (registers every table on SQLModel.metadata)
from alembic import context
from caf_app.db import engine
from caf_app.migrations import include_object
from caf_app.models import KeyOf

config = context.config
target_metadata = SQLModel.metadata


def render_item(type_, obj, autogen_context):
    """A column holding an enum's key (models.KeyOf) is a plain string column in a migration."""
    if type_ == "type" and isinstance(obj, KeyOf):
        return "sqlmodel.sql.sqltypes.AutoString()"
    return False


def run_migrations_offline() -> None:
    context.configure(url=str(engine().url), target_metadata=target_metadata, literal_binds=True,
                      render_as_batch=True, render_item=render_item, include_object=include_object)
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:
        context.configure(connection=connection, target_metadata=target_metadata, render_as_batch=True,
                          render_item=render_item, include_object=include_object)
        with context.begin_transaction():
            context.run_migrations()
        return
    with engine().connect() as connection:
        context.configure(connection=connection, target_metadata=target_metadata, render_as_batch=True,
                          render_item=render_item, include_object=include_object)
        with context.begin_transaction():
            context.run_migrations()


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
