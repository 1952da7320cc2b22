"""Session routes: the HttpOnly cookie is set and cleared here, never by JavaScript."""

from __future__ import annotations

import re
import secrets

from reflex.config import get_config
from sqlmodel import Session
from starlette.datastructures import MutableHeaders
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from ..db import engine
from ..routes import ACCUEIL, CONNEXION, MES_AUTORISATIONS, PARTENAIRES
from ..services.identity import auth, devices, franceconnect, login
from ..settings import get_settings
from .headers import served_over_https

# The session cookie: over https its name has the __Host- prefix (Secure, path /, no Domain), so no sibling
# subdomain can set or overwrite it; over plain http (the local demo), the bare name. It is a session cookie
# (no Max-Age): closing the browser on a shared device ends it, whatever the server-side lifetime.
SESSION_COOKIE = "caf_session"
SECURE_SESSION_COOKIE = "__Host-" + SESSION_COOKIE
# Set (readable by scripts, one minute) with each new session cookie: assets/session.js then gives the tab a new
# Reflex state token before the app starts, whichever way the login came (a password, a passkey, FranceConnect+),
# so nothing of a previous tab state is reused. "garder": nobody was logged in here, what the forms kept stays.
NEW_SESSION_COOKIE = "caf_nouvelle_session"
# A random value each browser gets (SameSite=Strict; browser_binding_cookie below, or assets/session.js where
# nginx serves the pages): a login ticket opens a session only in the browser whose tab logged in, so another site
# cannot log someone into the attacker's account (login CSRF). Over https its name has the __Host- prefix: no
# sibling subdomain can set it.
BROWSER_BINDING_COOKIE = "caf_navigateur"
BROWSER_BINDING_NAMES = ("__Host-" + BROWSER_BINDING_COOKIE, BROWSER_BINDING_COOKIE)


def _binding_value(value: str) -> str:
    return value if len(value) == 32 and all(c in "0123456789abcdef" for c in value) else ""


def browser_binding(cookies: dict[str, str]) -> str:
    """The browser binding cookie's value (the __Host- one first), "" when there is none of the right form."""
    for name in BROWSER_BINDING_NAMES:
        if value := _binding_value(cookies.get(name, "")):
            return value
    return ""


