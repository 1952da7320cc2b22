"""Connexion screen: remember-me, provisional identifier, tuteur page, hostile input in every field."""

import re

import pytest
from playwright.sync_api import expect

from caf_app.domain.names import mask_email
from tests.hostile import HOSTILE
from tests.personas import ANTOINE, ELISE, JONAS

from .conftest import DEVICE_CODE_SUBJECT, MAILBOXES, log_in, pass_device_check, submit_login, wait_until_ready

UI_HOSTILE = [text for text in HOSTILE if text.strip() and text != "null"][:8]


def test_se_souvenir_de_moi_keeps_the_identifier_only(page):
    page.goto("/connexion")
    sent_before = len(MAILBOXES[0].messages)
    page.get_by_label("Numéro de Sécurité sociale").fill(JONAS.nir)
    page.get_by_label("Se souvenir de moi").check()
    page.get_by_label("Mot de passe").fill("Allocataire2026")
    page.get_by_role("button", name="Se connecter", exact=True).click()
    pass_device_check(page, JONAS.nir, sent_before)
    expect(page.get_by_role("heading", level=1, name="Bonjour Jonas DUCHAIS")).to_be_visible()
    stored = page.evaluate("JSON.stringify(Object.assign({}, localStorage))")
    assert JONAS.nir in stored and "Allocataire2026" not in stored
    assert "caf_session" not in page.evaluate("document.cookie")  # HttpOnly: out of JavaScript's reach
    page.goto("/menu")
    page.get_by_role("button", name="Déconnexion").click()
    expect(page.get_by_label("Numéro de Sécurité sociale")).to_have_value(JONAS.nir)
    expect(page.get_by_label("Mot de passe")).to_have_value("")


def test_the_session_cookie_is_httponly_and_samesite_lax(page):
    log_in(page, JONAS.nir)
    cookie = next(c for c in page.context.cookies() if c["name"] == "caf_session")
    assert cookie["httpOnly"] and cookie["sameSite"] == "Lax" and len(cookie["value"]) >= 32


def test_provisional_identifier_switch_and_retour(page):
    page.goto("/connexion")
    page.get_by_role("button", name="J'ai un identifiant provisoire").click()
    expect(page.get_by_label("Identifiant provisoire")).to_be_visible()
    expect(page.get_by_text("la lettre P suivie de 8 chiffres")).to_be_visible()
    page.get_by_role("button", name="Retour").click()
    expect(page.get_by_label("Numéro de Sécurité sociale")).to_be_visible()


def test_franceconnect_plus_is_offered_with_its_explanation(page):
    page.goto("/connexion")
    expect(page.get_by_role("link", name="S'identifier avec FranceConnect+")).to_have_attribute(
        "href", "/api/franceconnect/connexion")
    page.get_by_text("Qu'est-ce que FranceConnect+ ?").click()
    expect(page.get_by_text("identité numérique d'un niveau de sécurité renforcé")).to_be_visible()


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
    wait_until_ready(page)
    page.get_by_label("Numéro de Sécurité sociale").fill(text)
    page.get_by_label("Mot de passe").fill(text)
    page.get_by_role("button", name="Se connecter", exact=True).click()
    expect(page.locator("#identifiant-messages")).to_have_text(re.compile(r"\w"))
    page.goto("/mot-de-passe-oublie")
    wait_until_ready(page)
    page.get_by_label("Numéro de Sécurité sociale").fill(text)
    page.get_by_label("Nom de naissance").fill(text)
    page.get_by_label("Saisir les caractères ci-dessus").fill(text)
    page.get_by_role("button", name="Continuer").click()
    expect(page.locator("#verification-messages")).to_have_text(re.compile("ne correspondent pas"))


def test_the_demo_outbox_shows_what_was_sent_by_sms(page):
    page.goto("/dev/boite-d-envoi")
    expect(page.get_by_role("heading", level=1, name="Boîte d'envoi de démonstration")).to_be_visible()
    expect(page.get_by_text(re.compile("jamais en production"))).to_be_visible()


