"""Issue 24, points 7, 8, 10, 12 and 13: the unread count on every way to the courriers, the document pickers and
their check step, Mes démarches' tasks first, the declaration's steps and FALC screens, one component set.
Layout is measured (bounding boxes, computed styles), texts and accessible names read as a person would."""

import re

from playwright.sync_api import expect

from tests import files
from tests.personas import ELISE, JONAS, SAMIR

from .conftest import DOCUMENT_TABLES, log_in, questions
from .test_transmission import take_photo


def style(locator, prop: str) -> str:
    return locator.evaluate("(el, prop) => getComputedStyle(el).getPropertyValue(prop)", prop)


def left(locator) -> float:
    return locator.bounding_box()["x"]


# Point 7 -----------------------------------------------------------------------------------------------------------

def test_the_unread_count_is_on_every_way_to_the_courriers(page):
    log_in(page, JONAS.nir)
    bottom_bar = page.get_by_role("navigation", name="Navigation principale")
    badge = bottom_bar.get_by_role("link", name=re.compile("Menu")).locator(".badge")
    expect(badge).to_have_text(re.compile(r"^\d+$"))
    count = badge.inner_text()
    expect(bottom_bar.get_by_role("link", name=re.compile("Menu"))).to_have_accessible_name(
        re.compile(rf"{count} courriers? non lus?"))
    # The Accueil's tile, the account menu's entry and the Menu's entry carry the same number.
    tile = page.get_by_role("navigation", name="Accès directs").get_by_role("link", name=re.compile("Mes courriers"))
    expect(tile.locator(".badge")).to_have_text(count)
    page.locator(".account-menu > summary").click()
    entry = page.get_by_role("link", name=re.compile("Consulter mes courriers, courriels"))
    expect(entry.locator(".badge")).to_have_text(count)
    page.locator(".account-menu > summary").click()
    page.goto("/menu")
    menu_entry = page.get_by_role("navigation", name="Menu de Mon Compte").get_by_role(
        "link", name=re.compile("Mes courriers et courriels"))
    expect(menu_entry.locator(".badge")).to_have_text(count)
    size = menu_entry.locator(".badge").bounding_box()
    assert size["height"] >= 18 and size["width"] >= 18  # a badge one can read, not a 10 px dot

    page.goto("/courriers")
    letters = page.locator(".courrier-toggle")
    expect(letters.first).to_be_visible()
    unread = page.locator(".courrier-toggle.unread")
    expect(unread.first.get_by_text("Non lu", exact=True)).to_be_visible()  # in words, not only a dot
    expect(unread.first).to_have_accessible_name(re.compile("^.*Non lu"))
    dates = page.locator(".courrier-date")
    xs, widths = {round(left(d)) for d in dates.all()}, {round(d.bounding_box()["width"]) for d in dates.all()}
    assert len(xs) == 1 and len(widths) == 1, (xs, widths)  # a fixed date column
    assert len({round(left(m)) for m in page.locator(".courrier-main").all()}) == 1  # every subject at one place
    read = page.locator(".courrier-toggle:not(.unread) .courrier-subject")
    assert read.count() >= 1
    assert {style(s, "font-weight") for s in read.all()} == {"400"}  # read letters not bold
    assert style(unread.first.locator(".courrier-subject"), "font-weight") == "700"
    read.first.click()  # opened, a read letter stays regular
    assert style(read.first, "font-weight") == "400"


# Points 8 and 10 ---------------------------------------------------------------------------------------------------

def test_demarches_shows_the_tasks_first_as_cards_and_the_pickers_are_two_48px_buttons(page, tables_kept):
    tables_kept(*DOCUMENT_TABLES)
    log_in(page, SAMIR.nir, then="/demarches")
    tasks = page.locator("#a-faire")
    expect(tasks.get_by_role("heading", name="À faire")).to_be_visible()
    card = tasks.locator(".task").filter(has_text="Attestation de loyer")
    expect(card).to_contain_text(re.compile(r"À transmettre avant le \d"))
    assert style(card, "border-top-style") == "solid"
    delais = page.get_by_role("heading", name="Délais de traitement")
    expect(delais).to_be_visible()
    assert tasks.bounding_box()["y"] < delais.bounding_box()["y"]  # the person's tasks above the Caf's délais

    card.get_by_role("link", name="Transmettre : Attestation de loyer").click()
    for name in ("Prendre une photo", "Choisir un fichier"):
        picker = page.get_by_role("button", name=name)
        expect(picker).to_be_visible()
        box = picker.bounding_box()
        assert 48 <= box["height"] <= 60, (name, box)  # not a 230 px block
        assert box["width"] <= 320, (name, box)
        assert style(picker, "border-top-style") == "solid" and style(picker, "border-top-width") == "2px"
        expect(picker).to_contain_text(name)
    take_photo(page, files.photo_with_exif(orientation=1))
    expect(page.get_by_role("img", name="Page 1, aperçu")).to_be_visible()
    page.get_by_role("button", name="Continuer").click()
    expect(page.get_by_role("heading", name="2. Vérifier")).to_be_visible()
    expect(page.locator(".check-page").get_by_role("img", name="Page 1, aperçu")).to_be_visible()  # thumbnails
    expect(page.locator(".check-about")).to_contain_text("Type de document")
    expect(page.locator(".check-about")).to_contain_text("Pièce demandée par votre Caf : Attestation de loyer")


