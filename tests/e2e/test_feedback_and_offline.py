"""Issue 24, points 2, 4 and 5: offline never lies, feedback shows where the eye is, waiting and progress show."""

import re

from playwright.sync_api import expect

from tests import files
from tests.personas import ELISE, JOSEPHINE, SAMIR

from .conftest import DOCUMENT_TABLES, log_in

OFFLINE = "Indisponible hors ligne : ces informations s'afficheront au retour de la connexion."


def bottom_bar(page):
    return page.get_by_role("navigation", name="Navigation principale")


def test_offline_allocations_and_demarches_say_they_are_unavailable_and_no_english_toast_covers_the_bar(page):
    log_in(page, SAMIR.nir)
    expect(page.get_by_text("497,01 €")).to_be_visible()
    page.wait_for_function("navigator.serviceWorker.ready.then(() => !!navigator.serviceWorker.controller)")
    page.goto("/demarches")  # each page once online: the worker keeps its code
    expect(page.get_by_role("tab", name="À transmettre")).to_be_visible()
    page.goto("/allocations")
    expect(page.get_by_role("tab", name="Mes droits")).to_be_visible()
    page.console_errors.offline = True  # the browser logs its failed reconnections
    page.context.set_offline(True)
    page.reload()
    expect(page.locator("#hors-ligne")).to_be_visible()
    expect(page.get_by_role("status").filter(has_text=OFFLINE)).to_be_visible()
    expect(page.get_by_text("Aucun droit ce mois-ci")).to_have_count(0)
    page.wait_for_timeout(4000)  # Reflex's toast came after two failed reconnections
    expect(page.get_by_text(re.compile("Cannot connect|websocket error|Connection Error", re.I))).to_have_count(0)
    expect(page.locator("[data-sonner-toast]")).to_have_count(0)
    # The bar takes its taps: what is under the centre of each link is the link itself.
    for name in ("Accueil", "Démarches"):
        assert page.evaluate("""(link) => { const r = link.getBoundingClientRect();
            const hit = document.elementFromPoint(r.x + r.width / 2, r.y + r.height / 2);
            return !!hit && link.contains(hit); }""", bottom_bar(page).get_by_role("link", name=name).element_handle())
    bottom_bar(page).get_by_role("link", name="Démarches").click(timeout=5000)
    expect(page.get_by_role("heading", level=1, name="Mes démarches")).to_be_visible()
    expect(page.get_by_role("status").filter(has_text=OFFLINE)).to_be_visible()
    expect(page.get_by_text("Vous n'avez pas de démarche à transmettre")).to_have_count(0)
    page.context.set_offline(False)  # back online, the data comes by itself
    expect(page.locator("#hors-ligne")).to_be_hidden(timeout=30_000)
    expect(page.get_by_role("tab", name="À transmettre")).to_be_visible()
    expect(page.get_by_role("status").filter(has_text=OFFLINE)).to_have_count(0)


def test_a_saved_address_is_said_next_to_its_row_and_takes_focus(page, tables_kept):
    tables_kept("dossier", "demarche")
    log_in(page, ELISE.nir, then="/profil")
    page.get_by_role("button", name="Modifier mon adresse", exact=True).click()
    page.get_by_label("Numéro et voie").fill("14 boulevard Longchamp")
    page.get_by_label("Code postal").fill("13001")
    page.get_by_label("Commune").fill("Marseille")
    page.get_by_role("button", name="Enregistrer").click()
    saved = page.get_by_role("status").filter(has_text="nouvelle adresse est enregistrée")
    expect(saved).to_be_focused()
    expect(saved).to_be_in_viewport()
    row = page.locator(".dl-row", has_text="Adresse postale")
    below = page.evaluate("([row, saved]) => saved.getBoundingClientRect().top - row.getBoundingClientRect().bottom",
                          [row.element_handle(), saved.element_handle()])
    assert 0 <= below < 80, below  # right under the row changed, not at the top of the page


def summary_of(page):
    return page.locator(".error-summary")


def test_recovery_sent_empty_marks_every_field_and_its_summary_takes_focus(page):
    page.goto("/mot-de-passe-oublie")
    expect(page.get_by_role("heading", name="Votre identité")).to_be_visible()
    page.get_by_role("button", name="Continuer").click()
    summary = summary_of(page)
    expect(summary).to_be_focused()
    expect(summary).to_have_attribute("role", "alert")
    expect(summary.get_by_role("link")).to_have_count(3)
    for label in ("Numéro de Sécurité sociale", "Nom de naissance"):
        expect(page.get_by_label(label, exact=True)).to_have_attribute("aria-invalid", "true")
    expect(summary.get_by_role("link", name="Saisissez les caractères de l'image.")).to_be_visible()
    summary.get_by_role("link", name="Saisissez votre nom de naissance.").click()
    expect(page.get_by_label("Nom de naissance", exact=True)).to_be_focused()
    page.get_by_label("Nom de naissance", exact=True).fill("Lambert")
    page.get_by_role("button", name="Continuer").click()
    expect(summary.get_by_role("link")).to_have_count(2)
    expect(summary).to_be_focused()


