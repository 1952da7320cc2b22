"""Le versement mensuel (services/payments/run.py, caf_app/jobs): each dossier paid once for the month whatever the
reruns, retenues by the debts' plans, rappels paid once, never to a PENDING account, nothing for a dossier without
droit, the payments shown by Mes paiements, the relevé and the attestation; then a real Celery worker killed mid-run
over 2 000 dossiers, and the run started again."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from datetime import date
from pathlib import Path

import redis
from sqlmodel import Session, func, select, text

from bench.payment_run import check, generate
from caf_app import models as m
from caf_app.domain.dates import add_months
from caf_app.domain.prestations import Prestation
from caf_app.domain.statuses import BankAccountStatus, DebtMovementKind
from caf_app.services.payments import dettes, paiements, releve, statements
from caf_app.services.payments.run import BatchResult, dossier_ids_to_pay, pay_batch
from tests import factories
from tests.factories import actor_of
from tests.personas import ELISE, SAMIR

from .conftest import TODAY

DECEMBER = date(2026, 12, 1)  # paid on 04/12/2026 (the 5th is a Saturday): November 2026's droits, the seed's last
ROOT = Path(__file__).resolve().parents[2]
NBSP = "\u00a0"


def run(session: Session, month: date = DECEMBER) -> BatchResult:
    return pay_batch(session=session, dossier_ids=dossier_ids_to_pay(session=session, month=month), month=month)


def run_payments(session: Session, month: date = DECEMBER) -> list[m.Paiement]:
    return list(session.exec(select(m.Paiement).where(m.Paiement.run_month == month).order_by(m.Paiement.id)))


def household(session: Session, *, numero: str, droits: dict[date, int | None],
              account: BankAccountStatus | None = BankAccountStatus.ACTIVE, active: bool = True) -> m.Dossier:
    """A dossier with its droits (of RSA) by month and its bank account."""
    person = factories.person(session, birth_name=f"FOYER{numero}", first_names="Alix")
    dossier = factories.dossier(session, allocataire=person, numero=numero, active=active)
    if account is not None:
        session.add(m.BankAccount(dossier_id=dossier.id, iban=f"FR76300030123400{numero}0001", bic="CCBPFRPPXXX",
                                  holder=f"ALIX FOYER{numero}", status=account))
    for month, cents in droits.items():
        session.add(m.Droit(dossier_id=dossier.id, month=month, prestation=Prestation.RSA, amount_cents=cents,
                            motif_sans_droit="" if cents else "Ressources trop élevées"))
    session.commit()
    return dossier


def test_a_run_started_twice_pays_each_dossier_once(seeded):
    first = run(seeded)
    plans = {dette.dossier_id: dette.monthly_retenue_cents for dette in seeded.exec(select(m.Dette))}
    expected = {dossier_id: sum(seeded.exec(select(m.Droit.amount_cents).where(
        m.Droit.dossier_id == dossier_id, m.Droit.month == date(2026, 11, 1), m.Droit.amount_cents > 0)).all())
        - plans.get(dossier_id, 0)  # Samir's debt: 50 € a month kept back, by its plan
        for dossier_id in dossier_ids_to_pay(session=seeded, month=DECEMBER)}
    assert plans[actor_of(seeded, SAMIR.nir).dossier_id] == 50_00
    assert first.paid == len(expected) == 6 and first.already_paid == 0
    again = run(seeded)
    assert (again.paid, again.already_paid, again.total_cents) == (0, 6, 0)
    payments = run_payments(seeded)
    assert {p.dossier_id: p.total_cents for p in payments} == expected
    assert first.total_cents == sum(expected.values())
    assert all(p.paid_on == date(2026, 12, 4) for p in payments)  # the 5th is a Saturday: Friday the 4th


def test_a_run_interrupted_halfway_and_started_again_pays_the_rest_once(seeded):
    ids = dossier_ids_to_pay(session=seeded, month=DECEMBER)
    half = pay_batch(session=seeded, dossier_ids=ids[:3], month=DECEMBER)
    rest = pay_batch(session=seeded, dossier_ids=ids, month=DECEMBER)
    assert (half.paid, rest.paid, rest.already_paid) == (3, 3, 3)
    assert sorted(p.dossier_id for p in run_payments(seeded)) == ids


def test_batches_run_at_the_same_time_pay_each_dossier_once(engine, seeded):
    """The same batch in four workers at once (a message redelivered while its first worker still runs it)."""
    ids = dossier_ids_to_pay(session=seeded, month=DECEMBER)
    results, errors = [], []

    def worker():
        try:
            with Session(engine) as session:
                results.append(pay_batch(session=session, dossier_ids=ids, month=DECEMBER))
        except Exception as error:  # reported by the assertion below
            errors.append(error)

    threads = [threading.Thread(target=worker) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert sum(r.paid for r in results) == len(ids) and sum(r.already_paid for r in results) == 3 * len(ids)
    seeded.expire_all()
    assert sorted(p.dossier_id for p in run_payments(seeded)) == ids
    lines = seeded.exec(select(func.count()).select_from(m.PaiementLigne).join(
        m.Paiement, m.Paiement.id == m.PaiementLigne.paiement_id).where(m.Paiement.run_month == DECEMBER)).one()
    droits = seeded.exec(select(func.count()).select_from(m.Droit).where(
        m.Droit.month == date(2026, 11, 1), m.Droit.amount_cents > 0)).one()
    assert lines == droits == 8  # one line per droit of November, written once


def test_the_seeded_history_is_not_paid_again(seeded):
    """November's run pays October's droits, which the seed's payment of 05/11/2026 paid already."""
    result = run(seeded, date(2026, 11, 1))
    assert result.paid == 0 and result.nothing_due == 6
    assert run_payments(seeded, date(2026, 11, 1)) == []


