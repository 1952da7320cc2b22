"""Simuler ou demander une prestation: one flow per aide computed by the rules service (OpenFisca-France), the
messages of wrong answers, how an amount is computed and what it becomes if the income changes, the easy-to-read
version, and what was typed kept through a reload and a login but not for the next person; reached from the
Mon Compte dashboard and the Menu. (The service down: tests/integration/test_simulation_state.py.)"""

import re

from playwright.sync_api import Page, expect

from tests.personas import DEMO_PASSWORD, ELISE, JONAS

from .conftest import log_in

PATH = "/simuler-ou-demander-une-prestation"
RSA = "RSA (Revenu de solidarité active)"


def start(page: Page, aide: str = RSA) -> None:
    page.goto(PATH)
    page.get_by_role("button", name=aide).click()
    expect(page.get_by_text("Étape 1 sur")).to_be_visible()


def alone_born_in_1990(page: Page) -> None:
    page.get_by_label("Non, seul(e)").check()
    page.get_by_label("Votre date de naissance").fill("15/05/1990")
    page.get_by_label("Nombre d'enfants à charge").select_option("0")  # whatever a logged-in dossier said


def renting_in_marseille(page: Page) -> None:
    page.get_by_label("Je loue un logement vide (secteur privé)").check()
    page.get_by_label("Loyer par mois, hors charges (en euros)").fill("500")
    page.get_by_label("Code postal du logement").fill("13013")
    expect(page.get_by_text("Commune : Marseille")).to_be_visible()  # the commune found, as a person sees it


def next_screen(page: Page, number: int) -> None:
    page.get_by_role("button", name="Suivant").click()
    expect(page.get_by_text(f"Étape {number} sur")).to_be_visible()


def test_a_person_alone_without_income_renting_in_marseille_simulates_the_rsa(page):
    start(page)
    expect(page.get_by_role("heading", level=2, name="Votre foyer")).to_be_visible()
    alone_born_in_1990(page)
    next_screen(page, 2)
    renting_in_marseille(page)
    next_screen(page, 3)
    income = page.get_by_label("Revenus d'activité nets par mois (en euros)")
    income.fill("abc")
    page.get_by_role("button", name="Voir le résultat").click()
    expect(page.locator("#demandeur_activite-messages")).to_contain_text("Saisissez un montant en euros")
    expect(income).to_be_focused()
    expect(income).to_have_attribute("aria-invalid", "true")
    income.fill("0")
    page.get_by_role("button", name="Voir le résultat").click()
    result = page.get_by_role("article").filter(has=page.get_by_role("heading", name="Revenu de solidarité active"))
    # 651,69 € (montant forfaitaire from April 2026) - 78,20 € (forfait logement: an aide au logement is due).
    expect(result.get_by_text("Montant estimé :")).to_have_text("Montant estimé : 573,49\u00a0€ par mois")
    expect(result.get_by_text("Barème en vigueur au 1er avril 2026")).to_be_visible()
    result.get_by_text("Comment est-ce calculé ?").click()
    expect(result.get_by_role("row", name="Montant forfaitaire du foyer")).to_contain_text("651,69\u00a0€")
    expect(result.get_by_role("row", name="Forfait logement")).to_contain_text("−78,20\u00a0€")
    what_if = page.get_by_role("table", name="Et si mes revenus changent ?")
    expect(what_if.get_by_role("row")).to_have_count(12)  # the header and 0 to 2 500 € by 250 €
    expect(what_if.get_by_role("row", name="250,00\u00a0€ 323,49\u00a0€")).to_be_visible()
    others = page.get_by_role("region", name="Autres aides estimées pour votre foyer")
    expect(others).to_contain_text("Aide au logement : 308,00\u00a0€ par mois")
    expect(page.get_by_text("Ce résultat est une estimation : il ne vaut pas décision.")).to_be_visible()
    expect(page.get_by_role("link", name="Faire la demande")).to_have_attribute("href", "/demandes/rsa")


