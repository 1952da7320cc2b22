import pytest
from sqlmodel import select

from caf_app import models as m
from caf_app.domain.errors import DomainError, Forbidden
from caf_app.services.communications import agenda
from caf_app.services.identity import account, delegation
from caf_app.services.payments import dossier
from tests.factories import SECRET, actor, open_session
from tests.personas import ERIC, NADIA


def test_the_delegation_question_and_the_conjoint_rights_follow_at_once(seeded):
    nadia_token, eric_token = open_session(seeded, NADIA.nir), open_session(seeded, ERIC.nir)
    nadia = actor(seeded, nadia_token)
    assert delegation.question_pending(session=seeded, actor=nadia)
    with pytest.raises(Forbidden):
        dossier.payments(session=seeded, actor=actor(seeded, eric_token))
    delegation.set_delegation(session=seeded, actor=nadia, grant=True)
    assert not delegation.question_pending(session=seeded, actor=nadia)
    assert dossier.payments(session=seeded, actor=actor(seeded, eric_token))  # the same session, new rights
    delegation.set_delegation(session=seeded, actor=nadia, grant=False)
    with pytest.raises(Forbidden):
        dossier.payments(session=seeded, actor=actor(seeded, eric_token))
    with pytest.raises(Forbidden):
        delegation.set_delegation(session=seeded, actor=actor(seeded, eric_token), grant=True)
    titles = [d.title for d in seeded.exec(select(m.Demarche).where(m.Demarche.kind == "autorisation"))]
    assert titles == ["Autorisation de gestion donnée à Eric LEVESQUE",
                      "Autorisation de gestion retirée à Eric LEVESQUE"]


def test_changing_the_password_ends_the_other_sessions_only(seeded):
    here, elsewhere = open_session(seeded), open_session(seeded)
    with pytest.raises(DomainError) as error:
        account.change_password(session=seeded, actor=actor(seeded, here), current="Faux2026xxxx",
                                new="Nouveau2026ab", confirmation="Nouveau2026ab", keep_token=here, secret=SECRET)
    assert error.value.field == "actuel"
    account.change_password(session=seeded, actor=actor(seeded, here), current="Allocataire2026",
                            new="Nouveau2026ab", confirmation="Nouveau2026ab", keep_token=here, secret=SECRET)
    assert actor(seeded, here) is not None and actor(seeded, elsewhere) is None
    assert [line.what for line in account.last_events(session=seeded, actor=actor(seeded, here))][0] == (
        "Mot de passe changé")


def test_agenda_lists_the_declaration_and_the_rendez_vous(seeded):
    from .conftest import TODAY

    nadia = actor(seeded, open_session(seeded, NADIA.nir))
    lines = agenda.agenda(session=seeded, actor=nadia, today=TODAY)
    assert any("Déclaration trimestrielle" in line.what for line in lines)
    assert any("Rendez-vous avec un gestionnaire conseil" in line.what for line in lines)


def test_only_those_who_manage_the_dossier_write_to_the_caf(seeded):
    eric = actor(seeded, open_session(seeded, ERIC.nir))
    assert not agenda.contact(session=seeded, actor=eric).can_write
    with pytest.raises(Forbidden):
        agenda.write_to_caf(session=seeded, actor=eric, subject="Objet", message="Un message assez long")
    jonas = actor(seeded, open_session(seeded))
    reference = agenda.write_to_caf(session=seeded, actor=jonas, subject="Objet", message="Un message assez long")
    row = seeded.exec(select(m.Demarche).where(m.Demarche.reference == reference)).one()
    assert row.detail == "Un message assez long"
