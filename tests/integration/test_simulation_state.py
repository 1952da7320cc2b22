"""The simulator's state (state/simulation.py) driven as the app's event processing does: a wrong answer stays
next to its field and nothing reaches the rules service; the service down or slow gives the French message, keeps
every answer and "Réessayer" computes again; a full RSA simulation against the rules service."""

from __future__ import annotations

import asyncio
import inspect
import json
import socket
from datetime import datetime, timezone

import pytest
from reflex.state import State

from caf_app import clock
from caf_app.rules import client
from caf_app.settings import get_settings
from caf_app.state.simulation import SimulationState

MARSEILLE = {"logement": "location", "loyer": "500", "code_postal": "13013"}
ALONE = {"couple": "non", "demandeur_ne_le": "15/05/1990", "nombre_enfants": "0"}
NO_INCOME = {"demandeur_activite": "0", "demandeur_chomage": "0", "demandeur_pensions": "0"}


@pytest.fixture
def tab():
    with clock.frozen(datetime(2026, 11, 30, 10, tzinfo=timezone.utc)):
        root = State(_reflex_internal_init=True)
        yield root.get_substate(SimulationState.get_full_name().split(".")[1:])


def run(state, name: str, *args) -> list:
    """One event: what the handler yielded or returned."""
    result = SimulationState.event_handlers[name].fn(state, *args)

    async def drain():
        if inspect.isasyncgen(result):
            return [update async for update in result]
        return [await result] if inspect.isawaitable(result) else [result]
    return asyncio.run(drain())


@pytest.fixture
def service_down(monkeypatch):
    """The rules service at a closed port."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    monkeypatch.setenv("CAF_OPENFISCA_URL", f"http://127.0.0.1:{port}")
    get_settings.cache_clear()
    client._clients.clear()
    yield
    get_settings.cache_clear()
    client._clients.clear()


@pytest.fixture
def never_called(monkeypatch):
    async def refuse(*args, **kwargs):
        pytest.fail("the rules service was asked with a wrong answer")
    monkeypatch.setattr(client, "calculate", refuse)


def through_to_resources(tab):
    run(tab, "choose", "rsa")
    assert (tab.theme, tab.step, tab.step_number, tab.step_count) == ("rsa", "foyer", 1, 3)
    run(tab, "next", ALONE)
    run(tab, "next", MARSEILLE)
    assert tab.step == "ressources" and tab.last_step and tab.errors == {}


def test_wrong_answers_stay_next_to_their_fields_and_nothing_is_computed(tab, never_called):
    run(tab, "choose", "rsa")
    updates = run(tab, "next", {**ALONE, "demandeur_ne_le": "15/05/2030"})
    assert tab.step == "foyer" and tab.errors == {
        "demandeur_ne_le": "La date de naissance ne peut pas être dans le futur."}
    assert "aria-invalid=true" in str(updates[-1])  # the focus goes to the first wrong field
    run(tab, "next", ALONE)
    run(tab, "next", {**MARSEILLE, "code_postal": "99999"})
    assert tab.step == "logement" and set(tab.errors) == {"code_postal"}
    run(tab, "next", MARSEILLE)
    run(tab, "next", {**NO_INCOME, "demandeur_activite": "douze"})
    assert tab.step == "ressources" and tab.errors["demandeur_activite"].startswith("Saisissez un montant")
    assert tab.results == [] and not tab.computing
    assert tab.answers["demandeur_activite"] == "douze", "what was typed is kept, wrong or not"


def test_a_child_born_in_the_future_is_refused_on_the_foyer_screen(tab, never_called):
    run(tab, "choose", "famille")
    run(tab, "next", {**ALONE, "nombre_enfants": "1", "enfant_1": "02/02/2027", "pension_alimentaire": "non"})
    assert tab.step == "foyer" and tab.errors["enfant_1"].startswith("Un enfant déjà né ne peut pas")


def test_the_service_down_gives_the_french_message_keeps_the_answers_and_retry_computes(tab, service_down):
    through_to_resources(tab)
    updates = run(tab, "next", NO_INCOME)
    assert updates[0] is None, "Calcul en cours… is shown before the service is asked"
    assert tab.step == "resultat" and not tab.computing and tab.results == []
    assert tab.unavailable == ("Le calcul est momentanément indisponible. Vos réponses sont conservées : "
                               "réessayez dans quelques instants.")
    kept = json.loads(tab.saved)
    assert kept["code_postal"] == "13013" and kept["demandeur_ne_le"] == "15/05/1990"
    run(tab, "retry")
    assert tab.unavailable and tab.step == "resultat"


def test_an_rsa_simulation_for_a_person_alone_without_income_in_marseille(tab, rules_url):
    through_to_resources(tab)
    run(tab, "next", NO_INCOME)
    assert tab.unavailable == "" and not tab.computing
    (rsa,) = tab.results
    assert (rsa.label, rsa.amount, rsa.bareme) == ("Revenu de solidarité active", "573,49\u00a0€", "1er avril 2026")
    assert [(line.label, line.amount) for line in rsa.lines] == [
        ("Montant forfaitaire du foyer", "651,69\u00a0€"), ("Ressources du foyer", "0,00\u00a0€"),
        ("Forfait logement", "−78,20\u00a0€")]
    assert [(row.income, row.amount) for row in tab.what_if[:3]] == [
        ("0,00\u00a0€", "573,49\u00a0€"), ("250,00\u00a0€", "323,49\u00a0€"), ("500,00\u00a0€", "73,49\u00a0€")]
    assert tab.what_if[0].height == 100 and tab.what_if[-1].height == 0
    assert [other.label for other in tab.others] == ["Aide au logement"]
    run(tab, "retry")  # computed again: the same
    assert tab.results[0].amount == "573,49\u00a0€"
