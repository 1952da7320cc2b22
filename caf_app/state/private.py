"""What every page behind login shares: one path from a handler to a service, and one place that shows why not.

A private handler is decorated with @private_event and its body is linear:

    self.payments = await self.call(paiements.payment_details)

call() checks the tab's session (once per event, as every event did before), runs the service for the checked
actor in the event's database session (services commit themselves) and returns its result. When it cannot:
- no live session: the handler stops and the tab takes the expiry path (session_ended); a page's loader sends the
  tab to Connexion (and back to the page after login). A loader also fills the header first (SessionState._enter),
  in the same event: the page's data reaches the browser in one round trip;
- Forbidden (the policy): what the page held goes (_forget) and the page says NO_ACCESS (restricted_message), or,
  given forbidden="...", the form says that sentence;
- DomainError (a rule): its message goes next to its field: errors[field] ("" is the whole form), or the page's
  one `error` message.
The handler then stops with its changes so far: an exception escaping a Reflex handler would lose them (the state
delta is not sent) and read as a server error (state/errors.py), so these two never leave @private_event.
"""

from __future__ import annotations

import asyncio
import functools
import importlib
import inspect
from collections.abc import Callable
from contextvars import ContextVar
from typing import Any, ClassVar, TypeVar

import reflex as rx
from sqlmodel import Session

from .. import routes
from ..db import engine
from ..domain.errors import DomainError, Forbidden
from ..domain.roles import Actor
from ..security.passwords import in_hashing_pool
from .session import SessionState, TabStateLost, current_actor, session_ended

NO_ACCESS = ("Votre conjoint(e) ne vous a pas autorisé(e) à gérer le dossier : "
             "vous ne voyez que vos informations personnelles.")

T = TypeVar("T")


class SessionGone(Exception):
    """No live session for this tab: @private_event sends the tab to the expiry path."""


class Refused(Exception):
    """A service said no and the page shows why: @private_event ends the handler there."""


class _Event:
    """What the calls of one event handled by @private_event share: the actor checked once, and one database
    session, closed when the handler ends (as when each page read its dossier in one `with Session`)."""

    def __init__(self) -> None:
        self.actor: Actor | None = None
        self.session: Session | None = None

    def database(self) -> Session:
        if self.session is None:
            self.session = Session(engine())
        return self.session

    def close(self) -> None:
        if self.session is not None:
            self.session.close()


_event: ContextVar[_Event | None] = ContextVar("caf_private_event", default=None)


async def public_call(work: Callable[..., T], /, **kwargs: Any) -> T:
    """work(session=..., **kwargs) for a page anyone opens (no actor: the search, a rendez-vous, the partners'
    letter), in a thread with its own database session, off the event loop."""
    def call() -> T:
        with Session(engine()) as session:
            return work(session=session, **kwargs)
    return await asyncio.to_thread(call)


class ServiceCalls:
    """call() and checked(), kept out of the state classes' own namespace: Reflex makes every public function of a
    state an event handler the browser may send, and these two are not events."""

    async def checked(self, *, opening: bool = False) -> Actor:
        """The tab's live actor, checked (SessionGone without one; TabStateLost when the tab state was lost,
        state/session.py). opening: a page's loader, which fills the header too."""
        event = _event.get()
        if event is not None and event.actor is not None:
            return event.actor
        if not opening and getattr(type(self), "opens_pages", False) and not getattr(self, "loaded", True):
            raise TabStateLost()  # the page's loader never ran in this tab state: Redis lost it (state/errors.py)
        actor = await self._who(opening)
        if actor is None:
            raise SessionGone()
        if event is not None:
            event.actor = actor
        return actor

    async def _who(self, opening: bool) -> Actor | None:
        """Who acts in this tab: here the allocataire side's session (the Caf's side has its own, gestion/state.py)."""
        return await current_actor(self, opening=opening)

    async def _gone(self, loader: bool):
        """What a tab whose session is gone does: a loader goes to Connexion (and back after login), any other
        event takes the expiry path."""
        return (await self.get_state(SessionState))._leave_for_login() if loader else session_ended()

    async def call(self, service: Callable[..., T], /, *, hashing: bool = False, shown_in: str = "",
                   field: str | None = None, forbidden: str = "",
                   passing: tuple[type[DomainError], ...] = (), **kwargs: Any) -> T:
        """service(session=..., actor=..., **kwargs) for the checked actor, and its result.

        hashing: the service checks or hashes a password, or waits on another service (the rules): run in the
        hashing pool (security/passwords.py), so that neither argon2's 64 MiB nor the wait hold up the other tabs.
        shown_in: the var that shows a refusal (errors, or error, by default). field: the input a rule's refusal
        is shown next to, whatever the service named. forbidden: a policy refusal reads this sentence in the form
        instead of the restricted page. passing: these DomainErrors reach the handler, which shows them its own way.
        """
        actor, event = await self.checked(), _event.get()

        def alone() -> T:  # in the hashing pool's thread, or outside an event
            with Session(engine()) as session:
                return service(session=session, actor=actor, **kwargs)

        def shared() -> T:
            session = event.database()
            try:
                return service(session=session, actor=actor, **kwargs)
            except BaseException:
                session.rollback()  # what the service left unfinished goes: the next call starts clean
                raise

        try:
            result = await in_hashing_pool(alone) if hashing else alone() if event is None else shared()
        except passing:
            raise
        except Forbidden as error:
            self._forget()
            self.loaded = True
            if forbidden:
                self._show_refusal(shown_in, "", forbidden)
            else:
                self.restricted_message = self.no_access
            raise Refused() from error
        except DomainError as error:
            self._show_refusal(shown_in, error.field if field is None else field, error.message)
            raise Refused() from error
        self.restricted_message, self.loaded = "", True
        return result

    def _show_refusal(self, shown_in: str, field: str, message: str) -> None:
        name = shown_in or ("errors" if "errors" in type(self).base_vars else "error")
        setattr(self, name, {field: message} if isinstance(getattr(self, name), dict) else message)


