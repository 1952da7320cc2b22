"""Ma Caf (issue 22, point 2): a visitor finds their Caf by postal code or by « Me localiser », reads its page (news,
points d'accueil, délais de traitement), and the header then says "Ma Caf - 13" on every page, after a reload too; a
postal code that does not exist, a position refused or outside France get a French message and nothing else."""

from __future__ import annotations

import re

from playwright.sync_api import expect

from caf_app import routes
from caf_app.domain import geoloc
from caf_app.domain.ma_caf import UNKNOWN


def choose(page, code: str) -> None:
    page.goto(routes.MA_CAF.path)
    expect(page.get_by_role("heading", level=1, name="Ma Caf")).to_be_visible()
    page.get_by_label("Code postal de votre domicile").fill(code)
    page.get_by_role("button", name="Trouver ma Caf").click()


def test_a_visitor_finds_the_caf_of_13013_and_the_header_remembers_it(desktop_page):
    page = desktop_page
    choose(page, "13013")
    expect(page.get_by_role("heading", level=1, name="Caf des Bouches-du-Rhône")).to_be_visible()
    assert page.url.endswith(routes.MA_CAF_PAGES["13"].path)
    expect(page.get_by_role("heading", level=2, name="Fil d'actualités")).to_be_visible()
    expect(page.get_by_role("heading", level=3, name="Pass colo : une aide financière pour les départs en colo")) \
        .to_be_visible()
    expect(page.get_by_role("heading", level=3, name="Une aide de 200 € pour passer le Bafa")).to_be_visible()
    expect(page.get_by_role("heading", level=2, name="La Caf vous informe")).to_be_visible()
    expect(page.get_by_role("heading", level=2, name="Nos points d'accueil dans les Bouches-du-Rhône")).to_be_visible()
    expect(page.get_by_role("heading", level=3, name="Marseille - Gibbes (siège)")).to_be_visible()
    expect(page.get_by_role("heading", level=2, name="Les points France Services près de chez vous")).to_be_visible()
    expect(page.get_by_text("13326 Marseille Cedex 14")).to_be_visible()
    # The Caf of the demo has a queue: its délais are measured on it, in Mes démarches' words.
    delais = page.locator("section", has=page.get_by_role("heading", name="Délais de traitement"))
    expect(delais).to_contain_text(re.compile(r"Chiffres mis à jour le \d\d/\d\d/\d{4}"))
    expect(delais).to_contain_text("Demandes et déclarations trimestrielles de RSA et d'AAH :")

    header = page.get_by_role("banner")
    expect(header.get_by_role("link", name="Ma Caf - 13", exact=True)).to_be_visible()
    page.goto(routes.VERIFIER_UNE_ATTESTATION.path)  # another page
    expect(page.get_by_role("heading", level=1, name="Vérifier une attestation")).to_be_visible()
    link = header.get_by_role("link", name="Ma Caf - 13", exact=True)
    expect(link).to_be_visible()
    page.reload()
    expect(link).to_be_visible()
    link.click()
    expect(page.get_by_role("heading", level=1, name="Caf des Bouches-du-Rhône")).to_be_visible()


def test_a_postal_code_that_does_not_exist_gets_a_french_message_next_to_the_field_and_nothing_else(page):
    choose(page, "99999")
    field = page.get_by_label("Code postal de votre domicile")
    expect(page.locator("#code_postal-messages")).to_have_text(UNKNOWN)
    expect(field).to_have_attribute("aria-invalid", "true")
    expect(page.get_by_role("heading", level=1)).to_have_text("Ma Caf")
    assert page.url.rstrip("/").endswith(routes.MA_CAF.path)
    assert page.evaluate("localStorage.getItem('caf_ma_caf')") is None


def test_a_caf_without_a_page_of_its_own_is_named_and_the_demo_s_cafs_listed(page):
    choose(page, "69001")
    expect(page.locator("#code_postal-messages")).to_contain_text("Votre Caf est la Caf du Rhône (Lyon).")
    page.get_by_role("link", name="Caf de la Loire-Atlantique").click()
    expect(page.get_by_role("heading", level=1, name="Caf de la Loire-Atlantique")).to_be_visible()
    # Without a queue of this Caf in the demo, its configured figures, as the seed's « Indicateurs locaux » say them.
    delais = page.locator("section", has=page.get_by_role("heading", name="Délais de traitement"))
    expect(delais).to_contain_text(re.compile("Votre Caf traite actuellement les demandes RSA et AAH arrivées entre le"
                                              "|Demandes et déclarations trimestrielles de RSA et d'AAH :"))


def locate(page) -> None:
    page.get_by_role("button", name="Me localiser").click()


def test_me_localiser_in_marseille_13e_leads_to_the_caf_13_and_the_header_remembers_it(page):
    page.context.grant_permissions(["geolocation"])
    page.context.set_geolocation({"latitude": 43.3502, "longitude": 5.4321})  # Château-Gombert, Marseille 13e
    page.goto(routes.MA_CAF.path)
    locate(page)
    expect(page.get_by_role("heading", level=1, name="Caf des Bouches-du-Rhône")).to_be_visible()
    assert page.url.endswith(routes.MA_CAF_PAGES["13"].path)
    expect(page.get_by_role("banner").locator("a[data-ma-caf]").first).to_have_attribute(
        "href", routes.MA_CAF_PAGES["13"].path)
    assert page.evaluate("localStorage.getItem('caf_ma_caf')") == "13"


def test_me_localiser_refused_then_elsewhere_says_why_next_to_the_button_and_keeps_no_choice(page):
    page.goto(routes.MA_CAF.path)
    messages = page.locator("#localisation-messages")
    locate(page)  # no permission given: the browser refuses
    expect(messages).to_have_text(geoloc.REFUSED)
    page.context.grant_permissions(["geolocation"])
    page.context.set_geolocation({"latitude": 45.764, "longitude": 4.8357})  # Lyon 2e: a Caf without demo pages
    locate(page)
    expect(messages).to_contain_text("Votre Caf est la Caf du Rhône (Lyon 2e Arrondissement).")
    page.context.set_geolocation({"latitude": 47.0, "longitude": -6.0})  # at sea, off Brittany
    locate(page)
    expect(messages).to_have_text(geoloc.OUTSIDE)
    expect(page.get_by_role("button", name="Me localiser")).to_be_enabled()
    assert page.url.rstrip("/").endswith(routes.MA_CAF.path)
    assert page.evaluate("localStorage.getItem('caf_ma_caf')") is None
