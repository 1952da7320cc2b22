"""The délais de traitement of one Caf, for its public page (Ma Caf): the same measure as Mes démarches
(domain.delais on the Caf's real queue, said in content.delais's words), for a Caf named by its département
instead of a person's dossier. Public figures: no dossier and no person is read, only kinds, titles and dates."""

from __future__ import annotations

from datetime import date, datetime, time, timezone

from sqlalchemy import case, func, literal
from sqlmodel import Session, col, select

from ... import models as m
from ...clock import PARIS
from ...content import delais as wording
from ...domain import delais
from ...domain.dates import format_date
from ...domain.gestion import QUEUE_KINDS, Decision
from ..gestion import queue
from .demarches import Delais


def _paris_day(value: datetime) -> date:
    return m.aware(value).astimezone(PARIS).date()


def caf_delais(*, session: Session, departement: str, today: date) -> Delais | None:
    """Measured today on the queue of the Caf of `departement`; None when the demonstration has no such Caf yet
    (its page then shows its configured figures)."""
    caf_id = session.exec(select(m.Caf.id).where(m.Caf.department == departement)).first()
    if caf_id is None:
        return None
    of_caf = m.Dossier.caf_id == caf_id
    since = datetime.combine(delais.window_start(today), time.min, PARIS).astimezone(timezone.utc)
    decided = session.exec(
        select(m.Demarche.kind, m.Demarche.title, m.Demarche.created_on, m.Demarche.decided_at)
        .join(m.Dossier, m.Dossier.id == m.Demarche.dossier_id)
        .where(of_caf, col(m.Demarche.kind).in_(list(QUEUE_KINDS)), m.Demarche.decided_at >= since,
               m.Demarche.decision != Decision.VERIFIEE.value)).all()
    key = case((col(m.Demarche.kind).in_(list(delais.TITLED_KINDS)), m.Demarche.title), else_=literal(""))
    waiting = (select(col(m.Demarche.kind).label("kind"), key.label("title"), m.Demarche.created_on)
               .join(m.Dossier, m.Dossier.id == m.Demarche.dossier_id).where(of_caf, *queue.waiting()).subquery())
    oldest = session.exec(select(waiting.c.kind, waiting.c.title, func.min(waiting.c.created_on))
                          .group_by(waiting.c.kind, waiting.c.title)).all()
    entries = [delais.Entry(kind, title, _paris_day(received), _paris_day(on)) for kind, title, received, on in decided]
    entries += [delais.Entry(kind, title, _paris_day(received)) for kind, title, received in oldest]
    figures = delais.measure(entries, today=today)
    return Delais(format_date(today), [wording.sentence(figure) for figure in figures],
                  any(figure.oldest_waiting for figure in figures))
