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
from ..services.identity import auth, dossiers, header, session_cache
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

    _ends: float = 0  # when the session ends (epoch seconds), as last sent to the browser

    async def _live(self: rx.State) -> auth.LiveSession | None:
        """The tab's session, checked (services/identity/session_cache.py: the database, or the memory of a
        check that no logout, password change, device removal or délégation since has voided). A tab opened by a
        page of another origin (which a browser says in the websocket's Origin) acts for nobody. It reads only
        the router: any state of the tab may call it (current_actor)."""
        if not origin_allowed(self.router.headers.origin):
            return None
        return await session_cache.live_session(engine=engine(), token=session_cookie(self.router),
                                                secret=get_settings().secret_key)

    def _timer(self, live: auth.LiveSession | None) -> None:
        """The countdown of assets/session.js, sent again only when the session's end moved (its last activity is
        written every TOUCH_EVERY): an event that changes nothing here sends nothing of this state."""
        ends = live.ends.timestamp() if live is not None else 0
        if ends != self._ends:
            self._ends = ends
            self.seconds_left, self.refreshed = (live.seconds_left if live else 0), self.refreshed + 1

    def _enter(self, live: auth.LiveSession) -> None:
        """A private page opens: the header's name, red dot and dossiers, in one query."""
        actor = live.actor
        with Session(engine()) as session:
            shown = header.header(session=session, actor=actor)
        self.display_name, self.unread = shown.display_name, shown.unread
        self.dossiers = [(str(c.id), c.label) for c in shown.dossiers] if len(shown.dossiers) > 1 else []
        self.current_dossier = str(actor.dossier_id or "")
        self.logged_in = True
        self._timer(live)

    def _leave_for_login(self):
        self.logged_in, self.display_name, self.unread = False, "", 0
        self._timer(None)
        path = self.router.url.path or routes.ACCUEIL.path
        return rx.redirect(routes.CONNEXION.query(suivant=path), replace=True)

    @rx.event
    async def require_login(self):
        """on_load of a private page without a loader of its own (a private loader does the same,
        state/private.py): no live session -> Connexion, then back here after login."""
        live = await self._live()
        if live is None:
            return self._leave_for_login()
        self._enter(live)
        return None

    @rx.event
    async def switch_dossier(self, form: dict):
        """"Mes dossiers": work on another of one's dossiers (checked on the server)."""
        live = await self._live()
        if live is None:
            return session_ended()
        actor = live.actor
        try:
            with Session(engine()) as session:
                dossiers.switch(session=session, actor=actor, dossier_id=int(str(form.get("dossier", "0")) or 0),
                                token=session_cookie(self.router), secret=get_settings().secret_key)
        except (Forbidden, ValueError):
            return None
        return rx.redirect(routes.ACCUEIL.path)

    @rx.event
    async def extend(self):
        """"Prolonger ma session": any checked event resets the idle countdown; this one says so at once."""
        live = await self._live()
        if live is None:
            return session_ended()
        self._ends = 0
        self._timer(live)
        return None

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
    """A private page's event came to a page state that its loader never filled (state/private.py checks it):
    Redis evicted the tab's state (maxmemory) or lost it (a restart) while the tab stayed open. The session is
    alive and the drafts are in the database: the page says so and reloads (state/errors.py)."""


async def current_actor(state: rx.State, *, opening: bool = False) -> Actor | None:
    """The actor of the tab's session, checked at each call (None when logged out). opening: a private page's
    loader, which also fills the header (SessionState._enter). Any other event leaves SessionState alone (not
    even read from Redis) unless the session's end moved, which the countdown must then say."""
    if opening:
        session_state = await state.get_state(SessionState)
        live = await session_state._live()
        if live is None:
            session_state._timer(None)
            return None
        session_state._enter(live)
    else:
        live = await SessionState._live(state)
        if live is None:
            return None
        if live.ends.timestamp() != getattr(state, "_session_ends", None):
            (await state.get_state(SessionState))._timer(live)
    if hasattr(state, "_session_ends"):
        state._session_ends = live.ends.timestamp()
    return live.actor
