"""Load: simulated people over the app's real protocol (Socket.IO over a websocket, as the browser speaks it),
through the production recipe (nginx, two app instances, Redis, PostgreSQL), on this machine.

Each simulated person does what a person does, with think times: opens Connexion, logs in (NIR and password,
on a device already recognised), lands on Accueil, opens Allocations, the Mes paiements tab and a payment's
detail, downloads an attestation (PDF), opens Démarches, logs out; then starts again. An event's latency is the
time from sending it to receiving the change it makes (the tab, the opened payment, the page hydrated).

    python bench/load.py                       # starts the recipe itself; the floor, then 100, 300 and 500 people
    python bench/load.py --users 0             # the floor and the app's single events only
    python bench/load.py --users 500 --duration 120 --workers 2
    python bench/load.py --url http://127.0.0.1:8080 --db postgresql+psycopg://postgres@127.0.0.1:8132/caf

First, the floor: the smallest Reflex app (bench/floor: one state, one trivial event) is started beside the
recipe, on the same Redis, one process, and 10 tabs send it events back to back with the same client; then the
app's own events are sent the same way to one app instance (one process): a public trivial event (Connexion's
« J'ai un identifiant provisoire »), a logged-in tab switch (« Mes paiements ») and opening a payment. Each is
printed with its events/s, p50, p95 and its ratio to the floor (the issue's goal: ≥ 0.6 for the logged-in ones).

Then, for each level of the journey mix: sessions held, events per second, p50/p95/p99 of an event's latency,
errors, and the share of a core the load generator itself used (it runs on the same two cores as the servers).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import re
import signal
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from collections import Counter
from pathlib import Path

import httpx
import sqlalchemy
import websockets

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from caf_app.deploy.postgres import free_port  # noqa: E402
from caf_app.deploy.supervised import Supervised  # noqa: E402

PASSWORD = "Allocataire2026"
PEOPLE = ["1850375112042", "2871175113057", "2900513055031", "1880213055118", "1920792050077", "2790492044016",
          "2910992024088"]
ROOT = "reflex___state____state"
STATE = ROOT + ".caf_app___state___"
HYDRATE = ROOT + ".hydrate_and_load"
ON_LOAD = ROOT + ".reflex___state____on_load_internal_state.on_load_internal"
SUBMIT = STATE + "connexion____connexion_state.submit"
CONFIRM = STATE + "connexion____connexion_state.confirm_code"
SHOW = STATE + "allocations____allocations_tabs.show"
PROVISIONAL = STATE + "connexion____connexion_state.toggle_provisional"
FLOOR_SHOW = ROOT + ".floor___floor____floor_state.show"
FLOOR_DIR = Path(__file__).resolve().parent / "floor"
TOGGLE = STATE + "allocations____allocations_tabs.toggle"
LOGOUT = STATE + "session____session_state.logout"
TIMEOUT = 20.0


class Failure(Exception):
    pass


def hydrated(message: dict) -> bool:
    return message.get("delta", {}).get(ROOT, {}).get("is_hydrated_rx_state_") is True


def has_var(name: str):
    def check(message: dict) -> bool:
        return any(name in values for values in message.get("delta", {}).values())
    return check


def script_with(text: str):
    def check(message: dict) -> bool:
        return any(text in str(event.get("payload", {}).get("javascript_code", ""))
                   for event in message.get("events", []))
    return check


def router(path: str) -> dict:
    pathname, _, query = path.partition("?")
    data = {"pathname": pathname, "asPath": path}
    if query:
        data["query"] = dict(part.split("=", 1) for part in query.split("&"))
    return data


class Tab:
    """One browser tab: a websocket with its token, the cookies of the page load, the server's messages."""

    def __init__(self, base: str, cookies: dict[str, str], origin: str | None = None):
        self.base, self.cookies, self.origin = base, cookies, origin or base
        self.messages: asyncio.Queue = asyncio.Queue()
        self.socket = None
        self.reader: asyncio.Task | None = None
        self.path = "/"

    async def open(self, path: str) -> float:
        """A page load: connect, hydrate (the hydrate rides in the CONNECT packet) and run the page's on_load."""
        self.path = path
        url = self.base.replace("http", "ws", 1) + f"/_event/?token={uuid.uuid4()}&EIO=4&transport=websocket"
        cookie = "; ".join(f"{name}={value}" for name, value in self.cookies.items())
        started = time.perf_counter()
        self.socket = await websockets.connect(url, additional_headers={"Cookie": cookie, "Origin": self.origin},
                                               max_size=2**22, open_timeout=TIMEOUT)
        handshake = await asyncio.wait_for(self.socket.recv(), TIMEOUT)
        if not handshake.startswith("0"):
            raise Failure("handshake")
        boot = {"event": {"name": HYDRATE, "payload": {}, "router_data": router(path)}}
        await self.socket.send("40/_event," + json.dumps(boot))
        self.reader = asyncio.create_task(self._read())
        await self._until(hydrated)
        return time.perf_counter() - started

    async def _read(self) -> None:
        try:
            async for frame in self.socket:
                if frame == "2":
                    await self.socket.send("3")
                elif frame.startswith("42/_event,"):
                    name, body = json.loads(frame[len("42/_event,"):])
                    if name == "event":
                        await self.messages.put(body)
        except websockets.ConnectionClosed:
            pass
        await self.messages.put(None)

    async def _until(self, check) -> dict:
        while True:
            message = await asyncio.wait_for(self.messages.get(), TIMEOUT)
            if message is None:
                raise Failure("websocket fermé")
            if check(message):
                return message

    async def event(self, name: str, payload: dict, check, path: str | None = None) -> tuple[float, dict]:
        while not self.messages.empty():  # what came before this event is not its answer
            if self.messages.get_nowait() is None:
                raise Failure("websocket fermé")
        if path:
            self.path = path
        started = time.perf_counter()
        body = {"name": name, "payload": payload, "router_data": router(self.path)}
        await self.socket.send("42/_event," + json.dumps(["event", body]))
        message = await self._until(check)
        return time.perf_counter() - started, message

    async def close(self) -> None:
        if self.socket is not None:
            await self.socket.close()
        if self.reader is not None:
            await asyncio.gather(self.reader, return_exceptions=True)


