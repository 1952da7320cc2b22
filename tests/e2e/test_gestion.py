"""The Caf's side, as two people would use it: an agent on a desktop at /gestion (password and a code of an
authenticator app) decides what a family sent, and the family sees it on the phone."""

from __future__ import annotations

import re
import time

import pyotp
import sqlalchemy
from playwright.sync_api import Page, expect
from sqlmodel import Session, select

from caf_app import models as m
from caf_app.domain.statuses import BankAccountStatus, DemarcheKind
from caf_app.seed import DEMO_PASSWORD, demo_totp_secret
from caf_app.services.gestion import agents
from caf_app.settings import load_settings
from tests import files
from tests.chromium import DESKTOP
from tests.personas import ELISE, JONAS, SAMIR

from .conftest import DOCUMENT_TABLES, _new_page, log_in
from .test_declaration import declare_jonas_rsa_quarter
from .test_transmission import take_photo

TITLE = "Message à ma Caf : nouveau bail"
USED_STEP: dict[str, int] = {}  # a code is accepted once: a second login of an agent in the run takes the next one
GESTION_TABLES = ("demarche", "piecedemandee", "alerte", "courrier", "dossierconsultation", "agentsession",
                  "outboxmessage")


def agent_login(page: Page, login: str, landing: str = "File de travail", *, entry: str = "/gestion/connexion",
                identifier: str = "Identifiant agent") -> None:
    """Log in at a staff entry (the Caf's agents by default; Mon Compte Partenaire's with its entry and label)."""
    totp = pyotp.TOTP(demo_totp_secret(login))
    step = max(totp.timecode(time.time()), USED_STEP.get(login, 0) + 1)
    USED_STEP[login] = step
    page.goto(entry)
    page.get_by_label(identifier).fill(login)
    page.get_by_label("Mot de passe").fill(DEMO_PASSWORD)
    page.get_by_label("Code de votre application d'authentification").fill(totp.generate_otp(step))
    page.get_by_role("button", name="Se connecter").click()
    expect(page.get_by_role("heading", level=1, name=landing)).to_be_visible()


def take(agent: Page, kind: str, item) -> None:
    """The agent filters the queue on a kind and takes the item (its name, or a pattern): the Prendre button."""
    agent.get_by_label("Type").select_option(label=kind)
    agent.get_by_role("button", name="Filtrer").click()
    agent.get_by_role("button", name=item).last.click()


def message_from(app_db, numero: str, text: str) -> None:
    with app_db.begin() as connection:
        dossier_id = connection.execute(sqlalchemy.text("SELECT id FROM dossier WHERE numero_allocataire = :n"),
                                        {"n": numero}).scalar_one()
        connection.execute(sqlalchemy.text(
            "INSERT INTO demarche (dossier_id, kind, title, status, created_on, updated_on, reference, detail, "
            "decision, motif) VALUES (:d, 'message', :title, 'recue', :now, :now, '', :t, '', '')"),
            {"d": dossier_id, "t": text, "title": TITLE, "now": "2026-11-02 09:00:00"})


def test_a_wrong_code_is_refused_next_to_the_form_and_the_identifier_stays(desktop_page):
    desktop_page.goto("/gestion/connexion")
    desktop_page.get_by_label("Identifiant agent").fill("agent.92")
    desktop_page.get_by_label("Mot de passe").fill(DEMO_PASSWORD)
    desktop_page.get_by_label("Code de votre application d'authentification").fill("000000")
    desktop_page.get_by_role("button", name="Se connecter").click()
    expect(desktop_page.get_by_role("alert")).to_contain_text("Identifiant, mot de passe ou code incorrect")
    expect(desktop_page.get_by_label("Identifiant agent")).to_have_value("agent.92")
    desktop_page.goto("/gestion")  # no session: back to the agents' login
    expect(desktop_page.get_by_role("heading", level=1, name="Connexion des agents de la Caf")).to_be_visible()


