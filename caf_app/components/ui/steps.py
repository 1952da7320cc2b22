"""A form in steps: the box carries the current step, and assets/a11y.js moves the focus to the new step's
first heading when it changes (a keyboard or screen reader user lands on the new content)."""

from __future__ import annotations

import reflex as rx

from .actions import button
from .message import alert


def steps(step, *cases, default: rx.Component) -> rx.Component:
    """rx.match(step, *cases, default) inside a box marked with the step's value."""
    return rx.el.div(rx.match(step, *cases, default), custom_attrs={"data-step": step})


def review(state, general_error) -> rx.Component:
    """The « Vérifier » step of a short declaration (a change of situation, a student's démarche): what was
    answered (state.summary: (label, value) pairs), its error if any, « Modifier » and « Confirmer la déclaration »
    (state.modify, state.confirm)."""
    return rx.el.div(
        rx.el.h2("Vérifier", id="etape", tab_index=-1),
        rx.el.dl(rx.foreach(state.summary, lambda line: rx.el.div(rx.el.dt(line[0]), rx.el.dd(line[1]),
                                                                  class_name="dl-row"))),
        rx.cond(general_error != "", alert(general_error)),
        rx.el.div(button("Modifier", on_click=state.modify, variant="secondary"),
                  button("Confirmer la déclaration", on_click=state.confirm, variant="primary"), class_name="actions"),
    )
