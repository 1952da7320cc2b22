"""Settings read once from the environment.

Development and demo runs get generated secrets kept in the data directory; production refuses to start
without explicit ones.
"""

from __future__ import annotations

import functools
import os
import secrets
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

PROJECT_ROOT = Path(__file__).resolve().parent.parent
ENVIRONMENTS = ("dev", "demo", "prod")


class SettingsError(RuntimeError):
    """The environment is missing something production requires."""


def data_dir() -> Path:
    """Directory for runtime data (SQLite file, private files, generated dev secrets); git ignores it."""
    return Path(os.environ.get("CAF_DATA_DIR") or PROJECT_ROOT / "data").resolve()


def default_db_url() -> str:
    """The embedded database used when REFLEX_DB_URL is not set."""
    path = data_dir() / "caf.db"
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)  # the database and secrets: server only
    return f"sqlite:///{path}"


@dataclass(frozen=True)
class Settings:
    environment: str
    db_url: str
    private_dir: Path
    secret_key: str
    smtp_host: str
    smtp_port: int
    smtp_user: str
    smtp_password: str
    smtp_starttls: bool
    mail_sender: str
    data_dir: Path = PROJECT_ROOT / "data"
    # FranceConnect+ (OpenID Connect): off while the issuer or the client id is missing.
    fc_issuer: str = ""
    fc_client_id: str = ""
    fc_client_secret: str = ""
    fc_redirect_uri: str = ""
    fc_post_logout_uri: str = ""
    fc_acr: str = "eidas2"
    fc_keys: str = ""  # the app's private encryption keys, a JWK set (JSON); generated once outside prod
    # Passkeys (WebAuthn): the relying party's id (a domain, never an IP address) and the site's origin.
    webauthn_rp_id: str = ""
    webauthn_origin: str = ""
    # SMS through an HTTP gateway (POST JSON {"to", "text"} with a bearer token); empty: no SMS gateway.
    sms_url: str = ""
    sms_token: str = ""
    # /dev/boite-d-envoi: only when a local demonstration asks for it (make run), never in prod.
    outbox_page: bool = False
    # The address browsers use (its origin is the only one whose websocket and requests are accepted).
    public_url: str = ""
    # The OpenFisca-France Web API (its own process and virtualenv: caf_app/rules/server.py).
    openfisca_url: str = "http://127.0.0.1:5011"

    @property
    def passkeys_enabled(self) -> bool:
        return bool(self.webauthn_rp_id and self.webauthn_origin)

    @property
    def fc_enabled(self) -> bool:
        return bool(self.fc_issuer and self.fc_client_id)

    @property
    def is_production(self) -> bool:
        return self.environment == "prod"

    @property
    def uses_outbox(self) -> bool:
        """Mail goes to the database outbox when no SMTP server is configured (never in prod: refused at start)."""
        return not self.smtp_host

    @property
    def sms_uses_outbox(self) -> bool:
        """SMS go to the database outbox when no gateway is configured (never in prod: refused at start)."""
        return not self.sms_url

    @property
    def allowed_origins(self) -> tuple[str, ...]:
        return allowed_origins(public_url=self.public_url, webauthn_origin=self.webauthn_origin,
                               production=self.is_production)


LOOPBACK = ("localhost", "127.0.0.1")


def origin_of(url: str) -> str:
    """scheme://host[:port] of an address, "" when it is not one."""
    parts = urlsplit((url or "").strip())
    return f"{parts.scheme}://{parts.netloc}".lower() if parts.scheme in ("http", "https") and parts.netloc else ""


def allowed_origins(*, public_url: str, webauthn_origin: str, production: bool) -> tuple[str, ...]:
    """The origins whose pages may open the app's websocket and call it with the person's cookies: the public
    address; outside prod, the demo's (make run: http://localhost:3000) and the passkeys' origin. A loopback
    origin also stands for its twin (localhost and 127.0.0.1 are the same machine)."""
    origins = [origin_of(public_url)]
    if not production:
        origins += [origin_of(webauthn_origin), "http://localhost:3000"]
    twins = []
    for origin in filter(None, origins):
        parts = urlsplit(origin)
        twins.append(origin)
        if parts.hostname in LOOPBACK:
            other = LOOPBACK[1 - LOOPBACK.index(parts.hostname)]
            twins.append(f"{parts.scheme}://{other}" + (f":{parts.port}" if parts.port else ""))
    return tuple(dict.fromkeys(twins))


def cors_origins(env: dict[str, str] | None = None) -> tuple[str, ...]:
    """allowed_origins from the environment alone, for rxconfig (read before the settings are complete)."""
    env = dict(os.environ if env is None else env)
    production = env.get("CAF_ENV", "dev") == "prod"
    return allowed_origins(public_url=env.get("CAF_PUBLIC_URL") or env.get("REFLEX_API_URL", ""),
                           webauthn_origin=env.get("CAF_WEBAUTHN_ORIGIN",
                                                   "" if production else "http://localhost:3000"),
                           production=production)


