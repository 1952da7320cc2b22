"""Benchmark: the monthly payment run (caf_app/jobs, services/payments/run.py) on Celery, over generated dossiers.

    python bench/payment_run.py                      # 100 000 dossiers, 1 then 2 workers, then the kill check
    python bench/payment_run.py --dossiers 20000 --batch-size 500

On a PostgreSQL of its own (caf_app/deploy/postgres.py, durable: fsync and synchronous commit on, as in
production) and a Redis of its own. The dossiers are generated once (bulk inserts) into a template database;
each measure runs on a fresh copy of it. Printed: dossiers paid per second with 1 worker process, then with 2
(two Celery worker nodes of one process each, as two machines would be), from the batches enqueued to the last
batch done; then a run whose workers are killed (SIGKILL) mid-run, started again with new workers: every dossier
to pay has exactly one payment for the month, and the totals are those the generator expects. Asserts nothing.
"""

from __future__ import annotations

import argparse
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import sqlalchemy  # noqa: E402
from sqlmodel import Session, select  # noqa: E402

from caf_app import models as m  # noqa: E402
from caf_app.domain.dates import add_months  # noqa: E402
from caf_app.domain.prestations import Prestation  # noqa: E402
from caf_app.domain.statuses import BankAccountStatus  # noqa: E402
from caf_app.services.payments.run import droits_month  # noqa: E402

MONTH = date(2026, 12, 1)
PLAN, DEBT = 45_00, 1000_00
RAPPEL = 30_00


@dataclass(frozen=True)
class Generated:
    dossiers: int  # generated
    to_pay: int  # of which the run must pay
    expected_cents: int  # what the run pays them in all


def _amount(n: int) -> int:
    return 50_00 + (n * 7919) % 900_00


def generate(engine: sqlalchemy.Engine, count: int, *, month: date = MONTH, first: int = 0) -> Generated:
    """`count` dossiers for the run of `month`, in bulk: a positive droit each (a second one every 7th), except
    every 25th (sans droit); a debt with a plan every 10th, a rappel every 20th; every 50th has a PENDING bank
    account only, every 97th dossier is closed. Returns what the run must pay."""
    paid_month = droits_month(month)
    with Session(engine) as session:
        caf = session.exec(select(m.Caf)).first() or m.Caf(department="92", name="Caf des Hauts-de-Seine")
        session.add(caf)
        session.commit()
        caf_id = caf.id
    numbers = range(first, first + count)
    with engine.begin() as connection:
        people = _insert(connection, m.Person, [m.Person(birth_name=f"ALLOCATAIRE{n}", first_names="Camille")
                                                for n in numbers])
        dossiers = _insert(connection, m.Dossier, [
            m.Dossier(numero_allocataire=f"G{n:010d}", caf_id=caf_id, allocataire_id=person, active=n % 97 != 0)
            for n, person in zip(numbers, people, strict=True)])
        rows = {m.BankAccount: [], m.Droit: [], m.Dette: [], m.Rappel: []}
        expected, to_pay = 0, 0
        for n, dossier in zip(numbers, dossiers, strict=True):
            status = BankAccountStatus.PENDING if n % 50 == 0 else BankAccountStatus.ACTIVE
            rows[m.BankAccount].append(m.BankAccount(dossier_id=dossier, iban=f"FR76{n:023d}", bic="CCBPFRPPXXX",
                                                     holder=f"CAMILLE ALLOCATAIRE{n}", status=status))
            gross = 0
            if n % 25 == 0:
                rows[m.Droit].append(m.Droit(dossier_id=dossier, month=paid_month, prestation=Prestation.RSA,
                                             motif_sans_droit="Ressources trop élevées"))
            else:
                rows[m.Droit].append(m.Droit(dossier_id=dossier, month=paid_month, prestation=Prestation.RSA,
                                             amount_cents=_amount(n)))
                gross += _amount(n)
            if n % 7 == 0:
                rows[m.Droit].append(m.Droit(dossier_id=dossier, month=paid_month, prestation=Prestation.APL,
                                             amount_cents=150_00))
                gross += 150_00
            if n % 20 == 0:
                rows[m.Rappel].append(m.Rappel(dossier_id=dossier, prestation=Prestation.RSA,
                                               month=add_months(paid_month, -1), amount_cents=RAPPEL,
                                               created_on=paid_month))
                gross += RAPPEL
            if n % 10 == 0:
                rows[m.Dette].append(m.Dette(dossier_id=dossier, prestation=Prestation.RSA, origin="Trop perçu",
                                             created_on=paid_month, initial_cents=DEBT, monthly_retenue_cents=PLAN))
            if gross and n % 97 and n % 50:
                to_pay += 1
                expected += gross - (min(PLAN, gross) if n % 10 == 0 else 0)
        for model, instances in rows.items():
            _insert(connection, model, instances, returning=False)
    return Generated(count, to_pay, expected)


