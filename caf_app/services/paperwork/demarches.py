"""Mes démarches: délais de traitement of the Caf (measured on its real queue), the pieces the Caf asked for
("À transmettre") and 24 months of démarches ("À consulter") with the documents sent."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone

from sqlalchemy import case, func, literal, null, true, union_all
from sqlalchemy.orm import aliased
from sqlmodel import Session, col, select

from ... import models as m
from ...clock import PARIS
from ...content import delais as wording
from ...domain import delais, policy
from ...domain.dates import format_date
from ...domain.errors import Forbidden
from ...domain.gestion import QUEUE_KINDS, Decision
from ...domain.prestations import Prestation
from ...domain.roles import Actor
from ...domain.statuses import DemarcheKind
from ..gestion import queue
from ..situation.declarations import due_columns, due_of

# The démarches with an accusé de réception (api/documents.py): documents, demandes, and the declarations made
# in the app (changes, student démarches).
RECEIPTS = (DemarcheKind.DOCUMENT, DemarcheKind.DEMANDE_PRESTATION, DemarcheKind.CHANGEMENT_SITUATION)


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
    made_by: str = ""  # "" when the person made it; else « Faite par … » (their tuteur, a partner)


@dataclass(frozen=True)
class Delais:
    """The délais de traitement of the person's Caf, measured today on its real queue (domain.delais)."""

    updated_on: str
    lines: list[str]  # one sentence per category (content.delais)
    waiting: bool  # some démarche of the Caf is waiting for a decision


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
    """Everything done in the last 24 months, newest first, with the documents sent and who made each one when it
    was not the person (one query)."""
    since = datetime.combine(today - timedelta(days=730), datetime.min.time(), timezone.utc)
    tuteur = aliased(m.Person)
    rows = session.exec(select(m.Demarche, m.Document, tuteur.first_names, tuteur.usage_name, tuteur.birth_name,
                               m.Agent.name, m.Organisation.name)
                        .outerjoin(m.Document, m.Document.demarche_id == m.Demarche.id)
                        .outerjoin(tuteur, tuteur.id == m.Demarche.acted_by_id)
                        .outerjoin(m.Agent, m.Agent.id == m.Demarche.partner_id)
                        .outerjoin(m.Organisation, m.Organisation.id == m.Agent.organisation_id)
                        .where(m.Demarche.dossier_id == _dossier_id(actor), m.Demarche.created_on >= since)
                        .order_by(col(m.Demarche.created_on).desc(), col(m.Demarche.id).desc(),
                                  col(m.Document.id))).all()
    files: dict[int, list[SentFile]] = {}
    shown, made_by = [], {}
    for row, document, first, usage, birth, staff, organisation in rows:
        if row.id not in files:
            files[row.id] = []
            shown.append(row)
            made_by[row.id] = (f"Faite par {first} {usage or birth}, tuteur" if first else
                               f"Faite par {staff} ({organisation})" if staff else "")
        if document is not None:
            files[row.id].append(SentFile(document.id, document.name, document.page_count))
    return [DemarcheLine(row.id, row.title, row.status.label, format_date(row.created_on),
                         format_date(row.updated_on), row.reference, files[row.id],
                         row.kind in RECEIPTS, made_by[row.id])
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
    rows = session.exec(_delais_query(dossier_id, due, today)).all()
    entries = [delais.Entry(kind, title, _paris_day(received), _paris_day(decided) if decided else None)
               for *_, kind, title, received, decided in rows if kind is not None]
    figures = delais.measure(entries, today=today)
    shown = Delais(format_date(today), [wording.sentence(figure) for figure in figures],
                   any(figure.oldest_waiting for figure in figures))
    return DemarchesPage(pieces, lines, shown, due_of(rows[0][:len(due)]))


def _paris_day(value: datetime) -> date:
    return m.aware(value).astimezone(PARIS).date()


def _delais_query(dossier_id: int, due: list, today: date):
    """One query: the due flags (one row at least), then the démarches of the person's Caf decided in the window
    (one row each: the median needs them all) and, per kind (and title where it decides the category), the receipt
    of the oldest still waiting, as the agents' queue sees it waiting."""
    mine, theirs = aliased(m.Dossier), aliased(m.Dossier)
    of_caf = (theirs.caf_id == select(mine.caf_id).where(mine.id == dossier_id).scalar_subquery())
    since = datetime.combine(delais.window_start(today), time.min, PARIS).astimezone(timezone.utc)
    key = case((col(m.Demarche.kind).in_(list(delais.TITLED_KINDS)), m.Demarche.title), else_=literal(""))
    decided = (select(m.Demarche.kind, m.Demarche.title, m.Demarche.created_on, m.Demarche.decided_at)
               .join(theirs, theirs.id == m.Demarche.dossier_id)
               .where(of_caf, col(m.Demarche.kind).in_(list(QUEUE_KINDS)), m.Demarche.decided_at >= since,
                      m.Demarche.decision != Decision.VERIFIEE.value))
    waiting = (select(col(m.Demarche.kind).label("kind"), key.label("title"), m.Demarche.created_on)
               .join(theirs, theirs.id == m.Demarche.dossier_id).where(of_caf, *queue.waiting()).subquery())
    waiting_now = (select(waiting.c.kind, waiting.c.title, func.min(waiting.c.created_on), null())
                   .group_by(waiting.c.kind, waiting.c.title))  # the same expression for both (PostgreSQL)
    figures = union_all(decided, waiting_now).subquery()
    return (select(*due, figures.c.kind, figures.c.title, figures.c.created_on, figures.c.decided_at)
            .select_from(m.Dossier).outerjoin(figures, true()).where(m.Dossier.id == dossier_id))
