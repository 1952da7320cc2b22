"""The OpenFisca-France service as the app uses it (caf_app.rules), on this machine: start-up, memory, latencies;
then, with --app, whether two simulations at once slow another person's tabs.

    python bench/rules.py                    # a service of its own, 2 workers: the figures below
    python bench/rules.py --app              # and the recipe (nginx, 2 app instances, PostgreSQL, Redis) beside it
    python bench/rules.py --runs 30 --what-if-runs 10 --workers 2

Printed:
- the time from start to ready (/spec answers), and to warm (each worker's first computation done);
- the resident memory of the service (the sum of RSS over its process tree, read from /proc);
- one household, every prestation with its figures, warm (simulate(), the path of a simulator page): p50/p95 over
  `--runs` runs (the issue's target: p95 ≤ 1.5 s);
- 20 "et si mes revenus changent ?" variants in one request (what_if()): p50/p95 over `--what-if-runs` runs
  (target: p95 ≤ 2.5 s).
With --app, "two simulations at once must not make the app's other tabs slower than 100 ms p95": the production
recipe is started backend-only with this service as its rules service (CAF_OPENFISCA_URL), a demo person logs in
over the app's real protocol (bench/load.py's Tab), and their tab switch on Mes allocations (« Mes paiements » /
« Mes droits », one every 200 ms) is measured first alone, then while two simulations run back to back against
the service (two threads: the app has no simulator page to drive over the websocket yet, and the service is where
the CPU goes). The recipe waits for /tmp/caf-e2e.lock (the end-to-end runs' lock) so that neither skews the other.
"""

from __future__ import annotations

import argparse
import asyncio
import fcntl
import os
import statistics
import sys
import tempfile
import threading
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from caf_app.rules import client, server, simulate  # noqa: E402
from caf_app.rules.situation import Adulte, Foyer  # noqa: E402
from caf_app.settings import get_settings  # noqa: E402

HOUSEHOLD = Foyer("2026-11", Adulte(date(1988, 5, 5), activite=900_00),
                  conjoint=Adulte(date(1990, 8, 8), chomage=400_00),
                  enfants=(date(2016, 2, 2), date(2019, 9, 9), date(2025, 1, 1)), loyer=720_00, commune="13055")
WHAT_IF_INCOMES = tuple(step * 125_00 for step in range(20))  # 0 to 2 375 € a month: 20 variants
LOCK = Path("/tmp/caf-e2e.lock")


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def rss_of_tree(pid: int) -> int:
    """Bytes of resident memory of a process and all its descendants (from /proc: no psutil in .venv)."""
    parents, rss = {}, {}
    page = os.sysconf("SC_PAGE_SIZE")
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            resident = int((entry / "statm").read_text().split()[1])
        except (OSError, IndexError, ValueError):
            continue
        parents[int(entry.name)] = int(fields[1])
        rss[int(entry.name)] = resident * page
    total, todo = 0, [pid]
    while todo:
        current = todo.pop()
        total += rss.get(current, 0)
        todo += [child for child, parent in parents.items() if parent == current]
    return total


def use(url: str) -> None:
    """caf_app.rules talks to `url` from now on."""
    os.environ["CAF_OPENFISCA_URL"] = url
    get_settings.cache_clear()
    client._clients.clear()
    client._parameters.clear()


def timed_runs(make, runs: int) -> list[float]:
    async def all_runs() -> list[float]:
        seconds = []
        for _ in range(runs):
            started = time.perf_counter()
            await make()
            seconds.append(time.perf_counter() - started)
        pooled = client._clients.pop(asyncio.get_running_loop(), None)
        if pooled is not None:
            await pooled.aclose()
        return seconds

    return asyncio.run(all_runs())


def line(label: str, seconds: list[float], target: float | None = None) -> str:
    p95 = percentile(seconds, 0.95)
    verdict = "" if target is None else f"  (cible p95 ≤ {target:g} s : {'tenue' if p95 <= target else 'MANQUÉE'})"
    return (f"{label:58s} n={len(seconds):3d}  p50 {statistics.median(seconds):6.3f} s  p95 {p95:6.3f} s  "
            f"max {max(seconds):6.3f} s{verdict}")


