"""Créer Mon Compte with a NIR (code by mail) and without one (code by SMS, provisional identifier); a person the
Caf knows proves who she is with what the Caf holds (a code to her mail on file, a code by post)."""

import re
from datetime import date

from playwright.sync_api import TimeoutError as PlaywrightTimeout, expect
from sqlalchemy import text
from sqlmodel import Session

from caf_app.content import demandes as DEMANDE_WORDS, signup as WORDS
from tests import factories
from tests.personas import DANIEL, JONAS, NEWCOMER, SYLVIE

from .conftest import answer_security_check, log_in

DEMANDE = "/demandes/aide-logement"


def start(page, suivant: str | None = DEMANDE):
    """Créer Mon Compte from Connexion: for a demande (a first-time applicant's only way), or alone (suivant None:
    a member of an existing dossier)."""
    page.goto(f"/connexion?suivant={suivant}" if suivant else "/connexion")
    link = page.get_by_role("link", name="Créer Mon Compte")
    for _ in range(3):  # a tap that lands while the page hydrates can be lost, for a person too: tap again
        link.click()
        try:
            page.wait_for_url(re.compile("/creer-mon-compte"), timeout=5000)
            break
        except PlaywrightTimeout:
            continue
    expect(page.get_by_text("3 étapes et 5 à 10 minutes")).to_be_visible()
    expect(page.get_by_text(WORDS.FOR_DEMANDE if suivant else WORDS.FIRST_DEMANDE)).to_be_visible()
    page.get_by_role("button", name="Commencer").click()
    expect(page.get_by_role("heading", name="État civil")).to_be_visible()


def fill_identity(page, *, nir=None, name="MARTIN", first="Claire", born="14/02/1995"):
    page.get_by_role("group", name="Je possède un numéro de Sécurité sociale").get_by_label(
        "Oui" if nir else "Non").check()
    if nir:
        page.get_by_label("Numéro de Sécurité sociale").fill(nir)
    page.get_by_label("Madame").check()
    page.get_by_label("Nom de naissance", exact=True).fill(name)
    page.get_by_label("Prénom(s)", exact=True).fill(first)
    page.get_by_label("Date de naissance").fill(born)


def sms_code(app_db, mobile: str) -> str:
    with app_db.connect() as connection:
        body = connection.execute(text("SELECT body FROM outboxmessage WHERE recipient = :r ORDER BY id DESC LIMIT 1"),
                                  {"r": mobile}).scalar_one()
    return re.search(r"\b(\d{6})\b", body).group(1)


def choose_password(page, password="Bienvenue2026"):
    page.get_by_label("Nouveau mot de passe", exact=True).fill(password)
    page.get_by_label("Confirmer le nouveau mot de passe").fill(password)
    page.get_by_role("button", name="Valider").click()


def test_create_an_account_with_a_nir_then_log_in(page, mailbox):
    start(page)
    fill_identity(page, nir=NEWCOMER.nir)
    page.get_by_label("En France").check()
    page.get_by_label("Département de naissance").fill("75")
    page.get_by_label("Commune de naissance").fill("Paris")
    page.get_by_role("group", name="Je réside en France").get_by_label("Oui").check()
    page.get_by_label("Lieu de résidence (mon code postal actuel)").fill("92000")
    page.get_by_label("Carte d'identité française").check()
    page.get_by_label("Numéro de la pièce d'identité").fill("X4RTBPFW4")
    page.get_by_label("Date de délivrance").fill("03/05/2021")
    answer_security_check(page)
    page.get_by_role("button", name="Continuer").click()

    expect(page.get_by_role("heading", name="Coordonnées de contact")).to_be_visible()
    page.get_by_label("Adresse mail", exact=True).check()
    page.get_by_role("textbox", name="Adresse mail", exact=True).fill("claire.martin@example.fr")
    page.get_by_label("Confirmer l'adresse mail").fill("claire.martin@example.fr")
    page.get_by_role("button", name="Recevoir mon code").click()
    page.get_by_role("textbox", name="Code de vérification").fill(mailbox.code_sent_to("claire.martin@example.fr"))
    page.get_by_role("button", name="Continuer").click()

    choose_password(page)
    expect(page.get_by_role("status")).to_have_text("Mon identifiant : 2950275112083")
    expect(page.get_by_text("X4RTBPFW4")).to_be_visible()
    page.get_by_role("button", name=WORDS.CONTINUE_DEMANDE).click()  # her session, opened on her demande
    expect(page.get_by_role("heading", level=1, name="Aide au logement")).to_be_visible()
    expect(page).to_have_url(re.compile(f"{DEMANDE}$"))
    expect(page.get_by_role("button", name="Commencer ma demande")).to_be_visible()
    page.goto("/menu")
    page.get_by_role("button", name="Déconnexion").click()
    expect(page.get_by_text("Vous êtes déconnecté(e).")).to_be_visible()
    log_in(page, NEWCOMER.nir, "Bienvenue2026")
    expect(page.get_by_role("heading", level=1, name="Bonjour Claire MARTIN")).to_be_visible()


