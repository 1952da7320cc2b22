"""Déclarations trimestrielles: Jonas in the standard variant, Nadia in the FALC variant."""

import re

from playwright.sync_api import expect

from tests.personas import JONAS, JOSEPHINE, NADIA

from .conftest import log_in, questions


def jonas_own_resources(page, salaries: tuple[str, str, str] = ("850", "910", "0")) -> None:
    """From the declaration's first screen: no change of situation, then his salaries and nothing else, up to
    Florence's screen (the answers are saved with each screen)."""
    page.get_by_role("group", name=re.compile("situation familiale a-t-elle changé")).get_by_label("Non").check()
    page.get_by_role("button", name="Continuer").click()
    expect(page.get_by_role("heading", name="Vos ressources")).to_be_visible()
    salaires = questions(page).filter(has=page.get_by_text(re.compile("^Salaires :"))).first
    salaires.get_by_label("Oui", exact=True).check()
    expect(salaires.get_by_role("textbox")).to_have_count(3)
    for box, amount in zip(salaires.get_by_role("textbox").all(), salaries, strict=True):
        box.fill(amount)
    for fieldset in questions(page).all()[1:]:
        fieldset.get_by_label("Non", exact=True).check()
    page.get_by_role("button", name="Continuer").click()
    expect(page.get_by_role("heading", name="Ressources de Florence")).to_be_visible()


def declare_jonas_rsa_quarter(page, salaries: tuple[str, str, str] = ("850", "910", "0")) -> None:
    """Jonas, logged in, declares his RSA quarter from the Accueil's alert: his salaries, nothing else, nothing for
    Florence; the review, the certification asked for, then sent (a double tap sends once)."""
    expect(page.get_by_text("Pour calculer vos droits, nous avons besoin de connaître vos ressources")).to_be_visible()
    page.get_by_role("link", name="Compléter mes démarches").click()
    expect(page.get_by_role("heading", level=1, name="Ma déclaration trimestrielle de ressources")).to_be_visible()
    expect(page.get_by_text("Ne déclarez jamais les sommes versées par la Caf")).to_be_visible()
    jonas_own_resources(page, salaries)
    for fieldset in questions(page).all():
        fieldset.get_by_label("Non", exact=True).check()
    page.get_by_role("button", name="Continuer").click()

    expect(page.get_by_role("heading", name="Vérifier ma déclaration")).to_be_visible()
    expect(page.get_by_text(f"{salaries[0]},00 €").first).to_be_visible()
    page.get_by_role("button", name="Envoyer ma déclaration").click()
    expect(page.locator("#confirmation-messages")).to_contain_text("Cochez la case")
    page.get_by_label("Je certifie sur l'honneur").check()
    page.get_by_role("button", name="Envoyer ma déclaration").dblclick()
    expect(page.get_by_role("heading", name="Votre déclaration a bien été envoyée.")).to_be_visible()


def test_jonas_declares_his_rsa_quarter_and_a_second_attempt_shows_it_sent(page, drafts_kept):
    log_in(page, JONAS.nir)
    expect(page.get_by_text("132,08 €")).to_be_visible()
    declare_jonas_rsa_quarter(page)

    page.goto("/mon-compte")
    expect(page.get_by_text("besoin de connaître vos ressources trimestrielles")).to_have_count(0)
    page.goto("/declaration/rsa")
    expect(page.get_by_role("status")).to_contain_text("Envoyée le")
    page.goto("/demarches")
    page.get_by_role("tab", name="À consulter").click()
    expect(page.get_by_role("button", name=re.compile("Déclaration trimestrielle de ressources \\(Revenu"))) \
        .to_have_count(1)


def falc_continue(page):
    page.get_by_role("button", name="Continuer").click()


