"""Accessible form fields: label, format hint before the input, message tied by aria-describedby."""

from __future__ import annotations

import reflex as rx


def messages(id: str, error: rx.Var[str] | str) -> rx.Component:
    """The live region under a field; `error` "" means valid."""
    return rx.el.div(
        rx.cond(error != "", rx.el.p(rx.icon("circle-alert", size=16, aria_hidden="true"), error,
                                     class_name="message message--error")),
        id=f"{id}-messages",
        aria_live="polite",
    )


def text_field(*, id: str, label: str, error: rx.Var[str] | str = "", hint: str = "", **props) -> rx.Component:
    """id: label `for` and messages id. hint: the expected format, shown before input."""
    hint_id = f"{id}-hint"
    return rx.el.div(
        rx.el.label(label, html_for=id, class_name="field-label"),
        rx.el.p(hint, id=hint_id, class_name="hint") if hint else rx.fragment(),
        rx.el.input(
            id=id, name=id,
            aria_describedby=f"{hint_id} {id}-messages" if hint else f"{id}-messages",
            aria_invalid=rx.cond(error != "", "true", "false"),
            class_name="input",
            **props,
        ),
        messages(id, error),
        class_name=rx.cond(error != "", "field field--error", "field"),
    )


def select_field(*, id, label: str, options: list[tuple[str, str]] | None = None, items=None, option=None,
                 value=None, error="", placeholder: str = "", name: str = "", on_change=None) -> rx.Component:
    """A labelled <select>. Either options: (value, label) pairs, fixed lists of the domain compiled in the page; or
    items, a list in the state, and option(item) -> rx.el.option for each. name: the form's key (its id by default: a
    select repeated in a list has an id of its own). on_change: a handler of the value chosen, outside a form."""
    name = name or id
    first = [rx.el.option(placeholder, value="")] if placeholder else []
    choices = [rx.foreach(items, option)] if items is not None else [
        rx.el.option(text, value=key) for key, text in options or []]
    return rx.el.div(
        rx.el.label(label, html_for=id, class_name="field-label"),
        rx.el.select(*first, *choices, id=id, name=name, class_name="input", aria_describedby=id + "-messages",
                     aria_invalid=rx.cond(error != "", "true", "false"),
                     # a value from the state: the select is drawn again when it changes (key), to show it
                     **({"default_value": value, "key": value} if value is not None else {}),
                     **({"on_change": on_change} if on_change is not None else {})),
        messages(id, error), class_name="field")


def checkbox(*, id: str, label: str, **props) -> rx.Component:
    return rx.el.div(
        rx.el.input(type="checkbox", id=id, name=id, class_name="checkbox", **props),
        rx.el.label(label, html_for=id),
        class_name="field-check",
    )