def service_figures(workers: int, runs: int, what_if_runs: int) -> server.Service:
    started = time.perf_counter()
    service = server.Service(workers=workers).start()
    try:
        server.wait_ready(service.url, process=service.process)
        ready = time.perf_counter() - started
        server.warm(service.url, workers)
        warm = time.perf_counter() - started
    except BaseException:
        service.stop()
        raise
    print(f"service OpenFisca-France ({workers} processus de calcul) : prêt (/spec) en {ready:.1f} s, chaud "
          f"(1er calcul de chaque processus) en {warm:.1f} s")
    print(f"mémoire résidente (somme des RSS de l'arbre de processus) : {rss_of_tree(service.process.pid) / 2**20:.0f} "
          "Mio au repos")
    use(service.url)
    timed_runs(lambda: simulate.simulate(HOUSEHOLD), 2)  # the parameters' dates, read once per process
    print(line("un foyer, toutes les prestations et leurs détails (chaud)",
               timed_runs(lambda: simulate.simulate(HOUSEHOLD), runs), 1.5))
    print(line("20 variantes « et si mes revenus changent ? » (1 requête)",
               timed_runs(lambda: simulate.what_if(HOUSEHOLD, incomes=WHAT_IF_INCOMES), what_if_runs), 2.5))
    print(f"mémoire résidente après les calculs : {rss_of_tree(service.process.pid) / 2**20:.0f} Mio")
    sys.stdout.flush()
    return service


class Simulations:
    """`count` threads, each running simulations back to back against the service until stopped."""

    def __init__(self, count: int):
        from caf_app.rules.catalogue import variables
        from caf_app.rules.situation import add_household
        self.case: dict = {}
        add_household(self.case, "h", HOUSEHOLD, variables())
        self.stopping = threading.Event()
        self.done: list[float] = []
        self.threads = [threading.Thread(target=self.loop, daemon=True) for _ in range(count)]

    def loop(self) -> None:
        while not self.stopping.is_set():
            started = time.perf_counter()
            client.calculate_blocking(self.case)
            self.done.append(time.perf_counter() - started)

    def __enter__(self) -> Simulations:
        for thread in self.threads:
            thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.stopping.set()
        for thread in self.threads:
            thread.join(timeout=60)


async def tab_switches(instance: str, base: str, cookies: dict[str, str], seconds: float,
                       pause: float = 0.2) -> list[float]:
    """One person's tab on Mes allocations switching between Mes paiements and Mes droits, one every `pause`."""
    import load
    tab = load.Tab(instance, cookies, origin=base)
    await tab.open("/allocations")
    latencies, stop, i = [], time.perf_counter() + seconds, 0
    try:
        while time.perf_counter() < stop:
            elapsed, _ = await tab.event(load.SHOW, {"tab": ("paiements", "droits")[i % 2]},
                                         load.has_var("tab_rx_state_"))
            latencies.append(elapsed)
            i += 1
            await asyncio.sleep(pause)
    finally:
        await tab.close()
    return latencies


def app_figures(service: server.Service, seconds: float, lock_wait: float) -> None:
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    import load

    from caf_app.deploy.supervised import Supervised

    with open(LOCK, "a") as lock:
        deadline = time.monotonic() + lock_wait
        while True:
            try:
                fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() > deadline:
                    print(f"--app : {LOCK} pris depuis plus de {lock_wait:.0f} s (tests de bout en bout en cours) ; "
                          "mesure non faite")
                    return
                time.sleep(2)
        started = time.perf_counter()
        supervised = Supervised.start(Path(tempfile.mkdtemp(prefix="caf-rules-bench-")), environment="demo",
                                      api_rate=10_000, upload_rate=1_000, frontend=False, rules_url=service.url)
        try:
            print(f"recette démarrée (sans frontend, 2 instances, service de calcul ci-dessus) en "
                  f"{time.perf_counter() - started:.0f} s")
            base, db_url = supervised.url, supervised.recipe.database_url()
            instance = f"http://127.0.0.1:{supervised.recipe.app_ports[0]}"
            devices = asyncio.run(load.trust_devices(base, db_url))
            cookies = asyncio.run(load.logged_in_cookies(base, instance, devices, load.PEOPLE[0]))
            asyncio.run(tab_switches(instance, base, cookies, 3))  # warm
            alone = asyncio.run(tab_switches(instance, base, cookies, seconds))
            with Simulations(2) as running:
                time.sleep(1.0)
                loaded = asyncio.run(tab_switches(instance, base, cookies, seconds))
            print(line("changer d'onglet (connecté), seul", alone, 0.1))
            print(line("changer d'onglet (connecté), 2 simulations en même temps", loaded, 0.1))
            if running.done:
                print(line("  les simulations pendant ce temps (chacune)", running.done))
        finally:
            supervised.stop()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--what-if-runs", type=int, default=10)
    parser.add_argument("--app", action="store_true", help="also the tab switch of the app beside 2 simulations")
    parser.add_argument("--seconds", type=float, default=20.0, help="each tab-switch measure (--app)")
    parser.add_argument("--lock-wait", type=float, default=600.0, help="the longest wait for the e2e lock (--app)")
    args = parser.parse_args()
    service = service_figures(args.workers, args.runs, args.what_if_runs)
    try:
        if args.app:
            app_figures(service, args.seconds, args.lock_wait)
    finally:
        service.stop()


if __name__ == "__main__":
    main()

