"""One path from a private page's state to a service (state/private.py): `await self.call(service, **kwargs)`
returns the service's result for the tab's checked actor; no session sends the tab to the expiry path (a page
loader only stops); Forbidden forgets what the page held and says NO_ACCESS; a DomainError goes next to its field;
hashing=True runs the service in the hashing pool. A refusal never escapes the handler: Reflex would drop the
handler's state changes and show a server error."""

import asyncio
import inspect
import threading
from types import SimpleNamespace

import pytest
import reflex as rx
from reflex.state import State
from sqlmodel import Session, col, select

from caf_app import models as m
from caf_app.domain.errors import DomainError, Forbidden
from caf_app.gestion import state as gestion_state
from caf_app.services.identity import auth
from caf_app.state import private, profil, transmission
from caf_app.state.private import NO_ACCESS, PrivateState, private_event
from caf_app.state.session import TabStateLost, session_ended
from tests.factories import SECRET, open_session
from tests.personas import ELISE

SERVICES = {}  # the service each test gives the probe, by name (handlers take JSON arguments only)


class ProbeState(PrivateState, rx.State):
    """A private page with a bit of everything: data to forget, field errors, a message of its own."""

    held: list[str] = []
    errors: dict[str, str] = {}
    notice: str = ""
    after: bool = False  # the handler went on after its call

    def _forget(self) -> None:
        self.held = []

    @private_event
    async def act(self, name: str, options: dict):
        self.held = await self.call(SERVICES[name], what=name, **options)
        self.after = True

    @private_event(loader=True)
    async def load(self):
        self.held = await self.call(SERVICES["load"], what="load")
        self.after = True

    @private_event
    async def three(self):
        for _ in range(3):
            await self.call(SERVICES["three"], what="three")

    @private_event
    async def again(self):
        """A refusal the handler shows its own way, then another call in the same event."""
        try:
            await self.call(SERVICES["first"], what="first", passing=(DomainError,))
        except DomainError:
            pass
        await self.call(SERVICES["second"], what="second")

    @private_event
    async def show(self, tab: str):
        await self.checked()
        self.notice = tab


class OneMessageState(PrivateState, rx.State):
    """A page that shows one message, not one by field."""

    error: str = ""

    @private_event
    async def act(self):
        await self.call(SERVICES["one"])


@pytest.fixture
def tab(engine, seeded, monkeypatch):
    """A tab's state tree, on the test database; tab.actor is who its session is (None: no session), tab.checks
    counts the session checks."""
    tab = SimpleNamespace(root=State(_reflex_internal_init=True), checks=0,
                          actor=auth.session_actor(session=seeded, token=open_session(seeded, ELISE.nir),
                                                   secret=SECRET))

    async def current_actor(state, opening=False):
        tab.checks += 1
        return tab.actor

    monkeypatch.setattr(private, "engine", lambda: engine)
    monkeypatch.setattr(private, "current_actor", current_actor)
    SERVICES.clear()
    substate(tab, ProbeState).loaded = True  # the page is open (its loader ran), as when a person clicks on it
    return tab


def substate(tab, state_class):
    return tab.root.get_substate(state_class.get_full_name().split(".")[1:])


def handle(tab, state_class, name: str, *args):
    """Run one event handler as the app's event processing does; returns what it returned."""
    return asyncio.run(state_class.event_handlers[name].fn(substate(tab, state_class), *args))


def script_of(spec) -> str:
    """The script an event spec runs in the browser (rx.call_script)."""
    return str(spec.args)


def test_the_service_runs_for_the_checked_actor_and_its_result_comes_back(tab):
    seen = []

    def service(*, session, actor, what, extra):
        seen.append((isinstance(session, Session), actor, what, extra, threading.current_thread().name))
        return ["une", "deux"]

    SERVICES["lire"] = service
    probe = substate(tab, ProbeState)
    assert handle(tab, ProbeState, "act", "lire", {"extra": 3}) is None
    assert probe.held == ["une", "deux"] and probe.after and probe.loaded and probe.restricted_message == ""
    assert seen == [(True, tab.actor, "lire", 3, threading.main_thread().name)]


def test_no_session_sends_the_tab_to_the_expiry_path_and_the_service_never_runs(tab):
    tab.actor = None
    SERVICES["lire"] = lambda **_: pytest.fail("the service ran without a session")
    probe = substate(tab, ProbeState)
    assert script_of(handle(tab, ProbeState, "act", "lire", {})) == script_of(session_ended())
    assert script_of(handle(tab, ProbeState, "show", "paiements")) == script_of(session_ended())
    assert probe.notice == "" and not probe.after, "every event checks the session, a tab switch too"


