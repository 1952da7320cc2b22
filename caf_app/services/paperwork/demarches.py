"""Mes démarches: délais de traitement of the Caf, the pieces the Caf asked for ("À transmettre") and
24 months of démarches ("À consulter") with the documents sent."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone

from sqlmodel import Session, col, select

from ... import models as m
from ...domain import policy
from ...domain.dates import format_date
from ...domain.errors import Forbidden
from ...domain.prestations import Prestation
from ...domain.roles import Actor
from ...domain.statuses import DemarcheKind
from ..situation.declarations import due_columns, due_of


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
    """Everything done in the last 24 months, newest first, with the documents sent (one query)."""
    since = datetime.combine(today - timedelta(days=730), datetime.min.time(), timezone.utc)
    rows = session.exec(select(m.Demarche, m.Document)
                        .outerjoin(m.Document, m.Document.demarche_id == m.Demarche.id)
                        .where(m.Demarche.dossier_id == _dossier_id(actor), m.Demarche.created_on >= since)
                        .order_by(col(m.Demarche.created_on).desc(), col(m.Demarche.id).desc(),
                                  col(m.Document.id))).all()
    files: dict[int, list[SentFile]] = {}
    shown = []
    for row, document in rows:
        if row.id not in files:
            files[row.id] = []
            shown.append(row)
        if document is not None:
            files[row.id].append(SentFile(document.id, document.name, document.page_count))
    return [DemarcheLine(row.id, row.title, row.status.label, format_date(row.created_on),
                         format_date(row.updated_on), row.reference, files[row.id],
                         row.kind in (DemarcheKind.DOCUMENT, DemarcheKind.DEMANDE_PRESTATION))
            for row in shown]


@dataclass(frozen=True)
class DemarchesPage:
    pieces: list[PieceLine]
    history: list[DemarcheLine]
    delais: Delais | None
    declarations_due: list[Prestation]


def page(*, session: Session, actor: Actor, today: date) -> DemarchesPage:
    """Mes démarches in three queries: the pieces to send, the history with its documents, and the délais de
    traitement of the person's Caf with the quarterly declarations due."""
    dossier_id, due = _dossier_id(actor), due_columns(actor, today)  # both refusals before any query
    pieces = pieces_to_send(session=session, actor=actor)
    lines = history(session=session, actor=actor, today=today)
    rows = session.exec(select(m.DelaiTraitement, *due).select_from(m.Dossier)
                        .outerjoin(m.DelaiTraitement, m.DelaiTraitement.caf_id == m.Dossier.caf_id)
                        .where(m.Dossier.id == dossier_id).order_by(col(m.DelaiTraitement.id))).all()
    return DemarchesPage(pieces, lines, _delais({row[0].kind: row[0] for row in rows if row[0] is not None}),
                         due_of(rows[0][1:]))


def _delais(rows: dict[str, m.DelaiTraitement]) -> Delais | None:
    """What the person's Caf is processing this week (public figures of their Caf), by kind."""
    if "rsa_aah" not in rows or "autres" not in rows:
        return None

    def span(kind: str) -> str:
        return f"entre le {format_date(rows[kind].received_from)} et le {format_date(rows[kind].received_to)}"

    return Delais(format_date(rows["rsa_aah"].updated_on), span("rsa_aah"), span("autres"))
