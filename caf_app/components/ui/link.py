"""Links that navigate inside the app without reloading it (React Router), and plain document links."""

from __future__ import annotations

import reflex as rx
from reflex_components_core.react_router.dom import ReactRouterLink


def app_link(*children, href: str, **props) -> rx.Component:
    """Client-side navigation to a page of the app; an `<a href>` in the HTML, so it works without JS."""
    return ReactRouterLink.create(*children, to=href, **props)


def document_link(*children, href: str, **props) -> rx.Component:
    """A link the browser follows itself: anchors in another page, server routes (/api/...), downloads."""
    return rx.el.a(*children, href=href, **props)
