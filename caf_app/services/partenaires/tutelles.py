"""Tuteur moral: a tutelle service's staff member, from Mon Compte Partenaire, lists the people their organisation
protects and opens the Mon Compte of one of them, acting there as that person would (the seed: « Vous êtes tuteur
moral : vous pouvez vous connecter sur votre espace partenaire pour accéder aux comptes de vos protégés »).

The opening is a Mon Compte session of its own: no account (the protected person's is theirs), the staff member
who acts (usersession.partner_agent_id), the protected person's dossier. Every check of it (auth.live_session)
finds the staff member still enabled and the mesure still there; each démarche made in it carries the staff member
(demarche.partner_id: « fait par le tuteur »); each opening is recorded where the dossier's readers are (« Qui a
consulté mon dossier ») and in the audit. The policy allows it while the organisation holds « Tuteur moral » for
the dossier's département; a habilitation withdrawn ends the sessions opened under it.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone

from sqlmodel import Session, select

from ... import clock, models as m
from ...domain import policy
from ...domain.dates import format_date
from ...domain.errors import Forbidden
from ...domain.gestion import AgentActor
from ...domain.partners import PartnerService
from ...security.tokens import new_token, token_hash
from ..identity import auth
from ..identity.people import full_name
from ..identity.tutelles import opens_to
from .habilitations import held

log = logging.getLogger("caf_app.partenaires")
PURPOSE = "Tuteur moral : gestion du dossier de la personne protégée"
REFUSED = ("Cet espace ne peut pas être ouvert : la mesure n'est plus celle de votre organisation, ou son habilitation "
           "« Tuteur moral » a pris fin. Contactez votre Caf.")


@dataclass(frozen=True)
class Protege:
    tutelle_id: int
    name: str
    numero: str
    caf: str
    since: str


def _rows(session: Session, actor: AgentActor, tutelle_id: int | None = None):
    query = (select(m.Tutelle.id, m.Tutelle.dossier_id, m.Tutelle.since, m.Person.first_names, m.Person.usage_name,
                    m.Person.birth_name, m.Dossier.numero_allocataire, m.Caf.name, m.Caf.department)
             .join(m.Person, m.Person.id == m.Tutelle.protected_id)
             .join(m.Dossier, m.Dossier.id == m.Tutelle.dossier_id)
             .join(m.Caf, m.Caf.id == m.Dossier.caf_id)
             .where(opens_to(actor.organisation_id), m.Dossier.active == True)  # noqa: E712
             .order_by(m.Person.birth_name, m.Person.first_names))
    if tutelle_id is not None:
        query = query.where(m.Tutelle.id == tutelle_id)
    return session.exec(query).all()


def proteges(*, session: Session, actor: AgentActor, today: date) -> list[Protege]:
    """The people the staff member's organisation protects, in the départements where it holds « Tuteur moral »
    today (two queries)."""
    if not actor.partner:
        raise Forbidden("tutelles")
    habilitations = held(session, actor.organisation_id)
    return [Protege(row[0], full_name(row), row[6], row[7], format_date(row[2]))
            for row in _rows(session, actor) if policy.can_act_as_tuteur_moral(actor, habilitations, row[8], today)]


def open_mon_compte(*, session: Session, actor: AgentActor, partner_token: str, tutelle_id: int, secret: str,
                    today: date, ip: str = "", user_agent: str = "") -> str:
    """The cookie token of a Mon Compte session in the protected person's dossier, for the staff member of the
    Mon Compte Partenaire session `partner_token`: it acts for that mesure's person only, and ends with that
    session (its logout included), with the habilitation's last day, or after 8 hours, whichever comes first.
    Refused (Forbidden, a log line) for a mesure of another organisation, an ended one, or without the
    habilitation."""
    found = _rows(session, actor, tutelle_id) if actor.partner and tutelle_id else []
    habilitations = held(session, actor.organisation_id) if found else []
    partner_session = session.exec(select(m.AgentSession).where(
        m.AgentSession.token_hash == token_hash(partner_token, key=secret), m.AgentSession.agent_id == actor.agent_id,
        m.AgentSession.revoked_at == None)).first() if found else None  # noqa: E711
    if partner_session is None or not policy.can_act_as_tuteur_moral(actor, habilitations, found[0][8], today):
        log.warning("tuteur moral refusé : partenaire %s (organisation %s), mesure %s", actor.agent_id,
                    actor.organisation_id, tutelle_id)
        raise Forbidden("tutelle")
    row = found[0]
    last_day = max(h.valid_until for h in habilitations if h.covers(PartnerService.TUTEUR, row[8], today))
    token, now = new_token(), clock.now()
    ends = min(now + auth.ABSOLUTE_LIFETIME, m.aware(partner_session.expires_at),
               datetime.combine(last_day + timedelta(days=1), time.min, clock.PARIS).astimezone(timezone.utc))
    session.add(m.UserSession(token_hash=token_hash(token, key=secret), account_id=None,
                              partner_agent_id=actor.agent_id, partner_session_id=partner_session.id,
                              tutelle_id=row[0], dossier_id=row[1], expires_at=ends, ip=ip,
                              user_agent=user_agent[:300]))
    session.add(m.DossierConsultation(agent_id=actor.agent_id, dossier_id=row[1], reason=PURPOSE))
    session.add(m.AuditEvent(kind="tuteur_moral", ip=ip,
                             detail=f"partenaire {actor.agent_id} : dossier {row[1]} (mesure {tutelle_id})"))
    session.commit()
    log.info("tuteur moral : partenaire %s (organisation %s) ouvre le Mon Compte du dossier %s", actor.agent_id,
             actor.organisation_id, row[1])
    return token