def test_a_new_device_gives_a_code_once_then_is_remembered_until_removed(page):
    antoine = ANTOINE.nir
    mailbox = MAILBOXES[0]
    sent_before = len(mailbox.messages)
    page.goto("/connexion")
    page.get_by_label("Numéro de Sécurité sociale").fill(antoine)
    page.get_by_label("Mot de passe").fill("Allocataire2026")
    page.get_by_role("button", name="Se connecter", exact=True).click()
    expect(page.get_by_role("heading", name="Confirmer qu'il s'agit bien de vous")).to_be_visible()
    expect(page.get_by_text(mask_email("antoine.lambert@example.fr"))).to_be_visible()
    code = mailbox.code_after(sent_before, DEVICE_CODE_SUBJECT)
    page.reload()  # the person went to read the mail: the step is still there
    field = page.get_by_label("Code reçu")
    expect(field).to_be_visible()
    field.fill("000000" if code != "000000" else "111111")
    page.get_by_role("button", name="Valider").click()
    expect(page.locator("#code-messages")).to_contain_text("Code incorrect. Il vous reste 2 essais.")
    expect(field).to_be_focused()
    page.get_by_role("button", name="Renvoyer un code").click()
    expect(page.locator("#code-messages")).to_contain_text("Vous pourrez en demander un autre dans")
    field.fill(code)
    page.get_by_role("button", name="Valider").click()
    expect(page.get_by_role("heading", level=1, name="Bonjour Antoine LAMBERT")).to_be_visible()
    device = next(c for c in page.context.cookies() if c["name"] == "caf_appareil")
    assert device["httpOnly"] and device["sameSite"] == "Lax"

    page.goto("/gerer-mon-compte")
    devices = page.get_by_role("region", name="Mes appareils reconnus").get_by_role("listitem")
    expect(devices).to_have_count(1)
    page.goto("/menu")
    page.get_by_role("button", name="Déconnexion").click()
    expect(page.get_by_role("status").filter(has_text="Vous êtes déconnecté(e).")).to_be_visible()
    submit_login(page, antoine)  # the same browser: no code
    expect(page.get_by_role("heading", level=1, name="Bonjour Antoine LAMBERT")).to_be_visible()

    page.goto("/gerer-mon-compte")
    devices.get_by_role("button", name=re.compile("^Retirer")).click()
    expect(page.get_by_role("status").filter(has_text="n'est plus reconnu")).to_be_visible()
    expect(devices).to_have_count(0)
    page.goto("/menu")
    page.get_by_role("button", name="Déconnexion").click()
    expect(page.get_by_role("status").filter(has_text="Vous êtes déconnecté(e).")).to_be_visible()
    submit_login(page, antoine)
    expect(page.get_by_role("heading", name="Confirmer qu'il s'agit bien de vous")).to_be_visible()


def test_two_people_sharing_a_tablet_are_each_asked_for_a_code_once(page):
    """Elise, then Jonas, each give a device code on the same browser; Elise comes back: no code asked."""
    def login_with_code(nir: str, name: str) -> None:
        sent_before = len(MAILBOXES[0].messages)
        page.goto("/connexion")
        page.get_by_label("Numéro de Sécurité sociale").fill(nir)
        page.get_by_label("Mot de passe").fill("Allocataire2026")
        page.get_by_role("button", name="Se connecter", exact=True).click()
        page.get_by_label("Code reçu").fill(MAILBOXES[0].code_after(sent_before, DEVICE_CODE_SUBJECT))
        page.get_by_role("button", name="Valider").click()
        expect(page.get_by_role("heading", level=1, name=f"Bonjour {name}")).to_be_visible()
        page.goto("/menu")
        page.get_by_role("button", name="Déconnexion").click()
        expect(page.get_by_role("status").filter(has_text="Vous êtes déconnecté(e).")).to_be_visible()

    login_with_code(ELISE.nir, "Elise")
    login_with_code(JONAS.nir, "Jonas DUCHAIS")
    page.get_by_label("Numéro de Sécurité sociale").fill(ELISE.nir)
    page.get_by_label("Mot de passe").fill("Allocataire2026")
    page.get_by_role("button", name="Se connecter", exact=True).click()
    expect(page.get_by_role("heading", level=1, name=re.compile("^Bonjour Elise"))).to_be_visible()
    expect(page.get_by_label("Code reçu")).to_have_count(0)


def test_connexion_links_to_informatique_et_libertes_and_the_security_guide(page):
    """Issue 21, point 4: the seed's two sentences under the form, each leading to a real page."""
    page.goto("/connexion")
    page.get_by_role("link", name="Informatique et libertés").click()
    expect(page.get_by_role("heading", level=1, name="Informatique et libertés")).to_be_visible()
    expect(page.get_by_role("heading", name="Vos droits")).to_be_visible()
    page.goto("/connexion")
    page.get_by_role("link", name="suivez le guide").click()
    expect(page.get_by_role("heading", level=1, name="Conseils de sécurité")).to_be_visible()
    expect(page.get_by_text(re.compile("Votre mot de passe, ni un code reçu"))).to_be_visible()