def fill_without_nir(page, *, name: str, first: str, born: str, postal_code: str):
    """ÉTAT CIVIL of a person without NIR, born abroad, without a French identity document."""
    fill_identity(page, name=name, first=first, born=born)
    page.get_by_label("À l'étranger").check()
    page.get_by_label("Pays de naissance").fill("Algérie")
    page.get_by_label("Ville de naissance").fill("Oran")
    page.get_by_role("group", name="Je réside en France").get_by_label("Oui").check()
    page.get_by_label("Lieu de résidence (mon code postal actuel)").fill(postal_code)
    for number, parent, parent_first in ((1, name, "Jean"), (2, "Benali", "Jeanne")):
        page.get_by_label(f"Nom de naissance du parent {number}").fill(parent)
        page.get_by_label(f"Prénom(s) du parent {number}").fill(parent_first)
    page.get_by_label("Je ne dispose pas d'une pièce d'identité française").check()
    dialog = page.get_by_role("dialog", name="Absence de pièce d'identité")
    expect(dialog).to_be_visible()
    dialog.get_by_role("button", name="Continuer").click()
    expect(dialog).to_be_hidden()
    answer_security_check(page)
    page.get_by_role("button", name="Continuer").click()


def confirm_mobile(page, app_db, mobile: str):
    """COORDONNÉES DE CONTACT by SMS, the code given, then the password."""
    page.get_by_label("Numéro de téléphone portable (10 chiffres)").fill(mobile)
    page.get_by_label("Confirmer le numéro de téléphone portable").fill(mobile)
    page.get_by_role("button", name="Recevoir mon code").click()
    code_field = page.get_by_role("textbox", name="Code de vérification")
    expect(code_field).to_be_visible()  # the server has sent the code when it shows this step
    code_field.fill(sms_code(app_db, mobile))
    page.get_by_role("button", name="Continuer").click()
    choose_password(page)


def test_create_an_account_without_nir_gets_a_provisional_identifier_that_logs_in(page, app_db):
    start(page)
    fill_without_nir(page, name="Haddad", first="Karim", born="09/09/1962", postal_code="06000")
    confirm_mobile(page, app_db, "0698765432")

    status = page.get_by_role("status")
    expect(status).to_have_text(re.compile(r"^Mon identifiant : P\d{8}$"))
    identifier = status.inner_text().split(": ")[1]
    expect(page.get_by_text("ALGÉRIE")).to_be_visible()
    page.goto("/connexion")
    page.get_by_role("button", name="J'ai un identifiant provisoire").click()
    page.get_by_label("Identifiant provisoire").fill(identifier)
    page.get_by_label("Mot de passe").fill("Bienvenue2026")
    page.get_by_role("button", name="Se connecter", exact=True).click()
    # A first login on this browser: the code of a new device, by SMS (Karim gave a mobile only).
    expect(page.get_by_role("heading", name="Confirmer qu'il s'agit bien de vous")).to_be_visible()
    page.get_by_label("Code reçu").fill(sms_code(app_db, "0698765432"))
    page.get_by_role("button", name="Valider").click()
    expect(page.get_by_role("heading", level=1, name="Bonjour Karim HADDAD")).to_be_visible()


