"""Running caf_app past one machine with SQLite: a PostgreSQL server of the project's own (postgres.py) and the
production recipe (recipe.py): nginx, two app instances, PostgreSQL and Redis under one supervisor."""
