"""Messages: an error announced at once (role=alert), or a piece of news announced politely (role=status)."""

from __future__ import annotations

import reflex as rx

KINDS = {"error": "message message--error", "success": "success", "notice": "notice"}


def alert(*children, **props) -> rx.Component:
    """An error the person must read now: announced by screen readers as it appears."""
    return rx.el.p(*children, role="alert", class_name=KINDS["error"], **props)


def status(*children, kind: str = "notice", **props) -> rx.Component:
    """News of what happened (saved, sent) or a notice: announced without interrupting."""
    return rx.el.p(*children, role="status", class_name=KINDS[kind], **props)


def card(*children, tag: str = "section", extra: str = "", **props) -> rx.Component:
    """A block of related content (a section with its own heading, by default)."""
    element = {"section": rx.el.section, "div": rx.el.div, "li": rx.el.li, "article": rx.el.article}[tag]
    return element(*children, class_name=f"card {extra}".strip(), **props)
