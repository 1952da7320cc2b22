"""The production recipe (caf_app/deploy) started once for these tests, on free ports in a temporary folder:
nginx in front of two app instances with their state in Redis, PostgreSQL, all under supervisord. The tests
drive it with Playwright through nginx, and break it: an instance killed, the database stopped, Redis
restarted, an upload cut halfway."""

from __future__ import annotations

import secrets

import pytest
from playwright.sync_api import Page, expect

from caf_app.deploy.supervised import Supervised
from tests.chromium import PHONE
from tests.e2e.conftest import DEMO_PASSWORD, DEVICE_CODE_SUBJECT
from tests.messaging import SmsGateway, SmtpInbox, six_digits, wait_for


class Running(Supervised):
    inbox: SmtpInbox
    sms: SmsGateway

    def sent(self) -> int:
        return len(self.inbox.messages) + len(self.sms.received)

    def last_code(self, after: int) -> str:
        """The newest new-device code sent (by mail or SMS) after the first `after` messages."""
        def found():
            mails = [m.get_content() for m in self.inbox.messages if m["Subject"] == DEVICE_CODE_SUBJECT]
            texts = [sms["text"] for sms in self.sms.received if "code de connexion" in sms["text"]]
            return six_digits((mails + texts)[-1]) if self.sent() > after and mails + texts else None
        return wait_for(found, "le code du nouvel appareil")


@pytest.fixture(scope="session")
def production(tmp_path_factory):
    """The recipe as production runs it (CAF_ENV=prod): a secret of its own, a real mail server and SMS gateway."""
    with SmtpInbox() as inbox, SmsGateway() as sms:
        running = Running.start(tmp_path_factory.mktemp("production"), extra_env={
            "CAF_SECRET_KEY": secrets.token_urlsafe(48), "CAF_SMTP_HOST": "127.0.0.1", "CAF_SMTP_PORT": str(inbox.port),
            "CAF_SMS_URL": sms.url, "CAF_SMS_TOKEN": sms.token})
        running.inbox, running.sms = inbox, sms
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
    """Connexion through nginx, with the code of a new device as the mail server or the SMS gateway received it."""
    sent = production.sent()
    page.goto(f"/connexion?suivant={then}")
    page.get_by_label("Numéro de Sécurité sociale").fill(nir)
    page.get_by_label("Mot de passe").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Se connecter", exact=True).click()
    page.get_by_label("Code reçu").fill(production.last_code(sent))
    page.get_by_role("button", name="Valider").click()
    expect(page.get_by_role("heading", level=1)).not_to_have_text("Connexion")
