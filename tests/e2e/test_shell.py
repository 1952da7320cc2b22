"""The shell on a phone and on a desktop: navigation, contrast, skip link, 320 px, titles."""

import re

import pytest
from playwright.sync_api import expect

from tests.chromium import PHONE
from tests.personas import DEMO_PASSWORD, JONAS

from .conftest import MAILBOXES, log_in, pass_device_check, submit_login

PAGES = ["/", "/connexion", "/mon-compte", "/allocations", "/demarches", "/profil", "/menu"]


def bottom_nav(page):
    return page.get_by_role("navigation", name="Navigation principale")


def test_logged_out_visitor_of_a_private_page_is_sent_to_connexion_then_back(page):
    page.goto("/allocations")
    expect(page.get_by_role("heading", level=1, name="Connexion")).to_be_visible()
    assert "suivant=/allocations" in page.url
    sent_before = len(MAILBOXES[0].messages)
    page.get_by_label("Numéro de Sécurité sociale").fill(JONAS.nir)
    page.get_by_label("Mot de passe").fill("Allocataire2026")
    page.get_by_role("button", name="Se connecter", exact=True).click()
    pass_device_check(page, JONAS.nir, sent_before)
    expect(page.get_by_role("heading", level=1, name="Mes allocations")).to_be_visible()


def test_bottom_navigation_has_five_entries_in_order_and_marks_the_current_page(page):
    log_in(page, JONAS.nir)
    links = bottom_nav(page).get_by_role("link")
    expect(links).to_have_text([re.compile(f"^{label}") for label in
                                ("Accueil", "Allocations", "Démarches", "Profil", "Menu")])
    expect(links.nth(0)).to_have_attribute("aria-current", "page")
    for index, heading in [(1, "Mes allocations"), (2, "Mes démarches"), (3, "Mon profil"), (4, "Menu"),
                           (0, "Bonjour Jonas DUCHAIS")]:
        links.nth(index).click()
        expect(page.get_by_role("heading", level=1)).to_have_text(heading)
        expect(links.nth(index)).to_have_attribute("aria-current", "page")
        expect(bottom_nav(page).locator("[aria-current]")).to_have_count(1)


def test_on_a_desktop_the_header_carries_the_five_sections_once_logged_in_and_none_is_current_on_connexion(
        desktop_page):
    """Issue « Every screen as a polished public-service app », point 6."""
    page = desktop_page
    page.goto("/connexion")
    expect(page.get_by_role("heading", level=1, name="Connexion")).to_be_visible()
    expect(page.locator("[aria-current='page']")).to_have_count(0)  # Connexion is none of the sections
    public = page.get_by_role("navigation", name="Rubriques", exact=True)
    expect(public.get_by_role("link", name="Actualités")).to_be_visible()
    log_in(page, JONAS.nir)
    sections = page.get_by_role("navigation", name="Rubriques de Mon Compte")
    links = sections.get_by_role("link")
    expect(links).to_have_text([re.compile(f"^{label}") for label in
                                ("Accueil", "Allocations", "Démarches", "Profil", "Menu")])
    # No magazine links once logged in.
    expect(page.get_by_role("navigation", name="Rubriques", exact=True)).to_have_count(0)
    expect(page.get_by_role("link", name="Le magazine Vies de famille")).to_have_count(0)
    for index, heading in [(1, "Mes allocations"), (3, "Mon profil"), (0, "Bonjour Jonas DUCHAIS")]:
        links.nth(index).click()
        expect(page.get_by_role("heading", level=1)).to_have_text(heading)
        expect(links.nth(index)).to_have_attribute("aria-current", "page")
        expect(sections.locator("[aria-current]")).to_have_count(1)


def test_bottom_navigation_is_reachable_with_the_keyboard(page):
    log_in(page, JONAS.nir)
    allocations = bottom_nav(page).get_by_role("link", name="Allocations")
    for _ in range(60):
        page.keyboard.press("Tab")
        if allocations.evaluate("el => el === document.activeElement"):
            break
    expect(allocations).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1, name="Mes allocations")).to_be_visible()


def test_bottom_navigation_never_covers_the_end_of_the_page(page):
    log_in(page, JONAS.nir)
    expect(page.get_by_text("132,08 €")).to_be_visible()
    page.evaluate("window.scrollTo(0, document.documentElement.scrollHeight)")
    page.wait_for_function("window.scrollY + window.innerHeight >= document.documentElement.scrollHeight - 1")
    footer = page.get_by_role("contentinfo")
    nav_top = bottom_nav(page).bounding_box()["y"]
    box = footer.bounding_box()
    assert box["y"] + box["height"] <= nav_top + 1


