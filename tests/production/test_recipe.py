"""The production recipe as a person and a browser meet it: nginx serves the build with the security headers
and a long cache on hashed bundles, passes the websocket and the API to the app instances, and refuses an upload
larger than the app accepts before it reaches them."""

from __future__ import annotations

import http.client
import re

from playwright.sync_api import expect

from caf_app.api.headers import CSP
from caf_app.deploy.supervised import get

from .conftest import log_in

ELISE = "2900513055031"


def test_pages_and_bundles_come_from_nginx_with_their_headers(production):
    status, headers, body = get(f"{production.url}/connexion")
    assert status == 200 and headers["Server"] == "nginx"
    assert headers["Content-Security-Policy"] == CSP
    assert headers["X-Content-Type-Options"] == "nosniff" and headers["Referrer-Policy"] == "same-origin"
    assert headers["Permissions-Policy"].startswith("camera=(self)")
    bundle = re.search(rb'href="(/assets/[^"]+\.js)"', body).group(1).decode()
    status, headers, _ = get(f"{production.url}{bundle}")
    assert status == 200 and "immutable" in headers["Cache-Control"] and "max-age=31536000" in headers["Cache-Control"]
    assert headers["Content-Security-Policy"] == CSP, "the bundle location keeps the security headers"
    status, headers, _ = get(f"{production.url}/sw.js")
    assert status == 200 and headers["Cache-Control"] == "no-cache"
    # A server route answers from an app instance, with the app's own headers.
    status, headers, _ = get(f"{production.url}/api/session/fermer")
    assert status in (200, 303, 307) and headers.get("Content-Security-Policy") == CSP


def test_an_upload_beyond_what_the_app_accepts_stops_at_nginx(production):
    connection = http.client.HTTPConnection("127.0.0.1", production.recipe.http_port, timeout=10)
    connection.putrequest("POST", "/_upload")
    connection.putheader("Content-Type", "multipart/form-data; boundary=x")
    connection.putheader("Content-Length", str(200 * 1024 * 1024))
    connection.endheaders()
    response = connection.getresponse()
    assert response.status == 413
    connection.close()


def test_a_person_logs_in_and_reads_her_payments_through_nginx(page, production):
    log_in(page, production, ELISE, "/allocations")
    expect(page.get_by_role("heading", level=1, name="Mes allocations")).to_be_visible()
    page.get_by_role("tab", name="Mes paiements").click()
    expect(page.get_by_role("tabpanel")).to_contain_text("€")
