"""The Celery application: broker and result backend are the app's Redis (REFLEX_REDIS_URL, the one the recipe
deploys and the instances share), the database is REFLEX_DB_URL, as for the instances.

    celery -A caf_app.jobs.celery_app worker --concurrency 8    # on any host: more workers, more batches at once
    celery -A caf_app.jobs.celery_app beat                      # one per deployment: the 5th's run, the nightly purge

A batch's message is acknowledged once the batch is committed (acks_late), one message per process at a time
(prefetch 1): a worker killed mid-batch loses nothing; its batch goes back to the queue (at once if a child process
dies, after the visibility timeout if the whole worker does) and runs again, paying only the dossiers still unpaid.
"""

from __future__ import annotations

import os

from celery import Celery
from celery.schedules import crontab
from celery.signals import worker_process_init

# Longer than any batch by far (a batch of 500 dossiers takes well under a second of database work): a message
# unacknowledged for this long belonged to a worker that died, and is handed to another.
VISIBILITY_TIMEOUT = int(os.environ.get("CAF_JOBS_VISIBILITY_TIMEOUT", "600"))
LOCAL_REDIS = "redis://127.0.0.1:6379/0"


def redis_url() -> str:
    """The app's Redis ("" when none is configured: make run has none, the payment run then stays in-process)."""
    return os.environ.get("REFLEX_REDIS_URL", "")


app = Celery("caf_app", include=["caf_app.jobs.tasks", "caf_app.jobs.revalorisation"])
app.conf.update(
    broker_url=redis_url() or LOCAL_REDIS,
    result_backend=redis_url() or LOCAL_REDIS,
    # A dead worker's messages are looked for every 10 s (at most every visibility timeout), one Redis query each.
    broker_transport_options={"visibility_timeout": VISIBILITY_TIMEOUT,
                              "unacked_restore_interval": min(10, VISIBILITY_TIMEOUT),
                              "unacked_restore_throttle": 1},
    broker_connection_retry_on_startup=True,
    task_acks_late=True,
    task_reject_on_worker_lost=True,  # a child process killed mid-batch: its message goes back to the queue
    worker_prefetch_multiplier=1,
    task_serializer="json",
    result_serializer="json",
    accept_content=["json"],
    result_expires=7 * 24 * 3600,  # the batches' summaries: the database keeps the payments themselves
    timezone="Europe/Paris",  # the Caf's days (caf_app/clock.py)
    enable_utc=True,
    beat_schedule={
        # The run of the month, paid on the 5th; rerun by hand any time after, it pays only who is still unpaid.
        "versement-mensuel": {"task": "caf_app.jobs.tasks.monthly_run",
                              "schedule": crontab(minute=0, hour=2, day_of_month=5)},
        # Every night: demandes left as drafts for 30 days go, their person told by mail a week before.
        "brouillons-de-demandes": {"task": "caf_app.jobs.tasks.purge_demande_drafts",
                                   "schedule": crontab(minute=30, hour=3)},
        # Every evening: the reminders of tomorrow's rendez-vous.
        "rappels-de-rendez-vous": {"task": "caf_app.jobs.tasks.remind_rendez_vous",
                                   "schedule": crontab(minute=0, hour=17)},
    },
)


@worker_process_init.connect
def _fresh_connections(**_) -> None:
    """A forked worker process never shares its parent's database connections."""
    from ..db import engine
    if engine.cache_info().currsize:
        engine().dispose(close=False)
