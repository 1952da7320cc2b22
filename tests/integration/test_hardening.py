"""Issue 15 (security hardening), points 1, 3, 4 and 8, on a real database through Starlette's test client: what
production refuses to start without, who the demo outbox answers, which origins may drive a tab, the guard in
front of /_upload, and the session cookie and logout. (Points 2, 5, 6 and 7: test_signup.py, test_recovery.py,
test_throttling.py; through nginx: tests/production/test_recipe.py.)"""

from __future__ import annotations

import pyotp
import pytest
from sqlmodel import Session
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import PlainTextResponse
from starlette.routing import Route
from starlette.testclient import TestClient

from caf_app import delivery
from caf_app.api import api, documents, gestion as gestion_routes, session as session_routes, uploads
from caf_app.deploy.recipe import Recipe
from caf_app.seed import demo_totp_secret
from caf_app.services.gestion import agents
from caf_app.services.identity import auth
from caf_app.settings import SettingsError, cors_origins, load_settings
from caf_app.state import outbox
from tests.messaging import SmsGateway
from tests.personas import ELISE

PROD = {"CAF_ENV": "prod", "CAF_SECRET_KEY": "s" * 40, "CAF_SMTP_HOST": "smtp.example.fr",
        "CAF_SMS_URL": "https://sms.example.fr/envoi"}


# Point 1: the demo outbox, and production that never falls back to it.

@pytest.mark.parametrize("missing", ["CAF_SMTP_HOST", "CAF_SMS_URL"])
def test_point1_prod_without_a_mail_server_or_an_sms_gateway_refuses_to_start(tmp_path, missing):
    env = {key: value for key, value in PROD.items() if key != missing}
    with pytest.raises(SettingsError, match=missing):
        load_settings({**env, "CAF_DATA_DIR": str(tmp_path)})
    assert load_settings({**PROD, "CAF_DATA_DIR": str(tmp_path)}).is_production


def test_point1_the_outbox_exists_only_when_a_local_demo_asks_for_it(tmp_path, monkeypatch):
    with pytest.raises(SettingsError, match="CAF_DEMO_OUTBOX"):
        load_settings({**PROD, "CAF_DEMO_OUTBOX": "1", "CAF_DATA_DIR": str(tmp_path)})
    assert not load_settings({"CAF_ENV": "demo", "CAF_DATA_DIR": str(tmp_path)}).outbox_page
    enabled = load_settings({"CAF_ENV": "demo", "CAF_DEMO_OUTBOX": "1", "CAF_DATA_DIR": str(tmp_path)})
    monkeypatch.setattr(outbox, "get_settings", lambda: enabled)
    assert outbox.outbox_open_to("127.0.0.1") and outbox.outbox_open_to("::1")
    for elsewhere in ("203.0.113.9", "192.168.1.20", ""):
        assert not outbox.outbox_open_to(elsewhere), elsewhere
    disabled = load_settings({"CAF_ENV": "demo", "CAF_DATA_DIR": str(tmp_path)})
    monkeypatch.setattr(outbox, "get_settings", lambda: disabled)
    assert not outbox.outbox_open_to("127.0.0.1")


def test_point1_an_sms_goes_through_the_configured_gateway(session, tmp_path):
    with SmsGateway() as gateway:
        settings = load_settings({"CAF_DATA_DIR": str(tmp_path), "CAF_SMS_URL": gateway.url,
                                  "CAF_SMS_TOKEN": gateway.token})
        delivery.send(delivery.Message("sms", "0612345678", "", "Votre code est 123456."), session=session,
                      settings=settings)
    assert gateway.received == [{"to": "0612345678", "text": "Votre code est 123456."}]


def test_point1_the_recipe_runs_in_prod_unless_told_and_never_routes_the_outbox(monkeypatch, tmp_path):
    monkeypatch.delenv("CAF_ENV", raising=False)
    recipe = Recipe.from_environment()
    assert recipe.environment == "prod"
    conf = recipe.nginx_conf()
    assert "location /dev/ {\n            return 404;" in conf and "dev/)" not in conf
    with pytest.raises(SettingsError):  # prod without its secret, mail server and SMS gateway: stops at once
        Recipe(root=tmp_path, extra_env={"CAF_SECRET_KEY": ""}).check_settings()


# Point 3: the origins a tab may come from.

def test_point3_only_the_service_origin_may_open_the_websocket():
    assert cors_origins({"CAF_ENV": "prod", "CAF_PUBLIC_URL": "https://mon-compte.example.fr/"}) == (
        "https://mon-compte.example.fr",)
    demo = cors_origins({"CAF_ENV": "demo", "CAF_WEBAUTHN_ORIGIN": "http://localhost:4000"})
    assert "http://localhost:4000" in demo and "http://127.0.0.1:4000" in demo
    assert "*" not in demo and not any("evil" in origin for origin in demo)


# Point 4: the guard in front of /_upload.

@pytest.fixture
def guarded(engine, seeded, monkeypatch):
    """upload_guard in front of an app that records whether a request reached it and how much it read."""
    monkeypatch.setattr(session_routes, "engine", lambda: engine)  # the guard checks the session as routes do
    reached = []

    async def upload(request: Request):
        reached.append(len(await request.body()))
        return PlainTextResponse("ok")

    app = uploads.upload_guard(Starlette(routes=[Route("/_upload", upload, methods=["POST"])]))
    return TestClient(app, base_url="http://localhost:3000"), reached


def live_token(engine) -> str:
    with Session(engine) as session:
        ticket = auth.login(session=session, identifier=ELISE.nir, password="Allocataire2026", provisional=False,
                            secret=load_settings().secret_key).ticket
        return auth.exchange_ticket(session=session, ticket=ticket, secret=load_settings().secret_key)


