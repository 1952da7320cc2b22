"""Rendez-vous with a Caf (issue 22, point 4): the agents open slots; a person books one from Ma Caf (with a name,
a mail and a phone) or from Mon Compte, moves or cancels it from the mail's link or from Mon agenda; a reminder
leaves the day before.

  open_slots(actor=agent, day=..., times=..., mode=..., place=...)   an agent's Caf's new slots
  slots_of_caf(actor=agent)                     the coming slots of the agent's Caf, taken or free
  free_slots(caf_id=..., mode=..., now=...)     what a person may book: the next 3 weeks, not taken
  book(actor=..., caf_id=..., creneau_id=..., reason=..., contact=..., now=...)
                                                the slot claimed by one conditional UPDATE (two people racing for
                                                the last one: one gets it, the other is told and chooses again);
                                                the mail with the .ics and the link to manage it
  find(token=...) / mine(actor=...)             a rendez-vous by its mail's token, or the allocataire's own
  move(...) / cancel(...)                       the old slot freed, a mail each time
  remind(now=...)                               the day before: `python -m caf_app.services.communications.rendez_vous
                                                --remind` (demo), a Celery beat task in production (jobs/tasks.py)
"""

from __future__ import annotations

import logging
import secrets
import sys
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone

from sqlmodel import Session, col, select, update

from ... import clock, delivery, models as m, routes
from ...clock import PARIS
from ...domain import policy, throttle
from ...domain.dates import format_long_date
from ...domain.errors import DomainError, Forbidden
from ...domain.gestion import AgentActor
from ...domain.rendez_vous import DAYS_AHEAD, MIN_NOTICE, MODES, REASONS, Contact, calendar_file, check_choice
from ...domain.roles import Actor
from ...security.tokens import token_hash
from ...settings import get_settings
from ..identity import throttling

log = logging.getLogger(__name__)
WEEKDAYS = ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche")
TAKEN = "Ce créneau vient d'être réservé par une autre personne. Choisissez-en un autre."
# A person books a few rendez-vous; more, from one mail (or account) or one address, wait, then are refused for a
# day: the slots are not to be emptied by a script.
PERSON_RULE = throttle.Rule(free_failures=3, base_delay=timedelta(seconds=30), lock_after=6,
                            lock_for=timedelta(hours=24), window=timedelta(hours=24))
CLIENT_RULE = throttle.Rule(free_failures=10, base_delay=timedelta(seconds=10), lock_after=30,
                            lock_for=timedelta(hours=24), window=timedelta(hours=24))
TOO_MANY = ("Vous avez pris plusieurs rendez-vous en peu de temps. Pour en prendre un autre, appelez le 3230 ou "
            "réessayez demain.")
WAIT = "Vous venez de prendre un rendez-vous. Patientez {seconds} secondes avant d'en prendre un autre."


@dataclass(frozen=True)
class Slot:
    id: int
    day: str  # « mardi 8 décembre 2026 »
    time: str  # « 09h30 »
    place: str
    taken: bool = False


@dataclass(frozen=True)
class Booked:
    id: int
    reference: str
    when: str  # « mardi 8 décembre 2026 à 09h30 »
    mode: str
    place: str
    reason: str
    cancelled: bool
    starts_at: datetime
    token: str = ""  # only right after booking, for the confirmation page's links (never stored)


def _paris(moment: datetime) -> datetime:
    return m.aware(moment).astimezone(PARIS)


def _day(moment: datetime) -> str:
    local = _paris(moment)
    return f"{WEEKDAYS[local.weekday()]} {format_long_date(local.date())}"


def _when(moment: datetime) -> str:
    return f"{_day(moment)} à {_paris(moment):%Hh%M}"


def _slot(row: m.Creneau) -> Slot:
    return Slot(row.id, _day(row.starts_at), f"{_paris(row.starts_at):%Hh%M}", row.place, row.taken)


# The agents' side

def open_slots(*, session: Session, actor: AgentActor, day: date, times: list[time], mode: str, place: str,
               minutes: int = 30) -> int:
    """New slots of the agent's Caf on `day` at `times` (Paris time); a time already open for that way is skipped."""
    if not policy.can_work_queue(actor):
        raise Forbidden("créneaux")
    if mode not in MODES:
        raise DomainError("mode", "Choisissez comment la personne est reçue.")
    if mode == "accueil" and not place.strip():
        raise DomainError("lieu", "Indiquez le point d'accueil où la personne est reçue.")
    if not times:
        raise DomainError("heures", "Indiquez au moins une heure, par exemple 09:00, 09:30.")
    if day < clock.today() or day > clock.today() + timedelta(days=90):
        raise DomainError("jour", "Choisissez un jour entre aujourd'hui et dans 3 mois.")
    existing = set(session.exec(select(m.Creneau.starts_at).where(
        m.Creneau.caf_id == actor.caf_id, m.Creneau.mode == mode)).all())
    added = 0
    for at in sorted(set(times)):
        starts = datetime.combine(day, at, tzinfo=PARIS).astimezone(timezone.utc)
        if any(m.aware(known) == starts for known in existing):
            continue
        session.add(m.Creneau(caf_id=actor.caf_id, starts_at=starts, minutes=minutes, mode=mode,
                              place=place.strip()[:200] if mode == "accueil" else "", created_by_id=actor.agent_id))
        added += 1
    session.commit()
    return added


