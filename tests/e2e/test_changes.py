"""Déclarer un changement: Eric (no delegation) a separation only; Elise a birth; Florence's delegation."""

import io
import re
from datetime import timedelta

from playwright.sync_api import expect
from pypdf import PdfReader

from caf_app import clock
from tests.personas import ELISE, ERIC, FLORENCE, JONAS

from .conftest import log_in


def test_eric_without_delegation_declares_a_separation_and_nothing_else(page, tables_kept):
    tables_kept("person", "member", "situation", "demarche")
    log_in(page, ERIC.nir, then="/declarer-un-changement")
    options = page.get_by_role("main").get_by_role("radio")
    expect(options).to_have_count(1)
    expect(page.get_by_label("Séparation")).to_be_visible()
    expect(page.get_by_label("Mariage")).to_have_count(0)
    page.get_by_label("Séparation").check()
    page.get_by_role("button", name="Continuer").click()
    page.get_by_label("Date de la séparation").fill((clock.today() - timedelta(days=10)).strftime("%d/%m/%Y"))
    page.get_by_role("button", name="Continuer").click()
    expect(page.get_by_role("heading", name="Vérifier")).to_be_visible()
    page.get_by_role("button", name="Confirmer la déclaration").dblclick()
    expect(page.get_by_role("heading", name="Votre changement est déclaré")).to_be_visible()
    page.get_by_role("link", name="Voir mon profil").click()
    expect(page.get_by_text(re.compile(r"Je suis séparé\(e\) depuis le .* \(en cours de traitement\)"))).to_be_visible()
    page.goto("/allocations")
    expect(page.get_by_role("tab", name="Mes droits")).to_have_count(0)


def test_elise_declares_a_birth_and_the_child_appears_en_cours(page, tables_kept):
    tables_kept("person", "member", "situation", "demarche")
    log_in(page, ELISE.nir, then="/declarer-un-changement")
    page.get_by_label("Déclarer une naissance").check()
    page.get_by_role("button", name="Continuer").click()
    page.get_by_label("Date de naissance").fill("31/02/2026")
    page.get_by_label("Prénom(s) de l'enfant").fill("Jules")
    page.get_by_label("Nom de l'enfant").fill("Lambert")
    page.get_by_role("button", name="Continuer").click()
    expect(page.locator("#date_effet-messages")).to_contain_text("n'existe pas")
    page.get_by_label("Date de naissance").fill((clock.today() - timedelta(days=3)).strftime("%d/%m/%Y"))
    page.get_by_role("button", name="Continuer").click()
    expect(page.get_by_text("Jules LAMBERT")).to_be_visible()
    page.get_by_role("button", name="Confirmer la déclaration").click()
    page.get_by_role("link", name="Voir mon profil").click()
    expect(page.get_by_text(re.compile("Jules LAMBERT - Enfant, en cours de traitement"))).to_be_visible()


def test_florence_with_delegation_downloads_jonas_attestation(page):
    log_in(page, FLORENCE.nir, then="/attestations")
    with page.expect_download() as info:
        page.get_by_role("button", name="Télécharger").click()
    with open(info.value.path(), "rb") as handle:
        text = PdfReader(io.BytesIO(handle.read())).pages[0].extract_text()
    assert "JONAS DUCHAIS" in text and "132,08 €" in text


def test_jonas_switches_to_his_former_dossier_from_mes_dossiers(page):
    log_in(page, JONAS.nir)
    page.get_by_label("Mes dossiers").select_option(label="N° 1309001 - Caf des Bouches-du-Rhône (ancien dossier)")
    page.get_by_role("button", name="Changer de dossier").click()
    expect(page.get_by_text("210,40 €")).to_be_visible()
    page.get_by_label("Mes dossiers").select_option(label="N° 9201001 - Caf des Hauts-de-Seine")
    page.get_by_role("button", name="Changer de dossier").click()
    expect(page.get_by_text("132,08 €")).to_be_visible()


def test_point_14_elise_declares_an_adopted_child_and_her_mother_who_arrive_en_cours(page, tables_kept):
    tables_kept("person", "member", "situation", "demarche")
    log_in(page, ELISE.nir, then="/declarer-un-changement")
    page.get_by_label("Arrivée d'un enfant par adoption").check()
    page.get_by_role("button", name="Continuer").click()
    page.get_by_label("Date d'arrivée de l'enfant au foyer").fill((clock.today() - timedelta(days=5))
                                                                 .strftime("%d/%m/%Y"))
    page.get_by_label("Prénom(s) de l'enfant").fill("Ana")
    page.get_by_label("Nom de l'enfant").fill("Lambert")
    page.get_by_label("Date de naissance de l'enfant").fill("14/03/2022")
    page.get_by_role("button", name="Continuer").click()
    expect(page.get_by_text("Ana LAMBERT")).to_be_visible()
    page.get_by_role("button", name="Confirmer la déclaration").click()
    expect(page.get_by_role("heading", name="Votre changement est déclaré")).to_be_visible()
    page.goto("/declarer-un-changement")
    page.get_by_label("Arrivée d'une autre personne à charge (un parent, un proche)").check()
    page.get_by_role("button", name="Continuer").click()
    page.get_by_label("Date d'arrivée au foyer").fill((clock.today() - timedelta(days=2)).strftime("%d/%m/%Y"))
    page.get_by_label("Prénom(s) de la personne").fill("Rose")
    page.get_by_label("Nom de la personne").fill("Martin")
    page.get_by_label("Date de naissance de la personne").fill("01/02/1950")
    page.get_by_role("button", name="Continuer").click()
    expect(page.locator("#lien-messages")).to_contain_text("Choisissez le lien")
    page.get_by_label("Lien de cette personne avec vous").select_option(label="Père ou mère")
    page.get_by_role("button", name="Continuer").click()
    expect(page.get_by_text("Père ou mère")).to_be_visible()
    page.get_by_role("button", name="Confirmer la déclaration").click()
    page.get_by_role("link", name="Voir mon profil").click()
    expect(page.get_by_text(re.compile("Ana LAMBERT - Enfant, en cours de traitement"))).to_be_visible()
    expect(page.get_by_text(re.compile("Rose MARTIN - Autre personne à charge, en cours de traitement"))) \
        .to_be_visible()


def test_point_15_a_change_older_than_two_years_is_declared_with_the_l553_1_notice(page, tables_kept):
    tables_kept("person", "member", "situation", "demarche")
    log_in(page, ELISE.nir, then="/declarer-un-changement")
    page.get_by_label("Chômage").check()
    page.get_by_role("button", name="Continuer").click()
    expect(page.get_by_text(re.compile(r"Vous pouvez déclarer un changement ancien.*article L\. 553-1"))) \
        .to_be_visible()
    page.get_by_label("Date de début").fill("01/01/2020")
    page.get_by_role("button", name="Continuer").click()
    expect(page.get_by_text(re.compile(r"Ce changement date de plus de deux ans.*L\. 553-1"))).to_be_visible()
    page.get_by_role("button", name="Confirmer la déclaration").click()
    expect(page.get_by_role("heading", name="Votre changement est déclaré")).to_be_visible()
