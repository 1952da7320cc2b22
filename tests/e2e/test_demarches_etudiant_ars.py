"""Issue 21, point 13: Joséphine sends Hugo's certificat de scolarité for the ARS 16-18 from Mes démarches (camera,
review, accusé); Samir, once he has declared his studies, keeps the housing aid over the summer (review, accusé)."""

import io
import re

from playwright.sync_api import expect
from pypdf import PdfReader

from caf_app.domain.rentree import ARS_TITLE
from tests import files
from tests.personas import JOSEPHINE, SAMIR

from .conftest import DOCUMENT_TABLES, log_in
from .test_transmission import take_photo


def test_point_13_josephine_sends_hugo_s_certificat_de_scolarite_for_the_ars_16_18(page, tables_kept):
    tables_kept(*DOCUMENT_TABLES)
    log_in(page, JOSEPHINE.nir, then="/demarches")
    page.get_by_role("link", name=ARS_TITLE).click()
    expect(page.get_by_role("heading", name=ARS_TITLE)).to_be_visible()
    page.get_by_role("button", name="Continuer").click()
    expect(page.locator("#enfant-messages")).to_contain_text("Choisissez l'enfant.")
    page.get_by_label(re.compile(r"Hugo MASSICOT, né\(e\) le 15/09/2010")).check()
    page.get_by_label("Certificat de scolarité").check()
    page.get_by_role("button", name="Continuer").click()
    expect(page.get_by_role("heading", name="1. Ajouter les pages")).to_be_visible()
    expect(page.get_by_text("Hugo MASSICOT", exact=True)).to_be_visible()
    expect(page.get_by_label("Document envoyé")).to_have_value("certificat_scolarite")
    take_photo(page, files.photo_with_exif())
    expect(page.get_by_role("img", name="Page 1, aperçu")).to_be_visible()
    page.get_by_role("button", name="Continuer").click()
    expect(page.get_by_role("heading", name="2. Vérifier")).to_be_visible()
    page.get_by_role("button", name="Envoyer").click()
    expect(page.get_by_role("heading", name="Accusé de réception")).to_be_visible()
    page.get_by_role("link", name="Retour à mes démarches").click()
    page.get_by_role("tab", name="À consulter").click()
    expect(page.get_by_role("button", name=re.compile(
        re.escape(f"{ARS_TITLE} : Hugo MASSICOT (Certificat de scolarité)")))).to_have_count(1)


def test_point_13_samir_declares_his_studies_then_says_he_leaves_his_housing_for_the_summer(page, tables_kept):
    tables_kept("situation", "demarche")
    log_in(page, SAMIR.nir, then="/demarches")
    page.get_by_role("link", name="Étudiant : conservation du logement").click()
    expect(page.get_by_text(re.compile("réservées à un allocataire étudiant qui reçoit une aide au logement"))) \
        .to_be_visible()
    page.get_by_role("link", name="Déclarer un changement").click()
    page.get_by_label("Études").check()
    page.get_by_role("button", name="Continuer").click()
    page.get_by_label("Date de début").fill("02/11/2026")
    page.get_by_role("button", name="Continuer").click()
    page.get_by_role("button", name="Confirmer la déclaration").click()
    expect(page.get_by_role("heading", name="Votre changement est déclaré")).to_be_visible()

    page.goto("/demarches/etudiant?demarche=logement")
    expect(page.get_by_role("heading", name="Déclaration de maintien dans les lieux pendant l'été")).to_be_visible()
    page.get_by_label("Je quitte mon logement").check()
    page.get_by_role("button", name="Continuer").click()
    expect(page.locator("#date_depart-messages")).to_contain_text("la date de départ")
    page.get_by_label("Date de départ du logement (si vous le quittez)").fill("30/06/2027")
    page.get_by_role("button", name="Continuer").click()
    expect(page.get_by_role("heading", name="Vérifier")).to_be_visible()
    expect(page.get_by_text("Je quitte mon logement")).to_be_visible()
    page.get_by_role("button", name="Confirmer la déclaration").dblclick()  # a double tap sends once
    expect(page.get_by_role("heading", name="Accusé de réception")).to_be_visible()
    expect(page.get_by_text(re.compile(r"Référence : E[0-9A-F]{8}"))).to_be_visible()
    with page.expect_download() as info:
        page.get_by_role("link", name=re.compile("Télécharger l'accusé de réception")).click()
    with open(info.value.path(), "rb") as handle:
        text = PdfReader(io.BytesIO(handle.read())).pages[0].extract_text()
    assert "Étudiant : conservation du logement" in text and "30/06/2027" in text
    page.get_by_role("link", name="Retour à mes démarches").click()
    page.get_by_role("tab", name="À consulter").click()
    expect(page.get_by_role("button", name=re.compile("Étudiant : conservation du logement"))).to_have_count(1)
