"""caf_app.rules against the OpenFisca-France service: why an amount changed (explain), "et si mes revenus
changent ?" (what_if), and the page's sentence when the service cannot answer."""

from __future__ import annotations

import asyncio
import os
from dataclasses import replace
from datetime import date

import pytest

from caf_app.rules import client, explain, simulate
from caf_app.rules.catalogue import RULES
from caf_app.rules.situation import Adulte, Foyer, Logement
from caf_app.settings import get_settings


def run(coroutine):
    """Runs one coroutine on a fresh event loop, and closes the pooled client it opened there."""

    async def within():
        try:
            return await coroutine
        finally:
            pooled = client._clients.pop(asyncio.get_running_loop(), None)
            if pooled is not None:
                await pooled.aclose()

    return asyncio.run(within())


PARENT = Foyer("2026-03", Adulte(date(1991, 3, 15), activite=300_00), enfants=(date(2019, 6, 1),),
               loyer=550_00, commune="13055")


def test_explain_the_causes_add_up_to_the_difference_and_name_the_revalorisation(rules_url):
    before = PARENT
    after = replace(PARENT, mois="2026-11", demandeur=replace(PARENT.demandeur, activite=500_00))
    explanations = run(explain.explain(before, after))
    assert [explanation.key for explanation in explanations] == [rule.key for rule in RULES]
    for explanation in explanations:
        assert sum(cause.cents for cause in explanation.causes) == explanation.difference, explanation.key
        assert all(cause.cents for cause in explanation.causes)
        assert [cause.step for cause in explanation.causes] == sorted(
            (cause.step for cause in explanation.causes), key=explain.STEPS.index)
    by_key = {explanation.key: explanation for explanation in explanations}

    # the household's prestations move, each for its reasons
    rsa, ppa, asf = by_key["rsa"], by_key["prime_activite"], by_key["asf"]
    assert rsa.before > 0 and ppa.before > 0 and asf.before > 0
    rsa_causes = {cause.step: cause for cause in rsa.causes}
    assert rsa_causes["bareme"].cents > 0
    assert rsa_causes["bareme"].sentence == "revalorisation du montant forfaitaire du Rsa au 1er avril 2026"
    assert rsa_causes["ressources"].cents < 0
    assert rsa_causes["ressources"].sentence == "vos revenus d'activité ont augmenté de 200,00\u00a0€ par mois"
    assert [cause.sentence for cause in asf.causes] == [
        "revalorisation de la base mensuelle des allocations familiales au 1er avril 2026"]
    housing = by_key["aide_logement"]
    assert [cause.sentence for cause in housing.causes] == [
        "revalorisation des loyers plafonds et des forfaits au 1er octobre 2026"]
    # While the resources stay under the montant forfaitaire, the prime d'activité is 59,85 % of the earnings net
    # of the CRDS, whatever the barème: only the +200 € move it, by 200 × 59,85 % × 99,5 % = 119,10 €.
    assert [(cause.step, cause.cents) for cause in ppa.causes] == [("ressources", 119_10)]

    # the two ends are the amounts a simulation of each situation alone gives
    for situation, end in ((before, "before"), (after, "after")):
        alone = run(simulate.simulate(situation))
        for explanation in explanations:
            assert getattr(explanation, end) == alone.of(explanation.key).cents, (end, explanation.key)


def test_explain_a_new_situation_of_the_household(rules_url):
    before = PARENT.with_month("2026-11")
    after = replace(before, pension_alimentaire=True, logement=Logement.HLM, loyer=480_00)
    explanations = {explanation.key: explanation for explanation in run(explain.explain(before, after))}
    asf = explanations["asf"]
    assert asf.before > 0 and asf.after == 0
    assert [(cause.step, cause.sentence) for cause in asf.causes] == [
        ("foyer", "vous recevez une pension alimentaire")]
    for explanation in explanations.values():
        assert sum(cause.cents for cause in explanation.causes) == explanation.difference
        assert all(cause.step in ("foyer", "logement") for cause in explanation.causes)


def test_what_if_eleven_incomes_in_one_request(rules_url, monkeypatch):
    requests = []
    calculate = client.calculate

    async def counting(case, **kwargs):
        requests.append(case)
        return await calculate(case, **kwargs)

    monkeypatch.setattr(client, "calculate", counting)
    household = replace(PARENT, mois="2026-11")
    variants = run(simulate.what_if(household))
    assert len(requests) == 1 and len(requests[0]["familles"]) == 11
    assert [variant.activite for variant in variants] == list(simulate.INCOME_STEPS)
    assert len(variants) == 11 and variants[-1].activite == 2500_00
    rsa = [variant.amounts["rsa"] for variant in variants]
    assert rsa[0] > 0 and rsa[-1] == 0
    assert all(later <= earlier for earlier, later in zip(rsa, rsa[1:], strict=False)), rsa
    ppa = [variant.amounts["prime_activite"] for variant in variants]
    assert ppa[0] == 0 and max(ppa) > 0  # no earnings, no prime d'activité
    assert len({variant.amounts["asf"] for variant in variants}) == 1  # the ASF does not depend on the income
    for variant in variants:
        assert variant.total == sum(variant.amounts.values())

    # a variant is the simulation of the household with that income
    alone = run(simulate.simulate(replace(household, demandeur=replace(household.demandeur, activite=750_00))))
    assert variants[3].amounts == {amount.key: amount.cents for amount in alone.amounts}


@pytest.fixture
def unreachable(monkeypatch):
    """The settings point at a port where nothing listens; restored (and the settings re-read) afterwards."""
    from caf_app.rules import server
    closed = server.free_port()
    saved_parameters = dict(client._parameters)
    with monkeypatch.context() as patch:
        patch.setenv("CAF_OPENFISCA_URL", f"http://127.0.0.1:{closed}")
        patch.setattr(client, "_parameters", {})
        get_settings.cache_clear()
        client._clients.clear()
        yield f"http://127.0.0.1:{closed}"
    get_settings.cache_clear()
    client._clients.clear()
    client._parameters.update(saved_parameters)


def test_rules_unavailable_when_the_service_is_unreachable(unreachable):
    assert get_settings().openfisca_url == unreachable
    household = replace(PARENT, mois="2026-11")
    for call in (simulate.simulate(household), simulate.what_if(household),
                 explain.explain(PARENT, household), client.parameter_values(RULES[0].bareme)):
        with pytest.raises(client.RulesUnavailable) as raised:
            run(call)
        assert raised.value.message.startswith("Le calcul est momentanément indisponible.")
    with pytest.raises(client.RulesUnavailable):
        client.calculate_blocking({})


def test_the_settings_come_back_after_the_outage(rules_url):
    assert get_settings().openfisca_url == os.environ.get("CAF_OPENFISCA_URL", get_settings().openfisca_url)
    assert run(simulate.simulate(replace(PARENT, mois="2026-11"))).of("rsa").cents > 0