def test_accueil_shows_the_last_payment_of_jonas(page):
    # His alert, and how it goes once he declares, are in test_declaration (one shared database).
    log_in(page, JONAS.nir)
    expect(page.get_by_role("heading", level=1, name="Bonjour Jonas DUCHAIS")).to_be_visible()
    expect(page.get_by_text("132,08 €")).to_be_visible()
    expect(page.get_by_role("heading", name="Mes alertes")).to_be_visible()


def test_a_wrong_password_gets_one_message_that_does_not_say_which_was_wrong(page):
    submit_login(page, JONAS.nir, "Mauvais2026pas")
    expect(page.get_by_role("alert")).to_have_text(re.compile("Identifiant ou mot de passe incorrect"))


def test_a_malformed_nir_gets_its_message_next_to_the_field(page):
    page.goto("/connexion")
    page.get_by_label("Numéro de Sécurité sociale").fill("12345")
    page.get_by_label("Mot de passe").fill("x")
    page.get_by_role("button", name="Se connecter", exact=True).click()
    field = page.get_by_label("Numéro de Sécurité sociale")
    expect(field).to_have_attribute("aria-invalid", "true")
    expect(page.locator("#identifiant-messages")).to_have_text(re.compile("13 caractères"))


def test_contrast_theme_survives_a_reload_and_a_new_visit(page):
    page.goto("/")
    button = page.get_by_role("button", name="Contraste")
    expect(button).to_have_attribute("aria-pressed", "false")
    button.click()
    expect(page.locator("html")).to_have_attribute("data-contrast", "eleve")
    page.reload()
    expect(page.locator("html")).to_have_attribute("data-contrast", "eleve")
    expect(page.get_by_role("button", name="Contraste")).to_have_attribute("aria-pressed", "true")
    page.goto("/connexion")
    expect(page.locator("html")).to_have_attribute("data-contrast", "eleve")
    background = page.evaluate("getComputedStyle(document.body).backgroundColor")
    assert background == "rgb(0, 0, 0)"
    page.get_by_role("button", name="Contraste").click()
    expect(page.locator("html")).not_to_have_attribute("data-contrast", "eleve")


def test_skip_link_is_first_and_moves_focus_to_the_content(page):
    page.goto("/")
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Aller au contenu")
    expect(skip).to_be_focused()
    expect(skip).to_be_visible()
    page.keyboard.press("Enter")
    expect(page.locator("main")).to_be_focused()


@pytest.mark.parametrize("path", PAGES)
def test_no_horizontal_scroll_at_320_px_and_one_h1(browser, base_url, path):
    context = browser.new_context(base_url=base_url, viewport={"width": 320, "height": 640}, is_mobile=True)
    page = context.new_page()
    if path not in ("/", "/connexion"):
        log_in(page, JONAS.nir, then=path)
    else:
        page.goto(path)
    expect(page.get_by_role("heading", level=1)).to_have_count(1)
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    context.close()


def test_every_page_has_its_own_title_and_lang_fr(page):
    log_in(page, JONAS.nir)
    titles = set()
    for path in PAGES:
        page.goto(path)
        expect(page.get_by_role("heading", level=1)).to_be_visible()
        assert page.evaluate("document.documentElement.lang") == "fr"
        titles.add(page.title())
    assert len(titles) == len(PAGES)


def test_every_page_says_it_is_an_independent_demonstration(page):
    for path in ("/", "/connexion"):
        page.goto(path)
        expect(page.get_by_role("note").first).to_contain_text("Service de démonstration indépendant")


def test_desktop_has_the_caf_header_and_no_bottom_bar(desktop_page):
    page = desktop_page
    page.goto("/")
    spaces = page.get_by_role("navigation", name="Espaces")
    expect(spaces.get_by_role("link", name="Allocataires")).to_be_visible()
    expect(spaces.get_by_role("link", name="Professionnels")).to_be_visible()
    rubriques = page.get_by_role("navigation", name="Rubriques").get_by_role("link")
    expect(rubriques).to_have_text(["Accueil", "Actualités", "Aides et démarches", "Ma Caf",
                                    "Le magazine Vies de famille"])
    expect(page.get_by_role("button", name="Contraste")).to_be_visible()
    expect(page.get_by_role("link", name="Mon Compte", exact=True)).to_be_visible()
    expect(page.get_by_role("navigation", name="Navigation principale")).to_be_hidden()
    for block in ("Vie personnelle", "Vie professionnelle", "Logement", "Handicap", "Accidents de vie"):
        expect(page.get_by_role("heading", name=block, exact=True)).to_be_visible()
    expect(page.get_by_role("heading", name="Que souhaitez-vous faire aujourd'hui ?")).to_be_visible()
    expect(page.get_by_role("heading", name="Vous avez des questions ?")).to_be_visible()


