"""Mot de passe oublié, from a locked account to logging in with the new password."""

import re

from playwright.sync_api import expect

from tests.personas import ANTOINE, ERIC, JONAS, UNKNOWN_NIR

from .conftest import answer_security_check, log_in, submit_login


def test_a_locked_account_recovers_its_password_by_mail_and_logs_in(page, mailbox, tables_kept):
    tables_kept("account", "trusteddevice")  # afterwards: Antoine's password as the seed made it, no device of his
    for _ in range(5):  # after 3 failures, an attempt that comes too soon is refused unchecked, and counts
        submit_login(page, ANTOINE.nir, "Mauvais2026xx")
        expect(page.get_by_role("alert")).to_contain_text(
            re.compile("Identifiant ou mot de passe incorrect|Trop de tentatives|bloquée pendant 15 minutes"))
    submit_login(page, ANTOINE.nir, "Allocataire2026")
    expect(page.get_by_role("alert")).to_contain_text("bloquée pendant 15 minutes")

    page.get_by_role("link", name="Mot de passe oublié ?").click()
    expect(page.get_by_role("heading", level=1, name="Mot de passe oublié")).to_be_visible()
    page.get_by_label("Numéro de Sécurité sociale").fill(ANTOINE.nir)
    page.get_by_label("Nom de naissance").fill("Lambert")
    answer_security_check(page)
    page.get_by_role("button", name="Continuer").click()

    main = page.get_by_role("main")
    expect(main).to_contain_text("Si les informations saisies correspondent à un compte Mon Compte")
    expect(main).not_to_contain_text("@")  # no contact shown, not even masked
    expect(main).not_to_contain_text("•")
    page.get_by_label("Par courriel").check()
    before = len(mailbox.messages)  # an earlier code to Antoine (a login's) must not be read for this one
    page.get_by_role("button", name="Envoyer").click()
    expect(page.get_by_role("heading", name="Saisir le code de vérification")).to_be_visible()
    page.get_by_role("textbox", name="Code de vérification").fill(
        mailbox.code_sent_to("antoine.lambert@example.fr", after=before))
    page.get_by_role("button", name="Continuer").click()

    rules = page.locator("#mot_de_passe-regles li")
    expect(rules).to_have_count(5)
    expect(rules.filter(has_text="non respecté")).to_have_count(5)
    page.get_by_label("Nouveau mot de passe", exact=True).fill("Nouveau2026")
    expect(rules.filter(has_text="non respecté")).to_have_count(0)
    page.get_by_label("Confirmer le nouveau mot de passe").fill("Nouveau2026")
    page.get_by_role("button", name="Valider").click()
    expect(page.get_by_role("heading", name="Nouveau mot de passe enregistré")).to_be_visible()

    page.get_by_role("link", name="Se connecter").click()
    log_in(page, ANTOINE.nir, "Nouveau2026")
    expect(page.get_by_role("heading", level=1, name="Bonjour Antoine LAMBERT")).to_be_visible()


def test_an_unknown_person_gets_the_same_screens_and_a_code_that_never_works(page, mailbox):
    page.goto("/mot-de-passe-oublie")
    page.get_by_label("Numéro de Sécurité sociale").fill(UNKNOWN_NIR)
    page.get_by_label("Nom de naissance").fill("Personne")
    answer_security_check(page)
    page.get_by_role("button", name="Continuer").click()
    expect(page.get_by_role("heading", name="Recevoir un code de vérification")).to_be_visible()
    sent = len(mailbox.messages)
    page.get_by_label(re.compile("Par courriel")).check()
    page.get_by_role("button", name="Envoyer").click()
    page.get_by_role("textbox", name="Code de vérification").fill("123456")
    page.get_by_role("button", name="Continuer").click()
    expect(page.locator("#code-messages")).to_have_text(re.compile("Code incorrect. Il vous reste 2 essais."))
    assert len(mailbox.messages) == sent


def test_a_wrong_security_check_is_refused_next_to_the_field(page):
    page.goto("/mot-de-passe-oublie")
    page.get_by_label("Numéro de Sécurité sociale").fill(JONAS.nir)
    page.get_by_label("Nom de naissance").fill("Duchais")
    page.get_by_label("Saisir les caractères ci-dessus").fill("zzzzzz")
    page.get_by_role("button", name="Continuer").click()
    expect(page.locator("#verification-messages")).to_contain_text("ne correspondent pas")
    expect(page.get_by_role("img", name=re.compile("Vérification de sécurité"))).to_be_visible()


def screens_of(page, nir: str, name: str) -> list[str]:
    """What the channel step and the code step say, after asking for a code by SMS."""
    page.goto("/mot-de-passe-oublie")
    page.get_by_label("Numéro de Sécurité sociale").fill(nir)
    page.get_by_label("Nom de naissance").fill(name)
    answer_security_check(page)
    page.get_by_role("button", name="Continuer").click()
    expect(page.get_by_role("heading", name="Recevoir un code de vérification")).to_be_visible()
    seen = [page.get_by_role("main").inner_text()]
    page.get_by_label("Par SMS").check()
    page.get_by_role("button", name="Envoyer").click()
    expect(page.get_by_role("heading", name="Saisir le code de vérification")).to_be_visible()
    seen.append(page.get_by_role("main").inner_text())
    page.evaluate("window.sessionStorage.clear()")  # a new tab: the next request starts afresh
    return seen


def test_a_real_account_and_an_unknown_number_read_exactly_the_same_screens(page):
    real = screens_of(page, ERIC.nir, "Levesque")  # Eric has an account, a mail and a mobile on file
    unknown = screens_of(page, "1990175112099", "Personne")
    assert real == unknown
    assert "@" not in real[0] and "•" not in real[0]
