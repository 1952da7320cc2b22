"""Benchmark: the site search and the assistant over 2 000 generated pages plus the real site, on SQLite (FTS5)
and on PostgreSQL (French text search): p50 and p95 of a query as the page's event runs it (one session, the
service function), for a mix of real queries (accents missing, typos, questions).

Prints figures; asserts nothing. `python bench/search.py [pages] [queries]` (issue 22's bar: p95 ≤ 100 ms).
"""

from __future__ import annotations

import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sqlmodel import Session, create_engine  # noqa: E402

from caf_app.deploy import postgres  # noqa: E402
from caf_app.migrations import upgrade  # noqa: E402
from caf_app.services.communications import search  # noqa: E402

QUERIES = ["prime activite", "Quand ma prestation est-elle versée ?", "alocation logement", "déménagement",
           "attestation de paiement", "rsa jeune actif", "naissance prime", "handicap aah montant",
           "garde enfant assistante maternelle", "bafa aide", "pension alimentaire impayée", "mot de passe oublié",
           "étudiant apl", "séparation que faire", "vacances colo", "zorglub"]
KINDS = ["Actualités", "Magazine", "Droits et prestations", "Ma situation"]


def generated(count: int, seed: int = 7) -> list[search.Doc]:
    """`count` pages made of the real site's sentences, shuffled: the same words, in other pages."""
    real = search.corpus()
    sentences = [s.strip() for doc in real for s in doc.text.split(". ") if len(s.split()) > 4]
    rng = random.Random(seed)
    pages = []
    for n in range(count):
        body = ". ".join(rng.sample(sentences, 12))
        title = " ".join(rng.sample(body.split(), 5)).capitalize()
        pages.append(search.Doc(rng.choice(KINDS), f"{title} ({n})", body[:200], f"/page/{n}", body))
    return real + pages


def measure(engine, docs: list[search.Doc], queries: int) -> tuple[float, float, float, float]:
    with Session(engine) as session:
        start = time.perf_counter()
        search.rebuild(session, docs)
        built = time.perf_counter() - start
        search.search(session=session, query="logement")  # the words of the site, read once per process
        took = []
        for n in range(queries):
            query = QUERIES[n % len(QUERIES)]
            start = time.perf_counter()
            search.search(session=session, query=query) if n % 2 else search.answer(session=session, question=query)
            took.append((time.perf_counter() - start) * 1000)
    took.sort()
    return built, statistics.median(took), took[int(len(took) * 0.95) - 1], took[-1]


def main(pages: int, queries: int) -> None:
    docs = generated(pages)
    print(f"{len(docs)} documents ({pages} generated), {queries} queries (search and assistant in turn)")
    with tempfile.TemporaryDirectory() as tmp:
        engine = create_engine(f"sqlite:///{tmp}/bench.db")
        upgrade(engine)
        built, p50, p95, worst = measure(engine, docs, queries)
        print(f"SQLite FTS5      index {built:5.1f} s   p50 {p50:5.1f} ms   p95 {p95:5.1f} ms   max {worst:5.1f} ms")
        engine.dispose()
    server = postgres.Server()
    server.start()
    try:
        engine = create_engine(server.url(server.create()))
        upgrade(engine)
        built, p50, p95, worst = measure(engine, docs, queries)
        print(f"PostgreSQL (fr)  index {built:5.1f} s   p50 {p50:5.1f} ms   p95 {p95:5.1f} ms   max {worst:5.1f} ms")
        engine.dispose()
    finally:
        server.stop()


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 2000, int(sys.argv[2]) if len(sys.argv) > 2 else 400)
