"""Mot de passe oublié, from a locked account to logging in with the new password."""

import re

from playwright.sync_api import expect
from sqlalchemy import text

from tests.personas import ANTOINE, DANIEL, DEMO_PASSWORD, ERIC, JONAS, UNKNOWN_NIR

from .conftest import MAILBOXES, NUMBERS, answer_security_check, in_seconds, log_in, pass_device_check, submit_login


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


# Issue 21, points 1 to 3: Daniel MORVAN created his account without a NIR (P33392250).


def fill_daniel_identity(page) -> None:
    """Mot de passe oublié with his provisional identifier (« J'ai un identifiant provisoire », as on Connexion)."""
    page.goto("/mot-de-passe-oublie")
    page.get_by_role("button", name="J'ai un identifiant provisoire").click()
    page.get_by_label("Identifiant provisoire").fill(DANIEL.provisional_id)
    page.get_by_label("Nom de naissance").fill("Morvan")
    answer_security_check(page)
    page.get_by_role("button", name="Continuer").click()
    expect(page.get_by_role("heading", name="Recevoir un code de vérification")).to_be_visible()


def answer_the_new_question(page) -> None:
    """The security check drawn after an answer, still in its accessible alternative (words)."""
    question = page.get_by_text(re.compile("^Combien font"))
    expect(question).to_be_visible()
    a, b = re.search(r"font (\w+) plus (\w+)", question.inner_text()).groups()
    page.get_by_label("Votre réponse").fill(str(NUMBERS[a] + NUMBERS[b]))


def test_point_1_identifiant_provisoire_oublie_daniel_finds_it_with_his_etat_civil_and_a_mail_code(page, mailbox):
    page.goto("/connexion")
    page.get_by_role("button", name="J'ai un identifiant provisoire").click()
    page.get_by_role("link", name="Identifiant provisoire oublié ?").click()
    expect(page.get_by_role("heading", level=1, name="Identifiant provisoire oublié")).to_be_visible()
    page.get_by_label("Nom de naissance").fill("Morvan")
    page.get_by_label("Prénom(s)").fill("Daniel")
    page.get_by_label("Date de naissance").fill("9 septembre 1962")
    answer_security_check(page)
    page.get_by_role("button", name="Continuer").click()
    expect(page.locator("#date_naissance-messages")).to_contain_text("JJ/MM/AAAA")
    page.get_by_label("Date de naissance").fill("09/09/1962")
    answer_the_new_question(page)
    page.get_by_role("button", name="Continuer").click()

    expect(page.get_by_role("heading", name="Recevoir un code de vérification")).to_be_visible()
    expect(page.get_by_role("main")).not_to_contain_text("@")
    page.get_by_label("Par courriel").check()
    before = len(mailbox.messages)
    page.get_by_role("button", name="Envoyer").click()
    page.get_by_role("textbox", name="Code de vérification").fill(
        mailbox.code_sent_to(DANIEL.email, after=before))
    page.get_by_role("button", name="Continuer").click()
    expect(page.get_by_role("status")).to_have_text("Mon identifiant provisoire : P33392250")
    page.get_by_role("button", name="Choisir un nouveau mot de passe").click()  # the same code, both forgotten
    expect(page.get_by_role("heading", name="Choisir un nouveau mot de passe")).to_be_visible()


def test_point_2_a_code_by_courrier_is_shown_in_the_demo_outbox_and_opens_the_new_password(page, tables_kept):
    tables_kept("lettercode", "outboxletter", "courrier")
    fill_daniel_identity(page)
    page.get_by_text("Vos coordonnées ont changé ?").click()  # the seed's guidance: what to do, whom to call
    expect(page.get_by_text(re.compile("par téléphone au 3230")).first).to_be_visible()
    page.get_by_label(re.compile("^Par courrier, à l'adresse postale de votre dossier")).check()
    page.get_by_role("button", name="Envoyer").click()
    expect(page.get_by_role("heading", name="Un courrier va vous être envoyé")).to_be_visible()
    expect(page.get_by_role("status")).to_contain_text("le code est valable 15 jours")

    page.goto("/dev/boite-d-envoi")  # the letter to post, as the outbox shows mails
    letter = page.get_by_role("listitem").filter(has_text="MONSIEUR DANIEL MORVAN, 18 RUE DE FRANCE").first
    expect(letter).to_contain_text("Votre code pour retrouver votre identifiant ou votre mot de passe")
    code = re.search(r"code de vérification : ([A-Z0-9]{4}-[A-Z0-9]{4})", letter.inner_text()).group(1)

    page.evaluate("window.sessionStorage.clear()")  # days later, in a new tab
    fill_daniel_identity(page)
    page.get_by_role("button", name="J'ai reçu un code par courrier").click()
    field = page.get_by_role("textbox", name="Code figurant sur le courrier")
    field.fill("AAAA-AAAA" if code != "AAAA-AAAA" else "CCCC-CCCC")
    page.get_by_role("button", name="Continuer").click()
    expect(page.locator("#code_courrier-messages")).to_contain_text("Ce code n'est pas valable")
    field.fill(code)
    page.get_by_role("button", name="Continuer").click()
    expect(page.get_by_role("heading", name="Choisir un nouveau mot de passe")).to_be_visible()


def test_point_3_once_a_nir_is_assigned_both_identifiers_log_in_and_connexion_and_profil_say_which(
        page, app_db, tables_kept):
    tables_kept("person")
    nir = "1620999352012"
    with app_db.begin() as connection:
        connection.execute(text("UPDATE person SET nir = :nir, nir_assigned_at = :at WHERE provisional_id = :p"),
                           {"nir": nir, "at": in_seconds(-3600), "p": DANIEL.provisional_id})
    page.goto("/connexion")
    page.get_by_role("button", name="J'ai un identifiant provisoire").click()
    expect(page.get_by_text(re.compile("Vous avez reçu votre numéro de Sécurité sociale"))).to_be_visible()
    page.get_by_label("Identifiant provisoire").fill(DANIEL.provisional_id)
    page.get_by_label("Mot de passe").fill(DEMO_PASSWORD)
    sent_before = len(MAILBOXES[0].messages)
    page.get_by_role("button", name="Se connecter", exact=True).click()
    pass_device_check(page, DANIEL.provisional_id, sent_before)
    page.goto("/profil")
    expect(page.get_by_text(nir)).to_be_visible()
    expect(page.get_by_text(re.compile("connectez-vous désormais avec lui"))).to_be_visible()

    page.context.clear_cookies()
    log_in(page, nir, DEMO_PASSWORD)  # the NIR logs in too, with the same password (log_in checks it left Connexion)
    page.goto("/profil")
    expect(page.get_by_text(re.compile("connectez-vous désormais avec lui"))).to_be_visible()

    with app_db.begin() as connection:  # the transition is over: the NIR only, and Connexion says so
        connection.execute(text("UPDATE person SET nir_assigned_at = :at WHERE provisional_id = :p"),
                           {"at": in_seconds(-200 * 86400), "p": DANIEL.provisional_id})
    page.context.clear_cookies()
    page.goto("/connexion")
    page.get_by_role("button", name="J'ai un identifiant provisoire").click()
    page.get_by_label("Identifiant provisoire").fill(DANIEL.provisional_id)
    page.get_by_label("Mot de passe").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Se connecter", exact=True).click()
    expect(page.get_by_role("alert")).to_contain_text("Votre identifiant provisoire n'est plus accepté")
