"""The OpenFisca-France service in the production recipe: a program of its own under supervisord, reached by the
instances at CAF_OPENFISCA_URL, brought back when it dies."""

from __future__ import annotations

import httpx

from caf_app.deploy.supervised import get
from caf_app.rules.server import warm_case


def test_the_rules_service_is_supervised_and_comes_back_after_a_crash(production):
    url = production.recipe.rules()
    assert production.recipe.app_env("app-1")["CAF_OPENFISCA_URL"] == url
    production.wait_until(lambda: get(url + "/spec")[0] == 200, "le service de calcul", timeout=180)
    before = production.kill("rules")
    production.wait_until(lambda: production.pid("rules") not in (0, before) and get(url + "/spec")[0] == 200,
                          "le service de calcul relancé par le superviseur", timeout=180)
    answer = httpx.post(url + "/calculate", json=warm_case(), timeout=120)
    assert answer.status_code == 200
    assert answer.json()["familles"]["w_f"]["rsa"]  # a computed value for the month asked