def test_two_agents_race_for_a_message_one_gets_it_and_asks_elise_for_a_piece(desktop_page, page, browser, base_url,
                                                                               app_db, tables_kept):
    tables_kept(*GESTION_TABLES)
    message_from(app_db, ELISE.dossier, "Je vous envoie bientôt mon nouveau bail.")
    context, other = _new_page(browser, base_url, DESKTOP)
    try:
        agent_login(desktop_page, "agent.13")
        agent_login(other, "superviseur.13")
        for screen in (desktop_page, other):
            screen.get_by_label("Type").select_option(label="Messages")
            screen.get_by_role("button", name="Filtrer").click()
            expect(screen.get_by_role("button", name=f"Prendre : {TITLE} {ELISE.dossier}")).to_be_visible()
        desktop_page.get_by_role("button", name=f"Prendre : {TITLE} {ELISE.dossier}").click()
        expect(desktop_page.get_by_role("heading", level=1, name=TITLE)).to_be_visible()
        other.get_by_role("button", name=f"Prendre : {TITLE} {ELISE.dossier}").click()
        expect(other.get_by_role("alert")).to_contain_text("Un autre agent traite déjà cette démarche")
        other.get_by_role("link", name="Activité de l'équipe").click()  # the superviseur sees who opened what
        expect(other.get_by_role("table", name="Consultations des dossiers").get_by_role("row").filter(
            has_text="Sonia Haddad").filter(has_text=ELISE.dossier).first).to_be_visible()
    finally:
        context.close()
    expect(desktop_page.get_by_text("Je vous envoie bientôt mon nouveau bail.")).to_be_visible()
    desktop_page.get_by_label("Pièce à demander").fill("Bail de votre nouveau logement")
    desktop_page.get_by_role("button", name="Demander la pièce").click()
    expect(desktop_page.get_by_role("status").filter(has_text="Pièce demandée")).to_be_visible()
    desktop_page.get_by_role("link", name="Rechercher un dossier").click()
    desktop_page.get_by_label("Numéro allocataire, NIR ou nom").fill("lambert")
    desktop_page.get_by_role("button", name="Rechercher").click()
    desktop_page.get_by_label("Raison de la consultation").select_option("Réclamation")
    desktop_page.get_by_role("button", name=f"Ouvrir le dossier {ELISE.dossier}").click()
    expect(desktop_page.get_by_role("heading", name=f"Dossier {ELISE.dossier} — Elise LAMBERT")).to_be_visible()
    expect(desktop_page.get_by_text("Bail de votre nouveau logement")).to_be_visible()  # the piece it waits for

    log_in(page, ELISE.nir)
    expect(page.get_by_text("Information manquante")).to_be_visible()
    page.goto("/demarches")
    expect(page.get_by_text("Bail de votre nouveau logement")).to_be_visible()
    page.goto("/courriers")  # issue 21, point 9: the courriels she sent are there too
    page.get_by_role("button", name=re.compile(re.escape(TITLE) + r"\s*Courriel envoyé")).click()
    expect(page.get_by_text("Je vous envoie bientôt mon nouveau bail.")).to_be_visible()
    expect(page.get_by_text(re.compile("^Votre Caf a répondu le "))).to_be_visible()  # by asking for the piece


def test_jonas_declaration_accepted_by_his_caf_recomputes_his_rsa_and_says_why(page, desktop_page, drafts_kept,
                                                                               tables_kept):
    """The issue's journey: the agent's clicks and seconds from the queue to the decision are printed (-s)."""
    tables_kept("droitchange", "rappel", "dette", "courrier", "dossierconsultation", "agentsession", "outboxmessage")
    log_in(page, JONAS.nir)
    declare_jonas_rsa_quarter(page, ("900", "900", "900"))

    agent = desktop_page
    agent_login(agent, "agent.92")
    started = time.monotonic()
    take(agent, "Déclarations trimestrielles", re.compile(r"^Prendre : Déclaration trimestrielle de ressources "
                                                          rf"\(Revenu de solidarité active\).* {JONAS.dossier}$"))
    expect(agent.get_by_role("table", name=re.compile("Déclaré ce trimestre"))).to_contain_text("900,00 €")
    agent.get_by_role("button", name="Accepter").click()
    expect(agent.get_by_role("status").filter(has_text="Acceptée. Droits recalculés")).to_be_visible()
    print(f"\nTraitement d'une déclaration par l'agent : 3 clics (filtrer, prendre, accepter), "
          f"{time.monotonic() - started:.1f} s")

    page.goto("/allocations")
    why = page.get_by_text("Pourquoi ce montant a changé ? : Revenu de solidarité active")
    expect(why).to_be_visible()
    why.click()
    expect(page.get_by_text(re.compile("Vos revenus d'activité ont augmenté")).first).to_be_visible()
    page.goto("/courriers")
    expect(page.get_by_role("button", name=re.compile("Notification de droits.*Non lu|Non lu.*Notification de droits"))
           ).to_be_visible()


def send_a_photo_for(page: Page, piece: str, name: str) -> None:
    """From Mes démarches, the piece asked for answered with one photo, sent."""
    page.get_by_role("link", name=f"Transmettre : {piece}").click()
    take_photo(page, files.photo_with_exif(orientation=1))
    expect(page.get_by_role("img", name="Page 1, aperçu")).to_be_visible()
    page.get_by_label("Nom du document (facultatif)").fill(name)
    page.get_by_role("button", name="Continuer").click()
    page.get_by_role("button", name="Envoyer").click()
    expect(page.get_by_role("heading", name="Accusé de réception")).to_be_visible()


