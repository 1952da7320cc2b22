"""Simuler ou demander une prestation: a Rsa and a prime d'activité estimate, the messages of a wrong amount,
and what was typed kept through a reload; reached from the Mon Compte dashboard."""

from playwright.sync_api import expect

from tests.personas import ELISE, JONAS

from .conftest import log_in


def test_a_person_alone_with_an_aide_au_logement_simulates_the_rsa(page):
    page.goto("/simuler-ou-demander-une-prestation")
    expect(page.get_by_role("heading", level=1, name="Simuler ou demander une prestation")).to_be_visible()
    page.get_by_label("Revenu de solidarité active (Rsa)").check()
    page.get_by_label("Non, seul(e)").check()
    page.get_by_label("Nombre d'enfants à charge").fill("0")
    page.get_by_label("Je reçois une aide au logement").check()
    page.get_by_label("Vos revenus d'activité par mois (en euros)").fill("abc")
    page.get_by_role("button", name="Simuler").click()
    field = page.get_by_label("Vos revenus d'activité par mois (en euros)")
    expect(page.locator("#revenus_activite-messages")).to_contain_text("Saisissez un montant en euros")
    expect(field).to_be_focused()
    field.fill("0")
    page.get_by_role("button", name="Simuler").click()
    result = page.get_by_role("region", name="Estimation : Revenu de solidarité active (Rsa)")
    expect(result.get_by_role("status")).to_have_text("Montant estimé : 568,94\u00a0€ par mois")
    expect(result.get_by_role("row", name="Forfait logement")).to_contain_text("-77,58")


def test_what_was_typed_survives_a_reload_and_the_prime_activite_is_estimated(page):
    page.goto("/simuler-ou-demander-une-prestation")
    page.get_by_label("Prime d'activité").check()
    page.get_by_label("Oui, en couple").check()
    page.get_by_label("Nombre d'enfants à charge").fill("1")
    page.get_by_label("Je paie un loyer ou un prêt, sans aide au logement").check()
    page.get_by_label("Vos revenus d'activité par mois (en euros)").fill("1200")
    page.get_by_label("Les revenus d'activité de votre conjoint(e) par mois (en euros)").fill("0")
    page.get_by_label("Les autres ressources du foyer par mois (en euros)").click()  # leaves the field: kept
    page.reload()
    expect(page.get_by_label("Vos revenus d'activité par mois (en euros)")).to_have_value("1200")
    expect(page.get_by_label("Oui, en couple")).to_be_checked()
    expect(page.get_by_label("Prime d'activité")).to_be_checked()
    page.get_by_role("button", name="Simuler").click()
    # 1 148,90 € forfaitaire (couple, 1 child) + 732 € (61 %) + 184,27 € bonification - 1 200 € = 865,17 €.
    expect(page.get_by_role("status").filter(has_text="Montant estimé")).to_have_text(
        "Montant estimé : 865,17\u00a0€ par mois")


def test_the_dashboard_and_the_menu_lead_to_it(desktop_page):
    page = desktop_page
    log_in(page, ELISE.nir)
    page.get_by_role("link", name="Simuler ou demander une prestation").first.click()
    expect(page.get_by_role("heading", level=1, name="Simuler ou demander une prestation")).to_be_visible()
    expect(page.get_by_role("link", name="Aide sur mesdroitssociaux.gouv.fr (nouvelle fenêtre)")).to_have_attribute(
        "href", "https://www.mesdroitssociaux.gouv.fr/")


def test_a_simulation_typed_before_logging_in_is_still_there_after_and_gone_after_logout(page):
    page.goto("/simuler-ou-demander-une-prestation")
    page.get_by_label("Prime d'activité").check()
    income = page.get_by_label("Vos revenus d'activité par mois (en euros)")
    income.fill("1200")
    page.get_by_label("Les autres ressources du foyer par mois (en euros)").click()  # leaves the field: kept
    log_in(page, ELISE.nir)  # to make the request: Connexion, then Mon Compte, in the same tab
    page.goto("/simuler-ou-demander-une-prestation")
    expect(income).to_have_value("1200")
    expect(page.get_by_label("Prime d'activité")).to_be_checked()
    page.goto("/menu")
    page.get_by_role("button", name="Déconnexion").click()
    expect(page.get_by_text("Vous êtes déconnecté(e).")).to_be_visible()
    page.goto("/simuler-ou-demander-une-prestation")
    expect(page.locator("form[data-kept]")).to_have_count(1)  # what the tab kept is restored by now
    expect(income).to_have_value("")  # a shared device: nothing of hers for the next person


def test_someone_logging_in_where_another_person_is_logged_in_does_not_get_her_simulation(page):
    log_in(page, ELISE.nir, then="/simuler-ou-demander-une-prestation")
    page.get_by_label("Prime d'activité").check()
    income = page.get_by_label("Vos revenus d'activité par mois (en euros)")
    income.fill("1200")
    page.get_by_label("Les autres ressources du foyer par mois (en euros)").click()  # leaves the field: kept
    log_in(page, JONAS.nir)  # Jonas, on the same tab, without Elise logging out first
    page.goto("/simuler-ou-demander-une-prestation")
    expect(page.locator("form[data-kept]")).to_have_count(1)
    expect(income).to_have_value("")
