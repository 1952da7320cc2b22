from sqlalchemy import func, inspect
from sqlmodel import SQLModel, select

from caf_app import models as m
from caf_app.migrations import schema_differences
from caf_app.security.passwords import verify_password
from caf_app.seed import DEMO_PASSWORD, seed

from .conftest import TODAY


def count_rows(session) -> dict[str, int]:
    return {table.name: session.exec(select(func.count()).select_from(table)).one()
            for table in SQLModel.metadata.sorted_tables}


def test_migration_builds_every_table_and_matches_the_models(engine):
    assert set(SQLModel.metadata.tables) <= set(inspect(engine).get_table_names())
    assert schema_differences(engine) == []


def test_seed_creates_six_households_then_a_second_run_changes_nothing(session):
    assert seed(session, today=TODAY) == 6
    before = count_rows(session)
    assert seed(session, today=TODAY) == 0
    assert count_rows(session) == before


def test_every_current_dossier_has_24_months_of_payments_and_droits(seeded):
    for dossier in seeded.exec(select(m.Dossier).where(m.Dossier.active == True)).all():  # noqa: E712
        payments = seeded.exec(select(m.Paiement).where(m.Paiement.dossier_id == dossier.id)).all()
        months = {row.month for row in seeded.exec(select(m.Droit).where(m.Droit.dossier_id == dossier.id))}
        assert len(payments) == 24
        assert len(months) == 24
        assert seeded.exec(select(m.Courrier).where(m.Courrier.dossier_id == dossier.id,
                                                    m.Courrier.read_at == None)).first()  # noqa: E711


def last_payment(session, nir: str) -> m.Paiement:
    person = session.exec(select(m.Person).where(m.Person.nir == nir)).one()
    dossier = session.exec(select(m.Dossier).where(m.Dossier.allocataire_id == person.id,
                                                   m.Dossier.active == True)).one()  # noqa: E712
    return session.exec(select(m.Paiement).where(m.Paiement.dossier_id == dossier.id)
                        .order_by(m.Paiement.paid_on.desc())).first()


def test_demo_figures_of_the_issue(seeded):
    assert last_payment(seeded, "1850375112042").total_cents == 132_08
    assert last_payment(seeded, "2900513055031").total_cents == 575_52
    assert last_payment(seeded, "1920792050077").total_cents == 497_01
    regularisation = seeded.exec(select(m.PaiementLigne).where(m.PaiementLigne.amount_cents == 8172_93)).one()
    assert (regularisation.period_start.isoformat(), regularisation.period_end.isoformat()) == (
        "2017-07-01", "2019-03-31")


def test_samir_owes_1130_26_after_the_retenues(seeded):
    dette = seeded.exec(select(m.Dette)).one()
    repaid = sum(row.amount_cents for row in seeded.exec(select(m.DetteMouvement)))
    assert dette.initial_cents - repaid == 1130_26
    assert seeded.exec(select(m.PieceDemandee)).one().due_on > TODAY


def test_money_columns_are_integers_everywhere():
    for table in SQLModel.metadata.sorted_tables:
        for column in table.columns:
            if column.name.endswith("_cents"):
                assert column.type.python_type is int, (table.name, column.name)


def test_demo_accounts_share_the_documented_password(seeded):
    morvan = seeded.exec(select(m.Person).where(m.Person.provisional_id == "P33392250")).one()
    account = seeded.exec(select(m.Account).where(m.Account.person_id == morvan.id)).one()
    assert verify_password(account.password_hash, DEMO_PASSWORD)
    assert not verify_password(account.password_hash, "allocataire2026")
