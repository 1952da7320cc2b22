"""The simulator against published official figures: every reference household of reference_households.py
(November 2026) is computed in ONE request to the OpenFisca-France service, and each expected amount, computed by
hand from the barème, must be met within 1 €."""

from __future__ import annotations

import pytest

from caf_app.rules import client, simulate
from caf_app.rules.catalogue import BY_KEY, RULES, variables
from caf_app.rules.situation import add_household, check
from tests.integration.reference_households import REFERENCES, TODAY, ZONE

TOLERANCE_CENTS = 100


@pytest.fixture(scope="module")
def computed(rules_url):
    case: dict = {}
    asked = variables(RULES)
    asked["menages"] = ["zone_apl"]
    for reference in REFERENCES:
        check(reference.foyer, today=TODAY)  # each row is a household the simulators accept
        add_household(case, reference.key, reference.foyer, asked)
    return client.calculate_blocking(case)


def test_the_table_covers_the_issue_s_households():
    assert len(REFERENCES) >= 15
    assert len({reference.key for reference in REFERENCES}) == len(REFERENCES)
    foyers = [reference.foyer for reference in REFERENCES]
    assert {len(foyer.enfants) for foyer in foyers} >= {0, 1, 2, 3, 4}
    assert any(foyer.couple for foyer in foyers) and any(not foyer.couple and foyer.enfants for foyer in foyers)
    assert {ZONE[foyer.commune] for foyer in foyers if foyer.logement.pays} == {1, 2, 3}
    assert {foyer.logement.value for foyer in foyers} >= {"location", "hlm", "proprietaire"}
    assert any(adult.activite for foyer in foyers for adult in foyer.adultes)
    assert all(reference.source and reference.expected for reference in REFERENCES)
    assert set().union(*(reference.expected for reference in REFERENCES)) <= set(BY_KEY)


def test_the_communes_are_in_the_zone_the_table_says(computed):
    for reference in REFERENCES:
        if reference.foyer.commune:
            zone = computed["menages"][f"{reference.key}_m"]["zone_apl"][reference.foyer.mois]
            assert zone == f"zone_{ZONE[reference.foyer.commune]}", reference.key


@pytest.mark.parametrize("reference", REFERENCES, ids=lambda reference: reference.key)
def test_the_simulator_meets_the_published_figures(computed, reference):
    wrong = {}
    for key, euros in reference.expected.items():
        paid = simulate.paid_cents(BY_KEY[key], computed, reference.key, reference.foyer)
        expected = round(euros * 100)
        if abs(paid - expected) > TOLERANCE_CENTS:
            wrong[key] = (expected, paid)
    assert not wrong, f"{reference.description}: {wrong} (expected, simulated cents); source: {reference.source}"