def test_point4_an_upload_without_a_live_session_is_refused_before_its_body_is_read(guarded):
    client, reached = guarded
    client.cookies.set("caf_session", "une-session-inventee")
    refused = client.post("/_upload", content=b"x" * 1000, headers={"Origin": "http://localhost:3000",
                                                                    "Reflex-Client-Token": "jeton-invente"})
    assert refused.status_code == 401 and "session" in refused.text
    assert reached == []


def test_point4_an_upload_from_another_origin_or_too_large_is_refused(guarded, engine):
    client, reached = guarded
    client.cookies.set("caf_session", live_token(engine))
    assert client.post("/_upload", content=b"x", headers={"Origin": "https://evil.example"}).status_code == 403
    too_large = {"Origin": "http://localhost:3000", "Content-Length": str(uploads.MAX_UPLOAD_BYTES + 1)}
    assert client.post("/_upload", content=b"x", headers=too_large).status_code == 413
    assert reached == []
    assert client.post("/_upload", content=b"x" * 10, headers={"Origin": "http://localhost:3000"}).text == "ok"
    assert reached == [10]


def test_point4_a_partner_s_live_session_may_upload_an_agent_s_or_an_ended_one_may_not(guarded, engine, monkeypatch):
    """AFAS (issue 23): a partner's staff member sends documents for an allocataire through the same guard."""
    monkeypatch.setattr(gestion_routes, "engine", lambda: engine)
    client, reached = guarded
    with Session(engine) as session:
        partner = agents.authenticate(session=session, login="asso.marseille", password="Allocataire2026",
                                      code=pyotp.TOTP(demo_totp_secret("asso.marseille")).now(), client="",
                                      secret=load_settings().secret_key, partner=True)
        agent = agents.authenticate(session=session, login="agent.13", password="Allocataire2026",
                                    code=pyotp.TOTP(demo_totp_secret("agent.13")).now(), client="",
                                    secret=load_settings().secret_key)
    origin = {"Origin": "http://localhost:3000"}
    client.cookies.set("caf_agent", agent)
    assert client.post("/_upload", content=b"x", headers=origin).status_code == 401
    client.cookies.clear()
    client.cookies.set("caf_partenaire", agent)  # an agent's token under the partners' cookie: nobody there
    assert client.post("/_upload", content=b"x", headers=origin).status_code == 401
    client.cookies.set("caf_partenaire", partner)
    assert client.post("/_upload", content=b"x" * 10, headers=origin).text == "ok"
    with Session(engine) as session:
        agents.logout(session=session, token=partner, secret=load_settings().secret_key)
    assert client.post("/_upload", content=b"x", headers=origin).status_code == 401
    assert reached == [10]


# Point 8: the session cookie, and logout.

@pytest.fixture
def client(engine, seeded, monkeypatch):
    for module in (session_routes, documents):
        monkeypatch.setattr(module, "engine", lambda: engine)
    return TestClient(api, base_url="http://testserver", follow_redirects=False)


def opened(client, engine, *, https: bool = False):
    browser = "a" * 32
    with Session(engine) as session:
        account = auth.check_password(session=session, identifier=ELISE.nir, password="Allocataire2026",
                                      provisional=False, secret=load_settings().secret_key)
        ticket = auth.open_session(session=session, account=account, secret=load_settings().secret_key,
                                   browser=browser).ticket
    client.cookies.set("__Host-caf_navigateur" if https else "caf_navigateur", browser)
    headers = {"Sec-Fetch-Site": "same-origin", **({"X-Forwarded-Proto": "https"} if https else {})}
    return client.get(f"/api/session/ouvrir?ticket={ticket}", headers=headers)


def is_live(engine, token: str) -> bool:
    with Session(engine) as session:
        return auth.session_actor(session=session, token=token, secret=load_settings().secret_key) is not None


def test_point8_the_session_cookie_ends_with_the_browser(client, engine):
    response = opened(client, engine)
    cookie = next(line for line in response.headers.get_list("set-cookie") if line.startswith("caf_session="))
    assert "HttpOnly" in cookie and "Max-Age" not in cookie and "expires" not in cookie.lower()
    assert "caf_nouvelle_session=garder" in response.headers.get("set-cookie")  # a new tab state follows


def test_point8_over_https_the_session_cookie_is_host_prefixed_and_a_bare_one_counts_for_nothing(client, engine):
    response = opened(client, engine, https=True)
    cookie = next(line for line in response.headers.get_list("set-cookie")
                  if line.startswith("__Host-caf_session="))
    assert "Secure" in cookie and "Path=/" in cookie and "Domain" not in cookie
    token = response.cookies["__Host-caf_session"]
    bare = Request({"type": "http", "scheme": "http", "path": "/", "query_string": b"", "server": ("testserver", 80),
                    "headers": [(b"x-forwarded-proto", b"https"),
                                                                   (b"cookie", f"caf_session={token}".encode())]})
    assert session_routes.request_session_token(bare) == ""


def test_point8_another_site_cannot_log_a_person_out(client, engine):
    opened(client, engine)
    token = client.cookies.get("caf_session")
    for headers, binding in (({"Sec-Fetch-Site": "cross-site"}, True), ({"Sec-Fetch-Site": "same-site"}, True),
                             ({}, False)):  # an older browser, led by another site: no SameSite=Strict cookie
        if not binding:
            client.cookies.delete("caf_navigateur")
        response = client.get("/api/session/fermer", headers=headers)
        assert response.status_code == 303 and response.headers["location"] == "/mon-compte"
        assert is_live(engine, token), headers
    client.cookies.set("caf_navigateur", "a" * 32)
    response = client.get("/api/session/fermer")  # the app's own logout, from an older browser
    assert response.headers["location"] == "/connexion?motif=deconnexion" and not is_live(engine, token)
