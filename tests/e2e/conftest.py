"""One production build served for the whole run, one Chromium, a new context per test (phone by default).

The browser is Debian's `chromium` unless CAF_CHROMIUM names another executable (a Playwright build works).
"""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from datetime import datetime, timedelta, timezone
from email import message_from_bytes
from email.message import EmailMessage
from email.policy import default as default_policy
from pathlib import Path
from urllib.parse import urlencode

import pytest
import sqlalchemy
from aiosmtpd.controller import Controller
from playwright.sync_api import Browser, Error as PlaywrightError, Page, expect
from sqlmodel import Session as SqlSession, select

from caf_app import models as m, routes
from caf_app.services.identity import auth
from caf_app.settings import load_settings
from tests.chromium import DESKTOP, PHONE
from tests.personas import DEMO_PASSWORD, JONAS, Persona

ROOT = Path(__file__).resolve().parents[2]
# Every page of the route registry it marks as checked, the offline page, and the FALC screen of a declaration.
PUBLIC = [*routes.visited(routes.Space.PUBLIC), "/hors-ligne.html"]
PRIVATE = [*routes.visited(routes.Space.MON_COMPTE), routes.DECLARATION.of(declaration_slug="prime-activite")
           + "?version=facile"]

expect.set_options(timeout=15_000)


def pytest_collection_modifyitems(config, items):
    """CAF_E2E_REVERSE=1 runs the tests in reverse order: the tests that change the seeded database must use their
    own persona or restore what they change, so that they pass in any order."""
    if os.environ.get("CAF_E2E_REVERSE") == "1":
        items.reverse()


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_until_up(url: str, process: subprocess.Popen, log: Path, timeout: float = 300) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"the app stopped while starting:\n{log.read_text()[-4000:]}")
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.5)
    raise RuntimeError(f"the app did not answer {url} in {timeout} s:\n{log.read_text()[-4000:]}")


def stop(process: subprocess.Popen) -> None:
    """Stop the server and every process it started (its own process group)."""
    try:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=20)
    except ProcessLookupError:
        return
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)


