"""Load: simulated people over the app's real protocol (Socket.IO over a websocket, as the browser speaks it),
through the production recipe (nginx, two app instances, Redis, PostgreSQL), on this machine.

Each simulated person does what a person does, with think times: opens Connexion, logs in (NIR and password,
on a device already recognised), lands on Accueil, opens Allocations, the Mes paiements tab and a payment's
detail, downloads an attestation (PDF), opens Démarches, logs out; then starts again. An event's latency is the
time from sending it to receiving the change it makes (the tab, the opened payment, the page hydrated).

    python bench/load.py                       # starts the recipe itself; 100, 300 and 500 people, 60 s each
    python bench/load.py --users 500 --duration 120 --workers 2
    python bench/load.py --url http://127.0.0.1:8080 --db postgresql+psycopg://postgres@127.0.0.1:8132/caf

Prints, for each level: sessions held, events per second, p50/p95/p99 of an event's latency, errors, and the
share of a core the load generator itself used (it runs on the same two cores as the servers).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import random
import re
import statistics
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
SHOW = STATE + "allocations____allocations_state.show"
TOGGLE = STATE + "allocations____allocations_state.toggle"
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

    def __init__(self, base: str, cookies: dict[str, str]):
        self.base, self.cookies = base, cookies
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
        self.socket = await websockets.connect(url, additional_headers={"Cookie": cookie, "Origin": self.base},
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
    def __init__(self, base: str, devices: dict[str, str]):
        self.base, self.devices = base, devices
        self.latencies: dict[str, list[float]] = {}
        self.errors: Counter = Counter()
        self.open_tabs = 0
        self.journeys = 0
        self.stopping = False

    def record(self, kind: str, seconds: float) -> None:
        self.latencies.setdefault(kind, []).append(seconds)

    async def think(self) -> None:
        await asyncio.sleep(random.uniform(1.0, 3.0))

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


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))] if ordered else float("nan")


async def level(base: str, devices: dict[str, str], payments: dict[str, list[int]], users: int, duration: float,
                ramp: float) -> dict:
    run = Run(base, devices)
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
        cpu, wall = time.process_time(), time.perf_counter()
        held = []
        while time.perf_counter() - wall < duration:
            await asyncio.sleep(1)
            held.append(run.open_tabs)
        cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
        events = [value for values in run.latencies.values() for value in values]
        counted = {kind: list(values) for kind, values in run.latencies.items()}
        errors = Counter(run.errors)
        run.stopping = True
        await asyncio.wait(tasks, timeout=TIMEOUT + 10)
        for task in tasks:
            task.cancel()
    return {"users": users, "held": (min(held), statistics.median(held), max(held)), "events": len(events),
            "rate": len(events) / wall, "p50": percentile(events, 0.50), "p95": percentile(events, 0.95),
            "p99": percentile(events, 0.99), "errors": errors, "by_kind": counted, "generator_cpu": cpu / wall}


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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--users", default="100,300,500")
    parser.add_argument("--duration", type=float, default=60.0)
    parser.add_argument("--ramp", type=float, default=20.0)
    parser.add_argument("--workers", type=int, default=1, help="processes per app instance (the recipe has two)")
    parser.add_argument("--url", help="an already running recipe (nginx); else one is started here")
    parser.add_argument("--db", help="its database URL (for the first codes of the demo people)")
    args = parser.parse_args()
    supervised = None
    if args.url:
        base, db_url = args.url.rstrip("/"), args.db
    else:
        # A demo (codes read from its outbox), every simulated person on one address: nginx's per-address limits
        # are raised so that they measure the app, not the limit.
        supervised = Supervised.start(Path(tempfile.mkdtemp(prefix="caf-load-")), workers=args.workers,
                                      environment="demo", api_rate=10_000, upload_rate=1_000)
        base, db_url = supervised.url, supervised.recipe.database_url()
    try:
        devices = asyncio.run(trust_devices(base, db_url))
        payments = payments_of(db_url)
        print(f"recette : {base} (2 instances x {args.workers} processus), {args.duration:.0f} s mesurées par "
              f"palier après {args.ramp:.0f} s de montée ; pauses de 1 à 3 s entre deux actions")
        print("personnes | sessions tenues (min/méd/max) | événements/s | p50 ms | p95 ms | p99 ms | erreurs | "
              "générateur (part d'un cœur)")
        for users in (int(value) for value in args.users.split(",")):
            result = asyncio.run(level(base, devices, payments, users, args.duration, args.ramp))
            errors = sum(result["errors"].values())
            print(f"{users:9d} | {'/'.join(str(int(v)) for v in result['held']):>29} | {result['rate']:12.1f} | "
                  f"{result['p50'] * 1000:6.0f} | {result['p95'] * 1000:6.0f} | {result['p99'] * 1000:6.0f} | "
                  f"{errors:7d} | {result['generator_cpu']:.2f}")
            for kind, values in sorted(result["by_kind"].items()):
                print(f"          {kind:28s} n={len(values):5d}  p50={percentile(values, .5) * 1000:6.0f} ms  "
                      f"p95={percentile(values, .95) * 1000:6.0f} ms")
            for error, count in result["errors"].most_common(5):
                print(f"          erreur x{count}: {error}")
            sys.stdout.flush()
    finally:
        if supervised is not None:
            supervised.stop()


if __name__ == "__main__":
    main()
