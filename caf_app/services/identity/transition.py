"""From a provisional identifier to the NIR: once the Caf records the NIR of a person who created their account
with a provisional identifier (P + 8 digits), both log in, with the same password, for TRANSITION; then only the
NIR does. The person is told which to use: by a courrier and a mail when the NIR is recorded, on Connexion, and in
Mon profil.

No policy check in assign_nir: like services/communications/notifications.py, it is a building block of the
Caf's side, whose caller has checked that the agent may process the person's dossier.
"""

from __future__ import annotations

import logging
from datetime import date, datetime, timedelta

from sqlmodel import Session, select

from ... import clock, delivery, models as m
from ...clock import PARIS
from ...content import recovery as WORDS
from ...domain.dates import format_date
from ...domain.errors import DomainError
from ...domain.identifiers import parse_nir
from ..communications import courriers
from . import signup

log = logging.getLogger(__name__)

# The seed is silent on how long the provisional identifier keeps working once the NIR is known (it only says the
# person "ne doit plus utiliser l'identifiant qui commence par P"). Our choice: 6 months. The NIR reaches the
# person by the Assurance maladie's own letter (carte Vitale, attestation de droits), which takes weeks; the
# quarterly declarations (RSA, prime d'activité, AAH) bring a person to Mon Compte at least every 3 months, so
# 6 months gives two such visits with both identifiers, each time told to use the NIR, before the P stops.
TRANSITION = timedelta(days=183)


def provisional_until(person: m.Person) -> date | None:
    """The last day the provisional identifier logs in, or None when it has no end (no NIR recorded since)."""
    if person.nir_assigned_at is None or not person.provisional_id:
        return None
    return (m.aware(person.nir_assigned_at) + TRANSITION).astimezone(PARIS).date()


def provisional_accepted(person: m.Person, now: datetime | None = None) -> bool:
    """May the person still log in (or recover their account) with their provisional identifier?"""
    if not person.provisional_id:
        return False
    if person.nir_assigned_at is None:
        return True
    return (now or clock.now()) < m.aware(person.nir_assigned_at) + TRANSITION


def check_provisional_login(person: m.Person, now: datetime | None = None) -> None:
    """After the right password with a provisional identifier: DomainError once the transition is over, saying to
    log in with the NIR (told only to whoever knows the password: it says nothing to someone guessing)."""
    if not provisional_accepted(person, now):
        raise DomainError("", WORDS.NIR_ONLY.format(until=format_date(provisional_until(person))))


def identifier_notice(person: m.Person, now: datetime | None = None) -> str:
    """Which identifier to log in with, for Mon profil: "" for a person who only ever had a NIR."""
    if not person.provisional_id:
        return ""
    if person.nir is None:
        return WORDS.PROVISIONAL_ONLY
    until = format_date(provisional_until(person))
    if provisional_accepted(person, now):
        return WORDS.NIR_NOW.format(provisional=person.provisional_id, until=until)
    return WORDS.NIR_ONLY.format(until=until)


def assign_nir(*, session: Session, person_id: int, nir: str, today: date | None = None) -> date:
    """Record the NIR of a person who has a provisional identifier, keep the identifier for TRANSITION, and tell
    the person: a courrier in their dossier and a mail to the contact on file (never the NIR itself in a mail).
    Returns the last day the provisional identifier is accepted. DomainError("nir", ...) when the NIR is not one,
    belongs to someone else, or the person already has one."""
    number = parse_nir(nir)
    person = session.get(m.Person, person_id)
    if person is None or not person.provisional_id:
        raise DomainError("nir", "Cette personne n'a pas d'identifiant provisoire.")
    if person.nir is not None:
        raise DomainError("nir", "Cette personne a déjà un numéro de Sécurité sociale.")
    if session.exec(select(m.Person.id).where(m.Person.nir == number)).first() is not None:
        raise DomainError("nir", "Ce numéro de Sécurité sociale est déjà celui d'une autre personne.")
    person.nir, person.nir_assigned_at = number, clock.now()
    session.add(person)
    until = provisional_until(person)
    dossier = signup.dossier_of(session, person.id)
    if dossier is not None:
        courriers.record(session=session, dossier_id=dossier.id, subject=WORDS.NIR_ASSIGNED_SUBJECT,
                         body=WORDS.NIR_ASSIGNED_BODY.format(provisional=person.provisional_id,
                                                             until=format_date(until)),
                         sent_on=today or clock.today())
    account_id = session.exec(select(m.Account.id).where(m.Account.person_id == person.id)).first()
    session.add(m.AuditEvent(kind="nir_assigned", account_id=account_id,
                             detail=f"identifiant provisoire accepté jusqu'au {format_date(until)}"))
    session.commit()
    _tell(session, person, until)
    return until


def _tell(session: Session, person: m.Person, until: date) -> None:
    destination = person.email if person.email and person.email_verified else ""
    channel = "email"
    if not destination and person.mobile and person.mobile_verified:
        destination, channel = person.mobile, "sms"
    if not destination:
        return
    try:
        delivery.send(delivery.Message(channel=channel, recipient=destination, subject=WORDS.NIR_ASSIGNED_SUBJECT,
                                       body=WORDS.NIR_ASSIGNED_MAIL.format(until=format_date(until))),
                      session=session)
    except OSError:  # the NIR is recorded: a mail server down must not undo it (the courrier says it too)
        log.exception("avis d'attribution du NIR non envoyé")
