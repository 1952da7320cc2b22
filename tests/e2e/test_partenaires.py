"""Mon Compte Partenaire (issue 23), as its users go through it: Caf 92's superviseur habilitates a social-work
service for CDAP; its social worker logs in at the partners' entry (a password and a code), finds Jonas's dossier
by its number and his birth name, says why, and reads his household, droits and payments; Jonas then sees, in Mon
Compte, who consulted his dossier and why."""

from __future__ import annotations

import re
from datetime import timedelta

import pyotp
from playwright.sync_api import expect

from caf_app import clock
from caf_app.domain.partners import CDAP_PURPOSES
from tests.files import pdf_document
from tests.personas import DANIEL, ELISE, JONAS, NADIA

from .conftest import DECLARATION_TABLES, log_in, questions, wait_until_ready
from .test_gestion import agent_login

NANTERRE = "Service social départemental de Nanterre"
UDAF = "UDAF des Hauts-de-Seine"
CDAP = "CDAP : consultation des données de l'allocataire"


def test_a_social_worker_habilitated_by_the_caf_consults_jonas_and_jonas_sees_it(desktop_page, browser, base_url,
                                                                                 page, tables_kept):
    tables_kept("habilitation", "dossierconsultation")
    agent_login(desktop_page, "superviseur.92")
    desktop_page.get_by_role("link", name="Partenaires").click()
    expect(desktop_page.get_by_role("heading", level=1, name="Partenaires de la Caf")).to_be_visible()
    expect(desktop_page.get_by_role("heading", level=2, name=NANTERRE)).to_be_visible()
    nothing_yet = "Aucune habilitation : son personnel ne peut encore rien consulter."
    expect(desktop_page.get_by_text(nothing_yet)).to_be_visible()
    desktop_page.get_by_label("Organisation").select_option(label=NANTERRE)
    desktop_page.get_by_label("Service", exact=True).select_option(label=CDAP)
    desktop_page.get_by_role("button", name="Habiliter").click()  # no end date: told next to the field
    expect(desktop_page.locator("#valid_until-messages")).to_contain_text("Indiquez jusqu'à quand")
    until = clock.today() + timedelta(days=365)
    desktop_page.get_by_label("Valable jusqu'au").fill(until.isoformat())
    desktop_page.get_by_role("button", name="Habiliter").click()
    expect(desktop_page.get_by_role("status").filter(has_text=f"{NANTERRE} est habilité(e)")).to_be_visible()
    habilitated = desktop_page.get_by_role("table", name=f"Habilitations de {NANTERRE}")
    expect(habilitated).to_contain_text(CDAP)
    expect(habilitated).to_contain_text("Active")

    worker = browser.new_context(base_url=base_url, viewport={"width": 1280, "height": 900}).new_page()
    agent_login(worker, "as.nanterre", "Mon Compte Partenaire", entry="/partenaires/connexion",
                identifier="Identifiant partenaire")
    expect(worker.get_by_text(CDAP)).to_be_visible()
    worker.get_by_label("Numéro allocataire").fill(JONAS.dossier)
    worker.get_by_label("Nom de naissance de l'allocataire").fill("Duchais")
    worker.get_by_role("button", name="Consulter le dossier").click()  # no purpose: asked next to the field
    expect(worker.locator("#motif-messages")).to_contain_text("Choisissez le motif")
    worker.get_by_label("Motif de la consultation").select_option(label=CDAP_PURPOSES[0])
    worker.get_by_role("button", name="Consulter le dossier").click()
    expect(worker.get_by_role("heading", level=2, name=f"Dossier {JONAS.dossier} — Jonas DUCHAIS")).to_be_visible()
    expect(worker.get_by_role("table", name="Composition du foyer")).to_contain_text("Florence DUCHAIS")
    expect(worker.get_by_role("table", name="Derniers paiements").get_by_role("row")).to_have_count(4)
    worker.get_by_label("Numéro allocataire").fill("9201999")  # a dossier of nobody: the same answer as elsewhere
    worker.get_by_role("button", name="Consulter le dossier").click()
    expect(worker.locator("#numero-messages")).to_contain_text("Aucun dossier de votre territoire")
    worker.context.close()

    log_in(page, JONAS.nir, then="/gerer-mon-compte")
    page.get_by_role("link", name="Qui a consulté mon dossier").click()
    expect(page.get_by_role("heading", level=1, name="Qui a consulté mon dossier")).to_be_visible()
    consultation = page.get_by_role("listitem").filter(has_text=NANTERRE)
    expect(consultation).to_have_count(1)
    expect(consultation).to_contain_text(f"Motif : {CDAP_PURPOSES[0]}")
    expect(consultation).to_contain_text(re.compile(r"le \d\d/\d\d/\d{4} à \d\dh\d\d"))


