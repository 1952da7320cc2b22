"""The security headers middleware on a bare ASGI app: added when missing, kept when the route sets its own,
HSTS only over https (directly or behind a proxy that says so)."""

from starlette.applications import Starlette
from starlette.responses import PlainTextResponse
from starlette.routing import Route
from starlette.testclient import TestClient

from caf_app.api.headers import CSP, security_headers


def app():
    def plain(request):
        return PlainTextResponse("ok")

    def own(request):
        return PlainTextResponse("ok", headers={"Referrer-Policy": "no-referrer"})

    return security_headers(Starlette(routes=[Route("/", plain), Route("/own", own)]))


def test_every_response_gets_the_headers_without_hsts_over_http():
    response = TestClient(app()).get("/")
    assert response.headers["content-security-policy"] == CSP
    assert response.headers["x-frame-options"] == "DENY"
    assert "strict-transport-security" not in response.headers


def test_a_header_set_by_the_route_is_kept():
    assert TestClient(app()).get("/own").headers["referrer-policy"] == "no-referrer"


def test_hsts_over_https_and_behind_a_proxy_that_says_https():
    assert "max-age=" in TestClient(app(), base_url="https://testserver").get("/").headers[
        "strict-transport-security"]
    behind = TestClient(app()).get("/", headers={"X-Forwarded-Proto": "https"})
    assert "strict-transport-security" in behind.headers