def test_a_consulter_aligns_every_status_in_its_column(page):
    log_in(page, JONAS.nir, then="/demarches")
    page.get_by_role("tab", name="À consulter").click()
    statuses = page.locator(".demarche-status")
    expect(statuses.first).to_be_visible()
    assert statuses.count() >= 2
    assert len({round(left(s)) for s in statuses.all()}) == 1


# Point 12 ----------------------------------------------------------------------------------------------------------

def test_the_standard_declaration_counts_its_steps_and_says_what_happens_next(page, drafts_kept):
    log_in(page, JONAS.nir, then="/declaration/rsa")
    expect(page.get_by_text(re.compile(r"^Étape 1 sur \d$"))).to_be_visible()
    intro = page.get_by_text("Le mois à indiquer est celui où l'argent est arrivé sur le compte bancaire.")
    expect(intro).to_be_visible()
    page.get_by_role("group", name=re.compile("situation familiale a-t-elle changé")).get_by_label("Non").check()
    page.get_by_role("button", name="Continuer").click()
    heading = page.get_by_role("heading", name="Vos ressources")
    expect(heading).to_be_focused()
    expect(page.get_by_text(re.compile(r"^Étape 2 sur \d$"))).to_be_visible()
    expect(intro).to_be_hidden()  # folded into « Rappel des consignes »
    expect(page.get_by_text("Rappel des consignes")).to_be_visible()
    # The heading's focus is a calm brand line, not the orange ring of an error.
    assert style(heading, "outline-style") == "none"
    assert "rgb(11, 79, 108)" in style(heading, "box-shadow")
    helps = page.locator(".help > summary")
    assert helps.count() >= 2
    for summary in helps.all():
        expect(summary).to_have_accessible_name(re.compile(r"^Aide : .+"))
    for fieldset in questions(page).all():
        fieldset.get_by_label("Non", exact=True).check()
    page.get_by_role("button", name="Continuer").click()
    expect(page.get_by_role("heading", name="Ressources de Florence")).to_be_visible()
    for fieldset in questions(page).all():
        fieldset.get_by_label("Non", exact=True).check()
    page.get_by_role("button", name="Continuer").click()
    expect(page.get_by_role("heading", name="Vérifier ma déclaration")).to_be_visible()
    expect(page.get_by_text("Étape 4 sur 4", exact=True)).to_be_visible()
    page.get_by_label("Je certifie sur l'honneur").check()
    page.get_by_role("button", name="Envoyer ma déclaration").click()
    expect(page.get_by_role("heading", name="Votre déclaration a bien été envoyée.")).to_be_visible()
    expect(page.get_by_role("heading", name="Et maintenant ?")).to_be_visible()
    expect(page.get_by_text(re.compile("Votre Caf étudie votre déclaration"))).to_be_visible()
    expect(page.get_by_text(re.compile(r"^Étape \d sur"))).to_have_count(0)