def _insert(connection, model, instances: list, *, returning: bool = True) -> list[int]:
    table = model.__table__
    rows = [instance.model_dump(exclude={"id"}) for instance in instances]
    if not rows:
        return []
    if not returning:
        connection.execute(table.insert(), rows)
        return []
    return list(connection.execute(table.insert().returning(table.c.id, sort_by_parameter_order=True),
                                   rows).scalars())


def check(engine: sqlalchemy.Engine, generated: Generated, month: date = MONTH) -> tuple[int, int, int, int]:
    """(payments, dossiers paid, total cents, payments whose total is not their lines minus their retenues)."""
    with engine.connect() as connection:
        payments, dossiers, total = connection.execute(sqlalchemy.text(
            "SELECT count(*), count(DISTINCT dossier_id), coalesce(sum(total_cents), 0) FROM paiement "
            "WHERE run_month = :month"), {"month": month}).one()
        wrong = connection.execute(sqlalchemy.text(
            "SELECT count(*) FROM paiement p WHERE p.run_month = :month AND p.total_cents <> "
            "(SELECT coalesce(sum(amount_cents), 0) FROM paiementligne WHERE paiement_id = p.id) - "
            "(SELECT coalesce(sum(amount_cents), 0) FROM retenue WHERE paiement_id = p.id)"), {"month": month}).scalar()
    return payments, dossiers, total, wrong


class Workers:
    """Celery worker nodes of one process each, in a process group of their own (so SIGKILL takes them whole)."""

    def __init__(self, env: dict[str, str], count: int, log_dir: Path, tag: str):
        self.processes = []
        for index in range(count):
            log = open(log_dir / f"worker-{tag}-{index}.log", "wb")
            self.processes.append(subprocess.Popen(
                [sys.executable, "-m", "celery", "-A", "caf_app.jobs.celery_app", "worker", "--concurrency", "1",
                 "--loglevel", "WARNING", "-n", f"bench-{tag}-{index}@%h", "--without-gossip", "--without-mingle"],
                cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True))

    def wait_ready(self, app) -> None:
        end = time.monotonic() + 60
        while len(app.control.ping(timeout=0.5)) < len(self.processes):
            if time.monotonic() > end:
                raise SystemExit("les workers Celery ne répondent pas")

    def kill(self) -> None:
        for process in self.processes:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()

    def stop(self) -> None:
        for process in self.processes:
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGTERM)
        for process in self.processes:
            process.wait(timeout=60)


def use_database(url: str) -> None:
    """The planner (this process) on another database: caf_app.db reads REFLEX_DB_URL once."""
    from caf_app import db, settings
    os.environ["REFLEX_DB_URL"] = url
    settings.get_settings.cache_clear()
    db.engine.cache_clear()