def test_nadia_declares_her_aah_quarter_in_falc_switching_variants_and_reloading(page, drafts_kept):
    log_in(page, NADIA.nir, then="/declaration/aah?version=facile")
    expect(page.get_by_role("heading", level=1, name="Ma déclaration de ressources facile à lire")).to_be_visible()
    expect(page.get_by_text("Question 1 sur")).to_be_visible()
    expect(page.get_by_role("heading", name="Votre famille a changé depuis la dernière fois ?")).to_be_visible()
    page.get_by_label("Non", exact=True).check()
    falc_continue(page)
    question = page.get_by_role("heading", level=2)
    expect(question).to_contain_text("vous avez reçu un salaire ?")
    page.get_by_label("Non", exact=True).check()
    falc_continue(page)
    expect(question).to_contain_text("un salaire de l'Esat")

    page.get_by_role("button", name="Version habituelle").click()  # to the standard form and back
    expect(page.get_by_role("heading", level=1, name="Ma déclaration trimestrielle de ressources")).to_be_visible()
    expect(page.get_by_role("group", name=re.compile("situation familiale")).get_by_label("Non")).to_be_checked()
    page.get_by_role("button", name="Version facile à lire").click()
    expect(page.get_by_text("Question 1 sur")).to_be_visible()
    expect(page.get_by_label("Non", exact=True)).to_be_checked()
    falc_continue(page)
    expect(page.get_by_label("Non", exact=True)).to_be_checked()  # the salary answer is still there
    falc_continue(page)
    expect(page.get_by_text("Question 3 sur")).to_be_visible()
    here = question.inner_text()
    page.reload()  # she goes on from the question she was on
    expect(page.get_by_text("Question 3 sur")).to_be_visible()
    expect(question).to_have_text(here)

    for _ in range(40):  # the rest: "Non" for Nadia, Eric's pre-filled salary kept
        heading = question.inner_text()
        if page.get_by_role("heading", name="Vérifiez vos réponses").count():
            break
        if "Combien Eric a reçu" in heading:
            expect(page.get_by_text("La Caf connaît déjà ce montant.")).to_be_visible()
            expect(page.get_by_label("Montant en euros")).to_have_value("1850")
        elif "Eric a reçu un salaire" in heading:
            page.get_by_label("Oui", exact=True).check()
        elif page.get_by_label("Non", exact=True).count():
            page.get_by_label("Non", exact=True).check()
        falc_continue(page)
        expect(question).not_to_have_text(heading)
    expect(page.get_by_role("heading", name="Vérifiez vos réponses")).to_be_visible()
    expect(page.get_by_text("1 850,00 €").first).to_be_visible()
    page.get_by_label("Je dis que mes réponses sont vraies.").check()
    page.get_by_role("button", name="Envoyer").click()
    expect(page.get_by_role("heading", name="La Caf a bien reçu votre déclaration.")).to_be_visible()


def test_wrong_amounts_and_a_missing_answer_get_their_messages(page, drafts_kept):
    log_in(page, JOSEPHINE.nir, then="/declaration/rsa")  # Joséphine
    page.get_by_role("button", name="Continuer").click()
    expect(page.locator("#situation-messages")).to_have_text("Indiquez si votre situation familiale a changé.")
    page.get_by_label("Non", exact=True).check()
    page.get_by_role("button", name="Continuer").click()
    salaires = questions(page).filter(has=page.get_by_text(re.compile("^Salaires :"))).first
    salaires.get_by_label("Oui", exact=True).check()
    boxes = salaires.get_by_role("textbox")
    expect(boxes).to_have_count(3)
    boxes.nth(0).fill("-50")
    boxes.nth(1).fill("douze")
    boxes.nth(2).fill("1000000000")
    page.get_by_role("button", name="Continuer").click()
    messages = [page.locator(f"[id$=':salaires:{i}-messages']") for i in range(3)]
    expect(messages[0]).to_have_text("Le montant ne peut pas être négatif.")
    expect(messages[1]).to_have_text("Saisissez un montant en chiffres, par exemple 1250.")
    expect(messages[2]).to_contain_text("vérifiez votre saisie")
    expect(page.get_by_text("Répondez par oui ou par non.").first).to_be_visible()
