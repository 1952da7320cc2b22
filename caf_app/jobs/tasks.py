"""The monthly payment run's tasks: a batch of dossiers (an id range) paid by services/payments/run.py, the planner
that cuts the run into batches and enqueues them, and the task Celery beat starts on the 5th; the nightly purge of
the demandes left as drafts."""

from __future__ import annotations

from dataclasses import asdict
from datetime import date

from celery import group
from celery.result import GroupResult
from sqlmodel import Session

from .. import clock
from ..db import engine
from ..domain.dates import first_of_month
from ..services.paperwork import demandes
from ..services.payments import run
from .celery_app import app

BATCH_SIZE = 500


@app.task(name="caf_app.jobs.tasks.pay_batch", acks_late=True,
          autoretry_for=run.TRANSIENT, retry_backoff=True, retry_backoff_max=60,
          retry_kwargs={"max_retries": 10})
def pay_batch(first_id: int, last_id: int, month: str) -> dict:
    """Pay the dossiers to pay whose ids are between first_id and last_id (both included) for the run of `month`
    (ISO date, first day). The database unreachable: retried with a growing delay, paying only who is unpaid."""
    return asdict(pay_range(first_id, last_id, date.fromisoformat(month)))


def pay_range(first_id: int, last_id: int, month: date) -> run.BatchResult:
    """One batch in this process (the task's body, and the in-process run of python -m caf_app.payments)."""
    with Session(engine()) as session:
        ids = run.dossier_ids_to_pay(session=session, month=month, first_id=first_id, last_id=last_id)
        return run.pay_batch(session=session, dossier_ids=ids, month=month, paid_on=run.payment_day(month))


def plan(month: date, batch_size: int = BATCH_SIZE) -> list[tuple[int, int, int]]:
    """The run's batches: (first id, last id, dossiers) each."""
    with Session(engine()) as session:
        return list(run.batches(session=session, month=month, size=batch_size))


def plan_payment_run(month: date, batch_size: int = BATCH_SIZE) -> tuple[GroupResult | None, int, int]:
    """Enqueue the run of `month` in batches of `batch_size` dossiers; returns the group's result (None when
    nobody is to be paid), the number of batches and of dossiers. Any worker of the broker takes them."""
    bounds = plan(month, batch_size)
    if not bounds:
        return None, 0, 0
    result = group(pay_batch.s(first, last, month.isoformat()) for first, last, _ in bounds).apply_async()
    return result, len(bounds), sum(count for _, _, count in bounds)


@app.task(name="caf_app.jobs.tasks.monthly_run")
def monthly_run(month: str = "") -> dict:
    """What Celery beat starts on the 5th (celery_app.beat_schedule): the run of the current month (the Caf's
    day, in Paris), enqueued; the workers pay it. A rerun (by hand, or beat catching up) pays nobody twice."""
    start = date.fromisoformat(month) if month else first_of_month(clock.today())
    result, batches, dossiers = plan_payment_run(start)
    return {"month": start.isoformat(), "batches": batches, "dossiers": dossiers,
            "group": result.id if result is not None else None}


@app.task(name="caf_app.jobs.tasks.purge_demande_drafts")
def purge_demande_drafts() -> dict:
    """What Celery beat starts every night (celery_app.beat_schedule): drafts untouched for 30 days deleted, their
    person warned once a week before (services/paperwork/demandes.purge; a second run the same night does nothing)."""
    with Session(engine()) as session:
        return asdict(demandes.purge(session=session))


@app.task(name="caf_app.jobs.tasks.remind_rendez_vous")
def remind_rendez_vous() -> dict:
    """What Celery beat starts every evening: a reminder mail for each of tomorrow's rendez-vous, sent once
    (services/communications/rendez_vous.remind; in the demo: python -m caf_app.services.communications.rendez_vous
    --remind)."""
    from ..services.communications import rendez_vous
    with Session(engine()) as session:
        return {"reminded": rendez_vous.remind(session=session)}
