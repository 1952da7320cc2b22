"""The pièces justificatives of a demande, joined before it is sent: the review lists what the answers call for
(domain/demande_rules.pieces_for), and each piece takes photos (its pages) or one PDF, checked and cleaned as any
document (documents/processing.py: content, size, EXIF and GPS gone) and kept in private storage with the draft, so
that a reload or another device finds them. Sending the demande makes each piece one PDF, a document of its
démarche (the Caf's agent reads it inline, the person in Suivre mes démarches); a piece not joined waits in
« À transmettre », as before."""

from __future__ import annotations

import json
from dataclasses import dataclass

from sqlmodel import Session, col, delete, select

from ... import clock, models as m
from ...documents.processing import MAX_PAGES, images_to_pdf, process
from ...documents.storage import PrivateStore
from ...domain import policy
from ...domain.demande_rules import pieces_for
from ...domain.errors import DomainError, Forbidden
from ...domain.roles import Actor
from ...domain.statuses import DraftStatus

ONE_PDF = "Un PDF s'envoie seul : retirez d'abord ce que vous avez joint à cette pièce, ou joignez des photos."


@dataclass(frozen=True)
class PieceView:
    label: str
    pages: int  # 0: not joined yet
    pdf: bool


def _draft(session: Session, actor: Actor, demande_id: int, *, lock: bool = False) -> tuple[m.Demande, list[str]]:
    """The person's own draft, not sent, and the pieces its answers call for. lock: the row is locked until the
    caller commits (PostgreSQL), so that a file is never joined while the demande is being sent: the sending's
    claim waits for it, or it finds the demande sent."""
    query = select(m.Demande).where(m.Demande.id == demande_id).execution_options(populate_existing=True)
    row = session.exec(query.with_for_update() if lock else query).first() if demande_id else None
    if row is None or not policy.can_view_demande(actor, row.person_id, row.dossier_id) \
            or row.person_id != actor.person_id:
        raise Forbidden("demande")
    if row.status != DraftStatus.BROUILLON:
        raise DomainError("piece", "Cette demande est envoyée : transmettez vos pièces depuis « À transmettre ».")
    return row, pieces_for(row.kind, json.loads(row.answers_json))


def _files(session: Session, demande_id: int) -> list[m.DemandePiece]:
    return list(session.exec(select(m.DemandePiece).where(m.DemandePiece.demande_id == demande_id)
                             .order_by(m.DemandePiece.id)))


def views(needed: list[str], files: list[m.DemandePiece]) -> list[PieceView]:
    return [PieceView(label, sum(f.page_count for f in files if f.label == label),
                      any(f.kind == "pdf" for f in files if f.label == label)) for label in needed]


def pieces(*, session: Session, actor: Actor, demande_id: int) -> list[PieceView]:
    """The pieces of the draft, each with what is joined (one query beyond the draft)."""
    row, needed = _draft(session, actor, demande_id)
    return views(needed, _files(session, row.id))


def add(*, session: Session, actor: Actor, demande_id: int, label: str, data: bytes, store: PrivateStore
        ) -> list[str]:
    """Join one file to a piece: a photo (a page more) or a PDF (alone); returns the photo's warnings (blurry,
    dark: it is kept, the person may take it again). DomainError("piece" | "fichier", …) says why not."""
    row, needed = _draft(session, actor, demande_id)
    if label not in needed:
        raise DomainError("piece", "Choisissez la pièce à laquelle joindre ce fichier.")
    processed = process(data)  # DomainError("fichier", ...) for what is not a clean photo or PDF
    joined = [f for f in _files(session, row.id) if f.label == label]
    if joined and (processed.kind == "pdf" or any(f.kind == "pdf" for f in joined)):
        raise DomainError("fichier", ONE_PDF)
    if sum(f.page_count for f in joined) + processed.page_count > MAX_PAGES:
        raise DomainError("fichier", f"Une pièce compte {MAX_PAGES} pages au plus.")
    key = store.put(processed.data, ".pdf" if processed.kind == "pdf" else ".jpg")
    try:
        row, _ = _draft(session, actor, demande_id, lock=True)  # still a draft, and kept so until committed
        row.updated_at = clock.now()  # a draft being completed is not stale (the purge)
        session.add(m.DemandePiece(demande_id=row.id, label=label, kind=processed.kind, storage_key=key,
                                   page_count=processed.page_count, size_bytes=len(processed.data)))
        session.commit()
    except BaseException:
        session.rollback()
        store.delete(key)
        raise
    return processed.warnings


def remove(*, session: Session, actor: Actor, demande_id: int, label: str, store: PrivateStore) -> None:
    """What was joined to a piece goes (to join another file instead)."""
    row, _ = _draft(session, actor, demande_id, lock=True)
    row.updated_at = clock.now()
    files = [f for f in _files(session, row.id) if f.label == label]
    session.exec(delete(m.DemandePiece).where(col(m.DemandePiece.id).in_([f.id for f in files])))
    session.commit()
    for file in files:
        store.delete(file.storage_key)


def documents_for(session: Session, demande_id: int, needed: list[str], store: PrivateStore
                  ) -> tuple[dict[str, tuple[str, int, int]], list[str]]:
    """At the sending: each piece the answers still call for, joined, as one PDF in private storage, {label: (key,
    pages, bytes)}; and the keys of all the draft's files (deleted once the sending is committed; the PDFs, should
    it fail). A file joined to a piece the answers no longer call for is not sent."""
    by_label: dict[str, list[m.DemandePiece]] = {}
    for file in _files(session, demande_id):
        by_label.setdefault(file.label, []).append(file)
    made = {}
    try:
        for label, files in by_label.items():
            if label not in needed:
                continue
            data = (store.get(files[0].storage_key) if files[0].kind == "pdf"
                    else images_to_pdf([store.get(f.storage_key) for f in files]))
            made[label] = (store.put(data, ".pdf"), sum(f.page_count for f in files), len(data))
    except BaseException:
        for key, _, _ in made.values():  # the PDFs made before the failure: none is referenced
            store.delete(key)
        raise
    return made, [f.storage_key for files in by_label.values() for f in files]


def forget(session: Session, demande_ids: list[int]) -> list[str]:
    """The rows of the files of these drafts deleted (the caller commits): the storage keys, for the caller to
    delete once committed."""
    if not demande_ids:
        return []
    keys = list(session.exec(select(m.DemandePiece.storage_key)
                             .where(col(m.DemandePiece.demande_id).in_(demande_ids))))
    session.exec(delete(m.DemandePiece).where(col(m.DemandePiece.demande_id).in_(demande_ids)))
    return keys
