"""The délais de traitement of Mes démarches come from the Caf's real queue: the decisions of the last 30 days of
every dossier of the person's Caf (no other Caf's), and the oldest démarche still waiting as the agents' queue
sees it."""

from __future__ import annotations

from datetime import datetime, time, timedelta

from caf_app import models as m
from caf_app.clock import PARIS
from caf_app.domain.statuses import DemarcheKind, DemarcheStatus
from caf_app.services.paperwork import demarches
from tests import factories
from tests.factories import actor_of, dossier_of
from tests.personas import ELISE

from .conftest import TODAY


def at(days_ago: int, hour: int = 10) -> datetime:
    return datetime.combine(TODAY - timedelta(days=days_ago), time(hour), PARIS)


def add(session, dossier_id: int, kind: DemarcheKind, title: str, *, received: int, decided: int | None = None,
        decision: str = "acceptee", status: DemarcheStatus | None = None) -> None:
    session.add(m.Demarche(
        dossier_id=dossier_id, kind=kind, title=title, created_on=at(received),
        decided_at=None if decided is None else at(decided, 15), decision="" if decided is None else decision,
        status=status or (DemarcheStatus.TRAITEE if decided is not None else DemarcheStatus.RECUE)))


def test_the_delais_are_measured_on_the_decisions_of_the_person_s_caf(seeded):
    elise = dossier_of(seeded, ELISE)
    neighbour = factories.dossier(seeded, allocataire=factories.person(seeded, birth_name="VOISIN"),
                                  numero="1309009", department="13")
    elsewhere = factories.dossier(seeded, allocataire=factories.person(seeded, birth_name="LOIN"),
                                  numero="9209009", department="92")
    add(seeded, elise.id, DemarcheKind.DEMANDE_PRESTATION, "Demande de RSA", received=20, decided=10)  # 10 days
    add(seeded, neighbour.id, DemarcheKind.DEMANDE_PRESTATION, "Demande d'AAH", received=12, decided=8)  # 4 days
    add(seeded, neighbour.id, DemarcheKind.DEMANDE_PRESTATION, "Demande d'AAH", received=14, decided=8)  # 6 days
    add(seeded, elsewhere.id, DemarcheKind.DEMANDE_PRESTATION, "Demande de RSA", received=90, decided=1)  # not ours
    add(seeded, neighbour.id, DemarcheKind.DOCUMENT, "Transmettre un document : avis", received=60, decided=40)  # old
    add(seeded, neighbour.id, DemarcheKind.CHANGEMENT_SITUATION, "Changement", received=9, decided=0)  # 9 days
    add(seeded, neighbour.id, DemarcheKind.CHANGEMENT_SITUATION, "Coordonnées bancaires", received=30, decided=2,
        decision="verifiee", status=DemarcheStatus.EN_COURS)  # checked once: still waiting, not a decision
    add(seeded, neighbour.id, DemarcheKind.MESSAGE, "Message à ma Caf : loyer", received=3)
    add(seeded, elsewhere.id, DemarcheKind.MESSAGE, "Message à ma Caf : loin", received=50)  # not ours
    seeded.commit()

    page = demarches.page(session=seeded, actor=actor_of(seeded, ELISE.nir), today=TODAY)
    rsa_aah, autres, courriels = page.delais.lines
    assert page.delais.updated_on == "26/11/2026" and page.delais.waiting
    assert [prestation.value for prestation in page.declarations_due] == ["prime_activite"]  # same query
    assert rsa_aah == ("Demandes et déclarations trimestrielles de RSA et d'AAH : traitées en 6 jours (délai médian "
                       "de 3 décisions ces 30 derniers jours). Aucune n'est en attente.")
    # The seed's own decisions of the month count too: a document in 9 days, a message answered in 4.
    assert autres == ("Autres démarches : traitées en 9 jours (délai médian de 2 décisions ces 30 derniers jours). "
                      "La plus ancienne encore en attente a été reçue le 27/10/2026.")
    assert courriels == ("Messages envoyés à votre Caf : traités en 4 jours (délai médian de 1 décision ces 30 "
                         "derniers jours). Le plus ancien encore en attente a été reçu le 23/11/2026.")


def test_a_caf_that_decided_nothing_says_so_rather_than_a_figure(seeded):
    later = TODAY + timedelta(days=60)  # the seed's decisions are then out of the 30 days
    page = demarches.page(session=seeded, actor=actor_of(seeded, ELISE.nir), today=later)
    assert not page.delais.waiting
    assert all("délai pas encore mesuré" in line for line in page.delais.lines)
