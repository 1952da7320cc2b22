"""Connexion screen: remember-me, provisional identifier, tuteur page, hostile input in every field."""

import re

import pytest
from playwright.sync_api import expect

from tests.hostile import HOSTILE

from .conftest import log_in

UI_HOSTILE = [text for text in HOSTILE if text.strip() and text != "null"][:8]


def test_se_souvenir_de_moi_keeps_the_identifier_only(page):
    page.goto("/connexion")
    page.get_by_label("Numéro de Sécurité sociale").fill("1850375112042")
    page.get_by_label("Se souvenir de moi").check()
    page.get_by_label("Mot de passe").fill("Allocataire2026")
    page.get_by_role("button", name="Se connecter").click()
    expect(page.get_by_role("heading", level=1, name="Bonjour Jonas DUCHAIS")).to_be_visible()
    stored = page.evaluate("JSON.stringify(Object.assign({}, localStorage))")
    assert "1850375112042" in stored and "Allocataire2026" not in stored
    assert "caf_session" not in page.evaluate("document.cookie")  # HttpOnly: out of JavaScript's reach
    page.goto("/menu")
    page.get_by_role("button", name="Déconnexion").click()
    expect(page.get_by_label("Numéro de Sécurité sociale")).to_have_value("1850375112042")
    expect(page.get_by_label("Mot de passe")).to_have_value("")


def test_the_session_cookie_is_httponly_and_samesite_lax(page):
    log_in(page, "1850375112042")
    cookie = next(c for c in page.context.cookies() if c["name"] == "caf_session")
    assert cookie["httpOnly"] and cookie["sameSite"] == "Lax" and len(cookie["value"]) >= 32


def test_provisional_identifier_switch_and_retour(page):
    page.goto("/connexion")
    page.get_by_role("button", name="J'ai un identifiant provisoire").click()
    expect(page.get_by_label("Identifiant provisoire")).to_be_visible()
    expect(page.get_by_text("la lettre P suivie de 8 chiffres")).to_be_visible()
    page.get_by_role("button", name="Retour").click()
    expect(page.get_by_label("Numéro de Sécurité sociale")).to_be_visible()


def test_franceconnect_plus_is_shown_disabled_with_its_reason(page):
    page.goto("/connexion")
    button = page.get_by_role("button", name="S'identifier avec FranceConnect+")
    expect(button).to_be_disabled()
    expect(button).to_have_accessible_description(re.compile("pas encore disponible"))


def test_tuteur_page_offers_the_three_cases(page):
    page.goto("/connexion")
    page.get_by_role("link", name="Accéder à Mon Compte").click()
    expect(page.get_by_role("heading", level=1, name="Première connexion")).to_be_visible()
    for case in ("tuteur physique et vous avez déjà", "tuteur physique et vous n'avez pas", "tuteur moral"):
        expect(page.get_by_role("heading", name=re.compile(case))).to_be_visible()


@pytest.mark.parametrize("text", UI_HOSTILE)
def test_hostile_input_in_connexion_and_recovery_gets_a_french_message(page, text):
    page.on("dialog", lambda dialog: pytest.fail(f"a script ran: {dialog.message}"))
    page.goto("/connexion")
    page.get_by_label("Numéro de Sécurité sociale").fill(text)
    page.get_by_label("Mot de passe").fill(text)
    page.get_by_role("button", name="Se connecter").click()
    expect(page.locator("#identifiant-messages")).to_have_text(re.compile(r"\w"))
    page.goto("/mot-de-passe-oublie")
    page.get_by_label("Numéro de Sécurité sociale").fill(text)
    page.get_by_label("Nom de naissance").fill(text)
    page.get_by_label("Saisir les caractères ci-dessus").fill(text)
    page.get_by_role("button", name="Continuer").click()
    expect(page.locator("#verification-messages")).to_have_text(re.compile("ne correspondent pas"))


def test_the_demo_outbox_shows_what_was_sent_by_sms(page):
    page.goto("/dev/boite-d-envoi")
    expect(page.get_by_role("heading", level=1, name="Boîte d'envoi de démonstration")).to_be_visible()
    expect(page.get_by_text("Cette page n'existe pas en production.")).to_be_visible()