class Run:
    def __init__(self, base: str, devices: dict[str, str], think: tuple[float, float] = (1.0, 3.0)):
        self.base, self.devices, self.think_range = base, devices, think
        self.latencies: dict[str, list[float]] = {}
        self.errors: Counter = Counter()
        self.open_tabs = 0
        self.journeys = 0
        self.stopping = False

    def record(self, kind: str, seconds: float) -> None:
        self.latencies.setdefault(kind, []).append(seconds)

    async def think(self) -> None:
        await asyncio.sleep(random.uniform(*self.think_range))

    async def journey(self, http: httpx.AsyncClient, nir: str) -> None:
        # The device cookie of a recognised phone, and the browser binding cookie the server sets on a first visit.
        device = {"caf_appareil": self.devices[nir], "caf_navigateur": uuid.uuid4().hex}
        page = await http.get(self.base + "/connexion", headers={"Accept-Encoding": "gzip"})
        if page.status_code != 200:
            raise Failure(f"GET /connexion {page.status_code}")
        tab = Tab(self.base, device)
        self.open_tabs += 1
        try:
            self.record("ouvrir une page", await tab.open("/connexion?suivant=/mon-compte"))
            await self.think()
            seconds, message = await tab.event(SUBMIT, {"form": {"identifiant": nir, "mot_de_passe": PASSWORD,
                                                                 "se_souvenir": False}},
                                               script_with("/api/session/ouvrir?ticket="))
            self.record("se connecter", seconds)
            script = message["events"][0]["payload"]["javascript_code"]
            ticket = re.search(r"'(/api/session/ouvrir\?[^']+)'", script).group(1)
            opened = await http.get(self.base + ticket, cookies=device, headers={"Sec-Fetch-Site": "same-origin"})
            session = opened.cookies.get("caf_session")
            if not session:
                raise Failure(f"ticket {opened.status_code}")
        finally:
            await tab.close()
            self.open_tabs -= 1
        cookies = {**device, "caf_session": session}
        tab = Tab(self.base, cookies)
        self.open_tabs += 1
        try:
            self.record("ouvrir une page", await tab.open("/mon-compte"))
            await self.think()
            seconds, _ = await tab.event(ON_LOAD, {}, hydrated, path="/allocations")
            self.record("changer de page", seconds)
            await self.think()
            seconds, message = await tab.event(SHOW, {"tab": "paiements"}, has_var("tab_rx_state_"))
            self.record("changer d'onglet", seconds)
            await self.think()
            payment = random.choice(self.payments.get(nir) or [0])
            if payment:
                seconds, _ = await tab.event(TOGGLE, {"payment_id": payment}, has_var("opened_rx_state_"))
                self.record("ouvrir un paiement", seconds)
            await self.think()
            started = time.perf_counter()
            pdf = await http.get(self.base + "/api/documents/attestation-paiement", cookies=cookies,
                                 headers={"Sec-Fetch-Site": "same-origin"})
            if pdf.status_code != 200 or not pdf.content.startswith(b"%PDF"):
                raise Failure(f"attestation {pdf.status_code}")
            self.record("télécharger une attestation", time.perf_counter() - started)
            await self.think()
            seconds, _ = await tab.event(ON_LOAD, {}, hydrated, path="/demarches")
            self.record("changer de page", seconds)
            await self.think()
            seconds, message = await tab.event(LOGOUT, {}, script_with("/api/session/fermer"))
            self.record("se déconnecter", seconds)
            await http.get(self.base + "/api/session/fermer", cookies=cookies,
                           headers={"Sec-Fetch-Site": "same-origin"})
        finally:
            await tab.close()
            self.open_tabs -= 1
        self.journeys += 1

    async def person(self, http: httpx.AsyncClient, nir: str, delay: float) -> None:
        await asyncio.sleep(delay)
        while not self.stopping:
            try:
                await self.journey(http, nir)
            except (Failure, asyncio.TimeoutError, websockets.WebSocketException, httpx.HTTPError, OSError) as error:
                self.errors[type(error).__name__ + (f": {error}" if isinstance(error, Failure) else "")] += 1
                await asyncio.sleep(1)


