"""Ma Caf's délais de traitement are the ones Mes démarches shows to the Caf's allocataires: the same measure on the
same queue, for a Caf named by its département; a Caf the demonstration does not have yet has none measured."""

from __future__ import annotations

from datetime import timedelta

from caf_app.domain.statuses import DemarcheKind
from caf_app.services.paperwork import demarches
from caf_app.services.paperwork.caf_delais import caf_delais
from tests import factories
from tests.factories import actor_of, dossier_of
from tests.personas import ELISE

from .conftest import TODAY
from .test_delais_traitement import add


def test_the_caf_page_measures_what_its_allocataires_read_in_mes_demarches(seeded):
    elise = dossier_of(seeded, ELISE)
    elsewhere = factories.dossier(seeded, allocataire=factories.person(seeded, birth_name="LOIN"),
                                  numero="9209009", department="92")
    add(seeded, elise.id, DemarcheKind.DEMANDE_PRESTATION, "Demande de RSA", received=20, decided=10)
    add(seeded, elsewhere.id, DemarcheKind.DEMANDE_PRESTATION, "Demande de RSA", received=90, decided=1)
    add(seeded, elise.id, DemarcheKind.MESSAGE, "Message à ma Caf : loyer", received=3)
    seeded.commit()

    public = caf_delais(session=seeded, departement="13", today=TODAY)
    mine = demarches.page(session=seeded, actor=actor_of(seeded, ELISE.nir), today=TODAY).delais
    assert public == mine
    assert public.lines[0].startswith("Demandes et déclarations trimestrielles de RSA et d'AAH : traitées en 10 jours")
    other = caf_delais(session=seeded, departement="92", today=TODAY)
    assert other.lines[0] != public.lines[0]


def test_a_caf_the_demonstration_does_not_have_yet_has_no_measure(seeded):
    assert caf_delais(session=seeded, departement="44", today=TODAY) is None
    assert caf_delais(session=seeded, departement="13", today=TODAY + timedelta(days=60)).waiting is False
