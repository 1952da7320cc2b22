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
    """A PDF from an authenticated server route, saved by the browser. With scripts (assets/a11y.js, [data-pdf]), the
    link says "Préparation du PDF…" (aria-busy) while the server prepares it, then that the PDF was saved: the
    second span, empty until then, carries those words while the first hides."""
    return ReactRouterLink.create(rx.el.span(*children, class_name="download-label"),
                                  rx.el.span(class_name="download-state", hidden=True, aria_live="polite"),
                                  to=href, reload_document=True, download=True,
                                  custom_attrs={"data-pdf": "true"}, **props)
