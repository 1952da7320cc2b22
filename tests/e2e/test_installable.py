"""Installable and usable offline: the manifest, Chromium's installability check, the offline shell."""

import re

from playwright.sync_api import expect

from tests.chromium import CHROMIUM_ARGS, chromium_path

from .conftest import log_in


def test_the_manifest_has_every_field_field_by_field(page):
    manifest = page.request.get("/manifest.webmanifest").json()
    assert manifest["lang"] == "fr" and manifest["display"] == "standalone" and manifest["scope"] == "/"
    assert manifest["start_url"].startswith("/mon-compte/") and manifest["short_name"] == "Mon Compte"
    assert manifest["theme_color"] == "#0b4f6c" and manifest["background_color"] == "#ffffff"
    assert manifest["orientation"] == "portrait"
    sizes = {(icon["sizes"], icon["purpose"]) for icon in manifest["icons"]}
    assert {("192x192", "any"), ("512x512", "any"), ("512x512", "maskable")} <= sizes
    for icon in manifest["icons"]:
        assert page.request.get(icon["src"]).headers["content-type"] == "image/png"
    assert [s["name"] for s in manifest["shortcuts"]] == ["Mes paiements", "Transmettre un document",
                                                          "Ma déclaration trimestrielle"]


def test_chromium_reports_the_app_installable(playwright, base_url, tmp_path):
    # A profile on disk: Chromium never offers to install from an incognito-like context.
    context = playwright.chromium.launch_persistent_context(tmp_path / "profil", executable_path=chromium_path(),
                                                           args=CHROMIUM_ARGS, base_url=base_url)
    page = context.new_page()
    page.goto("/")
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    page.wait_for_function("navigator.serviceWorker.ready.then(() => true)")
    cdp = page.context.new_cdp_session(page)
    errors = cdp.send("Page.getInstallabilityErrors")["installabilityErrors"]
    assert errors == [], errors
    head = page.locator("head")
    expect(head.locator("link[rel=apple-touch-icon]")).to_have_count(1)
    expect(head.locator("meta[name=apple-mobile-web-app-title]")).to_have_attribute("content", "Mon Compte")
    context.close()


def test_offline_the_shell_and_the_banner_show_then_the_data_comes_back(page):
    log_in(page, "1920792050077")  # Samir
    expect(page.get_by_text("497,01 €")).to_be_visible()
    page.wait_for_function("navigator.serviceWorker.ready.then(() => !!navigator.serviceWorker.controller)")
    page.reload()  # a second load: the worker now holds this page and its bundles
    expect(page.get_by_text("497,01 €")).to_be_visible()
    page.context.set_offline(True)
    page.reload()
    expect(page.get_by_role("navigation", name="Navigation principale")).to_be_visible()
    expect(page.locator("#hors-ligne")).to_have_text(re.compile("^Vous êtes hors ligne : les informations "
                                                                "affichées datent du"))
    summary = page.get_by_role("region", name="Dernier résumé connu de Samir GHOMDI")
    expect(summary).to_contain_text(re.compile(r"Mon dernier paiement le \d\d/\d\d/\d{4} : 497,01\s€"))
    expect(summary.get_by_role("listitem").filter(has_text=re.compile("^Information manquante"))).to_be_visible()
    expect(summary.get_by_text("Attestation de loyer (avant le")).to_be_visible()
    page.context.set_offline(False)  # no reload: the tab reconnects and loads the dossier by itself
    expect(page.locator("#hors-ligne")).to_be_hidden(timeout=30_000)
    expect(page.get_by_role("heading", level=1, name="Bonjour Samir GHOMDI")).to_be_visible()
    expect(page.get_by_text("497,01 €")).to_be_visible()
    expect(summary).to_be_hidden()
    # Offline, the browser logs its failed websocket attempts: expected here, and nothing else may remain.
    offline = [e for e in page.console_errors if "ERR_INTERNET_DISCONNECTED" in e]
    for error in offline:
        page.console_errors.remove(error)


def test_after_logout_nothing_private_shows_offline(page):
    log_in(page, "1920792050077")  # Samir
    expect(page.get_by_text("497,01 €")).to_be_visible()
    page.wait_for_function("navigator.serviceWorker.ready.then(() => !!navigator.serviceWorker.controller)")
    page.reload()
    expect(page.get_by_text("497,01 €")).to_be_visible()
    assert page.evaluate("localStorage.getItem('caf_resume')") is not None
    page.goto("/menu")
    expect(page.get_by_role("heading", level=1, name="Menu")).to_be_visible()
    page.get_by_role("button", name="Déconnexion").click()
    expect(page.get_by_role("heading", level=1, name="Connexion")).to_be_visible()
    page.context.set_offline(True)
    page.goto("/mon-compte")
    expect(page.locator("#hors-ligne")).to_be_visible()
    expect(page.get_by_text("Votre dossier s'affichera au retour de la connexion.")).to_be_visible()
    expect(page.get_by_text("497,01 €")).to_have_count(0)
    assert page.evaluate("localStorage.getItem('caf_resume')") is None
    page.context.set_offline(False)
    for error in [e for e in page.console_errors if "ERR_INTERNET_DISCONNECTED" in e]:
        page.console_errors.remove(error)


def test_a_summary_past_the_session_end_is_not_shown(page):
    log_in(page, "1920792050077")  # Samir
    expect(page.get_by_text("497,01 €")).to_be_visible()
    page.evaluate("""() => { const s = JSON.parse(localStorage.getItem('caf_resume'));
                             s.until = Date.now() - 1000; localStorage.setItem('caf_resume', JSON.stringify(s)); }""")
    assert page.evaluate("window.cafOfflineSummary('paiement')") == ""
    assert page.evaluate("localStorage.getItem('caf_resume')") is None
