"""axe-core (a copy in tests/e2e/vendor, version 4.14.1, MPL-2.0) on every page: no serious or critical
violation, logged out and logged in, in the default and the contrast theme, and on the FALC screens; the WCAG
rules and axe's best practices, and any lesser violation must be justified in JUSTIFIED (none is today)."""

from pathlib import Path

import pytest
from playwright.sync_api import expect

from .conftest import log_in

AXE = (Path(__file__).parent / "vendor" / "axe.min.js").read_text()
PUBLIC = ["/", "/accessibilite", "/connexion", "/mot-de-passe-oublie", "/creer-mon-compte",
          "/premiere-connexion-tuteur", "/simuler-ou-demander-une-prestation"]
PRIVATE = ["/mon-compte", "/allocations", "/demarches", "/demarches/transmettre", "/profil", "/menu",
           "/attestations", "/courriers", "/dettes", "/mes-ressources", "/mon-agenda", "/contacter-ma-caf",
           "/gerer-mon-compte", "/declarer-un-changement", "/declaration/prime-activite",
           "/declaration/prime-activite?version=facile"]


# Violations below "serious" that remain, each with why it stays (rule id -> justification). A new one fails
# the tests until it is fixed or justified here.
JUSTIFIED: dict[str, str] = {}


def serious_violations(page) -> list[str]:
    """The serious and critical violations; any other not justified in JUSTIFIED counts as well."""
    page.add_script_tag(content=AXE)
    result = page.evaluate("""async () => {
        const r = await axe.run(document, {runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa',
                                                      'best-practice']});
        return r.violations.map(v => ({id: v.id, impact: v.impact,
            where: v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(' | ')}));
    }""")
    return [f"{v['id']} ({v['impact']}): {v['where']}" for v in result
            if v["impact"] in ("serious", "critical") or v["id"] not in JUSTIFIED]


def check(page, path: str):
    page.goto(path)
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    expect(page.get_by_text("Chargement", exact=False)).to_have_count(0)
    return serious_violations(page)


@pytest.mark.parametrize("contrast", [False, True], ids=["standard", "contraste"])
def test_public_pages_have_no_serious_violation(page, contrast):
    if contrast:
        page.add_init_script("localStorage.setItem('caf_contraste', 'eleve')")
    found = {path: check(page, path) for path in PUBLIC}
    assert {path: v for path, v in found.items() if v} == {}


@pytest.mark.parametrize("contrast", [False, True], ids=["standard", "contraste"])
def test_private_pages_have_no_serious_violation(page, contrast):
    if contrast:
        page.add_init_script("localStorage.setItem('caf_contraste', 'eleve')")
    log_in(page, "2900513055031")  # Elise: payments, courriers, a prime d'activité to declare
    found = {path: check(page, path) for path in PRIVATE}
    assert {path: v for path, v in found.items() if v} == {}
