"""Passkeys with Chromium's virtual authenticator (DevTools protocol, WebAuthn domain): Florence activates the
login by fingerprint or face recognition, logs out, logs in with it without typing her NIR (and without the code
of a new device), sees it listed with its last use, removes it; the device's passkey then opens nothing. The
app is opened at localhost: a passkey belongs to a domain, never to an IP address."""

import re

from playwright.sync_api import expect

from tests.chromium import PHONE
from tests.personas import FLORENCE

from .conftest import DEMO_PASSWORD, log_in


def test_a_passkey_logs_in_without_the_nir_and_once_removed_opens_nothing(browser, app_port, base_url):
    context = browser.new_context(base_url=f"http://localhost:{app_port}", **PHONE)
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    devtools = context.new_cdp_session(page)
    devtools.send("WebAuthn.enable")
    authenticator = devtools.send("WebAuthn.addVirtualAuthenticator", {"options": {
        "protocol": "ctap2", "transport": "internal", "hasResidentKey": True, "hasUserVerification": True,
        "isUserVerified": True, "automaticPresenceSimulation": True}})["authenticatorId"]

    log_in(page, FLORENCE.nir, then="/gerer-mon-compte")
    confirm = page.get_by_label("Votre mot de passe, pour confirmer")
    activate = page.get_by_role("button", name="Activer la connexion par empreinte ou reconnaissance faciale")
    confirm.fill("pas le bon")
    activate.click()
    expect(page.locator("#mot_de_passe_cle-messages")).to_have_text("Ce n'est pas votre mot de passe actuel.")
    expect(confirm).to_be_focused()
    confirm.fill(DEMO_PASSWORD)
    activate.click()
    expect(page.get_by_role("status").filter(has_text="est activée sur cet appareil")).to_be_visible()
    keys = page.get_by_role("list", name="Mes clés d'accès").get_by_role("listitem")
    expect(keys).to_have_count(1)
    expect(keys.first).to_contain_text("dernière utilisation : jamais")
    stored = devtools.send("WebAuthn.getCredentials", {"authenticatorId": authenticator})["credentials"]
    assert len(stored) == 1 and stored[0]["isResidentCredential"]

    page.goto("/menu")
    page.get_by_role("button", name="Déconnexion").click()
    expect(page.get_by_role("heading", level=1, name="Connexion")).to_be_visible()
    page.get_by_role("button", name="Se connecter avec une clé d'accès").click()  # no NIR, no password, no code
    expect(page.get_by_role("heading", level=1, name=re.compile("Florence DUCHAIS"))).to_be_visible()
    counter = devtools.send("WebAuthn.getCredentials", {"authenticatorId": authenticator})["credentials"][0]
    assert counter["signCount"] >= 1

    page.goto("/gerer-mon-compte")
    expect(keys.first).not_to_contain_text("jamais")
    keys.first.get_by_role("button", name=re.compile("^Retirer")).click()
    expect(page.get_by_role("status").filter(has_text="Clé d'accès retirée")).to_be_visible()
    expect(keys).to_have_count(0)

    page.goto("/menu")
    page.get_by_role("button", name="Déconnexion").click()
    expect(page.get_by_role("status").filter(has_text="Vous êtes déconnecté(e).")).to_be_visible()
    page.get_by_role("button", name="Se connecter avec une clé d'accès").click()
    expect(page.get_by_role("alert")).to_contain_text("n'a pas été reconnue")
    expect(page.get_by_role("heading", level=1, name="Connexion")).to_be_visible()
    assert errors == []
    context.close()
