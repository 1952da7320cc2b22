"""A logged-in person's simulation starts from the dossier (household, birth dates, commune, the last
declaration's resources), read under the policy and never written."""

from __future__ import annotations

from datetime import date, datetime, timezone

import pytest
from sqlmodel import select

from caf_app import models as m
from caf_app.domain.errors import Forbidden
from caf_app.domain.roles import Actor
from caf_app.services.situation.simulation_prefill import prefill
from tests.factories import actor_of
from tests.personas import ANTOINE, ELISE, JONAS, LEA


def test_elise_starts_from_her_couple_her_children_and_her_commune(seeded):
    before = len(seeded.exec(select(m.Situation)).all())
    start = prefill(session=seeded, actor=actor_of(seeded, ELISE.nir))
    assert start.couple and start.demandeur_ne_le == ELISE.birth_date and start.conjoint_ne_le == ANTOINE.birth_date
    assert LEA.birth_date in start.enfants and list(start.enfants) == sorted(start.enfants)
    dossier = seeded.exec(select(m.Dossier).where(m.Dossier.numero_allocataire == ELISE.dossier)).one()
    assert (start.code_postal, start.commune) == (dossier.postal_code, dossier.city)
    assert len(seeded.exec(select(m.Situation)).all()) == before  # read only


def test_the_last_declaration_sent_gives_the_monthly_resources(seeded):
    jonas = actor_of(seeded, JONAS.nir)
    declaration = m.DeclarationTrimestrielle(dossier_id=jonas.dossier_id, prestation="rsa",
                                             quarter_start=date(2026, 7, 1), status="envoye",
                                             sent_at=datetime(2026, 10, 2, tzinfo=timezone.utc))
    seeded.add(declaration)
    seeded.flush()
    for month, salary, chomage in ((7, 900_00, 100_00), (8, 1000_00, 0), (9, 1100_00, 200_00)):
        seeded.add(m.DeclarationMontant(declaration_id=declaration.id, person_id=jonas.person_id,
                                        month=date(2026, month, 1), category="salaires", amount_cents=salary))
        seeded.add(m.DeclarationMontant(declaration_id=declaration.id, person_id=jonas.person_id,
                                        month=date(2026, month, 1), category="chomage", amount_cents=chomage))
    seeded.commit()
    start = prefill(session=seeded, actor=jonas)
    assert (start.demandeur.activite, start.demandeur.chomage, start.demandeur.pensions) == (1000_00, 100_00, 0)


def test_without_a_dossier_there_is_nothing_to_read(seeded):
    with pytest.raises(Forbidden):
        prefill(session=seeded, actor=Actor(person_id=1, account_id=1, dossier_id=None, role=None))
