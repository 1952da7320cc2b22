"""One Playwright and one Chromium for the whole run, shared by the end-to-end tests (tests/e2e) and the
production recipe's (tests/production): the sync API allows one Playwright per thread."""

from __future__ import annotations

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
