"""The staff's server routes: the login of the Caf's agents and of the partners' staff (a form posted here: password
and TOTP code checked, the HttpOnly cookie of that entry set), logout, and the documents of the queue shown inline.
Each reads its cookie itself."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlencode

from sqlmodel import Session
from starlette.requests import Request
from starlette.responses import PlainTextResponse, RedirectResponse, Response
from starlette.routing import Route

from .. import clock
from ..db import engine
from ..documents.processing import page_image
from ..documents.storage import private_store
from ..domain.errors import DomainError, Forbidden
from ..routes import ACCUEIL, GESTION, GESTION_CONNEXION, PARTENAIRES, PARTENAIRES_CONNEXION, Page
from ..security.passwords import in_hashing_pool
from ..services.gestion import agents, dossier
from ..services.identity import auth
from ..services.partenaires import tutelles
from ..settings import get_settings, origin_allowed
from .session import client_ip, is_https, request_session_token, started_elsewhere, with_session_cookie


@dataclass(frozen=True)
class Entry:
    """One of the two staff entries: the Caf's agents (/gestion) and the partners' staff (/partenaires), each with
    its own cookie, login page and landing page; a session of one is none at the other (agents.agent_of)."""

    cookie: str
    login_page: Page
    landing: Page
    partner: bool
    elsewhere: str  # the refusal of a login not posted from our page

    @property
    def secure_cookie(self) -> str:
        return "__Host-" + self.cookie

    def token(self, cookies: dict[str, str], *, https: bool) -> str:
        """The cookie's value: over https only the __Host- one counts."""
        return cookies.get(self.secure_cookie if https else self.cookie, "")


AGENTS = Entry("caf_agent", GESTION_CONNEXION, GESTION, False, "Connectez-vous depuis la page de connexion des agents.")
PARTNERS = Entry("caf_partenaire", PARTENAIRES_CONNEXION, PARTENAIRES, True,
                 "Connectez-vous depuis la page de connexion de Mon Compte Partenaire.")


def agent_token(cookies: dict[str, str], *, https: bool) -> str:
    return AGENTS.token(cookies, https=https)


def _agent(request: Request):
    with Session(engine()) as session:
        return agents.agent_of(session=session, token=agent_token(request.cookies, https=is_https(request)),
                               secret=get_settings().secret_key)


def request_partner(request: Request):
    """The partner's staff member of the request's cookie (a live session), or None."""
    with Session(engine()) as session:
        return agents.agent_of(session=session, token=PARTNERS.token(request.cookies, https=is_https(request)),
                               secret=get_settings().secret_key, partner=True)


def _back(entry: Entry, error: DomainError, login: str) -> RedirectResponse:
    query = urlencode({"erreur": error.message, "champ": error.field or "formulaire", "identifiant": login[:64]})
    return RedirectResponse(f"{entry.login_page.path}?{query}", status_code=303)


def _login(entry: Entry):
    async def login(request: Request) -> Response:
        """POST: identifiant, mot_de_passe, code. Only from a page of this site (no login CSRF)."""
        if started_elsewhere(request) or not origin_allowed(request.headers.get("origin", "")):
            return PlainTextResponse(entry.elsewhere, status_code=403)
        form = await request.form()
        name, password, code = (str(form.get(k, ""))[:128] for k in ("identifiant", "mot_de_passe", "code"))
        settings = get_settings()

        def check() -> str:
            with Session(engine()) as session:
                return agents.authenticate(session=session, login=name, password=password, code=code,
                                           client=client_ip(request), secret=settings.secret_key,
                                           partner=entry.partner)

        try:
            token = await in_hashing_pool(check)
        except DomainError as error:
            return _back(entry, error, name)
        https = is_https(request)
        response = RedirectResponse(entry.landing.path, status_code=303)
        response.set_cookie(entry.secure_cookie if https else entry.cookie, token, httponly=True, secure=https,
                            samesite="strict", path="/", max_age=int(agents.LIFETIME.total_seconds()))
        response.headers["Cache-Control"] = "no-store"
        return response
    return login