def test_an_organisation_s_administrator_opens_an_account_that_logs_in_then_closes_it(desktop_page, browser,
                                                                                       base_url, tables_kept):
    tables_kept("agent", "agentsession")
    admin = desktop_page
    agent_login(admin, "admin.nanterre", "Mon Compte Partenaire", entry="/partenaires/connexion",
                identifier="Identifiant partenaire")
    people = admin.get_by_role("table", name="Comptes de votre organisation")
    expect(people.get_by_role("row")).to_have_count(3)  # its header, the administrator and Sophie Lemaire
    admin.get_by_label("Identifiant", exact=True).fill("es.nanterre")
    admin.get_by_label("Prénom et nom").fill("Emma Simon")
    admin.get_by_label("Mot de passe provisoire", exact=True).fill("Partenaire2026")
    admin.get_by_label("Confirmation du mot de passe provisoire").fill("Partenaire2027")
    admin.get_by_role("button", name="Ouvrir le compte").click()
    expect(admin.locator("#confirmation_provisoire-messages")).to_contain_text("ne sont pas identiques")
    admin.get_by_label("Confirmation du mot de passe provisoire").fill("Partenaire2026")
    admin.get_by_role("button", name="Ouvrir le compte").click()
    opened = admin.get_by_role("status").filter(has_text="Compte es.nanterre ouvert")
    expect(opened).to_be_visible()
    key = opened.locator("code").inner_text()
    expect(people.get_by_role("row")).to_have_count(4)

    newcomer = browser.new_context(base_url=base_url, viewport={"width": 1280, "height": 900}).new_page()
    newcomer.goto("/partenaires/connexion")
    newcomer.get_by_label("Identifiant partenaire").fill("es.nanterre")
    newcomer.get_by_label("Mot de passe").fill("Partenaire2026")
    newcomer.get_by_label("Code de votre application d'authentification").fill(pyotp.TOTP(key).now())
    newcomer.get_by_role("button", name="Se connecter").click()
    expect(newcomer.get_by_role("heading", level=1, name="Mon Compte Partenaire")).to_be_visible()
    expect(newcomer.get_by_text("Emma Simon")).to_be_visible()

    admin.get_by_role("button", name="Désactiver le compte de Emma Simon").click()
    expect(admin.get_by_role("status").filter(has_text="Le compte de Emma Simon est désactivé.")).to_be_visible()
    newcomer.reload()  # her session ended with the account: back to the login
    expect(newcomer.get_by_role("heading", level=1, name="Connexion à Mon Compte Partenaire")).to_be_visible()
    newcomer.context.close()


