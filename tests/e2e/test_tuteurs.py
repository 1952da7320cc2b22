"""Issue 21, point 5: a tuteur physique completes « Première connexion » and works on the dossiers of the people he
protects, as they would; a tuteur moral is sent to the partner space."""

import re

import sqlalchemy
from playwright.sync_api import expect

from caf_app.seed import DEMO_PASSWORD, TUTEUR

from .conftest import MAILBOXES, pass_device_check

JOSEPHINE_DOSSIER = "N° 9204004 - Caf des Hauts-de-Seine - tutelle de Joséphine MASSICOT"
DANIEL_DOSSIER = "N° 0605005 - Caf des Alpes-Maritimes - tutelle de Daniel MORVAN"


def test_point_5_a_tuteur_physique_completes_premiere_connexion_and_acts_for_the_people_he_protects(page, app_db,
                                                                                                   tables_kept):
    tables_kept("dossier", "demarche")  # the délégation he answers for Daniel, asked again afterwards
    page.goto("/connexion")
    page.get_by_role("link", name="Accéder à Mon Compte").click()
    expect(page.get_by_role("heading", level=1, name="Première connexion")).to_be_visible()
    moral = page.get_by_role("listitem").filter(has=page.get_by_role("heading", name="Vous êtes tuteur moral"))
    expect(moral).to_contain_text("espace partenaire pour accéder aux comptes de vos protégés")
    page.get_by_role("listitem").filter(has=page.get_by_role(
        "heading", name="Vous êtes tuteur physique et vous avez déjà un espace Mon Compte")).get_by_role(
        "link", name="Se connecter").click()
    expect(page.get_by_role("heading", level=1, name="Connexion")).to_be_visible()
    sent_before = len(MAILBOXES[0].messages)
    page.get_by_label("Numéro de Sécurité sociale").fill(TUTEUR.nir)
    page.get_by_label("Mot de passe").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Se connecter", exact=True).click()
    pass_device_check(page, TUTEUR.nir, sent_before)

    # Joséphine's dossier first, in her place: her payments.
    page.goto("/mon-compte")
    expect(page.get_by_role("heading", level=1, name="Bonjour Bernard ROUSSEL, tuteur de Joséphine MASSICOT")
           ).to_be_visible()
    page.goto("/allocations")
    page.get_by_role("tab", name="Mes paiements").click()
    expect(page.get_by_role("button", name=re.compile("^Paiement du")).first).to_be_visible()

    # Mes dossiers: Daniel's, where Bernard is asked the délégation question as Daniel would be, and answers it.
    dossiers = page.get_by_label("Mes dossiers")
    expect(dossiers.get_by_role("option")).to_have_text([JOSEPHINE_DOSSIER, DANIEL_DOSSIER])
    dossiers.select_option(label=DANIEL_DOSSIER)
    page.get_by_role("button", name="Changer de dossier").click()
    expect(page.get_by_role("heading", level=1, name="Gérer mes autorisations")).to_be_visible()  # Daniel's question
    page.get_by_role("group", name=re.compile("J'autorise Sylvie RENAUD")).get_by_label("Non").check()
    page.get_by_role("button", name="Continuer").click()
    expect(page.get_by_role("heading", level=1, name="Bonjour Bernard ROUSSEL, tuteur de Daniel MORVAN")
           ).to_be_visible()
    page.get_by_role("navigation", name="Navigation principale").get_by_role("link", name="Profil").click()
    expect(page.get_by_text("Vous êtes le tuteur de Daniel MORVAN : ce profil est le sien")).to_be_visible()
    expect(page.get_by_text("P33392250", exact=True)).to_be_visible()  # Daniel's identifier, not Bernard's
    with app_db.connect() as connection:
        made = connection.execute(sqlalchemy.text(
            "SELECT p.first_names FROM demarche d JOIN person p ON p.id = d.acted_by_id "
            "WHERE d.title = 'Autorisation de gestion retirée à Sylvie RENAUD'")).scalars().all()
    assert made == ["Bernard"]  # the démarche records who acted
