"""Server routes (Starlette), matched before Reflex's. Each route reads the HttpOnly session cookie itself;
nothing here trusts an identifier from the browser beyond what the policy allows."""

from __future__ import annotations

import html

import sqlalchemy.exc
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import HTMLResponse
from starlette.routing import Route

from ..content.shell import UNAVAILABLE
from ..routes import ACCUEIL
from . import documents, franceconnect, gestion
from .session import browser_binding, close_session, local_path, open_session, safe_next, session_token


async def unavailable(_request: Request, _error: Exception) -> HTMLResponse:
    """The database out of reach (a restart, a failover): a page that says so, and when to come back."""
    return HTMLResponse(f'<!doctype html><html lang="fr"><meta charset="utf-8"><title>Service indisponible</title>'
                        f'<p role="alert">{html.escape(UNAVAILABLE)}</p>'
                        f'<p><a href="{ACCUEIL.path}">Revenir à Mon Compte</a></p></html>',
                        status_code=503, headers={"Retry-After": "10"})


api = Starlette(routes=[
    Route("/api/session/ouvrir", open_session, methods=["GET"]),
    Route("/api/session/fermer", close_session, methods=["GET"]),
    *documents.routes,
    *franceconnect.routes,
    *gestion.routes,
], exception_handlers={sqlalchemy.exc.OperationalError: unavailable, sqlalchemy.exc.InterfaceError: unavailable})

__all__ = ["api", "browser_binding", "local_path", "safe_next", "session_token"]