def test_wrong_answers_are_said_next_to_their_field_and_nothing_is_computed(page):
    start(page, "Famille")
    alone_born_in_1990(page)
    page.get_by_label("Nombre d'enfants à charge").select_option("1")
    child = page.get_by_label("Date de naissance de l'enfant 1")
    child.fill("01/01/2099")
    page.get_by_role("group", name="Recevez-vous une pension alimentaire pour vos enfants ?").get_by_label(
        "Non").check()
    page.get_by_role("button", name="Suivant").click()
    expect(page.locator("#enfant_1-messages")).to_contain_text("Un enfant déjà né ne peut pas avoir une date")
    expect(child).to_be_focused()
    expect(page.get_by_text("Étape 1 sur 2")).to_be_visible()
    page.get_by_role("button", name="Changer d'aide").click()  # the unknown postal code
    page.get_by_role("button", name="Logement", exact=True).click()
    expect(page.get_by_label("Votre date de naissance")).to_have_value("15/05/1990")  # the foyer typed once
    page.get_by_label("Nombre d'enfants à charge").select_option("0")
    next_screen(page, 2)
    renting_in_marseille(page)
    postal = page.get_by_label("Code postal du logement")
    postal.fill("99999")
    page.get_by_role("button", name="Suivant").click()
    expect(page.locator("#code_postal-messages")).to_contain_text("Ce code postal n'existe pas")
    expect(postal).to_be_focused()
    expect(page.get_by_role("heading", name="Résultat de votre simulation")).to_have_count(0)


def test_what_was_typed_survives_a_reload(page):
    start(page, "Prime d'activité")
    alone_born_in_1990(page)
    page.reload()
    expect(page.get_by_label("Votre date de naissance")).to_have_value("15/05/1990")
    expect(page.get_by_label("Non, seul(e)")).to_be_checked()
    next_screen(page, 2)
    renting_in_marseille(page)
    page.reload()
    expect(page.get_by_text("Étape 2 sur 3")).to_be_visible()
    expect(page.get_by_label("Loyer par mois, hors charges (en euros)")).to_have_value("500")
    expect(page.get_by_label("Code postal du logement")).to_have_value("13013")
    page.get_by_role("button", name="Précédent").click()
    expect(page.get_by_label("Votre date de naissance")).to_have_value("15/05/1990")


def test_the_easy_to_read_rsa(page):
    start(page)
    page.get_by_role("button", name="Version facile à lire").click()
    expect(page.get_by_role("heading", level=2, name="Votre famille")).to_be_visible()
    page.get_by_role("group", name="Vous vivez en couple ?").get_by_label("Non").check()
    page.get_by_label("Votre date de naissance").fill("15/05/1990")
    page.get_by_role("button", name="Continuer").click()
    page.get_by_label("Je loue un logement vide").check()
    page.get_by_label("Combien payez-vous chaque mois pour votre logement ?").fill("500")
    page.get_by_label("Le code postal de votre logement").fill("13013")
    page.get_by_role("button", name="Continuer").click()
    expect(page.get_by_text("L'argent de la Caf ne compte pas.")).to_be_visible()
    page.get_by_label("Le salaire chaque mois").fill("0")
    page.get_by_role("button", name="Voir le résultat").click()
    expect(page.get_by_text("Vous pouvez recevoir environ")).to_have_text(
        "Vous pouvez recevoir environ 573,49\u00a0€ chaque mois.")
    expect(page.get_by_text("Le Rsa est une aide pour les personnes qui ont peu ou pas d'argent.")).to_be_visible()
    page.get_by_role("button", name="Version habituelle").click()
    expect(page.get_by_text("Montant estimé :")).to_have_text("Montant estimé : 573,49\u00a0€ par mois")


