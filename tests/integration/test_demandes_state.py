"""The demande's page state (state/demandes.py) over the real services: the page opens on its draft or its
introduction, a wrong answer stays with its message, an eligibility rule says why, a conjoint without délégation
is refused what is not his, « Modifier » goes back to the review, and a demande sent twice is sent once."""

import asyncio
import json
from datetime import date
from types import SimpleNamespace

import pytest
from reflex.state import State
from sqlmodel import select

from caf_app import models as m
from caf_app.content import demandes as words
from caf_app.domain.statuses import DemarcheKind
from caf_app.services.identity import auth
from caf_app.services.paperwork import demandes
from caf_app.state import private
from caf_app.state.demandes import DemandeState, _carried
from tests import factories
from tests.factories import SECRET, actor_of, open_session
from tests.personas import ELISE, ERIC

from .conftest import TODAY
from .test_demandes import CMG, NEWCOMER, fill


@pytest.fixture
def tab(engine, seeded, monkeypatch):
    """A tab logged in as `tab.log_in(persona)`, its state tree on the test database."""
    tab = SimpleNamespace(root=State(_reflex_internal_init=True), actor=None)

    def log_in(persona):
        tab.actor = auth.session_actor(session=seeded, token=open_session(seeded, persona.nir), secret=SECRET)

    async def current_actor(state, opening=False):
        return tab.actor

    tab.log_in = log_in
    monkeypatch.setattr(private, "engine", lambda: engine)
    monkeypatch.setattr(private, "current_actor", current_actor)
    monkeypatch.setattr("caf_app.state.demandes.clock.today", lambda: TODAY)
    return tab


def state(tab) -> DemandeState:
    return tab.root.get_substate(DemandeState.get_full_name().split(".")[1:])


def handle(tab, name: str, *args):
    """Run one event handler as the app's event processing does; returns what it returned."""
    result = DemandeState.event_handlers[name].fn(state(tab), *args)
    return asyncio.run(result) if asyncio.iscoroutine(result) else result


def open_page(tab, address: str):
    tab.root.router_data = tab.root._update_router_vars(
        {"pathname": address, "asPath": address, "query": {}, "headers": {}}, tab.root.router_data or {})
    return handle(tab, "load")


def test_elise_starts_her_cmg_prefilled_and_a_wrong_answer_stays_with_its_message(tab):
    tab.log_in(ELISE)
    open_page(tab, "/demandes/cmg")
    page = state(tab)
    assert page.step == "intro" and page.allocataire and page.problem == "" and page.title.startswith("Complément")
    handle(tab, "begin")
    assert page.step == "situation" and "date_naissance" in page.prefilled and page.step_total == 6
    assert page.screen_prefilled and page.questions[0].value == "14/05/1990"
    spec = handle(tab, "submit_screen", {"action": "suivant", "nationalite": "", "date_naissance": "31/02/1990"})
    assert page.step == "situation" and "aria-invalid" in str(spec.args)
    assert page.errors["date_naissance"] == "Cette date n'existe pas : vérifiez le jour et le mois."
    assert page.answers["date_naissance"] == "31/02/1990", "a wrong answer is kept"
    handle(tab, "submit_screen", {"action": "suivant", "nationalite": "francaise", "date_naissance": "14/05/1990"})
    assert page.step == "foyer" and page.errors == {} and page.step_number == 2
    handle(tab, "submit_screen", {"action": "precedent"})
    assert page.step == "situation"
    open_page(tab, "/demandes/cmg")  # another device, or a reload: the draft where it was left
    assert state(tab).step == "situation" and state(tab).answers["nationalite"] == "francaise"


def test_an_eligibility_rule_says_why_on_the_screen_where_it_applies(tab, seeded):
    tab.log_in(ELISE)
    open_page(tab, "/demandes/aah")
    handle(tab, "begin")
    handle(tab, "submit_screen", {"action": "suivant", "nationalite": "francaise"})
    assert state(tab).step == "handicap"
    handle(tab, "submit_screen", {"action": "suivant", "mdph": "non"})
    assert state(tab).step == "handicap" and "MDPH de votre département" in state(tab).refusal