def test_a_debt_is_withheld_by_its_plan_until_it_is_repaid(session):
    months = [date(2026, 11, 1), date(2026, 12, 1), date(2027, 1, 1), date(2027, 2, 1)]
    dossier = household(session, numero="9209101", droits={month: 400_00 for month in months})
    dette = m.Dette(dossier_id=dossier.id, prestation=Prestation.PRIME_ACTIVITE, origin="Trop perçu",
                    created_on=date(2026, 10, 20), initial_cents=120_00, monthly_retenue_cents=50_00)
    session.add(dette)
    session.commit()
    for month in months:
        run(session, add_months(month, 1))
    payments = session.exec(select(m.Paiement).where(m.Paiement.dossier_id == dossier.id)
                            .order_by(m.Paiement.paid_on)).all()
    totals = [p.total_cents for p in payments]
    assert totals == [350_00, 350_00, 380_00, 400_00]
    retenues = session.exec(select(m.Retenue).order_by(m.Retenue.id)).all()
    assert [(r.amount_cents, r.dette_id) for r in retenues] == [(50_00, dette.id), (50_00, dette.id), (20_00, dette.id)]
    assert retenues[0].label == "Remboursement de votre dette de Prime d'activité"
    movements = session.exec(select(m.DetteMouvement).order_by(m.DetteMouvement.id)).all()
    assert [(mv.kind, mv.on, mv.amount_cents) for mv in movements] == [
        (DebtMovementKind.RETENUE, date(2026, 12, 4), 50_00), (DebtMovementKind.RETENUE, date(2027, 1, 5), 50_00),
        (DebtMovementKind.RETENUE, date(2027, 2, 5), 20_00)]
    assert movements[0].reference == f"R{payments[0].id}"  # as the seed's retenues


def test_a_retenue_never_takes_more_than_the_payment(session):
    dossier = household(session, numero="9209102", droits={date(2026, 11, 1): 30_00})
    session.add(m.Dette(dossier_id=dossier.id, prestation=Prestation.RSA, origin="Trop perçu",
                        created_on=date(2026, 10, 20), initial_cents=500_00, monthly_retenue_cents=80_00))
    session.commit()
    run(session)
    [payment] = run_payments(session)
    retenue = session.exec(select(m.Retenue)).one()
    assert (payment.total_cents, retenue.amount_cents) == (0, 30_00)


def test_rappels_are_paid_once_with_the_next_payment(seeded):
    elise = factories.dossier_of(seeded, ELISE)
    rappel = m.Rappel(dossier_id=elise.id, prestation=Prestation.APL, month=date(2026, 9, 1), amount_cents=42_10,
                      created_on=TODAY)
    only = household(seeded, numero="9209103", droits={})  # a rappel and no droit this month: paid too
    alone = m.Rappel(dossier_id=only.id, prestation=Prestation.RSA, month=date(2026, 10, 1), amount_cents=61_00,
                     created_on=TODAY)
    seeded.add_all([rappel, alone])
    seeded.commit()
    run(seeded)
    payment = seeded.exec(select(m.Paiement).where(m.Paiement.dossier_id == elise.id,
                                                   m.Paiement.run_month == DECEMBER)).one()
    assert payment.total_cents == 575_52 + 42_10
    assert payment.message == "Ce paiement comprend un rappel d'Aide personnalisée au logement pour septembre 2026."
    seeded.refresh(rappel)
    seeded.refresh(alone)
    assert rappel.paiement_id == payment.id and alone.paiement_id is not None
    later = run(seeded, date(2027, 1, 1))  # no droit for December in the seed: nothing left to pay anyone
    assert later.paid == 0
    assert seeded.exec(select(func.count()).select_from(m.PaiementLigne)
                       .where(m.PaiementLigne.period_start == date(2026, 9, 1),
                              m.PaiementLigne.amount_cents == 42_10)).one() == 1


