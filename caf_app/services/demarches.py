"""Mes démarches: the pieces the Caf asked for ("À transmettre") and 24 months of démarches ("À consulter")."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone

from sqlmodel import Session, col, select

from .. import models as m
from ..domain import policy
from ..domain.dates import format_date
from ..domain.errors import Forbidden
from ..domain.roles import Actor

STATUS_LABELS = {"recue": "Reçue", "en_cours": "En cours de traitement", "traitee": "Traitée"}


@dataclass(frozen=True)
class PieceLine:
    label: str
    due_on: str


@dataclass(frozen=True)
class DemarcheLine:
    title: str
    status: str
    created_on: str
    updated_on: str


def pieces_to_send(*, session: Session, actor: Actor) -> list[PieceLine]:
    if actor.dossier_id is None or not policy.can_view_demarches(actor, actor.dossier_id):
        raise Forbidden("démarches")
    rows = session.exec(select(m.PieceDemandee).where(m.PieceDemandee.dossier_id == actor.dossier_id,
                                                      m.PieceDemandee.answered_by_id == None)  # noqa: E711
                        .order_by(m.PieceDemandee.due_on)).all()
    return [PieceLine(row.label, format_date(row.due_on)) for row in rows]


def history(*, session: Session, actor: Actor, today: date) -> list[DemarcheLine]:
    """Everything done in the last 24 months, newest first."""
    if actor.dossier_id is None or not policy.can_view_demarches(actor, actor.dossier_id):
        raise Forbidden("démarches")
    since = datetime.combine(today - timedelta(days=730), datetime.min.time(), timezone.utc)
    rows = session.exec(select(m.Demarche).where(m.Demarche.dossier_id == actor.dossier_id,
                                                 m.Demarche.created_on >= since)
                        .order_by(col(m.Demarche.created_on).desc())).all()
    return [DemarcheLine(row.title, STATUS_LABELS.get(row.status, row.status), format_date(row.created_on),
                         format_date(row.updated_on)) for row in rows]
