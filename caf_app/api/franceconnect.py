"""FranceConnect+ routes: the app's public keys, the start of a login, the callback, the return from the
provider's logout. Each answer ends on a page of ours with a plain message (content/franceconnect.py)."""

from __future__ import annotations

import logging

from sqlmodel import Session
from starlette.requests import Request
from starlette.responses import JSONResponse, RedirectResponse, Response
from starlette.routing import Route

from ..db import engine
from ..routes import CONNEXION, CREER_MON_COMPTE
from ..security.franceconnect import FranceConnectError, provider
from ..security.tokens import new_token
from ..services.identity import auth, franceconnect
from ..settings import get_settings
from .session import client_ip, first_page, is_https, local_path, started_elsewhere, with_session_cookie

log = logging.getLogger("caf_app")


# Where the person was going when they chose FranceConnect+ (Connexion's ?suivant=, a demande in progress): kept
# by this browser for the round trip, a local path only, and used once.
NEXT_COOKIE = "caf_fc_suivant"


def _to_connexion(reason: str, suivant: str = "") -> RedirectResponse:
    query = {"franceconnect": reason, **({"suivant": suivant} if suivant else {})}
    response = RedirectResponse(CONNEXION.query(**query), status_code=303)
    response.headers["Cache-Control"] = "no-store"
    return response


def _next_of(request: Request) -> str:
    return local_path(request.cookies.get(NEXT_COOKIE))


def _forget_next(response: Response, request: Request) -> Response:
    response.delete_cookie(NEXT_COOKIE, path="/", httponly=True, secure=is_https(request), samesite="lax")
    return response


def _browser(request: Request, response: Response) -> str:
    """The browser's round-trip cookie (kept if there is one, so a pending identity stays reachable)."""
    value = request.cookies.get(franceconnect.BROWSER_COOKIE) or new_token()
    response.set_cookie(franceconnect.BROWSER_COOKIE, value, httponly=True, secure=is_https(request),
                        samesite="lax", path="/", max_age=int(franceconnect.FLOW_LIFETIME.total_seconds()))
    return value


def jwks(_request: Request) -> Response:
    settings = get_settings()
    if not settings.fc_enabled:
        return JSONResponse({"keys": []}, status_code=404)
    return JSONResponse(provider(settings).public_jwks(), headers={"Cache-Control": "public, max-age=300"})


def _to_provider(request: Request, purpose: str, address) -> Response:
    """A redirect to the provider for a new round trip: address(state, nonce) builds its URL; the round trip is
    tied to this browser. Raises FranceConnectError when the provider cannot be reached."""
    settings = get_settings()
    response = RedirectResponse("/", status_code=303)
    browser = _browser(request, response)
    with Session(engine()) as session:
        state, nonce = franceconnect.start(session, purpose=purpose, browser=browser, secret=settings.secret_key)
    response.headers["Location"] = address(provider(settings), state, nonce)
    response.headers["Cache-Control"] = "no-store"
    return response


def start(request: Request) -> Response:
    """GET /api/franceconnect/connexion: to the provider, with a fresh state and nonce."""
    if not get_settings().fc_enabled or started_elsewhere(request):
        return _to_connexion("erreur")
    try:
        response = _to_provider(request, "connexion",
                                lambda fc, state, nonce: fc.authorization_url(state=state, nonce=nonce))
        suivant = local_path(request.query_params.get("suivant"))
        if suivant:
            response.set_cookie(NEXT_COOKIE, suivant, httponly=True, secure=is_https(request), samesite="lax",
                                path="/", max_age=int(franceconnect.FLOW_LIFETIME.total_seconds()))
        return response
    except FranceConnectError as error:
        log.warning("FranceConnect+ : %s", error)
        return _to_connexion(error.reason)


def callback(request: Request) -> Response:
    """GET /api/franceconnect/retour: the state first, then the code at once (it lives 30 s)."""
    settings = get_settings()
    if not settings.fc_enabled:
        return _to_connexion("erreur")
    query = request.query_params
    browser = request.cookies.get(franceconnect.BROWSER_COOKIE, "")
    try:
        with Session(engine()) as session:
            flow = franceconnect.take(session, purpose="connexion", state=query.get("state", ""), browser=browser,
                                      secret=settings.secret_key)
            if "error" in query:
                raise FranceConnectError("annule" if query["error"] == "access_denied" else "erreur", query["error"])
            if query.get("iss", settings.fc_issuer) != settings.fc_issuer:  # RFC 9207: the answer of another
                raise FranceConnectError("erreur", "iss")
            identity = provider(settings).finish(code=query.get("code", ""), nonce=flow.nonce)
            outcome = franceconnect.after_login(session, flow=flow, identity=identity)
            suivant = _next_of(request)
            if outcome.next == "lier":
                return _forget_next(_to_connexion("lier", suivant), request)
            if outcome.next == "creer":
                query = {"franceconnect": "1", **({"suivant": suivant} if suivant else {})}
                return _forget_next(RedirectResponse(CREER_MON_COMPTE.query(**query), status_code=303), request)
            ticket = auth.open_session(session=session, account=outcome.account, secret=settings.secret_key,
                                       ip=client_ip(request), user_agent=request.headers.get("user-agent", ""),
                                       how="FranceConnect+", fc_id_token=identity.id_token)
            token = auth.exchange_ticket(session=session, ticket=ticket.ticket, secret=settings.secret_key)
            target = first_page(session, token, _next_of(request))
    except FranceConnectError as error:
        log.warning("FranceConnect+ : %s", error)
        return _to_connexion(error.reason, _next_of(request))
    return _forget_next(with_session_cookie(RedirectResponse(target, status_code=303), token, request), request)


# Why the session ended, as the round trip to the provider's logout remembers it (the motif shown on return).
LOGOUT_PURPOSES = {"deconnexion": "deconnexion", "expiration": "deconnexion-expiration"}


def logout_at_provider(request: Request, id_token: str, reason: str = "deconnexion") -> Response | None:
    """After our logout or the session's expiry: the provider's end-session endpoint, with the signed ID token
    and a fresh state (an idle person's FranceConnect+ session must not outlive ours)."""
    if not get_settings().fc_enabled or reason not in LOGOUT_PURPOSES:
        return None
    try:
        return _to_provider(request, LOGOUT_PURPOSES[reason],
                            lambda fc, state, _nonce: fc.logout_url(id_token=id_token, state=state))
    except FranceConnectError as error:
        log.warning("FranceConnect+ : %s", error)
        return None


def logged_out(request: Request) -> Response:
    """GET /api/franceconnect/deconnexion: back from the provider's logout; its state is checked."""
    settings = get_settings()
    for reason, purpose in LOGOUT_PURPOSES.items():
        try:
            with Session(engine()) as session:
                franceconnect.take(session, purpose=purpose, state=request.query_params.get("state", ""),
                                   browser=request.cookies.get(franceconnect.BROWSER_COOKIE, ""),
                                   secret=settings.secret_key)
        except FranceConnectError:
            continue
        return RedirectResponse(CONNEXION.query(motif=reason), status_code=303)
    return RedirectResponse(CONNEXION.query(motif="deconnexion", franceconnect="etat"), status_code=303)


routes = [
    Route("/api/franceconnect/jwks", jwks, methods=["GET"]),
    Route("/api/franceconnect/connexion", start, methods=["GET"]),
    Route("/api/franceconnect/retour", callback, methods=["GET"]),
    Route("/api/franceconnect/deconnexion", logged_out, methods=["GET"]),
]
