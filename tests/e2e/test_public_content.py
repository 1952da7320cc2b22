"""The public site's content (issue 22, point 1): a visitor finds a prestation's fiche from Aides et démarches,
reads its FAQ and follows « Simuler » to the simulator; reads an Actualité of a Caf; and every editorial page
reads with JavaScript disabled, its title and its meta description in the HTML."""

from __future__ import annotations

import re

from playwright.sync_api import expect

from caf_app import routes
from tests.chromium import DESKTOP

PRIME = routes.content_address("prestations", "prime-activite")


def test_a_visitor_reads_the_prime_d_activite_fiche_and_its_faq_then_simulates(desktop_page):
    page = desktop_page
    page.goto(routes.HOME.path)
    page.get_by_role("navigation", name="Rubriques").get_by_role("link", name="Aides et démarches").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Aides et démarches")
    page.get_by_role("link", name="Voir toutes les aides").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Droits et prestations")
    page.get_by_role("link", name="Prime d'activité", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Prime d'activité")
    expect(page).to_have_title(re.compile("^Prime d'activité"))
    page.get_by_role("navigation", name="Sur cette page").get_by_role("link", name="Questions fréquentes").click()
    expect(page).to_have_url(re.compile("#questions-frequentes$"))
    expect(page.get_by_role("heading", name="Questions fréquentes", level=2)).to_be_in_viewport()
    expect(page.get_by_role("heading", name="Je suis étudiant, ai-je droit à la prime d'activité ?",
                            level=3)).to_be_visible()
    demande = page.get_by_role("link", name="Faire la demande : Prime d'activité").first
    expect(demande).to_have_attribute("href", routes.DEMANDE.of(demande_slug="prime-activite"))
    page.get_by_role("link", name="Simuler : Prime d'activité").first.click()
    expect(page).to_have_url(re.compile(re.escape(routes.SIMULER.path) + "$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Simuler ou demander une prestation")


def test_a_visitor_reads_an_actualite_of_the_caf_des_hauts_de_seine(page):
    page.goto(routes.HOME.path)
    page.get_by_role("link", name="Toutes les actualités").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Actualités")
    caf92 = page.locator("#caf-92")
    expect(caf92.get_by_role("heading", level=2)).to_have_text("Caf des Hauts-de-Seine")
    caf92.get_by_role("link", name="Lire l'article : Une aide de 200 € pour passer le Bafa").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Une aide de 200 € pour passer le Bafa")
    expect(page.get_by_text("Actualité départementale – Caf des Hauts-de-Seine · Publié le 28 mars 2024")
           ).to_be_visible()
    breadcrumb = page.get_by_role("navigation", name="Fil d'Ariane")
    expect(breadcrumb.get_by_role("link", name="Actualités")).to_have_attribute("href", routes.ACTUALITES.path)


def test_the_home_tiles_and_the_footer_lead_to_the_pages(page):
    page.goto(routes.HOME.path)
    colo = "Pass colo : une aide financière pour les départs en colo"
    page.get_by_role("link", name=colo).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(colo)
    footer = page.get_by_role("navigation", name="Pied de page")
    expect(footer.get_by_role("link", name="monenfant.fr")).to_have_attribute("href", "https://monenfant.fr")
    expect(footer.get_by_role("link", name=re.compile("pension-alimentaire.caf.fr"))).to_be_visible()
    footer.get_by_role("link", name="Découvrir l'appli mobile Caf – Mon Compte").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Découvrir l'appli mobile Caf – Mon Compte")
    expect(page.get_by_role("heading", name="Sur un iPhone")).to_be_visible()
    expect(page.get_by_role("heading", name="Sur un téléphone Android")).to_be_visible()


def test_the_editorial_pages_read_without_javascript(browser, base_url):
    context = browser.new_context(base_url=base_url, java_script_enabled=False, **DESKTOP)
    page = context.new_page()
    editorial = [p for p in routes.PAGES if p.component.startswith("caf_app.pages.editorial")]
    try:
        for entry in editorial:
            response = page.goto(entry.path)
            assert response is not None and response.ok, entry.path
            html = response.text()
            assert re.search(r"<h1[^>]*>", html), entry.path  # the text is in the HTML, before any script
            expect(page.get_by_role("heading", level=1)).to_be_visible()
            expect(page).to_have_title(re.compile("^" + re.escape(entry.title)))
            expect(page.locator('head meta[name="description"]')).to_have_attribute("content", entry.description)
        page.goto(PRIME)
        expect(page.get_by_text("Tous les trois mois, à la date indiquée dans Mon Compte.")).to_be_visible()
        page.get_by_role("link", name="Simuler : Prime d'activité").first.click()  # a plain link, followed
        expect(page).to_have_url(re.compile(re.escape(routes.SIMULER.path) + "/?$"))  # the static file's address
    finally:
        context.close()
