"""Every page at 320 px with the text spacing of RGAA 10.12 (WCAG 1.4.12), and on a desktop with the text at
200 % (WCAG 1.4.4): no horizontal scroll and no text cut off; one h1 and a title of its own on each page."""

from playwright.sync_api import expect

from tests.personas import ELISE

from .conftest import PRIVATE, PUBLIC, log_in

TEXT_SPACING = """
* { line-height: 1.5 !important; letter-spacing: 0.12em !important; word-spacing: 0.16em !important; }
p { margin-bottom: 2em !important; }
"""
# Elements whose content is cut: something hides their overflow and the content is larger than the box.
CUT = """() => [...document.querySelectorAll('body *')].filter(el => {
    if (el.closest('.sr-only, [hidden], dialog:not([open])') || !el.getClientRects().length) return false;
    const s = getComputedStyle(el);
    const hides = (v) => v === 'hidden' || v === 'clip';
    return (hides(s.overflowX) && el.scrollWidth > el.clientWidth + 1)
        || (hides(s.overflowY) && el.scrollHeight > el.clientHeight + 1);
}).map(el => el.tagName.toLowerCase() + (el.className ? '.' + el.className : '') + ': ' +
              el.textContent.trim().slice(0, 40))"""


def problems(page, path: str, css: str, titles: dict[str, str]) -> list[str]:
    page.goto(path)
    expect(page.get_by_role("heading", level=1)).to_have_count(1)
    expect(page.get_by_text("Chargement", exact=False)).to_have_count(0)
    titles[path] = page.title()
    page.add_style_tag(content=css)
    found = page.evaluate(CUT)
    if page.evaluate("document.documentElement.scrollWidth > window.innerWidth"):
        found.append("horizontal scroll")
    return found


def every_page(page, css: str, titles: dict[str, str]) -> dict[str, list[str]]:
    """The pages' problems; each page also has one h1 (else it fails here) and gives its title."""
    found = {path: problems(page, path, css, titles) for path in PUBLIC}
    log_in(page, ELISE.nir)
    found |= {path: problems(page, path, css, titles) for path in PRIVATE}
    return {path: cut for path, cut in found.items() if cut}


def test_320_px_with_the_text_spacing_overrides_loses_nothing_and_every_page_has_one_h1_and_a_title_of_its_own(
        browser, base_url):
    """One pass over every page at 320 px: nothing cut by the text spacing, one h1, and a title no other page has."""
    context = browser.new_context(base_url=base_url, viewport={"width": 320, "height": 640}, is_mobile=True,
                                  has_touch=True)
    titles: dict[str, str] = {}
    assert every_page(context.new_page(), TEXT_SPACING, titles) == {}
    context.close()
    # The FALC screen of a declaration is the same page as its standard screen.
    del titles["/declaration/prime-activite?version=facile"]
    repeated = {title for title in titles.values() if list(titles.values()).count(title) > 1}
    assert repeated == set(), {path: title for path, title in titles.items() if title in repeated}


def test_text_at_200_percent_on_a_desktop_loses_nothing(browser, base_url):
    context = browser.new_context(base_url=base_url, viewport={"width": 1280, "height": 800})
    assert every_page(context.new_page(), "html { font-size: 200% !important; }", {}) == {}
    context.close()
