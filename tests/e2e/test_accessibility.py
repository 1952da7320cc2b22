"""axe-core (a copy in tests/e2e/vendor, version 4.14.1, MPL-2.0) on every page: no serious or critical
violation, logged out and logged in, in the default and the contrast theme, and on the FALC screens; the WCAG
rules and axe's best practices, and any lesser violation must be justified in JUSTIFIED (none is today). In the
contrast theme and on the FALC screens the bar is AAA contrast (7:1): axe's color-contrast-enhanced rule too.
Besides the pages as they open: the states reached by a journey (an error shown, a later FALC question, the
simulated payment page, a dialog open)."""

from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.personas import ELISE, NADIA, SAMIR

from .conftest import PRIVATE, PUBLIC, log_in

AXE = (Path(__file__).parent / "vendor" / "axe.min.js").read_text()


# Violations below "serious" that remain, each with why it stays (rule id -> justification). A new one fails
# the tests until it is fixed or justified here.
JUSTIFIED: dict[str, str] = {}


# The rules whose result the contrast theme can change: it changes colours, a link's underline and a pictogram's
# filter, nothing else (tests/unit/test_contrast_theme.py holds assets/styles.css to that).
COLOUR_RULES = ["color-contrast", "color-contrast-enhanced", "link-in-text-block"]


def serious_violations(page, rules: list[str] | None = None) -> list[str]:
    """The serious and critical violations; any other not justified in JUSTIFIED counts as well. AAA contrast
    where the page is in the contrast theme or in FALC. `rules`: only those (else every WCAG rule and axe's best
    practices)."""
    if not page.evaluate("!!window.axe"):
        page.add_script_tag(content=AXE)
    result = page.evaluate("""async (rules) => {
        const tags = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'];
        const aaa = document.documentElement.dataset.contrast === 'eleve' || !!document.querySelector('.falc');
        const r = await axe.run(document, rules ? {runOnly: {type: 'rule', values: rules}}
                                : {runOnly: {type: 'tag', values: tags},
                                   rules: aaa ? {'color-contrast-enhanced': {enabled: true}} : {}});
        return r.violations.map(v => ({id: v.id, impact: v.impact,
            where: v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(' | ')}));
    }""", rules)
    return [f"{v['id']} ({v['impact']}): {v['where']}" for v in result
            if v["impact"] in ("serious", "critical") or v["id"] not in JUSTIFIED]


def check(page, path: str) -> list[str]:
    """The page in both themes, opened once: as it opens, then with the contrast theme on (the attribute
    assets/theme.js sets before the first paint), then off again. In the contrast theme, the rules about colour
    (AAA contrast there): the others see the same page."""
    page.goto(path)
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    expect(page.get_by_text("Chargement", exact=False)).to_have_count(0)
    found = [f"standard : {v}" for v in serious_violations(page)]
    page.evaluate("document.documentElement.setAttribute('data-contrast', 'eleve')")
    found += [f"contraste : {v}" for v in serious_violations(page, COLOUR_RULES)]
    page.evaluate("document.documentElement.removeAttribute('data-contrast')")
    return found


def test_public_pages_have_no_serious_violation_in_either_theme(page):
    found = {path: check(page, path) for path in PUBLIC}
    assert {path: v for path, v in found.items() if v} == {}


def test_private_pages_have_no_serious_violation_in_either_theme(page):
    log_in(page, ELISE.nir)  # Elise: payments, courriers, a prime d'activité to declare
    found = {path: check(page, path) for path in PRIVATE}
    assert {path: v for path, v in found.items() if v} == {}


@pytest.mark.parametrize("contrast", [False, True], ids=["standard", "contraste"])
def test_states_reached_by_a_journey_have_no_serious_violation(page, contrast, drafts_kept):
    """An error under a FALC question and the next question, the simulated payment page with its errors: what a
    person sees after a step, not only as a page opens."""
    if contrast:
        page.add_init_script("localStorage.setItem('caf_contraste', 'eleve')")
    found = {}
    log_in(page, NADIA.nir, then="/declaration/aah?version=facile")
    expect(page.get_by_text("Question 1 sur")).to_be_visible()
    page.get_by_role("button", name="Continuer").click()
    expect(page.locator("[id$='-messages']:not(:empty)").first).to_be_visible()
    found["FALC, réponse manquante"] = serious_violations(page)
    page.get_by_label("Non", exact=True).check()
    page.get_by_role("button", name="Continuer").click()
    expect(page.get_by_text("Question 2 sur")).to_be_visible()
    found["FALC, question 2"] = serious_violations(page)
    page.evaluate("window.sessionStorage.clear()")

    page.goto("/menu")
    page.get_by_role("button", name="Déconnexion").click()
    expect(page.get_by_text("Vous êtes déconnecté(e).")).to_be_visible()
    log_in(page, SAMIR.nir, then="/dettes")
    page.get_by_label("Une partie").check()
    page.get_by_label("Montant à rembourser").fill("1")
    page.get_by_role("button", name="Rembourser").click()
    expect(page.get_by_role("note").filter(has_text="Page de paiement simulée")).to_be_visible()
    page.get_by_role("button", name="Payer").click()
    expect(page.locator("#carte-messages")).not_to_be_empty()
    found["paiement simulé, erreurs"] = serious_violations(page)
    assert {state: v for state, v in found.items() if v} == {}
