"""Issue 21, point 13: the student démarches (conservation du logement, statut de boursier) for an allocataire
who is a student with an aide au logement, and the ARS 16-18 confirmation (a certificat de scolarité or a contrat
d'apprentissage sent for a child of the foyer aged 16 to 18 at the rentrée), each reviewed, acknowledged and
recorded in Mes démarches."""

import io

import pytest
from pypdf import PdfReader
from sqlmodel import select

from caf_app import models as m
from caf_app.documents.storage import PrivateStore
from caf_app.domain.errors import DomainError, Forbidden
from caf_app.domain.rentree import ARS_TITLE, is_ars_16_18
from caf_app.services.paperwork import demarches, etudiant, rentree, sending, transmission
from caf_app.services.situation import changes
from tests import files
from tests.factories import actor_of
from tests.personas import ELISE, ERIC, HUGO, JOSEPHINE, SAMIR

from .conftest import TODAY


@pytest.fixture
def store(tmp_path) -> PrivateStore:
    return PrivateStore(tmp_path / "private")


def test_point_13_a_student_with_housing_aid_keeps_the_housing_over_the_summer_and_confirms_the_bourse(seeded):
    samir = actor_of(seeded, SAMIR.nir)  # salarié, with the ALS: not a student yet
    assert not etudiant.is_student_with_housing_aid(session=seeded, actor=samir, today=TODAY)
    with pytest.raises(DomainError) as refused:
        etudiant.check(session=seeded, actor=samir, demarche="boursier", form={"reponse": "oui"}, today=TODAY)
    assert refused.value.message == etudiant.NOT_A_STUDENT
    changes.declare(session=seeded, actor=samir, kind="etudiant", form={"date_effet": "02/11/2026"}, today=TODAY)
    assert etudiant.is_student_with_housing_aid(session=seeded, actor=samir, today=TODAY)
    with pytest.raises(DomainError) as missing:
        etudiant.check(session=seeded, actor=samir, demarche="logement", form={"reponse": "quitte"}, today=TODAY)
    assert missing.value.field == "date_depart"
    with pytest.raises(DomainError) as too_far:
        etudiant.check(session=seeded, actor=samir, demarche="logement", today=TODAY,
                       form={"reponse": "quitte", "date_depart": "01/01/2030"})
    assert too_far.value.message == "Indiquez une date de départ dans l'année qui vient."
    receipt = etudiant.declare(session=seeded, actor=samir, demarche="logement", today=TODAY,
                               form={"reponse": "quitte", "date_depart": "30/06/2027"})
    assert receipt.title == "Étudiant : conservation du logement" and receipt.reference.startswith("E")
    assert receipt.detail == ("Été 2027 (juillet et août) : Je quitte mon logement ; Date de départ du logement : "
                              "30/06/2027")
    text = PdfReader(io.BytesIO(sending.receipt_pdf(session=seeded, actor=samir, demarche_id=receipt.demarche_id))
                     ).pages[0].extract_text()
    assert "Votre déclaration" in text and "Je quitte mon logement" in text
    bourse = etudiant.declare(session=seeded, actor=samir, demarche="boursier", form={"reponse": "oui"}, today=TODAY)
    assert bourse.detail == "Boursier pour l'année universitaire 2026-2027 : Oui"
    shown = {line.title: line.has_receipt for line in demarches.history(session=seeded, actor=samir, today=TODAY)}
    assert shown["Étudiant : conservation du logement"] and shown["Étudiant : confirmation du statut de boursier"]


def test_point_13_only_whoever_manages_the_dossier_makes_the_student_demarches(seeded):
    eric = actor_of(seeded, ERIC.nir)  # a conjoint without délégation
    with pytest.raises(Forbidden):
        etudiant.is_student_with_housing_aid(session=seeded, actor=eric, today=TODAY)
    with pytest.raises(Forbidden):
        rentree.children(session=seeded, actor=eric, today=TODAY)


def test_point_13_the_ars_16_18_age_range_follows_the_rentree(seeded):
    from datetime import date

    assert is_ars_16_18(date(2010, 9, 15), TODAY)  # Hugo: 16 by 31 December 2026
    assert is_ars_16_18(date(2008, 9, 16), TODAY) and not is_ars_16_18(date(2008, 9, 15), TODAY)  # 18 on 15/09
    assert is_ars_16_18(date(2010, 12, 31), TODAY) and not is_ars_16_18(date(2011, 1, 1), TODAY)
    assert is_ars_16_18(date(2009, 9, 16), date(2026, 6, 30))  # before July: last September's rentrée
    assert not is_ars_16_18(date(2010, 9, 15), date(2026, 6, 30))


def test_point_13_josephine_sends_hugo_s_certificat_de_scolarite_for_the_ars(seeded, store):
    josephine = actor_of(seeded, JOSEPHINE.nir)
    page = rentree.children(session=seeded, actor=josephine, today=TODAY)
    assert page.year == 2026 and [c.name for c in page.children] == [HUGO.full_name]
    hugo = page.children[0].member_id
    with pytest.raises(DomainError):
        transmission.page(session=seeded, actor=josephine, piece_id=None, ars_member_id=hugo, doc_type="rib",
                          today=TODAY)
    draft = transmission.page(session=seeded, actor=josephine, piece_id=None, ars_member_id=hugo,
                              doc_type="certificat_scolarite", today=TODAY)
    assert draft.ars_child == HUGO.full_name and draft.doc_type == "certificat_scolarite"
    free = transmission.page(session=seeded, actor=josephine, piece_id=None)
    assert free.id != draft.id and free.ars_child == ""  # a free document is another draft
    again = transmission.page(session=seeded, actor=josephine, piece_id=None, ars_member_id=hugo,
                              doc_type="contrat_apprentissage", today=TODAY)
    assert again.id == draft.id and again.doc_type == "contrat_apprentissage"
    with pytest.raises(DomainError):  # neither of the two documents
        transmission.set_type(session=seeded, actor=josephine, draft_id=draft.id, doc_type="avis_imposition")
    transmission.set_type(session=seeded, actor=josephine, draft_id=draft.id, doc_type="certificat_scolarite")
    transmission.add_file(session=seeded, actor=josephine, document_id=draft.documents[0].id,
                          data=files.photo_with_exif(), store=store)
    receipt = sending.send(session=seeded, actor=josephine, draft_id=draft.id, store=store)
    assert receipt.title == f"{ARS_TITLE} : Hugo MASSICOT (Certificat de scolarité)"
    assert [d.pages for d in receipt.documents] == [1]
    row = seeded.exec(select(m.Demarche).where(m.Demarche.id == receipt.demarche_id)).one()
    assert row.kind == "document"  # processed by the agents with the other documents
    assert demarches.history(session=seeded, actor=josephine, today=TODAY)[0].has_receipt


def test_point_13_no_ars_confirmation_for_a_child_out_of_range_or_of_another_foyer(seeded):
    elise, josephine = actor_of(seeded, ELISE.nir), actor_of(seeded, JOSEPHINE.nir)
    assert rentree.children(session=seeded, actor=elise, today=TODAY).children == []  # Léa is 10
    hugo = rentree.children(session=seeded, actor=josephine, today=TODAY).children[0].member_id
    lea = seeded.exec(select(m.Member).join(m.Person, m.Person.id == m.Member.person_id)
                      .where(m.Person.first_names == "Léa")).one().id
    for who, child in ((elise, lea), (elise, hugo)):
        with pytest.raises(Forbidden):
            transmission.page(session=seeded, actor=who, piece_id=None, ars_member_id=child,
                              doc_type="certificat_scolarite", today=TODAY)
