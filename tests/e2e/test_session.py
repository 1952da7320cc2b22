"""Idle expiry: a warning two minutes before, "Prolonger ma session", then back to Connexion.

The test moves the server's clock for one session by editing that session's row (its absolute end and its
last activity) in the app's database; the browser keeps real time.
"""

import re

from playwright.sync_api import expect

from tests.personas import JONAS

from .conftest import in_seconds, log_in, set_session


def open_allocations(page):
    """Log in and wait until the page has loaded its data (its own check of the session is done)."""
    log_in(page, JONAS.nir, then="/allocations")
    expect(page.get_by_role("heading", name=re.compile(r"Mes droits (de |d')\S+ \d{4}"))).to_be_visible()


def test_warning_two_minutes_before_the_end_and_prolonger_ma_session(page, app_db):
    open_allocations(page)
    dialog = page.get_by_role("dialog", name="Votre session va bientôt expirer")
    set_session(app_db, expires_at=in_seconds(121))
    page.get_by_role("tab", name="Mes paiements").click()  # any event refreshes the countdown
    expect(dialog).to_be_visible()
    prolonger = dialog.get_by_role("button", name="Prolonger ma session")
    expect(prolonger).to_be_focused()
    set_session(app_db, expires_at=in_seconds(12 * 3600))
    prolonger.click()
    expect(dialog).to_be_hidden()
    expect(page.get_by_role("tab", name="Mes paiements")).to_be_focused()


def test_the_end_of_the_session_leads_back_to_connexion_with_the_reason(page, app_db):
    open_allocations(page)
    set_session(app_db, expires_at=in_seconds(3))
    page.get_by_role("tab", name="Mes paiements").click()
    expect(page.get_by_role("heading", level=1, name="Connexion")).to_be_visible(timeout=20_000)
    expect(page.get_by_role("status")).to_have_text(re.compile("Votre session a expiré"))
    page.goto("/allocations")
    expect(page.get_by_role("heading", level=1, name="Connexion")).to_be_visible()


def test_a_session_idle_for_30_minutes_is_refused_by_the_server_at_the_next_event(page, app_db):
    open_allocations(page)
    set_session(app_db, last_seen_at=in_seconds(-31 * 60))
    page.get_by_role("tab", name="Mes paiements").click()
    expect(page.get_by_role("heading", level=1, name="Connexion")).to_be_visible()
    expect(page.get_by_role("status")).to_have_text(re.compile("Votre session a expiré"))
