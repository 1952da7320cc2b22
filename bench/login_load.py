"""Logins do not slow other people: while N people log in at once (argon2id, 64 MiB, in the app's hashing pool),
another person, already logged in, switches between « Mes droits » and « Mes paiements » in Mes allocations.
Each simulated login submits the Connexion form over the app's real protocol (bench/load.py's client) and
sends the next one as soon as the answer comes, so N logins are always in flight; the tab switch is timed from
sending the event to receiving its change.

    python bench/login_load.py                    # builds and starts the app (SQLite), 0, 10 then 20 logins
    python bench/login_load.py --logins 10,20 --switches 200
    python bench/login_load.py --app-dir /tmp/other-checkout   # the same measure on another copy of the code

Prints, for each level: logins answered per second, the p50/p95 of a login, and the p50/p95/max of a tab switch
of the other person (the issue's limit: under 100 ms p95 during 10 and 20 concurrent logins).
"""

from __future__ import annotations

import argparse
import asyncio
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _harness import env_for, serve  # noqa: E402
from load import (  # noqa: E402
    PASSWORD,
    PEOPLE,
    SHOW,
    SUBMIT,
    Failure,
    Tab,
    has_var,
    logged_in_cookies,
    percentile,
    script_with,
    trust_devices,
)

ROOT = Path(__file__).resolve().parent.parent
SWITCHER = PEOPLE[0]  # the person who switches tabs (also among those who log in: a login never waits for her)
LIMIT_MS = 100


async def logged_in_tab(base: str, devices: dict[str, str]) -> Tab:
    """The switcher's Mes allocations: a login on her recognised device, the ticket exchanged for the cookie."""
    tab = Tab(base, await logged_in_cookies(base, base, devices, SWITCHER))
    await tab.open("/allocations")
    return tab


async def keep_logging_in(base: str, nir: str, device: str, stop: asyncio.Event, times: list[float],
                          errors: list[str]) -> None:
    """One Connexion tab that logs in again as soon as it is answered (the ticket is left unused)."""
    tab = Tab(base, {"caf_appareil": device, "caf_navigateur": uuid.uuid4().hex})
    await tab.open("/connexion?suivant=/mon-compte")
    try:
        while not stop.is_set():
            try:
                seconds, _ = await tab.event(SUBMIT, {"form": {"identifiant": nir, "mot_de_passe": PASSWORD,
                                                               "se_souvenir": False}},
                                             script_with("/api/session/ouvrir?ticket="))
                times.append(seconds)
            except (Failure, asyncio.TimeoutError) as error:
                errors.append(type(error).__name__)
                return
    finally:
        await tab.close()


async def level(base: str, devices: dict[str, str], logins: int, switches: int) -> dict:
    switcher = await logged_in_tab(base, devices)
    stop, login_times, errors = asyncio.Event(), [], []
    tasks = [asyncio.create_task(keep_logging_in(base, PEOPLE[i % len(PEOPLE)], devices[PEOPLE[i % len(PEOPLE)]],
                                                 stop, login_times, errors)) for i in range(logins)]
    await asyncio.sleep(2.0 if logins else 0)  # every login tab open and submitting
    login_times.clear()
    started, timings = time.perf_counter(), []
    for n in range(switches):
        seconds, _ = await switcher.event(SHOW, {"tab": "paiements" if n % 2 == 0 else "droits"},
                                          has_var("tab_rx_state_"))
        timings.append(seconds)
        await asyncio.sleep(0.05)  # a person's taps are apart; the logins keep the server busy meanwhile
    elapsed = time.perf_counter() - started
    answered = len(login_times)
    stop.set()
    await asyncio.gather(*tasks, return_exceptions=True)
    await switcher.close()
    return {"logins": logins, "rate": answered / elapsed, "login_p50": percentile(login_times, .5),
            "login_p95": percentile(login_times, .95), "p50": percentile(timings, .5), "p95": percentile(timings, .95),
            "max": max(timings), "errors": errors}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--logins", default="0,10,20", help="concurrent logins of each level")
    parser.add_argument("--switches", type=int, default=200, help="tab switches timed per level")
    parser.add_argument("--app-dir", type=Path, default=ROOT, help="the checkout to build and serve")
    parser.add_argument("--url", help="an app already running (one process); else one is built and started here")
    parser.add_argument("--db", help="its database URL (the first device codes are read from its outbox)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="caf-logins-") as tmp:
        env = env_for(Path(tmp))  # CAF_SMTP unset: the device codes go to the database outbox
        if args.url:
            run(args, args.url.rstrip("/"), args.db)
            return
        subprocess.run([sys.executable, "-m", "caf_app.migrations", "--seed-if-empty"], cwd=args.app_dir, env=env,
                       check=True, capture_output=True)
        log = Path(tmp) / "app.log"
        with serve(args.app_dir, env, log) as base:
            try:
                run(args, base, env["REFLEX_DB_URL"])
            except Exception:
                print(log.read_text()[-3000:], file=sys.stderr)  # what the app said
                raise


def run(args, base: str, db_url: str) -> None:
    devices = asyncio.run(trust_devices(base, db_url))
    print(f"application : {base} ({args.app_dir}), un processus ; {args.switches} changements d'onglet par palier")
    print("connexions simultanées | connexions/s | connexion p50/p95 ms | onglet p50 ms | onglet p95 ms | "
          "onglet max ms | limite")
    for logins in (int(value) for value in args.logins.split(",")):
        result = asyncio.run(level(base, devices, logins, args.switches))
        verdict = "tenu" if result["p95"] * 1000 < LIMIT_MS else "DÉPASSÉ"
        print(f"{logins:22d} | {result['rate']:12.1f} | {result['login_p50'] * 1000:8.0f} / "
              f"{result['login_p95'] * 1000:6.0f} | {result['p50'] * 1000:13.1f} | {result['p95'] * 1000:13.1f} | "
              f"{result['max'] * 1000:13.1f} | < {LIMIT_MS} ms : {verdict}"
              + (f" ; erreurs : {len(result['errors'])}" if result["errors"] else ""))
        sys.stdout.flush()


if __name__ == "__main__":
    main()
