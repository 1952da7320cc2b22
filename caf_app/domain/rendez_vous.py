"""Rendez-vous with a Caf: the reasons, the ways (at the accueil, by phone, by video), what a person with no
account gives to be reached, and the calendar file (.ics, RFC 5545) sent with the confirmation.

Pure: services/communications/rendez_vous.py books, moves and cancels.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from icalendar import Calendar, Event

from .contact_public import parse_phone
from .contacts import parse_email
from .errors import DomainError
from .names import comparable

MODES = {"accueil": "À l'accueil de votre Caf", "telephone": "Par téléphone (la Caf vous appelle)",
         "visio": "En visio (un lien vous est envoyé par courriel)"}
REASONS = {
    "demande": "Une demande de prestation en cours",
    "paiement": "Mes paiements",
    "changement": "Un changement de situation (naissance, séparation, déménagement…)",
    "dette": "Une dette ou un trop-perçu",
    "logement": "Mon aide au logement",
    "autre": "Une autre question",
}
DAYS_AHEAD = 21  # the slots offered: the next three weeks
MIN_NOTICE = timedelta(hours=2)  # a slot starting sooner is no longer offered, nor can it be moved to
MAX_NAME = 100


@dataclass(frozen=True)
class Contact:
    """How a person with no account is reached (an allocataire's come from the dossier)."""

    last_name: str
    first_names: str
    email: str
    phone: str


def _name(value: str, field: str, what: str) -> str:
    value = " ".join(value.split())
    if not value:
        raise DomainError(field, f"Indiquez votre {what}.")
    if len(value) > MAX_NAME or not comparable(value).replace(" ", "").isalpha():
        raise DomainError(field, f"Indiquez votre {what} en lettres ({MAX_NAME} caractères au plus).")
    return value


def check_choice(reason: str, mode: str) -> dict[str, str]:
    errors = {}
    if reason not in REASONS:
        errors["motif"] = "Choisissez le motif de votre rendez-vous."
    if mode not in MODES:
        errors["mode"] = "Choisissez comment vous voulez être reçu(e)."
    return errors


def check_contact(form: dict) -> tuple[Contact | None, dict[str, str]]:
    """Every field checked at once, each error next to its field."""
    errors, values = {}, {}
    get = lambda key: str(form.get(key, "") or "")[:300]  # noqa: E731
    for field, parse in (("nom", lambda: _name(get("nom"), "nom", "nom")),
                         ("prenom", lambda: _name(get("prenom"), "prenom", "prénom")),
                         ("courriel", lambda: parse_email(get("courriel"), field="courriel")),
                         ("telephone", lambda: parse_phone(get("telephone")))):
        try:
            values[field] = parse()
        except DomainError as error:
            errors[field] = error.message
    if "telephone" in values and not values["telephone"]:
        errors["telephone"] = "Indiquez un numéro de téléphone : la Caf vous appelle s'il faut changer l'heure."
    if errors:
        return None, errors
    return Contact(values["nom"].upper(), values["prenom"], values["courriel"], values["telephone"]), {}


def calendar_file(*, uid: str, starts_at: datetime, minutes: int, summary: str, where: str, description: str,
                  stamp: datetime, cancelled: bool = False) -> bytes:
    """The .ics of a rendez-vous (UTC times): a calendar adds it, or removes it when `cancelled` (same UID)."""
    calendar = Calendar()
    calendar.add("prodid", "-//Caf//Rendez-vous//FR")
    calendar.add("version", "2.0")
    calendar.add("method", "CANCEL" if cancelled else "PUBLISH")
    event = Event()
    event.add("uid", uid)
    event.add("dtstamp", stamp)
    event.add("dtstart", starts_at)
    event.add("dtend", starts_at + timedelta(minutes=minutes))
    event.add("summary", summary)
    event.add("location", where)
    event.add("description", description)
    event.add("status", "CANCELLED" if cancelled else "CONFIRMED")
    calendar.add_component(event)
    return calendar.to_ical()


def parse_opening(day_text: str, times_text: str) -> tuple[date, list[time]]:
    """An agent's new slots: « 08/12/2026 » and « 09:00, 09h30, 10:00 »; DomainError on the field to fix."""
    match = re.fullmatch(r"(\d{1,2})/(\d{1,2})/(\d{4})", (day_text or "").strip())
    try:
        day = date(int(match[3]), int(match[2]), int(match[1])) if match else None
    except ValueError:
        day = None
    if day is None:
        raise DomainError("jour", "Saisissez le jour au format JJ/MM/AAAA, par exemple 08/12/2026.")
    times = []
    for part in re.split(r"[,;\s]+", (times_text or "").strip())[:40]:
        if not part:
            continue
        found = re.fullmatch(r"(\d{1,2})[:hH](\d{2})?", part)
        if not found or int(found[1]) > 23 or int(found[2] or 0) > 59:
            raise DomainError("heures", f"« {part[:10]} » n'est pas une heure : écrivez par exemple 09:00, 09h30.")
        times.append(time(int(found[1]), int(found[2] or 0)))
    if not times:
        raise DomainError("heures", "Indiquez au moins une heure, par exemple 09:00, 09h30.")
    return day, times
