import io

import pytest
from pypdf import PdfReader
from sqlmodel import select

from caf_app import models as m
from caf_app.domain.declarations import falc_steps
from caf_app.domain.errors import DomainError, Forbidden
from caf_app.domain.statuses import DemarcheKind, DraftStatus
from caf_app.services.payments import dossier
from caf_app.services.situation import declarations
from tests.factories import actor_of
from tests.personas import ERIC, JONAS, JOSEPHINE, NADIA

from .conftest import TODAY


def all_no(draft):
    answers = {"situation": "non"}
    answers |= {s.key: "non" for s in falc_steps(draft.prestation, draft.people, {}) if s.kind == "recu"}
    return answers


def test_nadia_gets_eric_salary_prefilled_and_marked(seeded):
    nadia = actor_of(seeded, NADIA.nir)
    draft = declarations.open_draft(session=seeded, actor=nadia, prestation="aah", today=TODAY)
    eric = next(p for p in draft.people if p.first_name == "Eric")
    assert draft.answers[f"{eric.id}:salaires:recu"] == "oui" and draft.answers[f"{eric.id}:salaires:0"] == "1850"
    assert f"{eric.id}:salaires:0" in draft.prefilled
    assert [p.first_name for p in draft.people] == ["Nadia", "Eric"]


def test_josephine_sends_once_and_the_missing_resources_motif_goes(seeded):
    josephine = actor_of(seeded, JOSEPHINE.nir)
    draft = declarations.open_draft(session=seeded, actor=josephine, prestation="rsa", today=TODAY)
    declarations.save(session=seeded, actor=josephine, draft_id=draft.id, answers=all_no(draft))
    with pytest.raises(DomainError) as error:
        declarations.send(session=seeded, actor=josephine, draft_id=draft.id, confirmed=False)
    assert error.value.field == "confirmation"
    sent = declarations.send(session=seeded, actor=josephine, draft_id=draft.id, confirmed=True)
    again = declarations.send(session=seeded, actor=josephine, draft_id=draft.id, confirmed=True)
    assert sent.status == again.status == DraftStatus.ENVOYE and sent.reference == again.reference
    assert len(seeded.exec(select(m.Demarche).where(m.Demarche.kind == DemarcheKind.DECLARATION_TRIMESTRIELLE)
                           ).all()) == 1
    _, lines = dossier.droits_of_month(session=seeded, actor=josephine, month=TODAY)
    assert [line.prestation for line in lines if line.motif] == ["Prime d'activité"]  # RSA's motif is gone
    with pytest.raises(declarations.AlreadySent):
        declarations.save(session=seeded, actor=josephine, draft_id=draft.id, answers={"situation": "oui"})
    text = PdfReader(io.BytesIO(declarations.receipt_pdf(session=seeded, actor=josephine, draft_id=draft.id))
                     ).pages[0].extract_text()
    assert "Accusé de réception" in text and sent.reference in text


def test_an_incomplete_declaration_is_refused_with_its_errors(seeded):
    jonas = actor_of(seeded, JONAS.nir)
    draft = declarations.open_draft(session=seeded, actor=jonas, prestation="rsa", today=TODAY)
    with pytest.raises(declarations.Incomplete) as error:
        declarations.send(session=seeded, actor=jonas, draft_id=draft.id, confirmed=True)
    assert "situation" in error.value.errors


def test_a_spouse_without_delegation_cannot_declare_nor_reach_a_draft(seeded):
    nadia, eric = actor_of(seeded, NADIA.nir), actor_of(seeded, ERIC.nir)
    draft = declarations.open_draft(session=seeded, actor=nadia, prestation="aah", today=TODAY)
    with pytest.raises(Forbidden):
        declarations.open_draft(session=seeded, actor=eric, prestation="aah", today=TODAY)
    with pytest.raises(Forbidden):
        declarations.save(session=seeded, actor=eric, draft_id=draft.id, answers={"situation": "non"})


def test_the_screen_the_person_is_on_is_kept_with_the_draft_and_nothing_else_is(seeded):
    """The draft remembers where it was left ("personne:1"), so a reload, another device or a tab that lost its
    server state opens it there; a made-up key or screen is not stored."""
    jonas = actor_of(seeded, JONAS.nir)
    draft = declarations.open_draft(session=seeded, actor=jonas, prestation="rsa", today=TODAY)
    declarations.save(session=seeded, actor=jonas, draft_id=draft.id, answers={"ecran": "personne:1"})
    assert declarations.open_draft(session=seeded, actor=jonas, prestation="rsa", today=TODAY).answers["ecran"] \
        == "personne:1"
    for wrong in ("personne:x", "revue;drop", "questions:99999", "<script>"):
        declarations.save(session=seeded, actor=jonas, draft_id=draft.id, answers={"ecran": wrong, "autre": "1"})
    answers = declarations.open_draft(session=seeded, actor=jonas, prestation="rsa", today=TODAY).answers
    assert answers["ecran"] == "personne:1" and "autre" not in answers
