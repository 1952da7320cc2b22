"""Transmettre un document: a draft of documents and pages kept on the server, then sent as PDFs.

Every page is checked and cleaned on arrival (documents.processing) and stored privately; sending builds one
PDF per document, records the démarche, answers the piece the Caf asked for and clears its alert.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import ColumnElement
from sqlmodel import Session, col, select

from ... import clock, models as m, routes
from ...documents.processing import MAX_PAGES, process
from ...documents.storage import PrivateStore
from ...domain import policy
from ...domain.errors import DomainError, Forbidden
from ...domain.rentree import ARS_DOCUMENTS
from ...domain.roles import Actor
from ...domain.statuses import DraftStatus
from ..identity.people import full_name
from . import rentree

DOC_TYPES = {
    "attestation_loyer": "Attestation de loyer",
    "avis_imposition": "Avis d'imposition",
    "bulletin_salaire": "Bulletin de salaire",
    "certificat_scolarite": "Certificat de scolarité",
    "contrat_apprentissage": "Contrat d'apprentissage",
    "justificatif_domicile": "Justificatif de domicile",
    "piece_identite": "Pièce d'identité",
    "rib": "Relevé d'identité bancaire (RIB)",
    "autre": "Autre document",
}
DEDICATED = {"rib": ("Pour changer de coordonnées bancaires, utilisez la modification de vos coordonnées bancaires "
                     "dans Mon profil : votre RIB y est demandé.", routes.PROFIL.path)}


@dataclass(frozen=True)
class PageView:
    id: int
    kind: str
    label: str
    warnings: list[str]


@dataclass(frozen=True)
class DocView:
    id: int
    name: str
    pages: list[PageView]


@dataclass(frozen=True)
class DraftView:
    id: int
    piece_label: str
    doc_type: str
    documents: list[DocView]
    ars_child: str = ""  # the ARS 16-18 confirmation: the child whose scolarité or apprentissage it proves


def _check(actor: Actor) -> int:
    if actor.dossier_id is None or not policy.can_send_documents(actor, actor.dossier_id):
        raise Forbidden("transmettre un document")
    return actor.dossier_id


def _piece(session: Session, dossier_id: int, piece_id: int | None) -> m.PieceDemandee | None:
    return None if piece_id is None else _piece_of(dossier_id, session.get(m.PieceDemandee, piece_id))


def _piece_of(dossier_id: int, piece: m.PieceDemandee | None) -> m.PieceDemandee:
    if piece is None or piece.dossier_id != dossier_id:
        raise Forbidden("pièce demandée")
    return piece


def page(*, session: Session, actor: Actor, piece_id: int | None, ars_member_id: int | None = None,
         doc_type: str = "", today: date | None = None) -> DraftView:
    """Transmettre un document as it opens: the person's open draft for this piece, for the ARS confirmation of
    this child (with its document type) or for a free document, with its documents and pages in one query; created
    when missing."""
    dossier_id = _check(actor)
    piece = _piece(session, dossier_id, piece_id)
    child = ""
    if ars_member_id is not None:
        piece_id, child = None, rentree.child_name(session, dossier_id, ars_member_id, today or clock.today())
        if doc_type not in ARS_DOCUMENTS:
            raise DomainError("type", "Choisissez le certificat de scolarité ou le contrat d'apprentissage.")
    drafts = m.TransmissionDraft
    rows = _draft_rows(session, drafts.dossier_id == dossier_id, drafts.person_id == actor.person_id,
                       drafts.piece_id == piece_id, drafts.ars_member_id == ars_member_id,
                       drafts.status == DraftStatus.BROUILLON)
    if rows:
        if child and rows[0][0].doc_type != doc_type:  # the other document of the two, chosen since
            set_type(session=session, actor=actor, draft_id=rows[0][0].id, doc_type=doc_type)
        return _view_of(rows, piece, child)
    draft = m.TransmissionDraft(dossier_id=dossier_id, person_id=actor.person_id, piece_id=piece_id,
                                ars_member_id=ars_member_id, doc_type=doc_type if child else "")
    session.add(draft)
    session.flush()
    document = m.TransmissionDocument(draft_id=draft.id, position=0)
    session.add(document)
    session.flush()
    opened = DraftView(draft.id, piece.label if piece else "", draft.doc_type,
                       [DocView(document.id, document.name, [])], child)
    session.commit()
    return opened


def open_draft(*, session: Session, actor: Actor, piece_id: int | None) -> int:
    """The person's open draft for this piece (or for a free document), created when missing."""
    return page(session=session, actor=actor, piece_id=piece_id).id


