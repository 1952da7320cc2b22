"""The pièces justificatives joined inside a demande (issue 19, point 5): photos or a PDF per piece, checked and
cleaned as any document, kept with the draft across devices; sending makes each piece one PDF of the démarche and
leaves only the others in « À transmettre »; a stale draft's files go with it."""

from __future__ import annotations

import io

import pytest
from PIL import Image
from pypdf import PdfReader
from sqlmodel import select

from caf_app import models as m
from caf_app.documents.storage import PrivateStore
from caf_app.domain.errors import DomainError, Forbidden
from caf_app.services.paperwork import demande_pieces, demandes, demarches
from tests.factories import actor_of
from tests.files import pdf_document, pdf_text, photo_with_exif, renamed_executable
from tests.personas import ELISE, JONAS

from .conftest import TODAY
from .test_demandes import JONAS_LOGEMENT, fill

BAIL = "Bail ou attestation de loyer signée par votre bailleur"
SEJOUR = "Titre de séjour en cours de validité"
SCOLARITE = "Certificat de scolarité de l'année en cours"


@pytest.fixture
def store(tmp_path) -> PrivateStore:
    return PrivateStore(tmp_path / "private")


def jonas_draft(session):
    jonas = actor_of(session, JONAS.nir)
    draft = fill(session, jonas, demandes.start(session=session, actor=jonas, kind="aide_logement", today=TODAY),
                 JONAS_LOGEMENT)
    return jonas, draft


def join(session, actor, draft, label, data, store):
    return demande_pieces.add(session=session, actor=actor, demande_id=draft.id, label=label, data=data,
                              store=store)


def stored(store: PrivateStore) -> int:
    return sum(1 for path in store.root.rglob("*") if path.is_file())


def test_pieces_joined_in_the_demande_become_its_documents_and_only_the_others_wait(seeded, store):
    jonas, draft = jonas_draft(seeded)
    assert [v.pages for v in demande_pieces.pieces(session=seeded, actor=jonas, demande_id=draft.id)] == [0, 0, 0]
    join(seeded, jonas, draft, BAIL, photo_with_exif(), store)
    join(seeded, jonas, draft, BAIL, photo_with_exif(orientation=1), store)
    join(seeded, jonas, draft, SEJOUR, pdf_document(1), store)
    other_device = actor_of(seeded, JONAS.nir)  # another session finds them with the draft
    views = demande_pieces.pieces(session=seeded, actor=other_device, demande_id=draft.id)
    assert [(v.label, v.pages, v.pdf) for v in views] == [(SEJOUR, 1, True), (BAIL, 2, False), (SCOLARITE, 0, False)]
    receipt = demandes.send(session=seeded, actor=jonas, demande_id=draft.id, confirmed=True, today=TODAY,
                            store=store)
    assert receipt.pieces == [SCOLARITE] and receipt.joined == [SEJOUR, BAIL]
    documents = {d.name: d for d in seeded.exec(select(m.Document).where(
        m.Document.demarche_id == seeded.get(m.Demande, draft.id).demarche_id))}
    bail = PdfReader(io.BytesIO(store.get(documents[BAIL].storage_key)))
    assert len(bail.pages) == documents[BAIL].page_count == 2 and not bail.metadata
    assert stored(store) == 2  # the draft's three files gone, the two documents kept
    assert seeded.exec(select(m.DemandePiece)).all() == []
    waiting = [piece.label for piece in demarches.pieces_to_send(session=seeded, actor=jonas)]
    assert f"{SCOLARITE} (Demande d'aide au logement)" in waiting
    assert not any(label.startswith(BAIL) for label in waiting)
    [sent] = [line for line in demarches.history(session=seeded, actor=jonas, today=TODAY)
              if line.title == "Demande d'aide au logement"]
    assert sorted(f.name for f in sent.documents) == sorted([SEJOUR, BAIL])
    text = pdf_text(demandes.receipt_pdf(session=seeded, actor=jonas, demande_id=draft.id, today=TODAY))
    assert "Pièces jointes à votre demande" in text and SCOLARITE in text
    with pytest.raises(DomainError, match="Cette demande est envoyée"):
        join(seeded, jonas, draft, SCOLARITE, photo_with_exif(), store)


def test_a_photo_joined_is_cleaned_of_its_exif_and_gps(seeded, store):
    jonas, draft = jonas_draft(seeded)
    join(seeded, jonas, draft, BAIL, photo_with_exif(), store)
    file = seeded.exec(select(m.DemandePiece)).one()
    image = Image.open(io.BytesIO(store.get(file.storage_key)))
    assert image.format == "JPEG" and not image.getexif() and image.size == (1600, 1200)  # turned upright


@pytest.mark.parametrize("label, data, field, message", [
    ("Avis d'imposition", b"", "piece", "Choisissez la pièce"),
    (BAIL, renamed_executable(), "fichier", ""),
])
def test_a_file_for_no_piece_or_not_a_document_is_refused_and_nothing_is_kept(seeded, store, label, data, field,
                                                                              message):
    jonas, draft = jonas_draft(seeded)
    with pytest.raises(DomainError) as refused:
        join(seeded, jonas, draft, label, data or photo_with_exif(), store)
    assert refused.value.field == field and message in refused.value.message
    assert stored(store) == 0 and seeded.exec(select(m.DemandePiece)).all() == []


def test_a_pdf_goes_alone_and_what_is_joined_can_be_removed(seeded, store):
    jonas, draft = jonas_draft(seeded)
    join(seeded, jonas, draft, BAIL, photo_with_exif(), store)
    with pytest.raises(DomainError, match="Un PDF s'envoie seul"):
        join(seeded, jonas, draft, BAIL, pdf_document(1), store)
    demande_pieces.remove(session=seeded, actor=jonas, demande_id=draft.id, label=BAIL, store=store)
    assert stored(store) == 0
    join(seeded, jonas, draft, BAIL, pdf_document(2), store)
    assert [v.pages for v in demande_pieces.pieces(session=seeded, actor=jonas, demande_id=draft.id)] == [0, 2, 0]


def test_nobody_else_joins_or_reads_the_pieces_of_a_draft(seeded, store):
    _, draft = jonas_draft(seeded)
    elise = actor_of(seeded, ELISE.nir)
    with pytest.raises(Forbidden):
        join(seeded, elise, draft, BAIL, photo_with_exif(), store)
    with pytest.raises(Forbidden):
        demande_pieces.pieces(session=seeded, actor=elise, demande_id=draft.id)


def test_a_stale_draft_s_files_go_with_it(seeded, store, clock, monkeypatch):
    monkeypatch.setattr(demandes, "private_store", lambda: store)
    jonas, draft = jonas_draft(seeded)
    join(seeded, jonas, draft, BAIL, photo_with_exif(), store)
    clock.advance(days=31)
    assert demandes.purge(session=seeded).deleted == 1
    assert stored(store) == 0 and seeded.exec(select(m.DemandePiece)).all() == []