def test_logout_ends_the_session_and_private_pages_ask_to_log_in_again(page):
    log_in(page, JONAS.nir)
    page.goto("/menu")
    expect(page.get_by_role("heading", level=1, name="Menu")).to_be_visible()
    tab_state_before = page.evaluate("JSON.stringify(Object.assign({}, sessionStorage))")
    page.get_by_role("button", name="Déconnexion").click()
    expect(page.get_by_role("status")).to_have_text("Vous êtes déconnecté(e).")
    # A new tab state: the next person in this tab never receives the previous one's data.
    assert page.evaluate("JSON.stringify(Object.assign({}, sessionStorage))") != tab_state_before
    page.go_back()
    expect(page.get_by_role("heading", level=1, name="Connexion")).to_be_visible()
    expect(page.get_by_text("132,08 €")).to_have_count(0)


def test_a_form_tapped_before_the_app_took_the_page_over_is_not_sent_the_browser_way(browser, base_url):
    """On a slow phone, a tap on a prerendered form before React owns it must not reload the page with the
    fields in the address (what was typed would be lost): here React never comes (its bundles are refused)."""
    context = browser.new_context(base_url=base_url, **PHONE)
    page = context.new_page()
    page.route(re.compile(r"/assets/.*\.js$"), lambda route: route.abort())
    page.goto("/connexion")
    page.get_by_label("Numéro de Sécurité sociale").fill(JONAS.nir)
    page.get_by_label("Mot de passe").fill("Allocataire2026")
    with page.expect_event("console", lambda message: "envoi retenu" in message.text):
        page.get_by_role("button", name="Se connecter", exact=True).click()
    assert "?" not in page.url and "Allocataire2026" not in page.url
    expect(page.get_by_label("Numéro de Sécurité sociale")).to_have_value(JONAS.nir)
    context.close()


def binding_cookie(context) -> dict | None:
    return next((c for c in context.cookies() if c["name"] == "caf_navigateur"), None)


def test_the_server_gives_a_new_browser_its_binding_cookie_with_the_first_page(page):
    """The login ticket is tied to it (login CSRF, caf_app/api/session.py): set by the page's response."""
    response = page.goto("/connexion")
    assert "caf_navigateur=" in (response.header_value("set-cookie") or "")
    cookie = binding_cookie(page.context)
    assert re.fullmatch(r"[0-9a-f]{32}", cookie["value"]) and cookie["sameSite"] == "Strict"
    assert "caf_navigateur=" not in (page.reload().header_value("set-cookie") or "")  # kept, not renewed
    assert binding_cookie(page.context)["value"] == cookie["value"]


def test_pages_served_without_the_cookie_get_it_from_the_script_and_the_login_works(browser, base_url,
                                                                                   playwright):
    """In production nginx serves the pages as files, with no Set-Cookie: assets/session.js sets the binding
    cookie before the app's websocket carries it to the login. Here the pages come without the server's."""
    files = playwright.request.new_context(base_url=base_url)  # a cookie jar of its own: none reaches the browser
    context = browser.new_context(base_url=base_url, service_workers="block", **PHONE)
    context.grant_permissions(["local-network-access"])  # pages fulfilled here have no address of their own
    page = context.new_page()

    def as_a_file(route):
        if route.request.resource_type != "document" or "/api/" in route.request.url:
            route.continue_()
            return
        response = files.get(route.request.url)
        route.fulfill(status=response.status, content_type="text/html; charset=utf-8", body=response.body())

    page.route("**/*", as_a_file)
    page.goto("/connexion")
    cookie = binding_cookie(context)
    assert re.fullmatch(r"[0-9a-f]{32}", cookie["value"]) and cookie["sameSite"] == "Strict"
    assert cookie["value"] != files.storage_state()["cookies"][0]["value"]  # not the server's: the script's
    log_in(page, JONAS.nir, DEMO_PASSWORD)  # the form: its ticket opens a session in this browser only
    expect(page.get_by_role("heading", level=1, name="Bonjour Jonas DUCHAIS")).to_be_visible()
    assert binding_cookie(context)["value"] == cookie["value"]
    context.close()
    files.dispose()
