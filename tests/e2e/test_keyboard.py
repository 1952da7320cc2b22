"""Keyboard only: the main journeys with Tab, Shift+Tab, Enter, Space and the arrows of a radio group.

Each step checks that the focus is visible where it lands and that it moves to the new content (the h1 of a
new page, the heading of a new step); a dialog keeps the focus inside and gives it back when it closes."""

import io
import re

from playwright.sync_api import expect
from pypdf import PdfReader

from tests import files
from tests.personas import ELISE

from .conftest import DEMO_PASSWORD, DEVICE_CODE_SUBJECT, DOCUMENT_TABLES, MAILBOXES, log_in

INSIDE = "el => el === document.activeElement || el.contains(document.activeElement)"


def focus_is_visible(page) -> bool:
    """The focused element, or for a radio or checkbox its label, draws an outline."""
    return page.evaluate("""() => {
        const el = document.activeElement;
        const drawn = (node) => { const s = getComputedStyle(node);
                                  return s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2; };
        return drawn(el) || (!!el.labels && el.labels.length > 0 && drawn(el.labels[0]));
    }""")


def tab_to(page, target, *, backwards: bool = False, limit: int = 150) -> None:
    """Press Tab (or Shift+Tab) until the focus is on or inside `target`, as a person would."""
    key = "Shift+Tab" if backwards else "Tab"
    for _ in range(limit):
        page.keyboard.press(key)
        if target.evaluate(INSIDE):
            assert focus_is_visible(page), f"the focus on {target} is not visible"
            return
    raise AssertionError(f"{key} never reached {target}")


def answer_no(page, group) -> None:
    """In a yes/no radio group: reach it with Tab, then the arrows or Space check "Non"."""
    tab_to(page, group)
    while not page.evaluate("document.activeElement.type === 'radio'"):  # past a "?" help button
        tab_to(page, group)
    no = group.get_by_label("Non", exact=True)
    if not no.evaluate("el => el === document.activeElement"):
        page.keyboard.press("ArrowDown")  # from "Oui": moves to "Non" and checks it
    page.keyboard.press("Space")
    expect(no).to_be_checked()


def test_log_in_and_read_the_last_payment_with_the_keyboard(page):
    page.goto("/connexion")
    expect(page.get_by_role("heading", level=1, name="Connexion")).to_be_visible()
    tab_to(page, page.get_by_label("Numéro de Sécurité sociale"))
    page.keyboard.type(ELISE.nir)
    tab_to(page, page.get_by_label("Mot de passe"))
    page.keyboard.type(DEMO_PASSWORD)
    sent_before = len(MAILBOXES[0].messages)
    page.keyboard.press("Enter")
    # A browser not seen before: the code sent by mail, typed in the field that has the focus.
    expect(page.get_by_label("Code reçu")).to_be_focused()
    page.keyboard.type(MAILBOXES[0].code_after(sent_before, DEVICE_CODE_SUBJECT))
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1, name="Bonjour Elise LAMBERT")).to_be_visible()
    expect(page.get_by_text("575,52 €")).to_be_visible()

    tab_to(page, page.get_by_role("link", name="Voir le détail de mes allocations"))
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1, name="Mes allocations")).to_be_focused()
    tab_to(page, page.get_by_role("tab", name="Mes paiements"))
    page.keyboard.press("Space")
    expect(page.get_by_role("tab", name="Mes paiements")).to_have_attribute("aria-selected", "true")
    first = page.get_by_role("button", name=re.compile("^Paiement du")).first
    tab_to(page, first)
    page.keyboard.press("Enter")
    expect(first).to_have_attribute("aria-expanded", "true")
    # Back up with Shift+Tab to the tab just used.
    tab_to(page, page.get_by_role("tab", name="Mes paiements"), backwards=True)


def test_download_an_attestation_with_the_keyboard(page):
    log_in(page, ELISE.nir, then="/attestations")
    tab_to(page, page.get_by_role("group", name="Quelle attestation ?"))
    for _ in range(3):  # from "du dernier paiement" down to "de quotient familial"
        page.keyboard.press("ArrowDown")
    expect(page.get_by_label("Attestation de quotient familial")).to_be_checked()
    tab_to(page, page.get_by_role("button", name="Télécharger"))
    with page.expect_download() as info:
        page.keyboard.press("Enter")
    with open(info.value.path(), "rb") as handle:
        text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(handle.read())).pages)
    assert "quotient familial" in text.lower() and "ELISE LAMBERT" in text


