"""Nous contacter, for everyone: a person with no dossier writes to the Caf of the postal code they type (the
seed's « Envoyez un mail à nos conseillers. Nous vous répondrons dans les meilleurs délais. »). The message waits in
that Caf's work queue beside the démarches (services/gestion/queue.py), one agent takes it, and the answer leaves by
mail (caf_app/delivery), saying which message it answers.

Sending is throttled per client address and per mail typed (services/identity/throttling.py), so that the form
cannot be used to flood a Caf or someone's mailbox."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

import sqlalchemy as sa
from sqlmodel import Session, col, select

from ... import clock, delivery, models as m
from ...content import load
from ...domain import policy, throttle
from ...domain.address import names_index
from ...domain.contact_public import ContactMessage
from ...domain.dates import PARIS, format_date
from ...domain.errors import DomainError, Forbidden
from ...domain.gestion import AgentActor, check_answer, days_waited
from ...domain.ma_caf import caf_of
from ...security.tokens import token_hash
from ..identity import throttling
from ..paperwork.demandes_dossier import caf_of_departement

# A person writes a few messages; more, from one mail or one address, wait, then are refused for an hour.
MAIL_RULE = throttle.Rule(free_failures=3, base_delay=timedelta(seconds=30), lock_after=5,
                          lock_for=timedelta(hours=1), window=timedelta(hours=1))
CLIENT_RULE = throttle.Rule(free_failures=10, base_delay=timedelta(seconds=10), lock_after=20,
                            lock_for=timedelta(hours=1), window=timedelta(hours=1))
TOO_MANY = ("Vous avez envoyé plusieurs messages en peu de temps : votre Caf les a bien reçus et vous répondra. "
            "Réessayez dans une heure, ou appelez le 3230.")
WAIT = "Vous venez d'envoyer un message. Patientez {seconds} secondes avant d'en envoyer un autre."

_INDEX: dict[str, list[str]] = {}


def _where(postal_code: str) -> tuple[str, str]:
    """(département, commune) of a postal code, by the communes dataset (as Ma Caf finds a Caf)."""
    if not _INDEX:
        _INDEX.update(names_index(load("communes_insee")["codes"]))
    found = caf_of(postal_code, communes=load("communes")["codes"], index=_INDEX)
    return found.departement, found.commune


@dataclass(frozen=True)
class Sent:
    caf: str
    received_on: str


def send(*, session: Session, message: ContactMessage, client: str, secret: str) -> Sent:
    """Record the message in the queue of the Caf of its postal code (DomainError("code_postal") for a code no
    commune has); DomainError("") when this mail or this address has sent too many messages lately."""
    departement, commune = _where(message.postal_code)
    counters = [(f"contact-client:{client or 'inconnu'}", CLIENT_RULE),
                (f"contact:{token_hash(message.email, key=secret)}", MAIL_RULE)]
    throttling.limit(session, counters, too_many=TOO_MANY, wait=WAIT)
    caf = caf_of_departement(session, departement)
    row = m.MessagePublic(caf_id=caf.id, last_name=message.last_name, first_names=message.first_names,
                          email=message.email, phone=message.phone, address_line=message.address_line,
                          postal_code=message.postal_code, city=commune, text=message.text)
    session.add(row)
    session.commit()
    return Sent(caf.name, format_date(m.aware(row.received_at).astimezone(PARIS).date()))


# The Caf's side ---------------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class PublicLine:
    id: int
    name: str
    city: str
    received_at: datetime
    received_on: str
    days: int
    taken_by: str  # "" when nobody has it; "vous" when it is the reader's


def waiting(*, session: Session, actor: AgentActor, older_than: datetime | None = None,
            limit: int = 200) -> list[PublicLine]:
    """The Caf's unanswered messages, oldest first."""
    now = clock.now()
    query = (select(m.MessagePublic, m.Agent.name).outerjoin(m.Agent, m.Agent.id == m.MessagePublic.claimed_by_id)
             .where(m.MessagePublic.caf_id == actor.caf_id, m.MessagePublic.answered_at == None)  # noqa: E711
             .order_by(col(m.MessagePublic.received_at), col(m.MessagePublic.id)).limit(limit))
    if older_than is not None:
        query = query.where(m.MessagePublic.received_at <= older_than)
    lines = []
    for row, taker in session.exec(query).all():
        received = m.aware(row.received_at)
        lines.append(PublicLine(row.id, f"{row.first_names} {row.last_name}", f"{row.postal_code} {row.city}",
                                received, format_date(received.astimezone(PARIS).date()), days_waited(received, now),
                                "vous" if row.claimed_by_id == actor.agent_id else (taker or "")))
    return lines


