"""The recipe while supervisord runs it: start it, wait for it, watch it and break it (the fault tests and the
load benchmark use this; an operator has supervisorctl)."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path

import sqlalchemy

from .postgres import free_port
from .recipe import Recipe


def get(url: str, timeout: float = 5) -> tuple[int, dict[str, str], bytes]:
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


class Supervised:
    def __init__(self, recipe: Recipe, process: subprocess.Popen):
        self.recipe, self.process = recipe, process
        self.url = f"http://127.0.0.1:{recipe.http_port}"
        self.engine = sqlalchemy.create_engine(recipe.database_url(), pool_pre_ping=True)

    @classmethod
    def start(cls, root: Path, *, workers: int = 1, log: Path | None = None, environment: str = "prod",
              extra_env: dict[str, str] | None = None, instances: int = 2, **options) -> Supervised:
        """The recipe on free ports in `root`, prepared and started; returns once nginx answers. In prod,
        extra_env gives what production requires (CAF_SECRET_KEY, the mail server, the SMS gateway)."""
        recipe = Recipe(root=root, http_port=free_port(), app_ports=tuple(free_port() for _ in range(instances)),
                        workers=workers, pg_port=free_port(), redis_port=free_port(), rules_port=free_port(),
                        environment=environment,
                        extra_env=dict(extra_env or {}), **options)
        recipe.prepare()
        with open(log or root / "supervisord-stdout.log", "wb") as output:
            process = subprocess.Popen(recipe.supervisord_command(), stdout=output, stderr=subprocess.STDOUT,
                                       start_new_session=True)
        running = cls(recipe, process)
        try:
            running.wait_ready()
        except BaseException:
            running.stop()
            raise
        return running

    def stop(self) -> None:
        self.engine.dispose()
        self.recipe.supervisorctl("shutdown")
        try:
            self.process.wait(timeout=60)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
        shutil.rmtree(self.recipe.pg_dir, ignore_errors=True)

    def status(self) -> dict[str, str]:
        lines = self.recipe.supervisorctl("status").stdout.splitlines()
        return {line.split()[0]: line.split()[1] for line in lines if line.strip()}

    def pid(self, program: str) -> int:
        return int(self.recipe.supervisorctl("pid", program).stdout.strip() or 0)

    def wait_until(self, check, what: str, timeout: float = 90) -> None:
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            try:
                if check():
                    return
            except OSError:
                pass
            time.sleep(0.25)
        raise AssertionError(f"{what}: pas avant {timeout} s ; {self.status()}")

    def instance_up(self, port: int) -> bool:
        return get(f"http://127.0.0.1:{port}/ping", timeout=2)[2] == b'"pong"'

    def wait_ready(self) -> None:
        programs = (1 + len(self.recipe.app_ports) + (not self.recipe.db_url) + (not self.recipe.redis_url)
                    + (not self.recipe.rules_url) + len(self.recipe.job_programs()))
        self.wait_until(lambda: len(self.status()) == programs
                        and all(state == "RUNNING" for state in self.status().values()), "tous les programmes")
        for port in self.recipe.app_ports:
            self.wait_until(lambda port=port: self.instance_up(port), f"l'instance du port {port}")
        self.wait_until(lambda: get(f"{self.url}/ping")[2] == b'"pong"', "nginx")

    def kill(self, program: str) -> int:
        """SIGKILL to the program and its workers (supervisord gives each program its own process group)."""
        pid = self.pid(program)
        if not pid:
            raise AssertionError(f"{program} ne tourne pas : {self.status()}")
        os.killpg(os.getpgid(pid), signal.SIGKILL)
        return pid

    def scalar(self, statement: str, **params):
        with self.engine.connect() as connection:
            return connection.execute(sqlalchemy.text(statement), params).scalar()
