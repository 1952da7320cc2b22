"""A form in steps: the box carries the current step, and assets/a11y.js moves the focus to the new step's
first heading when it changes (a keyboard or screen reader user lands on the new content)."""

from __future__ import annotations

import reflex as rx


def steps(step, *cases, default: rx.Component) -> rx.Component:
    """rx.match(step, *cases, default) inside a box marked with the step's value."""
    return rx.el.div(rx.match(step, *cases, default), custom_attrs={"data-step": step})
