"""Two or more tabs (role=tab buttons) over panels; the state var holds the selected key."""

from __future__ import annotations

import reflex as rx


def tabs(*, id: str, label: str, selected: rx.Var[str], on_select, panels: list[tuple[str, str, rx.Component]]
         ) -> rx.Component:
    """panels: (key, tab label, content). on_select: an event handler taking the key."""
    buttons = [
        rx.el.button(
            title, type="button", role="tab", id=f"{id}-tab-{key}",
            aria_selected=rx.cond(selected == key, "true", "false"),
            aria_controls=f"{id}-panel-{key}",
            on_click=on_select(key),
            class_name=rx.cond(selected == key, "tab tab--selected", "tab"),
        )
        for key, title, _ in panels
    ]
    bodies = [
        rx.el.div(content, role="tabpanel", id=f"{id}-panel-{key}", aria_labelledby=f"{id}-tab-{key}",
                  hidden=selected != key, class_name="tabpanel")
        for key, _, content in panels
    ]
    return rx.el.div(rx.el.div(*buttons, role="tablist", aria_label=label, class_name="tablist"), *bodies)
