"""The production recipe as a person and a browser meet it: nginx serves the build with the security headers
and a long cache on hashed bundles, passes the websocket and the API to the app instances, and refuses an upload
larger than the app accepts before it reaches them."""

from __future__ import annotations

import http.client
import json
import re
import urllib.error
import urllib.request

import redis
import sqlalchemy
from playwright.sync_api import expect

from caf_app.api.headers import CSP
from caf_app.deploy.supervised import get
from tests.personas import ELISE, NADIA
from tests.protocol import OUTBOX_LOAD, event_deltas, handshake_status

from .conftest import log_in


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


def test_pages_and_bundles_are_sent_precompressed(production):
    """Brotli to a browser that accepts it, gzip to one that accepts only gzip, the same bytes once decoded: the
    files were compressed once at build time (recipe.precompress), nginx sends them as they are."""
    import gzip

    import brotli

    _, _, page = get(f"{production.url}/connexion")
    bundle = re.search(rb'href="(/assets/[^"]+\.js)"', page).group(1).decode()
    for path in ("/connexion", bundle):
        plain = urllib.request.urlopen(urllib.request.Request(f"{production.url}{path}")).read()
        answers = {}
        for accepted in ("br, gzip", "gzip"):
            request = urllib.request.Request(f"{production.url}{path}", headers={"Accept-Encoding": accepted})
            with urllib.request.urlopen(request) as response:
                answers[accepted] = (response.headers.get("Content-Encoding"), response.read())
        assert answers["br, gzip"][0] == "br", path
        assert brotli.decompress(answers["br, gzip"][1]) == plain
        assert answers["gzip"][0] == "gzip", path
        assert gzip.decompress(answers["gzip"][1]) == plain
        assert len(answers["br, gzip"][1]) < len(answers["gzip"][1]) < len(plain)


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
    log_in(page, production, ELISE.nir, "/allocations")
    expect(page.get_by_role("heading", level=1, name="Mes allocations")).to_be_visible()
    page.get_by_role("tab", name="Mes paiements").click()
    expect(page.get_by_role("tabpanel")).to_contain_text("€")


# Issue 15 (security hardening) through the recipe as production runs it.

def test_a_session_ended_elsewhere_is_refused_at_the_tab_s_next_event(page, production):
    """The instances remember a checked session between a tab's events (services/identity/session_cache.py);
    a logout made through any instance gives the account a new epoch in Redis, and the tab's next event, on
    whichever instance holds its websocket, goes back to the database and is refused."""
    log_in(page, production, ELISE.nir, "/allocations")
    for tab in ("Mes paiements", "Mes droits", "Mes paiements", "Mes droits"):  # remembered from the third on
        page.get_by_role("tab", name=tab).click()
        expect(page.get_by_role("tab", name=tab)).to_have_attribute("aria-selected", "true")
    cookie = next(c for c in page.context.cookies() if c["name"].endswith("caf_session"))
    request = urllib.request.Request(f"{production.url}/api/session/fermer", headers={
        "Cookie": f"{cookie['name']}={cookie['value']}", "Sec-Fetch-Site": "same-origin"})
    try:
        urllib.request.urlopen(request, timeout=10)
    except urllib.error.HTTPError as redirect:  # 303 to Connexion: the session is ended
        assert redirect.code in (302, 303, 307), redirect.code
    page.get_by_role("tab", name="Mes paiements").click()
    expect(page.get_by_role("heading", level=1, name="Connexion")).to_be_visible()


def test_point1_the_recipe_never_serves_the_demo_outbox(production):
    assert production.recipe.environment == "prod"
    for path in ("/dev/boite-d-envoi", "/dev/boite-d-envoi.html", "/dev/"):
        assert get(f"{production.url}{path}")[0] == 404, path


def test_point1_the_outbox_event_answers_nothing_in_prod(production):
    with production.engine.begin() as connection:  # a message a demo would have shown
        connection.execute(sqlalchemy.text("INSERT INTO outboxmessage (channel, recipient, subject, body, created_at) "
                                           "VALUES ('sms', '0600000000', '', 'Code 424242', now())"))
    deltas = event_deltas(production.url, production.url, OUTBOX_LOAD, path="/dev/boite-d-envoi")
    assert deltas, "the tab answered"
    assert "424242" not in json.dumps(deltas)
    # In prod the outbox's state is not even part of the app; were it there, it would say it is unavailable.
    outbox = [values for delta in deltas for key, values in delta.items() if key.endswith("outbox_state")]
    assert all(values.get("available_rx_state_") is False for values in outbox)


def test_point3_the_websocket_opens_for_the_service_origin_only(production):
    assert handshake_status(production.url, production.url) == 101
    assert handshake_status(production.url, production.recipe.public_url) == 101  # localhost, the same machine
    for foreign in ("https://evil.example", "http://127.0.0.1.evil.example", "null"):
        assert handshake_status(production.url, foreign) in (400, 403), foreign


def test_point4_an_upload_without_a_session_stores_nothing_and_leaves_redis_alone(production):
    store = redis.Redis.from_url(production.recipe.redis())
    keys_before = store.dbsize()
    private = production.recipe.root / "data" / "private"
    files_before = sorted(p for p in private.rglob("*") if p.is_file()) if private.exists() else []
    boundary = "caf-sans-session"
    body = (f"--{boundary}\r\nContent-Disposition: form-data; name=\"files\"; filename=\"a.jpg\"\r\n"
            f"Content-Type: image/jpeg\r\n\r\n").encode() + b"\xff\xd8" + b"0" * 200_000
    body += f"\r\n--{boundary}--\r\n".encode()
    connection = http.client.HTTPConnection("127.0.0.1", production.recipe.http_port, timeout=10)
    connection.request("POST", "/_upload", body=body, headers={
        "Content-Type": f"multipart/form-data; boundary={boundary}", "Origin": production.url,
        "Reflex-Client-Token": "jeton-invente", "Reflex-Event-Handler":
            "reflex___state____state.caf_app___state___transmission____transmission_state.add_files"})
    response = connection.getresponse()
    assert response.status == 401 and "session" in response.read().decode()
    connection.close()
    assert store.dbsize() == keys_before, "no tab state was made for the made-up token"
    assert not store.keys("*jeton-invente*")
    assert (sorted(p for p in private.rglob("*") if p.is_file()) if private.exists() else []) == files_before


def test_point8_behind_a_tls_terminator_the_app_knows_it_is_https(production):
    request = urllib.request.Request(f"{production.url}/api/session/fermer", headers={"X-Forwarded-Proto": "https"})
    opener = urllib.request.build_opener(NoRedirect)
    try:
        response = opener.open(request, timeout=10)
    except urllib.error.HTTPError as answer:
        response = answer
    assert "max-age=" in response.headers["Strict-Transport-Security"], "the app saw https, not nginx's http"


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def test_a_dynamic_route_of_the_registry_is_served_by_nginx(page, production):
    """One page for the three declarations (caf_app/routes.py): nginx gives the build's single-page fallback."""
    status, _, body = get(f"{production.url}/declaration/aah")
    assert status == 200 and b"<html" in body
    log_in(page, production, NADIA.nir, "/declaration/aah?version=habituelle")
    expect(page).to_have_title(re.compile("^Déclaration trimestrielle Aah - "))
