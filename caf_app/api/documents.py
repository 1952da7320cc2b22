"""Private files: attestations, relevé de compte, courriers, documents sent and pages being prepared.

The session decides whose dossier; another dossier's file gets the same answer as a missing one (403/404)."""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import date

from sqlmodel import Session, select
from starlette.requests import Request
from starlette.responses import PlainTextResponse, RedirectResponse, Response
from starlette.routing import Route

from .. import clock, models as m
from ..db import engine
from ..documents.storage import private_store
from ..domain.errors import DomainError, Forbidden
from ..pdf.statements import payment_attestation_pdf, qf_attestation_pdf, releve_pdf
from ..routes import ACCUEIL, CONNEXION
from ..services.communications import courriers
from ..services.paperwork import demandes, sending, transmission
from ..services.payments import releve, statements
from ..services.situation import annual_declarations, declarations
from .session import request_actor, started_elsewhere


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


@dataclass(frozen=True)
class File:
    body: bytes
    filename: str
    media_type: str = "application/pdf"
    inline: bool = False  # shown in the page (a thumbnail) rather than saved


def _response(file: File) -> Response:
    disposition = "inline" if file.inline else "attachment"
    return Response(file.body, media_type=file.media_type, headers={
        "Content-Disposition": f'{disposition}; filename="{file.filename}"', "Cache-Control": "private, no-store",
        "X-Content-Type-Options": "nosniff"})


def file_route(build):
    """Wrap `build(session, actor, request, today) -> File` with the session and error checks."""

    def endpoint(request: Request) -> Response:
        if started_elsewhere(request):  # an attestation download records its reference: not from another site
            return PlainTextResponse("Ouvrez ce document depuis votre espace Mon Compte.", status_code=403)
        actor = request_actor(request)
        if actor is None:
            return RedirectResponse(CONNEXION.query(suivant=ACCUEIL.path), status_code=303)
        try:
            with Session(engine()) as session:
                file = build(session, actor, request, clock.today())
        except Forbidden:
            return PlainTextResponse("Vous n'avez pas accès à ce document.", status_code=403)
        except NotFound:
            return PlainTextResponse("Ce document n'existe pas.", status_code=404)
        except DomainError as error:
            return PlainTextResponse(error.message, status_code=400)
        return _response(file)

    return endpoint


def verify_url(request: Request) -> str:
    """The public check page at the service's configured address (CAF_PUBLIC_URL, else the address the frontend
    was built for), never one taken from the request's Host header, which whoever asks can choose."""
    base = os.environ.get("CAF_PUBLIC_URL") or os.environ.get("REFLEX_API_URL") or str(request.base_url)
    return base.rstrip("/") + statements.VERIFY_PATH


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
    return File(payment_attestation_pdf(data, verify_url=verify_url(request)),
                f"attestation-paiement-{data.reference}.pdf")


def attestation_qf(session, actor, request, today):
    data = statements.qf_attestation(session=session, actor=actor,
                                     month=_month(request.query_params.get("mois"), today), today=today)
    return File(qf_attestation_pdf(data, verify_url=verify_url(request)),
                f"attestation-quotient-familial-{data.reference}.pdf")


def releve_de_compte(session, actor, request, today):
    month = _month(request.query_params.get("mois"), today)
    data = releve.releve(session=session, actor=actor, month=month, today=today)
    return File(releve_pdf(data), f"releve-de-compte-{month:%Y-%m}.pdf")


def _id(request: Request, name: str) -> int:
    try:
        return int(request.path_params[name])
    except ValueError:
        raise NotFound() from None


def courrier(session, actor, request, today):
    courrier_id = _id(request, "courrier_id")
    body = courriers.courrier_pdf(session=session, actor=actor, courrier_id=courrier_id, store=private_store())
    if body is None:
        raise NotFound()
    return File(body, f"courrier-{courrier_id}.pdf")


def declaration(session, actor, request, today):
    declaration_id = _id(request, "declaration_id")
    return File(declarations.receipt_pdf(session=session, actor=actor, draft_id=declaration_id),
                f"declaration-trimestrielle-{declaration_id}.pdf")


def declaration_annuelle(session, actor, request, today):
    declaration_id = _id(request, "declaration_id")
    return File(annual_declarations.receipt_pdf(session=session, actor=actor, draft_id=declaration_id),
                f"declaration-{declaration_id}.pdf")


def draft_page(session, actor, request, today):
    """A page being prepared (thumbnail and full size): only its author sees it."""
    page_id = _id(request, "page_id")
    body, media_type = transmission.page_file(session=session, actor=actor, page_id=page_id, store=private_store())
    return File(body, f"page-{page_id}{'.pdf' if media_type == 'application/pdf' else '.jpg'}", media_type,
                inline=True)


def accuse(session, actor, request, today):
    """The accusé de réception of a démarche of Mes démarches: a document sent, or a demande de prestation."""
    demarche_id = _id(request, "demarche_id")
    demande_id = session.exec(select(m.Demande.id).where(m.Demande.demarche_id == demarche_id)).first()
    if demande_id is not None:
        return _demande_receipt(session, actor, demande_id, today)
    return File(sending.receipt_pdf(session=session, actor=actor, demarche_id=demarche_id),
                f"accuse-de-reception-{demarche_id}.pdf")


def _demande_receipt(session, actor, demande_id: int, today) -> File:
    body = demandes.receipt_pdf(session=session, actor=actor, demande_id=demande_id, today=today)
    return File(body, f"accuse-de-reception-demande-{demande_id}.pdf")


def demande(session, actor, request, today):
    """The accusé de réception of a demande de prestation, from its confirmation screen."""
    return _demande_receipt(session, actor, _id(request, "demande_id"), today)


def sent_document(session, actor, request, today):
    document_id = _id(request, "document_id")
    return File(sending.document_file(session=session, actor=actor, document_id=document_id, store=private_store()),
                f"document-{document_id}.pdf")


routes = [
    Route("/api/documents/attestation-paiement", file_route(attestation_paiement), methods=["GET"]),
    Route("/api/documents/attestation-qf", file_route(attestation_qf), methods=["GET"]),
    Route("/api/documents/releve", file_route(releve_de_compte), methods=["GET"]),
    Route("/api/documents/courrier/{courrier_id}", file_route(courrier), methods=["GET"]),
    Route("/api/documents/accuse/{demarche_id}", file_route(accuse), methods=["GET"]),
    Route("/api/documents/envoye/{document_id}", file_route(sent_document), methods=["GET"]),
    Route("/api/documents/demande/{demande_id}", file_route(demande), methods=["GET"]),
    Route("/api/brouillon/page/{page_id}", file_route(draft_page), methods=["GET"]),
    Route("/api/documents/declaration/{declaration_id}", file_route(declaration), methods=["GET"]),
    Route("/api/documents/declaration-annuelle/{declaration_id}", file_route(declaration_annuelle), methods=["GET"]),
]
