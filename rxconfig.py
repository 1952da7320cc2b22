"""Reflex configuration only: app name, database URL, plugins, telemetry off."""

import os

import reflex as rx

from caf_app.settings import cors_origins, default_db_url

config = rx.Config(
    app_name="caf_app",
    db_url=os.environ.get("REFLEX_DB_URL") or default_db_url(),
    telemetry_enabled=False,
    # The websocket and the API answer pages of the service's own origin only (CAF_PUBLIC_URL; outside prod the
    # demo's localhost): a page on another site, even a sibling subdomain, cannot drive a person's tab.
    cors_allowed_origins=cors_origins(),
    show_built_with_reflex=False,
    # Our own CSS (assets/styles.css) replaces Radix Themes: smaller bundle, our identity.
    plugins=[],
    disable_plugins=[rx.plugins.SitemapPlugin],
)