def slots_of_caf(*, session: Session, actor: AgentActor, now: datetime | None = None) -> list[Slot]:
    if not policy.can_work_queue(actor):
        raise Forbidden("créneaux")
    now = now or clock.now()
    rows = session.exec(select(m.Creneau).where(m.Creneau.caf_id == actor.caf_id, m.Creneau.starts_at >= now)
                        .order_by(col(m.Creneau.starts_at)).limit(200)).all()
    return [_slot(row) for row in rows]


# The person's side

def free_slots(*, session: Session, caf_id: int, mode: str, now: datetime | None = None) -> list[Slot]:
    now = now or clock.now()
    rows = session.exec(select(m.Creneau).where(
        m.Creneau.caf_id == caf_id, m.Creneau.mode == mode, m.Creneau.taken == False,  # noqa: E712
        m.Creneau.starts_at >= now + MIN_NOTICE, m.Creneau.starts_at <= now + timedelta(days=DAYS_AHEAD))
        .order_by(col(m.Creneau.starts_at)).limit(60)).all()
    return [_slot(row) for row in rows]


def _claim(session: Session, caf_id: int, creneau_id: int, mode: str, now: datetime) -> m.Creneau:
    """The slot, taken by this booking: one conditional UPDATE, so that of two people only one gets it."""
    claimed = session.exec(update(m.Creneau).where(
        m.Creneau.id == creneau_id, m.Creneau.caf_id == caf_id, m.Creneau.mode == mode,
        m.Creneau.taken == False, m.Creneau.starts_at >= now + MIN_NOTICE).values(taken=True)).rowcount  # noqa: E712
    if claimed != 1:
        session.rollback()
        raise DomainError("creneau", TAKEN)
    return session.get(m.Creneau, creneau_id)


def book(*, session: Session, actor: Actor | None, caf_id: int, creneau_id: int, reason: str, mode: str,
         contact: Contact | None, client: str = "", now: datetime | None = None) -> Booked:
    """Book a slot. actor: a logged-in allocataire (their dossier's contact); else `contact` (checked by
    domain/rendez_vous.check_contact). client: the browser's address, counted with the person (throttled)."""
    now = now or clock.now()
    errors = check_choice(reason, mode)
    if errors:
        field, message = next(iter(errors.items()))
        raise DomainError(field, message)
    allocataire = actor is not None and actor.dossier_id is not None
    if allocataire and not policy.can_book_rendez_vous(actor, actor.dossier_id):
        raise Forbidden("rendez-vous")
    if not allocataire and contact is None:
        raise DomainError("nom", "Indiquez comment la Caf peut vous joindre.")
    who = f"personne:{actor.person_id}" if allocataire else token_hash(contact.email, key=get_settings().secret_key)
    throttling.limit(session, [(f"rendez-vous-client:{client or 'inconnu'}", CLIENT_RULE),
                               (f"rendez-vous:{who}", PERSON_RULE)], too_many=TOO_MANY, wait=WAIT)
    slot = _claim(session, caf_id, creneau_id, mode, now)
    token = secrets.token_urlsafe(24)
    row = m.RendezVous(caf_id=caf_id, creneau_id=slot.id, starts_at=slot.starts_at, minutes=slot.minutes,
                       place=slot.place or MODES[mode], subject=REASONS[reason], mode=mode, reason=reason,
                       reference=f"RDV{secrets.token_hex(3).upper()}", token_hash=_hash(token))
    if allocataire:
        person = session.get(m.Person, actor.person_id)
        row.dossier_id, row.person_id = actor.dossier_id, actor.person_id
        row.last_name, row.first_names = person.birth_name, person.first_names
        row.email, row.phone = person.email or "", person.mobile or ""
    else:
        row.last_name, row.first_names, row.email, row.phone = (contact.last_name, contact.first_names,
                                                                 contact.email, contact.phone)
    session.add(row)
    session.commit()
    _mail(session, row, token, "Votre rendez-vous avec la Caf est confirmé")
    return _booked(row, token)