def cpu_seconds(pid: int) -> float:
    """CPU time (user + system) of a supervised program and all its descendants: an app instance's workers,
    nginx's worker, PostgreSQL's backends (which leave the postmaster's process group)."""
    stats, tick = {}, os.sysconf("SC_CLK_TCK")
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            stats[int(entry.name)] = (int(fields[1]), (int(fields[11]) + int(fields[12])) / tick)  # ppid, cpu
    total, todo = 0.0, [pid]
    while todo:
        current = todo.pop()
        total += stats.get(current, (0, 0.0))[1]
        todo += [child for child, (parent, _) in stats.items() if parent == current]
    return total


def cpu_of(supervised) -> dict[str, float]:
    if supervised is None:
        return {}
    found = {}
    for program in supervised.status():
        pid = supervised.pid(program)
        if pid:
            found[program] = cpu_seconds(pid)
    return found


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))] if ordered else float("nan")


async def level(base: str, devices: dict[str, str], payments: dict[str, list[int]], users: int, duration: float,
                ramp: float, supervised=None, think: tuple[float, float] = (1.0, 3.0)) -> dict:
    run = Run(base, devices, think)
    run.payments = payments
    limits = httpx.Limits(max_connections=200, max_keepalive_connections=100)
    async with httpx.AsyncClient(limits=limits, timeout=TIMEOUT, follow_redirects=False) as http:
        tasks = [asyncio.create_task(run.person(http, PEOPLE[i % len(PEOPLE)], ramp * i / users))
                 for i in range(users)]
        await asyncio.sleep(ramp)
        # Steady state: what is counted.
        for values in run.latencies.values():
            values.clear()
        run.errors.clear()
        cpu, wall, servers = time.process_time(), time.perf_counter(), cpu_of(supervised)
        held = []
        while time.perf_counter() - wall < duration:
            await asyncio.sleep(1)
            held.append(run.open_tabs)
        cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
        servers = {name: (seconds - servers.get(name, 0.0)) / wall for name, seconds in cpu_of(supervised).items()}
        events = [value for values in run.latencies.values() for value in values]
        counted = {kind: list(values) for kind, values in run.latencies.items()}
        errors = Counter(run.errors)
        run.stopping = True
        await asyncio.wait(tasks, timeout=TIMEOUT + 10)
        for task in tasks:
            task.cancel()
    return {"users": users, "held": (min(held), statistics.median(held), max(held)), "events": len(events),
            "rate": len(events) / wall, "p50": percentile(events, 0.50), "p95": percentile(events, 0.95),
            "p99": percentile(events, 0.99), "logins": len(counted.get("se connecter", ())) / wall,
            "errors": errors, "by_kind": counted, "generator_cpu": cpu / wall,
            "servers": servers}


