"""Mon profil: Elise changes her address, her bank details and her e-mail with the pencils.

(test_mon_compte reads Elise's first address; test modules run in name order on one database.)
"""

import re

from playwright.sync_api import expect

from caf_app.domain.bank import make_iban
from tests import files
from tests.personas import ELISE, ERIC

from .conftest import log_in


def test_elise_changes_her_address_and_the_commune_must_match_the_postal_code(page, tables_kept):
    tables_kept("dossier", "demarche")
    log_in(page, ELISE.nir, then="/profil")
    expect(page.get_by_role("button", name="Modifier mon adresse", exact=True)).to_be_visible()
    expect(page.get_by_role("button", name=re.compile("Modifier mon état civil"))).to_have_count(0)
    page.get_by_role("button", name="Modifier mon adresse", exact=True).click()
    page.get_by_label("Numéro et voie").fill("14 boulevard Longchamp")
    page.get_by_label("Code postal").fill("13001")
    page.get_by_label("Commune").fill("Aix-en-Provence")
    page.get_by_role("button", name="Enregistrer").click()
    expect(page.locator("#commune-messages")).to_contain_text("n'a pas le code postal 13001")
    page.get_by_label("Commune").fill("marseille")
    page.get_by_role("button", name="Enregistrer").click()
    expect(page.get_by_role("status").filter(has_text="nouvelle adresse est enregistrée")).to_be_visible()
    expect(page.get_by_text("14 BOULEVARD LONGCHAMP, 13001 MARSEILLE")).to_be_visible()
    page.goto("/demarches")
    page.get_by_role("tab", name="À consulter").click()
    expect(page.get_by_role("button", name=re.compile("Changement d'adresse"))).to_be_visible()


def test_elise_changes_her_bank_details_a_wrong_rib_key_is_refused(page, tables_kept):
    tables_kept("demarche", "bankaccount", "document")
    log_in(page, ELISE.nir, then="/profil")
    page.get_by_role("button", name="Modifier mes coordonnées bancaires").click()
    good = make_iban("20041", "01005", "0500013M026")
    wrong = good[:-2] + f"{(int(good[-2:]) + 1) % 100:02d}"
    page.get_by_label("IBAN").fill(wrong)
    page.get_by_label("BIC").fill("PSSTFRPPMAR")
    page.get_by_label("Titulaire du compte").fill("Elise Lambert")
    with page.expect_file_chooser() as chooser:
        page.get_by_role("button", name="Ajouter mon RIB").click()
    chooser.value.set_files(files=[{"name": "rib.jpg", "mimeType": "image/jpeg", "buffer": files.photo_with_exif()}])
    expect(page.get_by_text("RIB ajouté")).to_be_visible()
    page.get_by_label("Votre mot de passe").fill("Allocataire2026")
    page.get_by_role("button", name="Enregistrer").click()
    expect(page.locator("#iban-messages")).to_contain_text(re.compile("clé RIB|pas valide"))
    page.get_by_label("IBAN").fill(" ".join(good[i:i + 4] for i in range(0, len(good), 4)))
    page.get_by_label("Votre mot de passe").fill("Allocataire2026")
    page.get_by_role("button", name="Enregistrer").click()
    expect(page.get_by_role("status").filter(has_text="coordonnées bancaires sont enregistrées")).to_be_visible()
    expect(page.get_by_text(f"IBAN •••• {good[-4:]} : en cours de traitement")).to_be_visible()
    expect(page.get_by_text(re.compile(r"ELISE LAMBERT, IBAN •••• \d{4}, BIC CCBPFRPPXXX"))).to_be_visible()


def test_a_new_email_is_used_only_once_confirmed_by_the_code_sent_to_it(page, mailbox, tables_kept):
    tables_kept("person")  # Eric's e-mail
    log_in(page, ERIC.nir, then="/profil")  # a spouse without delegation changes their own contact details
    expect(page.get_by_role("button", name="Modifier mon adresse", exact=True)).to_have_count(0)
    page.get_by_role("button", name="Modifier mon adresse électronique").click()
    page.get_by_label("Nouvelle adresse électronique").fill("eric.l@example.fr")
    page.get_by_label("Confirmer").fill("eric.l@example.fr")
    page.get_by_label("Votre mot de passe").fill("Allocataire2026")
    page.get_by_role("button", name="Recevoir un code").click()
    code = page.get_by_role("textbox", name="Code de vérification")
    expect(code).to_be_visible()
    expect(page.get_by_text("eric.levesque@example.fr")).to_be_visible()  # the old one until confirmed
    code.fill(mailbox.code_sent_to("eric.l@example.fr"))
    page.get_by_role("button", name="Enregistrer").click()
    expect(page.get_by_role("status").filter(has_text="confirmée et enregistrée")).to_be_visible()
    expect(page.get_by_text("eric.l@example.fr")).to_be_visible()


def test_situations_carry_a_pencil_only_where_the_person_may_change_them(page):
    log_in(page, ERIC.nir, then="/profil")
    expect(page.get_by_role("link", name="Modifier ma situation familiale")).to_be_visible()
    expect(page.get_by_role("link", name="Modifier ma situation professionnelle")).to_have_count(0)
    page.get_by_role("link", name="Modifier ma situation familiale").click()
    expect(page.get_by_role("heading", level=1, name="Déclarer un changement")).to_be_visible()
