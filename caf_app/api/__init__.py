"""Server routes (Starlette), matched before Reflex's. Each route reads the HttpOnly session cookie itself;
nothing here trusts an identifier from the browser beyond what the policy allows."""

from __future__ import annotations

from starlette.applications import Starlette
from starlette.routing import Route

from . import documents
from .session import SESSION_COOKIE, close_session, open_session, safe_next

api = Starlette(routes=[
    Route("/api/session/ouvrir", open_session, methods=["GET"]),
    Route("/api/session/fermer", close_session, methods=["GET"]),
    *documents.routes,
])

__all__ = ["SESSION_COOKIE", "api", "safe_next"]
