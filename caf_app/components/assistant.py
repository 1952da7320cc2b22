"""« Une question ? », the assistant at the foot of every page (the seed's chatbot): answers from the FAQ and the
fiches, each with its source, or « Je ne sais pas répondre à cette question » and the ways to reach the Caf. It
writes nothing of its own and keeps nothing (state/search.py). A question asked before the app runs opens the
site search with it (the form's action)."""

from __future__ import annotations

import reflex as rx

from .. import routes
from ..api import plain as search_page
from ..content import search as words
from ..state.search import AssistantState as A
from .ui.actions import button
from .ui.field import text_field


def _answer(item) -> rx.Component:
    return rx.el.li(rx.el.p(rx.el.strong(item.title)), rx.el.p(item.summary),
                    rx.el.p(words.SOURCE, rx.el.a(item.title, href=item.url), class_name="hint"),
                    class_name="assistant-answer")


def _dont_know() -> rx.Component:
    return rx.el.div(rx.el.p(rx.el.strong(A.message)), rx.el.p(words.DONT_KNOW_NEXT),
                     rx.el.p(rx.el.a("Chercher sur le site", href=routes.RECHERCHE.path), " · ",
                             rx.el.a("Nous contacter", href=routes.NOUS_CONTACTER.path)))


def assistant() -> rx.Component:
    return rx.el.details(
        rx.el.summary(rx.icon("message-circle-question", size=20, aria_hidden="true"),
                      rx.el.span(words.ASSISTANT_TITLE)),
        rx.el.div(
            rx.el.p(words.ASSISTANT_INTRO, class_name="hint"),
            rx.el.form(
                text_field(id="question", label=words.ASSISTANT_LABEL, error=A.error, max_length=500,
                           auto_complete="off"),
                rx.el.div(button("Demander", type="submit", variant="secondary"), class_name="actions"),
                action=search_page.PATH, method="get", on_submit=A.ask, class_name="form",
            ),
            rx.el.div(rx.cond(A.asked, rx.cond(A.answers.length() > 0,
                                               rx.el.ul(rx.foreach(A.answers, _answer), class_name="assistant-answers"),
                                               _dont_know())),
                      aria_live="polite", id="assistant-reponses"),
            class_name="assistant-body",
        ),
        class_name="assistant",
    )