def test_elise_lets_an_association_send_a_document_for_her_sees_it_then_withdraws(page, desktop_page, tables_kept):
    tables_kept("consentement", "demarche", "document")
    marseille = "Association Logement Solidaire Marseille"
    log_in(page, ELISE.nir, then="/gerer-mon-compte")
    page.get_by_role("link", name="Mes partenaires (envoi de documents pour moi)").click()
    expect(page.get_by_role("heading", level=1, name="Mes partenaires")).to_be_visible()
    expect(page.get_by_text("Vous n'avez autorisé aucun partenaire.")).to_be_visible()
    page.get_by_role("button", name="Autoriser").click()  # nobody chosen: said next to the list
    expect(page.locator("#organisation-messages")).to_contain_text("Choisissez un partenaire de la liste.")
    page.get_by_label("Partenaire").select_option(label=marseille)
    page.get_by_role("button", name="Autoriser").click()
    expect(page.get_by_role("status").filter(has_text="peut désormais envoyer des documents")).to_be_visible()

    agent_login(desktop_page, "asso.marseille", "Mon Compte Partenaire", entry="/partenaires/connexion",
                identifier="Identifiant partenaire")
    desktop_page.get_by_label("Allocataire", exact=True).select_option(label=f"Elise LAMBERT ({ELISE.dossier})")
    desktop_page.get_by_label("Type de document").select_option(label="Attestation de loyer")
    desktop_page.get_by_role("button", name="Envoyer le document").click()  # no file yet: said next to the picker
    expect(desktop_page.locator("#fichier-messages")).to_contain_text("Ajoutez le document")
    with desktop_page.expect_file_chooser() as chooser:
        desktop_page.get_by_role("button", name="Ajouter un fichier").click()
    chooser.value.set_files(files=[{"name": "attestation.pdf", "mimeType": "application/pdf",
                                    "buffer": pdf_document()}])
    expect(desktop_page.get_by_text("1 fichier(s) prêt(s) à envoyer")).to_be_visible()
    desktop_page.get_by_role("button", name="Envoyer le document").click()
    expect(desktop_page.get_by_role("status").filter(has_text="Document envoyé à la Caf (référence D")).to_be_visible()

    page.reload()
    sent = page.get_by_role("listitem").filter(has_text=f"Document envoyé par {marseille} : Attestation de loyer")
    expect(sent).to_be_visible()
    page.get_by_role("button", name=f"Retirer l'autorisation de {marseille}").click()
    expect(page.get_by_role("status").filter(has_text=f"{marseille} ne peut plus envoyer")).to_be_visible()
    desktop_page.reload()
    expect(desktop_page.get_by_text("Aucun allocataire ne vous a encore autorisé(e)")).to_be_visible()


def test_a_tutelle_service_sends_a_quarterly_declaration_for_a_protected_person(desktop_page, tables_kept):
    """The UDAF des Hauts-de-Seine protects Nadia LEVESQUE: its staff member opens her Mon Compte from Mon Compte
    Partenaire, declares her AAH quarter as she would, and the démarche says who made it; the account's own pages
    are not the tuteur's."""
    tables_kept("usersession", "dossierconsultation", "auditevent", *DECLARATION_TABLES)
    tuteur = desktop_page
    agent_login(tuteur, "udaf.92", "Mon Compte Partenaire", entry="/partenaires/connexion",
                identifier="Identifiant partenaire")
    expect(tuteur.get_by_role("heading", level=2, name="Les personnes que vous protégez")).to_be_visible()
    expect(tuteur.get_by_role("listitem").filter(has_text="Nadia LEVESQUE")).to_contain_text(NADIA.dossier)
    tuteur.get_by_role("button", name="Ouvrir l'espace Mon Compte de Nadia LEVESQUE").click()
    # Nadia has not answered the délégation question: asked first, as at her own login; the tuteur leaves it.
    expect(tuteur.get_by_role("heading", level=1, name="Gérer mes autorisations")).to_be_visible()
    wait_until_ready(tuteur)
    tuteur.get_by_role("button", name="Passer").click()
    expect(tuteur.get_by_role("heading", level=1, name=f"Bonjour Martine Leroy ({UDAF}), tuteur de Nadia LEVESQUE")
           ).to_be_visible()
    wait_until_ready(tuteur)
    tuteur.goto("/declaration/aah")
    expect(tuteur.get_by_role("heading", level=1, name="Ma déclaration trimestrielle de ressources")).to_be_visible()
    tuteur.get_by_role("group", name=re.compile("situation familiale a-t-elle changé")).get_by_label("Non").check()
    tuteur.get_by_role("button", name="Continuer").click()
    expect(tuteur.get_by_role("heading", name="Vos ressources")).to_be_visible()
    for fieldset in questions(tuteur).all():
        fieldset.get_by_label("Non", exact=True).check()
    tuteur.get_by_role("button", name="Continuer").click()
    expect(tuteur.get_by_role("heading", name="Ressources d'Eric")).to_be_visible()
    expect(tuteur.get_by_label("Septembre")).to_have_value("1850")  # his salary, pre-filled, kept
    for fieldset in questions(tuteur).all()[1:]:
        fieldset.get_by_label("Non", exact=True).check()
    tuteur.get_by_role("button", name="Continuer").click()
    expect(tuteur.get_by_role("heading", name="Vérifier ma déclaration")).to_be_visible()
    expect(tuteur.get_by_text("1 850,00 €").first).to_be_visible()
    tuteur.get_by_label("Je certifie sur l'honneur").check()
    tuteur.get_by_role("button", name="Envoyer ma déclaration").click()
    expect(tuteur.get_by_role("heading", name="Votre déclaration a bien été envoyée.")).to_be_visible()

    tuteur.goto("/demarches")
    tuteur.get_by_role("tab", name="À consulter").click()
    tuteur.get_by_role("button", name=re.compile("Déclaration trimestrielle de ressources")).first.click()
    expect(tuteur.get_by_text(f"Faite par Martine Leroy ({UDAF}).")).to_be_visible()
    tuteur.goto("/gerer-mon-compte")  # Nadia's password and devices are hers: the page says so, shows none
    expect(tuteur.get_by_role("status").filter(has_text="en tant que tuteur, vous ne les voyez pas")).to_be_visible()
    expect(tuteur.get_by_label("Mot de passe actuel")).to_have_count(0)
    tuteur.goto("/profil")  # her contacts and bank details read, without their pencils
    expect(tuteur.get_by_text("vous ne les modifiez pas ici")).to_be_visible()
    expect(tuteur.get_by_role("button", name="Modifier mon adresse électronique")).to_have_count(0)
    expect(tuteur.get_by_role("button", name="Modifier mon adresse")).to_be_visible()  # her address: a démarche
    tuteur.goto("/menu")
    tuteur.get_by_role("button", name="Déconnexion").click()  # back to the tuteur's own space
    expect(tuteur.get_by_role("heading", level=1, name="Mon Compte Partenaire")).to_be_visible()


