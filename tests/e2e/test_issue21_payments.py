"""Issue 21, points 8, 12 and 15 (payment dates), as a person sees them: the months a former Caf paid, named on
Mes attestations with the way to write to it; Mes paiements' chart (rx.recharts) with its axis, one baseline,
the values on tap or focus, both themes, the table kept, Recharts loaded by that tab only; the payment dates
with their source."""

import re
from datetime import timedelta

from playwright.sync_api import expect

from caf_app import clock
from caf_app.domain.dates import add_months, format_month
from caf_app.seed import last_payment_date
from tests.personas import ELISE, JONAS

from .conftest import log_in

CHART = "Mes paiements des 12 derniers mois"
RECHARTS_CODE = "recharts-wrapper"  # a class name Recharts' own code writes, in no other bundle
BARS = ".recharts-bar-rectangle .recharts-rectangle"  # one per month and prestation


def test_point_8_months_a_former_caf_paid_are_named_and_that_caf_is_written_to(page, tables_kept):
    tables_kept("demarche")
    log_in(page, JONAS.nir, then="/attestations")
    page.get_by_label("Attestation de paiement d'une période (24 mois au plus)").check()
    today = clock.today()  # the seed's former dossier: paid 30 to 28 months ago, by the Caf des Bouches-du-Rhône
    page.get_by_label("Du", exact=True).fill(add_months(today, -30).isoformat())
    page.get_by_label("Au", exact=True).fill((add_months(today, -27) - timedelta(days=1)).isoformat())
    page.get_by_role("button", name="Télécharger").click()
    expect(page.locator("#du-messages")).to_have_text("L'attestation couvre au plus les 24 derniers mois.")
    expect(page.get_by_text(re.compile(r"ont été faits par la Caf des Bouches-du-Rhône \(votre ancien dossier "
                                       r"N° 1309001\) : cette attestation ne les couvre pas"))).to_be_visible()
    page.get_by_role("button", name="Écrire à la Caf des Bouches-du-Rhône").click()
    expect(page.get_by_role("heading", level=1, name="Contacter ma Caf")).to_be_visible()
    expect(page.get_by_role("heading", name="Caf des Bouches-du-Rhône")).to_be_visible()
    page.get_by_label("Objet").fill("Attestation de paiement")
    page.get_by_label("Votre message").fill("Merci de m'envoyer l'attestation de paiement de ces trois mois.")
    page.get_by_role("button", name="Envoyer mon message").click()
    expect(page.get_by_role("status")).to_contain_text("Votre message est envoyé")


def stacks(figure) -> dict[int, tuple[float, float]]:
    """Each month's bar (its segments stacked): x centre -> (top, bottom), in pixels."""
    boxes = [box for box in (rect.bounding_box() for rect in figure.locator(BARS).all()) if box]
    found: dict[int, tuple[float, float]] = {}
    for box in boxes:
        x = round(box["x"] + box["width"] / 2)
        top, bottom = found.get(x, (box["y"], box["y"] + box["height"]))
        found[x] = (min(top, box["y"]), max(bottom, box["y"] + box["height"]))
    return found


def colours(page) -> tuple[str, str]:
    return tuple(page.evaluate("""() => [
        getComputedStyle(document.querySelector('.payments-chart .recharts-bar-rectangle .recharts-rectangle')).fill,
        getComputedStyle(document.querySelector('.payments-chart .recharts-cartesian-axis-tick-value')).fill]"""))


def test_point_12_the_payment_chart_has_an_axis_one_baseline_values_on_tap_or_focus_and_both_themes(page):
    scripts: list[str] = []
    page.on("response", lambda response: scripts.append(response.text())
            if response.url.endswith(".js") and response.ok else None)
    log_in(page, ELISE.nir)
    expect(page.get_by_text("575,52 €")).to_be_visible()
    page.goto("/allocations")
    expect(page.get_by_role("heading", level=2, name=re.compile("^Mes droits"))).to_be_visible()
    page.wait_for_load_state("networkidle")
    assert not any(RECHARTS_CODE in text for text in scripts)  # neither the Accueil nor Mes droits load Recharts
    page.get_by_role("tab", name="Mes paiements").click()
    figure = page.get_by_role("figure", name=CHART)
    expect(figure.locator(BARS)).to_have_count(24)  # 12 months, 2 prestations each
    page.wait_for_load_state("networkidle")  # the response handlers have run (they read each script's text)
    assert any(RECHARTS_CODE in text for text in scripts)  # loaded now, by this tab
    page.get_by_text("Quand la Caf paie-t-elle ?").click()  # folded under the title (issue 24, point 3)
    expect(page.get_by_text("le 5, ou le jour ouvré le plus proche")).to_be_visible()  # point 15: the source
    # Issue 24, point 3: the chart above the payments, the payments grouped by year.
    chart_top = figure.bounding_box()["y"]
    first_payment = page.get_by_role("button", name=re.compile("^Paiement du")).first
    assert chart_top < first_payment.bounding_box()["y"]
    expect(page.get_by_role("heading", level=3, name="2026")).to_be_visible()
    expect(page.get_by_role("heading", level=3, name="2025")).to_be_visible()
    expect(figure.get_by_text("déc.", exact=True)).to_be_visible()  # the axis of months
    ticks = figure.locator(".recharts-yAxis-tick-labels .recharts-cartesian-axis-tick-value")
    expect(ticks.first).to_have_text(re.compile(r"^0\s€$"))  # the axis of euros, from 0
    expect(ticks.last).to_have_text(re.compile(r"^\d[\d\s]*\s€$"))
    months = stacks(figure)
    assert len(months) == 12
    assert len({round(bottom) for _, bottom in months.values()}) == 1  # one baseline
    assert len({round(top) for top, _ in months.values()}) == 1  # Elise's equal totals, equal heights
    tooltip = page.locator(".recharts-tooltip-wrapper")
    label = tooltip.locator(".recharts-tooltip-label")
    figure.locator("[tabindex='0']").first.focus()  # the keyboard: Tab to the chart, then the arrows
    page.keyboard.press("ArrowRight")
    expect(label).to_contain_text("575,52 € au total")
    first = label.inner_text()
    page.keyboard.press("ArrowRight")
    expect(label).not_to_have_text(first)
    expect(label).to_contain_text("575,52 € au total")
    figure.evaluate("figure => figure.scrollIntoView({block: 'center'})")  # clear of the bottom bar
    figure.locator(BARS).last.tap()  # a finger: the month tapped, its total and each prestation's amount
    # The last month is the month of the last payment day (before the 5th, the month before: not a "0 €" month).
    paid = format_month(last_payment_date(clock.today()), capital=True)
    expect(label).to_contain_text(f"{paid} : 575,52 € au total")
    expect(tooltip).to_contain_text("Prime d'activité : 330,00 €")
    assert colours(page) == ("rgb(11, 79, 108)", "rgb(26, 26, 26)")  # the brand's blue, the ink
    page.get_by_role("button", name="Contraste").click()
    expect(page.locator("html")).to_have_attribute("data-contrast", "eleve")
    assert colours(page) == ("rgb(255, 230, 0)", "rgb(255, 255, 255)")  # on black: yellow bars, white text
    page.get_by_role("button", name="Contraste").click()
    page.get_by_text("Voir les montants sous forme de tableau").click()
    table = page.get_by_role("table", name="Paiements des 12 derniers mois par prestation")
    expect(table.get_by_role("row")).to_have_count(25)  # its header, then 12 months x 2 prestations
