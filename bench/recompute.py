"""The cost of recomputing droits (caf_app/services/droits), per dossier, against the running OpenFisca service.

    CAF_OPENFISCA_URL=http://127.0.0.1:5011 python bench/recompute.py [--single 10] [--batches 50 200 500]

A fresh SQLite database (migrated) holds single-person dossiers in Nanterre, each with a declaration sent and a
droit of Rsa and of prime d'activité; incomes vary from 0 to 2 000 € so that every path (a droit, "sans droit" with
its motif) is taken. Printed, in milliseconds per dossier:
- recompute() of one dossier for one month (the path of an accepted declaration), over `--single` dossiers;
- recompute_many() of one month for batches of 50, 200 and 500 dossiers (a revalorisation), a first time (every
  droit written, its change and causes recorded) and again with nothing changed (the idempotent run);
and the share of the time spent in the rules service's request.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from datetime import date, datetime, timezone
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sqlmodel import Session, create_engine  # noqa: E402

from caf_app import models as m  # noqa: E402
from caf_app.domain.prestations import Prestation  # noqa: E402
from caf_app.domain.statuses import DraftStatus  # noqa: E402
from caf_app.migrations import upgrade  # noqa: E402
from caf_app.rules import client  # noqa: E402
from caf_app.seed import CAFS  # noqa: E402
from caf_app.services.droits.recompute import recompute, recompute_many  # noqa: E402

TODAY, MONTH, QUARTER = date(2026, 11, 26), date(2026, 11, 1), date(2026, 8, 1)


def dossiers(session: Session, count: int, start: int) -> list[int]:
    caf = session.get(m.Caf, 1) or m.Caf(department="92", name=CAFS["92"][0], address=CAFS["92"][1])
    session.add(caf)
    session.flush()
    ids = []
    for index in range(start, start + count):
        person = m.Person(birth_name="BENCH", first_names="Anne", birth_date=date(1990, 1, 1), nir=f"29001{index:08d}")
        session.add(person)
        session.flush()
        dossier = m.Dossier(numero_allocataire=f"B{index:07d}", caf_id=caf.id, allocataire_id=person.id,
                            postal_code="92000", city="NANTERRE")
        session.add(dossier)
        session.flush()
        session.add(m.Member(dossier_id=dossier.id, person_id=person.id, role="allocataire"))
        declaration = m.DeclarationTrimestrielle(dossier_id=dossier.id, prestation=Prestation.RSA,
                                                 quarter_start=QUARTER, status=DraftStatus.ENVOYE,
                                                 sent_at=datetime(2026, 11, 3, tzinfo=timezone.utc))
        session.add(declaration)
        session.flush()
        for month in (8, 9, 10):
            session.add(m.DeclarationMontant(declaration_id=declaration.id, person_id=person.id,
                                             month=date(2026, month, 1), category="salaires",
                                             amount_cents=(index * 137_00) % 2000_00))
        for prestation in (Prestation.RSA, Prestation.PRIME_ACTIVITE):
            session.add(m.Droit(dossier_id=dossier.id, month=MONTH, prestation=prestation, amount_cents=100_00))
        ids.append(dossier.id)
    session.commit()
    return ids


class Timed:
    """The time spent in the rules service's requests."""

    def __init__(self):
        self.seconds, self.requests, self.real = 0.0, 0, client.calculate_blocking
        client.calculate_blocking = self

    def __call__(self, case, **kwargs):
        started = time.perf_counter()
        try:
            return self.real(case, **kwargs)
        finally:
            self.seconds += time.perf_counter() - started
            self.requests += 1


def line(what: str, count: int, seconds: float, timed: Timed) -> None:
    print(f"{what:<44} {count:>4} dossiers  {1000 * seconds / count:7.1f} ms/dossier  "
          f"(service {100 * timed.seconds / seconds:3.0f} %, {timed.requests} requête(s))")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--single", type=int, default=10)
    parser.add_argument("--batches", type=int, nargs="*", default=[50, 200, 500])
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        engine = create_engine(f"sqlite:///{Path(folder) / 'bench.db'}")
        upgrade(engine)
        with Session(engine) as session:
            next_id = 0
            ids = dossiers(session, args.single, next_id)
            next_id += args.single
            timed = Timed()
            started = time.perf_counter()
            for dossier_id in ids:
                recompute(session=session, dossier_id=dossier_id, months=[MONTH], today=TODAY)
            line("recompute(), un dossier, un mois", len(ids), time.perf_counter() - started, timed)
            client.calculate_blocking = timed.real
            for size in args.batches:
                ids = dossiers(session, size, next_id)
                next_id += size
                for what in ("recompute_many(), un mois, 1re fois", "recompute_many(), un mois, inchangé"):
                    timed = Timed()
                    started = time.perf_counter()
                    recompute_many(session=session, dossier_ids=ids, months=[MONTH], today=TODAY)
                    line(what, size, time.perf_counter() - started, timed)
                    client.calculate_blocking = timed.real


if __name__ == "__main__":
    main()