def test_a_page_loader_without_a_session_sends_the_tab_to_connexion_and_back(tab):
    """The loader checks the session itself (no SessionState.require_login before it: one event, one round trip)."""
    tab.actor = None
    SERVICES["load"] = lambda **_: pytest.fail("the service ran without a session")
    spec = handle(tab, ProbeState, "load")
    assert "/connexion?suivant=" in script_of(spec) or "/connexion?suivant=" in str(spec)
    assert not substate(tab, ProbeState).after
    assert getattr(ProbeState.event_handlers["load"].fn, "opens_a_page", False)


def test_a_tab_state_lost_still_reaches_the_error_handler(tab, monkeypatch):
    async def lost(state, opening=False):
        raise TabStateLost()

    monkeypatch.setattr(private, "current_actor", lost)
    SERVICES["lire"] = lambda **_: pytest.fail("the service ran for a lost tab state")
    with pytest.raises(TabStateLost):  # state/errors.py says so and reloads the page
        handle(tab, ProbeState, "act", "lire", {})


def test_an_event_to_a_page_state_its_loader_never_filled_is_a_lost_tab_state(tab):
    """Redis lost the tab's state while the page stayed open: the page's other events find it empty and say so
    (state/errors.py reloads the page) rather than act on nothing."""
    SERVICES["lire"] = lambda **_: pytest.fail("the service ran for a lost tab state")
    substate(tab, ProbeState).loaded = False
    with pytest.raises(TabStateLost):
        handle(tab, ProbeState, "act", "lire", {})
    with pytest.raises(TabStateLost):
        handle(tab, ProbeState, "show", "paiements")
    # A state no loader fills has nothing to lose: its events go on.
    SERVICES["one"] = lambda **_: None
    assert not OneMessageState.opens_pages and ProbeState.opens_pages
    handle(tab, OneMessageState, "act")
    SERVICES["load"] = lambda **_: ["chargé"]
    handle(tab, ProbeState, "load")
    assert substate(tab, ProbeState).loaded
    SERVICES["lire"] = lambda **_: ["lu"]
    handle(tab, ProbeState, "act", "lire", {})
    assert substate(tab, ProbeState).held == ["lu"]


def test_a_policy_refusal_forgets_what_the_page_held_and_says_no_access(tab):
    SERVICES["lire"] = lambda **_: ["à oublier"]
    handle(tab, ProbeState, "act", "lire", {})

    def refused(**_):
        raise Forbidden("dossier")

    SERVICES["refus"] = refused
    probe = substate(tab, ProbeState)
    probe.after = False
    assert handle(tab, ProbeState, "act", "refus", {}) is None
    assert probe.held == [] and probe.restricted_message == NO_ACCESS and probe.loaded and not probe.after
    assert probe.errors == {}
    handle(tab, ProbeState, "act", "lire", {})
    assert probe.restricted_message == "", "allowed again (another dossier, a delegation given)"


def test_a_policy_refusal_may_read_a_sentence_of_the_form_instead(tab):
    def refused(**_):
        raise Forbidden("changement")

    SERVICES["refus"] = refused
    probe = substate(tab, ProbeState)
    handle(tab, ProbeState, "act", "refus", {"forbidden": "Pas pour ce dossier."})
    assert probe.errors == {"": "Pas pour ce dossier."} and probe.restricted_message == ""
    handle(tab, ProbeState, "act", "refus", {"forbidden": "Pas ici.", "shown_in": "notice"})
    assert probe.notice == "Pas ici."


def test_a_rule_broken_shows_next_to_its_field_and_the_handler_stops(tab):
    def wrong(**_):
        raise DomainError("montant", "Saisissez un montant.")

    SERVICES["faux"] = wrong
    probe = substate(tab, ProbeState)
    assert handle(tab, ProbeState, "act", "faux", {}) is None
    assert probe.errors == {"montant": "Saisissez un montant."} and not probe.after
    assert probe.restricted_message == ""
    handle(tab, ProbeState, "act", "faux", {"field": ""})
    assert probe.errors == {"": "Saisissez un montant."}, "the whole form's"
    handle(tab, ProbeState, "act", "faux", {"shown_in": "notice"})
    assert probe.notice == "Saisissez un montant."


def test_a_page_with_one_message_shows_it_there(tab):
    def wrong(**_):
        raise DomainError("page", "Ce fichier n'est pas lisible.")

    SERVICES["one"] = wrong
    handle(tab, OneMessageState, "act")
    assert substate(tab, OneMessageState).error == "Ce fichier n'est pas lisible."


def test_a_handler_may_show_a_rule_of_its_own_way(tab):
    class AlreadySent(DomainError):
        pass

    def sent(**_):
        raise AlreadySent("", "Déjà envoyée.")

    probe = substate(tab, ProbeState)

    async def catching():
        try:
            await probe.call(sent, passing=(AlreadySent,))
        except AlreadySent as error:
            return error.message

    assert asyncio.run(catching()) == "Déjà envoyée." and probe.errors == {}


