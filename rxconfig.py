"""Reflex configuration only: app name, database URL, plugins, telemetry off."""

import os

import reflex as rx

from caf_app.settings import default_db_url

config = rx.Config(
    app_name="caf_app",
    db_url=os.environ.get("REFLEX_DB_URL") or default_db_url(),
    telemetry_enabled=False,
    show_built_with_reflex=False,
    # Our own CSS (assets/styles.css) replaces Radix Themes: smaller bundle, our identity.
    plugins=[],
    disable_plugins=[rx.plugins.SitemapPlugin],
)
