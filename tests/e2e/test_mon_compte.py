"""Mon Compte: accueil, allocations, attestations in PDF, courriers, dettes, and who sees what."""

import io
import re
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from playwright.sync_api import expect
from pypdf import PdfReader

from caf_app import clock
from caf_app.domain.dates import add_months, first_of_month
from tests.personas import ELISE, ERIC, JONAS, JOSEPHINE, SAMIR

from .conftest import log_in, wait_until_ready

PARIS = ZoneInfo("Europe/Paris")


def minutes(start: datetime, end: datetime) -> list[datetime]:
    """Every minute from start to end (Paris time), both included."""
    at, result = start.replace(second=0, microsecond=0), []
    while at <= end:
        result.append(at)
        at += timedelta(minutes=1)
    return result


def pdf_text(download) -> str:
    with open(download.path(), "rb") as handle:
        data = handle.read()
    assert data.startswith(b"%PDF")
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def test_elise_sees_her_payment_and_qf_then_downloads_the_attestation_of_a_month(page):
    log_in(page, ELISE.nir)
    expect(page.get_by_text("575,52 €")).to_be_visible()
    expect(page.get_by_text("89 €")).to_be_visible()
    direct = page.get_by_role("navigation", name="Accès directs")
    # Loaded with the payment above: Elise owes nothing, so no "Mes dettes" entry.
    expect(direct.get_by_role("link")).to_have_text(["Mon relevé de compte (PDF)", "Mes attestations",
                                                     re.compile("^Mes courriers et courriels")])
    expect(direct.get_by_role("link", name="Mes dettes")).to_have_count(0)
    direct.get_by_role("link", name="Mes attestations").click()
    # Issue 24, point 9: only the fields of the attestation chosen (none for the last payment).
    expect(page.get_by_label("Attestation de paiement du dernier paiement")).to_be_checked()
    for field in ("Mois de l'attestation de paiement", "Mois du quotient familial"):
        expect(page.get_by_label(field)).to_be_hidden()
    expect(page.get_by_label("Du", exact=True)).to_be_hidden()
    page.get_by_label("Attestation de quotient familial").check()
    expect(page.get_by_label("Mois du quotient familial")).to_be_visible()
    expect(page.get_by_label("Mois de l'attestation de paiement")).to_be_hidden()
    page.get_by_label("Attestation de paiement d'un mois").check()
    month = page.get_by_label("Mois de l'attestation de paiement")
    expect(month).to_be_visible()
    expect(page.get_by_label("Mois du quotient familial")).to_be_hidden()
    month.select_option(index=1)
    chosen = month.locator("option:checked").inner_text()
    with page.expect_download() as info:
        page.get_by_role("button", name="Télécharger").click()
    text = pdf_text(info.value)
    assert "ELISE LAMBERT" in text and "330,00 €" in text and "245,52 €" in text
    assert "Attestation de paiement" in text and "Référence : ATT-1302002-" in text
    assert chosen.split()[1] in text  # the year of the chosen month


def test_recevoir_par_courrier_records_a_demarche(page, tables_kept):
    tables_kept("demarche")
    log_in(page, ELISE.nir, then="/attestations")
    page.get_by_label("Attestation de quotient familial").check()
    page.get_by_role("button", name="Recevoir par courrier").click()
    expect(page.get_by_role("status")).to_contain_text("vous sera envoyée par courrier")
    page.goto("/demarches")
    wait_until_ready(page)  # its tabs answer
    page.get_by_role("tab", name="À consulter").click()
    expect(page.get_by_role("tab", name="À consulter")).to_have_attribute("aria-selected", "true")
    expect(page.get_by_text("Demande par courrier : Attestation de quotient familial")).to_be_visible()