def _hash(token: str) -> str:
    return token_hash(token, key=get_settings().secret_key + ":rendez-vous")


def _booked(row: m.RendezVous, token: str = "") -> Booked:
    return Booked(row.id, row.reference, _when(row.starts_at), MODES.get(row.mode, ""), row.place,
                  REASONS.get(row.reason, row.subject), row.cancelled_at is not None, row.starts_at, token)


def _by_token(session: Session, token: str) -> m.RendezVous:
    row = session.exec(select(m.RendezVous).where(m.RendezVous.token_hash == _hash(token[:100]))).first() \
        if token else None
    if row is None:
        raise DomainError("", "Ce lien ne correspond à aucun rendez-vous. Vérifiez qu'il est complet.")
    return row


def _own(session: Session, actor: Actor, rendez_vous_id: int) -> m.RendezVous:
    row = session.get(m.RendezVous, rendez_vous_id)
    if row is None or row.dossier_id is None or not policy.can_book_rendez_vous(actor, row.dossier_id):
        raise Forbidden("rendez-vous")
    return row


def _row(session: Session, token: str, actor: Actor | None, rendez_vous_id: int) -> m.RendezVous:
    return _by_token(session, token) if token else _own(session, actor, rendez_vous_id) if actor else \
        _by_token(session, "")


def find(*, session: Session, token: str = "", actor: Actor | None = None, rendez_vous_id: int = 0) -> Booked:
    """A rendez-vous by the token of its mail, or an allocataire's own by its id (Mon agenda)."""
    return _booked(_row(session, token, actor, rendez_vous_id))


def choices_for(*, session: Session, token: str = "", actor: Actor | None = None, rendez_vous_id: int = 0,
                now: datetime | None = None) -> list[Slot]:
    """The free slots a rendez-vous may move to: same Caf, same way."""
    row = _row(session, token, actor, rendez_vous_id)
    return free_slots(session=session, caf_id=row.caf_id, mode=row.mode, now=now) if row.caf_id else []


def _still_open(row: m.RendezVous, now: datetime) -> None:
    if row.cancelled_at is not None:
        raise DomainError("", "Ce rendez-vous est annulé.")
    if m.aware(row.starts_at) <= now:
        raise DomainError("", "Ce rendez-vous est passé : il ne peut plus être changé.")


def move(*, session: Session, creneau_id: int, token: str = "", actor: Actor | None = None,
         rendez_vous_id: int = 0, now: datetime | None = None) -> Booked:
    now = now or clock.now()
    row = _row(session, token, actor, rendez_vous_id)
    _still_open(row, now)
    if row.caf_id is None or row.creneau_id is None:
        raise DomainError("", "Ce rendez-vous a été fixé par votre Caf : appelez-la pour le changer.")
    slot = _claim(session, row.caf_id, creneau_id, row.mode, now)
    session.exec(update(m.Creneau).where(m.Creneau.id == row.creneau_id).values(taken=False))
    row.creneau_id, row.starts_at, row.minutes = slot.id, slot.starts_at, slot.minutes
    row.place, row.reminded_at = slot.place or MODES[row.mode], None
    session.add(row)
    session.commit()
    _mail(session, row, token, "Votre rendez-vous avec la Caf a changé")
    return _booked(row, token)


def cancel(*, session: Session, token: str = "", actor: Actor | None = None, rendez_vous_id: int = 0,
           now: datetime | None = None) -> Booked:
    now = now or clock.now()
    row = _row(session, token, actor, rendez_vous_id)
    _still_open(row, now)
    row.cancelled_at = now
    if row.creneau_id is not None:
        session.exec(update(m.Creneau).where(m.Creneau.id == row.creneau_id).values(taken=False))
    session.add(row)
    session.commit()
    _mail(session, row, "", "Votre rendez-vous avec la Caf est annulé", cancelled=True)
    return _booked(row)


def mine(*, session: Session, actor: Actor, now: datetime | None = None) -> list[Booked]:
    """The allocataire's coming rendez-vous (Mon agenda)."""
    now = now or clock.now()
    if actor.dossier_id is None or not policy.can_book_rendez_vous(actor, actor.dossier_id):
        return []
    rows = session.exec(select(m.RendezVous).where(
        m.RendezVous.dossier_id == actor.dossier_id, m.RendezVous.cancelled_at == None,  # noqa: E711
        m.RendezVous.starts_at >= now).order_by(col(m.RendezVous.starts_at))).all()
    return [_booked(row) for row in rows]


# Mails

def manage_link(token: str) -> str:
    path = f"{routes.MON_RENDEZ_VOUS.path}?jeton={token}"
    return get_settings().public_url.rstrip("/") + path


