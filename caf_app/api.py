"""Server routes (Starlette), matched before Reflex's: session cookie set and cleared here.

Each route reads the HttpOnly session cookie itself; nothing here trusts an identifier from the browser.
"""

from __future__ import annotations

from urllib.parse import quote

from sqlmodel import Session
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import Route

from .db import engine
from .services import auth
from .settings import get_settings

SESSION_COOKIE = "caf_session"


def safe_next(target: str | None, default: str = "/mon-compte") -> str:
    """Only paths of this site: "/allocations" yes, "//evil.example" or "https://..." no."""
    if not target or not target.startswith("/") or target.startswith("//") or "\\" in target:
        return default
    return target


def _is_https(request: Request) -> bool:
    return request.url.scheme == "https" or request.headers.get("x-forwarded-proto") == "https"


def client_ip(request: Request) -> str:
    return request.client.host if request.client else ""


def open_session(request: Request) -> Response:
    """GET /api/session/ouvrir?ticket=...&suivant=/page : exchange the login ticket for the cookie."""
    settings = get_settings()
    with Session(engine()) as session:
        token = auth.exchange_ticket(session=session, ticket=request.query_params.get("ticket", ""),
                                     secret=settings.secret_key)
    if token is None:
        return RedirectResponse("/connexion?erreur=session", status_code=303)
    response = RedirectResponse(safe_next(request.query_params.get("suivant")), status_code=303)
    response.set_cookie(SESSION_COOKIE, token, httponly=True, secure=_is_https(request), samesite="lax",
                        path="/", max_age=int(auth.ABSOLUTE_LIFETIME.total_seconds()))
    response.headers["Cache-Control"] = "no-store"
    return response


def close_session(request: Request) -> Response:
    """GET /api/session/fermer : destroy the server session and the cookie, back to Connexion."""
    settings = get_settings()
    with Session(engine()) as session:
        auth.logout(session=session, token=request.cookies.get(SESSION_COOKIE, ""), secret=settings.secret_key,
                    ip=client_ip(request))
    reason = request.query_params.get("motif", "deconnexion")
    response = RedirectResponse(f"/connexion?motif={quote(reason)}", status_code=303)
    response.delete_cookie(SESSION_COOKIE, path="/", httponly=True, samesite="lax")
    response.headers["Cache-Control"] = "no-store"
    response.headers["Clear-Site-Data"] = '"cache"'
    return response


api = Starlette(routes=[
    Route("/api/session/ouvrir", open_session, methods=["GET"]),
    Route("/api/session/fermer", close_session, methods=["GET"]),
])
