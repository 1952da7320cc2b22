"""Ressources annuelles, patrimoine, avantage vieillesse: Jonas declares his resources of year N-2 when his Caf
asks for them (an alert), and an avantage vieillesse from Mes ressources; the drafts survive a reload."""

import re
from datetime import date

import pytest
import sqlalchemy
from playwright.sync_api import expect

from caf_app import routes
from tests.personas import JONAS

from .conftest import log_in, questions

YEAR = date.today().year - 2  # the app's clock is the real one: the Caf asks for the resources of year N-2
ASKED_ROUTE = routes.DECLARATION_ANNUELLE.of(ressources_slug="ressources-annuelles")


@pytest.fixture
def annual_kept(tables_kept):
    """What sending one of these declarations changes: its row, its démarche and the alert it closes."""
    tables_kept("demarche", "declarationannuelle", "alerte")


def ask_jonas(app_db) -> None:
    """His Caf asks for the declaration: an alert on his dossier, as the Caf's side writes one."""
    with app_db.begin() as connection:
        dossier_id = connection.execute(sqlalchemy.text(
            "SELECT id FROM dossier WHERE numero_allocataire = :numero"), {"numero": JONAS.dossier}).scalar_one()
        connection.execute(sqlalchemy.text(
            "INSERT INTO alerte (dossier_id, kind, title, message, link_label, link_route, created_on) "
            "VALUES (:dossier, 'ressources_annuelles', 'Ressources annuelles', :message, "
            "'Déclarer mes ressources annuelles', :route, :today)"),
            {"dossier": dossier_id, "route": ASKED_ROUTE, "today": date.today(),
             "message": f"Votre Caf n'a pas reçu vos revenus de {YEAR}. Merci de les déclarer."})


def test_jonas_declares_his_resources_of_year_n_2_asked_by_his_caf(page, app_db, annual_kept):
    ask_jonas(app_db)
    log_in(page, JONAS.nir, then="/demarches")  # « À transmettre » lists what the Caf asks for
    asked = page.get_by_role("heading", name="Mes déclarations de ressources demandées").locator("..")
    expect(asked.get_by_role("link", name="Déclarer mes ressources annuelles")).to_be_visible()
    expect(asked).to_contain_text("Demandée par votre Caf")
    page.goto("/mon-compte")
    expect(page.get_by_text(f"Votre Caf n'a pas reçu vos revenus de {YEAR}")).to_be_visible()
    page.get_by_role("link", name="Déclarer mes ressources annuelles").click()
    expect(page.get_by_role("heading", level=1, name="Ma déclaration annuelle de ressources")).to_be_visible()
    expect(page.get_by_role("heading", name=f"Vos ressources de {YEAR}")).to_be_visible()

    page.get_by_role("button", name="Continuer").click()  # nothing answered
    expect(page.get_by_text("Répondez par oui ou par non.").first).to_be_visible()
    salaires = questions(page).filter(has=page.get_by_text(re.compile("^Salaires et traitements"))).first
    salaires.get_by_label("Oui", exact=True).check()
    amount = salaires.get_by_label(f"Montant reçu en {YEAR}, en euros")
    amount.fill("-50")
    for fieldset in questions(page).all()[1:]:
        fieldset.get_by_label("Non", exact=True).check()
    page.get_by_role("button", name="Continuer").click()
    expect(page.locator("[id$=':salaires:montant-messages']")).to_have_text("Le montant ne peut pas être négatif.")
    amount.fill("9800")
    page.get_by_role("button", name="Continuer").click()
    expect(page.get_by_role("heading", name=f"Ressources de Florence en {YEAR}")).to_be_visible()

    page.reload()  # the draft is on the server: back on Florence's screen, Jonas's answers kept
    expect(page.get_by_role("heading", name=f"Ressources de Florence en {YEAR}")).to_be_visible()
    page.get_by_role("button", name="Retour").click()
    expect(page.get_by_label(f"Montant reçu en {YEAR}, en euros")).to_have_value("9800")
    page.get_by_role("button", name="Continuer").click()
    for fieldset in questions(page).all():
        fieldset.get_by_label("Non", exact=True).check()
    page.get_by_role("button", name="Continuer").click()

    expect(page.get_by_role("heading", name="Vérifier ma déclaration")).to_be_visible()
    expect(page.get_by_text("9 800,00 €")).to_be_visible()
    page.get_by_role("button", name="Envoyer ma déclaration").click()
    expect(page.locator("#confirmation-messages")).to_contain_text("Cochez la case")
    page.get_by_label("Je certifie sur l'honneur").check()
    page.get_by_role("button", name="Envoyer ma déclaration").dblclick()
    expect(page.get_by_role("heading", name="Votre déclaration a bien été envoyée.")).to_be_visible()
    receipt = page.get_by_role("link", name=re.compile("accusé de réception"))
    response = page.request.get(receipt.get_attribute("href"))
    assert response.ok and response.body().startswith(b"%PDF")

    page.goto("/mon-compte")
    expect(page.get_by_text("132,08 €")).to_be_visible()  # the page's data is there: the alert is closed
    expect(page.get_by_text(f"Votre Caf n'a pas reçu vos revenus de {YEAR}")).to_have_count(0)
    page.goto("/demarches")
    page.get_by_role("tab", name="À consulter").click()
    expect(page.get_by_role("button", name=re.compile(f"Déclaration annuelle de ressources : revenus {YEAR}"))) \
        .to_have_count(1)


def test_an_avantage_vieillesse_from_mes_ressources_with_its_messages(page, annual_kept):
    log_in(page, JONAS.nir, then="/menu")
    page.get_by_role("link", name="Mes ressources").first.click()
    page.get_by_role("link", name="Déclarer un avantage vieillesse").click()
    expect(page.get_by_role("heading", level=1, name="Ma déclaration d'avantage vieillesse")).to_be_visible()
    question = questions(page).first
    question.get_by_label("Oui", exact=True).check()
    page.get_by_label("Montant par mois, en euros").fill("950,40")
    page.get_by_label("Date de début (JJ/MM/AAAA)").fill("31/02/2025")
    page.get_by_role("button", name="Continuer").click()
    expect(page.locator("[id$=':vieillesse:organisme-messages']")).to_contain_text("Indiquez l'organisme")
    expect(page.locator("[id$=':vieillesse:montant-messages']")).to_contain_text("sans les centimes")
    expect(page.locator("[id$=':vieillesse:debut-messages']")).to_have_text(
        "Cette date n'existe pas : vérifiez la date de début.")
    page.get_by_label("Organisme qui le verse").fill("Carsat Île-de-France")
    page.get_by_label("Montant par mois, en euros").fill("950")
    page.get_by_label("Date de début (JJ/MM/AAAA)").fill("01/03/2025")
    page.get_by_role("button", name="Continuer").click()
    expect(page.get_by_role("heading", name="Avantage vieillesse de Florence")).to_be_visible()
    questions(page).first.get_by_label("Non", exact=True).check()
    page.get_by_role("button", name="Continuer").click()
    expect(page.get_by_text("Avantage vieillesse : Carsat Île-de-France, depuis le 01/03/2025")).to_be_visible()
    page.get_by_label("Je certifie sur l'honneur").check()
    page.get_by_role("button", name="Envoyer ma déclaration").click()
    expect(page.get_by_role("heading", name="Votre déclaration a bien été envoyée.")).to_be_visible()
    page.get_by_role("link", name="Voir mes démarches").click()
    page.get_by_role("tab", name="À consulter").click()
    expect(page.get_by_role("button", name=re.compile("Déclaration d'avantage vieillesse"))).to_have_count(1)
