"""Prestations are stored by key, never by their French label: the seed writes keys, the migration turns the
labels of an existing database into keys (and back), and a declaration's alert is closed by its prestation."""

from __future__ import annotations

from datetime import date

import sqlalchemy
from sqlalchemy import inspect, text
from sqlmodel import Session, select

from caf_app import models as m
from caf_app.domain.declarations import falc_steps
from caf_app.domain.prestations import Prestation
from caf_app.domain.statuses import AlertKind, DraftStatus
from caf_app.migrations import downgrade, upgrade
from caf_app.seed import seed
from caf_app.services.payments import dossier as dossier_service
from caf_app.services.situation import declarations
from tests.factories import actor_of, dossier_of
from tests.personas import ELISE, JONAS

from .conftest import TODAY

BEFORE = "8f7153deb5be"  # the revision before prestation keys
KEYS = {p.value for p in Prestation}
LABELS = {p.label for p in Prestation}
PRESTATION_TABLES = ("droit", "paiementligne", "dette", "declarationtrimestrielle")


def stored(connection, table: str, column: str = "prestation") -> set:
    return set(connection.execute(text(f"SELECT DISTINCT {column} FROM {table}")).scalars())


# Columns added after BEFORE: the round trip drops them with their migration and adds them back empty.
LATER = {"dette": {"monthly_retenue_cents"}, "droit": {"inputs_json", "computed_at"}, "paiementligne": set(),
         "declarationtrimestrielle": set(), "alerte": set()}


def rows(connection, table: str) -> dict[int, dict]:
    return {row.id: {k: v for k, v in row._asdict().items() if k not in LATER.get(table, set())}
            for row in connection.execute(text(f"SELECT * FROM {table}"))}


def test_the_seed_stores_prestation_keys_never_labels(seeded):
    connection = seeded.connection()
    for table in PRESTATION_TABLES:
        values = stored(connection, table)
        assert values and values <= KEYS, (table, values - KEYS)
    alerts = stored(connection, "alerte") - {None}
    assert alerts == {Prestation.RSA.value, Prestation.AAH.value}
    assert not (set().union(*(stored(connection, table) for table in PRESTATION_TABLES)) & LABELS)
    assert stored(connection, "declarationtrimestrielle", "status") == {DraftStatus.ENVOYE.value}


def test_the_migration_turns_labels_into_keys_and_back(engine):
    with Session(engine) as session:
        seed(session, today=TODAY)
        elise = dossier_of(session, ELISE).id
    tables = (*PRESTATION_TABLES, "alerte")
    with engine.connect() as connection:
        seeded = {table: rows(connection, table) for table in tables}

    downgrade(engine, BEFORE)
    with engine.begin() as connection:
        assert "prestation" not in {column["name"] for column in inspect(connection).get_columns("alerte")}
        for table in ("droit", "paiementligne", "dette"):
            assert stored(connection, table) <= LABELS, table
        assert "Prime d'activité" in stored(connection, "droit")
        assert stored(connection, "declarationtrimestrielle", "prestation") == {"aah", "rsa"}  # keys already
        assert stored(connection, "declarationtrimestrielle", "status") == {"envoyee"}
        # Rows written the old way, by the app of before.
        alerte = sqlalchemy.Table("alerte", sqlalchemy.MetaData(), autoload_with=connection)
        droit = sqlalchemy.Table("droit", sqlalchemy.MetaData(), autoload_with=connection)
        common = {"dossier_id": elise, "message": "…", "link_label": "", "link_route": "", "created_on": TODAY}
        declaration_alert = connection.execute(alerte.insert().values(
            kind="declaration_trimestrielle", title="Prime d'activité", **common)).inserted_primary_key[0]
        information = connection.execute(alerte.insert().values(
            kind="information", title="Prime d'activité", **common)).inserted_primary_key[0]
        family = connection.execute(droit.insert().values(
            dossier_id=elise, month=date(2026, 11, 1), prestation="Allocations familiales", amount_cents=141_99,
            motif_sans_droit="")).inserted_primary_key[0]

    upgrade(engine)
    with engine.connect() as connection:
        after = {table: rows(connection, table) for table in tables}
        for table in tables:
            assert {key: row for key, row in after[table].items() if key in seeded[table]} == seeded[table], table
        assert after["alerte"][declaration_alert]["prestation"] == "prime_activite"
        assert after["alerte"][information]["prestation"] is None  # only a declaration's alert is about one
        assert after["droit"][family]["prestation"] == "af"
    with Session(engine) as session:  # what the pages read: the labels, from the keys
        _, lines = dossier_service.droits_of_month(session=session, actor=actor_of(session, ELISE.nir),
                                                   month=date(2026, 11, 1))
        assert [line.prestation for line in lines] == [
            "Aide personnalisée au logement", "Allocations familiales", "Prime d'activité"]


def test_sending_a_declaration_closes_the_alert_of_its_prestation_whatever_its_title(seeded):
    jonas = actor_of(seeded, JONAS.nir)
    rsa = seeded.exec(select(m.Alerte).where(m.Alerte.dossier_id == jonas.dossier_id,
                                             m.Alerte.kind == AlertKind.DECLARATION_TRIMESTRIELLE)).one()
    assert rsa.prestation is Prestation.RSA and rsa.title == Prestation.RSA.label
    rsa.title = "Vos ressources du trimestre"  # the title is words for the page, not what closes the alert
    # Another prestation's alert, titled with the RSA's label: the old join on titles would have closed it.
    other = m.Alerte(dossier_id=jonas.dossier_id, kind=AlertKind.DECLARATION_TRIMESTRIELLE,
                     prestation=Prestation.PRIME_ACTIVITE, title=Prestation.RSA.label, message="…",
                     created_on=TODAY)
    seeded.add_all([rsa, other])
    seeded.commit()
    draft = declarations.open_draft(session=seeded, actor=jonas, prestation=Prestation.RSA, today=TODAY)
    answers = {"situation": "non"} | {step.key: "non" for step in falc_steps(draft.prestation, draft.people, {})
                                      if step.kind == "recu"}
    declarations.save(session=seeded, actor=jonas, draft_id=draft.id, answers=answers)
    declarations.send(session=seeded, actor=jonas, draft_id=draft.id, confirmed=True)
    seeded.refresh(rsa)
    seeded.refresh(other)
    assert rsa.resolved_at is not None and other.resolved_at is None
