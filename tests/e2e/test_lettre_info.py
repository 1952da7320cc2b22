"""« Ma lettre d'info partenaires » (issue 23, point 2), end to end through a real SMTP server: a visitor subscribes
and confirms through the mail; Caf 92's communication officer writes a letter and sends it, its progress shown;
the letter arrives with a link that unsubscribes in one click."""

from __future__ import annotations

import re
import time

from playwright.sync_api import expect

from .test_gestion import agent_login

ADDRESS = "lettre.partenaire@asso-exemple.fr"


def link_in_mail(mailbox, subject_start: str, timeout: float = 20) -> str:
    """The site's address in the last mail to ADDRESS whose subject starts so (its path and query)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        for message in reversed(mailbox.messages):
            if message["To"] == ADDRESS and message["Subject"].startswith(subject_start):
                return re.search(r"(/lettre-info-partenaires\?\S+)", message.get_content()).group(1)
        time.sleep(0.1)
    raise AssertionError(f"no mail « {subject_start}… » to {ADDRESS}")


def test_a_visitor_subscribes_confirms_by_mail_receives_the_letter_and_unsubscribes(page, desktop_page, mailbox,
                                                                                   tables_kept):
    tables_kept("abonne", "lettreinfo", "lettreenvoi")
    page.goto("/professionnels")
    page.get_by_role("link", name="S'inscrire à la lettre d'info partenaires").click()
    expect(page.get_by_role("heading", level=1, name="Ma lettre d'info partenaires")).to_be_visible()
    page.get_by_label("Votre adresse électronique").fill("pas une adresse")
    page.get_by_role("button", name="S'inscrire").click()
    expect(page.locator("#email-messages")).to_contain_text("adresse électronique valide")
    page.get_by_label("Votre adresse électronique").fill(ADDRESS)
    page.get_by_role("button", name="S'inscrire").click()
    expect(page.get_by_role("status").filter(has_text="cliquez sur le lien")).to_be_visible()
    page.goto(link_in_mail(mailbox, "Confirmez votre inscription"))
    expect(page.get_by_role("status").filter(has_text="Votre inscription est confirmée")).to_be_visible()

    agent_login(desktop_page, "editeur.92", "Actualités du site")
    desktop_page.get_by_role("link", name="Lettre d'info partenaires").click()
    expect(desktop_page.get_by_role("heading", level=1, name="Lettre d'info partenaires")).to_be_visible()
    desktop_page.get_by_label("Objet").fill("Ma lettre d'info partenaires - Janvier")
    desktop_page.get_by_label("Texte").fill("Participez au webinaire « L'AAH, l'AJPA et la déconjugalisation ».")
    desktop_page.get_by_role("button", name="Enregistrer").click()
    letters = desktop_page.get_by_role("table", name="Lettres de votre Caf")
    expect(letters).to_contain_text("Brouillon — 1 abonné(s) la recevront")
    desktop_page.get_by_role("button", name="Envoyer : Ma lettre d'info partenaires - Janvier").click()
    expect(desktop_page.get_by_role("status").filter(has_text="La lettre est envoyée à tous ses abonnés.")) \
        .to_be_visible()
    expect(letters).to_contain_text("à 1 abonné(s)")

    page.goto(link_in_mail(mailbox, "Ma lettre d'info partenaires - Janvier"))
    expect(page.get_by_role("status").filter(has_text="Vous êtes désinscrit(e)")).to_be_visible()


def test_a_partner_registers_for_a_webinar_and_receives_the_invitation(page, mailbox, tables_kept):
    tables_kept("inscriptionwebinaire")
    address = "julie.martin@ccas-exemple.fr"
    page.goto("/professionnels")
    page.get_by_role("link", name="S'inscrire à un webinaire").click()
    expect(page.get_by_role("heading", level=1, name="Les webinaires de la Caf")).to_be_visible()
    page.get_by_role("button", name="S'inscrire au webinaire").click()  # nothing chosen: said next to the list
    expect(page.locator("#webinaire-messages")).to_contain_text("Choisissez un webinaire à venir.")
    page.get_by_label("Webinaire").select_option(label="L'AAH, l'AJPA et la déconjugalisation — le 09/03/2027 à 10h00")
    page.get_by_label("Prénom et nom").fill("Julie Martin")
    page.get_by_label("Organisation").fill("CCAS de Nanterre")
    page.get_by_label("Adresse électronique").fill(address)
    page.get_by_role("button", name="S'inscrire au webinaire").click()
    expect(page.get_by_role("status").filter(has_text="l'invitation (fichier .ics) est envoyée")).to_be_visible()
    deadline = time.monotonic() + 20
    while not [mail for mail in mailbox.messages if mail["To"] == address] and time.monotonic() < deadline:
        time.sleep(0.1)
    [mail] = [mail for mail in mailbox.messages if mail["To"] == address]
    [invitation] = [part for part in mail.iter_attachments() if part.get_content_type() == "text/calendar"]
    ics = invitation.get_content()
    ics = ics.decode() if isinstance(ics, bytes) else ics
    assert "BEGIN:VCALENDAR" in ics and "20270309T090000Z" in ics  # 10 h in Paris, in UTC