def _owned(actor: Actor, draft: m.TransmissionDraft | None) -> m.TransmissionDraft:
    """The draft, when it is the actor's own (the policy checked before)."""
    if draft is None or draft.dossier_id != actor.dossier_id or draft.person_id != actor.person_id:
        raise Forbidden("brouillon")
    return draft


def own_draft(session: Session, actor: Actor, draft_id: int) -> m.TransmissionDraft:
    _check(actor)
    return _owned(actor, session.get(m.TransmissionDraft, draft_id))


def documents_of(session: Session, draft_id: int) -> list[m.TransmissionDocument]:
    return list(session.exec(select(m.TransmissionDocument).where(m.TransmissionDocument.draft_id == draft_id)
                             .order_by(m.TransmissionDocument.position)))


def pages_of(session: Session, document_id: int) -> list[m.TransmissionPage]:
    return list(session.exec(select(m.TransmissionPage).where(m.TransmissionPage.document_id == document_id)
                             .order_by(m.TransmissionPage.position)))


DraftRow = tuple[m.TransmissionDraft, m.PieceDemandee | None, m.TransmissionDocument | None, m.TransmissionPage | None]


def _draft_rows(session: Session, *where: ColumnElement[bool]) -> list[DraftRow]:
    """A draft with its piece, documents and pages, one row a page (the first draft matching `where`)."""
    rows = session.exec(select(m.TransmissionDraft, m.PieceDemandee, m.TransmissionDocument, m.TransmissionPage)
                        .outerjoin(m.PieceDemandee, m.PieceDemandee.id == m.TransmissionDraft.piece_id)
                        .outerjoin(m.TransmissionDocument, m.TransmissionDocument.draft_id == m.TransmissionDraft.id)
                        .outerjoin(m.TransmissionPage, m.TransmissionPage.document_id == m.TransmissionDocument.id)
                        .where(*where)
                        .order_by(col(m.TransmissionDraft.id), col(m.TransmissionDocument.position),
                                  col(m.TransmissionDocument.id), col(m.TransmissionPage.position),
                                  col(m.TransmissionPage.id))).all()
    return [row for row in rows if row[0].id == rows[0][0].id]


def _view_of(rows: list[DraftRow], piece: m.PieceDemandee | None, child: str = "") -> DraftView:
    draft, documents = rows[0][0], {}
    for *_, document, draft_page in rows:
        if document is not None:
            pages = documents.setdefault(document.id, (document, []))[1]
            if draft_page is not None:
                pages.append(draft_page)
    return DraftView(draft.id, piece.label if piece else "", draft.doc_type, [
        DocView(document.id, document.name, [
            PageView(p.id, p.kind, f"Page {index + 1}" if p.kind == "image" else f"PDF de {p.page_count} page(s)",
                     [w for w in p.warnings.split("\n") if w]) for index, p in enumerate(pages)])
        for document, pages in documents.values()], child)


def view(*, session: Session, actor: Actor, draft_id: int) -> DraftView:
    """The draft with its documents and pages, in one query."""
    _check(actor)
    rows = _draft_rows(session, m.TransmissionDraft.id == draft_id)
    draft = _owned(actor, rows[0][0] if rows else None)
    return _view_of(rows, None if draft.piece_id is None else _piece_of(draft.dossier_id, rows[0][1]),
                    ars_child(session, draft))


def ars_child(session: Session, draft: m.TransmissionDraft) -> str:
    """The name of the child an ARS confirmation is for ("" for another draft)."""
    if draft.ars_member_id is None:
        return ""
    member = session.get(m.Member, draft.ars_member_id)
    if member is None or member.dossier_id != draft.dossier_id:
        raise Forbidden("enfant")
    return full_name(session.get(m.Person, member.person_id))


def _own_document(session: Session, actor: Actor, document_id: int) -> m.TransmissionDocument:
    document = session.get(m.TransmissionDocument, document_id)
    if document is None:
        raise Forbidden("document")
    own_draft(session, actor, document.draft_id)
    return document