async def trust_devices(base: str, db_url: str) -> dict[str, str]:
    """Each demo person logs in once through the protocol, code from the outbox: the device cookie they get is
    what a person's phone keeps, so the measured logins skip the code as a recognised phone does."""
    engine = sqlalchemy.create_engine(db_url)
    devices = {}
    async with httpx.AsyncClient(timeout=TIMEOUT) as http:
        for nir in PEOPLE:
            browser = {"caf_navigateur": uuid.uuid4().hex}  # what the server sets on a first visit
            tab = Tab(base, browser)
            await tab.open("/connexion?suivant=/mon-compte")
            with engine.connect() as connection:
                before = connection.execute(sqlalchemy.text("SELECT coalesce(max(id), 0) FROM outboxmessage")).scalar()
            await tab.event(SUBMIT, {"form": {"identifiant": nir, "mot_de_passe": PASSWORD, "se_souvenir": False}},
                            has_var("code_step_rx_state_"))
            for _ in range(100):
                with engine.connect() as connection:
                    body = connection.execute(sqlalchemy.text("SELECT body FROM outboxmessage WHERE id > :id "
                                                              "ORDER BY id DESC LIMIT 1"), {"id": before}).scalar()
                if body:
                    break
                await asyncio.sleep(0.1)
            code = re.search(r"\b(\d{6})\b", body).group(1)
            _, message = await tab.event(CONFIRM, {"form": {"code": code}}, script_with("/api/session/ouvrir?ticket="))
            ticket = re.search(r"'(/api/session/ouvrir\?[^']+)'", message["events"][0]["payload"]["javascript_code"])
            opened = await http.get(base + ticket.group(1), cookies=browser, headers={"Sec-Fetch-Site": "same-origin"})
            devices[nir] = opened.cookies["caf_appareil"]
            await tab.close()
    engine.dispose()
    return devices


def payments_of(db_url: str) -> dict[str, list[int]]:
    engine = sqlalchemy.create_engine(db_url)
    with engine.connect() as connection:
        rows = connection.execute(sqlalchemy.text(
            "SELECT p.nir, pa.id FROM person p JOIN member m ON m.person_id = p.id "
            "JOIN paiement pa ON pa.dossier_id = m.dossier_id WHERE p.nir IS NOT NULL")).all()
    engine.dispose()
    found: dict[str, list[int]] = {}
    for nir, payment in rows:
        found.setdefault(nir, []).append(payment)
    return found


async def closed_loop(base: str, cookies: dict[str, str], path: str, events, seconds: float, tabs: int = 10,
                      origin: str | None = None) -> dict:
    """`tabs` tabs on `path`, each sending its next event as soon as the previous one's change arrived, for
    `seconds`; events(i) gives the i-th (name, payload, check) of a tab (alternating, so that each changes
    something). Returns events/s and the latency percentiles."""
    opened = [Tab(base, cookies, origin=origin) for _ in range(tabs)]
    await asyncio.gather(*(tab.open(path) for tab in opened))
    latencies: list[float] = []
    stop = time.perf_counter() + 1.0 + seconds

    async def run(tab: Tab) -> None:
        i = 0
        warm_until = time.perf_counter() + 1.0
        while time.perf_counter() < stop:
            name, payload, check = events(i)
            elapsed, _ = await tab.event(name, payload, check)
            if time.perf_counter() > warm_until:
                latencies.append(elapsed)
            i += 1

    await asyncio.gather(*(run(tab) for tab in opened))
    await asyncio.gather(*(tab.close() for tab in opened))
    return {"rate": len(latencies) / seconds, "p50": percentile(latencies, 0.5), "p95": percentile(latencies, 0.95)}


