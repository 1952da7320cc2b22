"""The app serving alone sets its security headers on pages, bundles and server routes; the pages run under
its Content Security Policy without a violation (every test here fails on a console error, which a violation
is)."""

import re

from playwright.sync_api import expect

from tests.personas import SAMIR

from .conftest import log_in


def assert_secured(headers: dict) -> None:
    csp = headers["content-security-policy"]
    assert "default-src 'self'" in csp and "frame-ancestors 'none'" in csp and "object-src 'none'" in csp
    assert headers["x-content-type-options"] == "nosniff"
    assert headers["referrer-policy"] == "same-origin"
    assert headers["permissions-policy"].startswith("camera=(self)")
    assert "strict-transport-security" not in headers  # plain http here: HSTS only over https


def test_pages_bundles_and_routes_carry_the_headers(page):
    response = page.goto("/")
    assert_secured(response.headers)
    bundle = page.evaluate("[...document.querySelectorAll('[src^=\"/assets/\"], [href^=\"/assets/\"]')]"
                           ".map(el => el.getAttribute('src') || el.getAttribute('href'))[0]")
    assert_secured(page.request.get(bundle).headers)
    assert_secured(page.request.get("/sw.js").headers)
    assert_secured(page.request.get("/api/documents/releve", max_redirects=0).headers)


def test_a_logged_in_journey_runs_under_the_policy(page):
    violations = []
    page.on("console", lambda message: violations.append(message.text)
            if "Content Security Policy" in message.text else None)
    log_in(page, SAMIR.nir)  # Samir: the service worker, the websocket, pictures and a PDF download
    expect(page.get_by_text("497,01 €")).to_be_visible()
    page.goto("/allocations")
    page.get_by_role("tab", name="Mes paiements").click()
    expect(page.get_by_role("button", name=re.compile("^Paiement du")).first).to_be_visible()
    page.goto("/demarches/transmettre")
    expect(page.get_by_role("button", name="Prendre une photo")).to_be_visible()
    assert violations == []