def test_a_rappel_for_the_month_being_paid_is_not_paid_twice(seeded):
    """November's APL recomputed on 2 December, before the run of the 5th pays November: the droit holds the new
    amount, and the rappel the recomputation wrote is settled by the payment, not added to it."""
    elise = factories.dossier_of(seeded, ELISE)
    droit = seeded.exec(select(m.Droit).where(m.Droit.dossier_id == elise.id, m.Droit.month == date(2026, 11, 1),
                                              m.Droit.prestation == Prestation.APL)).one()
    droit.amount_cents += 20_00
    rappel = m.Rappel(dossier_id=elise.id, prestation=Prestation.APL, month=date(2026, 11, 1), amount_cents=20_00,
                      created_on=date(2026, 12, 2))
    seeded.add(rappel)
    seeded.commit()
    run(seeded)
    payment = seeded.exec(select(m.Paiement).where(m.Paiement.dossier_id == elise.id,
                                                   m.Paiement.run_month == DECEMBER)).one()
    lines = seeded.exec(select(m.PaiementLigne).where(m.PaiementLigne.paiement_id == payment.id)).all()
    assert payment.total_cents == 575_52 + 20_00 and len(lines) == 2 and payment.message == ""
    seeded.refresh(rappel)
    assert rappel.paiement_id == payment.id


def test_no_payment_goes_to_an_account_not_yet_processed(session):
    november = {date(2026, 11, 1): 200_00}
    pending = household(session, numero="9209104", droits=november, account=BankAccountStatus.PENDING)
    both = household(session, numero="9209105", droits=november)
    session.add(m.BankAccount(dossier_id=both.id, iban="FR7699999999999999999999999", bic="AGRIFRPPXXX",
                              holder="ALIX FOYER9209105", status=BankAccountStatus.PENDING))
    session.commit()
    result = run(session)
    assert (result.paid, result.no_account) == (1, 1)
    [payment] = run_payments(session)
    assert payment.dossier_id == both.id and payment.iban == "FR7630003012340092091050001"  # the ACTIVE one
    # The new details made active: the same run, started again, pays the dossier left aside, to them.
    account = session.exec(select(m.BankAccount).where(m.BankAccount.dossier_id == pending.id)).one()
    account.status = BankAccountStatus.ACTIVE
    session.commit()
    again = run(session)
    assert (again.paid, again.already_paid) == (1, 1)
    assert run_payments(session)[-1].iban == account.iban


def test_a_dossier_without_droit_for_the_month_gets_nothing(session):
    sans_droit = household(session, numero="9209106", droits={date(2026, 11, 1): None})
    nothing = household(session, numero="9209107", droits={date(2026, 10, 1): 300_00})
    closed = household(session, numero="9209108", droits={date(2026, 11, 1): 300_00}, active=False)
    assert dossier_ids_to_pay(session=session, month=DECEMBER) == []
    result = pay_batch(session=session, dossier_ids=[sans_droit.id, nothing.id, closed.id], month=DECEMBER)
    assert (result.paid, result.nothing_due) == (0, 3)
    assert run_payments(session) == []


def test_the_run_s_payment_reads_like_the_others_in_mes_paiements_the_releve_and_the_attestation(seeded):
    run(seeded)
    elise = actor_of(seeded, ELISE.nir)
    newest, before = paiements.payment_details(session=seeded, actor=elise)[:2]
    assert (newest.paid_on, newest.total) == ("04/12/2026", f"575,52{NBSP}€")
    assert newest.destination == before.destination  # "Versé à l'allocataire, ELISE LAMBERT, compte FR76 …"
    assert [(line.label, line.period, line.amount) for line in newest.lines] == [
        (line.label, "Pour le mois de Novembre 2026", line.amount) for line in before.lines]
    december = releve.releve(session=seeded, actor=elise, month=DECEMBER, today=date(2026, 12, 6))
    assert december.total_paid == f"575,52{NBSP}€"
    assert [mv.on for mv in december.movements] == ["04/12/2026"] * 2
    attestation = statements.payment_attestation(session=seeded, actor=elise, start=DECEMBER, end=DECEMBER,
                                                 today=date(2026, 12, 6), last_only=True)
    assert attestation.period_label == "Paiement du 04/12/2026"
    assert {row.month for row in attestation.droits} == {"Novembre 2026"}
    assert attestation.total == f"575,52{NBSP}€"