def start_floor(redis_url: str) -> tuple[subprocess.Popen, str]:
    """The floor app, backend only, one process, on the recipe's Redis (another database number)."""
    port = free_port()
    env = {**os.environ, "REFLEX_REDIS_URL": redis_url.rsplit("/", 1)[0] + "/3", "REFLEX_TELEMETRY_ENABLED": "false",
           "REFLEX_CHECK_LATEST_VERSION": "0", "GRANIAN_WORKERS": "1",
           "PATH": f"{Path(sys.executable).parent}:{os.environ.get('PATH', '')}"}
    process = subprocess.Popen([sys.executable, "-m", "reflex", "run", "--env", "prod", "--backend-only",
                                "--backend-host", "127.0.0.1", "--backend-port", str(port), "--loglevel", "warning"],
                               cwd=FLOOR_DIR, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT,
                               start_new_session=True)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 180
    while time.monotonic() < deadline:
        try:
            if httpx.get(url + "/ping", timeout=2).status_code == 200:
                return process, url
        except httpx.HTTPError:
            pass
        if process.poll() is not None:
            raise RuntimeError("l'application plancher (bench/floor) ne démarre pas")
        time.sleep(0.5)
    raise RuntimeError("l'application plancher (bench/floor) ne répond pas")


def stop_process(process: subprocess.Popen) -> None:
    try:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=20)
    except (ProcessLookupError, subprocess.TimeoutExpired):
        os.killpg(process.pid, signal.SIGKILL)


async def logged_in_cookies(base: str, instance: str, devices: dict[str, str], nir: str) -> dict[str, str]:
    """A session of a recognised phone, opened through the protocol (as a journey's login)."""
    device = {"caf_appareil": devices[nir], "caf_navigateur": uuid.uuid4().hex}
    tab = Tab(instance, device, origin=base)
    await tab.open("/connexion?suivant=/mon-compte")
    _, message = await tab.event(SUBMIT, {"form": {"identifiant": nir, "mot_de_passe": PASSWORD,
                                                   "se_souvenir": False}}, script_with("/api/session/ouvrir?ticket="))
    await tab.close()
    ticket = re.search(r"'(/api/session/ouvrir\?[^']+)'", message["events"][0]["payload"]["javascript_code"])
    async with httpx.AsyncClient(timeout=TIMEOUT) as http:
        opened = await http.get(base + ticket.group(1), cookies=device, headers={"Sec-Fetch-Site": "same-origin"})
    return {**device, "caf_session": opened.cookies["caf_session"]}


