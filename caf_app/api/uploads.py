"""The guard in front of Reflex's /_upload: a document reaches an upload handler only from a page of the service's
own origin, with a live session (of Mon Compte, or of a partner's staff: AFAS), and within the size the app
accepts. Reflex's endpoint needs nothing but a tab token header and parses the whole body before any handler runs
(and loads, or creates, the tab's state in Redis): without this guard anyone could fill the disk and Redis with
made-up tokens. Nothing of the body is read before the checks pass, and the body is counted as it streams (a
chunked request has no Content-Length)."""

from __future__ import annotations

import anyio.to_thread
from starlette.requests import Request
from starlette.responses import PlainTextResponse
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from ..documents.processing import MAX_FILE_BYTES
from ..settings import origin_allowed
from .gestion import PARTNERS, request_partner
from .session import request_actor, request_session_token

MAX_FILES_PER_REQUEST = 10
# What one request may carry: the files the pickers send at once, with the multipart envelope's overhead.
MAX_UPLOAD_BYTES = MAX_FILES_PER_REQUEST * MAX_FILE_BYTES + 1024 * 1024
TOO_LARGE = "Envoi refusé : 10 Mo au plus par fichier, 10 fichiers au plus à la fois."
NO_SESSION = "Envoi refusé : votre session a expiré. Connectez-vous à nouveau."


def _someone(request: Request) -> bool:
    """A person of Mon Compte, or a partner's staff member (AFAS: documents sent for an allocataire)."""
    if request_session_token(request) and request_actor(request) is not None:
        return True
    partner_cookie = request.cookies.keys() & {PARTNERS.cookie, PARTNERS.secure_cookie}
    return bool(partner_cookie) and request_partner(request) is not None


async def refusal(scope: Scope) -> PlainTextResponse | None:
    """Why this upload request may not go on, or None. Reads headers and the database, never the body."""
    request = Request(scope)
    if not origin_allowed(request.headers.get("origin", "")):
        return PlainTextResponse("Envoi refusé : il ne vient pas de ce service.", status_code=403)
    length = request.headers.get("content-length", "")
    if length.isdigit() and int(length) > MAX_UPLOAD_BYTES:
        return PlainTextResponse(TOO_LARGE, status_code=413)
    if not await anyio.to_thread.run_sync(_someone, request):
        return PlainTextResponse(NO_SESSION, status_code=401)
    return None


async def drain(receive: Receive) -> None:
    """Read what is left of a refused request's body and drop it (within the size the app accepts): answering
    before the body was read and closing left nginx, still streaming it, without its answer (a 502 instead of
    the refusal, now and then). Nothing is kept."""
    received = 0
    while received <= MAX_UPLOAD_BYTES:
        message = await receive()
        if message["type"] != "http.request":
            return
        received += len(message.get("body", b""))
        if not message.get("more_body", False):
            return


def upload_guard(app: ASGIApp) -> ASGIApp:
    """An ASGI middleware (a Reflex api_transformer) for POST /_upload."""

    async def middleware(scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope.get("path") != "/_upload" or scope.get("method") != "POST":
            await app(scope, receive, send)
            return
        refused = await refusal(scope)
        if refused is not None:
            if refused.status_code != 413:  # a body announced too large is not read at all
                await drain(receive)
            await refused(scope, receive, send)
            return
        received = 0

        async def counted() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > MAX_UPLOAD_BYTES:  # a body longer than announced, or chunked without a length
                    return {"type": "http.disconnect"}
            return message

        await app(scope, counted, send)

    return middleware