def test_the_easy_to_read_declaration_says_oui_only_after_oui_with_easy_errors_and_matching_pictures(
        page, drafts_kept):
    log_in(page, JONAS.nir, then="/declaration/rsa?version=facile")
    expect(page.get_by_text("Question 1 sur")).to_be_visible()
    instruction = page.get_by_text("Dites d'abord ce changement à la Caf.")
    expect(instruction).to_be_hidden()
    page.get_by_role("button", name="Continuer").click()
    expect(page.get_by_text("Choisissez oui ou non.")).to_be_visible()  # easy-to-read words
    expect(page.get_by_text("Indiquez si votre situation familiale a changé.")).to_have_count(0)
    page.get_by_label("Oui", exact=True).check()
    expect(instruction).to_be_visible()
    page.get_by_label("Non", exact=True).check()
    expect(instruction).to_be_hidden()
    expect(page.locator("img.picto")).to_have_attribute("src", "/pictos/situation.svg")

    pictures = {name: page.request.get(f"/pictos/{name}.svg").text() for name in
                ("situation", "chomage", "salaires", "esat", "pensions", "autres", "indemnites")}
    assert "famille" in pictures["situation"].lower() and "M8 30L32 10l24 20" not in pictures["situation"]
    assert 'r="16"/><path d="M40 40l16 16"' not in pictures["chomage"]  # no magnifying glass
    assert "euros" in pictures["chomage"]
    for name, word in (("salaires", "fiche de paie"), ("esat", "atelier"), ("pensions", "âgée"),
                       ("autres", "pièces"), ("indemnites", "malade")):
        assert re.search(rf"<title>[^<]*{word}", pictures[name]), name


# Point 13 ----------------------------------------------------------------------------------------------------------

def test_one_component_set_radios_icons_disabled_buttons_and_public_cards(page, drafts_kept):
    log_in(page, ELISE.nir, then="/attestations")
    radios = page.locator("input[type=radio]")
    expect(radios.first).to_be_visible()
    for radio in radios.all():
        box = radio.bounding_box()
        assert round(box["width"]) == 24 and round(box["height"]) == 24, box
        row = radio.locator("xpath=..").bounding_box()
        assert row["height"] >= 48, row
    label = page.locator("label[for=attestation-mois]").bounding_box()
    assert label["height"] >= 48  # the whole 48 px row is the target

    page.goto("/declaration/prime-activite")
    yes_no = page.get_by_role("group", name=re.compile("situation familiale a-t-elle changé")).locator("input")
    expect(yes_no.first).to_be_visible()
    assert {(round(r.bounding_box()["width"]), round(r.bounding_box()["height"])) for r in yes_no.all()} == {(24, 24)}

    # An icon is spaced from its words.
    page.goto("/demarches")
    link = page.get_by_role("link", name="Transmettre un document", exact=True)
    expect(link).to_be_visible()
    space = link.evaluate("""el => {
        const icon = el.querySelector('svg').getBoundingClientRect();
        const text = [...el.childNodes].find((n) => n.nodeType === 3 && n.textContent.trim());
        const range = document.createRange(); range.selectNodeContents(text);
        const r = [...range.getClientRects()].find((rect) => rect.width > 4);
        return r.left - icon.right; }""")
    assert space >= 6, space

    # A disabled button looks disabled: solid, greyed, a forbidden cursor (not dashed).
    disabled = page.evaluate("""() => {
        const b = document.createElement('button'); b.className = 'button button--primary'; b.disabled = true;
        b.textContent = 'Envoyer'; document.querySelector('main').append(b);
        const s = getComputedStyle(b);
        return [s.borderTopStyle, s.cursor, s.backgroundColor, s.color]; }""")
    assert disabled[0] == "solid" and disabled[1] == "not-allowed", disabled
    assert disabled[2] != "rgb(11, 79, 108)", disabled  # not the brand's enabled look

    # Password rules: neutral until something is typed.
    page.goto("/gerer-mon-compte")
    rules = page.locator("#mot_de_passe-regles li")
    expect(rules).to_have_count(5)
    expect(rules.locator(".rule-mark--neutral").first).to_be_visible()
    for mark in rules.locator(".rule-verdict").all():
        expect(mark).to_be_hidden()
    page.get_by_label("Nouveau mot de passe", exact=True).fill("a")
    expect(rules.locator(".rule-mark--ko").first).to_be_visible()
    expect(rules.locator(".rule-mark--neutral").first).to_be_hidden()

    # Public cards look tappable only when they hold a link: a tile without one is a plain block.
    page.goto("/")
    linked = page.locator(".tile:has(a)")
    expect(linked.first).to_be_visible()
    assert style(linked.first, "border-left-width") == "1px"
    plain = page.evaluate("""() => {
        const list = document.createElement('ul'); list.className = 'tiles';
        const tile = document.createElement('li'); tile.className = 'tile'; tile.textContent = 'Sans lien';
        list.append(tile); document.querySelector('main').append(list);
        const s = getComputedStyle(tile);
        return [s.borderLeftWidth, s.backgroundColor, s.cursor, s.borderTopLeftRadius]; }""")
    assert plain == ["0px", "rgba(0, 0, 0, 0)", "auto", "0px"], plain