def browser_binding_cookie(app: ASGIApp) -> ASGIApp:
    """An ASGI middleware (a Reflex api_transformer): a page (an HTML response to a GET) sent to a browser without
    a binding cookie of the right form sets one, 32 random hex digits, SameSite=Strict, for the whole site; over
    https (is_https) Secure and __Host-. Not HttpOnly, and no Max-Age (gone with the browser), as the one
    assets/session.js sets: that script stays as the fallback for the pages this app does not serve, the static
    files nginx serves in production (caf_app/deploy/recipe.py). It sees this cookie and leaves it alone.
    Neither the websocket nor an /api call could replace that script: the login reads the cookie from the
    handshake that opened the tab's websocket (state/connexion.py), so it must exist before that handshake, and a
    request of its own would cost a round trip on every first visit."""

    async def middleware(scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] not in ("GET", "HEAD"):
            await app(scope, receive, send)
            return
        request = Request(scope)
        https = is_https(request)
        name = BROWSER_BINDING_NAMES[0] if https else BROWSER_BINDING_COOKIE
        if _binding_value(request.cookies.get(name, "")):
            await app(scope, receive, send)
            return

        async def send_with_cookie(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                if headers.get("content-type", "").startswith("text/html"):
                    headers.append("set-cookie", f"{name}={secrets.token_hex(16)}; Path=/; SameSite=Strict"
                                                 + ("; Secure" if https else ""))
            await send(message)

        await app(scope, receive, send_with_cookie)

    return middleware


def safe_next(target: str | None, default: str = ACCUEIL.path) -> str:
    """Only paths of this site: a page of the site yes, "//evil.example" or "https://..." no."""
    if not target or not target.startswith("/") or target.startswith("//") or "\\" in target:
        return default
    return target


_PLAIN_PATH = re.compile(r"/[A-Za-z0-9\-._~/]*(\?[A-Za-z0-9\-._~=&%/]*)?")


def local_path(target: str | None) -> str:
    """A destination a page carries through its steps (Créer Mon Compte's `suivant`): a path of this site in
    plain characters, at most 200, else "" (no other site, no control character, no scheme)."""
    target = safe_next(target, default="")
    return target if len(target) <= 200 and _PLAIN_PATH.fullmatch(target) else ""


def is_https(request: Request) -> bool:
    return served_over_https(request.scope)


def session_cookie_name(https: bool) -> str:
    return SECURE_SESSION_COOKIE if https else SESSION_COOKIE


def session_token(cookies: dict[str, str], *, https: bool) -> str:
    """The session cookie's value: over https only the __Host- one counts (a bare one may come from a sibling)."""
    return cookies.get(session_cookie_name(https), "")


def request_session_token(request: Request) -> str:
    return session_token(request.cookies, https=is_https(request))


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
        return auth.session_actor(session=session, token=request_session_token(request),
                                  secret=get_settings().secret_key)


def with_session_cookie(response: Response, token: str, request: Request) -> Response:
    """The HttpOnly session cookie on the response (a password login and a FranceConnect+ one alike): a session
    cookie, gone when the browser closes. The tab that follows starts a new Reflex state (NEW_SESSION_COOKIE)."""
    https = is_https(request)
    response.set_cookie(session_cookie_name(https), token, httponly=True, secure=https, samesite="lax", path="/")
    nobody_before = not request_session_token(request)
    response.set_cookie(NEW_SESSION_COOKIE, "garder" if nobody_before else "vider", secure=https, samesite="lax",
                        path="/", max_age=60)
    response.headers["Cache-Control"] = "no-store"
    return response


def first_page(session: Session, token: str, suivant: str | None) -> str:
    """Where a login lands (a password, a passkey or FranceConnect+ alike): the page asked for, or the délégation
    question before the Accueil when it is due (services/identity/login.first_page)."""
    return login.first_page(session=session, token=token, secret=get_settings().secret_key, target=safe_next(suivant),
                            accueil=ACCUEIL.path, question=MES_AUTORISATIONS.query(premiere="1"))


def open_session(request: Request) -> Response:
    """GET /api/session/ouvrir?ticket=...&suivant=/page : exchange the login ticket for the cookie."""
    settings = get_settings()
    if started_elsewhere(request):
        return RedirectResponse(CONNEXION.query(erreur="session"), status_code=303)
    ticket = request.query_params.get("ticket", "")
    with Session(engine()) as session:
        token = auth.exchange_ticket(session=session, ticket=ticket, secret=settings.secret_key,
                                     browser=browser_binding(request.cookies))
        device = devices.cookie_for(session, ticket=ticket, secret=settings.secret_key) if token else None
        if device:  # beside the tokens of the other people of this browser that still work
            device = devices.browser_cookie(session, cookie=request.cookies.get(devices.DEVICE_COOKIE, ""),
                                            token=device, secret=settings.secret_key)
        target = first_page(session, token, request.query_params.get("suivant")) if token else ""
    if token is None:
        return RedirectResponse(CONNEXION.query(erreur="session"), status_code=303)
    response = with_session_cookie(RedirectResponse(target, status_code=303), token, request)
    if device:  # the login gave the code on this browser: remembered 30 days, beside the others' tokens
        response.set_cookie(devices.DEVICE_COOKIE, device, httponly=True, secure=is_https(request),
                            samesite="lax", path="/", max_age=int(devices.LIFETIME.total_seconds()))
    response.headers["Cache-Control"] = "no-store"
    return response


def close_session(request: Request) -> Response:
    """GET /api/session/fermer : destroy the server session and the cookie, back to Connexion. Another site cannot
    log a person out: the browser says it sent the request (Sec-Fetch-Site), or, for a browser that does not say,
    the SameSite=Strict binding cookie is missing (a cross-site navigation never carries it)."""
    settings = get_settings()
    if started_elsewhere(request) or (not request.headers.get("sec-fetch-site")
                                      and not browser_binding(request.cookies)):
        response = RedirectResponse(ACCUEIL.path, status_code=303)
        response.headers["Cache-Control"] = "no-store"
        return response
    with Session(engine()) as session:
        token = request_session_token(request)
        ended = auth.session_actor(session=session, token=token, secret=settings.secret_key, touch=False)
        fc_id_token = auth.logout(session=session, token=token, secret=settings.secret_key, ip=client_ip(request))
        # A FranceConnect+ identity left on this browser goes too (the next person must not find it).
        left = franceconnect.pending(session, browser=request.cookies.get(franceconnect.BROWSER_COOKIE, ""),
                                     secret=settings.secret_key)
        if left is not None:
            franceconnect.finish_pending(session, flow=left)
    reason = request.query_params.get("motif", "deconnexion")
    # A tuteur moral leaves the protected person's space for their own (Mon Compte Partenaire, still open).
    back = PARTENAIRES.path if ended is not None and ended.partner_id is not None else CONNEXION.query(motif=reason)
    response = RedirectResponse(back, status_code=303)
    if fc_id_token:
        from .franceconnect import logout_at_provider  # the session came from FranceConnect+: ended there too
        response = logout_at_provider(request, fc_id_token, reason) or response
    https = is_https(request)
    response.delete_cookie(session_cookie_name(https), path="/", httponly=True, secure=https, samesite="lax")
    response.headers["Cache-Control"] = "no-store"
    response.headers["Clear-Site-Data"] = '"cache"'
    return response