class Mailbox:
    """A real SMTP server on localhost (aiosmtpd) that keeps what the app sends."""

    def __init__(self):
        self.messages: list[EmailMessage] = []

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 (aiosmtpd's hook name)
        self.messages.append(message_from_bytes(envelope.content, policy=default_policy))
        return "250 Message accepted for delivery"

    def code_after(self, count: int, subject: str, timeout: float = 20) -> str:
        """The 6-digit code of the first mail with `subject` among those received after the first `count`."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            for message in self.messages[count:]:
                if message["Subject"] == subject:
                    return re.search(r"\b(\d{6})\b", message.get_content()).group(1)
            time.sleep(0.05)
        raise AssertionError(f"no mail « {subject} »")

    def code_sent_to(self, address: str, timeout: float = 20, after: int = 0) -> str:
        """The 6-digit code of the last mail to `address` among those received after the first `after` (a code
        sent by a thread once the page has answered arrives after the page shows it: count before asking)."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            for message in reversed(self.messages[after:]):
                if message["To"] == address:
                    return re.search(r"\b(\d{6})\b", message.get_content()).group(1)
            time.sleep(0.1)
        raise AssertionError(f"no mail to {address}")


SERVER: dict = {}  # the app's database and secret, for log_in (base_url fills it)
MAILBOXES: list[Mailbox] = []  # the run's mailbox, for log_in (pages of any context)
# A device cookie per person, given by the first login of the run that answered the code: later logins of the
# same person are from "a device already seen", as on a phone used every day.
KNOWN_DEVICES: dict[str, dict] = {}
DEVICE_CODE_SUBJECT = "Code de connexion sur un nouvel appareil"


@pytest.fixture(scope="session")
def mailbox():
    box = Mailbox()
    MAILBOXES.append(box)
    controller = Controller(box, hostname="127.0.0.1", port=free_port())
    controller.start()
    box.port = controller.port
    yield box
    controller.stop()


@pytest.fixture(scope="session")
def app_port() -> int:
    return free_port()


@pytest.fixture(scope="session")
def oidc_provider(app_port, tmp_path_factory) -> dict[str, str]:
    """The FranceConnect+ stand-in (tests/oidc: panva's oidc-provider, configured as FC+ is), started for the run.
    Returns the app's FranceConnect+ settings pointing at it."""
    port = free_port()
    app = f"http://127.0.0.1:{app_port}"
    settings = {"CAF_FC_ISSUER": f"http://127.0.0.1:{port}/api/v2", "CAF_FC_CLIENT_ID": "caf-app-tests",
                "CAF_FC_CLIENT_SECRET": "un-secret-de-test-assez-long-0123456789",
                "CAF_FC_REDIRECT_URI": f"{app}/api/franceconnect/retour",
                "CAF_FC_POST_LOGOUT_URI": f"{app}/api/franceconnect/deconnexion"}
    log = tmp_path_factory.mktemp("oidc") / "provider.log"
    with log.open("w") as out:
        process = subprocess.Popen(
            ["node", str(ROOT / "tests" / "oidc" / "provider.mjs")], cwd=ROOT / "tests" / "oidc",
            env={**os.environ, "OIDC_PORT": str(port), "APP_URL": app, "CLIENT_ID": settings["CAF_FC_CLIENT_ID"],
                 "CLIENT_SECRET": settings["CAF_FC_CLIENT_SECRET"]},
            stdout=out, stderr=subprocess.STDOUT, start_new_session=True)
    try:
        wait_until_up(f"http://127.0.0.1:{port}/health", process, log, timeout=60)
        yield settings
    finally:
        stop(process)


@pytest.fixture(scope="session")
def app_env(tmp_path_factory, mailbox, oidc_provider, app_port, rules_url) -> dict[str, str]:
    data = tmp_path_factory.mktemp("data")
    env = {**os.environ, **oidc_provider, "CAF_OPENFISCA_URL": rules_url,
           "CAF_DATA_DIR": str(data), "CAF_ENV": "demo", "CAF_DEMO_OUTBOX": "1",
           # Passkeys need a domain (never an IP address): the passkey tests open the app at localhost.
           "CAF_WEBAUTHN_RP_ID": "localhost", "CAF_WEBAUTHN_ORIGIN": f"http://localhost:{app_port}",
           "CAF_SMTP_HOST": "127.0.0.1", "CAF_SMTP_PORT": str(mailbox.port),
           "REFLEX_DB_URL": os.environ.get("CAF_TEST_DB_URL") or f"sqlite:///{data / 'caf.db'}",
           "REFLEX_TELEMETRY_ENABLED": "false", "REFLEX_CHECK_LATEST_VERSION": "0", "REFLEX_USE_SYSTEM_BUN": "1",
           "PATH": f"{Path(sys.executable).parent}:{os.environ.get('PATH', '')}"}
    subprocess.run([sys.executable, "-m", "caf_app.migrations", "--seed-if-empty"], cwd=ROOT, env=env, check=True)
    return env


@pytest.fixture(scope="session")
def base_url(app_env, app_db, app_port, tmp_path_factory) -> str:
    SERVER.update(db=app_db, secret=load_settings(app_env).secret_key)
    port = app_port
    log = tmp_path_factory.mktemp("logs") / "app.log"
    with log.open("w") as out:
        process = subprocess.Popen(
            [sys.executable, "-m", "reflex", "run", "--env", "prod", "--single-port",
             "--frontend-port", str(port), "--backend-port", str(port)],
            cwd=ROOT, env=app_env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True)
    url = f"http://127.0.0.1:{port}"
    try:
        wait_until_up(f"{url}/ping", process, log)
        wait_until_up(f"{url}/", process, log)
        yield url
    finally:
        stop(process)
        server_log = log.read_text()
        assert "Traceback" not in server_log, server_log[-4000:]


@pytest.fixture(scope="session")
def app_db(app_env):
    """The app's own database, for tests that move the server's notion of time (session ages)."""
    engine = sqlalchemy.create_engine(app_env["REFLEX_DB_URL"])
    yield engine
    engine.dispose()


@pytest.fixture
def tables_kept(app_db):
    """`tables_kept("account", ...)` at the start of a test that changes the seeded database: once the test is over,
    those tables are as they were (rows changed or deleted put back, rows added deleted), so that every test finds
    the demo people as the seed made them, in any order. Name parent tables before the tables that refer to them.
    Keeping "trusteddevice" also keeps the device cookies the run remembers (KNOWN_DEVICES) as they were."""
    kept: list[tuple[sqlalchemy.Table, dict]] = []
    metadata = sqlalchemy.MetaData()
    devices = None

    def keep(*names: str) -> None:
        nonlocal devices
        if "trusteddevice" in names:
            devices = dict(KNOWN_DEVICES)
        with app_db.connect() as connection:
            for name in names:
                table = sqlalchemy.Table(name, metadata, autoload_with=connection)
                kept.append((table, {row.id: row._asdict() for row in connection.execute(sqlalchemy.select(table))}))

    yield keep
    with app_db.begin() as connection:
        for table, before in kept:  # parents first: a restored row may refer to a restored parent
            now = {row.id: row._asdict() for row in connection.execute(sqlalchemy.select(table))}
            for key, row in before.items():
                if key not in now:
                    connection.execute(sqlalchemy.insert(table).values(**row))
                elif now[key] != row:
                    connection.execute(sqlalchemy.update(table).where(table.c.id == key).values(**row))
        for table, before in reversed(kept):  # then the rows added, children first
            connection.execute(sqlalchemy.delete(table).where(table.c.id.not_in(list(before))))
    if devices is not None:
        KNOWN_DEVICES.clear()
        KNOWN_DEVICES.update(devices)


# What sending a document changes: the draft and its pages, the démarche and its documents, the piece it answers,
# the alert that goes with the last piece.
DOCUMENT_TABLES = ("demarche", "documentdraft", "draftdocument", "draftpage", "document", "piecedemandee", "alerte")
# What sending a declaration changes besides its row: its amounts, its démarche, the alert it resolves, the months
# "sans droit" it removes.
DECLARATION_TABLES = ("demarche", "declarationtrimestrielle", "declarationmontant", "alerte", "droit")


@pytest.fixture
def drafts_kept(tables_kept):
    """The declarations as they were, drafts and sent ones: the journey answers questions other tests ask afresh."""
    tables_kept(*DECLARATION_TABLES)


def in_seconds(seconds: float) -> datetime:
    """A time of the server's clock (naive UTC, as the database stores it), `seconds` from now."""
    return (datetime.now(timezone.utc) + timedelta(seconds=seconds)).replace(tzinfo=None)


def set_session(app_db, persona: Persona = JONAS, **columns) -> None:
    """Change the newest live session of `persona` (the one the test opened): the server's clock moved for it."""
    assignments = ", ".join(f"{name} = :{name}" for name in columns)
    with app_db.begin() as connection:
        newest = connection.execute(sqlalchemy.text(
            "SELECT usersession.id FROM usersession JOIN account ON account.id = usersession.account_id "
            "JOIN person ON person.id = account.person_id WHERE person.nir = :nir AND revoked_at IS NULL "
            "ORDER BY usersession.id DESC LIMIT 1"), {"nir": persona.nir}).scalar_one()
        connection.execute(sqlalchemy.text(f"UPDATE usersession SET {assignments} WHERE id = :id"),
                           {**columns, "id": newest})


class ConsoleErrors(list):
    """Console errors and uncaught exceptions of a page; the test fails on any at the end. A test that takes the
    browser offline sets `offline`: the failed reconnections the browser logs then are expected. A test that aborts
    requests itself sets `aborting`: the failed loads it caused are logged then, until the page is closed."""

    offline = False
    aborting = False

    def unexpected(self) -> list[str]:
        return [e for e in self if not (self.offline and "ERR_INTERNET_DISCONNECTED" in e)
                and not (self.aborting and "net::ERR_FAILED" in e)]


SETTLED = "() => !document.querySelector(\"main[data-ready='false']\")"


def _settling(page: Page, errors: ConsoleErrors):
    """page.goto, then wait until the app runs in the page (main[data-ready]): a person waits for the page to settle
    before tapping; a tap on the prerendered page would be lost or submit a form natively. Not when the test took
    the browser offline or aborts requests (the app then never starts), nor for a page without the app's main."""
    goto = page.goto

    def goto_and_settle(url: str, **kwargs):
        response = goto(url, **kwargs)
        if not (errors.offline or errors.aborting):
            try:
                page.wait_for_function(SETTLED, timeout=15_000)
            except PlaywrightError:  # a navigation meanwhile (a redirect): the test waits on what it expects
                pass
        return response

    return goto_and_settle


def _new_page(browser: Browser, base_url: str, options: dict):
    context = browser.new_context(base_url=base_url, **options)
    page = context.new_page()
    errors = ConsoleErrors()
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.console_errors = errors
    page.goto = _settling(page, errors)
    return context, page


@pytest.fixture
def page(browser, base_url) -> Page:
    context, page = _new_page(browser, base_url, PHONE)
    yield page
    context.close()
    assert page.console_errors.unexpected() == [], page.console_errors


@pytest.fixture
def desktop_page(browser, base_url) -> Page:
    context, page = _new_page(browser, base_url, DESKTOP)
    yield page
    context.close()
    assert page.console_errors.unexpected() == [], page.console_errors


def submit_login(page: Page, nir: str, password: str = DEMO_PASSWORD, *, then: str = "/mon-compte") -> None:
    """Fill in and send the Connexion form as a person would (on the device this person already used)."""
    if nir in KNOWN_DEVICES:
        page.context.add_cookies([KNOWN_DEVICES[nir]])
    page.goto(f"/connexion?suivant={then}")
    wait_until_ready(page)  # a tap on the prerendered form would be a native submit, or lost
    page.get_by_label("Numéro de Sécurité sociale").fill(nir)
    page.get_by_label("Mot de passe").fill(password)
    page.get_by_role("button", name="Se connecter", exact=True).click()


def log_in(page: Page, nir: str, password: str | None = None, *, then: str = "/mon-compte") -> None:
    """The person logged in on this page, which shows `then` (or the délégation question first, when it is due).
    With `password`: through the Connexion form, as she types it, with the code sent for a device not seen before
    (the tests of the form and of a new password). Without: the session her login with the demo password on a known
    device opens (auth.open_session, as the form's handler calls it), exchanged by this page for its cookie at
    /api/session/ouvrir: one page load instead of three, for the tests whose subject is not the login itself."""
    if password is not None:
        sent_before = len(MAILBOXES[0].messages)
        submit_login(page, nir, password, then=then)
        pass_device_check(page, nir, sent_before)
        return
    with SqlSession(SERVER["db"]) as session:
        account = session.exec(select(m.Account).join(m.Person, m.Person.id == m.Account.person_id)
                               .where(m.Person.nir == nir)).one()
        ticket = auth.open_session(session=session, account=account, secret=SERVER["secret"], ip="127.0.0.1",
                                   how="appareil connu").ticket
    page.goto(f"/api/session/ouvrir?{urlencode({'ticket': ticket, 'suivant': then})}")
    expect(page.get_by_role("heading", level=1)).not_to_have_text("Connexion")
    wait_until_ready(page)


def pass_device_check(page: Page, nir: str, sent_before: int) -> None:
    """After "Se connecter": the page asked for, or first the code of a new device (then remembered)."""
    code = page.get_by_label("Code reçu")
    landed = page.get_by_role("heading", level=1, name=re.compile("^(?!Connexion$)"))
    expect(code.or_(landed)).to_be_visible()
    if code.is_visible():
        code.fill(MAILBOXES[0].code_after(sent_before, DEVICE_CODE_SUBJECT))
        page.get_by_role("button", name="Valider").click()
        expect(landed).to_be_visible()
        device = [c for c in page.context.cookies() if c["name"] == "caf_appareil"]
        assert device and device[0]["httpOnly"], "the device is remembered by an HttpOnly cookie"
        KNOWN_DEVICES[nir] = device[0]
    expect(page.get_by_role("heading", level=1)).not_to_have_text("Connexion")
    wait_until_ready(page)


def wait_until_ready(page: Page) -> None:
    """The page on screen runs and its loaders answered (components/layout.py's main[data-ready]): a tap before
    that lands on the prerendered page and is lost, or submits its form natively."""
    expect(page.locator("main[data-ready='true']")).to_have_count(1)


def questions(page: Page):
    """The yes/no questions of a declaration screen (fieldsets of the main content, not the help toggles)."""
    return page.get_by_role("main").get_by_role("group").filter(has=page.get_by_label("Non", exact=True))


NUMBERS = {"un": 1, "deux": 2, "trois": 3, "quatre": 4, "cinq": 5, "six": 6, "sept": 7, "huit": 8, "neuf": 9}


def answer_security_check(page: Page) -> None:
    """The security check of Mot de passe oublié and Créer Mon Compte, answered by its accessible alternative, as
    a screen reader user would."""
    page.get_by_role("button", name="Je ne peux pas lire l'image").click()
    question = page.get_by_text(re.compile("^Combien font"))
    expect(question).to_be_visible()
    a, b = re.search(r"font (\w+) plus (\w+)", question.inner_text()).groups()
    page.get_by_label("Votre réponse").fill(str(NUMBERS[a] + NUMBERS[b]))
