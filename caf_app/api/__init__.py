"""Server routes (Starlette), matched before Reflex's. Each route reads the HttpOnly session cookie itself;
nothing here trusts an identifier from the browser beyond what the policy allows (the guides' PDFs are public)."""

from __future__ import annotations

import html

import sqlalchemy.exc
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import HTMLResponse, PlainTextResponse, Response
from starlette.routing import Route

from .. import clock
from ..content import editorial
from ..content.shell import UNAVAILABLE
from ..domain.dates import format_date
from ..pdf.guides import guide_pdf
from ..routes import ACCUEIL
from . import documents, franceconnect, gestion, plain
from .session import browser_binding, close_session, local_path, open_session, safe_next, session_token


async def unavailable(_request: Request, _error: Exception) -> HTMLResponse:
    """The database out of reach (a restart, a failover): a page that says so, and when to come back."""
    return HTMLResponse(f'<!doctype html><html lang="fr"><meta charset="utf-8"><title>Service indisponible</title>'
                        f'<p role="alert">{html.escape(UNAVAILABLE)}</p>'
                        f'<p><a href="{ACCUEIL.path}">Revenir à Mon Compte</a></p></html>',
                        status_code=503, headers={"Retry-After": "10"})


def guide(request: Request) -> Response:
    """GET /api/guides/<slug>.pdf: a guide des prestations of the Professionnels space, public, made from its page."""
    slug = request.path_params["slug"]
    try:
        found = editorial.entry("professionnels", slug) if slug.startswith("guide-") else None
    except KeyError:
        found = None
    if found is None:
        return PlainTextResponse("Ce guide n'existe pas.", status_code=404)
    data = guide_pdf(found, made_on=format_date(clock.today()))
    return Response(data, media_type="application/pdf", headers={
        "Content-Disposition": f'inline; filename="{slug}.pdf"', "Cache-Control": "public, max-age=3600",
        "X-Content-Type-Options": "nosniff"})


api = Starlette(routes=[
    Route("/api/guides/{slug}.pdf", guide, methods=["GET"]),
    Route("/api/session/ouvrir", open_session, methods=["GET"]),
    Route("/api/session/fermer", close_session, methods=["GET"]),
    *documents.routes,
    *franceconnect.routes,
    *gestion.routes,
    *plain.routes,
], exception_handlers={sqlalchemy.exc.OperationalError: unavailable, sqlalchemy.exc.InterfaceError: unavailable})

__all__ = ["api", "browser_binding", "local_path", "safe_next", "session_token"]
