"""What is recorded shows however a page is reached (issue 21, points 17 and 18).

17: a page opened directly (a reload, a bookmark, a link in a mail) shows the recorded choices and values as it
does when reached through the navigation: each page is opened both ways and what is checked and filled compared.
18: after an action, the next page never shows, even for a moment, what the action changed (a MutationObserver
records whether the old alert's text ever entered the page after the navigation).
"""

import re

from playwright.sync_api import Page, expect

from tests.personas import JONAS

from .conftest import log_in, questions
from .test_declaration import jonas_own_resources

# Every input of the main content with what it shows: checked for a radio or a checkbox, else its value.
SHOWN = """main => Object.fromEntries([...main.querySelectorAll('input, select, textarea')]
    .filter(e => !['hidden', 'password', 'file'].includes(e.type))
    .map(e => [e.id || e.name, ['radio', 'checkbox'].includes(e.type) ? e.checked : e.value]))"""

OLD_ALERT = "connaître vos ressources trimestrielles"
# Installed in every document before the app's scripts: from the moment the test says so (window.cafWatch, or
# sessionStorage for a document still to come), any mutation that brings the old alert's text is recorded.
WATCH = """
window.cafSeen = false;
window.cafWatch = sessionStorage.getItem('cafWatch') === '1';
new MutationObserver(() => {
    if (window.cafWatch && (document.body?.textContent || '').includes(%r)) window.cafSeen = true;
}).observe(document, {childList: true, subtree: true, characterData: true});
""" % OLD_ALERT


def shown(page: Page) -> dict:
    return page.get_by_role("main").evaluate(SHOWN)


def nav(page: Page, name: str) -> None:
    page.get_by_role("navigation", name="Navigation principale").get_by_role("link", name=name).click()


def test_17_the_recorded_delegation_shows_when_the_page_is_opened_directly_or_through_the_menu(page):
    log_in(page, JONAS.nir)  # Jonas authorised Florence (the seed)
    question = page.get_by_role("group", name=re.compile("J'autorise Florence"))
    page.goto("/mes-autorisations")  # directly, as a bookmark or a link in a mail
    expect(question.get_by_label("Oui")).to_be_checked()
    expect(question.get_by_label("Non")).not_to_be_checked()
    direct = shown(page)
    page.reload()
    expect(question.get_by_label("Oui")).to_be_checked()
    assert shown(page) == direct

    nav(page, "Menu")
    page.get_by_role("link", name="Gérer Mon Compte").click()
    page.get_by_role("link", name="Mes autorisations").click()
    expect(question.get_by_label("Oui")).to_be_checked()
    assert shown(page) == direct and (direct["autorisation-oui"], direct["autorisation-non"]) == (True, False)


def test_17_the_recorded_address_shows_in_the_profil_form_opened_directly_or_through_the_bar(page):
    log_in(page, JONAS.nir)
    page.goto("/profil")
    page.get_by_role("button", name="Modifier mon adresse", exact=True).click()
    expect(page.get_by_label("Numéro et voie")).not_to_have_value("")
    direct = shown(page)
    nav(page, "Accueil")
    expect(page.get_by_role("heading", level=1, name=re.compile("^Bonjour"))).to_be_visible()
    nav(page, "Profil")
    page.get_by_role("button", name="Modifier mon adresse", exact=True).click()
    expect(page.get_by_label("Numéro et voie")).not_to_have_value("")
    assert shown(page) == direct and direct["code_postal"] != ""


def test_17_a_declaration_s_recorded_answers_show_when_it_is_opened_directly_or_through_the_navigation(
        page, drafts_kept):
    log_in(page, JONAS.nir)
    page.get_by_role("link", name="Compléter mes démarches").click()
    jonas_own_resources(page)  # the answers are saved with the next screen
    salaires = questions(page).filter(has=page.get_by_text(re.compile("^Salaires :"))).first
    page.get_by_role("button", name="Retour").click()
    expect(page.get_by_role("heading", name="Vos ressources")).to_be_visible()
    expect(salaires.get_by_label("Oui", exact=True)).to_be_checked()
    through_the_form = shown(page)

    page.goto(page.url)  # directly: the draft resumes on this screen, with its answers
    expect(page.get_by_role("heading", name="Vos ressources")).to_be_visible()
    expect(salaires.get_by_label("Oui", exact=True)).to_be_checked()
    expect(salaires.get_by_role("textbox").first).to_have_value("850")
    assert shown(page) == through_the_form

    nav(page, "Accueil")
    page.get_by_role("link", name="Compléter mes démarches").click()
    expect(page.get_by_role("heading", name="Vos ressources")).to_be_visible()
    expect(salaires.get_by_label("Oui", exact=True)).to_be_checked()
    assert shown(page) == through_the_form and "850" in through_the_form.values()


def send_the_declaration(page: Page) -> None:
    """Jonas's RSA quarter: no change, nothing received, checked and sent."""
    expect(page.get_by_role("heading", level=1, name="Ma déclaration trimestrielle de ressources")).to_be_visible()
    page.get_by_role("group", name=re.compile("situation familiale a-t-elle changé")).get_by_label("Non").check()
    page.get_by_role("button", name="Continuer").click()
    for name in ("Vos ressources", "Ressources de Florence"):
        expect(page.get_by_role("heading", name=name)).to_be_visible()
        for fieldset in questions(page).all():
            fieldset.get_by_label("Non", exact=True).check()
        page.get_by_role("button", name="Continuer").click()
    expect(page.get_by_role("heading", name="Vérifier ma déclaration")).to_be_visible()
    page.get_by_label("Je certifie sur l'honneur").check()
    page.get_by_role("button", name="Envoyer ma déclaration").click()
    expect(page.get_by_role("heading", name="Votre déclaration a bien été envoyée.")).to_be_visible()


def watch(page: Page) -> None:
    page.evaluate("sessionStorage.setItem('cafWatch', '1'); window.cafWatch = true; window.cafSeen = false")


def back_on_the_accueil_without_the_old_alert(page: Page) -> None:
    expect(page.get_by_role("heading", name="Mes paiements et mes droits")).to_be_visible()  # the fresh dashboard
    expect(page.get_by_text(OLD_ALERT)).to_have_count(0)
    assert page.evaluate("window.cafSeen") is False, "the old alert showed while the Accueil opened"


def test_18_after_sending_the_declaration_the_accueil_never_shows_the_old_alert(page, drafts_kept):
    page.add_init_script(WATCH)
    log_in(page, JONAS.nir)
    expect(page.get_by_text(OLD_ALERT)).to_be_visible()  # the Accueil's state holds the alert
    page.get_by_role("link", name="Compléter mes démarches").click()
    send_the_declaration(page)
    watch(page)
    nav(page, "Accueil")  # within the app: the Accueil's state kept the last visit's alerts
    back_on_the_accueil_without_the_old_alert(page)


def test_18_nor_when_the_declaration_was_opened_and_the_accueil_reopened_by_address(page, drafts_kept):
    page.add_init_script(WATCH)
    log_in(page, JONAS.nir)
    expect(page.get_by_text(OLD_ALERT)).to_be_visible()
    page.goto("/declaration/rsa")  # a full load: the Accueil was never left within the app
    send_the_declaration(page)
    watch(page)
    page.goto("/mon-compte")  # the tab's state, alerts included, comes back before the loader runs
    back_on_the_accueil_without_the_old_alert(page)
