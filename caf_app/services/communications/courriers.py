"""Mes courriers et courriels: list, read (the red dot goes when none is unread), download as PDF."""

from __future__ import annotations

import logging
from dataclasses import dataclass

from sqlmodel import Session, col, func, select

from ... import clock, models as m
from ...documents.storage import PrivateStore, private_store
from ...domain import policy
from ...domain.dates import format_date
from ...domain.errors import Forbidden
from ...domain.roles import Actor
from ...domain.statuses import DemarcheKind, DemarcheStatus
from ...pdf import para, render
from ...pdf.courriers import letter_head
from ..payments.statements import header_for

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class CourrierLine:
    id: int
    kind: str
    subject: str
    sent_on: str
    unread: bool
    body: str
    sent: bool = False  # a courriel the person sent (« Contacter ma Caf »): id is minus its démarche's
    about: str = ""  # a courriel sent: "Répondu le …" or "En attente de réponse"; an answer: the message it answers


def _check(actor: Actor) -> int:
    if actor.dossier_id is None or not policy.can_view_dossier_summary(actor, actor.dossier_id):
        raise Forbidden("courriers")
    return actor.dossier_id


def unread_count(*, session: Session, actor: Actor) -> int:
    """0 for someone who may not read the dossier's mail (no dot to show)."""
    counted = unread_column(actor)
    return session.exec(select(counted)).one() if counted is not None else 0


def unread_column(actor: Actor):
    """The count of unread courriers as a column of another query (the header of every page), or None for
    someone who may not read the dossier's mail."""
    if actor.dossier_id is None or not policy.can_view_dossier_summary(actor, actor.dossier_id):
        return None
    return (select(func.count()).select_from(m.Courrier)
            .where(m.Courrier.dossier_id == actor.dossier_id, m.Courrier.read_at == None)  # noqa: E711
            .scalar_subquery())


def courriers(*, session: Session, actor: Actor) -> list[CourrierLine]:
    """What the Caf sent and the courriels the dossier sent it (« Contacter ma Caf »), newest first, each answer
    beside the message it answers: two queries."""
    dossier_id = _check(actor)
    rows = session.exec(select(m.Courrier).where(m.Courrier.dossier_id == dossier_id)
                        .order_by(col(m.Courrier.sent_on).desc(), col(m.Courrier.id).desc())).all()
    sent = session.exec(select(m.Demarche).where(m.Demarche.dossier_id == dossier_id,
                                                 m.Demarche.kind == DemarcheKind.MESSAGE)).all()
    messages = {row.id: row for row in sent}
    answered = {row.demarche_id: row.sent_on for row in rows if row.demarche_id in messages}
    lines = [(row.sent_on, CourrierLine(row.id, row.kind.label, row.subject, format_date(row.sent_on),
                                        row.read_at is None, row.body, about=_answering(messages.get(row.demarche_id))))
             for row in rows]
    lines += [(row.created_on.date(), CourrierLine(-row.id, "Courriel envoyé", row.title,
                                                    format_date(row.created_on.date()), False, row.detail, sent=True,
                                                    about=_answered(row, answered.get(row.id))))
              for row in sent]
    return [line for _, line in sorted(lines, key=lambda pair: pair[0], reverse=True)]


def _answered(message: m.Demarche, answered_on) -> str:
    if answered_on is not None:
        return f"Votre Caf a répondu le {format_date(answered_on)}"
    if message.status == DemarcheStatus.TRAITEE:
        return f"Traité par votre Caf le {format_date(message.updated_on.date())}"
    return "En attente de réponse"


def _answering(message: m.Demarche | None) -> str:
    if message is None:
        return ""
    return f"En réponse à votre courriel du {format_date(message.created_on.date())} : « {message.title} »"


def mark_read(*, session: Session, actor: Actor, courrier_id: int) -> bool:
    """Mark one of the dossier's courriers read; False when it is not one of them (a courriel the person sent has
    nothing to mark: it is theirs)."""
    dossier_id = _check(actor)
    if courrier_id < 0:
        message = session.get(m.Demarche, -courrier_id)
        return message is not None and message.dossier_id == dossier_id and message.kind == DemarcheKind.MESSAGE
    row = session.get(m.Courrier, courrier_id)
    if row is None or row.dossier_id != dossier_id:
        return False
    if row.read_at is None:
        row.read_at = clock.now()
        session.add(row)
        session.commit()
    return True


def courrier_pdf(*, session: Session, actor: Actor, courrier_id: int,
                 store: PrivateStore | None = None) -> bytes | None:
    """The courrier as a PDF, or None when it is not one of the dossier's (same answer as a missing one): the PDF
    made from its template when it has one (private storage; the configured one unless `store` is given), else
    one made from its text."""
    dossier_id = _check(actor)
    row = session.get(m.Courrier, courrier_id)
    if row is None or row.dossier_id != dossier_id:
        return None
    if row.storage_key:
        try:
            return (store or private_store()).get(row.storage_key)
        except FileNotFoundError:
            log.error("courrier %s : fichier %s absent du stockage privé", row.id, row.storage_key)
            return None
    header = header_for(session, session.get(m.Dossier, dossier_id))
    story = letter_head(header, row.sent_on, row.subject) + [para(row.body)]
    return render(row.subject, story, subject=f"Courrier du {format_date(row.sent_on)}")


def record(*, session: Session, dossier_id: int, subject: str, body: str, sent_on) -> None:
    """Keep in the dossier's « Mes courriers et courriels » (unread) a letter the Caf sent by post, from its text.
    Not committed: the caller commits it with what the letter is about. No policy check: the caller is the
    service that sends the letter."""
    session.add(m.Courrier(dossier_id=dossier_id, subject=subject, body=body, sent_on=sent_on))
