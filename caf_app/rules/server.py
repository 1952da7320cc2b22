"""The OpenFisca-France service: its own virtualenv, its bundled Web API under gunicorn, started and warmed.

OpenFisca-France is AGPL-3.0 (https://github.com/openfisca/openfisca-france) and pins its own numpy and pytest:
it lives in a virtualenv of its own (.openfisca-venv, from caf_app/rules/requirements.txt) and runs as a separate
process that the app reaches over HTTP only.

    python -m caf_app.rules.server install            # the virtualenv (once; again when requirements.txt changes)
    python -m caf_app.rules.server serve --port 5011  # in the foreground (supervisord, make run)
    python -m caf_app.rules.server run -- CMD ...     # starts it, runs CMD with CAF_OPENFISCA_URL set, stops it

Measured here (2 cores): ready about 12 s after start with one worker; each worker's first computation about
3 s, which warm() does at start; then one household, every prestation, about 0.6 s.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import date
from pathlib import Path

import httpx

from ..settings import PROJECT_ROOT

REQUIREMENTS = Path(__file__).with_name("requirements.txt")


def venv() -> Path:
    return Path(os.environ.get("CAF_OPENFISCA_VENV") or PROJECT_ROOT / ".openfisca-venv")


def _stamp() -> Path:
    return venv() / ".installed"


def _wanted() -> str:
    return hashlib.sha256(REQUIREMENTS.read_bytes()).hexdigest()


def install() -> None:
    """Creates or updates the service's virtualenv; nothing to do when it matches requirements.txt."""
    if _stamp().exists() and _stamp().read_text() == _wanted():
        return
    python = venv() / "bin" / "python"
    if not python.exists():
        subprocess.run([sys.executable, "-m", "venv", str(venv())], check=True)
    subprocess.run([str(python), "-m", "pip", "install", "--quiet", "--upgrade", "pip"], check=True)
    subprocess.run([str(python), "-m", "pip", "install", "--quiet", "-r", str(REQUIREMENTS)], check=True)
    _stamp().write_text(_wanted())


def command(port: int, workers: int, host: str = "127.0.0.1") -> list[str]:
    return [str(venv() / "bin" / "openfisca"), "serve", "--country-package", "openfisca_france",
            "--bind", f"{host}:{port}", "--workers", str(workers), "--timeout", "120",
            "--graceful-timeout", "5", "--log-level", "warning"]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def warm_case() -> dict:
    """A small household asking every prestation: the first computation of a worker fills its caches (the housing
    zones, the parameters) and takes seconds; the people's come after."""
    from .. import clock
    from .catalogue import variables
    from .situation import Adulte, Foyer, add_household
    case: dict = {}
    today = clock.today()
    mois = f"{today.year:04d}-{today.month:02d}"
    add_household(case, "w", Foyer(mois, Adulte(date(1990, 1, 1), activite=1000_00), enfants=(date(2020, 1, 1),),
                                   loyer=500_00, commune="75056"), variables())
    return case


def wait_ready(url: str, *, timeout: float = 180.0, process: subprocess.Popen | None = None) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process is not None and process.poll() is not None:
            raise RuntimeError(f"le service de calcul s'est arrêté (code {process.returncode})")
        try:
            if httpx.get(url + "/spec", timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.5)
    raise RuntimeError(f"le service de calcul ne répond pas sur {url}")


def warm(url: str, workers: int) -> None:
    """One first computation per worker (sent together, so that each worker takes one)."""
    case = warm_case()
    with ThreadPoolExecutor(max_workers=workers) as pool:
        for response in pool.map(lambda _: httpx.post(url + "/calculate", json=case, timeout=120),
                                 range(workers)):
            response.raise_for_status()


class Service:
    """A service started by this process (tests, make run, make test), stopped with it."""

    def __init__(self, port: int | None = None, workers: int = 2, log: Path | None = None):
        self.port = port or free_port()
        self.workers = workers
        self.url = f"http://127.0.0.1:{self.port}"
        self.log = log
        self.process: subprocess.Popen | None = None

    def start(self) -> Service:
        install()
        out = open(self.log, "ab") if self.log else subprocess.DEVNULL  # noqa: SIM115 (kept while it runs)
        self.process = subprocess.Popen(command(self.port, self.workers), stdout=out, stderr=subprocess.STDOUT,
                                        start_new_session=True)
        return self

    def ready(self) -> Service:
        wait_ready(self.url, process=self.process)
        warm(self.url, self.workers)
        return self

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m caf_app.rules.server")
    sub = parser.add_subparsers(dest="action", required=True)
    sub.add_parser("install")
    serve = sub.add_parser("serve")
    serve.add_argument("--port", type=int, default=5011)
    serve.add_argument("--workers", type=int, default=int(os.environ.get("CAF_OPENFISCA_WORKERS", "2")))
    serve.add_argument("--host", default="127.0.0.1")
    run = sub.add_parser("run")
    run.add_argument("--workers", type=int, default=int(os.environ.get("CAF_OPENFISCA_WORKERS", "2")))
    run.add_argument("--port", type=int, default=0)
    run.add_argument("cmd", nargs=argparse.REMAINDER)
    args = parser.parse_args(argv)
    if args.action == "install":
        install()
        return 0
    if args.action == "serve":
        install()
        os.execv(command(args.port, args.workers, args.host)[0], command(args.port, args.workers, args.host))
    cmd = args.cmd[1:] if args.cmd[:1] == ["--"] else args.cmd
    service = Service(args.port or None, args.workers).start()
    threading.Thread(target=service.ready, daemon=True).start()
    try:
        os.environ["CAF_OPENFISCA_URL"] = service.url
        # The command starts at once (a build, a lint) while the service loads and warms beside it; the tests'
        # fixture waits for it (tests/conftest.py: rules_service).
        return subprocess.call(cmd)
    finally:
        service.stop()


if __name__ == "__main__":
    sys.exit(main())
