"""The pages the Connexion page points to, as the seed shows them: « Informatique et libertés » (how personal
data is handled) and the security advice (« suivez le guide »). Content: content/data/informations.json."""

from __future__ import annotations

import reflex as rx

from ..components.layout import page
from ..content import load


def _information(key: str) -> rx.Component:
    c = load("informations")[key]
    return page(
        rx.el.h1(c["title"]),
        rx.el.p(c["intro"]),
        *[rx.el.section(rx.el.h2(section["title"]), rx.el.ul(*[rx.el.li(item) for item in section["items"]]))
          for section in c["sections"]],
    )


def informatique_et_libertes() -> rx.Component:
    return _information("libertes")


def conseils_de_securite() -> rx.Component:
    return _information("securite")
