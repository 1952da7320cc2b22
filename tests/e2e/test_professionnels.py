"""The Professionnels space (issue 23, point 1), as a partner reaches it: the header's second tab, the seed's menu,
« Vos services en ligne » leading to Mon Compte Partenaire, the news with « + LIRE L'ARTICLE », the webinars'
programme to download, and the footer's « Espace Professionnels » on a phone."""

from __future__ import annotations

import re

from playwright.sync_api import expect


def test_a_partner_goes_from_the_professionnels_tab_to_mon_compte_partenaire_and_the_webinars(desktop_page):
    page = desktop_page
    page.goto("/")
    page.get_by_role("navigation", name="Espaces").get_by_role("link", name="Professionnels").click()
    expect(page.get_by_role("heading", level=1, name="Professionnels")).to_be_visible()
    expect(page.get_by_role("navigation", name="Espaces").get_by_role("link", name="Professionnels")) \
        .to_have_attribute("aria-current", "true")
    expect(page.get_by_role("navigation", name="Rubriques Professionnels").get_by_role("link")).to_have_count(7)
    expect(page.get_by_role("heading", level=2, name="Vos services en ligne")).to_be_visible()
    expect(page.get_by_role("link", name="+ LIRE L'ARTICLE").first).to_be_visible()
    page.get_by_role("link", name="Se connecter : Mon Compte Partenaire").click()
    expect(page.get_by_role("heading", level=1, name="Connexion à Mon Compte Partenaire")).to_be_visible()
    page.go_back()
    page.get_by_role("navigation", name="Rubriques Professionnels").get_by_role("link", name="Offres et services") \
        .click()
    expect(page.get_by_role("heading", level=1, name="Offres et services")).to_be_visible()
    expect(page.get_by_role("table")).to_contain_text("L'AAH, l'AJPA et la déconjugalisation")
    link = page.get_by_role("link", name="Télécharger le programme (calendrier .ics)")
    programme = page.request.get(link.get_attribute("href"))
    assert programme.ok and programme.text().startswith("BEGIN:VCALENDAR")
    assert programme.text().count("BEGIN:VEVENT") == 5


def test_the_barèmes_are_read_from_the_rules_service_each_dated(page):
    page.goto("/professionnels")
    page.get_by_role("link", name="Barème uniquement : les montants de référence, datés").click()
    expect(page.get_by_role("heading", level=1, name="Barèmes des prestations")).to_be_visible()
    rsa = page.get_by_role("row").filter(has_text="Montant forfaitaire du Rsa")
    expect(rsa).to_contain_text(re.compile(r"\d+,\d\d\s€"))
    expect(rsa).to_contain_text(re.compile(r"depuis le (1er|\d+) \S+ 20\d\d"))


def test_on_a_phone_the_footer_leads_to_the_professionnels_space(page):
    page.goto("/")
    page.get_by_role("contentinfo").get_by_role("link", name="Espace Professionnels").click()
    expect(page.get_by_role("heading", level=1, name="Professionnels")).to_be_visible()
    page.get_by_role("link", name="Guide prestations familiales en Métropole").click()
    expect(page.get_by_role("heading", level=1, name="Guide des prestations familiales en Métropole")).to_be_visible()
    document = page.request.get(page.get_by_role("link", name="Télécharger le guide (PDF)").get_attribute("href"))
    assert document.ok and document.headers["content-type"] == "application/pdf"
