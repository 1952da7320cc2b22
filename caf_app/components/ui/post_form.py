"""A form the browser itself posts to a server route (the agents' login, api/gestion.py): Reflex's own form
always prevents the browser's submit and sends an event instead, and a cookie must be set by an HTTP response.
assets/forms.js leaves forms with an action alone."""

from __future__ import annotations

from reflex_base.components.component import field
from reflex_base.vars.base import Var
from reflex_components_core.el.elements.base import BaseHTML


class PostForm(BaseHTML):
    """<form action=... method="post">, submitted by the browser."""

    tag = "form"

    action: Var[str] = field(doc="The server route the form is posted to")
    method: Var[str] = field(doc="post")


post_form = PostForm.create