def test_a_first_time_applicant_creating_an_account_alone_is_sent_to_the_demandes(page):
    """The seed: « Tout primo demandeur doit obligatoirement faire une demande de prestation pour pouvoir créer son
    compte »; a member of an existing dossier still starts here (the tests below)."""
    start(page, suivant=None)
    fill_without_nir(page, name="Lefort", first="Inès", born="02/03/1999", postal_code="69003")
    alert = page.get_by_role("alert")
    expect(alert).to_contain_text(WORDS.FIRST_DEMANDE)
    page.get_by_role("link", name=WORDS.FIRST_DEMANDE_LINK).first.click()
    expect(page.get_by_role("heading", level=1, name=DEMANDE_WORDS.TITLE)).to_be_visible()


def test_a_person_who_already_has_an_account_is_sent_to_recovery(page):
    start(page, suivant=None)
    fill_identity(page, nir=JONAS.nir, name="Duchais", first="Jonas", born="12/03/1985")
    page.get_by_label("En France").check()
    page.get_by_label("Département de naissance").fill("75")
    page.get_by_label("Commune de naissance").fill("Paris")
    page.get_by_role("group", name="Je réside en France").get_by_label("Non").check()
    page.get_by_label("Passeport français").check()
    page.get_by_label("Numéro de la pièce d'identité").fill("18AB12345")
    page.get_by_label("Date de délivrance").fill("01/02/2020")
    answer_security_check(page)
    page.get_by_role("button", name="Continuer").click()
    expect(page.get_by_role("alert")).to_have_text(re.compile("Vous avez déjà un compte Mon Compte"))
    expect(page.get_by_role("main").get_by_role("link", name="Mot de passe oublié ?")).to_be_visible()


def test_what_was_typed_survives_a_reload_and_errors_sit_next_to_their_field(page):
    start(page)
    fill_identity(page, nir=NEWCOMER.nir)
    page.get_by_label("Date de naissance").fill("31/02/1995")
    expect(page.get_by_label("Date de naissance")).to_have_value("31/02/1995")
    page.get_by_role("button", name="Continuer").click()
    expect(page.locator("#date_naissance-messages")).to_have_text(re.compile("Cette date n'existe pas"))
    expect(page.locator("#lieu_naissance-messages")).to_contain_text("en France ou à l'étranger")
    # The seed's security check is asked here too, next to its field.
    expect(page.locator("#verification-messages")).to_contain_text("ne correspondent pas")
    expect(page.get_by_role("img", name=re.compile("Vérification de sécurité"))).to_be_visible()
    page.reload()
    expect(page.get_by_label("Nom de naissance", exact=True)).to_have_value("MARTIN")
    expect(page.get_by_label("Numéro de Sécurité sociale")).to_have_value(NEWCOMER.nir)
    expect(page.get_by_label("Madame")).to_be_checked()


def fill_known_person(page, *, nir: str, name: str, first: str, born: str, commune: str = "Nice"):
    fill_identity(page, nir=nir, name=name, first=first, born=born)
    page.get_by_label("En France").check()
    page.get_by_label("Département de naissance").fill("06")
    page.get_by_label("Commune de naissance").fill(commune)
    page.get_by_role("group", name="Je réside en France").get_by_label("Oui").check()
    page.get_by_label("Lieu de résidence (mon code postal actuel)").fill("06000")
    page.get_by_label("Passeport français").check()
    page.get_by_label("Numéro de la pièce d'identité").fill("18AB12345")
    page.get_by_label("Date de délivrance").fill("01/02/2020")
    answer_security_check(page)
    page.get_by_role("button", name="Continuer").click()


def test_a_known_conjoint_cannot_give_another_contact_and_proves_it_with_the_mail_on_file(page, mailbox):
    """What an ex-partner knows (NIR, birth name, birth date) leads only to codes sent where the Caf says."""
    start(page, suivant=None)
    fill_known_person(page, nir=SYLVIE.nir, name="Renaud", first="Sylvie", born="14/03/1966")
    expect(page.get_by_role("heading", name="Vérifier votre identité")).to_be_visible()
    main = page.get_by_role("main")
    expect(main.get_by_role("textbox")).to_have_count(0)  # nowhere to type a mail or a number
    expect(main).not_to_contain_text("sylvie.renaud")
    expect(main).not_to_contain_text("@")
    page.get_by_role("button", name="Recevoir mon code").click()
    expect(page.locator("#preuve-messages")).to_have_text("Choisissez comment recevoir votre code de vérification.")
    page.get_by_label("Par courriel, à l'adresse enregistrée dans mon dossier").check()
    page.get_by_role("button", name="Recevoir mon code").click()
    code_field = page.get_by_role("textbox", name="Code de vérification")
    expect(code_field).to_be_visible()
    code_field.fill(mailbox.code_sent_to("sylvie.renaud@example.fr"))
    page.get_by_role("button", name="Continuer").click()

    choose_password(page)
    expect(page.get_by_role("status")).to_have_text(f"Mon identifiant : {SYLVIE.nir}")
    expect(page.get_by_text("Celles de votre dossier, inchangées")).to_be_visible()
    page.get_by_role("link", name="Se connecter").click()
    log_in(page, SYLVIE.nir, "Bienvenue2026")
    expect(page.get_by_role("heading", level=1, name="Bonjour Sylvie RENAUD")).to_be_visible()


