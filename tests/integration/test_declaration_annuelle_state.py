"""The annual declaration's page state (state/declaration_annuelle.py) over the real services: the message
Continuer gives an answer stays in view when the debounced save of that same answer arrives after it (a person
who types a date and taps Continuer at once), and goes once the answer is changed."""

import asyncio
from types import SimpleNamespace

import pytest
from reflex.state import State

from caf_app.services.identity import auth
from caf_app.state import private
from caf_app.state.declaration_annuelle import AnnualDeclarationState
from tests.factories import SECRET, open_session
from tests.personas import JONAS

from .conftest import TODAY


@pytest.fixture
def tab(engine, seeded, monkeypatch):
    """Jonas's tab, its state tree on the test database."""
    actor = auth.session_actor(session=seeded, token=open_session(seeded, JONAS.nir), secret=SECRET)

    async def current_actor(state, opening=False):
        return actor

    monkeypatch.setattr(private, "engine", lambda: engine)
    monkeypatch.setattr(private, "current_actor", current_actor)
    monkeypatch.setattr("caf_app.state.declaration_annuelle.clock.today", lambda: TODAY)
    return SimpleNamespace(root=State(_reflex_internal_init=True))


def state(tab) -> AnnualDeclarationState:
    return tab.root.get_substate(AnnualDeclarationState.get_full_name().split(".")[1:])


def handle(tab, name: str, *args):
    result = AnnualDeclarationState.event_handlers[name].fn(state(tab), *args)
    return asyncio.run(result) if asyncio.iscoroutine(result) else result


def test_the_message_of_a_date_stays_when_its_late_save_arrives_after_continuer(tab):
    address = "/mes-ressources/avantage-vieillesse"
    tab.root.router_data = tab.root._update_router_vars(
        {"pathname": address, "asPath": address, "query": {}, "headers": {}}, tab.root.router_data or {})
    handle(tab, "load")
    page = state(tab)
    key = f"{page._people[0].id}:vieillesse"
    handle(tab, "next", {f"{key}:recu": "oui", f"{key}:organisme": "Carsat Île-de-France",
                         f"{key}:montant": "950", f"{key}:debut": "31/02/2025"})
    wrong = "Cette date n'existe pas : vérifiez la date de début."
    assert page.errors == {f"{key}:debut": wrong}
    handle(tab, "answer", f"{key}:debut", "31/02/2025")  # the box's debounced save, 400 ms after the typing
    assert page.errors == {f"{key}:debut": wrong}
    handle(tab, "answer", f"{key}:debut", "01/03/2025")  # corrected: the message goes
    assert page.errors == {} and page.answers[f"{key}:debut"] == "01/03/2025"