def test_send_a_document_from_a_file_with_the_keyboard(page, tables_kept):
    tables_kept(*DOCUMENT_TABLES)
    log_in(page, ELISE.nir, then="/demarches/transmettre")
    kind = page.get_by_label("Type de document")
    tab_to(page, kind)
    page.keyboard.type("Av")  # a closed select picks the option typed (no space: it would open the list)
    expect(kind.locator("option:checked")).to_have_text("Avis d'imposition")
    # Playwright intercepts file choosers once something listens for them: listen before the key is pressed,
    # or the interception may be switched on after the key already opened the chooser.
    page.on("filechooser", lambda _chooser: None)
    tab_to(page, page.get_by_role("button", name="Choisir un fichier"))
    with page.expect_file_chooser() as chooser:
        page.keyboard.press("Enter")
    chooser.value.set_files(files=[{"name": "avis.pdf", "mimeType": "application/pdf",
                                    "buffer": files.pdf_document(pages=1)}])
    expect(page.get_by_text("PDF de 1 page(s)")).to_be_visible()
    tab_to(page, page.get_by_role("button", name="Continuer"))
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name="2. Vérifier")).to_be_focused()
    tab_to(page, page.get_by_role("button", name="Envoyer"))
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name="Accusé de réception")).to_be_focused()


def test_declare_a_quarter_with_the_keyboard(page, drafts_kept):
    log_in(page, ELISE.nir, then="/declaration/prime-activite")
    expect(page.get_by_role("heading", level=1, name="Ma déclaration trimestrielle de ressources")).to_be_visible()
    answer_no(page, page.get_by_role("group", name=re.compile("situation familiale a-t-elle changé")))
    tab_to(page, page.get_by_role("button", name="Continuer"))
    page.keyboard.press("Enter")
    for name in ("Vos ressources", "Ressources d'Antoine"):
        heading = page.get_by_role("heading", name=name)
        expect(heading).to_be_focused()
        groups = page.get_by_role("main").get_by_role("group").filter(has=page.get_by_label("Non", exact=True))
        for group in groups.all():
            answer_no(page, group)
        tab_to(page, page.get_by_role("button", name="Continuer"))
        page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name="Vérifier ma déclaration")).to_be_focused()
    tab_to(page, page.get_by_label("Je certifie sur l'honneur"))
    page.keyboard.press("Space")
    tab_to(page, page.get_by_role("button", name="Envoyer ma déclaration"))
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name="Votre déclaration a bien été envoyée.")).to_be_focused()


def test_a_dialog_keeps_the_focus_inside_and_gives_it_back(page):
    page.goto("/creer-mon-compte")
    tab_to(page, page.get_by_role("button", name="Commencer"))
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name="État civil")).to_be_focused()
    none = page.get_by_label("Je ne dispose pas d'une pièce d'identité française")
    tab_to(page, page.get_by_role("group", name="Je sélectionne ma pièce d'identité"))
    dialog = page.get_by_role("dialog", name="Absence de pièce d'identité")
    for _ in range(6):  # the arrows move the check down the group, to the last choice, which opens the dialog
        page.keyboard.press("ArrowDown")
        if none.is_checked():
            break
    expect(dialog).to_be_visible()
    assert dialog.evaluate(INSIDE)  # the focus went into the dialog
    for key in ["Tab"] * 4 + ["Shift+Tab"] * 4:
        page.keyboard.press(key)
        # Inside the dialog, or on the browser's own controls (the page behind is inert), never behind it.
        where = page.evaluate("""() => { const d = document.querySelector('dialog[open]');
                                        const a = document.activeElement;
                                        return d ? (d.contains(a) || a === document.body) : a.outerHTML; }""")
        assert where is True, (key, where)
    tab_to(page, dialog.get_by_role("button", name="Retour"))
    page.keyboard.press("Enter")
    expect(dialog).to_be_hidden()
    expect(none).to_be_focused()


def test_a_full_page_load_leaves_the_focus_at_the_start(page):
    # The build serves /allocations/ for /allocations: the address changing by a slash is no navigation, and the
    # focus must not jump to the h1 (a keyboard user starts from the skip link).
    log_in(page, ELISE.nir, then="/allocations")
    expect(page.get_by_role("tab", name="Mes paiements")).to_be_visible()
    page.keyboard.press("Tab")
    expect(page.get_by_role("link", name="Aller au contenu")).to_be_focused()
