"""The route registry (caf_app/routes.py) is the one place that writes a page's path: no other module of the app
spells one, the menus and the service worker's lists come from it, and each page appears once."""

from __future__ import annotations

import json
import re
from pathlib import Path

from caf_app import routes

APP = Path(routes.__file__).parent
LITERAL = re.compile(r"""(?P<q>["'])(?P<text>/[^"'\s]*)(?P=q)""")


def page_addresses() -> set[str]:
    return {address for page in routes.PAGES for address in (page.path, *page.examples)} - {"/"}


def test_no_page_path_is_written_outside_the_registry():
    addresses, found = page_addresses(), []
    for path in APP.rglob("*.py"):
        if path.name == "routes.py":
            continue
        for number, line in enumerate(path.read_text().splitlines(), start=1):
            for match in LITERAL.finditer(line):
                text = match["text"]
                bare = re.split(r"[?#]", text, maxsplit=1)[0].rstrip("/") or "/"
                if text.startswith("//"):  # a protocol-relative address (safe_next refuses them), no page
                    continue
                if bare in addresses or (bare == "/" and text != "/") or re.search(r"href=[\"']/[\"']", line):
                    found.append(f"{path.relative_to(APP)}:{number}: {text}")
    assert found == []


def test_every_page_is_registered_once_with_a_title():
    paths = [page.path for page in routes.PAGES]
    assert len(paths) == len(set(paths))
    assert all(page.title and page.component for page in routes.PAGES)
    assert [key for key, *_ in routes.bottom_nav()] == ["accueil", "allocations", "demarches", "profil", "menu"]


def test_the_three_declarations_are_one_dynamic_route():
    declarations = [page for page in routes.PAGES if page.path.startswith("/declaration")]
    assert len(declarations) == 1 and "[" in declarations[0].path
    assert declarations[0].of(declaration_slug="aah") == "/declaration/aah"


def test_the_service_worker_lists_come_from_the_registry():
    lists = routes.precache_lists()
    assert "/mon-compte/" in lists["shell"] and "/declaration/rsa/" in lists["later"]
    assert not any(address.startswith("/dev") for kind in lists.values() for address in kind)
    written = APP.parent / "assets" / "precache.json"
    routes.write_precache(written.parent)
    assert json.loads(written.read_text()) == lists