def timed_run(tasks, batch_size: int) -> tuple[float, int]:
    started = time.monotonic()
    result, _, _ = tasks.plan_payment_run(MONTH, batch_size)
    paid = []
    result.get(callback=lambda task_id, value: paid.append(value["paid"]), propagate=True)
    return time.monotonic() - started, sum(paid)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--dossiers", type=int, default=100_000)
    parser.add_argument("--batch-size", type=int, default=500)
    args = parser.parse_args()
    from caf_app.deploy.postgres import Server, free_port
    from caf_app.migrations import upgrade

    work = Path(tempfile.mkdtemp(prefix="caf-payment-run-"))
    server = Server(durable=True)  # a folder of its own (as root, the postgres user must reach it)
    redis_port = free_port()
    redis = subprocess.Popen([shutil.which("redis-server") or "/usr/bin/redis-server", "--port", str(redis_port),
                              "--save", "", "--appendonly", "no", "--dir", str(work)], stdout=subprocess.DEVNULL)
    try:
        server.start()
        template = server.create(name="generated")
        engine = sqlalchemy.create_engine(server.url(template))
        upgrade(engine)
        started = time.monotonic()
        generated = generate(engine, args.dossiers)
        engine.dispose()
        print(f"{generated.dossiers} dossiers générés en {time.monotonic() - started:.1f} s (PostgreSQL durable), "
              f"dont {generated.to_pay} à payer pour {generated.expected_cents / 100:.2f} €")
        env = {**os.environ, "REFLEX_REDIS_URL": f"redis://127.0.0.1:{redis_port}/0", "CAF_ENV": "dev",
               "CAF_DATA_DIR": str(work / "data"), "REFLEX_TELEMETRY_ENABLED": "false"}
        os.environ.update(env)
        from caf_app.jobs import tasks
        from caf_app.jobs.celery_app import app
        for count in (1, 2):
            name = server.create(template=template, name=f"run_{count}")
            use_database(server.url(name))
            workers = Workers({**env, "REFLEX_DB_URL": server.url(name)}, count, work, f"run{count}")
            workers.wait_ready(app)
            seconds, paid = timed_run(tasks, args.batch_size)
            workers.stop()
            print(f"{count} worker(s) : {paid} dossiers payés en {seconds:.1f} s, {paid / seconds:.0f} dossiers/s")
        kill_check(server, template, env, generated, app, tasks, work, args.batch_size)
    finally:
        redis.terminate()
        redis.wait()
        shutil.rmtree(work, ignore_errors=True)
        server.stop()


def kill_check(server, template, env, generated, app, tasks, work, batch_size) -> None:
    name = server.create(template=template, name="killed")
    url = server.url(name)
    use_database(url)
    engine = sqlalchemy.create_engine(url)
    workers = Workers({**env, "REFLEX_DB_URL": url}, 2, work, "killed")
    workers.wait_ready(app)
    tasks.plan_payment_run(MONTH, batch_size)
    while (paid := check(engine, generated)[0]) < generated.to_pay // 3:
        time.sleep(0.05)
    workers.kill()
    at_kill = check(engine, generated)[0]
    fresh = Workers({**env, "REFLEX_DB_URL": url}, 2, work, "fresh")
    fresh.wait_ready(app)
    seconds, paid = timed_run(tasks, batch_size)
    fresh.stop()
    payments, dossiers, total, wrong = check(engine, generated)
    engine.dispose()
    print(f"2 workers tués (SIGKILL) à {at_kill} dossiers payés ; 2 nouveaux workers et le versement relancé : "
          f"{seconds:.1f} s, {paid} payés par ce nouveau passage, {payments - at_kill - paid} par les lots du premier "
          f"restés dans la file ; {payments} paiements pour {dossiers} dossiers (attendus : {generated.to_pay}), "
          f"{total / 100:.2f} € (attendus : {generated.expected_cents / 100:.2f} €), "
          f"{wrong} paiement(s) dont le total n'est pas lignes moins retenues : "
          + ("chaque dossier payé une fois" if payments == dossiers == generated.to_pay
             and total == generated.expected_cents and not wrong else "ÉCART"))


if __name__ == "__main__":
    main()
