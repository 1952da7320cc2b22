"""Lighthouse (mobile, its simulated Slow 4G and 4x slower processor) on every public page of the route registry,
served as in production: the recipe's nginx, precompressed files, the app instances behind.

    python bench/lighthouse.py                 # starts the recipe itself (a build, a few minutes)
    python bench/lighthouse.py --url http://127.0.0.1:8080 --runs 3
    python bench/lighthouse.py --pages /recherche,/prendre-rendez-vous   # a sample of the public pages
    python bench/lighthouse.py --as jonas      # logged in: Accueil, Mes allocations, Transmettre un document

Logged in (--as, a demo person): a session is opened on the recipe's database (the password, no second factor: the
benchmark measures the pages, not the login) and its cookie put in a Chromium the runs connect to (LoggedInChrome);
a run that lands anywhere but the page asked (Connexion: the session was not taken) is reported, not counted.
Prints, for each page, the Performance score (median of --runs), its LCP, TBT and CLS, whether it holds the
budget (score ≥ 95), and its Accessibility and Best practices scores (the lowest of the runs; bar 100); then the
machine's speed as Lighthouse measured it during the runs (its benchmarkIndex, lowest and highest): the simulated
processor ÷4 is relative to it, so TBT moves with it, and two days' scores compare only at a like index.
Lighthouse 12.2.3 comes from npm (bench/lighthouse/package-lock.json); Chromium is the system's (CAF_CHROMIUM or
`chromium`).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from caf_app import routes  # noqa: E402
from caf_app.deploy.supervised import Supervised  # noqa: E402

HERE = Path(__file__).resolve().parent / "lighthouse"
BUDGET = 95


def lighthouse() -> Path:
    tool = HERE / "node_modules" / ".bin" / "lighthouse"
    if not tool.exists():
        subprocess.run(["npm", "ci", "--no-audit", "--no-fund", "--loglevel=error"], cwd=HERE, check=True)
    return tool


def chromium() -> str:
    found = os.environ.get("CAF_CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")
    if not found:
        raise SystemExit("Chromium est nécessaire : apt-get install chromium, ou CAF_CHROMIUM=chemin")
    return found


def audit(tool: Path, url: str, chrome: LoggedInChrome | None = None, attempts: int = 3) -> dict | None:
    """One Lighthouse run, mobile (its default), performance only; Lighthouse sometimes fails to record a trace
    (NO_NAVSTART): tried again, None after `attempts`."""
    for _ in range(attempts):
        try:
            return _audit(tool, url, chrome)
        except RuntimeError as error:
            print(f"  ({error.args[0].splitlines()[0][:160]} ; nouvel essai)", file=sys.stderr)
    return None


class LoggedInChrome:
    """A Chromium of our own, its profile holding the session cookie (set through the DevTools protocol: the
    websocket, which checks the session, carries the browser's cookies, never Lighthouse's extra headers).
    Lighthouse connects to it (--port) and keeps its cookies (--disable-storage-reset); before each run the HTTP
    cache, the service worker and its caches are cleared, so that every run loads the page cold, as the others."""

    FLAGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"]

    def __init__(self, base: str, cookie: str):
        from playwright.sync_api import sync_playwright

        self.base, self.port = base, free_port()
        self.profile = tempfile.mkdtemp(prefix="caf-lighthouse-chrome-")
        self.process = subprocess.Popen([chromium(), *self.FLAGS, f"--remote-debugging-port={self.port}",
                                         f"--user-data-dir={self.profile}", "about:blank"],
                                        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        self.playwright = sync_playwright().start()
        for _ in range(100):
            try:
                self.browser = self.playwright.chromium.connect_over_cdp(f"http://127.0.0.1:{self.port}")
                break
            except Exception:  # not listening yet
                time.sleep(0.2)
        self.context = self.browser.contexts[0]
        name, _, value = cookie.partition("=")
        self.context.add_cookies([{"name": name, "value": value, "url": base, "httpOnly": True}])
        self.page = self.context.pages[0] if self.context.pages else self.context.new_page()

    def clear(self) -> None:
        session = self.context.new_cdp_session(self.page)
        session.send("Network.clearBrowserCache")
        session.send("Storage.clearDataForOrigin", {"origin": self.base,
                                                    "storageTypes": "service_workers,cache_storage"})
        session.detach()

    def stop(self) -> None:
        self.playwright.stop()
        self.process.terminate()
        self.process.wait(timeout=20)
        shutil.rmtree(self.profile, ignore_errors=True)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _audit(tool: Path, url: str, chrome: LoggedInChrome | None = None) -> dict:
    if chrome is not None:
        chrome.clear()
        where = [f"--port={chrome.port}", "--disable-storage-reset"]
    else:
        where = ["--chrome-flags=" + " ".join(LoggedInChrome.FLAGS)]
    result = subprocess.run(
        ["node", str(tool), url, "--only-categories=performance,accessibility,best-practices", "--output=json",
         "--output-path=stdout", "--quiet", *where],
        capture_output=True, text=True, timeout=300, env={**os.environ, "CHROME_PATH": chromium()})
    if result.returncode != 0:
        raise RuntimeError(f"lighthouse {url} : {result.stderr[-2000:]}")
    report = json.loads(result.stdout)
    landed = report.get("finalDisplayedUrl") or report.get("finalUrl") or url
    if landed.split("?")[0].rstrip("/") != url.split("?")[0].rstrip("/"):
        raise RuntimeError(f"la page a mené ailleurs : {landed}")
    audits = report["audits"]
    categories = report["categories"]
    return {"score": round(categories["performance"]["score"] * 100),
            "a11y": round(categories["accessibility"]["score"] * 100),
            "practices": round(categories["best-practices"]["score"] * 100),
            "lcp": audits["largest-contentful-paint"]["numericValue"],
            "tbt": audits["total-blocking-time"]["numericValue"],
            "cls": audits["cumulative-layout-shift"]["numericValue"],
            "speed": report.get("environment", {}).get("benchmarkIndex", 0)}


# The logged-in sample of issue 24, and the demo people it can be measured as.
LOGGED_IN = (routes.ACCUEIL, routes.ALLOCATIONS, routes.TRANSMETTRE)
PEOPLE = {"jonas": "1850375112042"}  # Jonas DUCHAIS (caf_app/seed.py), the demo allocataire of the README


def logged_in_cookie(supervised: Supervised | None, nir: str) -> str:
    """The Cookie header of a new live session of the demo person, opened on the recipe's database."""
    if supervised is None:
        raise SystemExit("--as ouvre la session dans la base de la recette : lancez sans --url")
    from sqlmodel import Session

    from caf_app.api.session import SESSION_COOKIE
    from caf_app.seed import DEMO_PASSWORD
    from caf_app.services.identity import auth
    from caf_app.settings import load_settings
    secret = load_settings({**os.environ, **supervised.recipe.app_env()}).secret_key
    with Session(supervised.engine) as session:
        ticket = auth.login(session=session, identifier=nir, password=DEMO_PASSWORD, provisional=False, secret=secret)
        token = auth.exchange_ticket(session=session, ticket=ticket.ticket, secret=secret)
    return f"{SESSION_COOKIE}={token}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--url", help="an already running recipe (nginx); else one is started here")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--pages", default="", help="addresses, comma-separated (default: every public page)")
    parser.add_argument("--as", dest="person", choices=sorted(PEOPLE), help="logged in as this demo person")
    args = parser.parse_args()
    sample = [address.strip() for address in args.pages.split(",") if address.strip()]
    if args.person and not sample:
        sample = [page.path for page in LOGGED_IN]
    tool = lighthouse()
    supervised = None
    if args.url:
        base = args.url.rstrip("/")
    else:
        supervised = Supervised.start(Path(tempfile.mkdtemp(prefix="caf-lighthouse-")), environment="demo")
        base = supervised.url
    chrome = None
    try:
        chrome = LoggedInChrome(base, logged_in_cookie(supervised, PEOPLE[args.person])) if args.person else None
        print(f"Lighthouse mobile (Slow 4G simulé, processeur ÷4), {args.runs} passages par page, via nginx : {base}"
              + (f", connecté : {args.person}" if args.person else ""))
        print("page                              | score | LCP ms | TBT ms |  CLS  | budget ≥ 95 | accessibilité | "
              "bonnes pratiques")
        speeds: list[float] = []
        for page in routes.PAGES:
            if page.space is not (routes.Space.MON_COMPTE if args.person else routes.Space.PUBLIC):
                continue
            for address in page.addresses:
                if sample and address not in sample:
                    continue
                runs = [run for run in (audit(tool, base + address, chrome) for _ in range(args.runs)) if run]
                speeds += [run["speed"] for run in runs if run["speed"]]
                if not runs:
                    print(f"{address:33s} | Lighthouse n'a pas pu mesurer la page")
                    continue
                middle = sorted(runs, key=lambda run: run["score"])[len(runs) // 2]
                score = statistics.median(run["score"] for run in runs)
                print(f"{address:33s} | {score:5.0f} | {middle['lcp']:6.0f} | {middle['tbt']:6.0f} | "
                      f"{middle['cls']:5.3f} | {'tenu' if score >= BUDGET else 'DÉPASSÉ':11s} | "
                      f"{min(run['a11y'] for run in runs):13d} | {min(run['practices'] for run in runs):3d}")
                sys.stdout.flush()
        if speeds:
            print(f"vitesse de la machine (benchmarkIndex de Lighthouse) : de {min(speeds):.0f} à {max(speeds):.0f}")
    finally:
        if chrome is not None:
            chrome.stop()
        if supervised is not None:
            supervised.stop()


if __name__ == "__main__":
    main()