class PrivateState(ServiceCalls, rx.State, mixin=True):
    no_access: ClassVar[str] = NO_ACCESS  # what the page says when the policy refuses
    restricted_message: str = ""
    loaded: bool = False  # the page's loader ran in this tab state (and did not find the session gone)
    # A page's vars live in the tab's state between visits and reach the screen before the loader of a new visit
    # has run: a page opened again would first show what it showed last time (an alert already dealt with), and an
    # uncontrolled input (default_checked, default_value) mounted before the loader keeps the empty default.
    # visit: how many times the page's loader ran: a form keyed on it mounts again with what is recorded.
    # fresh: the loader ran for the visit on screen; leaving the page (its on_unmount, caf_app.py) sets it back,
    # so a page that shows its data only when fresh never shows the last visit's.
    visit: int = 0
    fresh: bool = False
    # _reloaded: this loader runs again for the visit on screen (the page was not left: the connection came back),
    # so what the visit's last event said may stay.
    _reloaded: bool = False
    _session_ends: float = 0  # the session's end this page last saw (state/session.py current_actor)

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        # A state that a page's loader fills: its other events need that loader to have run in this tab state.
        cls.opens_pages = any(getattr(handler.fn, "opens_a_page", False)
                              for handler in getattr(cls, "event_handlers", {}).values())

    def _forget(self) -> None:
        """Drop what a refused reader may have shown before (overridden by pages that hold data)."""

    @rx.event
    def leave(self):
        """The page was left (unmounted): its data is no longer of the visit to come."""
        self.fresh = False


def private_event(handler: Callable | None = None, /, *, loader: bool = False):
    """@rx.event for the handlers of a PrivateState: a refusal ends the handler (the page shows it), a session gone
    sends the tab to the expiry path, or, for a page's loader (loader=True), does nothing more."""

    def decorate(handler: Callable) -> Callable:
        if inspect.isgeneratorfunction(handler) or inspect.isasyncgenfunction(handler):
            raise TypeError(f"{handler.__qualname__}: a private handler returns its events, it does not yield them")

        @functools.wraps(handler)
        async def checked_event(self, *args, **kwargs):
            event = _Event()
            token = _event.set(event)
            try:
                if loader:  # the page opens: its session and header first, in this same event (one round trip)
                    await self.checked(opening=True)
                    self._reloaded = self.fresh
                    self.loaded, self.fresh, self.visit = True, True, self.visit + 1  # sent with the data, at once
                result = handler(self, *args, **kwargs)
                return await result if inspect.isawaitable(result) else result
            except SessionGone:
                return await self._gone(loader)
            except Refused:
                return None
            finally:
                _event.reset(token)
                event.close()

        checked_event.opens_a_page = loader  # caf_app.py: such a loader needs no SessionState.require_login
        return rx.event(checked_event)

    return decorate if handler is None else decorate(handler)


def left_by(page: routes.Page):
    """The event that marks a private page's data stale when the page is left, or None (no private loader)."""
    loaders = loaders_of(page)
    if not (loaders and getattr(loaders[-1].fn, "opens_a_page", False)):
        return None
    state = loaders[-1].fn.__qualname__.split(".")[0]
    return getattr(importlib.import_module(loaders[-1].fn.__module__), state).leave


def loaders_of(page: routes.Page) -> list:
    """What opening the page runs: its loader; a private page whose loader is not a private one (or that has
    none) checks the session with SessionState.require_login first."""
    loaders = [routes.resolve(page.on_load)] if page.on_load else []
    if page.private and not (loaders and getattr(loaders[0].fn, "opens_a_page", False)):
        loaders.insert(0, SessionState.require_login)
    return loaders


async def if_logged_in(state: rx.State, service: Callable[..., T], /, **kwargs: Any) -> T | None:
    """For a public page that shows more to a person who is logged in (the simulator starts from the dossier):
    service(session=..., actor=..., **kwargs) for the tab's live actor, checked as call() checks it; None when
    nobody is logged in or the policy refuses (the page then stays what it is for everyone)."""
    actor = await current_actor(state)
    if actor is None:
        return None
    with Session(engine()) as session:
        try:
            return service(session=session, actor=actor, **kwargs)
        except Forbidden:
            return None
