"""Sending a draft: one PDF per document, the démarche and its accusé de réception, once only."""

from __future__ import annotations

import secrets
from dataclasses import dataclass

from sqlmodel import Session, select, update

from ... import clock, models as m
from ...clock import PARIS
from ...documents.processing import images_to_pdf
from ...documents.storage import PrivateStore
from ...domain import policy
from ...domain.dates import format_date
from ...domain.errors import DomainError, Forbidden
from ...domain.rentree import ARS_TITLE
from ...domain.roles import Actor
from ...domain.statuses import AlertKind, DemarcheKind, DemarcheStatus, DraftStatus
from ...pdf import H2, para, render
from ..payments.statements import header_for
from .transmission import DOC_TYPES, ars_child, documents_of, own_draft, pages_of


@dataclass(frozen=True)
class SentDocument:
    id: int
    name: str
    pages: int


@dataclass(frozen=True)
class Receipt:
    demarche_id: int
    reference: str
    date: str
    time: str
    title: str
    documents: list[SentDocument]
    detail: str = ""  # a declaration's answers ("label : value ; ..."), shown by its accusé


def _title(session: Session, draft: m.TransmissionDraft) -> str:
    if draft.ars_member_id is not None:
        return f"{ARS_TITLE} : {ars_child(session, draft)} ({DOC_TYPES[draft.doc_type]})"
    if draft.piece_id:
        return f"Transmettre un document : {session.get(m.PieceDemandee, draft.piece_id).label}"
    return f"Transmettre un document : {DOC_TYPES.get(draft.doc_type, 'document')}"


def _document_pdf(store: PrivateStore, pages: list[m.TransmissionPage]) -> tuple[bytes, int]:
    if pages[0].kind == "pdf":
        return store.get(pages[0].storage_key), pages[0].page_count
    return images_to_pdf([store.get(page.storage_key) for page in pages]), len(pages)


def send(*, session: Session, actor: Actor, draft_id: int, store: PrivateStore) -> Receipt:
    """Send the draft. A second call (double tap, reload) returns the first receipt and sends nothing."""
    draft = own_draft(session, actor, draft_id)
    if draft.status == DraftStatus.ENVOYE:
        return receipt(session=session, actor=actor, demarche_id=draft.demarche_id)
    documents = [(d, pages_of(session, d.id)) for d in documents_of(session, draft.id)]
    documents = [(d, pages) for d, pages in documents if pages]
    if not documents:
        raise DomainError("", "Ajoutez au moins une page avant d'envoyer.")
    if not draft.piece_id and not draft.doc_type:
        raise DomainError("type", "Choisissez le type de document.")
    # Claim the draft: of two simultaneous sends only one goes on.
    if session.exec(update(m.TransmissionDraft).where(m.TransmissionDraft.id == draft.id,
                                                  m.TransmissionDraft.status == DraftStatus.BROUILLON)
                    .values(status=DraftStatus.ENVOI)).rowcount != 1:
        session.rollback()
        session.refresh(draft)
        if draft.status == DraftStatus.ENVOYE:
            return receipt(session=session, actor=actor, demarche_id=draft.demarche_id)
        raise DomainError("", "L'envoi est déjà en cours.")
    demarche = m.Demarche(dossier_id=draft.dossier_id, **actor.signed,
                          kind=DemarcheKind.DOCUMENT,
                          title=_title(session, draft), status=DemarcheStatus.RECUE,
                          reference=f"D{secrets.token_hex(4).upper()}")
    session.add(demarche)
    session.flush()
    written: list[str] = []
    try:
        for index, (document, pages) in enumerate(documents):
            data, count = _document_pdf(store, pages)
            key = store.put(data, ".pdf")
            written.append(key)
            session.add(m.Document(dossier_id=draft.dossier_id, demarche_id=demarche.id, uploaded_by_id=actor.person_id,
                                   name=document.name or f"Document {index + 1}", page_count=count,
                                   size_bytes=len(data), storage_key=key))
        draft.status, draft.demarche_id = DraftStatus.ENVOYE, demarche.id
        _answer_piece(session, draft)
        session.add(draft)
        session.commit()
    except BaseException:
        session.rollback()  # the claim, the démarche and the documents go together
        for key in written:  # nothing half-written stays behind
            store.delete(key)
        raise
    for _, pages in documents:
        for page in pages:
            store.delete(page.storage_key)
    return receipt(session=session, actor=actor, demarche_id=demarche.id)


def _answer_piece(session: Session, draft: m.TransmissionDraft) -> None:
    """The piece moves to "À consulter"; the alert goes when no piece is left to send."""
    if not draft.piece_id:
        return
    piece = session.get(m.PieceDemandee, draft.piece_id)
    piece.answered_by_id = draft.demarche_id
    session.add(piece)
    session.flush()
    left = session.exec(select(m.PieceDemandee).where(m.PieceDemandee.dossier_id == draft.dossier_id,
                                                      m.PieceDemandee.answered_by_id == None)).first()  # noqa: E711
    if left is None:
        for alert in session.exec(select(m.Alerte).where(m.Alerte.dossier_id == draft.dossier_id,
                                                         m.Alerte.kind == AlertKind.PIECE_DEMANDEE,
                                                         m.Alerte.resolved_at == None)):  # noqa: E711
            alert.resolved_at = clock.now()
            session.add(alert)


def _own_demarche(session: Session, actor: Actor, demarche_id: int | None) -> m.Demarche:
    if actor.dossier_id is None or not policy.can_view_demarches(actor, actor.dossier_id):
        raise Forbidden("démarche")
    demarche = session.get(m.Demarche, demarche_id) if demarche_id else None
    if demarche is None or demarche.dossier_id != actor.dossier_id:
        raise Forbidden("démarche")
    return demarche


def receipt(*, session: Session, actor: Actor, demarche_id: int | None) -> Receipt:
    demarche = _own_demarche(session, actor, demarche_id)
    at = demarche.created_on.astimezone(PARIS)
    documents = session.exec(select(m.Document).where(m.Document.demarche_id == demarche.id)
                             .order_by(m.Document.id)).all()
    return Receipt(demarche.id, demarche.reference, format_date(at.date()), f"{at:%Hh%M}", demarche.title,
                   [SentDocument(d.id, d.name, d.page_count) for d in documents],
                   demarche.detail if demarche.kind == DemarcheKind.CHANGEMENT_SITUATION else "")


def receipt_pdf(*, session: Session, actor: Actor, demarche_id: int) -> bytes:
    data = receipt(session=session, actor=actor, demarche_id=demarche_id)
    header = header_for(session, session.get(m.Dossier, actor.dossier_id))
    story = [para(f"{header.caf_name}"), para(f"Allocataire : {header.allocataire} - n° {header.numero}"),
             para(f"Démarche : {data.title}"), para(f"Reçue le {data.date} à {data.time}"),
             para(f"Référence : {data.reference}")]
    if data.documents or not data.detail:
        story += [para("Documents reçus", H2), *[para(f"{d.name} : {d.pages} page(s)") for d in data.documents]]
    else:  # a declaration: what was declared
        story += [para("Votre déclaration", H2), *[para(line) for line in data.detail.split(" ; ")]]
    return render("Accusé de réception", story, subject=f"Accusé de réception {data.reference}")


def document_file(*, session: Session, actor: Actor, document_id: int, store: PrivateStore) -> bytes:
    document = session.get(m.Document, document_id)
    if document is None:
        raise Forbidden("document")
    _own_demarche(session, actor, document.demarche_id)
    return store.get(document.storage_key)
