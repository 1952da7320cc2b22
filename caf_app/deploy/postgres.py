"""A PostgreSQL server of the project's own, from Debian's binaries (initdb, pg_ctl, postgres).

Two uses: the tests' throw-away server (a new folder under /tmp, durability off, stopped and removed at the end;
one database migrated once serves as the template of a fresh database for each test), and the production
recipe's local server (a folder kept between runs, run in the foreground by the supervisor). initdb refuses
root: when run as root, everything runs as the postgres user."""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
from pathlib import Path

import sqlalchemy

MISSING = ("PostgreSQL est nécessaire : installez le paquet 'postgresql' (make test et make production le font), "
           "ou lancez les tests avec CAF_TEST_POSTGRES=0 pour SQLite seul.")
FAST = "-c fsync=off -c synchronous_commit=off -c full_page_writes=off"  # a throw-away database needs no durability


def bin_dir() -> Path | None:
    found = shutil.which("initdb")
    if found:
        return Path(found).parent
    candidates = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"),
                        key=lambda path: int(Path(path).parts[-3]))
    return Path(candidates[-1]).parent if candidates else None


def available() -> bool:
    return bin_dir() is not None


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def as_server_user(command: list[str]) -> list[str]:
    """The command as the postgres user when we are root (initdb and postgres refuse root)."""
    return ["runuser", "-u", "postgres", "--", *command] if os.geteuid() == 0 else command


class Server:
    def __init__(self, root: Path | None = None, port: int | None = None, *, durable: bool = False):
        self.bin = bin_dir()
        if self.bin is None:
            raise RuntimeError(MISSING)
        self.throw_away = root is None
        self.root = Path(tempfile.mkdtemp(prefix="caf-pg-")) if root is None else root
        self.root.mkdir(parents=True, exist_ok=True)
        self.port = port or free_port()
        self.durable = durable
        if os.geteuid() == 0:
            user = pwd.getpwnam("postgres")
            os.chown(self.root, user.pw_uid, user.pw_gid)
        self.count = 0

    @property
    def data(self) -> Path:
        return self.root / "data"

    def _run(self, *args: str) -> None:
        subprocess.run(as_server_user([str(self.bin / args[0]), *args[1:]]), check=True, stdout=subprocess.DEVNULL,
                       stderr=subprocess.PIPE, timeout=120)

    def options(self) -> str:
        return f"-p {self.port} -c listen_addresses=127.0.0.1 -k {self.root}" + ("" if self.durable else f" {FAST}")

    def init(self) -> None:
        """Create the cluster once (a kept folder is reused as it is)."""
        if not (self.data / "PG_VERSION").exists():
            self._run("initdb", "-D", str(self.data), "-U", "postgres", "--auth=trust", "-E", "UTF8",
                      "--locale=C.UTF-8")

    def foreground_command(self) -> list[str]:
        """The server in the foreground, for a supervisor."""
        return as_server_user([str(self.bin / "postgres"), "-D", str(self.data), *self.options().split()])

    def start(self) -> None:
        self.init()
        self._run("pg_ctl", "-D", str(self.data), "-o", self.options(), "-l", str(self.root / "server.log"), "-w",
                  "start")

    def url(self, database: str) -> str:
        return f"postgresql+psycopg://postgres@127.0.0.1:{self.port}/{database}"

    def _admin(self, statement: str) -> None:
        engine = sqlalchemy.create_engine(self.url("postgres"), isolation_level="AUTOCOMMIT")
        with engine.connect() as connection:
            connection.execute(sqlalchemy.text(statement))
        engine.dispose()

    def create(self, *, template: str | None = None, name: str | None = None) -> str:
        """A new empty (or copied from `template`) database; returns its name."""
        self.count += 1
        name = name or f"caf_{self.count}"
        self._admin(f"CREATE DATABASE {name}" + (f" TEMPLATE {template}" if template else ""))
        return name

    def exists(self, name: str) -> bool:
        engine = sqlalchemy.create_engine(self.url("postgres"))
        with engine.connect() as connection:
            found = connection.execute(sqlalchemy.text("SELECT 1 FROM pg_database WHERE datname = :name"),
                                       {"name": name}).first()
        engine.dispose()
        return found is not None

    def drop(self, name: str) -> None:
        self._admin(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")

    def stop(self) -> None:
        try:
            self._run("pg_ctl", "-D", str(self.data), "-m", "fast" if self.durable else "immediate", "-w", "stop")
        finally:
            if self.throw_away:
                shutil.rmtree(self.root, ignore_errors=True)
