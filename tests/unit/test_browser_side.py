"""The browser side: the binding cookie the server gives a new browser with its first page, and the scripts of
assets/ (one concern each, every one loaded by the head and naming the Python side it talks to)."""

import re
from pathlib import Path
from types import SimpleNamespace

import pytest
from starlette.applications import Starlette
from starlette.responses import HTMLResponse, JSONResponse
from starlette.routing import Route
from starlette.testclient import TestClient

from caf_app.api import headers as headers_api, session as session_api

ROOT = Path(__file__).resolve().parents[2]
HEX32 = re.compile(r"[0-9a-f]{32}")


def app_with_binding() -> TestClient:
    async def page(request):
        return HTMLResponse("<!doctype html><title>Connexion</title>")

    async def data(request):
        return JSONResponse({"ok": True})

    app = Starlette(routes=[Route("/connexion", page, methods=["GET", "POST"]), Route("/data", data)])
    return TestClient(session_api.browser_binding_cookie(app))


def binding_set_cookies(response) -> list[str]:
    return [line for line in response.headers.get_list("set-cookie") if "caf_navigateur=" in line]


@pytest.fixture
def plain_http(monkeypatch):
    monkeypatch.setattr(headers_api, "get_settings", lambda: SimpleNamespace(public_url="http://localhost:3000"))


def test_a_first_page_gives_the_browser_a_random_binding_cookie(plain_http):
    client = app_with_binding()
    first = binding_set_cookies(client.get("/connexion"))
    assert len(first) == 1
    name_value, *attributes = [part.strip() for part in first[0].split(";")]
    name, value = name_value.split("=")
    assert name == "caf_navigateur" and HEX32.fullmatch(value)
    assert sorted(attributes) == ["Path=/", "SameSite=Strict"]  # readable by assets/session.js, no Max-Age
    other = app_with_binding().get("/connexion").cookies.get("caf_navigateur")
    assert other != value  # another browser, another value


def test_a_browser_that_has_one_keeps_it_and_a_value_of_the_wrong_form_is_replaced(plain_http):
    client = app_with_binding()
    client.cookies.set("caf_navigateur", "a" * 32)
    assert binding_set_cookies(client.get("/connexion")) == []
    client.cookies.set("caf_navigateur", "pas-une-valeur")
    assert HEX32.fullmatch(client.get("/connexion").cookies.get("caf_navigateur"))


def test_only_pages_set_it(plain_http):
    client = app_with_binding()
    assert binding_set_cookies(client.get("/data")) == []
    assert binding_set_cookies(client.post("/connexion")) == []


@pytest.mark.parametrize("how", ["scheme", "proxy", "public address"])
def test_over_https_it_is_a_secure_host_cookie(monkeypatch, how):
    public = "https://caf.example" if how == "public address" else "http://localhost:3000"
    monkeypatch.setattr(headers_api, "get_settings", lambda: SimpleNamespace(public_url=public))
    client = TestClient(app_with_binding().app, base_url="https://testserver" if how == "scheme" else "http://testserver")
    headers = {"X-Forwarded-Proto": "https"} if how == "proxy" else {}
    client.cookies.set("caf_navigateur", "b" * 32)  # a bare one may come from a sibling subdomain: it does not count
    lines = binding_set_cookies(client.get("/connexion", headers=headers))
    assert len(lines) == 1 and lines[0].startswith("__Host-caf_navigateur=")
    assert "; Secure" in lines[0] and "; Path=/" in lines[0] and "Domain" not in lines[0]


def scripts_of_the_head() -> list[str]:
    return re.findall(r'rx\.el\.script\(src="/([\w-]+\.js)"', (ROOT / "caf_app" / "caf_app.py").read_text())


def test_the_head_loads_every_script_of_assets_each_naming_its_python_side():
    modules = sorted(path.name for path in (ROOT / "assets").glob("*.js") if path.name != "sw.js")
    assert sorted(scripts_of_the_head()) == modules
    for name in modules:
        opening = (ROOT / "assets" / name).read_text().split("*/")[0]
        assert "Python side" in opening and re.search(r"caf_app/[\w/]+\.py", opening), name


def test_the_theme_comes_first_and_no_script_watches_the_whole_page_for_every_change():
    assert scripts_of_the_head()[0] == "theme.js"
    for path in (ROOT / "assets").glob("*.js"):
        text = path.read_text()
        # A subtree observer must name the attributes it waits for, or watch a part of the page (main).
        for target, options in re.findall(r"\.observe\((\w+(?:\.\w+)?), (\{[^}]*\})\)", text):
            if "subtree: true" in options and "attributeFilter" not in options:
                assert target not in ("document", "document.body", "document.documentElement", "root"), path.name


def test_a_refused_upload_s_body_is_read_to_its_end_and_dropped():
    """An answer sent before the body was read, then a closed connection, left nginx (still streaming the body)
    without the answer: a 502 now and then instead of the refusal (api/uploads.py drain)."""
    import asyncio

    from caf_app.api import uploads

    chunks = [{"type": "http.request", "body": b"x" * 1000, "more_body": True} for _ in range(5)]
    chunks.append({"type": "http.request", "body": b"", "more_body": False})
    given = list(chunks)

    async def receive():
        return given.pop(0)

    asyncio.run(uploads.drain(receive))
    assert given == []
    endless = iter(lambda: {"type": "http.request", "body": b"x" * (1024 * 1024), "more_body": True}, None)

    async def too_much():
        return next(endless)

    asyncio.run(uploads.drain(too_much))  # stops at the size the app accepts: a bounded read, nothing kept
