"""The agents' space for the public site (issue 22, points 3 and 4), two people as they would: Caf 92's
communication officer writes a news item, sees its preview and publishes it; a visitor on a phone finds it on
Ma Caf 92 and reads it; the officer reaches no dossier. Caf 92's gestionnaire opens rendez-vous slots."""

from __future__ import annotations

import re
from datetime import date, timedelta

from playwright.sync_api import expect

from caf_app import routes

from .conftest import wait_until_ready
from .test_gestion import agent_login

TITLE = "Fête de la petite enfance à Nanterre"


def test_an_editor_publishes_a_local_news_item_and_a_visitor_reads_it_on_ma_caf(desktop_page, page, tables_kept):
    tables_kept("actualite", "auditevent")  # the search index: the item is withdrawn at the end
    editor = desktop_page
    agent_login(editor, "editeur.92", landing="Actualités du site")  # an editor lands on the news
    expect(editor.get_by_role("navigation", name="Espace gestion").get_by_role("link", name="File de travail")
           ).to_have_count(0)
    wait_until_ready(editor)
    editor.get_by_label("Titre", exact=True).fill("Fête")
    editor.get_by_role("button", name="Enregistrer et prévisualiser").click()
    expect(editor.get_by_label("Titre", exact=True)).to_have_attribute("aria-invalid", "true")
    editor.get_by_label("Titre", exact=True).fill(TITLE)
    editor.get_by_label("Résumé (sous le titre, dans les listes et la recherche)").fill(
        "Un après-midi de jeux et d'information pour les familles.")
    editor.get_by_label("Texte", exact=True).fill("## Pour qui ?\n\nLes familles de Nanterre et leurs enfants.")
    editor.get_by_role("button", name="Enregistrer et prévisualiser").click()
    preview = editor.get_by_role("article")
    expect(preview.get_by_role("heading", level=2, name="Pour qui ?")).to_be_visible()
    editor.get_by_role("button", name="Publier").click()
    expect(editor.get_by_role("status").filter(has_text="Publiée")).to_be_visible()
    expect(editor.get_by_role("row").filter(has_text=TITLE)).to_contain_text("Publiée le")
    editor.goto(routes.GESTION_DOSSIERS.path)  # no dossier for an editor
    expect(editor.get_by_role("heading", level=1, name="Rechercher un dossier")).to_be_visible()
    wait_until_ready(editor)
    editor.get_by_label("Numéro allocataire, NIR ou nom").fill("LAMBERT")
    editor.get_by_role("button", name="Rechercher").click()
    expect(editor.get_by_text("Ce dossier n'existe pas ou ne relève pas de votre Caf.")).to_be_visible()
    expect(editor.get_by_role("button", name=re.compile("^Ouvrir le dossier"))).to_have_count(0)

    page.goto(routes.MA_CAF_PAGES["92"].path)
    news = page.locator("#actualites").locator("..")
    news.get_by_role("link", name=TITLE).click()
    expect(page.get_by_role("heading", level=1, name=TITLE)).to_be_visible()
    scope = "Actualité départementale – Caf des Hauts-de-Seine · Publié le"
    expect(page.get_by_text(re.compile(scope))).to_be_visible()
    expect(page).to_have_title(re.compile("^" + TITLE))

    editor.goto(routes.GESTION_ACTUALITES.path)
    wait_until_ready(editor)
    editor.get_by_role("button", name=f"Modifier : {TITLE}").click()
    editor.get_by_role("button", name="Retirer du site").click()
    expect(editor.get_by_role("status").filter(has_text="Retirée du site.")).to_be_visible()
    page.reload()
    expect(page.get_by_text("Cette actualité n'existe pas ou n'est plus en ligne.")).to_be_visible()


def test_a_gestionnaire_opens_rendez_vous_slots_for_the_caf(desktop_page, tables_kept):
    tables_kept("creneau")
    agent_login(desktop_page, "agent.92")
    desktop_page.get_by_role("navigation", name="Espace gestion").get_by_role("link", name="Rendez-vous").click()
    expect(desktop_page.get_by_role("heading", level=1, name="Créneaux de rendez-vous")).to_be_visible()
    wait_until_ready(desktop_page)
    desktop_page.get_by_label("Jour").fill("31/02/2027")
    desktop_page.get_by_label("Heures de début").fill("08:15, 08h45")
    desktop_page.get_by_label("Point d'accueil (pour un rendez-vous à l'accueil)").fill("Nanterre, accueil")
    desktop_page.get_by_role("button", name="Ouvrir ces créneaux").click()
    expect(desktop_page.get_by_label("Jour")).to_have_attribute("aria-invalid", "true")
    day = date.today() + timedelta(days=10)
    desktop_page.get_by_label("Jour").fill(day.strftime("%d/%m/%Y"))
    desktop_page.get_by_role("button", name="Ouvrir ces créneaux").click()
    expect(desktop_page.get_by_role("status").filter(has_text="2 créneau(x) ouvert(s).")).to_be_visible()
    rows = desktop_page.get_by_role("row").filter(has_text="Nanterre, accueil")
    expect(rows).to_have_count(2)
    expect(rows.first).to_contain_text("08h15")
    expect(rows.first).to_contain_text("Libre")