def test_desktop_dashboard_has_the_seed_sentences(desktop_page, browser, base_url):
    before = datetime.now(PARIS)
    earlier = browser.new_context(base_url=base_url)
    log_in(earlier.new_page(), ELISE.nir)  # a login before this one: the dashboard gives its date and time
    earlier.close()
    after = datetime.now(PARIS)
    page = desktop_page
    log_in(page, ELISE.nir)
    last_login = page.get_by_text(re.compile("^Dernière connexion le "))
    expect(last_login).to_be_visible()
    assert last_login.inner_text().strip() in {f"Dernière connexion le {at:%d/%m/%Y} à {at:%H:%M}"
                                               for at in minutes(before, after)}
    expect(page.get_by_text("Vous autorisez Antoine LAMBERT à gérer votre dossier")).to_be_visible()
    for sentence in ("Je suis marié(e) depuis le 31/03/2012", "J'ai 1 enfant rattaché à mon dossier",
                     "J'ai une activité salariée depuis le 01/09/2020",
                     "Mon conjoint a une activité non salariée depuis le 01/03/2011",  # issue 21, point 6
                     "6 RUE DES PIVOINES, 13013 MARSEILLE",
                     "el13@example.fr", "06 06 06 06 06"):
        expect(page.get_by_text(sentence)).to_be_visible()
    for heading in ("Mes alertes", "Mes paiements et mes droits", "Mes démarches", "Mon profil"):
        expect(page.get_by_role("heading", name=heading)).to_be_visible()
    with page.expect_download() as info:
        page.get_by_role("link", name="Télécharger mon relevé de compte du mois").click()
    assert "Relevé de compte" in pdf_text(info.value)


def test_josephine_sees_the_regularisation_and_the_sans_droit_motif(page):
    log_in(page, JOSEPHINE.nir, then="/allocations")
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
    expect(page.locator(f"#{first.get_attribute('aria-controls')}").get_by_text("8 172,93 €").first).to_be_visible()
    expect(page.get_by_text(re.compile("régularisation de Revenu de solidarité active"))).to_be_visible()
    expect(page.get_by_text(re.compile(r"compte •••• \d{4}")).first).to_be_visible()
    page.get_by_text("Voir les montants sous forme de tableau").click()
    expect(page.get_by_role("table", name="Paiements des 12 derniers mois par prestation")).to_be_visible()


def test_samir_repays_100_euros_and_sees_the_new_balance(page, tables_kept):
    tables_kept("dette", "dettemouvement", "repaymentintent")
    log_in(page, SAMIR.nir)
    page.get_by_role("navigation", name="Accès directs").get_by_role("link", name="Mes dettes").click()
    expect(page.get_by_text("1 130,26 €").first).to_be_visible()
    # Issue 24, point 11: what is owed and what is repaid, the retenues that go on, no amount chosen in advance.
    expect(page.get_by_text("Reste à rembourser", exact=True)).to_be_visible()
    expect(page.get_by_text(re.compile("^Déjà remboursé : "))).to_be_visible()
    expect(page.get_by_text(re.compile("^Les retenues automatiques continuent"))).to_be_visible()
    expect(page.get_by_label(re.compile("^La totalité"))).not_to_be_checked()
    expect(page.get_by_label("Une partie")).not_to_be_checked()
    page.get_by_role("button", name="Rembourser").click()
    expect(page.get_by_text("Choisissez de rembourser la totalité ou une partie de la dette.")).to_be_visible()
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
    expect(page.get_by_text("1 030,26 €", exact=True)).to_be_visible()
    expect(page.get_by_text(re.compile(" - Remboursement en ligne$"))).to_have_count(1)


def test_eric_without_delegation_sees_no_payments(page):
    log_in(page, ERIC.nir, then="/allocations")
    expect(page.get_by_role("status")).to_contain_text("ne vous a pas autorisé(e) à gérer le dossier")
    expect(page.get_by_role("tab", name="Mes paiements")).to_have_count(0)
    response = page.request.get("/api/documents/attestation-paiement?type=dernier")
    assert response.status == 403


def test_a_document_of_another_dossier_answers_404_and_none_without_session(page, browser, base_url):
    log_in(page, ELISE.nir, then="/courriers")
    first = page.get_by_role("button", name=re.compile("Vos droits ont été recalculés"))
    first.click()
    link = page.get_by_role("link", name="Télécharger ce courrier (PDF)")
    href = link.get_attribute("href")
    assert page.request.get(href).status == 200
    other = browser.new_context(base_url=base_url)
    other_page = other.new_page()
    log_in(other_page, JONAS.nir)
    assert other_page.request.get(href).status == 404
    anonymous = browser.new_context(base_url=base_url)
    response = anonymous.request.get(href, max_redirects=0)
    assert response.status == 303 and "/connexion" in response.headers["location"]
    other.close()
    anonymous.close()


