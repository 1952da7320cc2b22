"""The app: one rx.App, our own stylesheet (no Radix Themes), server routes, and the pages of the registry."""

from pathlib import Path

import reflex as rx

from . import models, routes  # noqa: F401  (models: tables registered for migrations)
from .api import api
from .api.headers import security_headers
from .api.session import browser_binding_cookie
from .api.uploads import upload_guard
from .content.shell import APP_NAME
from .rules import client as rules_client
from .settings import get_settings
from .state.errors import backend_exception_handler
from .state.private import left_by, loaders_of

app = rx.App(
    html_lang="fr",
    stylesheets=["/styles.css"],
    head_components=[
        rx.el.meta(name="viewport", content="width=device-width, initial-scale=1, viewport-fit=cover"),
        rx.el.meta(name="theme-color", content="#0b4f6c"),
        rx.el.link(rel="icon", href="/favicon.ico", sizes="any"),
        rx.el.link(rel="apple-touch-icon", href="/apple-touch-icon.png"),
        rx.el.link(rel="manifest", href="/manifest.webmanifest"),
        rx.el.meta(name="apple-mobile-web-app-capable", content="yes"),
        rx.el.meta(name="mobile-web-app-capable", content="yes"),
        rx.el.meta(name="apple-mobile-web-app-status-bar-style", content="default"),
        rx.el.meta(name="apple-mobile-web-app-title", content="Mon Compte"),
        # The browser side (assets/): a few files, each a group of concerns with the Python side it talks to (one
        # request each, about 850 bytes of headers: the cold load is budgeted). All but the last run before the
        # first paint and before the app's own scripts, an async module that may run before any deferred one:
        # the contrast theme; the websocket watch of the offline notice; the binding cookie and the tab's new
        # token (after offline.js, whose summary it may forget); the hold on forms tapped before React.
        rx.el.script(src="/theme.js"),
        rx.el.script(src="/offline.js"),
        rx.el.script(src="/session.js"),
        rx.el.script(src="/forms.js"),
        rx.el.script(src="/a11y.js", defer=True),  # focus and "Écouter": nothing needed before the app starts
        rx.el.script(src="/ma_caf.js", defer=True),  # the header's "Ma Caf - 13": after the first paint
    ],
    api_transformer=[api, upload_guard, security_headers, browser_binding_cookie],
    backend_exception_handler=backend_exception_handler,
)
# No framework message ever reaches the person: Reflex's connection overlay (an English "Cannot connect to server"
# toast and a blinking icon over the bottom bar, catching its taps) goes; our French banner says it instead
# (components/layout.py offline_banner). The toaster stays, for state/errors.py's French messages.
app.app_wraps.pop((5, "Overlay"), None)


DESCRIPTION = "Démonstration indépendante d'un espace Mon Compte allocataire."


def title(name: str) -> str:
    return f"{name} - {APP_NAME}"


def add_pages() -> None:
    """Every page of the registry (caf_app/routes.py); a private page checks the session before anything else."""
    for entry in routes.PAGES:
        if entry.space is routes.Space.DEV and not get_settings().outbox_page:
            continue  # a local demonstration only (make run); never in prod (settings refuse it)
        loaders = loaders_of(entry)
        # A dynamic route's title is a state var (its h1's words); any other page's, its registered title.
        page_title = routes.resolve(entry.title_var) if entry.title_var else title(entry.title)
        component, leave = routes.resolve(entry.component), left_by(entry)
        if leave is not None:  # leaving the page marks its data stale: the next visit waits for its own loader
            component = rx.fragment(component(), on_unmount=leave)
        # Its own meta description (the editorial pages', from their summary), or the app's.
        app.add_page(component, route=entry.path, title=page_title, on_load=loaders or None,
                     description=entry.description or DESCRIPTION)


add_pages()
# The OpenFisca-France service warmed at start, in the background (caf_app/rules/client.py).
app.register_lifespan_task(rules_client.warm)
routes.write_precache(Path(__file__).resolve().parent.parent / "assets")
