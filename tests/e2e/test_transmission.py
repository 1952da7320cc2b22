"""Transmettre un document with the phone camera: Samir answers the piece his Caf asked for."""

import io
import re

from playwright.sync_api import expect
from pypdf import PdfReader

from tests import files
from tests.personas import ELISE, SAMIR

from .conftest import DOCUMENT_TABLES, log_in


def take_photo(page, data: bytes, name: str = "photo.jpg"):
    """A person taps "Prendre une photo"; the test plays the camera by giving the chooser a file."""
    with page.expect_file_chooser() as chooser:
        page.get_by_role("button", name="Prendre une photo").click()
    chooser.value.set_files(files=[{"name": name, "mimeType": "image/jpeg", "buffer": data}])


def choose_file(page, data: bytes, name: str, mime: str):
    with page.expect_file_chooser() as chooser:
        page.get_by_role("button", name="Choisir un fichier").click()
    chooser.value.set_files(files=[{"name": name, "mimeType": mime, "buffer": data}])


def test_samir_answers_the_piece_with_two_photos_and_gets_the_accuse(page, tables_kept):
    tables_kept(*DOCUMENT_TABLES)
    log_in(page, SAMIR.nir, then="/demarches")
    expect(page.get_by_role("heading", name="Délais de traitement")).to_be_visible()
    expect(page.get_by_text(re.compile(r"^Autres démarches : (traitées (en|le)|délai pas encore mesuré)"))) \
        .to_be_visible()  # measured on the Caf's real queue, or said not measured yet
    page.get_by_role("link", name="Transmettre : Attestation de loyer").click()
    expect(page.get_by_text("Cette fonctionnalité permet uniquement de transmettre des documents")).to_be_visible()
    expect(page.locator("#photo-input")).to_have_attribute("capture", "environment")
    expect(page.get_by_text("10 Mo au plus par fichier")).to_be_visible()
    take_photo(page, files.photo_with_exif(orientation=6))
    expect(page.get_by_role("img", name="Page 1, aperçu")).to_be_visible()
    take_photo(page, files.photo_with_exif(orientation=1))
    expect(page.get_by_role("img", name="Page 2, aperçu")).to_be_visible()
    page.reload()  # pages already added survive a reload
    expect(page.get_by_role("img", name="Page 2, aperçu")).to_be_visible()
    page.get_by_label("Nom du document (facultatif)").fill("Attestation de loyer")
    page.get_by_role("button", name="Continuer").click()
    expect(page.get_by_role("heading", name="2. Vérifier")).to_be_visible()
    expect(page.get_by_text("Attestation de loyer : 2 élément(s)")).to_be_visible()
    page.get_by_role("button", name="Envoyer").dblclick()  # a double tap sends once
    expect(page.get_by_role("heading", name="Accusé de réception")).to_be_visible()
    expect(page.get_by_text(re.compile(r"Référence : D[0-9A-F]{8}"))).to_be_visible()
    expect(page.get_by_text("Attestation de loyer : 2 page(s)")).to_be_visible()

    page.get_by_role("link", name="Retour à mes démarches").click()
    # the piece's card has gone from « À faire » (his prime d'activité declaration due stays there)
    expect(page.get_by_role("heading", name="Délais de traitement")).to_be_visible()
    expect(page.get_by_role("link", name="Transmettre : Attestation de loyer")).to_have_count(0)
    page.get_by_role("tab", name="À consulter").click()
    sent = page.get_by_role("button", name=re.compile("Transmettre un document : Attestation de loyer"))
    expect(sent).to_have_count(1)
    sent.click()
    with page.expect_download() as info:
        page.get_by_role("link", name=re.compile(r"Attestation de loyer \(2 page")).click()
    with open(info.value.path(), "rb") as handle:
        pdf = handle.read()
    reader = PdfReader(io.BytesIO(pdf))
    assert len(reader.pages) == 2 and not reader.metadata and b"GPS" not in pdf and b"PhoneMaker" not in pdf
    page.goto("/mon-compte")
    expect(page.get_by_text("132,08 €")).to_have_count(0)
    expect(page.get_by_text("Information manquante")).to_have_count(0)


def test_a_big_file_and_a_text_file_renamed_jpg_are_refused_with_their_messages(page, tmp_path, tables_kept):
    tables_kept(*DOCUMENT_TABLES)  # the draft and the type chosen
    log_in(page, ELISE.nir, then="/demarches/transmettre")
    page.get_by_label("Type de document").select_option(label="Avis d'imposition")
    big = tmp_path / "enorme.jpg"
    big.write_bytes(b"\xff\xd8" + b"\x00" * (50 * 1024 * 1024))
    with page.expect_file_chooser() as chooser:
        page.get_by_role("button", name="Choisir un fichier").click()
    chooser.value.set_files(big)
    expect(page.get_by_role("alert")).to_contain_text("dépasse 10 Mo")
    choose_file(page, files.text_renamed_jpg(), "texte.jpg", "image/jpeg")
    expect(page.get_by_role("alert")).to_contain_text("ni une photo JPEG, PNG ou HEIC ni un document PDF")
    expect(page.get_by_role("img", name=re.compile("aperçu"))).to_have_count(0)


def test_the_rib_points_to_the_dedicated_procedure(page, tables_kept):
    tables_kept(*DOCUMENT_TABLES)
    log_in(page, ELISE.nir, then="/demarches/transmettre")
    page.get_by_label("Type de document").select_option(label="Relevé d'identité bancaire (RIB)")
    expect(page.get_by_role("status").filter(has_text="coordonnées bancaires")).to_be_visible()
    expect(page.get_by_role("link", name="Aller à Mon profil")).to_be_visible()
