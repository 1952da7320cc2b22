"""Délégation de gestion (Nadia and Eric), Gérer Mon Compte, Mon agenda, Contacter ma Caf, Menu."""

import re
from urllib.parse import urlsplit

from playwright.sync_api import expect

from tests.personas import DANIEL, ERIC, NADIA, SAMIR

from .conftest import MAILBOXES, log_in, pass_device_check


def test_nadia_is_asked_at_login_then_eric_sees_the_payments_until_she_withdraws_it(page, browser, base_url,
                                                                                    tables_kept):
    tables_kept("dossier", "demarche")  # Nadia's question pending again afterwards
    opened = []
    page.on("framenavigated", lambda frame: opened.append(frame.url) if frame == page.main_frame else None)
    log_in(page, NADIA.nir)
    expect(page.get_by_role("heading", level=1, name="Gérer mes autorisations")).to_be_visible()
    # Issue 24, point 14: asked before the Accueil is painted (the login lands on the question itself).
    assert not [url for url in opened if urlsplit(url).path.startswith("/mon-compte")], opened
    # Issue 21, point 10: the seed's explanation, who decides and what the conjoint may then do.
    for sentence in ("Vous êtes le responsable de votre dossier Caf.",
                     "Aujourd'hui, vous êtes seul à pouvoir consulter les données du dossier.",
                     "consulter les droits et paiements", "déclarer des changements", "demander une prestation"):
        expect(page.get_by_text(sentence, exact=True)).to_be_visible()
    question = page.get_by_role("group", name=re.compile("J'autorise Eric LEVESQUE à consulter les données"))
    expect(question).to_be_visible()
    expect(page.get_by_role("button", name="Passer")).to_be_visible()
    question.get_by_label("Oui").check()
    page.get_by_role("button", name="Continuer").click()
    expect(page.get_by_text("Vous autorisez Eric LEVESQUE à gérer votre dossier")).to_be_visible()

    eric_context = browser.new_context(base_url=base_url, viewport={"width": 390, "height": 844})
    eric = eric_context.new_page()
    log_in(eric, ERIC.nir, then="/allocations")
    eric.get_by_role("tab", name="Mes paiements").click()
    expect(eric.get_by_role("button", name=re.compile("^Paiement du")).first).to_be_visible()

    page.goto("/menu")
    page.get_by_role("link", name="Gérer Mon Compte").click()
    page.get_by_role("link", name="Mes autorisations").click()
    page.get_by_role("group", name=re.compile("J'autorise Eric")).get_by_label("Non").check()
    page.get_by_role("button", name="Continuer").click()
    expect(page.get_by_role("status")).to_contain_text("n'a pas accès à votre dossier")

    eric.get_by_role("tab", name="Mes droits").click()  # his next event already runs with the new rights
    eric.reload()
    expect(eric.get_by_role("status")).to_contain_text("ne vous a pas autorisé(e) à gérer le dossier")
    expect(eric.get_by_role("tab", name="Mes paiements")).to_have_count(0)
    eric_context.close()


def test_eric_cannot_manage_the_delegation_nor_write_to_the_caf(page):
    log_in(page, ERIC.nir, then="/mes-autorisations")
    expect(page.get_by_text("Seul l'allocataire du dossier choisit qui peut le gérer.")).to_be_visible()
    page.goto("/contacter-ma-caf")
    expect(page.get_by_text("par téléphone ou dans un point d'accueil")).to_be_visible()
    expect(page.get_by_role("button", name="Envoyer mon message")).to_have_count(0)


def test_daniel_changes_his_password_with_the_checklist_and_sees_his_connections(page, tables_kept):
    tables_kept("account")  # Daniel's password, as the seed made it, afterwards
    page.goto("/connexion?suivant=/gerer-mon-compte")
    page.get_by_role("button", name="J'ai un identifiant provisoire").click()
    page.get_by_label("Identifiant provisoire").fill(DANIEL.provisional_id)
    page.get_by_label("Mot de passe").fill("Allocataire2026")
    sent_before = len(MAILBOXES[0].messages)
    page.get_by_role("button", name="Se connecter", exact=True).click()
    pass_device_check(page, DANIEL.provisional_id, sent_before)
    expect(page.get_by_role("heading", level=1, name="Gérer Mon Compte")).to_be_visible()
    expect(page.get_by_role("cell", name="Connexion").first).to_be_visible()
    page.get_by_label("Mot de passe actuel").fill("Mauvais2026xx")
    page.get_by_label("Nouveau mot de passe", exact=True).fill("Morvan2026ok")
    page.get_by_label("Confirmer le nouveau mot de passe").fill("Morvan2026ok")
    page.get_by_role("button", name="Enregistrer mon nouveau mot de passe").click()
    expect(page.locator("#actuel-messages")).to_contain_text("n'est pas celui-ci")
    page.get_by_label("Mot de passe actuel").fill("Allocataire2026")
    page.get_by_role("button", name="Enregistrer mon nouveau mot de passe").click()
    expect(page.get_by_role("status").filter(has_text="nouveau mot de passe est enregistré")).to_be_visible()
    expect(page.get_by_role("cell", name="Mot de passe changé")).to_be_visible()


def test_menu_agenda_and_contact(page):
    log_in(page, SAMIR.nir, then="/menu")  # Samir
    for entry in ("Mes ressources", "Mes attestations", "Mes courriers et courriels", "Mon agenda",
                  "Contacter ma Caf", "Gérer Mon Compte"):
        expect(page.get_by_role("navigation", name="Menu de Mon Compte").get_by_role("link", name=entry)) \
            .to_be_visible()
    expect(page.get_by_label("Ouvrir les déclarations en version facile à lire")).to_be_visible()
    page.get_by_role("link", name="Mon agenda").click()
    expect(page.get_by_role("link", name=re.compile("Déclaration trimestrielle de ressources"))).to_be_visible()
    page.goto("/contacter-ma-caf")
    expect(page.get_by_role("heading", name="Caf des Hauts-de-Seine")).to_be_visible()
    page.get_by_label("Objet").fill("Question sur ma dette")
    page.get_by_label("Votre message").fill("Bonjour, puis-je étaler le remboursement ?")
    page.get_by_role("button", name="Envoyer mon message").click()
    expect(page.get_by_role("status").filter(has_text="Votre message est envoyé")).to_be_visible()
