"""The Caf's webinars for its partners (content/data/webinaires.json, the programme of « Offres et services »): a
partner registers with a name, an organisation and a mail address, and receives the invitation as a calendar file
(.ics) by mail; registered twice, the invitation is sent again, nothing is doubled."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta, timezone

from sqlmodel import Session, func, select

from ... import clock, delivery, models as m
from ...clock import PARIS
from ...content import load
from ...domain.contacts import parse_email
from ...domain.dates import format_date, format_time
from ...domain.departements import caf_name
from ...domain.errors import DomainError
from ...domain.rendez_vous import calendar_file
from ...domain.throttle import Rule
from ...security.tokens import token_hash
from ...settings import get_settings
from ..identity import throttling

CAPACITY = 100  # places per webinar
RULE = Rule(free_failures=5, base_delay=timedelta(seconds=10), lock_after=30, lock_for=timedelta(hours=24),
            window=timedelta(hours=24))


@dataclass(frozen=True)
class Webinar:
    key: str
    title: str
    starts_at: datetime  # aware, Paris
    minutes: int

    @property
    def when(self) -> str:
        return f"le {format_date(self.starts_at.date())} à {format_time(self.starts_at)}"


@dataclass(frozen=True)
class WebinarLine:
    key: str
    label: str  # « L'AAH, l'AJPA et la déconjugalisation — le 09/03/2027 à 10h00 »
    full: bool


def programme() -> tuple[str, list[Webinar]]:
    """The Caf's département and its webinars, in order."""
    data = load("webinaires")
    return data["caf"], [Webinar(s["key"], s["title"], datetime.fromisoformat(s["starts"]).replace(tzinfo=PARIS),
                                 s["minutes"]) for s in data["sessions"]]


def upcoming(*, session: Session) -> list[WebinarLine]:
    """The webinars still to come, each full or not (one query)."""
    _, webinars = programme()
    taken = dict(session.exec(select(m.InscriptionWebinaire.webinaire, func.count())
                              .group_by(m.InscriptionWebinaire.webinaire)).all())
    return [WebinarLine(w.key, f"{w.title} — {w.when}", taken.get(w.key, 0) >= CAPACITY)
            for w in webinars if w.starts_at > clock.now()]


def register(*, session: Session, key: str, name: str, organisation: str, email: str, client: str = "") -> str:
    departement, webinars = programme()
    webinar = next((w for w in webinars if w.key == key and w.starts_at > clock.now()), None)
    if webinar is None:
        raise DomainError("webinaire", "Choisissez un webinaire à venir.")
    name, organisation = " ".join(name.split())[:120], " ".join(organisation.split())[:120]
    if not name:
        raise DomainError("nom", "Indiquez votre prénom et votre nom.")
    if not organisation:
        raise DomainError("organisation", "Indiquez votre organisation (structure, service, association).")
    address = parse_email(email, field="email")
    throttling.limit(session, [(f"webinaire:{client or 'inconnu'}", RULE)],
                     too_many="Trop d'inscriptions depuis cet appareil : réessayez demain.",
                     wait="Trop d'inscriptions : réessayez dans {seconds} secondes.")
    row = session.exec(select(m.InscriptionWebinaire).where(m.InscriptionWebinaire.webinaire == key,
                                                            m.InscriptionWebinaire.email == address)).first()
    if row is None:
        taken = session.exec(select(func.count()).select_from(m.InscriptionWebinaire)
                             .where(m.InscriptionWebinaire.webinaire == key)).one()
        if taken >= CAPACITY:
            raise DomainError("webinaire", "Ce webinaire est complet : choisissez-en un autre.")
        row = m.InscriptionWebinaire(webinaire=key, email=address, name=name, organisation=organisation)
        session.add(row)
        session.commit()
    caf = caf_name(departement)
    invitation = calendar_file(
        uid=f"webinaire-{key}-{token_hash(address, key=get_settings().secret_key)[:16]}@caf-app",
        starts_at=webinar.starts_at.astimezone(timezone.utc), minutes=webinar.minutes,
        summary=f"Webinaire {caf} : {webinar.title}", where="En ligne (le lien de connexion est envoyé la veille)",
        description=f"Webinaire du pôle partenariats d'accès aux droits de la {caf}.", stamp=clock.now())
    delivery.send(delivery.Message(
        "email", address, f"Votre inscription au webinaire : {webinar.title}",
        f"Bonjour {row.name},\n\nVotre inscription au webinaire « {webinar.title} » de la {caf}, {webinar.when}, "
        f"est enregistrée. L'invitation est jointe : ouvrez-la pour l'ajouter à votre agenda. Le lien de connexion "
        f"vous sera envoyé la veille.\n",
        attachments=(("webinaire.ics", "text/calendar", invitation),)), session=session)
    return f"Votre inscription est enregistrée : l'invitation (fichier .ics) est envoyée à {address}."
