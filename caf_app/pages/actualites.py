"""A news item published from the agents' space (issue 22, point 3), read from the database: its scope and date,
its title, summary and text (Markdown rendered without raw HTML)."""

from __future__ import annotations

import reflex as rx

from .. import routes
from ..components.layout import page
from ..components.ui.link import app_link
from ..state.actualites import GONE, ActualiteState as S


def actualite_publiee() -> rx.Component:
    item = S.item
    return page(
        rx.el.nav(rx.el.ol(rx.el.li(app_link("Accueil", href=routes.HOME.path)),
                           rx.el.li(app_link("Actualités", href=routes.ACTUALITES.path))),
                  aria_label="Fil d'Ariane", class_name="breadcrumb"),
        rx.cond(item, rx.el.article(
            rx.el.h1(item.title),
            rx.el.p(item.scope, " · Publié le ", item.date, class_name="hint"),
            rx.el.p(item.summary, class_name="lead"),
            rx.html(item.html, class_name="prose")),
            rx.fragment(rx.el.h1("Actualité"),
                        rx.cond(S.missing, rx.el.p(GONE, role="status", class_name="notice"),
                                rx.el.p("Chargement…", role="status", class_name="loading")))),
    )


def latest(state) -> rx.Component:
    """The Ma Caf page's latest news published from the agents' space (state: MaCafState, its `news`)."""
    return rx.cond(state.news.length() > 0, rx.el.ul(rx.foreach(state.news, lambda n: rx.el.li(rx.el.article(
        rx.el.p(n.scope, " · ", n.date, class_name="hint"),
        rx.el.h3(app_link(n.title, href=n.url)),
        rx.el.p(n.summary)))), class_name="list-plain"))