def test_opening_the_unread_courrier_removes_the_red_dot(page, tables_kept):
    tables_kept("courrier")
    log_in(page, JONAS.nir)
    bottom_bar = page.get_by_role("navigation", name="Navigation principale")
    menu_entry = bottom_bar.get_by_role("link", name=re.compile("Menu"))
    expect(menu_entry).to_contain_text("courrier non lu")
    page.goto("/courriers")
    page.get_by_role("button", name=re.compile("Non lu")).click()
    expect(menu_entry).not_to_contain_text("courrier non lu")


def test_a_period_of_more_than_24_months_is_refused_next_to_its_field(page):
    log_in(page, ELISE.nir, then="/attestations")
    page.get_by_label("Attestation de paiement d'une période (24 mois au plus)").check()
    today = clock.today()
    page.get_by_label("Du", exact=True).fill(add_months(first_of_month(today), -24).isoformat())
    page.get_by_label("Au", exact=True).fill(today.isoformat())
    page.get_by_role("button", name="Télécharger").click()
    end = page.get_by_label("Au", exact=True)
    expect(end).to_have_attribute("aria-invalid", "true")
    expect(end).to_have_accessible_description(re.compile("La période ne peut pas dépasser 24 mois"))
    expect(page.get_by_label("Du", exact=True)).to_have_attribute("aria-invalid", "false")


def test_the_header_red_dot_goes_once_the_unread_courrier_is_opened(desktop_page, tables_kept):
    tables_kept("courrier")
    page = desktop_page
    log_in(page, JOSEPHINE.nir)  # no other test opens her courriers
    header = page.get_by_role("banner")
    expect(header).to_contain_text("courrier non lu")
    page.goto("/courriers")
    expect(header).to_contain_text("courrier non lu")
    page.get_by_role("button", name=re.compile("Non lu")).click()
    expect(page.get_by_role("link", name="Télécharger ce courrier (PDF)")).to_be_visible()
    expect(header).not_to_contain_text("courrier non lu")
    page.reload()
    expect(page.get_by_role("heading", level=1, name="Mes courriers et courriels")).to_be_visible()
    expect(page.get_by_role("button", name=re.compile("Vos droits ont été recalculés"))).to_be_visible()
    expect(header).not_to_contain_text("courrier non lu")


def test_an_attestation_is_verified_by_anyone_with_its_reference(page, browser, base_url):
    log_in(page, ELISE.nir, then="/attestations")
    with page.expect_download() as info:
        page.get_by_role("button", name="Télécharger").click()  # the last payment, checked by default
    text = pdf_text(info.value)
    reference = re.search(r"Référence : (ATT-1302002-[0-9A-Z-]+)", text).group(1)
    paid_on = re.search(r"Paiement du (\d{2}/\d{2}/\d{4})", text).group(1)
    assert "Vérifiez cette attestation sur" in text and "/verifier-une-attestation" in text

    stranger = browser.new_context(base_url=base_url)  # a landlord, say: no account, no session
    other = stranger.new_page()
    other.goto("/")
    other.get_by_role("contentinfo").get_by_role("link", name="Vérifier une attestation").click()
    expect(other.get_by_role("heading", level=1, name="Vérifier une attestation")).to_be_visible()
    expect(other).to_have_title(re.compile("^Vérifier une attestation - "))
    field = other.get_by_label("Référence de l'attestation")
    field.fill(reference)
    other.get_by_role("button", name="Vérifier").click()
    answer = other.get_by_role("status").filter(has_text="Attestation authentique")
    expect(answer).to_be_visible()
    for expected in ("Attestation de paiement", f"du {paid_on} au {paid_on}", "Elise L.", "575,52 €"):
        expect(answer).to_contain_text(expected)
    expect(answer).not_to_contain_text("LAMBERT")
    expect(answer).not_to_contain_text("PIVOINES")
    expect(field).to_have_attribute("aria-invalid", "false")

    field.fill("ATT-1302002-0000-0000-0000-0000")
    other.get_by_role("button", name="Vérifier").click()
    expect(field).to_have_attribute("aria-invalid", "true")
    expect(field).to_have_accessible_description(
        re.compile("Aucune attestation ne correspond à cette référence\\.$"))
    expect(other.get_by_text("Attestation authentique")).to_have_count(0)
    stranger.close()