def test_the_dashboard_and_the_menu_lead_to_it(desktop_page):
    page = desktop_page
    log_in(page, ELISE.nir)
    page.get_by_role("link", name="Simuler ou demander une prestation").first.click()
    expect(page.get_by_role("heading", level=1, name="Simuler ou demander une prestation")).to_be_visible()
    expect(page.get_by_role("link", name="Aide sur mesdroitssociaux.gouv.fr (nouvelle fenêtre)")).to_have_attribute(
        "href", "https://www.mesdroitssociaux.gouv.fr/")
    page.get_by_role("link", name="JE N'AI PAS BESOIN D'UNE SIMULATION").click()
    expect(page.get_by_role("heading", level=1, name="Faites une demande de prestation en ligne")).to_be_visible()
    page.goto("/menu")
    page.get_by_role("link", name="Simuler ou demander une prestation").first.click()
    expect(page.get_by_role("button", name=RSA)).to_be_visible()


def typed_on_the_housing_screen(page: Page) -> None:
    start(page)
    alone_born_in_1990(page)
    next_screen(page, 2)
    page.get_by_label("Je loue un logement vide (secteur privé)").check()
    page.get_by_label("Loyer par mois, hors charges (en euros)").fill("500")
    page.get_by_label("Code postal du logement").click()  # leaves the rent: kept


def test_a_simulation_typed_before_logging_in_is_still_there_after_and_gone_after_logout(page):
    typed_on_the_housing_screen(page)
    log_in(page, ELISE.nir, DEMO_PASSWORD)  # to make the request: Connexion, then Mon Compte, in the same tab
    page.goto(PATH)
    expect(page.get_by_text("Étape 2 sur 3")).to_be_visible()
    expect(page.get_by_label("Loyer par mois, hors charges (en euros)")).to_have_value("500")
    page.get_by_role("button", name="Précédent").click()
    expect(page.get_by_label("Votre date de naissance")).to_have_value("15/05/1990")
    page.goto("/menu")
    page.get_by_role("button", name="Déconnexion").click()
    expect(page.get_by_text("Vous êtes déconnecté(e).")).to_be_visible()
    page.goto(PATH)
    expect(page.get_by_role("button", name=RSA)).to_be_visible()  # a shared device: nothing of hers
    page.get_by_role("button", name=RSA).click()
    expect(page.locator("form[data-kept]")).to_have_count(1)  # what the tab kept is restored by now
    expect(page.get_by_label("Votre date de naissance")).to_have_value("")


def test_someone_logging_in_where_another_person_is_logged_in_does_not_get_her_simulation(page):
    log_in(page, ELISE.nir, then=PATH)
    typed_on_the_housing_screen(page)
    log_in(page, JONAS.nir, DEMO_PASSWORD)  # Jonas, on the same tab, without Elise logging out first
    page.goto(PATH)
    expect(page.get_by_role("button", name=RSA)).to_be_visible()
    page.get_by_role("button", name=RSA).click()
    expect(page.locator("form[data-kept]")).to_have_count(1)
    # His own dossier's answers, none of hers.
    expect(page.get_by_label("Votre date de naissance")).to_have_value(JONAS.birth_date.strftime("%d/%m/%Y"))


def test_elise_logged_in_starts_from_her_dossier(page):
    log_in(page, ELISE.nir, then=PATH)
    page.get_by_role("button", name="Famille").click()
    expect(page.get_by_role("status").filter(has_text="nous réutilisons vos données déjà saisies")).to_be_visible()
    expect(page.get_by_label("Oui, en couple")).to_be_checked()
    expect(page.get_by_label("Votre date de naissance")).to_have_value(ELISE.birth_date.strftime("%d/%m/%Y"))
    expect(page.get_by_label("Date de naissance de votre conjoint(e)")).to_have_value(re.compile(r"\d\d/\d\d/19\d\d"))
    expect(page.get_by_label("Nombre d'enfants à charge")).to_have_value(re.compile(r"[1-9]"))
