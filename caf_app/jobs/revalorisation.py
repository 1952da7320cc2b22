"""A recomputation over many dossiers (a revalorisation on 1 April, a barème that moves): the droits of a month
computed again for every active dossier holding droits the rules compute, in batches of dossiers on the Celery
workers, each batch ONE request of many households to the OpenFisca service (services/droits/recompute.py
recompute_many).

`python -m caf_app.jobs.revalorisation --month 2027-04 [--batch-size 200] [--eager]`: what changed is kept with
its causes (« Pourquoi ce montant a changé ? »), past months give rappels or indus; rerunning changes nothing more.
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass
from datetime import date

from celery import group
from sqlmodel import Session, col, select

from .. import clock, models as m
from ..db import engine
from ..payments.__main__ import parse_month
from ..services.droits.compute import RULE_OF
from ..services.droits.recompute import recompute_many
from .celery_app import app, redis_url

BATCH_SIZE = 200  # households per request to the rules service (bench/recompute.py: about 80 ms a dossier)


@dataclass(frozen=True)
class Done:
    dossiers: int
    changed: int


def _holding():
    """The dossiers holding a droit of a prestation the rules compute (not an aide au BAFA alone, say)."""
    return select(m.Droit.dossier_id).where(col(m.Droit.prestation).in_(list(RULE_OF))).distinct()


def batches(month: date, size: int = BATCH_SIZE) -> list[tuple[int, int]]:
    """(first id, last id) of each batch of active dossiers holding a droit the rules compute (read as a stream)."""
    holding = _holding()
    query = (select(m.Dossier.id).where(m.Dossier.active, col(m.Dossier.id).in_(holding))
             .order_by(col(m.Dossier.id)).execution_options(yield_per=10_000))
    bounds, chunk = [], []
    with Session(engine()) as session:
        for dossier_id in session.exec(query):
            chunk.append(dossier_id)
            if len(chunk) == size:
                bounds.append((chunk[0], chunk[-1]))
                chunk = []
    return bounds + ([(chunk[0], chunk[-1])] if chunk else [])


def recompute_range(first_id: int, last_id: int, month: date) -> Done:
    with Session(engine()) as session:
        holding = _holding()
        ids = list(session.exec(select(m.Dossier.id).where(
            m.Dossier.active, m.Dossier.id >= first_id, m.Dossier.id <= last_id, col(m.Dossier.id).in_(holding))))
        results = recompute_many(session=session, dossier_ids=ids, months=[month], today=clock.today())
    return Done(len(ids), sum(1 for result in results.values() if result.changes))


@app.task(name="caf_app.jobs.revalorisation.recompute_batch", acks_late=True, retry_backoff=True,
          autoretry_for=(OSError,), retry_kwargs={"max_retries": 10})
def recompute_batch(first_id: int, last_id: int, month: str) -> dict:
    """One batch: its households in one request to the rules service (the service unreachable: retried)."""
    done = recompute_range(first_id, last_id, date.fromisoformat(month))
    return {"dossiers": done.dossiers, "changed": done.changed}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m caf_app.jobs.revalorisation",
                                     description="Recalculer les droits d'un mois pour tous les dossiers.")
    parser.add_argument("--month", type=parse_month, required=True, help="le mois recalculé, AAAA-MM")
    parser.add_argument("--batch-size", type=int, default=BATCH_SIZE, help="dossiers par lot (200)")
    parser.add_argument("--eager", action="store_true", help="dans ce processus, sans Celery")
    args = parser.parse_args(argv)
    bounds = batches(args.month, args.batch_size)
    print(f"{len(bounds)} lot(s) de {args.batch_size} dossiers au plus.", flush=True)
    if args.eager or not redis_url():
        done = [recompute_range(first, last, args.month) for first, last in bounds]
        dossiers, changed = sum(d.dossiers for d in done), sum(d.changed for d in done)
    else:
        values = group(recompute_batch.s(first, last, args.month.isoformat()) for first, last in bounds) \
            .apply_async().get()
        dossiers, changed = sum(v["dossiers"] for v in values), sum(v["changed"] for v in values)
    print(f"Dossiers recalculés : {dossiers}\nDossiers dont un montant a changé : {changed}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