def test_samir_s_debt_shown_in_mes_dettes_counts_the_run_s_retenue(seeded):
    samir = actor_of(seeded, SAMIR.nir)
    dette = seeded.exec(select(m.Dette).where(m.Dette.dossier_id == samir.dossier_id)).one()
    dette.monthly_retenue_cents = 50_00
    seeded.commit()
    before = dettes.debts(session=seeded, actor=samir)[0].balance_cents
    run(seeded)
    [view] = dettes.debts(session=seeded, actor=samir)
    assert view.balance_cents == before - 50_00
    assert view.movements[0].on == "04/12/2026"
    newest = paiements.payment_details(session=seeded, actor=samir)[0]
    assert [(r.label, r.amount) for r in newest.retenues] == [
        ("Remboursement de votre dette de Prime d'activité", f"50,00{NBSP}€")]


# A real worker killed mid-run: Celery with a real Redis, 2 000 generated dossiers (bench/payment_run.py's).

def wait_until(check, what: str, timeout: float = 45, errors: tuple = ()):
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        try:
            value = check()
            if value:
                return value
        except errors:
            pass
        time.sleep(0.02)
    raise AssertionError(f"{what} : pas avant {timeout} s")


def start(env: dict[str, str], log: Path, *args: str) -> subprocess.Popen:
    """A process in a group of its own (a worker and its children die together, as with a machine gone)."""
    with open(log, "ab") as output:
        return subprocess.Popen([sys.executable, *args], cwd=ROOT, env=env, stdout=output, stderr=subprocess.STDOUT,
                                start_new_session=True)


def worker(env: dict[str, str], log: Path) -> subprocess.Popen:
    process = start(env, log, "-m", "celery", "-A", "caf_app.jobs.celery_app", "worker", "--concurrency", "2",
                    "--loglevel", "INFO", "--without-gossip", "--without-mingle")
    wait_until(lambda: b" ready." in log.read_bytes(), "le worker Celery prêt")
    return process


def test_a_worker_killed_mid_run_then_a_new_run_pays_every_dossier_exactly_once(engine, redis_url, tmp_path):
    if engine.dialect.name == "sqlite":
        with engine.connect() as connection:  # the worker's processes and this one read and write the same file
            connection.execute(text("PRAGMA journal_mode=WAL"))
    generated = generate(engine, 2000)
    env = {**os.environ, "REFLEX_DB_URL": engine.url.render_as_string(hide_password=False),
           "REFLEX_REDIS_URL": redis_url, "CAF_ENV": "dev", "CAF_DATA_DIR": str(tmp_path / "data"),
           "CAF_JOBS_VISIBILITY_TIMEOUT": "3", "REFLEX_TELEMETRY_ENABLED": "false"}
    first_log, second_log = tmp_path / "worker-1.log", tmp_path / "worker-2.log"
    first = worker(env, first_log)
    command = ("-m", "caf_app.payments", "--month", "2026-12", "--batch-size", "10")
    planner = start(env, tmp_path / "run-1.log", *command)
    paid_at_kill = wait_until(lambda: check(engine, generated)[0], "des premiers paiements")
    os.killpg(first.pid, signal.SIGKILL)  # the worker, its two processes, mid-batch: nothing acknowledged
    os.killpg(planner.pid, signal.SIGKILL)
    first.wait()
    planner.wait()
    after_kill = check(engine, generated)[0]
    assert 0 < paid_at_kill <= after_kill < generated.to_pay, "killed mid-run"

    second = worker(env, second_log)
    try:
        rerun = subprocess.run([sys.executable, *command], cwd=ROOT, env=env, capture_output=True, text=True,
                               timeout=120)
        assert rerun.returncode == 0, rerun.stdout + rerun.stderr
        assert "Déjà payés" in rerun.stdout
        # The killed worker's batches, unacknowledged, come back after the visibility timeout: they pay nobody twice.
        broker = redis.Redis.from_url(redis_url)
        wait_until(lambda: broker.hlen("unacked") == 0 and broker.llen("celery") == 0, "les lots du worker tué")
    finally:
        second.send_signal(signal.SIGTERM)
        second.wait(timeout=60)
    payments, dossiers, total, wrong = check(engine, generated)
    assert (payments, dossiers) == (generated.to_pay, generated.to_pay), "every dossier paid, exactly once"
    assert total == generated.expected_cents and wrong == 0
    with Session(engine) as session:
        retenues = session.exec(select(func.count()).select_from(m.DetteMouvement)).one()
        twice = session.exec(select(func.count()).select_from(
            select(m.DetteMouvement.dette_id).group_by(m.DetteMouvement.dette_id)
            .having(func.count() > 1).subquery())).one()
        rappels = session.exec(select(func.count()).select_from(m.Rappel).where(m.Rappel.paiement_id.is_(None),
                                                                                  m.Rappel.dossier_id.in_(
            select(m.Paiement.dossier_id)))).one()
    assert retenues > 0 and twice == 0 and rappels == 0
