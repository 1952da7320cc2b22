from sqlalchemy import func, inspect
from sqlmodel import SQLModel, select

from caf_app import models as m
from caf_app.migrations import schema_differences
from caf_app.security.passwords import verify_password
from caf_app.seed import DEMO_PASSWORD, seed
from tests.personas import DANIEL, DEMO_PEOPLE, ELISE, JONAS, SAMIR

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
    assert last_payment(seeded, JONAS.nir).total_cents == 132_08
    assert last_payment(seeded, ELISE.nir).total_cents == 575_52
    assert last_payment(seeded, SAMIR.nir).total_cents == 497_01
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
    morvan = seeded.exec(select(m.Person).where(m.Person.provisional_id == DANIEL.provisional_id)).one()
    account = seeded.exec(select(m.Account).where(m.Account.person_id == morvan.id)).one()
    assert verify_password(account.password_hash, DEMO_PASSWORD)
    assert not verify_password(account.password_hash, "allocataire2026")


def test_the_personas_of_the_tests_are_the_seeds_people(seeded):
    """tests/personas.py says who the demo people are: the seed must agree, person by person."""
    people = seeded.exec(select(m.Person, m.Member, m.Dossier).join(m.Member, m.Member.person_id == m.Person.id)
                         .join(m.Dossier, m.Dossier.id == m.Member.dossier_id).where(m.Dossier.active == True)  # noqa: E712
                         ).all()
    accounts = {row.person_id for row in seeded.exec(select(m.Account))}
    found = {(p.first_names, p.birth_name, p.birth_date, d.numero_allocataire, member.role, p.nir, p.provisional_id,
              p.email, p.mobile, p.id in accounts) for p, member, d in people}
    assert found == {(x.first_name, x.last_name, x.birth_date, x.dossier, x.role, x.nir, x.provisional_id, x.email,
                      x.mobile, x.has_account) for x in DEMO_PEOPLE}
