"""The browser of the tests: Debian's Chromium unless CAF_CHROMIUM names another executable (a Playwright build
works), the flags this closed machine needs, and the two viewports."""

from __future__ import annotations

import os
import shutil

import pytest

PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True,
         "device_scale_factor": 2, "locale": "fr-FR"}
DESKTOP = {"viewport": {"width": 1280, "height": 900}, "locale": "fr-FR"}
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]


def chromium_path() -> str:
    executable = os.environ.get("CAF_CHROMIUM") or shutil.which("chromium")
    if not executable:
        pytest.fail("Chromium introuvable : installez le paquet 'chromium' ou indiquez CAF_CHROMIUM.")
    return executable
