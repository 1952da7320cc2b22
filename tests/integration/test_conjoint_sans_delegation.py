"""Issue 21, point 11: the seed's table, « Le conjoint sans délégation de gestion » accède « à la consultation de
ses informations personnelles (Coordonnées de contact, situation professionnelle, ressources) » and not « aux
informations personnelles des autres membres du dossier (Sitpro, ressources) »."""

from sqlmodel import select

from caf_app import models as m
from caf_app.services.identity import delegation
from caf_app.services.situation import profil
from tests.factories import actor_of
from tests.personas import ERIC, NADIA


def declare_for_nadia(session) -> None:
    """Nadia's own salary in the declaration the seed sent with Eric's (1 850 € a month)."""
    sent = session.exec(select(m.DeclarationTrimestrielle).where(m.DeclarationTrimestrielle.reference
                                                                == "DTR-9206006")).one()
    eric_month = session.exec(select(m.DeclarationMontant)
                              .where(m.DeclarationMontant.declaration_id == sent.id)).first()
    nadia = session.exec(select(m.Person).where(m.Person.nir == NADIA.nir)).one()
    session.add(m.DeclarationMontant(declaration_id=sent.id, person_id=nadia.id, month=eric_month.month,
                                     category="pensions", amount_cents=321_00))
    session.commit()


def test_point_11_a_conjoint_without_delegation_sees_his_own_resources_and_situation_and_nothing_of_the_others(
        seeded):
    declare_for_nadia(seeded)
    eric = profil.own_profile(session=seeded, actor=actor_of(seeded, ERIC.nir))
    assert not eric.manages
    assert eric.work == "J'ai une activité salariée depuis le 01/03/2018"
    assert [(line.category, line.amount) for line in eric.resources] == [("Salaires", "1\u202f850,00\xa0€")] * 3
    assert len({line.month for line in eric.resources}) == 3
    # Nothing of Nadia's: neither her professional situation nor her resources, nor the other members.
    assert eric.spouse_work == "" and eric.members == []
    assert "321,00\xa0€" not in {line.amount for line in eric.resources}
    nadia_actor = actor_of(seeded, NADIA.nir)
    nadia = profil.own_profile(session=seeded, actor=nadia_actor)
    assert [(line.category, line.amount) for line in nadia.resources] == [
        ("Pensions, retraites, rentes et invalidité", "321,00\xa0€")]

    # With the délégation, Eric manages the dossier (Nadia's situation shows); his resources stay his own.
    delegation.set_delegation(session=seeded, actor=nadia_actor, grant=True)
    eric = profil.own_profile(session=seeded, actor=actor_of(seeded, ERIC.nir))
    assert eric.manages and eric.spouse_work.startswith("Nadia LEVESQUE : ")
    assert {line.amount for line in eric.resources} == {"1\u202f850,00\xa0€"}