def test_signup_and_the_simulator_sent_with_several_errors_show_a_summary_linking_to_each_field(page):
    page.goto("/creer-mon-compte")
    page.get_by_role("button", name="Commencer").click()
    expect(page.get_by_role("heading", name="État civil")).to_be_visible()
    page.get_by_role("button", name="Continuer").click()
    summary = summary_of(page)
    expect(summary).to_be_focused()
    links = summary.get_by_role("link")
    assert links.count() >= 2
    links.first.click()  # the field of the first error takes focus (a radio button here: its first one)
    expect(page.locator(":focus")).to_have_attribute("name", re.compile("."))
    assert page.evaluate("document.activeElement.matches('input, select, textarea')")

    page.goto("/simuler-ou-demander-une-prestation")
    page.get_by_role("button", name="RSA (Revenu de solidarité active)").click()
    expect(page.get_by_text("Étape 1 sur")).to_be_visible()
    page.get_by_role("button", name="Suivant").click()
    expect(summary).to_be_focused()
    assert summary.get_by_role("link").count() >= 2


def test_a_declaration_screen_sent_empty_shows_its_summary(page, drafts_kept):
    log_in(page, JOSEPHINE.nir, then="/declaration/rsa")
    page.get_by_label("Non", exact=True).check()
    page.get_by_role("button", name="Continuer").click()
    expect(page.get_by_role("heading", name="Vos ressources")).to_be_visible()
    page.get_by_role("button", name="Continuer").click()
    summary = summary_of(page)
    expect(summary).to_be_focused()
    assert summary.get_by_role("link").count() >= 2
    summary.get_by_role("link").nth(1).click()
    assert page.evaluate("document.activeElement.matches('input')")


def test_a_pdf_says_it_is_being_prepared_then_that_it_was_saved(desktop_page):
    page = desktop_page  # the Accueil's payment card lists its PDFs on a desktop
    log_in(page, ELISE.nir)
    held = []
    page.route("**/api/documents/attestation-paiement*", lambda route: held.append(route))
    link = page.get_by_role("link", name="Télécharger ma dernière attestation")
    link.click()
    busy = page.locator("a[aria-busy=true]")  # the request is held by the test until the busy state was seen
    expect(busy).to_have_text("Préparation du PDF…", use_inner_text=True)
    expect(page.get_by_role("link", name="Préparation du PDF…")).to_have_attribute("aria-busy", "true")
    with page.expect_download() as info:
        held[0].continue_()
    assert info.value.suggested_filename.endswith(".pdf")
    expect(busy).to_have_count(0)
    expect(page.get_by_role("status").filter(has_text="Attestation téléchargée")).to_be_visible()
    expect(link).to_be_visible()  # the link itself again, for another time


def test_an_upload_shows_its_progress_on_the_page_in_view_and_none_stays_after_a_refusal(page, tables_kept):
    tables_kept(*DOCUMENT_TABLES)
    log_in(page, ELISE.nir, then="/demarches/transmettre")
    page.get_by_label("Type de document").select_option(label="Avis d'imposition")
    cdp = page.context.new_cdp_session(page)
    cdp.send("Network.enable")
    cdp.send("Network.emulateNetworkConditions", {"offline": False, "latency": 0, "downloadThroughput": -1,
                                                  "uploadThroughput": 40 * 1024})
    with page.expect_file_chooser() as chooser:
        page.get_by_role("button", name="Choisir un fichier").click()
    chooser.value.set_files(files=[{"name": "photo.jpg", "mimeType": "image/jpeg",
                                    "buffer": files.photo_with_exif(orientation=1)}])
    progress = page.locator(".pages .upload-progress")
    expect(progress).to_be_visible()
    expect(progress).to_be_in_viewport()
    cdp.send("Network.emulateNetworkConditions", {"offline": False, "latency": 0, "downloadThroughput": -1,
                                                  "uploadThroughput": -1})
    expect(page.get_by_role("img", name="Page 1, aperçu")).to_be_visible(timeout=30_000)
    expect(page.locator("#progression")).to_have_count(0)
    with page.expect_file_chooser() as chooser:
        page.get_by_role("button", name="Choisir un fichier").click()
    chooser.value.set_files(files=[{"name": "texte.jpg", "mimeType": "image/jpeg", "buffer": files.text_renamed_jpg()}])
    expect(page.get_by_role("alert")).to_contain_text("ni une photo JPEG, PNG ou HEIC ni un document PDF")
    page.wait_for_timeout(1000)  # the browser's last report of the upload, if any, has come
    expect(page.locator("#progression")).to_have_count(0)
    expect(page.get_by_text("100 %")).to_have_count(0)