def floor_and_events(base: str, instance: str, redis_url: str, devices: dict[str, str],
                     payments: dict[str, list[int]], seconds: float) -> None:
    """The floor, then each of the app's event kinds beside it, with the ratio."""

    def measure_floor() -> dict:
        return asyncio.run(closed_loop(floor_url, {}, "/", lambda i: (
            FLOOR_SHOW, {"tab": ("paiements", "droits")[i % 2]}, has_var("tab_rx_state_")), seconds))

    nir = PEOPLE[0]
    cookies = asyncio.run(logged_in_cookies(base, instance, devices, nir))
    payment = (payments.get(nir) or [0])[0]
    kinds = {
        "public : identifiant provisoire": ({}, "/connexion", lambda i: (
            PROVISIONAL, {}, has_var("provisional_rx_state_"))),
        "connecté : changer d'onglet": (cookies, "/allocations", lambda i: (
            SHOW, {"tab": ("paiements", "droits")[i % 2]}, has_var("tab_rx_state_"))),
        "connecté : ouvrir un paiement": (cookies, "/allocations", lambda i: (
            TOGGLE, {"payment_id": payment}, has_var("opened_rx_state_"))),
    }
    process, floor_url = start_floor(redis_url)
    try:
        # The floor is measured before and after the app's events (the machine's other work shifts both), and the
        # ratio is taken to the mean of the two.
        before = measure_floor()
        results = {kind: asyncio.run(closed_loop(instance, kind_cookies, path, events, seconds, origin=base))
                   for kind, (kind_cookies, path, events) in kinds.items()}
        after = measure_floor()
    finally:
        stop_process(process)
    floor = (before["rate"] + after["rate"]) / 2
    print(f"plancher (Reflex minimal, 1 processus, 10 onglets, {seconds:.0f} s) : {floor:7.0f} événements/s "
          f"(avant {before['rate']:.0f}, après {after['rate']:.0f})  p50 {before['p50'] * 1000:5.1f} ms  "
          f"p95 {before['p95'] * 1000:5.1f} ms")
    print("événement de l'application (1 instance, 1 processus) | événements/s | p50 ms | p95 ms | part du plancher")
    for kind, result in results.items():
        print(f"{kind:52s} | {result['rate']:12.0f} | {result['p50'] * 1000:6.1f} | {result['p95'] * 1000:6.1f} | "
              f"{result['rate'] / floor:.2f}")
    sys.stdout.flush()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--users", default="100,300,500", help="levels of the journey mix (0: none)")
    parser.add_argument("--floor-seconds", type=float, default=10.0, help="each closed-loop measure (0: skip)")
    parser.add_argument("--duration", type=float, default=60.0)
    parser.add_argument("--ramp", type=float, default=20.0)
    parser.add_argument("--workers", type=int, default=1, help="processes per app instance")
    parser.add_argument("--instances", type=int, default=2, help="app instances behind nginx (the recipe has two)")
    parser.add_argument("--think", default="1,3", help="pause between two actions of a person, min,max seconds "
                        "(1,3: a stress mix, a login every 15 s per person; 5,15: closer to a real visit)")
    parser.add_argument("--url", help="an already running recipe (nginx); else one is started here")
    parser.add_argument("--db", help="its database URL (for the first codes of the demo people)")
    args = parser.parse_args()
    think = tuple(float(value) for value in args.think.split(","))
    supervised = None
    if args.url:
        base, db_url = args.url.rstrip("/"), args.db
    else:
        # A demo (codes read from its outbox), every simulated person on one address: nginx's per-address limits
        # are raised so that they measure the app, not the limit.
        journeys = any(int(value) for value in args.users.split(","))
        supervised = Supervised.start(Path(tempfile.mkdtemp(prefix="caf-load-")), workers=args.workers,
                                      environment="demo", api_rate=10_000, upload_rate=1_000, frontend=journeys,
                                      instances=args.instances)
        base, db_url = supervised.url, supervised.recipe.database_url()
    try:
        devices = asyncio.run(trust_devices(base, db_url))
        payments = payments_of(db_url)
        if args.floor_seconds and supervised is not None:
            instance = f"http://127.0.0.1:{supervised.recipe.app_ports[0]}"
            floor_and_events(base, instance, supervised.recipe.redis(), devices, payments, args.floor_seconds)
        print(f"recette : {base} ({args.instances} instance(s) x {args.workers} processus), {args.duration:.0f} s "
              f"mesurées par palier après {args.ramp:.0f} s de montée ; pauses de {think[0]:g} à {think[1]:g} s "
              "entre deux actions")
        print("personnes | sessions tenues (min/méd/max) | événements/s | connexions/s | p50 ms | p95 ms | p99 ms | "
              "erreurs | générateur (part d'un cœur)")
        for users in (int(value) for value in args.users.split(",") if int(value)):
            result = asyncio.run(level(base, devices, payments, users, args.duration, args.ramp, supervised, think))
            errors = sum(result["errors"].values())
            print(f"{users:9d} | {'/'.join(str(int(v)) for v in result['held']):>29} | {result['rate']:12.1f} | "
                  f"{result['logins']:12.1f} | "
                  f"{result['p50'] * 1000:6.0f} | {result['p95'] * 1000:6.0f} | {result['p99'] * 1000:6.0f} | "
                  f"{errors:7d} | {result['generator_cpu']:.2f}")
            for kind, values in sorted(result["by_kind"].items()):
                print(f"          {kind:28s} n={len(values):5d}  p50={percentile(values, .5) * 1000:6.0f} ms  "
                      f"p95={percentile(values, .95) * 1000:6.0f} ms")
            if result["servers"]:
                print("          part d'un cœur : " + ", ".join(f"{name} {share:.2f}" for name, share
                                                          in sorted(result["servers"].items())))
            for error, count in result["errors"].most_common(5):
                print(f"          erreur x{count}: {error}")
            sys.stdout.flush()
    finally:
        if supervised is not None:
            supervised.stop()


if __name__ == "__main__":
    main()
