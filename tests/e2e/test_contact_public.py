"""Nous contacter, for everyone: a person with no dossier writes to the Caf (each wrong field says why next to it,
what is typed survives a reload, a double click sends once), the message waits in the queue of the Caf of the postal
code typed, and the agent's answer arrives by mail."""

from __future__ import annotations

import time

import sqlalchemy
from playwright.sync_api import Page, expect

from tests.chromium import DESKTOP

from .conftest import _new_page
from .test_accessibility import serious_violations
from .test_gestion import agent_login

MAIL = "lea.martin@exemple.fr"
HOSTILE = "<b>gras</b> <script>alert(1)</script> {{7*7}}"
TEXT = "Bonjour, je viens de m'installer et je voudrais savoir quelles aides demander. " + HOSTILE


def messages_of(app_db) -> list[tuple]:
    with app_db.connect() as connection:
        return connection.execute(sqlalchemy.text("SELECT email, postal_code, text FROM messagepublic")).all()


def test_a_non_allocataire_writes_and_the_answer_arrives_by_mail(desktop_page: Page, browser, base_url, app_db,
                                                                mailbox, tables_kept):
    tables_kept("messagepublic", "throttlecounter", "agentsession", "outboxmessage")
    page = desktop_page
    page.goto("/nous-contacter")
    expect(page.get_by_role("heading", level=1, name="Nous contacter")).to_be_visible()
    for words in ("3230", "Service gratuit et coût d'un appel local.", "3238",
                  "Service accessible du lundi au vendredi, de 9h à 16h30.", "0 969 32 52 52",
                  "Du lundi au vendredi de 9h à 19h30."):
        expect(page.get_by_text(words, exact=False).first).to_be_visible()

    # Wrong answers: each says why, next to its field.
    page.get_by_label("Nom", exact=True).fill("Martin")
    page.get_by_label("Prénom").fill("Léa")
    page.get_by_label("Adresse électronique", exact=True).fill(MAIL)
    page.get_by_label("Confirmez l'adresse électronique").fill("lea.martin@exemple.com")
    page.get_by_label("Téléphone (facultatif)").fill("12 34")
    page.get_by_label("Adresse", exact=True).fill("12 rue des Lilas")
    page.get_by_label("Code postal").fill("92000")
    page.get_by_role("button", name="Envoyer mon message").click()
    expect(page.locator("#courriel_confirmation-messages")).to_have_text(
        "Les deux adresses électroniques saisies ne sont pas identiques.")
    expect(page.locator("#telephone-messages")).to_have_text(
        "Saisissez un numéro de téléphone français de 10 chiffres, par exemple 01 23 45 67 89.")
    expect(page.locator("#message-messages")).to_have_text("Écrivez votre message (10 caractères au moins).")
    expect(page.locator(".error-summary")).to_be_visible()
    page.get_by_label("Votre message").fill("x" * 10_000)
    page.get_by_label("Confirmez l'adresse électronique").fill("pas-un-courriel")
    page.get_by_role("button", name="Envoyer mon message").click()
    expect(page.locator("#courriel_confirmation-messages")).to_have_text(
        "Saisissez une adresse électronique valide, par exemple nom@exemple.fr.")
    # 10 000 characters: the field keeps 4 000 (the server refuses more, tests/integration/test_contact_public.py).
    assert page.get_by_label("Votre message").evaluate("(field) => field.value.length") == 4000
    expect(page.locator("#message-messages")).to_have_text("")
    assert messages_of(app_db) == []

    # Nothing typed is lost on a reload.
    page.get_by_label("Confirmez l'adresse électronique").fill(MAIL)
    page.get_by_label("Téléphone (facultatif)").fill("01 23 45 67 89")
    page.get_by_label("Votre message").fill(TEXT)
    page.reload()
    expect(page.get_by_label("Votre message")).to_have_value(TEXT)
    expect(page.get_by_label("Confirmez l'adresse électronique")).to_have_value(MAIL)
    expect(page.get_by_label("Nom", exact=True)).to_have_value("Martin")

    # A double click sends once.
    page.get_by_role("button", name="Envoyer mon message").dblclick()
    expect(page.get_by_text("Votre message a bien été envoyé à la Caf des Hauts-de-Seine")).to_be_visible()
    page.reload()  # sent: the confirmation stays in the tab, and the next message starts empty
    expect(page.get_by_text("Votre message a bien été envoyé à la Caf des Hauts-de-Seine")).to_be_visible()
    page.get_by_role("button", name="Écrire un autre message").click()
    expect(page.get_by_label("Votre message")).to_have_value("")
    assert messages_of(app_db) == [(MAIL, "92000", TEXT)]

    # The message waits in the queue of the Caf des Hauts-de-Seine; the agent answers it.
    context, agent = _new_page(browser, base_url, DESKTOP)
    try:
        agent_login(agent, "agent.92")
        agent.get_by_label("Type").select_option(label="Messages de non-allocataires")
        agent.get_by_role("button", name="Filtrer").click()
        agent.get_by_role("link", name="Prendre : message de Léa Martin").click()
        expect(agent.get_by_role("heading", level=1, name="Message d'un non-allocataire")).to_be_visible()
        expect(agent.get_by_text(HOSTILE, exact=False)).to_be_visible()  # shown as text, never run
        assert agent.locator(".gestion b").count() == 0
        before = len(mailbox.messages)
        agent.get_by_label("Votre réponse (envoyée par courriel)").fill(
            "Bonjour, faites d'abord une simulation, puis votre demande en ligne.")
        agent.get_by_role("button", name="Envoyer la réponse").click()
        expect(agent.get_by_text("Réponse envoyée par courriel.")).to_be_visible()
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline and not [m for m in mailbox.messages[before:] if m["To"] == MAIL]:
            time.sleep(0.1)
        mail = next(m for m in mailbox.messages[before:] if m["To"] == MAIL)
        assert mail["Subject"].startswith("Réponse de la Caf des Hauts-de-Seine à votre message du ")
        assert "faites d'abord une simulation" in mail.get_content()
        agent.goto("/gestion")
        expect(agent.get_by_role("link", name="Prendre : message de Léa Martin")).to_have_count(0)
    finally:
        context.close()
    assert agent.console_errors.unexpected() == [], agent.console_errors


def test_the_form_with_its_errors_has_no_serious_violation_in_both_themes(page: Page):
    for contrast in (False, True):
        if contrast:
            page.add_init_script("localStorage.setItem('caf_contraste', 'eleve')")
        page.goto("/nous-contacter")
        page.get_by_label("Adresse électronique", exact=True).fill("pas-un-courriel")
        page.get_by_role("button", name="Envoyer mon message").click()
        expect(page.locator("#nom-messages")).to_have_text("Saisissez votre nom.")
        expect(page.locator(".error-summary")).to_be_visible()
        assert serious_violations(page) == [], contrast