def _mine(session: Session, actor: AgentActor, message_id: int) -> m.MessagePublic:
    """The message, of the agent's Caf (another Caf's does not exist for them)."""
    row = session.get(m.MessagePublic, message_id)
    if row is None or not policy.can_process(actor, row.caf_id):
        raise Forbidden("message")
    return row


def claim(*, session: Session, actor: AgentActor, message_id: int) -> None:
    """Take a message: a conditional update, so that of two agents one gets it."""
    row = _mine(session, actor, message_id)
    if row.answered_at is not None:
        raise DomainError("", "Ce message a déjà reçu une réponse.")
    table = m.MessagePublic.__table__
    taken = session.execute(sa.update(table).where(
        table.c.id == message_id, table.c.answered_at == None,  # noqa: E711
        sa.or_(table.c.claimed_by_id == None, table.c.claimed_by_id == actor.agent_id))  # noqa: E711
        .values(claimed_by_id=actor.agent_id, claimed_at=clock.now()))
    session.commit()
    if taken.rowcount != 1:
        raise DomainError("", "Un autre agent traite déjà ce message.")


def release(*, session: Session, actor: AgentActor, message_id: int) -> None:
    table = m.MessagePublic.__table__
    session.execute(sa.update(table).where(table.c.id == message_id, table.c.claimed_by_id == actor.agent_id,
                                           table.c.answered_at == None)  # noqa: E711
                    .values(claimed_by_id=None, claimed_at=None))
    session.commit()


@dataclass(frozen=True)
class PublicItem:
    id: int
    name: str
    email: str
    phone: str
    address: str
    text: str
    received_on: str
    days: int
    mine: bool
    taken_by: str
    answered_on: str
    answer: str


def item(*, session: Session, actor: AgentActor, message_id: int) -> PublicItem:
    row = _mine(session, actor, message_id)
    taker = session.get(m.Agent, row.claimed_by_id) if row.claimed_by_id else None
    received = m.aware(row.received_at)
    answered = m.aware(row.answered_at).astimezone(PARIS).date() if row.answered_at else None
    return PublicItem(row.id, f"{row.first_names} {row.last_name}", row.email, row.phone,
                      f"{row.address_line}, {row.postal_code} {row.city}", row.text,
                      format_date(received.astimezone(PARIS).date()), days_waited(received, clock.now()),
                      row.claimed_by_id == actor.agent_id and row.answered_at is None,
                      taker.name if taker else "", format_date(answered) if answered else "", row.answer)


def answer_mail(row: m.MessagePublic, caf: m.Caf, text: str) -> delivery.Message:
    """The answer, by mail: it says which message it answers (its date) and quotes it."""
    written = format_date(m.aware(row.received_at).astimezone(PARIS).date())
    quoted = "\n".join("> " + line for line in row.text.splitlines())
    body = (f"Bonjour {row.first_names} {row.last_name},\n\n"
            f"Voici la réponse de la {caf.name} à votre message du {written}.\n\n{text}\n\n"
            f"Votre message du {written} :\n{quoted}\n\n"
            "Ce courriel est envoyé automatiquement : n'y répondez pas. Pour écrire de nouveau à votre Caf, "
            "utilisez « Nous contacter », ou appelez le 3230 (service gratuit et coût d'un appel local).")
    return delivery.Message("email", row.email, f"Réponse de la {caf.name} à votre message du {written}", body)


def answer(*, session: Session, actor: AgentActor, message_id: int, text: str, today: date | None = None) -> str:
    """The agent who took the message answers it: recorded (who, when, what), then mailed; the message leaves the
    queue. today: unused, for the agents' common call (ItemState._decide)."""
    text = check_answer(text)
    row = _mine(session, actor, message_id)
    if row.answered_at is not None:
        raise DomainError("", "Ce message a déjà reçu une réponse.")
    if row.claimed_by_id != actor.agent_id:
        raise DomainError("", "Ce message n'est plus entre vos mains : reprenez-le dans la file.")
    table = m.MessagePublic.__table__
    done = session.execute(sa.update(table).where(
        table.c.id == message_id, table.c.answered_at == None, table.c.claimed_by_id == actor.agent_id)  # noqa: E711
        .values(answered_at=clock.now(), answered_by_id=actor.agent_id, answer=text, claimed_by_id=None,
                claimed_at=None))
    if done.rowcount != 1:
        session.rollback()
        raise DomainError("", "Ce message a déjà reçu une réponse.")
    session.refresh(row)
    mail = answer_mail(row, session.get(m.Caf, row.caf_id), text)
    try:
        delivery.send(mail, session=session)
        session.commit()
    except BaseException:
        session.rollback()
        raise
    return "Réponse envoyée par courriel."
