"""The security check of the seed (« Vérification de sécurité », « Saisir les caractères ci-dessus »), with a
text alternative for people who cannot read the image."""

from __future__ import annotations

import reflex as rx

from .actions import button
from .field import text_field


def security_check(*, state, error) -> rx.Component:
    """state: a state class with the SecurityCheck mixin (state/captcha.py). error: the message of the
    "verification" field, "" when none."""
    image = rx.el.div(
        rx.el.img(src=state.captcha_src, alt="Vérification de sécurité : des caractères déformés. Si vous ne "
                  "pouvez pas les lire, choisissez « Je ne peux pas lire l'image ».", width=244, height=70),
        button("Nouvelle image", on_click=state.new_image, variant="secondary"),
        class_name="captcha",
    )
    return rx.el.fieldset(
        rx.el.legend("Vérification de sécurité"),
        rx.cond(state.text_alternative, rx.el.p(state.captcha_question, id="question"), image),
        text_field(id="verification", label=rx.cond(state.text_alternative, "Votre réponse",
                                                    "Saisir les caractères ci-dessus"),
                   error=error, autocomplete="off", max_length=20),
        rx.el.button(rx.cond(state.text_alternative, "Revenir à l'image", "Je ne peux pas lire l'image"),
                     type="button", on_click=state.toggle_alternative, class_name="link-button"),
    )
