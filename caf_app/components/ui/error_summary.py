"""The error summary of a form sent with several errors: at the top of the form, it takes focus (assets/a11y.js,
[data-focus-here]) and links to each field in error (a11y.js moves focus to the field: its input, else the first
of its radio buttons, else its messages)."""

from __future__ import annotations

import reflex as rx
from reflex_base.vars.base import Var

TITLE = "Le formulaire contient des erreurs. Corrigez-les pour continuer :"


def error_summary(errors: Var, *, minimum: int = 2) -> rx.Component:
    """errors: a state's dict of field id -> message ("" for the form as a whole, said by the form's own alert).
    Shown from `minimum` field errors: one error is already where the eye is, next to its field."""
    count = Var(_js_expr=f"Object.keys({errors!s}).filter((k) => k !== '').length", _var_type=int,
                _var_data=errors._get_all_var_data()).guess_type()
    # Its value changes with the errors: a11y.js moves focus to the summary each time it does.
    signature = Var(_js_expr=f"Object.entries({errors!s}).map((e) => e.join(':')).join('|')", _var_type=str,
                    _var_data=errors._get_all_var_data()).guess_type()
    return rx.cond(count >= minimum, rx.el.div(
        rx.el.p(rx.el.strong(TITLE)),
        rx.el.ul(rx.foreach(errors, lambda pair: rx.cond(
            pair[0] != "",
            rx.el.li(rx.el.a(pair[1], href="#" + pair[0].to(str), custom_attrs={"data-field": pair[0]}))))),
        role="alert", tab_index=-1, class_name="error-summary", custom_attrs={"data-focus-here": signature},
    ))