def test_hashing_runs_the_service_in_the_hashing_pool(tab):
    threads = []

    def service(*, session, actor, what):
        threads.append(threading.current_thread().name)
        return [what]

    SERVICES["mot_de_passe"] = service
    handle(tab, ProbeState, "act", "mot_de_passe", {"hashing": True})
    handle(tab, ProbeState, "act", "mot_de_passe", {})
    assert threads[0].startswith("argon2") and threads[1] == threading.main_thread().name


def test_the_session_is_checked_once_per_event(tab):
    SERVICES["three"] = lambda **_: None
    handle(tab, ProbeState, "three")
    assert tab.checks == 1
    handle(tab, ProbeState, "three")
    assert tab.checks == 2, "the next event checks again"


def test_the_calls_of_one_event_share_one_database_session_and_a_failed_one_leaves_nothing(tab, seeded):
    sessions = []
    SERVICES["three"] = lambda *, session, actor, what: sessions.append(session)
    handle(tab, ProbeState, "three")
    handle(tab, ProbeState, "three")
    assert len(sessions) == 6 and len({id(one) for one in sessions[:3]}) == 1 and sessions[3] is not sessions[0]

    def half_done(*, session, actor, what):
        session.add(m.AuditEvent(kind="moitie", account_id=actor.account_id))
        raise DomainError("", "Refusé en chemin.")

    def commits(*, session, actor, what):
        session.add(m.AuditEvent(kind="entier", account_id=actor.account_id))
        session.commit()

    SERVICES["first"], SERVICES["second"] = half_done, commits
    handle(tab, ProbeState, "again")
    kinds = seeded.exec(select(m.AuditEvent.kind).where(col(m.AuditEvent.kind).in_(["moitie", "entier"]))).all()
    assert kinds == ["entier"], "what the refused service added went with it"


def test_call_and_checked_are_no_events_and_handlers_keep_their_arguments():
    """Reflex makes every public function of a state an event a browser may send; call and checked are not.
    The decorator keeps the signature and the type hints that Reflex reads (uploads too)."""
    assert "call" not in ProbeState.event_handlers and "checked" not in ProbeState.event_handlers
    handler = ProbeState.event_handlers["act"]
    assert list(inspect.signature(handler.fn).parameters) == ["self", "name", "options"]
    assert handler._get_type_hints() == {"name": str, "options": dict}
    assert handler._is_coroutine_function
    for upload in (profil.ProfilState.event_handlers["add_rib"], transmission.TransmissionState.event_handlers[
            "add_files"]):
        assert upload._get_type_hints()["files"] == list[rx.UploadFile]


def test_a_loader_knows_when_it_runs_again_for_the_visit_on_screen(tab):
    """The connection coming back during a long event runs the page's loader again, the page not left: the decision
    an agent just took on that item keeps its message then, and only then (gestion ItemState)."""
    SERVICES["load"] = lambda *, session, actor, what: ["chargé"]
    probe = substate(tab, ProbeState)
    handle(tab, ProbeState, "load")
    assert probe.fresh and not probe._reloaded, "a first visit"
    handle(tab, ProbeState, "load")
    assert probe._reloaded, "loaded again without leaving"
    ProbeState.event_handlers["leave"].fn(probe)  # the page unmounted
    handle(tab, ProbeState, "load")
    assert not probe._reloaded, "a new visit after leaving"


def test_an_agent_decision_keeps_its_message_when_its_item_loads_again_and_not_on_another(tab, monkeypatch):
    item = gestion_state.ItemState
    shown = {"id": 7}

    async def call(self, service, /, **kwargs):
        return "Acceptée. Droits recalculés." if service is gestion_state.decisions.accept else None

    async def who(self, opening):
        return tab.actor  # the agent's own session is gestion's (live_agent): the service is not called here

    monkeypatch.setattr(item, "call", call)
    monkeypatch.setattr(item, "_who", who)
    monkeypatch.setattr(item, "_id", lambda self: shown["id"])
    agent_page = substate(tab, item)
    handle(tab, item, "load")
    assert agent_page.fresh
    handle(tab, item, "accept")
    assert agent_page.done == "Acceptée. Droits recalculés."
    handle(tab, item, "load")
    assert agent_page.done == "Acceptée. Droits recalculés.", "the connection came back: the message stays"
    shown["id"] = 8
    handle(tab, item, "load")
    assert agent_page.done == "", "another item, same page"
    shown["id"] = 7
    handle(tab, item, "load")
    item.event_handlers["leave"].fn(agent_page)
    handle(tab, item, "load")
    assert agent_page.done == "", "a new visit"
