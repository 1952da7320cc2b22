"""The logged-in identity, read on the server from the HttpOnly cookie at every load.

Client vars carry only what the page shows (a name); ids live in backend-only vars (leading underscore).
"""

from __future__ import annotations

from http.cookies import SimpleCookie

import reflex as rx
from sqlmodel import Session

from .. import routes
from ..api import session_token
from ..db import engine
from ..domain.errors import Forbidden
from ..domain.roles import Actor
from ..services.communications import courriers
from ..services.identity import auth, dossiers, people
from ..settings import get_settings, origin_allowed


def cookies_of(cookie_header: str) -> dict[str, str]:
    """The cookies of the Cookie header the websocket was opened with (HttpOnly cookies included)."""
    jar = SimpleCookie()
    try:
        jar.load(cookie_header or "")
    except Exception:  # a malformed Cookie header is treated as no cookie
        return {}
    return {name: morsel.value for name, morsel in jar.items()}


def cookie_token(cookie_header: str, name: str) -> str:
    """A cookie's value from the websocket's Cookie header ("" when absent)."""
    return cookies_of(cookie_header).get(name, "")


def session_cookie(router) -> str:
    """The session cookie the tab's websocket was opened with: over https (the page's Origin says so) only the
    __Host- one (api/session.py)."""
    return session_token(cookies_of(router.headers.cookie), https=router.headers.origin.startswith("https://"))


class SessionState(rx.State):
    display_name: str = ""
    logged_in: bool = False
    unread: int = 0  # unread courriers: the red dot in the header and on the Menu entry
    # Seconds before the session ends, and a counter that changes at each refresh: assets/session.js warns
    # two minutes before and sends the browser to the logout route at the end.
    seconds_left: int = 0
    refreshed: int = 0
    dossiers: list[tuple[str, str]] = []  # (id, label) when the person is on several dossiers
    current_dossier: str = ""
    _delegation_skipped: bool = False  # "Passer" on GÉRER MES AUTORISATIONS: not asked again in this tab

    def _actor(self) -> Actor | None:
        """Check the cookie against the database; every check also resets the idle countdown. A tab opened by
        a page of another origin (which a browser says in the websocket's Origin) acts for nobody."""
        if not origin_allowed(self.router.headers.origin):
            self.seconds_left = 0
            return None
        with Session(engine()) as session:
            live = auth.live_session(session=session, token=session_cookie(self.router),
                                     secret=get_settings().secret_key)
        if live is None:
            self.seconds_left = 0
            return None
        self.seconds_left, self.refreshed = live.seconds_left, self.refreshed + 1
        return live.actor

    @rx.event
    def require_login(self):
        """on_load of every private page: no live session -> Connexion, then back here after login."""
        actor = self._actor()
        if actor is None:
            self.logged_in, self.display_name, self.unread = False, "", 0
            path = self.router.url.path or routes.ACCUEIL.path
            return rx.redirect(routes.CONNEXION.query(suivant=path), replace=True)
        with Session(engine()) as session:
            self.display_name = people.display_name(session=session, person_id=actor.person_id)
            self.unread = courriers.unread_count(session=session, actor=actor)
            choices = dossiers.dossiers_of(session=session, actor=actor)
        self.dossiers = [(str(c.id), c.label) for c in choices] if len(choices) > 1 else []
        self.current_dossier = str(actor.dossier_id or "")
        self.logged_in = True
        return None

    @rx.event
    def switch_dossier(self, form: dict):
        """"Mes dossiers": work on another of one's dossiers (checked on the server)."""
        actor = self._actor()
        if actor is None:
            return session_ended()
        try:
            with Session(engine()) as session:
                dossiers.switch(session=session, actor=actor, dossier_id=int(str(form.get("dossier", "0")) or 0),
                                token=session_cookie(self.router), secret=get_settings().secret_key)
        except (Forbidden, ValueError):
            return None
        return rx.redirect(routes.ACCUEIL.path)

    @rx.event
    def extend(self):
        """"Prolonger ma session": any checked event resets the idle countdown."""
        return session_ended() if self._actor() is None else None

    @rx.event
    def logout(self):
        self.logged_in, self.display_name = False, ""
        return leave_for("/api/session/fermer")


# What the data-keep forms of this tab hold (their keys start with "caf_"; assets/forms.js), kept across a
# sessionStorage.clear(): at login, a simulation typed just before is the same person's and stays.
_CLEAR_KEEPING_TYPED = ("var kept = Object.keys(window.sessionStorage).filter(function (k) { return k.indexOf('caf_') "
                        "=== 0; }).map(function (k) { return [k, window.sessionStorage.getItem(k)]; }); "
                        "window.sessionStorage.clear(); kept.forEach(function (p) { "
                        "window.sessionStorage.setItem(p[0], p[1]); }); ")


def leave_for(url: str, *, keep_typed: bool = False):
    """A full navigation with a new tab state: Reflex keys the tab's server state by a token kept in
    sessionStorage; forgetting it means no one finds the previous person's data in this tab again. The offline
    summary of this device (assets/offline.js) goes too. At login (keep_typed), what the tab's forms kept stays;
    at logout and expiry, everything goes."""
    clear = _CLEAR_KEEPING_TYPED if keep_typed else "window.sessionStorage.clear(); "
    return rx.call_script(f"{clear}window.cafForgetSummary && window.cafForgetSummary(); "
                          f"window.location.assign({url!r})")


def session_ended():
    """What a handler returns when the session is gone: the logout route, then Connexion with the reason."""
    return leave_for("/api/session/fermer?motif=expiration")


class TabStateLost(Exception):
    """A private page's event came to a tab state that no private page loaded: Redis evicted it (maxmemory) or
    lost it (a restart) while the tab stayed open. The session is alive and the drafts are in the database: the
    page says so and reloads (state/errors.py)."""


async def current_actor(state: rx.State) -> Actor | None:
    """The actor of the tab's session, checked against the database at each call (None when logged out)."""
    session_state = await state.get_state(SessionState)
    actor = session_state._actor()
    if actor is not None and not session_state.logged_in:
        raise TabStateLost()
    return actor