def add_to_morvan_foyer(app_db, *, nir: str, first: str, born: date) -> None:
    """A child of 17 in Daniel MORVAN's foyer, known to the Caf with no contact: a letter is her only way."""
    with Session(app_db) as session:
        child = factories.person(session, nir=nir, civilite="Madame", birth_name="MORVAN", first_names=first,
                                 birth_date=born, birth_place="Nice")
        factories.member(session, dossier=factories.dossier_of(session, DANIEL), person=child, role="enfant")
        session.commit()


def letter_code(app_db, recipient: str) -> str:
    with app_db.connect() as connection:
        body = connection.execute(text("SELECT body FROM outboxletter WHERE recipient = :r ORDER BY id DESC LIMIT 1"),
                                  {"r": recipient}).scalar_one()
    return re.search(r"code de vérification : ([A-Z0-9]{4}-[A-Z0-9]{4})", body).group(1)


def test_a_known_child_of_17_gets_a_code_by_post_and_comes_back_with_it_days_later(page, app_db):
    nir, first, born = "2090206088042", "Inès", "14/02/2009"
    add_to_morvan_foyer(app_db, nir=nir, first=first, born=date(2009, 2, 14))
    start(page, suivant=None)
    fill_known_person(page, nir=nir, name="Morvan", first=first, born=born)
    expect(page.get_by_role("heading", name="Vérifier votre identité")).to_be_visible()
    expect(page.get_by_role("radio")).to_have_count(1)  # no mail, no mobile on file: the letter only
    page.get_by_label(re.compile("^Par courrier, à l'adresse postale de mon dossier")).check()
    page.get_by_role("button", name="Recevoir mon code").click()
    expect(page.get_by_role("heading", name="Un courrier va vous être envoyé")).to_be_visible()
    expect(page.get_by_role("status")).to_contain_text("Le code est valable jusqu'au")

    # Days later, in a new tab: the same ÉTAT CIVIL, then « J'ai reçu un code par courrier ».
    page.evaluate("window.sessionStorage.clear()")
    start(page, suivant=None)
    fill_known_person(page, nir=nir, name="Morvan", first=first, born=born)
    page.get_by_role("button", name="J'ai reçu un code par courrier").click()
    field = page.get_by_role("textbox", name="Code figurant sur le courrier")
    field.fill("AAAA-AAAA")
    page.get_by_role("button", name="Continuer").click()
    expect(page.locator("#code_courrier-messages")).to_have_text(re.compile("Code incorrect. Il vous reste 4 essais."))
    field.fill(letter_code(app_db, f"MADAME {first.upper()} MORVAN"))
    page.get_by_role("button", name="Continuer").click()
    choose_password(page)
    expect(page.get_by_role("status")).to_have_text(f"Mon identifiant : {nir}")


def test_a_tap_on_creer_mon_compte_before_the_app_is_ready_keeps_the_demande(page):
    """The prerendered link has no destination yet: the tap must not lose the demande (assets/forms.js)."""
    page.console_errors.aborting = True  # the scripts blocked below are logged as failed loads, on both pages
    page.route(re.compile(r"/assets/.*\.js$"), lambda route: route.abort())  # the app never starts
    page.goto(f"/connexion?suivant={DEMANDE}")
    page.get_by_role("link", name="Créer Mon Compte").click()
    page.wait_for_url(re.compile(r"/creer-mon-compte/?\?suivant=%2Fdemandes%2Faide-logement$"))
