"""The site search and the assistant (issue 22, points 6 and 7), as a visitor on a phone: the magnifier finds the
fiche of the prime d'activité typed without accent and with a typo, the fiche leads to its simulator; a hostile
query gets a French message; the assistant answers « Quand ma prestation est-elle versée ? » with its source and
says it does not know for nonsense; without scripts the search page still reads."""

from __future__ import annotations

import re

from playwright.sync_api import expect

from caf_app import routes
from caf_app.content import search as words

from .conftest import wait_until_ready


def test_a_visitor_finds_the_prime_d_activite_through_the_search_and_goes_to_its_simulator(page):
    page.goto(routes.HOME.path)
    page.get_by_role("banner").get_by_role("link", name="Rechercher").click()
    expect(page.get_by_role("heading", level=1, name=words.TITLE)).to_be_visible()
    wait_until_ready(page)
    field = page.get_by_role("searchbox", name=words.LABEL)
    field.fill("   ")
    page.get_by_role("button", name="Rechercher", exact=True).click()
    expect(field).to_have_accessible_description(re.compile(re.escape(words.EMPTY)))
    field.fill("<script>alert(1)</script>")
    page.get_by_role("button", name="Rechercher", exact=True).click()
    expect(page.get_by_role("status").filter(has_text=words.NOTHING)).to_be_visible()
    field.fill("prime d'activite")
    page.get_by_role("button", name="Rechercher", exact=True).click()
    results = page.locator("#resultats")
    prestations = results.get_by_role("region", name="Droits et prestations")
    expect(prestations.get_by_role("link").first).to_have_text("Prime d'activité")
    expect(prestations).to_contain_text("Un complément de revenus")
    expect(page).to_have_url(re.compile(r"/recherche\?q=prime"))  # the address says what was searched
    prestations.get_by_role("link", name="Prime d'activité", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Prime d'activité")
    page.get_by_role("link", name="Simuler : Prime d'activité").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Simuler ou demander une prestation")

    page.goto(routes.RECHERCHE.path + "?q=alocation+logement")  # a typo, from a link
    expect(page.get_by_text(words.CORRECTED + "alocation → allocation")).to_be_visible()
    expect(page.locator("#resultats").get_by_role("link", name="Aide au logement", exact=True)).to_be_visible()


def test_the_assistant_answers_with_its_source_and_says_when_it_does_not_know(page):
    page.goto(routes.HOME.path)
    wait_until_ready(page)
    page.get_by_text(words.ASSISTANT_TITLE, exact=True).click()
    question = page.get_by_role("textbox", name=words.ASSISTANT_LABEL)
    question.fill("Quand ma prestation est-elle versée ?")
    page.get_by_role("button", name="Demander").click()
    answers = page.locator("#assistant-reponses")
    expect(answers).to_have_attribute("aria-live", "polite")
    expect(answers.get_by_role("listitem").first).to_contain_text("le 5, ou le jour ouvré le plus proche")
    expect(answers.get_by_role("link", name="Quand ma prestation est-elle versée ?")).to_have_attribute(
        "href", routes.HOME.at("questions"))
    question.fill("zorglub flibidi")
    page.get_by_role("button", name="Demander").click()
    expect(answers).to_contain_text(words.DONT_KNOW)
    expect(answers.get_by_role("link", name="Nous contacter")).to_be_visible()
    expect(answers.get_by_role("listitem")).to_have_count(0)


def test_without_scripts_the_search_gives_its_results_and_they_lead_to_readable_pages(browser, base_url):
    """The form's action is the results page the server writes: the same results, their links to the prerendered
    fiches."""
    context = browser.new_context(base_url=base_url, java_script_enabled=False)
    page = context.new_page()
    page.goto(routes.RECHERCHE.path)
    expect(page.get_by_role("heading", level=1, name=words.TITLE)).to_be_visible()
    page.get_by_role("searchbox", name=words.LABEL).fill("prime d'activite")
    page.get_by_role("button", name="Rechercher", exact=True).click()
    prestations = page.get_by_role("region", name="Droits et prestations")
    expect(prestations.get_by_role("link").first).to_have_text("Prime d'activité")
    expect(page.get_by_role("searchbox", name=words.LABEL)).to_have_value("prime d'activite")
    prestations.get_by_role("link", name="Prime d'activité", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Prime d'activité")
    context.close()
