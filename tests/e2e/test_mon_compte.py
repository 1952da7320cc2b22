"""Mon Compte: accueil, allocations, attestations in PDF, courriers, dettes, and who sees what."""

import io
import re

from playwright.sync_api import expect
from pypdf import PdfReader

from .conftest import log_in

ELISE, JOSEPHINE, SAMIR, ERIC, JONAS = "2900513055031", "2790492044016", "1920792050077", "1900692024103", \
    "1850375112042"


def pdf_text(download) -> str:
    with open(download.path(), "rb") as handle:
        data = handle.read()
    assert data.startswith(b"%PDF")
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def test_elise_sees_her_payment_and_qf_then_downloads_the_attestation_of_a_month(page):
    log_in(page, ELISE)
    expect(page.get_by_text("575,52 €")).to_be_visible()
    expect(page.get_by_text("89 €")).to_be_visible()
    page.get_by_role("navigation", name="Accès directs").get_by_role("link", name="Mes attestations").click()
    page.get_by_label("Attestation de paiement d'un mois").check()
    month = page.get_by_label("Mois de l'attestation de paiement")
    month.select_option(index=1)
    chosen = month.locator("option:checked").inner_text()
    with page.expect_download() as info:
        page.get_by_role("button", name="Télécharger").click()
    text = pdf_text(info.value)
    assert "ELISE LAMBERT" in text and "330,00 €" in text and "245,52 €" in text
    assert "Attestation de paiement" in text and "Référence : ATT-1302002-" in text
    assert chosen.split()[1] in text  # the year of the chosen month


def test_recevoir_par_courrier_records_a_demarche(page):
    log_in(page, ELISE, then="/attestations")
    page.get_by_label("Attestation de quotient familial").check()
    page.get_by_role("button", name="Recevoir par courrier").click()
    expect(page.get_by_role("status")).to_contain_text("vous sera envoyée par courrier")
    page.goto("/demarches")
    page.get_by_role("tab", name="À consulter").click()
    expect(page.get_by_text("Demande par courrier : Attestation de quotient familial")).to_be_visible()


def test_desktop_dashboard_has_the_seed_sentences(desktop_page):
    page = desktop_page
    log_in(page, ELISE)
    expect(page.get_by_text("Vous autorisez Antoine LAMBERT à gérer votre dossier")).to_be_visible()
    for sentence in ("Je suis marié(e) depuis le 31/03/2012", "J'ai 1 enfant rattaché à mon dossier",
                     "J'ai une activité salariée depuis le 01/09/2020", "6 RUE DES PIVOINES, 13013 MARSEILLE",
                     "el13@example.fr", "06 06 06 06 06"):
        expect(page.get_by_text(sentence)).to_be_visible()
    for heading in ("Mes alertes", "Mes paiements et mes droits", "Mes démarches", "Mon profil"):
        expect(page.get_by_role("heading", name=heading)).to_be_visible()
    with page.expect_download() as info:
        page.get_by_role("link", name="Télécharger mon relevé de compte du mois").click()
    assert "Relevé de compte" in pdf_text(info.value)


def test_josephine_sees_the_regularisation_and_the_sans_droit_motif(page):
    log_in(page, JOSEPHINE, then="/allocations")
    expect(page.get_by_role("heading", name="Prestations sans droits")).to_be_visible()
    expect(page.get_by_text("Motif : Ressources trimestrielles non fournies").first).to_be_visible()
    expect(page.get_by_text("Vos droits sont calculés en fonction de la situation connue")).to_be_visible()
    page.get_by_role("button", name="Mois précédent").click()
    expect(page.get_by_role("heading", name="Prestations sans droits")).to_be_hidden()
    page.get_by_role("tab", name="Mes paiements").click()
    first = page.get_by_role("button", name=re.compile("^Paiement du")).first
    first.click()
    expect(first).to_have_attribute("aria-expanded", "true")
    expect(page.get_by_text("- Pour la période de Juillet 2017 à Mars 2019")).to_be_visible()
    expect(page.get_by_text("8 172,93 €").first).to_be_visible()
    expect(page.get_by_text(re.compile("régularisation de Revenu de solidarité active"))).to_be_visible()
    expect(page.get_by_text(re.compile(r"compte •••• \d{4}")).first).to_be_visible()
    page.get_by_text("Voir les montants sous forme de tableau").click()
    expect(page.get_by_role("table", name="Paiements des 12 derniers mois par prestation")).to_be_visible()


def test_samir_repays_100_euros_and_sees_the_new_balance(page):
    log_in(page, SAMIR)
    page.get_by_role("navigation", name="Accès directs").get_by_role("link", name="Mes dettes").click()
    expect(page.get_by_text("1 130,26 €").first).to_be_visible()
    page.get_by_label("Une partie").check()
    page.get_by_label("Montant à rembourser").fill("100")
    page.get_by_role("button", name="Rembourser").click()
    expect(page.get_by_role("note").filter(has_text="Page de paiement simulée")).to_be_visible()
    page.get_by_label("Numéro de carte").fill("4111 1111 1111 1112")
    page.get_by_label("Date d'expiration").fill("09/30")
    page.get_by_label("Cryptogramme").fill("123")
    page.get_by_role("button", name="Payer").click()
    expect(page.locator("#carte-messages")).to_have_text(re.compile("pas valide"))
    page.get_by_label("Numéro de carte").fill("4111 1111 1111 1111")
    page.get_by_role("button", name="Payer").dblclick()
    expect(page.get_by_role("status")).to_contain_text("100,00 € remboursés")
    expect(page.get_by_text("1 030,26 €")).to_be_visible()
    page.get_by_role("link", name="Retour à mes dettes").click()
    expect(page.get_by_text("Reste à rembourser : 1 030,26 €")).to_be_visible()
    expect(page.get_by_text("Remboursement en ligne")).to_have_count(1)


def test_eric_without_delegation_sees_no_payments(page):
    log_in(page, ERIC, then="/allocations")
    expect(page.get_by_role("status")).to_contain_text("ne vous a pas autorisé(e) à gérer le dossier")
    expect(page.get_by_role("tab", name="Mes paiements")).to_have_count(0)
    response = page.request.get("/api/documents/attestation-paiement?type=dernier")
    assert response.status == 403


def test_a_document_of_another_dossier_answers_404_and_none_without_session(page, browser, base_url):
    log_in(page, ELISE, then="/courriers")
    first = page.get_by_role("button", name=re.compile("Vos droits ont été recalculés"))
    first.click()
    link = page.get_by_role("link", name="Télécharger ce courrier (PDF)")
    href = link.get_attribute("href")
    assert page.request.get(href).status == 200
    other = browser.new_context(base_url=base_url)
    other_page = other.new_page()
    log_in(other_page, JONAS)
    assert other_page.request.get(href).status == 404
    anonymous = browser.new_context(base_url=base_url)
    response = anonymous.request.get(href, max_redirects=0)
    assert response.status == 303 and "/connexion" in response.headers["location"]
    other.close()
    anonymous.close()


def test_opening_the_unread_courrier_removes_the_red_dot(page):
    log_in(page, JONAS)
    bottom_bar = page.get_by_role("navigation", name="Navigation principale")
    menu_entry = bottom_bar.get_by_role("link", name=re.compile("Menu"))
    expect(menu_entry).to_contain_text("courrier non lu")
    page.goto("/courriers")
    page.get_by_role("button", name=re.compile("Non lu")).click()
    expect(menu_entry).not_to_contain_text("courrier non lu")
