"""One Playwright and one Chromium for the whole run, shared by the end-to-end tests (tests/e2e) and the
production recipe's (tests/production): the sync API allows one Playwright per thread. One OpenFisca-France
service for the whole run too (rules_url)."""

from __future__ import annotations

import os

import pytest
from playwright.sync_api import Browser, sync_playwright

from tests.chromium import CHROMIUM_ARGS, chromium_path


@pytest.fixture(scope="session")
def playwright():
    with sync_playwright() as instance:
        yield instance


@pytest.fixture(scope="session")
def browser(playwright) -> Browser:
    browser = playwright.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
    yield browser
    browser.close()


@pytest.fixture(scope="session")
def rules_url() -> str:
    """The OpenFisca-France service. `make test` starts one for the whole run (python -m caf_app.rules.server run)
    and says where in CAF_OPENFISCA_URL; a test run on its own starts its own here, stopped at the end."""
    from caf_app.rules import server
    url = os.environ.get("CAF_OPENFISCA_URL")
    if url:
        server.wait_ready(url)
        yield url
        return
    service = server.Service(workers=1).start()
    try:
        service.ready()
        os.environ["CAF_OPENFISCA_URL"] = service.url
        from caf_app.settings import get_settings
        get_settings.cache_clear()
        yield service.url
    finally:
        os.environ.pop("CAF_OPENFISCA_URL", None)
        service.stop()
