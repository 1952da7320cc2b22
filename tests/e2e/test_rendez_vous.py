"""Rendez-vous (issue 22, point 4), as a visitor on a phone: from Ma Caf 92, book a slot at the accueil with a
name, a mail and a phone; the confirmation arrives by mail (SMTP) with its .ics and the link to manage it; through
that link, move it to another slot, then cancel it: a mail each time."""

from __future__ import annotations

import re
import time

import pytest
from playwright.sync_api import expect

from caf_app import routes

from .conftest import MAILBOXES, wait_until_ready

MAIL = "lea.martin@exemple.fr"


@pytest.fixture
def rendez_vous_kept(tables_kept):
    tables_kept("creneau", "rendezvous")


def mail_to(subject: str, after: int, timeout: float = 20):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        for message in MAILBOXES[0].messages[after:]:
            if message["To"] == MAIL and message["Subject"] == subject:
                return message
        time.sleep(0.1)
    raise AssertionError(f"no mail « {subject} »")


def test_a_visitor_books_from_ma_caf_gets_the_mail_then_moves_and_cancels(page, rendez_vous_kept):
    page.goto(routes.MA_CAF_PAGES["92"].path)
    page.get_by_role("link", name="Prendre rendez-vous").click()
    expect(page.get_by_role("heading", level=1, name="Prendre rendez-vous")).to_be_visible()
    wait_until_ready(page)
    expect(page.get_by_label("Votre Caf", exact=True)).to_have_value(re.compile(r"\d+"))  # Caf 92, chosen by the link
    page.get_by_role("button", name="Voir les créneaux libres").click()
    expect(page.locator("#motif-messages")).to_contain_text("Choisissez le motif")
    page.get_by_label("Mon aide au logement").check()
    page.get_by_label("À l'accueil de votre Caf").check()
    page.get_by_role("button", name="Voir les créneaux libres").click()
    expect(page.get_by_role("heading", level=2, name="Choisissez votre créneau")).to_be_visible()
    slots = page.get_by_role("group", name="Choisissez un créneau").get_by_role("radio")
    first = page.locator(f"label[for='{slots.first.get_attribute('id')}']").inner_text()
    slots.first.check()
    page.get_by_label("Nom", exact=True).fill("Martin")
    page.get_by_label("Prénom", exact=True).fill("Léa")
    page.get_by_label("Adresse électronique").fill("lea.martin@")
    page.get_by_label("Téléphone").fill("01 23 45 67 89")
    page.get_by_role("button", name="Confirmer le rendez-vous").click()
    expect(page.get_by_label("Adresse électronique")).to_have_attribute("aria-invalid", "true")
    expect(page.get_by_label("Nom", exact=True)).to_have_value("Martin")  # nothing typed is lost
    page.get_by_label("Adresse électronique").fill(MAIL)
    sent = len(MAILBOXES[0].messages)
    page.get_by_role("button", name="Confirmer le rendez-vous").click()
    expect(page.get_by_role("heading", level=2, name="Votre rendez-vous est confirmé")).to_be_visible()
    expect(page.get_by_text(first.split("·")[0].strip(), exact=True)).to_be_visible()

    confirmation = mail_to("Votre rendez-vous avec la Caf est confirmé", sent)
    body = confirmation.get_body(preferencelist=("plain",)).get_content()
    [ics] = [part for part in confirmation.iter_attachments() if part.get_filename() == "rendez-vous.ics"]
    assert ics.get_content_type() == "text/calendar" and b"BEGIN:VEVENT" in ics.get_payload(decode=True)
    link = re.search(r"/mon-rendez-vous\?jeton=[\w-]+", body).group(0)

    page.goto(link)
    expect(page.get_by_role("heading", level=2, name="Votre rendez-vous")).to_be_visible()
    wait_until_ready(page)
    page.get_by_role("button", name="Changer de créneau").click()
    choices = page.get_by_role("group", name="Choisissez un créneau").get_by_role("radio")
    expect(choices.first).to_be_visible()
    choices.nth(1).check()
    sent = len(MAILBOXES[0].messages)
    page.get_by_role("button", name="Déplacer à ce créneau").click()
    expect(page.get_by_role("status").filter(has_text="Votre rendez-vous est déplacé")).to_be_visible()
    mail_to("Votre rendez-vous avec la Caf a changé", sent)
    page.get_by_role("button", name="Annuler le rendez-vous").click()
    expect(page.get_by_role("heading", level=2, name="Rendez-vous annulé")).to_be_visible()
    mail_to("Votre rendez-vous avec la Caf est annulé", sent)