def test_a_bailleur_sees_the_aid_paid_for_its_tenant_and_declares_an_unpaid_rent(desktop_page, tables_kept):
    """Azur Habitat Social receives Daniel MORVAN's APL (tiers payant): its staff member reads it paid month by
    month, has an impayé under the threshold refused next to the amount, then declares it into the Caf's queue."""
    tables_kept("demarche", "signalementbailleur")
    bailleur = desktop_page
    agent_login(bailleur, "bailleur.06", "Mon Compte Partenaire", entry="/partenaires/connexion",
                identifier="Identifiant partenaire")
    expect(bailleur.get_by_role("heading", level=2, name="L'espace bailleur : vos locataires")).to_be_visible()
    expect(bailleur.get_by_role("heading", level=3, name="Daniel MORVAN")).to_be_visible()
    paid = bailleur.get_by_role("table", name="Aides au logement versées à votre organisation pour Daniel MORVAN")
    expect(paid.get_by_role("row")).to_have_count(13)  # a year of payments, and the header
    expect(paid.get_by_role("cell", name="198,30 €").first).to_be_visible()
    form = bailleur.locator("form").filter(has=bailleur.get_by_label("Premier mois impayé"))
    form.get_by_label("Locataire", exact=True).select_option(label=f"Daniel MORVAN ({DANIEL.dossier})")
    form.get_by_label("Premier mois impayé").select_option(index=1)  # this month: not three months yet
    form.get_by_label("Montant dû par le locataire (en euros)").fill("500")
    form.get_by_role("button", name="Déclarer l'impayé").click()
    expect(bailleur.locator("#montant-messages")).to_contain_text("deux mois de loyer charges comprises (1 080,00 €)")
    form.get_by_label("Montant dû par le locataire (en euros)").fill("1100")
    form.get_by_role("button", name="Déclarer l'impayé").click()
    expect(bailleur.get_by_role("status").filter(has_text="Impayé de loyer transmis à la Caf (référence B")
           ).to_be_visible()
    expect(bailleur.get_by_role("list", name="Vos déclarations pour Daniel MORVAN")).to_contain_text(
        "Déclaration reçue par la Caf, en cours de traitement")
