"""Le versement mensuel in the production recipe: a Celery worker and Celery beat under supervisord, on the
recipe's Redis and PostgreSQL; the task beat starts on the 5th pays through the worker, and once only, even with
the worker killed and brought back by the supervisor in between."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import sqlalchemy

from caf_app import clock
from caf_app.domain.dates import add_months, first_of_month
from caf_app.seed import last_payment_date
from caf_app.settings import PROJECT_ROOT
from tests.personas import DANIEL


def celery(production, *args: str, timeout: float = 120) -> subprocess.CompletedProcess:
    """A command with the instances' environment (the recipe's Redis and database), as an operator runs it."""
    return subprocess.run([sys.executable, "-m", *args], cwd=PROJECT_ROOT, capture_output=True, text=True,
                          timeout=timeout, env={**os.environ, **production.recipe.app_env()})


def run_payments(production, month) -> list[tuple[int, str]]:
    with production.engine.connect() as connection:
        return [tuple(row) for row in connection.execute(sqlalchemy.text(
            "SELECT p.total_cents, p.message FROM paiement p JOIN dossier d ON d.id = p.dossier_id "
            "WHERE d.numero_allocataire = :numero AND p.run_month = :month"), {"numero": DANIEL.dossier,
                                                                                "month": month})]


def test_the_worker_and_beat_are_supervised_and_the_5th_s_task_pays_once(production):
    assert production.status()["jobs"] == "RUNNING" and production.status()["jobs-beat"] == "RUNNING"
    # The run beat starts on the 5th: that of the month of the last payment day (from the 1st to the 4th, last
    # month's, as beat ran it; this month's droits of the month before are not due before its 5th).
    month = first_of_month(last_payment_date(clock.today()))
    # A rappel known before that month's payment day: the run pays it (the droits of the month before were paid by
    # the seed's payment of that day, so the run pays nothing else to anyone).
    with production.engine.begin() as connection:
        connection.execute(sqlalchemy.text(
            "INSERT INTO rappel (dossier_id, prestation, month, amount_cents, created_on) "
            "SELECT id, 'apl', :rappel_month, 1234, :created FROM dossier WHERE numero_allocataire = :numero"),
            {"rappel_month": add_months(month, -2), "created": month, "numero": DANIEL.dossier})
    sent = celery(production, "celery", "-A", "caf_app.jobs.celery_app", "call", "caf_app.jobs.tasks.monthly_run",
                  "--args", json.dumps([month.isoformat()]))
    assert sent.returncode == 0, sent.stderr
    production.wait_until(lambda: run_payments(production, month), "le paiement du rappel", timeout=120)
    [(total, message)] = run_payments(production, month)
    assert total == 1234 and message.startswith("Ce paiement comprend un rappel d'Aide personnalisée au logement")
    # The worker killed outright: the supervisor brings it back, and the run started again by hand pays nobody twice.
    before = production.kill("jobs")
    production.wait_until(lambda: production.pid("jobs") not in (0, before)
                          and production.status()["jobs"] == "RUNNING", "le worker relancé par le superviseur")
    again = celery(production, "caf_app.payments", "--month", month.strftime("%Y-%m"))
    assert again.returncode == 0, again.stdout + again.stderr
    assert "Dossiers payés : 0" in again.stdout
    assert run_payments(production, month) == [(1234, message)]
