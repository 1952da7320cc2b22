"""Rechercher (/recherche): the seed's magnifier. The results grouped by kind with their summary; the address
carries the query (/recherche?q=…), so a link or a reload shows the same results. The form's action is the results
page the server writes (api/search.py): a tap before the app runs, or a browser without scripts, gets the results
there instead of losing the query."""

from __future__ import annotations

import reflex as rx

from ..api import plain as search_page
from ..components.layout import page
from ..components.ui.actions import button
from ..components.ui.field import text_field
from ..components.ui.message import status
from ..content import search as words
from ..domain.search_text import MAX_QUERY
from ..state.search import SearchState as S


def hit(item) -> rx.Component:
    return rx.el.li(rx.el.a(item.title, href=item.url, class_name="result-title"),
                    rx.el.p(item.summary, class_name="hint result-summary"), class_name="result")


def recherche() -> rx.Component:
    return page(
        rx.el.h1(words.TITLE),
        rx.el.form(
            text_field(id="q", label=words.LABEL, hint=words.HINT, error=S.error, type="search",
                       default_value=S.query, max_length=MAX_QUERY, auto_complete="off", key=S.query),
            rx.el.div(button("Rechercher", type="submit", variant="primary"), class_name="actions"),
            action=search_page.PATH, method="get", on_submit=S.submit, role="search", class_name="form",
        ),
        rx.el.div(
            rx.cond(S.message != "", status(S.message)),
            rx.cond(S.corrected != "", rx.el.p(words.CORRECTED, S.corrected, class_name="hint")),
            rx.cond(S.count > 0, rx.el.p(S.count, rx.cond(S.count > 1, " résultats", " résultat"),
                                         role="status", class_name="hint")),
            rx.foreach(S.groups, lambda group: rx.el.section(
                rx.el.h2(group.kind), rx.el.ul(rx.foreach(group.hits, hit), class_name="results"),
                aria_label=group.kind)),
            id="resultats", tab_index=-1, class_name="search-results",
        ),
    )