def test_samir_s_document_gets_another_piece_asked_then_accepted(page, desktop_page, tables_kept):
    tables_kept(*DOCUMENT_TABLES, "courrier", "dossierconsultation", "agentsession", "outboxmessage")
    log_in(page, SAMIR.nir, then="/demarches")
    send_a_photo_for(page, "Attestation de loyer", "Attestation de loyer")

    agent = desktop_page
    agent_login(agent, "agent.92")
    take(agent, "Documents", f"Prendre : Transmettre un document : Attestation de loyer {SAMIR.dossier}")
    expect(agent.get_by_role("img", name="Page 1 de Attestation de loyer")).to_be_visible()  # the photo, inline
    agent.get_by_label("Pièce à demander").fill("Quittance de loyer d'octobre 2026")
    agent.get_by_role("button", name="Demander la pièce").click()
    expect(agent.get_by_role("status").filter(has_text="Pièce demandée")).to_be_visible()

    page.goto("/mon-compte")
    expect(page.get_by_text("Information manquante")).to_be_visible()
    page.goto("/demarches")
    send_a_photo_for(page, "Quittance de loyer d'octobre 2026", "Quittance d'octobre")

    agent.get_by_role("link", name="File de travail").click()
    take(agent, "Documents", re.compile(rf"^Prendre : Transmettre un document : .*{SAMIR.dossier}$"))
    agent.get_by_role("button", name="Accepter").click()
    expect(agent.get_by_role("status").filter(has_text="Documents acceptés")).to_be_visible()


NEW_IBAN = "FR7630006000011234567890189"


def new_bank_details(app_db, numero: str, key: str) -> None:
    """New bank details sent from Mon profil (services/situation/profil_edits.py), as they wait: the account
    pending and its démarche; and a second agent of the Caf, created as the command creates one."""
    with Session(app_db) as session:
        dossier = session.exec(select(m.Dossier).where(m.Dossier.numero_allocataire == numero)).one()
        session.add(m.BankAccount(dossier_id=dossier.id, iban=NEW_IBAN, bic="AGRIFRPP", holder="SAMIR GHOMDI",
                                  status=BankAccountStatus.PENDING))
        session.add(m.Demarche(dossier_id=dossier.id, kind=DemarcheKind.CHANGEMENT_SITUATION,
                               title="Changement de coordonnées bancaires", detail="IBAN se terminant par 0189"))
        session.commit()
        agents.create_agent(session=session, login="agent2.92", name="Inès Lefort", departement="92", role="agent",
                            password=DEMO_PASSWORD, totp_secret=demo_totp_secret("agent2.92"), key=key)


def test_new_bank_details_are_used_only_once_a_second_agent_validates_them(page, desktop_page, browser, base_url,
                                                                           app_db, app_env, tables_kept):
    tables_kept("agent", "bankaccount", "demarche", "courrier", "dossierconsultation", "agentsession",
                "outboxmessage")
    new_bank_details(app_db, SAMIR.dossier, load_settings(app_env).secret_key)
    item = re.compile(rf"^Prendre : Changement de coordonnées bancaires {SAMIR.dossier}$")
    agent_login(desktop_page, "superviseur.92")
    take(desktop_page, "Changements de situation", item)
    expect(desktop_page.get_by_text(NEW_IBAN)).to_be_visible()  # in full here, beside the RIB
    desktop_page.get_by_role("button", name="Vérifier les coordonnées").click()
    expect(desktop_page.get_by_role("status").filter(has_text="un second agent doit les valider")).to_be_visible()

    log_in(page, SAMIR.nir, then="/profil")
    expect(page.get_by_text("IBAN •••• 0189 : en cours de traitement")).to_be_visible()  # not used yet

    context, second = _new_page(browser, base_url, DESKTOP)
    try:
        agent_login(second, "agent2.92")
        expect(second.get_by_text("à valider par un second agent")).to_be_visible()
        take(second, "Changements de situation", item)
        second.get_by_role("button", name="Valider (second agent)").click()
        expect(second.get_by_role("status").filter(has_text="Coordonnées validées")).to_be_visible()
    finally:
        context.close()
    page.reload()
    expect(page.get_by_text(re.compile("IBAN •••• 0189, BIC"))).to_be_visible()
    expect(page.get_by_text("IBAN •••• 0189 : en cours de traitement")).to_have_count(0)
