"""Benchmark: generating a 24-month attestation de paiement (median of 50) and its size.

Prints figures; asserts nothing. `python bench/attestation_pdf.py [runs]`
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sqlmodel import Session, create_engine  # noqa: E402

from caf_app import clock  # noqa: E402
from caf_app.domain.dates import add_months  # noqa: E402
from caf_app.migrations import upgrade  # noqa: E402
from caf_app.pdf.statements import payment_attestation_pdf  # noqa: E402
from caf_app.seed import seed  # noqa: E402
from caf_app.services.identity import auth  # noqa: E402
from caf_app.services.payments import statements

SECRET = "b" * 40


def main(runs: int) -> None:
    today = clock.today()
    with tempfile.TemporaryDirectory() as tmp:
        engine = create_engine(f"sqlite:///{tmp}/bench.db")
        upgrade(engine)
        with Session(engine) as session:
            seed(session, today=today)
            ticket = auth.login(session=session, identifier="1920792050077", password="Allocataire2026",
                                provisional=False, secret=SECRET)
            token = auth.exchange_ticket(session=session, ticket=ticket.ticket, secret=SECRET)
            actor = auth.session_actor(session=session, token=token, secret=SECRET)
            start = add_months(today, -23)
            timings, size = [], 0
            for _ in range(runs):
                began = time.perf_counter()
                data = statements.payment_attestation(session=session, actor=actor, start=start, end=today,
                                                      today=today)
                pdf = payment_attestation_pdf(data)
                timings.append(time.perf_counter() - began)
                size = len(pdf)
    print(f"Attestation de paiement sur 24 mois (Samir GHOMDI, {len(data.payments)} lignes de paiement, "
          f"{len(data.droits)} droits)")
    print(f"  médiane de {runs} générations (données + PDF) : {statistics.median(timings) * 1000:.1f} ms "
          f"(min {min(timings) * 1000:.1f}, max {max(timings) * 1000:.1f})")
    print(f"  taille du PDF : {size / 1024:.1f} Kio")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 50)
