"""The server routes on a real database through Starlette's test client: what another site makes the browser
send (Sec-Fetch-Site: cross-site) neither opens a session nor downloads a document (which records a reference)."""

from __future__ import annotations

import io

import pytest
from pypdf import PdfReader
from sqlmodel import Session, func, select
from starlette.testclient import TestClient

from caf_app import models as m
from caf_app.api import api, documents, session as session_routes
from caf_app.services.identity import auth
from caf_app.settings import get_settings
from tests.personas import ELISE


@pytest.fixture
def client(engine, seeded, monkeypatch):
    for module in (session_routes, documents):
        monkeypatch.setattr(module, "engine", lambda: engine)
    return TestClient(api, base_url="http://testserver", follow_redirects=False)


def ticket(engine) -> str:
    with Session(engine) as session:
        return auth.login(session=session, identifier=ELISE.nir, password="Allocataire2026", provisional=False,
                          secret=get_settings().secret_key).ticket


def count(engine, table) -> int:
    with Session(engine) as session:
        return session.exec(select(func.count()).select_from(table)).one()


def test_a_ticket_sent_from_another_site_opens_no_session(client, engine):
    response = client.get(f"/api/session/ouvrir?ticket={ticket(engine)}", headers={"Sec-Fetch-Site": "cross-site"})
    assert response.status_code == 303 and response.headers["location"] == "/connexion?erreur=session"
    assert "caf_session" not in response.headers.get("set-cookie", "")


def test_from_the_app_the_ticket_opens_the_session_and_the_attestation_downloads(client, engine):
    response = client.get(f"/api/session/ouvrir?ticket={ticket(engine)}&suivant=/attestations",
                          headers={"Sec-Fetch-Site": "same-origin"})
    assert response.status_code == 303 and response.headers["location"] == "/attestations"
    client.cookies.set("caf_session", response.cookies["caf_session"])
    before, demarches = count(engine, m.AttestationReference), count(engine, m.Demarche)
    download = client.get("/api/documents/attestation-paiement?type=dernier", headers={"Sec-Fetch-Site": "same-origin"})
    assert download.status_code == 200 and download.content.startswith(b"%PDF")
    assert download.headers["content-disposition"].startswith("attachment")
    assert count(engine, m.AttestationReference) == before + 1  # the reference is recorded
    assert count(engine, m.Demarche) == demarches  # and is no démarche (Suivre mes démarches is left alone)
    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(download.content)).pages)
    assert "Vérifiez cette attestation sur" in text and "http://testserver/verifier-une-attestation" in text

    elsewhere = client.get("/api/documents/attestation-paiement?type=dernier",
                           headers={"Sec-Fetch-Site": "cross-site"})
    assert elsewhere.status_code == 403 and "depuis votre espace Mon Compte" in elsewhere.text
    assert count(engine, m.AttestationReference) == before + 1  # nothing more recorded


def test_without_franceconnect_configured_its_routes_lead_back_to_connexion(client):
    """A server without FranceConnect+ settings: no keys published, and its routes say so in plain words."""
    assert not get_settings().fc_enabled
    assert client.get("/api/franceconnect/jwks").status_code == 404
    for route in ("/api/franceconnect/connexion", "/api/franceconnect/retour?code=x&state=y"):
        response = client.get(route)
        assert response.status_code == 303 and response.headers["location"] == "/connexion?franceconnect=erreur"


def bound_ticket(engine, browser: str) -> str:
    """A ticket as the Connexion page makes it: tied to the binding cookie of the browser that logged in."""
    with Session(engine) as session:
        account = auth.check_password(session=session, identifier=ELISE.nir, password="Allocataire2026",
                                      provisional=False, secret=get_settings().secret_key)
        return auth.open_session(session=session, account=account, secret=get_settings().secret_key,
                                 browser=browser).ticket


@pytest.mark.parametrize("presented", [None, "b" * 32], ids=["sans cookie", "un autre navigateur"])
def test_a_ticket_opens_a_session_only_in_the_browser_that_logged_in(client, engine, presented):
    """Login CSRF without Sec-Fetch-Site (an older browser): the attacker's own ticket, taken by the victim's
    browser, opens nothing; in the browser that logged in, it does."""
    ticket = bound_ticket(engine, "a" * 32)
    if presented:
        client.cookies.set("caf_navigateur", presented)
    refused = client.get(f"/api/session/ouvrir?ticket={ticket}")
    assert refused.status_code == 303 and refused.headers["location"] == "/connexion?erreur=session"
    assert "caf_session" not in refused.headers.get("set-cookie", "")
    client.cookies.set("caf_navigateur", "a" * 32)
    opened = client.get(f"/api/session/ouvrir?ticket={ticket}")
    assert opened.headers["location"] == "/mon-compte" and opened.cookies.get("caf_session")
    assert client.get(f"/api/session/ouvrir?ticket={ticket}").cookies.get("caf_session") is None  # single use


def test_a_tab_without_the_binding_cookie_gets_a_ticket_that_opens_nothing(client, engine):
    ticket = bound_ticket(engine, "")
    client.cookies.set("caf_navigateur", "")
    assert client.get(f"/api/session/ouvrir?ticket={ticket}").headers["location"] == "/connexion?erreur=session"
