"""Installable and usable offline: the manifest, Chromium's installability check, the offline shell."""

import re

import sqlalchemy
from playwright.sync_api import expect

from tests.chromium import CHROMIUM_ARGS, chromium_path
from tests.personas import ELISE, SAMIR

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
    log_in(page, SAMIR.nir)  # Samir
    expect(page.get_by_text("497,01 €")).to_be_visible()
    page.wait_for_function("navigator.serviceWorker.ready.then(() => !!navigator.serviceWorker.controller)")
    page.reload()  # a second load: the worker now holds this page and its bundles
    expect(page.get_by_text("497,01 €")).to_be_visible()
    page.console_errors.offline = True  # the browser logs its failed reconnections
    page.context.set_offline(True)
    page.reload()
    expect(page.get_by_role("navigation", name="Navigation principale")).to_be_visible()
    expect(page.locator("#hors-ligne")).to_have_text(re.compile("^Vous êtes hors ligne : les informations "
                                                                "affichées datent du"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Bonjour Samir GHOMDI")
    summary = page.get_by_role("region", name="Dernier résumé connu de Samir GHOMDI")
    expect(summary).to_contain_text(re.compile(r"Mon dernier paiement le \d\d/\d\d/\d{4} : 497,01\s€"))
    expect(summary.get_by_role("listitem").filter(has_text=re.compile("^Information manquante"))).to_be_visible()
    expect(summary.get_by_text("Attestation de loyer (avant le")).to_be_visible()
    page.context.set_offline(False)  # no reload: the tab reconnects and loads the dossier by itself
    expect(page.locator("#hors-ligne")).to_be_hidden(timeout=30_000)
    expect(page.get_by_role("heading", level=1, name="Bonjour Samir GHOMDI")).to_be_visible()
    expect(page.get_by_text("497,01 €")).to_be_visible()
    expect(summary).to_be_hidden()


def test_after_logout_nothing_private_shows_offline(page):
    log_in(page, SAMIR.nir)  # Samir
    expect(page.get_by_text("497,01 €")).to_be_visible()
    page.wait_for_function("navigator.serviceWorker.ready.then(() => !!navigator.serviceWorker.controller)")
    page.reload()
    expect(page.get_by_text("497,01 €")).to_be_visible()
    assert page.evaluate("localStorage.getItem('caf_resume')") is not None
    page.goto("/menu")
    expect(page.get_by_role("heading", level=1, name="Menu")).to_be_visible()
    page.get_by_role("button", name="Déconnexion").click()
    expect(page.get_by_role("heading", level=1, name="Connexion")).to_be_visible()
    page.console_errors.offline = True  # the browser logs its failed reconnections
    page.context.set_offline(True)
    page.goto("/mon-compte")
    expect(page.locator("#hors-ligne")).to_be_visible()
    expect(page.get_by_text("Votre dossier s'affichera au retour de la connexion.")).to_be_visible()
    expect(page.get_by_text("497,01 €")).to_have_count(0)
    expect(page.get_by_role("heading", level=1)).not_to_contain_text("Samir")
    assert page.evaluate("localStorage.getItem('caf_resume')") is None
    page.context.set_offline(False)


def test_a_summary_past_the_session_end_is_not_shown(page):
    log_in(page, SAMIR.nir)  # Samir
    expect(page.get_by_text("497,01 €")).to_be_visible()
    page.evaluate("""() => { const s = JSON.parse(localStorage.getItem('caf_resume'));
                             s.until = Date.now() - 1000; localStorage.setItem('caf_resume', JSON.stringify(s)); }""")
    assert page.evaluate("window.cafOfflineSummary('paiement')") == ""
    assert page.evaluate("localStorage.getItem('caf_resume')") is None


def test_the_install_button_follows_the_browser_offer(page):
    """The browser's offer usually comes on the first page, before the Menu and its button exist."""
    log_in(page, SAMIR.nir)  # Samir
    page.evaluate("""() => { const offer = new Event('beforeinstallprompt');
                             offer.prompt = () => { window.installAsked = true; };
                             window.dispatchEvent(offer); }""")
    page.get_by_role("navigation", name="Navigation principale").get_by_role("link", name="Menu").click()
    install = page.get_by_role("button", name="Installer l'application")
    expect(install).to_be_visible()
    expect(page.get_by_text("Sur l'écran d'accueil", exact=False)).to_be_hidden()  # not an iPhone
    install.click()
    assert page.evaluate("window.installAsked") is True
    page.evaluate("window.dispatchEvent(new Event('appinstalled'))")
    expect(install).to_be_hidden()


def test_on_an_iphone_the_menu_explains_sur_l_ecran_d_accueil(browser, base_url):
    context = browser.new_context(base_url=base_url, viewport={"width": 390, "height": 844}, is_mobile=True,
                                  has_touch=True, user_agent="Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) "
                                  "AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.0 Mobile/15E148 Safari/604.1")
    page = context.new_page()
    log_in(page, SAMIR.nir, then="/menu")
    expect(page.get_by_text("touchez le bouton Partager, puis « Sur l'écran d'accueil »")).to_be_visible()
    expect(page.get_by_role("button", name="Installer l'application")).to_be_hidden()
    context.close()


def test_offline_a_document_link_says_it_must_wait_and_nothing_private_is_cached(page):
    log_in(page, SAMIR.nir)  # Samir
    expect(page.get_by_text("497,01 €")).to_be_visible()
    page.wait_for_function("navigator.serviceWorker.ready.then(() => !!navigator.serviceWorker.controller)")
    with page.expect_download() as download:  # online, the relevé comes (and must not be kept by the worker)
        page.get_by_role("link", name="Mon relevé de compte (PDF)").click()
    assert download.value.suggested_filename.startswith("releve-de-compte-")
    page.console_errors.offline = True  # the browser logs its failed reconnections
    page.context.set_offline(True)
    expect(page.locator("#hors-ligne")).to_be_visible()
    page.get_by_role("link", name="Mon relevé de compte (PDF)").click()
    expect(page.get_by_role("alert").filter(has_text="ce document pourra être téléchargé quand la connexion "
                                                     "sera revenue")).to_be_visible()
    page.context.set_offline(False)
    expect(page.get_by_role("alert").filter(has_text="ce document pourra")).to_have_count(0)
    cached = page.evaluate("""async () => {
        const names = await caches.keys();
        const urls = [];
        for (const name of names) {
            for (const request of await (await caches.open(name)).keys()) { urls.push(new URL(request.url).pathname); }
        }
        return {names, urls};
    }""")
    assert len(cached["names"]) == 1 and re.fullmatch(r"caf-[0-9a-f]+", cached["names"][0]), cached["names"]
    assert [u for u in cached["urls"] if re.match(r"/(api|_event|_upload|dev)(/|$)", u)] == []
    assert {"/pictos/salaires.svg", "/apple-touch-icon.png", "/hors-ligne.html", "/demarches/transmettre/",
            "/mes-ressources/"} <= set(cached["urls"])
    assert any(u.startswith("/assets/entry.client-") for u in cached["urls"])
    # The scripts of assets/ the head names (theme.js, session.js...): the worker reads them from the pages.
    scripts = page.evaluate("[...document.querySelectorAll('head script[src]')].map(s => s.getAttribute('src'))"
                            ".filter(src => !src.startsWith('/assets/'))")
    assert len(scripts) > 1 and set(scripts) <= set(cached["urls"]), scripts
    # The other pages come once a page has been quiet for 10 s; here at once.
    page.evaluate("navigator.serviceWorker.controller.postMessage('plus-tard')")
    page.wait_for_function("""async () => {
        for (const name of await caches.keys()) {
            if (await (await caches.open(name)).match('/dettes/')) return true;
        }
        return false;
    }""", polling=200)


def test_an_answer_given_offline_reaches_the_server_when_the_connection_returns(page, app_db, drafts_kept):
    log_in(page, ELISE.nir, then="/declaration/prime-activite")  # Elise
    expect(page.get_by_role("heading", level=1, name="Ma déclaration trimestrielle de ressources")).to_be_visible()
    page.console_errors.offline = True  # the browser logs its failed reconnections
    page.context.set_offline(True)
    expect(page.locator("#hors-ligne")).to_be_visible()
    page.get_by_role("group", name=re.compile("situation familiale a-t-elle changé")).get_by_label(
        "Non", exact=True).check()
    page.get_by_role("button", name="Continuer").click()
    page.context.set_offline(False)
    expect(page.locator("#hors-ligne")).to_be_hidden(timeout=30_000)
    expect(page.get_by_role("heading", name="Vos ressources")).to_be_visible()
    with app_db.connect() as connection:
        answers = connection.execute(sqlalchemy.text(
            "SELECT d.answers_json FROM declarationtrimestrielle d JOIN member m ON m.dossier_id = d.dossier_id "
            "JOIN person p ON p.id = m.person_id WHERE p.nir = '2900513055031' AND d.status = 'brouillon' "
            "AND d.prestation = 'prime_activite'")).scalar()
    assert '"situation": "non"' in answers.replace("'", '"'), answers