def _mail(session: Session, row: m.RendezVous, token: str, subject: str, *, cancelled: bool = False,
          reminder: bool = False) -> None:
    if not row.email:
        return
    caf = session.get(m.Caf, row.caf_id) if row.caf_id else None
    who = f"{row.first_names} {row.last_name}".strip()
    lines = [f"Bonjour {who},", "",
             ("Votre rendez-vous est annulé :" if cancelled else
              "Nous vous rappelons votre rendez-vous de demain :" if reminder else "Votre rendez-vous :"),
             f"- le {_when(row.starts_at)} ({row.minutes} minutes)", f"- {MODES.get(row.mode, row.place)}",
             f"- lieu : {row.place}" if row.mode == "accueil" else "",
             f"- motif : {REASONS.get(row.reason, row.subject)}", f"- référence : {row.reference}",
             f"- avec la {caf.name}" if caf else "", ""]
    if token and not cancelled:
        lines += ["Pour le déplacer ou l'annuler :", manage_link(token), ""]
    elif not cancelled:
        lines += ["Pour le déplacer ou l'annuler : le lien du courriel de confirmation, ou Mon Compte, rubrique "
                  "Mon agenda.", ""]
    lines.append("Le fichier joint ajoute ce rendez-vous à votre agenda." if not cancelled else
                 "Le fichier joint retire ce rendez-vous de votre agenda.")
    ics = calendar_file(uid=f"{row.reference}@rendez-vous.caf", starts_at=m.aware(row.starts_at), minutes=row.minutes,
                        summary=f"Rendez-vous Caf : {REASONS.get(row.reason, row.subject)}", where=row.place,
                        description=f"Référence {row.reference}", stamp=clock.now(), cancelled=cancelled)
    message = delivery.Message("email", row.email, subject, "\n".join(line for line in lines if line is not None),
                               attachments=(("rendez-vous.ics", "text/calendar", ics),))
    try:
        delivery.send(message, session=session)
    except OSError:  # the rendez-vous is booked: a mail server down must not make it look failed
        log.exception("courriel de rendez-vous non envoyé")


def remind(*, session: Session, now: datetime | None = None) -> int:
    """The reminders of tomorrow's rendez-vous (Paris days), each sent once."""
    now = now or clock.now()
    tomorrow = _paris(now).date() + timedelta(days=1)
    start = datetime.combine(tomorrow, time(0), tzinfo=PARIS).astimezone(timezone.utc)
    rows = session.exec(select(m.RendezVous).where(
        m.RendezVous.starts_at >= start, m.RendezVous.starts_at < start + timedelta(days=1),
        m.RendezVous.cancelled_at == None, m.RendezVous.reminded_at == None)).all()  # noqa: E711
    for row in rows:
        claimed = session.exec(update(m.RendezVous).where(m.RendezVous.id == row.id,
                                                          m.RendezVous.reminded_at == None)  # noqa: E711
                               .values(reminded_at=now)).rowcount
        session.commit()
        if claimed == 1:
            _mail(session, row, "", "Rappel : votre rendez-vous avec la Caf demain", reminder=True)
    return len(rows)


def main(argv: list[str]) -> None:
    from ...db import engine
    if "--remind" in argv:
        with Session(engine()) as session:
            print(f"Rappels de rendez-vous envoyés : {remind(session=session)}")


if __name__ == "__main__":
    main(sys.argv[1:])



@dataclass(frozen=True)
class Booking:
    """What the booking page starts from: the Cafs with free slots, the one chosen, and whether the person books
    as an allocataire (their dossier's contact) or gives a name, a mail and a phone."""

    cafs: list[tuple[str, str]]  # (id, name)
    caf_id: int
    allocataire: bool


def booking(*, session: Session, actor: Actor | None, departement: str = "", now: datetime | None = None
            ) -> Booking:
    now = now or clock.now()
    rows = session.exec(select(m.Caf.id, m.Caf.name, m.Caf.department).where(col(m.Caf.id).in_(
        select(m.Creneau.caf_id).where(m.Creneau.taken == False, m.Creneau.starts_at >= now + MIN_NOTICE)))  # noqa: E712
        .order_by(m.Caf.department)).all()
    allocataire = actor is not None and actor.dossier_id is not None and policy.can_book_rendez_vous(
        actor, actor.dossier_id)
    chosen = next((caf_id for caf_id, _, department in rows if department == departement), 0)
    if not chosen and allocataire:
        dossier_caf = session.exec(select(m.Dossier.caf_id).where(m.Dossier.id == actor.dossier_id)).first()
        chosen = next((caf_id for caf_id, _, _ in rows if caf_id == dossier_caf), 0)
    return Booking([(str(caf_id), name) for caf_id, name, _ in rows], chosen, allocataire)
