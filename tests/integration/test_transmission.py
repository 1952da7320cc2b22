import io
from pathlib import Path

import pytest
from pypdf import PdfReader
from sqlmodel import select

from caf_app import models as m
from caf_app.documents.storage import PrivateStore
from caf_app.domain.errors import DomainError, Forbidden
from caf_app.services.paperwork import demarches, sending, transmission
from caf_app.services.payments import dossier
from tests import files
from tests.factories import actor_of
from tests.personas import ERIC, JONAS, SAMIR

from .conftest import TODAY


@pytest.fixture
def store(tmp_path) -> PrivateStore:
    return PrivateStore(tmp_path / "private")


def samir_piece(session):
    return session.exec(select(m.PieceDemandee)).one()


def test_samir_answers_the_piece_with_two_photos_and_it_moves_to_a_consulter(seeded, store):
    samir = actor_of(seeded, SAMIR.nir)
    piece = samir_piece(seeded)
    draft_id = transmission.open_draft(session=seeded, actor=samir, piece_id=piece.id)
    assert transmission.open_draft(session=seeded, actor=samir, piece_id=piece.id) == draft_id  # kept
    document_id = transmission.view(session=seeded, actor=samir, draft_id=draft_id).documents[0].id
    for _ in range(2):
        transmission.add_file(session=seeded, actor=samir, document_id=document_id, data=files.photo_with_exif(),
                              store=store)
    transmission.rename_document(session=seeded, actor=samir, document_id=document_id, name="Attestation de loyer")
    receipt = sending.send(session=seeded, actor=samir, draft_id=draft_id, store=store)
    again = sending.send(session=seeded, actor=samir, draft_id=draft_id, store=store)
    assert receipt == again
    assert [(d.name, d.pages) for d in receipt.documents] == [("Attestation de loyer", 2)]
    assert demarches.pieces_to_send(session=seeded, actor=samir) == []
    assert demarches.history(session=seeded, actor=samir, today=TODAY)[0].title.endswith("Attestation de loyer")
    assert all(a.title != "Information manquante" for a in dossier.summary(session=seeded, actor=samir,
                                                                            today=TODAY).alerts)
    pdf = sending.document_file(session=seeded, actor=samir, document_id=receipt.documents[0].id, store=store)
    reader = PdfReader(io.BytesIO(pdf))
    assert len(reader.pages) == 2 and not reader.metadata and b"GPS" not in pdf and b"PhoneMaker" not in pdf
    assert sorted(p.name for p in Path(store.root).iterdir()) == [
        seeded.exec(select(m.Document)).one().storage_key]  # the draft pages are gone, the PDF stays
    accuse = sending.receipt_pdf(session=seeded, actor=samir, demarche_id=receipt.demarche_id)
    text = PdfReader(io.BytesIO(accuse)).pages[0].extract_text()
    assert "Accusé de réception" in text and receipt.reference in text and "Attestation de loyer : 2 page(s)" in text


def test_a_refused_file_leaves_nothing_behind(seeded, store):
    samir = actor_of(seeded, SAMIR.nir)
    draft_id = transmission.open_draft(session=seeded, actor=samir, piece_id=None)
    document_id = transmission.view(session=seeded, actor=samir, draft_id=draft_id).documents[0].id
    for hostile in (files.renamed_executable(), files.truncated_jpeg(), files.pdf_with_javascript(), b""):
        with pytest.raises(DomainError):
            transmission.add_file(session=seeded, actor=samir, document_id=document_id, data=hostile, store=store)
    assert not store.root.exists() or list(store.root.iterdir()) == []
    assert seeded.exec(select(m.TransmissionPage)).all() == []


