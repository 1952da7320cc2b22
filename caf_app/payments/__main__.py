"""Le versement mensuel by hand: `python -m caf_app.payments --month 2026-12 [--batch-size N] [--eager]`.

Pays the run of the month (paid on the 5th, the droits of the month before, the rappels not paid yet, minus the
retenues of the debts' plans). With a Redis (REFLEX_REDIS_URL, as in production) the batches go to the Celery
workers and this command waits for them, printing its progress; without one (make run's demo), or with --eager,
the batches run in this process. Running it again pays nobody twice: it says how many were paid already.
"""

from __future__ import annotations

import argparse
import sys
import time
from datetime import date

from ..domain.dates import format_date, format_month, with_de
from ..domain.money import NBSP, format_euros
from ..jobs import tasks
from ..jobs.celery_app import app, redis_url
from ..services.payments.run import BatchResult, droits_month, payment_day


def parse_month(text: str) -> date:
    try:
        year, month = (int(part) for part in text.split("-"))
        return date(year, month, 1)
    except ValueError:
        raise argparse.ArgumentTypeError(f"mois attendu sous la forme AAAA-MM, par exemple 2026-12 : « {text} »"
                                         ) from None


def number(value: int) -> str:
    return f"{value:,}".replace(",", NBSP)


def lots(count: int) -> str:
    return f"{number(count)} lot{'s' if count > 1 else ''}"


class Progress:
    """One line each time another tenth of the batches is done."""

    def __init__(self, batches: int):
        self.batches, self.done, self.shown = batches, 0, 0

    def batch_done(self) -> None:
        self.done += 1
        tenth = self.done * 10 // self.batches
        if tenth > self.shown or self.done == self.batches:
            self.shown = tenth
            print(f"  {self.done}/{self.batches} lots traités", flush=True)


def in_process(month: date, batch_size: int) -> BatchResult:
    bounds = tasks.plan(month, batch_size)
    print(f"{number(sum(n for _, _, n in bounds))} dossiers à examiner en {lots(len(bounds))}, dans ce processus.",
          flush=True)
    total, progress = BatchResult(), Progress(len(bounds))
    for first, last, _ in bounds:
        total += tasks.pay_range(first, last, month)
        progress.batch_done()
    return total


def on_celery(month: date, batch_size: int) -> BatchResult:
    workers = []
    for _ in range(5):  # a worker just (re)started may take a few seconds to answer
        workers = app.control.ping(timeout=2.0)
        if workers:
            break
    if not workers:
        raise SystemExit("Aucun worker Celery ne répond sur ce Redis : démarrez-en un "
                         "(celery -A caf_app.jobs.celery_app worker), ou lancez le versement ici avec --eager.")
    result, batches, dossiers = tasks.plan_payment_run(month, batch_size)
    print(f"{number(dossiers)} dossiers à examiner en {lots(batches)}, confiés à {len(workers)} worker(s) Celery.",
          flush=True)
    if result is None:
        return BatchResult()
    progress, values = Progress(batches), []

    def received(task_id: str, value: dict) -> None:  # with a callback, get() hands the results over one by one
        values.append(BatchResult(**value))
        progress.batch_done()

    result.get(callback=received, propagate=True)
    return sum(values, BatchResult())


def summary(result: BatchResult, seconds: float) -> str:
    rate = f" ({number(round(result.paid / seconds))} dossiers payés par seconde)" if seconds and result.paid else ""
    lines = [f"Dossiers payés : {number(result.paid)}",
             f"Montant total : {format_euros(result.total_cents)}",
             f"Déjà payés : {number(result.already_paid)}",
             f"Sans compte bancaire actif (payés au prochain passage) : {number(result.no_account)}",
             f"Rien à payer : {number(result.nothing_due)}",
             f"Durée : {seconds:.1f} s{rate}".replace(".", ",", 1)]
    if result.failed:
        lines.append(f"En erreur (à examiner, puis relancer la commande) : {number(len(result.failed))} dossiers, "
                     f"identifiants {', '.join(str(i) for i in result.failed[:20])}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m caf_app.payments", description="Le versement mensuel.")
    parser.add_argument("--month", type=parse_month, required=True, help="le mois du versement, AAAA-MM")
    parser.add_argument("--batch-size", type=int, default=tasks.BATCH_SIZE, help="dossiers par lot (500)")
    parser.add_argument("--eager", action="store_true", help="dans ce processus, sans Celery")
    args = parser.parse_args(argv)
    month = args.month
    print(f"Versement {with_de(format_month(month))} : paiement du {format_date(payment_day(month))}, "
          f"droits {with_de(format_month(droits_month(month)))} et rappels.", flush=True)
    eager = args.eager or not redis_url()
    if eager and not args.eager:
        print("Pas de Redis configuré (REFLEX_REDIS_URL) : le versement se fait dans ce processus.", flush=True)
    started = time.monotonic()
    try:
        result = in_process(month, args.batch_size) if eager else on_celery(month, args.batch_size)
    except Exception as error:  # a batch failed for good: what was committed stays paid, the rest is not
        print(f"Le versement s'est arrêté : {error}\nRelancez la même commande : les dossiers déjà payés ne le "
              "seront pas une seconde fois.", file=sys.stderr)
        return 1
    print(summary(result, time.monotonic() - started))
    return 1 if result.failed else 0


if __name__ == "__main__":
    sys.exit(main())
