"""Mes démarches: délais de traitement of the Caf, the pieces the Caf asked for ("À transmettre") and
24 months of démarches ("À consulter") with the documents sent."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone

from sqlmodel import Session, col, select

from ... import models as m
from ...domain import policy
from ...domain.dates import format_date
from ...domain.errors import Forbidden
from ...domain.roles import Actor
from ...domain.statuses import DemarcheKind


@dataclass(frozen=True)
class PieceLine:
    id: int
    label: str
    due_on: str


@dataclass(frozen=True)
class SentFile:
    id: int
    name: str
    pages: int


@dataclass(frozen=True)
class DemarcheLine:
    id: int
    title: str
    status: str
    created_on: str
    updated_on: str
    reference: str
    documents: list[SentFile]
    has_receipt: bool


@dataclass(frozen=True)
class Delais:
    updated_on: str
    rsa_aah: str
    autres: str


def _dossier_id(actor: Actor) -> int:
    if actor.dossier_id is None or not policy.can_view_demarches(actor, actor.dossier_id):
        raise Forbidden("démarches")
    return actor.dossier_id


def pieces_to_send(*, session: Session, actor: Actor) -> list[PieceLine]:
    rows = session.exec(select(m.PieceDemandee).where(m.PieceDemandee.dossier_id == _dossier_id(actor),
                                                      m.PieceDemandee.answered_by_id == None)  # noqa: E711
                        .order_by(m.PieceDemandee.due_on)).all()
    return [PieceLine(row.id, row.label, format_date(row.due_on)) for row in rows]


def history(*, session: Session, actor: Actor, today: date) -> list[DemarcheLine]:
    """Everything done in the last 24 months, newest first, with the documents sent."""
    since = datetime.combine(today - timedelta(days=730), datetime.min.time(), timezone.utc)
    rows = session.exec(select(m.Demarche).where(m.Demarche.dossier_id == _dossier_id(actor),
                                                 m.Demarche.created_on >= since)
                        .order_by(col(m.Demarche.created_on).desc(), col(m.Demarche.id).desc())).all()
    files = defaultdict(list)
    for document in session.exec(select(m.Document).where(col(m.Document.demarche_id).in_([r.id for r in rows]))):
        files[document.demarche_id].append(SentFile(document.id, document.name, document.page_count))
    return [DemarcheLine(row.id, row.title, row.status.label, format_date(row.created_on),
                         format_date(row.updated_on), row.reference, files[row.id], row.kind == DemarcheKind.DOCUMENT)
            for row in rows]


def delais(*, session: Session, actor: Actor) -> Delais | None:
    """What the person's Caf is processing this week (public figures of their Caf)."""
    if actor.dossier_id is None:
        return None
    caf_id = session.get(m.Dossier, actor.dossier_id).caf_id
    rows = {row.kind: row for row in session.exec(select(m.DelaiTraitement).where(m.DelaiTraitement.caf_id == caf_id))}
    if "rsa_aah" not in rows or "autres" not in rows:
        return None

    def span(kind: str) -> str:
        return f"entre le {format_date(rows[kind].received_from)} et le {format_date(rows[kind].received_to)}"

    return Delais(format_date(rows["rsa_aah"].updated_on), span("rsa_aah"), span("autres"))