def _logout(entry: Entry):
    def logout(request: Request) -> Response:
        """GET: the session revoked and the cookie gone (not from another site)."""
        response = RedirectResponse(entry.login_page.query(motif="deconnexion"), status_code=303)
        if started_elsewhere(request):
            return response
        https = is_https(request)
        with Session(engine()) as session:
            agents.logout(session=session, token=entry.token(request.cookies, https=https),
                          secret=get_settings().secret_key)
        response.delete_cookie(entry.secure_cookie if https else entry.cookie, path="/", httponly=True, secure=https,
                               samesite="strict")
        response.headers["Cache-Control"] = "no-store"
        response.headers["Clear-Site-Data"] = '"cache"'
        return response
    return logout


async def open_protege(request: Request) -> Response:
    """POST /api/partenaires/protege (tutelle=<id>): a tuteur moral's staff member opens the Mon Compte of a person
    their organisation protects; the session cookie of Mon Compte is set, and the Accueil follows. Only from a page
    of this site; refused (back to the space, its message) when the policy says no."""
    if started_elsewhere(request) or not origin_allowed(request.headers.get("origin", "")):
        return PlainTextResponse(PARTNERS.elsewhere, status_code=403)
    partner = request_partner(request)
    if partner is None:
        return RedirectResponse(PARTENAIRES_CONNEXION.query(motif="expiration"), status_code=303)
    chosen = str((await request.form()).get("tutelle", ""))[:10]
    secret = get_settings().secret_key
    try:
        with Session(engine()) as session:
            token = tutelles.open_mon_compte(
                session=session, actor=partner, partner_token=PARTNERS.token(request.cookies, https=is_https(request)),
                tutelle_id=int(chosen) if chosen.isascii() and chosen.isdigit() else 0,
                secret=secret, today=clock.today(), ip=client_ip(request),
                user_agent=request.headers.get("user-agent", ""))
            # The Mon Compte session this browser had (another protégé's, anyone's) ends on the server: its cookie is
            # replaced below, and a session nobody can close must not stay open.
            auth.logout(session=session, token=request_session_token(request), secret=secret, ip=client_ip(request))
    except Forbidden:
        return RedirectResponse(PARTENAIRES.query(erreur="tutelle"), status_code=303)
    return with_session_cookie(RedirectResponse(ACCUEIL.path, status_code=303), token, request)


def _file(request: Request) -> tuple[int, bytes] | Response:
    agent = _agent(request)
    if agent is None or started_elsewhere(request):
        return PlainTextResponse("Connectez-vous à l'espace des agents.", status_code=403)
    try:
        with Session(engine()) as session:
            row = dossier.document(session=session, actor=agent, document_id=int(request.path_params["document_id"]))
        return row.id, private_store().get(row.storage_key)
    except (Forbidden, ValueError, FileNotFoundError):
        return PlainTextResponse("Ce document n'existe pas.", status_code=404)


PRIVATE = {"Cache-Control": "private, no-store", "X-Content-Type-Options": "nosniff"}


def document(request: Request) -> Response:
    """GET /api/gestion/document/{id}: a document of a dossier of the agent's Caf (its PDF, opened on its own)."""
    found = _file(request)
    if isinstance(found, Response):
        return found
    return Response(found[1], media_type="application/pdf",
                    headers={"Content-Disposition": f'inline; filename="document-{found[0]}.pdf"', **PRIVATE})


def document_page(request: Request) -> Response:
    """GET /api/gestion/document/{id}/page/{n}: the picture of one page, shown in the item's screen."""
    found = _file(request)
    if isinstance(found, Response):
        return found
    image = page_image(found[1], int(request.path_params["page"]) - 1)
    if image is None:
        return PlainTextResponse("Cette page n'est pas une image : ouvrez le document.", status_code=404)
    return Response(image, media_type="image/jpeg", headers=PRIVATE)


routes = [
    Route("/api/gestion/connexion", _login(AGENTS), methods=["POST"]),
    Route("/api/gestion/deconnexion", _logout(AGENTS), methods=["GET"]),
    Route("/api/partenaires/connexion", _login(PARTNERS), methods=["POST"]),
    Route("/api/partenaires/deconnexion", _logout(PARTNERS), methods=["GET"]),
    Route("/api/partenaires/protege", open_protege, methods=["POST"]),
    Route("/api/gestion/document/{document_id:int}", document, methods=["GET"]),
    Route("/api/gestion/document/{document_id:int}/page/{page:int}", document_page, methods=["GET"]),
]
