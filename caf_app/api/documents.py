"""PDF downloads: attestations, relevé de compte, courriers. Private: the session decides whose dossier."""

from __future__ import annotations

from datetime import date
from urllib.parse import quote

from sqlmodel import Session
from starlette.requests import Request
from starlette.responses import PlainTextResponse, RedirectResponse, Response
from starlette.routing import Route

from ..db import engine
from ..domain.errors import DomainError, Forbidden
from ..pdf.statements import payment_attestation_pdf, qf_attestation_pdf, releve_pdf
from ..services import courriers, releve, statements
from .session import request_actor


class NotFound(LookupError):
    """The document does not exist for this person (the same answer as someone else's document)."""


def _month(text: str | None, today: date) -> date:
    if not text:
        return today.replace(day=1)
    try:
        year, month = (int(part) for part in text.split("-"))
        return date(year, month, 1)
    except ValueError:
        raise DomainError("mois", "Mois invalide : attendu AAAA-MM.") from None


def _day(text: str | None) -> date:
    try:
        return date.fromisoformat(text or "")
    except ValueError:
        raise DomainError("date", "Date invalide : attendu AAAA-MM-JJ.") from None


def _pdf(body: bytes, filename: str) -> Response:
    return Response(body, media_type="application/pdf", headers={
        "Content-Disposition": f'attachment; filename="{filename}"', "Cache-Control": "no-store",
        "X-Content-Type-Options": "nosniff"})


def pdf_route(build):
    """Wrap `build(session, actor, request, today) -> (bytes, filename)` with the session and error checks."""

    def endpoint(request: Request) -> Response:
        actor = request_actor(request)
        if actor is None:
            return RedirectResponse(f"/connexion?suivant={quote('/mon-compte')}", status_code=303)
        try:
            with Session(engine()) as session:
                body, filename = build(session, actor, request, date.today())
        except Forbidden:
            return PlainTextResponse("Vous n'avez pas accès à ce document.", status_code=403)
        except NotFound:
            return PlainTextResponse("Ce document n'existe pas.", status_code=404)
        except DomainError as error:
            return PlainTextResponse(error.message, status_code=400)
        return _pdf(body, filename)

    return endpoint


def attestation_paiement(session, actor, request, today):
    kind = request.query_params.get("type", "dernier")
    if kind == "mois":
        start, end = statements.month_bounds(_month(request.query_params.get("mois"), today))
        end = min(end, today)
    elif kind == "periode":
        start, end = _day(request.query_params.get("du")), _day(request.query_params.get("au"))
    else:
        start = end = today
    data = statements.payment_attestation(session=session, actor=actor, start=start, end=end, today=today,
                                          last_only=kind not in ("mois", "periode"))
    return payment_attestation_pdf(data), f"attestation-paiement-{data.reference}.pdf"


def attestation_qf(session, actor, request, today):
    data = statements.qf_attestation(session=session, actor=actor,
                                     month=_month(request.query_params.get("mois"), today), today=today)
    return qf_attestation_pdf(data), f"attestation-quotient-familial-{data.reference}.pdf"


def releve_de_compte(session, actor, request, today):
    month = _month(request.query_params.get("mois"), today)
    data = releve.releve(session=session, actor=actor, month=month, today=today)
    return releve_pdf(data), f"releve-de-compte-{month:%Y-%m}.pdf"


def courrier(session, actor, request, today):
    try:
        courrier_id = int(request.path_params["courrier_id"])
    except ValueError:
        raise NotFound() from None
    body = courriers.courrier_pdf(session=session, actor=actor, courrier_id=courrier_id)
    if body is None:
        raise NotFound()
    return body, f"courrier-{courrier_id}.pdf"


routes = [
    Route("/api/documents/attestation-paiement", pdf_route(attestation_paiement), methods=["GET"]),
    Route("/api/documents/attestation-qf", pdf_route(attestation_qf), methods=["GET"]),
    Route("/api/documents/releve", pdf_route(releve_de_compte), methods=["GET"]),
    Route("/api/documents/courrier/{courrier_id}", pdf_route(courrier), methods=["GET"]),
]
