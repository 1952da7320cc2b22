"""Issue « Every screen as a polished public-service app », point 1: on a phone (320 and 390 px, both themes), no
amount, date or word of a private page is split over two lines (« 957,4 / 2 € », « Précéde / nt »); a word longer
than the line (an e-mail address) may still wrap, at its end."""

from playwright.sync_api import expect

from tests.personas import ELISE, SAMIR

from .conftest import PRIVATE, log_in

# Every visible amount (« 1 130,26 € », « -100,00 € »), date (05/04/2022) and word of the page whose characters sit
# on more than one line. A word wider than its own container's line is allowed to wrap (it cannot fit otherwise).
SPLIT = r"""() => {
  const amount = /-?\d{1,3}(?:[\u202f\u00a0 ]\d{3})*,\d{2}[\u00a0 ]€/g;
  const date = /\b\d{2}\/\d{2}\/\d{4}\b/g;
  const word = /[^\s\u00a0\u202f\-\/'’(),.;:!?«»]+/g;
  const found = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  const lines = (range) => {
    const tops = [...range.getClientRects()].filter(r => r.width > 0 && r.height > 0).map(r => Math.round(r.top));
    return new Set(tops.map(t => Math.round(t / 4))).size;  // rects of one line share their top
  };
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const parent = node.parentElement;
    const skipped = '.sr-only, [hidden], script, style, noscript, select, textarea';
    if (!parent || parent.closest(skipped) || !parent.getClientRects().length) continue;
    if (parent.closest('details:not([open])') && !parent.closest('summary')) continue;  // folded: not laid out
    const text = node.textContent;
    for (const [pattern, kind] of [[amount, 'montant'], [date, 'date'], [word, 'mot']]) {
      for (const match of text.matchAll(pattern)) {
        const range = document.createRange();
        range.setStart(node, match.index);
        range.setEnd(node, match.index + match[0].length);
        if (lines(range) < 2) continue;
        const box = parent.getBoundingClientRect();
        if (kind === 'mot' && range.getBoundingClientRect().width >= box.width - 2) continue;  // too long for a line
        if (kind === 'mot' && match[0].length > 24) continue;
        found.push(`${kind} « ${match[0]} »`);
      }
    }
  }
  return [...new Set(found)];
}"""


def split_on(page, path: str, tab: str = "") -> dict[str, list[str]]:
    page.goto(path)
    expect(page.get_by_role("heading", level=1)).to_have_count(1)
    expect(page.get_by_text("Chargement", exact=False)).to_have_count(0)
    if tab:
        page.get_by_role("tab", name=tab).click()
        expect(page.get_by_role("tab", name=tab)).to_have_attribute("aria-selected", "true")
        path += f" ({tab})"
    found = {}
    for width in (320, 390):
        page.set_viewport_size({"width": width, "height": 800})
        for theme in ("standard", "eleve"):
            page.evaluate("(theme) => theme === 'eleve' ? document.documentElement.dataset.contrast = 'eleve' "
                          ": delete document.documentElement.dataset.contrast", theme)
            if split := page.evaluate(SPLIT):
                found[f"{path} {width} px {theme}"] = split
    page.evaluate("() => delete document.documentElement.dataset.contrast")
    return found


def test_no_amount_date_or_word_of_a_private_page_is_split_on_a_phone(page):
    log_in(page, ELISE.nir)
    found = {}
    for path in PRIVATE:
        found |= split_on(page, path)
    found |= split_on(page, "/allocations", tab="Mes paiements")
    assert found == {}


def test_no_amount_of_mes_dettes_or_mes_paiements_is_split_for_a_dossier_with_dettes(page):
    log_in(page, SAMIR.nir)
    found = {}
    for path in ("/dettes", "/mon-compte"):
        found |= split_on(page, path)
    found |= split_on(page, "/allocations", tab="Mes paiements")
    assert found == {}
