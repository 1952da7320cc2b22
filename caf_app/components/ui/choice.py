"""Radio groups (fieldset + legend) whose choice is saved at once by a state handler."""

from __future__ import annotations

import reflex as rx

from .field import messages


def radio_group(*, name: str, legend: str, options: list[tuple[str, str]], current, on_choose,
                error="", inline: bool = True, locked=False) -> rx.Component:
    """options: (value, label). current: Var of the chosen value. on_choose: handler(name, value).
    locked: a value certified elsewhere (FranceConnect+), shown and not changeable."""
    return rx.el.fieldset(
        rx.el.legend(legend),
        rx.el.div(
            *[rx.el.div(
                rx.el.input(type="radio", id=f"{name}-{value}", name=name, value=value,
                            default_checked=current == value,
                            on_change=lambda _value, v=value: on_choose(name, v),
                            aria_describedby=f"{name}-messages"),
                rx.el.label(label, html_for=f"{name}-{value}"),
                class_name="field-radio",
            ) for value, label in options],
            class_name="radios radios--inline" if inline else "radios",
        ),
        messages(name, error),
        disabled=locked,
    )


def form_radios(*, name: str, legend: str, options, error="", checked="") -> rx.Component:
    """A radio group read when its form is submitted. options: (value, label) pairs, or a Var of them.
    checked: the value chosen before (the review's « Modifier »)."""
    def option(value, label) -> rx.Component:
        return rx.el.div(
            rx.el.input(type="radio", id=f"{name}-" + value, name=name, value=value, default_checked=checked == value,
                        aria_describedby=f"{name}-messages"),
            rx.el.label(label, html_for=f"{name}-" + value), class_name="field-radio")

    choices = (rx.foreach(options, lambda pair: option(pair[0], pair[1])) if isinstance(options, rx.Var)
               else rx.fragment(*[option(value, label) for value, label in options]))
    return rx.el.fieldset(rx.el.legend(legend), rx.el.div(choices, class_name="radios"), messages(name, error))
