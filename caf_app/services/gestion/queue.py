"""The work queue of a Caf: what families sent and nobody has decided yet, oldest first; taken by one agent at a
time (a conditional claim: of two agents racing for an item, one gets it); and the search of a dossier."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

import sqlalchemy as sa
from sqlmodel import Session, col, or_, select

from ... import clock, models as m
from ...domain import policy
from ...domain.dates import format_date
from ...domain.errors import DomainError, Forbidden
from ...domain.gestion import (
    AGES,
    BAILLEUR_KIND,
    BAILLEUR_LABEL,
    PUBLIC_MESSAGE_KIND,
    PUBLIC_MESSAGE_LABEL,
    QUEUE_KINDS,
    AgentActor,
    Decision,
    days_waited,
)
from ...domain.identifiers import normalize, parse_nir
from ...domain.statuses import DemarcheKind, DemarcheStatus
from ..communications import contact_public


@dataclass(frozen=True)
class QueueLine:
    id: int
    kind: str
    title: str
    numero: str
    allocataire: str
    received_on: str
    days: int
    taken_by: str  # "" when nobody has it; "vous" when it is the reader's
    second_check: bool  # new bank details checked once, waiting for a second agent
    public: bool = False  # a message of someone with no dossier (contact_public), processed on its own screen


@dataclass(frozen=True)
class DossierLine:
    id: int
    numero: str
    allocataire: str
    city: str


def waiting():
    """The démarches still waiting for a decision (a bank change checked once waits for the second agent)."""
    return (col(m.Demarche.kind).in_(list(QUEUE_KINDS)), m.Demarche.status != DemarcheStatus.TRAITEE,
            or_(m.Demarche.decided_at == None, m.Demarche.decision == Decision.VERIFIEE.value))  # noqa: E711


def queue(*, session: Session, actor: AgentActor, kind: str = "", age: str = "", limit: int = 200) -> list[QueueLine]:
    """The Caf's queue, oldest first; kind: a DemarcheKind value of QUEUE_KINDS, BAILLEUR_KIND (the bailleurs'
    declarations, apart from the changes) or PUBLIC_MESSAGE_KIND (the messages of people with no dossier, listed
    with the démarches when no kind is chosen); age: a key of AGES."""
    if not policy.can_work_queue(actor):
        raise Forbidden("file de travail")
    now = clock.now()
    older_than = now - timedelta(days=int(age)) if age in AGES and age else None
    public = [(p.received_at, QueueLine(p.id, PUBLIC_MESSAGE_LABEL, "Message d'un non-allocataire", "", p.name,
                                        p.received_on, p.days, p.taken_by, False, True))
              for p in contact_public.waiting(session=session, actor=actor, older_than=older_than, limit=limit)
              ] if kind in ("", PUBLIC_MESSAGE_KIND) else []
    if kind == PUBLIC_MESSAGE_KIND:
        return [line for _, line in public]
    query = (select(m.Demarche, m.Dossier.numero_allocataire, m.Person.first_names, m.Person.usage_name,
                    m.Person.birth_name, m.Agent.name, m.SignalementBailleur.id)
             .join(m.Dossier, m.Dossier.id == m.Demarche.dossier_id)
             .join(m.Person, m.Person.id == m.Dossier.allocataire_id)
             .outerjoin(m.Agent, m.Agent.id == m.Demarche.claimed_by_id)
             .outerjoin(m.SignalementBailleur, m.SignalementBailleur.demarche_id == m.Demarche.id)
             .where(m.Dossier.caf_id == actor.caf_id, *waiting())
             .order_by(col(m.Demarche.created_on), col(m.Demarche.id)).limit(limit))
    if kind in {k.value for k in QUEUE_KINDS}:
        query = query.where(m.Demarche.kind == DemarcheKind(kind), col(m.SignalementBailleur.id).is_(None))
    elif kind == BAILLEUR_KIND:
        query = query.where(col(m.SignalementBailleur.id).is_not(None))
    if age in AGES and age:
        query = query.where(m.Demarche.created_on <= now - timedelta(days=int(age)))
    lines = []
    for demarche, numero, first, usage, birth, taker, bailleur in session.exec(query).all():
        mine = demarche.claimed_by_id == actor.agent_id
        received = m.aware(demarche.created_on)
        label = BAILLEUR_LABEL if bailleur else QUEUE_KINDS[demarche.kind]
        lines.append((received, QueueLine(demarche.id, label, demarche.title, numero,
                                          f"{first} {usage or birth}", format_date(demarche.created_on.date()),
                                          days_waited(received, now), "vous" if mine else (taker or ""),
                                          demarche.decision == Decision.VERIFIEE.value)))
    return [line for _, line in sorted(lines + public, key=lambda entry: entry[0])][:limit]


def claim(*, session: Session, actor: AgentActor, demarche_id: int) -> None:
    """Take an item: one statement that succeeds only while nobody else has it (DomainError otherwise). The agent
    who checked new bank details cannot take them again for the second check."""
    row = session.exec(select(m.Demarche, m.Dossier.caf_id).join(m.Dossier, m.Dossier.id == m.Demarche.dossier_id)
                       .where(m.Demarche.id == demarche_id, *waiting())).first()
    if row is None or not policy.can_process(actor, row[1]):
        raise Forbidden("démarche")
    if row[0].decision == Decision.VERIFIEE.value and row[0].decided_by_id == actor.agent_id:
        raise DomainError("", "Vous avez vérifié ces coordonnées bancaires : un autre agent doit les valider.")
    table = m.Demarche.__table__
    taken = session.execute(sa.update(table).where(
        table.c.id == demarche_id, or_(table.c.claimed_by_id == None, table.c.claimed_by_id == actor.agent_id))  # noqa: E711
        .values(claimed_by_id=actor.agent_id, claimed_at=clock.now(), status=DemarcheStatus.EN_COURS.value))
    session.commit()
    if taken.rowcount != 1:
        raise DomainError("", "Un autre agent traite déjà cette démarche.")


def release(*, session: Session, actor: AgentActor, demarche_id: int) -> None:
    """Put an item back in the queue (only the agent who has it)."""
    table = m.Demarche.__table__
    session.execute(sa.update(table).where(table.c.id == demarche_id, table.c.claimed_by_id == actor.agent_id)
                    .values(claimed_by_id=None, claimed_at=None))
    session.commit()


def _nir(text: str) -> str:
    """The 13 characters of a NIR typed (with or without its key), or ""."""
    value = normalize(text)
    try:
        return parse_nir(value[:13]) if len(value) in (13, 15) else ""
    except DomainError:
        return ""


def search(*, session: Session, actor: AgentActor, text: str, limit: int = 20) -> list[DossierLine]:
    """A dossier of the agent's Caf by numéro allocataire, NIR (of any member) or name."""
    if not policy.can_work_queue(actor):
        raise Forbidden("recherche de dossier")
    text = " ".join(text.split())
    if len(text) < 2:
        raise DomainError("recherche", "Saisissez un numéro allocataire, un NIR ou un nom (2 caractères au moins).")
    nir = _nir(text)
    members = select(m.Member.dossier_id).join(m.Person, m.Person.id == m.Member.person_id)
    if nir:
        matching = members.where(m.Person.nir == nir)
    else:
        pattern = f"%{text.upper()}%"
        matching = members.where(or_(sa.func.upper(m.Person.birth_name).like(pattern),
                                     sa.func.upper(m.Person.usage_name).like(pattern)))
    query = (select(m.Dossier, m.Person.first_names, m.Person.usage_name, m.Person.birth_name)
             .join(m.Person, m.Person.id == m.Dossier.allocataire_id)
             .where(m.Dossier.caf_id == actor.caf_id,
                    or_(m.Dossier.numero_allocataire == text.replace(" ", ""), col(m.Dossier.id).in_(matching)))
             .order_by(col(m.Dossier.numero_allocataire)).limit(limit))
    return [DossierLine(d.id, d.numero_allocataire, f"{first} {usage or birth}", d.city)
            for d, first, usage, birth in session.exec(query).all()]
