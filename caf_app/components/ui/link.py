"""Links: inside the app without reloading it (React Router), or followed by the browser itself."""

from __future__ import annotations

import reflex as rx
from reflex_components_core.react_router.dom import ReactRouterLink


def app_link(*children, href: str, **props) -> rx.Component:
    """Client-side navigation to a page of the app; an `<a href>` in the HTML, so it works without JS."""
    return ReactRouterLink.create(*children, to=href, **props)


def document_link(*children, href: str, **props) -> rx.Component:
    """A link the browser follows itself (a full request): anchors of another page, server routes."""
    return ReactRouterLink.create(*children, to=href, reload_document=True, **props)


def download_link(*children, href: str, **props) -> rx.Component:
    """A PDF from an authenticated server route, saved by the browser."""
    return ReactRouterLink.create(*children, to=href, reload_document=True, download=True, **props)