def _dev_secret(path: Path) -> str:
    """A random secret generated once per data directory, for development and demo runs only. Several processes
    may start at once (test workers, two instances): the first file linked in place wins, and everyone reads it."""
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        draft = path.with_name(f".{path.name}.{os.getpid()}")
        draft.write_text(secrets.token_urlsafe(48))
        draft.chmod(0o600)
        try:
            os.link(draft, path)
        except FileExistsError:
            pass
        finally:
            draft.unlink()
    return path.read_text().strip()


def load_settings(env: dict[str, str] | None = None) -> Settings:
    """Build the settings from an environment mapping (os.environ by default)."""
    env = dict(os.environ if env is None else env)
    environment = env.get("CAF_ENV", "dev")
    if environment not in ENVIRONMENTS:
        raise SettingsError(f"CAF_ENV must be one of {ENVIRONMENTS}, not {environment!r}")
    base = Path(env.get("CAF_DATA_DIR") or PROJECT_ROOT / "data").resolve()
    secret = env.get("CAF_SECRET_KEY", "")
    if not secret:
        if environment == "prod":
            raise SettingsError("CAF_SECRET_KEY is required when CAF_ENV=prod")
        secret = _dev_secret(base / "dev-secret-key")
    elif len(secret) < 32:
        raise SettingsError("CAF_SECRET_KEY must be at least 32 characters long")
    outbox_page = env.get("CAF_DEMO_OUTBOX", "0") in ("1", "true", "yes")
    if environment == "prod":
        # Codes that log people in must reach them: no silent outbox in production.
        if outbox_page:
            raise SettingsError("CAF_DEMO_OUTBOX is for local demonstrations only, never with CAF_ENV=prod")
        if not env.get("CAF_SMTP_HOST"):
            raise SettingsError("CAF_SMTP_HOST (the mail server) is required when CAF_ENV=prod")
        if not env.get("CAF_SMS_URL"):
            raise SettingsError("CAF_SMS_URL (the SMS gateway) is required when CAF_ENV=prod")
    return Settings(
        environment=environment,
        db_url=env.get("REFLEX_DB_URL") or f"sqlite:///{base / 'caf.db'}",
        private_dir=Path(env.get("CAF_PRIVATE_DIR") or base / "private").resolve(),
        secret_key=secret,
        smtp_host=env.get("CAF_SMTP_HOST", ""),
        smtp_port=int(env.get("CAF_SMTP_PORT", "25")),
        smtp_user=env.get("CAF_SMTP_USER", ""),
        smtp_password=env.get("CAF_SMTP_PASSWORD", ""),
        smtp_starttls=env.get("CAF_SMTP_STARTTLS", "0") in ("1", "true", "yes"),
        mail_sender=env.get("CAF_MAIL_SENDER", "Mon Compte (démonstration) <ne-pas-repondre@example.fr>"),
        data_dir=base,
        fc_issuer=env.get("CAF_FC_ISSUER", "").rstrip("/"),
        fc_client_id=env.get("CAF_FC_CLIENT_ID", ""),
        fc_client_secret=env.get("CAF_FC_CLIENT_SECRET", ""),
        fc_redirect_uri=env.get("CAF_FC_REDIRECT_URI", ""),
        fc_post_logout_uri=env.get("CAF_FC_POST_LOGOUT_URI", ""),
        fc_acr=env.get("CAF_FC_ACR", "eidas2"),
        fc_keys=_fc_keys(env, environment, base),
        # Outside prod, the demo's own address (make run); in prod, nothing until it is set.
        webauthn_rp_id=env.get("CAF_WEBAUTHN_RP_ID", "" if environment == "prod" else "localhost"),
        webauthn_origin=env.get("CAF_WEBAUTHN_ORIGIN", "" if environment == "prod" else "http://localhost:3000"),
        sms_url=env.get("CAF_SMS_URL", ""),
        sms_token=env.get("CAF_SMS_TOKEN", ""),
        outbox_page=outbox_page,
        public_url=env.get("CAF_PUBLIC_URL") or env.get("REFLEX_API_URL", ""),
        openfisca_url=(env.get("CAF_OPENFISCA_URL") or "http://127.0.0.1:5011").rstrip("/"),
    )


def _fc_keys(env: dict[str, str], environment: str, base: Path) -> str:
    """The app's FranceConnect+ decryption keys: CAF_FC_KEYS (a private JWK set), required in prod when
    FranceConnect+ is configured; outside prod, an RSA key generated once in the data directory."""
    keys = env.get("CAF_FC_KEYS", "")
    if keys or not (env.get("CAF_FC_ISSUER") and env.get("CAF_FC_CLIENT_ID")):
        return keys
    if environment == "prod":
        raise SettingsError("CAF_FC_KEYS (the private JWK set of the app) is required with FranceConnect+ in prod")
    path = base / "fc-keys.json"
    if not path.exists():
        from .security.franceconnect import generate_keys
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        path.write_text(generate_keys())
        path.chmod(0o600)
    return path.read_text()


def origin_allowed(origin: str, settings: Settings | None = None) -> bool:
    """May a page of this origin act for the person whose cookies it sends? Only the service's own origins (an
    event from a tab opened without an Origin, which a browser never does, is refused too)."""
    return bool(origin) and origin.lower().rstrip("/") in (settings or get_settings()).allowed_origins


@functools.cache
def get_settings() -> Settings:
    """The process-wide settings, read once."""
    return load_settings()
