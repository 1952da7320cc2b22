"""Session routes: the HttpOnly cookie is set and cleared here, never by JavaScript."""

from __future__ import annotations

from urllib.parse import quote

from reflex.config import get_config
from sqlmodel import Session
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from ..db import engine
from ..services import auth, devices, franceconnect
from ..settings import get_settings

SESSION_COOKIE = "caf_session"
# A random value assets/shell.js gives each browser (SameSite=Strict): a login ticket opens a session only in the
# browser whose tab logged in, so another site cannot log someone into the attacker's account (login CSRF). Over
# https its name has the __Host- prefix: no sibling subdomain can set it.
BROWSER_BINDING_COOKIE = "caf_navigateur"
BROWSER_BINDING_NAMES = ("__Host-" + BROWSER_BINDING_COOKIE, BROWSER_BINDING_COOKIE)


def browser_binding(cookies: dict[str, str]) -> str:
    """The browser binding cookie's value (the __Host- one first), "" when there is none of the right form."""
    for name in BROWSER_BINDING_NAMES:
        value = cookies.get(name, "")
        if len(value) == 32 and all(c in "0123456789abcdef" for c in value):
            return value
    return ""


def safe_next(target: str | None, default: str = "/mon-compte") -> str:
    """Only paths of this site: "/allocations" yes, "//evil.example" or "https://..." no."""
    if not target or not target.startswith("/") or target.startswith("//") or "\\" in target:
        return default
    return target


def _is_https(request: Request) -> bool:
    return request.url.scheme == "https" or request.headers.get("x-forwarded-proto") == "https"


def client_ip(request: Request) -> str:
    """The client's address; behind REFLEX_TRUSTED_PROXY_HOPS reverse proxies (the production recipe's nginx),
    the one the nearest trusted proxy saw, as Reflex reads it for the websocket (throttling counts the same)."""
    hops = get_config().trusted_proxy_hops
    forwarded = [ip.strip() for ip in request.headers.get("x-forwarded-for", "").split(",") if ip.strip()]
    if hops and len(forwarded) >= hops:
        return forwarded[-hops]
    return request.client.host if request.client else ""


def started_elsewhere(request: Request) -> bool:
    """A request another site made the browser send (a link, a form, an image there): browsers say so in
    Sec-Fetch-Site. Such a request may not open a session (login CSRF) nor write anything through a download."""
    return request.headers.get("sec-fetch-site", "") in ("cross-site", "same-site")


def request_actor(request: Request):
    """The actor of the request's session cookie (checked and touched in the database), or None."""
    with Session(engine()) as session:
        return auth.session_actor(session=session, token=request.cookies.get(SESSION_COOKIE, ""),
                                  secret=get_settings().secret_key)


def with_session_cookie(response: Response, token: str, request: Request) -> Response:
    """The HttpOnly session cookie on the response (a password login and a FranceConnect+ one alike)."""
    response.set_cookie(SESSION_COOKIE, token, httponly=True, secure=_is_https(request), samesite="lax",
                        path="/", max_age=int(auth.ABSOLUTE_LIFETIME.total_seconds()))
    response.headers["Cache-Control"] = "no-store"
    return response


def open_session(request: Request) -> Response:
    """GET /api/session/ouvrir?ticket=...&suivant=/page : exchange the login ticket for the cookie."""
    settings = get_settings()
    if started_elsewhere(request):
        return RedirectResponse("/connexion?erreur=session", status_code=303)
    ticket = request.query_params.get("ticket", "")
    with Session(engine()) as session:
        token = auth.exchange_ticket(session=session, ticket=ticket, secret=settings.secret_key,
                                     browser=browser_binding(request.cookies))
        device = devices.cookie_for(session, ticket=ticket, secret=settings.secret_key) if token else None
        if device:  # beside the tokens of the other people of this browser that still work
            device = devices.browser_cookie(session, cookie=request.cookies.get(devices.DEVICE_COOKIE, ""),
                                            token=device, secret=settings.secret_key)
    if token is None:
        return RedirectResponse("/connexion?erreur=session", status_code=303)
    response = with_session_cookie(RedirectResponse(safe_next(request.query_params.get("suivant")),
                                                    status_code=303), token, request)
    if device:  # the login gave the code on this browser: remembered 30 days, beside the others' tokens
        response.set_cookie(devices.DEVICE_COOKIE, device, httponly=True, secure=_is_https(request),
                            samesite="lax", path="/", max_age=int(devices.LIFETIME.total_seconds()))
    response.headers["Cache-Control"] = "no-store"
    return response


def close_session(request: Request) -> Response:
    """GET /api/session/fermer : destroy the server session and the cookie, back to Connexion."""
    settings = get_settings()
    with Session(engine()) as session:
        fc_id_token = auth.logout(session=session, token=request.cookies.get(SESSION_COOKIE, ""),
                                  secret=settings.secret_key, ip=client_ip(request))
        # A FranceConnect+ identity left on this browser goes too (the next person must not find it).
        left = franceconnect.pending(session, browser=request.cookies.get(franceconnect.BROWSER_COOKIE, ""),
                                     secret=settings.secret_key)
        if left is not None:
            franceconnect.finish_pending(session, flow=left)
    reason = request.query_params.get("motif", "deconnexion")
    response = RedirectResponse(f"/connexion?motif={quote(reason)}", status_code=303)
    if fc_id_token:
        from .franceconnect import logout_at_provider  # the session came from FranceConnect+: ended there too
        response = logout_at_provider(request, fc_id_token, reason) or response
    response.delete_cookie(SESSION_COOKIE, path="/", httponly=True, samesite="lax")
    response.headers["Cache-Control"] = "no-store"
    response.headers["Clear-Site-Data"] = '"cache"'
    return response
