"""Déclaration d'accessibilité: what was tested and how (content/data/accessibilite.json)."""

from __future__ import annotations

import reflex as rx

from ..components.layout import page
from ..content import load


def declaration_accessibilite() -> rx.Component:
    c = load("accessibilite")
    return page(
        rx.el.h1("Déclaration d'accessibilité"),
        rx.el.p(c["intro"]), rx.el.p(rx.el.strong(c["state"])),
        rx.el.h2("Ce qui est vérifié"), rx.el.ul(*[rx.el.li(text) for text in c["tested"]]),
        rx.el.h2("Comment"), rx.el.p(c["how"]),
        rx.el.h2("Ce qui n'est pas encore accessible"), rx.el.ul(*[rx.el.li(text) for text in c["limits"]]),
        rx.el.h2("Nous signaler un problème"), rx.el.p(c["contact"]),
    )
