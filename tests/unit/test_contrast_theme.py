"""The contrast theme changes how the page looks, not what it is: every rule of assets/styles.css that applies in
it (html[data-contrast="eleve"]) sets colours, a link's underline or a pictogram's filter, nothing that moves or
hides anything. The axe sweep in that theme (tests/e2e/test_accessibility.py) relies on it: it checks the colour
rules there, the others seeing the same page as in the standard theme."""

import re
from pathlib import Path

STYLES = Path(__file__).resolve().parents[2] / "assets" / "styles.css"
COLOUR = re.compile(r"^(#[0-9a-fA-F]{3,8}|rgba?\([^)]*\)|var\(--[a-z0-9-]+\)|transparent|currentColor)$")
LOOKS_ONLY = {"color", "background", "background-color", "border-color", "outline-color", "text-decoration-color",
              "text-decoration-thickness", "filter", "color-scheme", "fill", "stroke"}


def contrast_declarations(styles: Path = STYLES) -> list[tuple[str, str, str]]:
    css = re.sub(r"/\*.*?\*/", "", styles.read_text(), flags=re.S)
    found = []
    for selector, body in re.findall(r"([^{}]+)\{([^{}]*)\}", css):
        if '[data-contrast="eleve"]' not in re.sub(r":not\([^)]*\)", "", selector):
            continue
        for declaration in filter(None, (part.strip() for part in body.split(";"))):
            name, value = (text.strip() for text in declaration.split(":", 1))
            found.append((selector.strip(), name, value))
    return found


def moving(declarations: list[tuple[str, str, str]]) -> list[tuple[str, str, str]]:
    return [(selector, name, value) for selector, name, value in declarations
            if not (name in LOOKS_ONLY or (name.startswith("--") and COLOUR.match(value)))]


def test_the_contrast_theme_only_changes_colours_underlines_and_filters():
    found = contrast_declarations()
    assert len(found) > 10  # the theme's rules were read
    assert moving(found) == []


def test_the_guard_sees_a_rule_that_would_move_something(tmp_path):
    css = tmp_path / "styles.css"
    css.write_text('html[data-contrast="eleve"] { --ink: #fff; }\nhtml[data-contrast="eleve"] h1 { font-size: 3rem; }\n'
                   'html:not([data-contrast="eleve"]) p { margin: 0; }')
    assert contrast_declarations(css) == [('html[data-contrast="eleve"]', "--ink", "#fff"),
                                          ('html[data-contrast="eleve"] h1', "font-size", "3rem")]
    assert moving(contrast_declarations(css)) == [('html[data-contrast="eleve"] h1', "font-size", "3rem")]
