"""Buttons and links that look like buttons: one way to write them, with what makes them accessible built in.

A button is a real <button> (type "button" unless it sends its form, so it never submits by accident); a link
that looks like a button stays a link (it goes somewhere). Both are 48 px targets (assets/styles.css, .button).
variant: "primary" (the one main action of a screen) or "secondary". extra: more classes ("picker", "listen")."""

from __future__ import annotations

import reflex as rx

from .link import app_link, document_link, download_link

VARIANTS = ("primary", "secondary")


def _classes(variant: str, extra: str) -> str:
    if variant not in VARIANTS:
        raise ValueError(f"variant {variant!r}: {VARIANTS}")
    return f"button button--{variant} {extra}".strip()


def button(*children, variant: str = "primary", type: str = "button", extra: str = "", **props) -> rx.Component:
    """An action on this page."""
    return rx.el.button(*children, type=type, class_name=_classes(variant, extra), **props)


def link_button(*children, href: str, variant: str = "primary", extra: str = "", follow: str = "app",
                **props) -> rx.Component:
    """A way to another page, drawn as a button. follow: "app" (client-side), "document" (the browser follows
    it: anchors, server routes) or "download" (a PDF from a server route)."""
    link = {"app": app_link, "document": document_link, "download": download_link}[follow]
    return link(*children, href=href, class_name=_classes(variant, extra), **props)
