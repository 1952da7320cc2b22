"""Ressources annuelles, patrimoine, avantage vieillesse: a draft kept on the server, sent once with its démarche
(and the agents' queue), the Caf's alert closed, an accusé de réception; nobody else reaches it."""

import io

import pytest
from pypdf import PdfReader
from sqlmodel import select

from caf_app import models as m
from caf_app.domain.annual_declarations import form_of
from caf_app.domain.errors import DomainError, Forbidden
from caf_app.domain.gestion import QUEUE_KINDS, AgentActor, AgentRole
from caf_app.domain.statuses import AlertKind, DemarcheKind, DraftStatus
from caf_app.services.gestion import decisions, dossier, queue
from caf_app.services.situation import annual_declarations as service, declarations
from tests.factories import actor_of
from tests.personas import ERIC, FLORENCE, JONAS, NADIA

from .conftest import TODAY


def all_no(draft) -> dict[str, str]:
    return {f"{p.id}:{category}:recu": "non" for p in draft.people for category, _ in form_of(draft.kind).categories}


def ask(session, actor, kind: AlertKind) -> None:
    """The Caf asks for the declaration: an alert on the dossier (Accueil), closed when it is sent."""
    session.add(m.Alerte(dossier_id=actor.dossier_id, kind=kind, title="Ressources annuelles",
                         message="Merci de déclarer vos ressources.", created_on=TODAY))
    session.commit()


def test_jonas_declares_the_resources_of_year_n_2_once_and_the_caf_sees_them(seeded):
    jonas = actor_of(seeded, JONAS.nir)
    ask(seeded, jonas, AlertKind.RESSOURCES_ANNUELLES)
    assert [link.asked for link in service.links(session=seeded, actor=jonas, today=TODAY)] == [True, False, False]
    draft = service.open_draft(session=seeded, actor=jonas, kind="ressources_annuelles", today=TODAY)
    assert draft.year == 2024 and [p.first_name for p in draft.people] == ["Jonas", "Florence"]
    jonas_id = draft.people[0].id
    service.save(session=seeded, actor=jonas, draft_id=draft.id, answers=all_no(draft) | {
        f"{jonas_id}:salaires:recu": "oui", f"{jonas_id}:salaires:montant": "9800", "ecran": "revue"})
    with pytest.raises(DomainError) as error:
        service.send(session=seeded, actor=jonas, draft_id=draft.id, confirmed=False, today=TODAY)
    assert error.value.field == "confirmation"
    sent = service.send(session=seeded, actor=jonas, draft_id=draft.id, confirmed=True, today=TODAY)
    again = service.send(session=seeded, actor=jonas, draft_id=draft.id, confirmed=True, today=TODAY)
    assert sent.status == again.status == DraftStatus.ENVOYE and sent.reference == again.reference
    assert sent.reference.startswith("DRA-")

    demarche, = seeded.exec(select(m.Demarche).where(m.Demarche.kind == DemarcheKind.RESSOURCES_ANNUELLES)).all()
    assert demarche.title == "Déclaration annuelle de ressources : revenus 2024" and demarche.kind in QUEUE_KINDS
    assert demarche.detail == "Allocataire : Salaires 9\u202f800,00\u00a0€. Florence : Rien à déclarer"
    row = seeded.exec(select(m.Agent).where(m.Agent.login == "agent.92")).one()
    agent = AgentActor(row.id, row.caf_id, AgentRole(row.role), row.name)
    waiting = queue.queue(session=seeded, actor=agent, kind="ressources_annuelles")
    assert [(line.kind, line.title) for line in waiting] == [("Ressources annuelles", demarche.title)]
    queue.claim(session=seeded, actor=agent, demarche_id=demarche.id)  # the agent reads it and takes it into account
    assert dossier.item(session=seeded, actor=agent, demarche_id=demarche.id).detail == demarche.detail
    decisions.accept(session=seeded, actor=agent, demarche_id=demarche.id, today=TODAY)
    assert queue.queue(session=seeded, actor=agent, kind="ressources_annuelles") == []
    assert service.links(session=seeded, actor=jonas, today=TODAY, asked_only=True) == []  # the alert is closed
    assert [s.reference for s in service.sent_declarations(session=seeded, actor=jonas)] == [sent.reference]
    with pytest.raises(declarations.AlreadySent):
        service.save(session=seeded, actor=jonas, draft_id=draft.id, answers={f"{jonas_id}:salaires:montant": "1"})
    text = PdfReader(io.BytesIO(service.receipt_pdf(session=seeded, actor=jonas, draft_id=draft.id))
                     ).pages[0].extract_text()
    assert "Accusé de réception" in text and sent.reference in text and "revenus 2024" in text


def test_the_draft_survives_and_florence_with_delegation_finds_it(seeded):
    jonas, florence = actor_of(seeded, JONAS.nir), actor_of(seeded, FLORENCE.nir)
    draft = service.open_draft(session=seeded, actor=jonas, kind="patrimoine", today=TODAY)
    key = f"{draft.people[0].id}:epargne"
    service.save(session=seeded, actor=jonas, draft_id=draft.id,
                 answers={f"{key}:recu": "oui", f"{key}:montant": "12000", "ecran": "personne:1", "autre": "x"})
    again = service.open_draft(session=seeded, actor=florence, kind="patrimoine", today=TODAY)
    assert again.id == draft.id
    assert again.answers == {f"{key}:recu": "oui", f"{key}:montant": "12000", "ecran": "personne:1"}


def test_an_incomplete_or_wrong_declaration_is_refused_with_its_errors(seeded):
    jonas = actor_of(seeded, JONAS.nir)
    draft = service.open_draft(session=seeded, actor=jonas, kind="avantage_vieillesse", today=TODAY)
    key = f"{draft.people[1].id}:vieillesse"
    service.save(session=seeded, actor=jonas, draft_id=draft.id, answers=all_no(draft) | {
        f"{key}:recu": "oui", f"{key}:montant": "mille", f"{key}:debut": "31/02/2025"})
    with pytest.raises(service.Incomplete) as error:
        service.send(session=seeded, actor=jonas, draft_id=draft.id, confirmed=True, today=TODAY)
    assert set(error.value.errors) == {f"{key}:organisme", f"{key}:montant", f"{key}:debut"}
    assert error.value.errors[f"{key}:debut"] == "Cette date n'existe pas : vérifiez la date de début."
    assert seeded.exec(select(m.Demarche).where(m.Demarche.kind == DemarcheKind.AVANTAGE_VIEILLESSE)).all() == []


def test_a_spouse_without_delegation_cannot_declare_nor_reach_a_draft_nor_its_receipt(seeded):
    nadia, eric = actor_of(seeded, NADIA.nir), actor_of(seeded, ERIC.nir)
    draft = service.open_draft(session=seeded, actor=nadia, kind="patrimoine", today=TODAY)
    with pytest.raises(Forbidden):
        service.open_draft(session=seeded, actor=eric, kind="patrimoine", today=TODAY)
    with pytest.raises(Forbidden):
        service.save(session=seeded, actor=eric, draft_id=draft.id, answers={})
    with pytest.raises(Forbidden):
        service.receipt_pdf(session=seeded, actor=nadia, draft_id=draft.id)  # not sent yet
    jonas = actor_of(seeded, JONAS.nir)
    with pytest.raises(Forbidden):  # another dossier's draft
        service.save(session=seeded, actor=jonas, draft_id=draft.id, answers={})
