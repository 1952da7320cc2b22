"""A new-password field with the seed's live checklist, a confirmation field and "Afficher"."""

from __future__ import annotations

import reflex as rx

from .field import checkbox, text_field


def _rule(line) -> rx.Component:
    """A rule: neutral (a dot, no verdict) while the field is empty (styles.css: .rules--pending, from the
    field's :placeholder-shown), then ✓ or ✗ as the password is typed."""
    return rx.el.li(
        rx.el.span("•", class_name="rule-mark rule-mark--neutral", aria_hidden="true"),
        rx.cond(line.ok, rx.el.span("✓", class_name="rule-mark rule-mark--ok rule-verdict", aria_hidden="true"),
                rx.el.span("✗", class_name="rule-mark rule-mark--ko rule-verdict", aria_hidden="true")),
        rx.el.span(line.label),
        rx.el.span(rx.cond(line.ok, " : respecté", " : non respecté"), class_name="sr-only rule-verdict"),
        class_name=rx.cond(line.ok, "rule rule--ok", "rule"),
    )


def new_password_fields(*, rules, on_change, show, on_toggle_show, password_error, confirmation_error
                        ) -> rx.Component:
    """rules: Var[list[domain.passwords.RuleLine]].

    on_change: handler receiving the typed password (it updates `rules`).
    """
    kind = rx.cond(show, "text", "password")
    return rx.fragment(
        text_field(id="mot_de_passe", label="Nouveau mot de passe", type=kind, error=password_error,
                   autocomplete="new-password", max_length=128, on_change=on_change.debounce(150),
                   placeholder=" ",  # an invisible placeholder: empty, the field matches :placeholder-shown
                   hint="Votre mot de passe doit comporter :"),
        rx.el.ul(rx.foreach(rules, _rule), id="mot_de_passe-regles", class_name="rules", aria_live="polite"),
        text_field(id="confirmation", label="Confirmer le nouveau mot de passe", type=kind,
                   error=confirmation_error, autocomplete="new-password", max_length=128),
        checkbox(id="afficher", label="Afficher le mot de passe", checked=show, on_change=on_toggle_show),
    )
