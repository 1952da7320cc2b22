"""The production recipe (caf_app/deploy) started once for these tests, on free ports in a temporary folder:
nginx in front of two app instances with their state in Redis, PostgreSQL, all under supervisord. The tests
drive it with Playwright through nginx, and break it: an instance killed, the database stopped, Redis
restarted, an upload cut halfway."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from caf_app.deploy.supervised import Supervised
from tests.chromium import PHONE
from tests.e2e.conftest import DEMO_PASSWORD, DEVICE_CODE_SUBJECT


class Running(Supervised):
    def last_code(self, after: int) -> str:
        """The newest new-device code sent after message id `after` (the demo outbox)."""
        self.wait_until(lambda: (self.scalar("SELECT max(id) FROM outboxmessage WHERE subject = :s",
                                             s=DEVICE_CODE_SUBJECT) or 0) > after, "le code du nouvel appareil", 20)
        body = self.scalar("SELECT body FROM outboxmessage WHERE subject = :s ORDER BY id DESC LIMIT 1",
                           s=DEVICE_CODE_SUBJECT)
        return re.search(r"\b(\d{6})\b", body).group(1)


@pytest.fixture(scope="session")
def production(tmp_path_factory):
    running = Running.start(tmp_path_factory.mktemp("production"))
    try:
        yield running
    finally:
        running.stop()


@pytest.fixture
def page(browser, production) -> Page:
    """A phone through nginx. The pages come with nginx's Content Security Policy: nothing may break it (the
    faults themselves log network errors, which are expected here)."""
    context = browser.new_context(base_url=production.url, **PHONE)
    page = context.new_page()
    refused = []
    page.on("console", lambda message: refused.append(message.text)
            if message.type == "error" and ("Content Security Policy" in message.text or "Refused to" in message.text)
            else None)
    yield page
    context.close()
    assert refused == [], refused


def log_in(page: Page, production: Running, nir: str, then: str) -> None:
    """Connexion through nginx, with the code of a new device read from the outbox."""
    sent = production.scalar("SELECT coalesce(max(id), 0) FROM outboxmessage")
    page.goto(f"/connexion?suivant={then}")
    page.get_by_label("Numéro de Sécurité sociale").fill(nir)
    page.get_by_label("Mot de passe").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Se connecter", exact=True).click()
    page.get_by_label("Code reçu").fill(production.last_code(sent))
    page.get_by_role("button", name="Valider").click()
    expect(page.get_by_role("heading", level=1)).not_to_have_text("Connexion")
