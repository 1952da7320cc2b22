"""Benchmark: what a test's own PostgreSQL database costs (tests/integration/conftest.py copies the migrated and
seeded one for each test), with the throw-away cluster on this disk and in memory (/dev/shm, where `make test`
puts the tests' scratch): the CPU the cluster spends on one test's database, median of 15.
Prints figures; asserts nothing. `python bench/database_copy.py [runs]`
"""

from __future__ import annotations

import statistics
import sys
import tempfile
from datetime import date
from pathlib import Path

import sqlalchemy
from sqlmodel import Session, create_engine

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from caf_app.deploy import postgres  # noqa: E402
from caf_app.migrations import upgrade  # noqa: E402
from caf_app.seed import seed  # noqa: E402


def cpu_seconds(pid: int, children: bool = False) -> float:
    """utime + stime of the process (or of its children that ended), in seconds."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    first = 13 if children else 11
    return (int(fields[first]) + int(fields[first + 1])) / 100  # clock ticks of 1/100 s


def measure(folder: str, runs: int) -> float:
    """Median CPU of the cluster for one test's database: copied from the template, opened by a new connection
    that reads and writes as a test does, closed, removed."""
    server = postgres.Server(Path(tempfile.mkdtemp(prefix="caf-pg-", dir=folder)))
    server.throw_away = True  # removed at stop, as the tests' clusters are
    server.start()
    try:
        template = server.create()
        engine = create_engine(server.url(template))
        upgrade(engine)
        with Session(engine) as session:
            seed(session, today=date(2026, 11, 26))
        engine.dispose()
        postmaster = int((server.data / "postmaster.pid").read_text().split()[0])
        admin = sqlalchemy.create_engine(server.url("postgres"), isolation_level="AUTOCOMMIT")
        costs = []
        with admin.connect() as connection:
            backend = connection.execute(sqlalchemy.text("SELECT pg_backend_pid()")).scalar()
            for number in range(runs):
                before = cpu_seconds(backend) + cpu_seconds(postmaster, children=True)
                connection.execute(sqlalchemy.text(f"CREATE DATABASE copy_{number} TEMPLATE {template}"))
                test = create_engine(server.url(f"copy_{number}"))
                with test.begin() as used:
                    used.execute(sqlalchemy.text("SELECT count(*) FROM dossier JOIN droit ON droit.dossier_id = "
                                                 "dossier.id"))
                    used.execute(sqlalchemy.text("UPDATE person SET first_names = first_names"))
                test.dispose()
                connection.execute(sqlalchemy.text(f"DROP DATABASE copy_{number} WITH (FORCE)"))
                costs.append(cpu_seconds(backend) + cpu_seconds(postmaster, children=True) - before)
        admin.dispose()
        return statistics.median(costs)
    finally:
        server.stop()


def main(runs: int) -> None:
    if not postgres.available():
        print("PostgreSQL absent : rien à mesurer.")
        return
    print(f"La base d'un test (copie de la base migrée et remplie, une connexion qui lit et écrit, suppression), "
          f"CPU de PostgreSQL, médiane de {runs} :")
    places = [("disque (/tmp)", "/tmp")]
    if Path("/dev/shm").is_dir():
        places.append(("mémoire (/dev/shm)", "/dev/shm"))
    for label, folder in places:
        print(f"  {label:<22} {measure(folder, runs) * 1000:5.0f} ms")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 15)