def _own_page(session: Session, actor: Actor, page_id: int) -> m.TransmissionPage:
    page = session.get(m.TransmissionPage, page_id)
    if page is None:
        raise Forbidden("page")
    _own_document(session, actor, page.document_id)
    return page


def add_file(*, session: Session, actor: Actor, document_id: int, data: bytes, store: PrivateStore) -> list[str]:
    """Check, clean and keep one file as the next page of the document; returns the quality warnings.

    A PDF from the device is a document of its own: it starts a new document when this one has pages.
    """
    document = _own_document(session, actor, document_id)
    processed = process(data)
    pages = pages_of(session, document.id)
    if processed.kind == "pdf" and pages:
        document = new_document(session=session, actor=actor, draft_id=document.draft_id)
        pages = []
    if pages and pages[0].kind == "pdf":
        raise DomainError("fichier", "Ce document est un PDF : ajoutez vos photos dans un autre document.")
    if sum(p.page_count for p in pages) + processed.page_count > MAX_PAGES:
        raise DomainError("fichier", "Un document compte 20 pages au plus : commencez un autre document.")
    key = store.put(processed.data, ".pdf" if processed.kind == "pdf" else ".jpg")
    session.add(m.TransmissionPage(document_id=document.id, position=len(pages), kind=processed.kind, storage_key=key,
                            size_bytes=len(processed.data), page_count=processed.page_count,
                            warnings="\n".join(processed.warnings)))
    session.commit()
    return processed.warnings


def retake(*, session: Session, actor: Actor, page_id: int, data: bytes, store: PrivateStore) -> list[str]:
    """Replace a page by a new photo, at the same place."""
    page = _own_page(session, actor, page_id)
    processed = process(data)
    if processed.kind != "image" or page.kind != "image":
        raise DomainError("fichier", "Reprenez une page avec une photo JPEG, PNG ou HEIC.")
    old_key, page.storage_key = page.storage_key, store.put(processed.data, ".jpg")
    page.size_bytes, page.warnings = len(processed.data), "\n".join(processed.warnings)
    session.add(page)
    session.commit()
    store.delete(old_key)
    return processed.warnings


def delete_page(*, session: Session, actor: Actor, page_id: int, store: PrivateStore) -> None:
    page = _own_page(session, actor, page_id)
    key, document_id = page.storage_key, page.document_id
    session.delete(page)
    for position, other in enumerate(p for p in pages_of(session, document_id) if p.id != page_id):
        other.position = position
        session.add(other)
    session.commit()
    store.delete(key)


def keep_page(*, session: Session, actor: Actor, page_id: int) -> None:
    """The person keeps a photo despite its quality warning."""
    page = _own_page(session, actor, page_id)
    page.warnings = ""
    session.add(page)
    session.commit()


MAX_DOCUMENTS = 10  # per sending: more is almost certainly a mistake (or an attempt to fill the disk)


def new_document(*, session: Session, actor: Actor, draft_id: int) -> m.TransmissionDocument:
    own_draft(session, actor, draft_id)
    count = len(documents_of(session, draft_id))
    if count >= MAX_DOCUMENTS:
        raise DomainError("fichier", "Un envoi compte 10 documents au plus : envoyez ceux-ci, puis les suivants.")
    document = m.TransmissionDocument(draft_id=draft_id, position=count)
    session.add(document)
    session.commit()
    return document


def rename_document(*, session: Session, actor: Actor, document_id: int, name: str) -> None:
    document = _own_document(session, actor, document_id)
    document.name = " ".join(name.split())[:80]
    session.add(document)
    session.commit()


def set_type(*, session: Session, actor: Actor, draft_id: int, doc_type: str) -> None:
    draft = own_draft(session, actor, draft_id)
    if doc_type not in (ARS_DOCUMENTS if draft.ars_member_id is not None else DOC_TYPES):
        raise DomainError("type", "Choisissez le type de document.")
    draft.doc_type = doc_type
    session.add(draft)
    session.commit()


def page_file(*, session: Session, actor: Actor, page_id: int, store: PrivateStore) -> tuple[bytes, str]:
    """A page of one's own draft, for its thumbnail or full-size view."""
    page = _own_page(session, actor, page_id)
    return store.get(page.storage_key), "application/pdf" if page.kind == "pdf" else "image/jpeg"