def test_eric_is_refused_the_cmg_with_the_reason(tab):
    tab.log_in(ERIC)
    open_page(tab, "/demandes/cmg")
    assert state(tab).problem == words.ONLY_RESPONSIBLE and state(tab).demande_id == 0
    open_page(tab, "/demandes/inconnue")
    assert state(tab).problem == "Cette demande n'existe pas."
    open_page(tab, "/demandes/aah")
    assert state(tab).problem == "" and state(tab).step == "intro"


def test_modifier_returns_to_the_review_and_the_demande_is_sent_once(tab, seeded):
    tab.log_in(ELISE)
    elise = actor_of(seeded, ELISE.nir)
    fill(seeded, elise, demandes.start(session=seeded, actor=elise, kind="cmg", today=TODAY), CMG)
    open_page(tab, "/demandes/cmg")
    page = state(tab)
    assert page.step == "revue" and [t.key for t in page.review_topics][2] == "garde"
    handle(tab, "edit", "garde")
    assert page.step == "garde" and page.editing
    handle(tab, "submit_screen", {"action": "suivant", **CMG["garde"], "assmat_nom": "Martine Rousseau"})
    assert page.step == "revue" and any(value == "Martine Rousseau" for _, value in page.review_topics[2].lines)
    handle(tab, "send", {})
    assert page.step == "revue" and page.errors["confirmation"].startswith("Cochez la case")
    handle(tab, "start_sending", {"confirmation": "on"})
    assert page.sending
    handle(tab, "send", {"confirmation": "on"})
    first = page.reference
    assert page.step == "envoyee" and first.startswith("DP") and not page.sending
    handle(tab, "send", {"confirmation": "on"})  # a second tap, or a second tab
    assert page.reference == first
    sent = seeded.exec(select(m.Demarche).where(m.Demarche.kind == DemarcheKind.DEMANDE_PRESTATION)).all()
    assert len(sent) == 1


SIMULATION = {"couple": "oui", "demandeur_ne_le": "14/02/1995", "conjoint_ne_le": "03/07/1994", "nombre_enfants": "2",
              "enfant_1": "10/05/2021", "enfant_2": "20/01/2024", "logement": "meuble", "loyer": "850,50",
              "code_postal": "33000", "commune": "Bordeaux", "demandeur_activite": "1500", "demandeur_chomage": "0",
              "demandeur_pensions": "0", "conjoint_activite": "900", "conjoint_chomage": "0",
              "conjoint_pensions": "0"}


def test_a_first_time_applicant_begins_with_her_simulation_and_sees_her_new_numero_allocataire(tab, seeded):
    person = factories.person(seeded, nir="2950275112083", birth_name="MARTIN", first_names="Claire",
                              birth_date=date(1995, 2, 14), email="claire.martin@example.fr")
    factories.account(seeded, person=person)
    seeded.commit()
    tab.log_in(SimpleNamespace(nir="2950275112083"))
    open_page(tab, "/demandes/aide-logement")
    page = state(tab)
    assert page.step == "intro" and not page.allocataire
    handle(tab, "begin", json.dumps(SIMULATION))
    assert page.step == "situation"
    assert {name: page.answers.get(name) for name in ("date_naissance", "enfants", "enfant_2_naissance",
                                                      "statut_logement", "loyer", "code_postal",
                                                      "conjoint_revenus")} == {
        "date_naissance": "14/02/1995", "enfants": "2", "enfant_2_naissance": "20/01/2024",
        "statut_logement": "locataire", "loyer": "850,50", "code_postal": "33000", "conjoint_revenus": "900"}
    claire = actor_of(seeded, "2950275112083")
    fill(seeded, claire, demandes.start(session=seeded, actor=claire, kind="aide_logement", today=TODAY), NEWCOMER)
    open_page(tab, "/demandes/aide-logement")
    assert page.step == "revue"
    handle(tab, "send", {"confirmation": "on"})
    assert page.step == "envoyee" and page.numero.startswith("33")
    dossier = seeded.exec(select(m.Dossier).where(m.Dossier.numero_allocataire == page.numero)).one()
    assert dossier.allocataire_id == person.id


def test_a_simulation_that_does_not_read_carries_nothing():
    assert _carried("{not json") == _carried("[1, 2]") == _carried("") == {}
    assert _carried(json.dumps({"code_postal": "33000"})) == {"code_postal": "33000"}