def test_a_free_document_needs_its_type_and_a_pdf_starts_its_own_document(seeded, store):
    samir = actor_of(seeded, SAMIR.nir)
    draft_id = transmission.open_draft(session=seeded, actor=samir, piece_id=None)
    document_id = transmission.view(session=seeded, actor=samir, draft_id=draft_id).documents[0].id
    transmission.add_file(session=seeded, actor=samir, document_id=document_id, data=files.png_page(), store=store)
    transmission.add_file(session=seeded, actor=samir, document_id=document_id, data=files.pdf_document(3),
                          store=store)
    view = transmission.view(session=seeded, actor=samir, draft_id=draft_id)
    assert [len(d.pages) for d in view.documents] == [1, 1]
    with pytest.raises(DomainError) as error:
        sending.send(session=seeded, actor=samir, draft_id=draft_id, store=store)
    assert error.value.field == "type"
    transmission.set_type(session=seeded, actor=samir, draft_id=draft_id, doc_type="avis_imposition")
    receipt = sending.send(session=seeded, actor=samir, draft_id=draft_id, store=store)
    assert [d.pages for d in receipt.documents] == [1, 3]


def test_nobody_reaches_another_dossier_draft_or_document(seeded, store):
    samir, jonas = actor_of(seeded, SAMIR.nir), actor_of(seeded, JONAS.nir)
    draft_id = transmission.open_draft(session=seeded, actor=samir, piece_id=samir_piece(seeded).id)
    document_id = transmission.view(session=seeded, actor=samir, draft_id=draft_id).documents[0].id
    transmission.add_file(session=seeded, actor=samir, document_id=document_id, data=files.png_page(), store=store)
    page_id = transmission.view(session=seeded, actor=samir, draft_id=draft_id).documents[0].pages[0].id
    with pytest.raises(Forbidden):
        transmission.page_file(session=seeded, actor=jonas, page_id=page_id, store=store)
    with pytest.raises(Forbidden):
        transmission.open_draft(session=seeded, actor=jonas, piece_id=samir_piece(seeded).id)
    receipt = sending.send(session=seeded, actor=samir, draft_id=draft_id, store=store)
    with pytest.raises(Forbidden):
        sending.document_file(session=seeded, actor=jonas, document_id=receipt.documents[0].id, store=store)
    eric = actor_of(seeded, ERIC.nir)
    with pytest.raises(Forbidden):
        transmission.open_draft(session=seeded, actor=eric, piece_id=None)


def test_an_iphone_heic_photo_is_stored_and_sent_as_a_jpeg_without_its_metadata(seeded, store):
    """Point 16 of issue 21: the upload's own service path (transmission.add_file, retake, send)."""
    samir = actor_of(seeded, SAMIR.nir)
    draft_id = transmission.open_draft(session=seeded, actor=samir, piece_id=samir_piece(seeded).id)
    document_id = transmission.view(session=seeded, actor=samir, draft_id=draft_id).documents[0].id
    heic = files.heic_photo_with_exif()
    assert b"PhoneMaker" in heic
    assert transmission.add_file(session=seeded, actor=samir, document_id=document_id, data=heic, store=store) == []
    page = seeded.exec(select(m.TransmissionPage)).one()
    stored = store.get(page.storage_key)
    assert (page.kind, page.storage_key.endswith(".jpg"), stored[:3]) == ("image", True, b"\xff\xd8\xff")
    assert b"PhoneMaker" not in stored and b"Exif" not in stored and b"GPS" not in stored
    transmission.retake(session=seeded, actor=samir, page_id=page.id, data=files.heic_photo_with_exif(orientation=1),
                        store=store)
    seeded.refresh(page)
    assert store.get(page.storage_key)[:3] == b"\xff\xd8\xff"
    receipt = sending.send(session=seeded, actor=samir, draft_id=draft_id, store=store)
    pdf = sending.document_file(session=seeded, actor=samir, document_id=receipt.documents[0].id, store=store)
    assert len(PdfReader(io.BytesIO(pdf)).pages) == 1 and b"PhoneMaker" not in pdf and b"GPS" not in pdf
