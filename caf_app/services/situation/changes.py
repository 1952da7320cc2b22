"""Déclarer un changement: recorded as a démarche; the new situation shows as "en cours de traitement"."""

from __future__ import annotations

import secrets
from datetime import date

from sqlmodel import Session, col, select

from ... import models as m
from ...domain import policy
from ...domain.changes import LINKS, Change, allowed_kinds, check_change
from ...domain.dates import format_date
from ...domain.errors import Forbidden
from ...domain.roles import Actor, MemberRole
from ...domain.statuses import DemarcheKind, DemarcheStatus, SituationKind, SituationStatus
from ..identity.people import full_name


def allowed(*, session: Session, actor: Actor) -> list[str]:
    if actor.dossier_id is None:
        return []
    return allowed_kinds(actor, policy.can_view_foyer(actor, actor.dossier_id))


def dependents(*, session: Session, actor: Actor) -> dict[str, dict[int, str]]:
    """The foyer's children and other dependent persons (role -> member id -> name), in one query, for the
    departures."""
    found: dict[str, dict[int, str]] = {MemberRole.ENFANT.value: {}, MemberRole.AUTRE.value: {}}
    if actor.dossier_id is None or not policy.can_view_foyer(actor, actor.dossier_id):
        return found
    rows = session.exec(select(m.Member, m.Person).join(m.Person, m.Person.id == m.Member.person_id)
                        .where(m.Member.dossier_id == actor.dossier_id, col(m.Member.role).in_(list(found)))
                        .order_by(col(m.Member.id)))
    for member, person in rows:
        found[member.role][member.id] = full_name(person)
    return found


def children(*, session: Session, actor: Actor) -> dict[int, str]:
    """The foyer's children (member id -> name), for "Départ d'un enfant"."""
    return dependents(session=session, actor=actor)[MemberRole.ENFANT.value]


def check(*, session: Session, actor: Actor, kind: str, form: dict[str, str], today: date) -> Change:
    if kind not in allowed(session=session, actor=actor):
        raise Forbidden(f"changement {kind}")
    foyer = dependents(session=session, actor=actor)
    return check_change(kind, form, today=today, children=foyer[MemberRole.ENFANT.value],
                        others=foyer[MemberRole.AUTRE.value])


def declare(*, session: Session, actor: Actor, kind: str, form: dict[str, str], today: date) -> str:
    """Check again (the review may be old) and record; returns the démarche's reference."""
    change = check(session=session, actor=actor, kind=kind, form=form, today=today)
    detail = _record(session, actor, change)
    reference = f"CH{secrets.token_hex(4).upper()}"
    session.add(m.Demarche(dossier_id=actor.dossier_id, **actor.signed,
                           kind=DemarcheKind.CHANGEMENT_SITUATION,
                           title=f"Déclarer un changement : {change.kind.label}", detail=detail,
                           status=DemarcheStatus.EN_COURS, reference=reference))
    session.commit()
    return reference


def _record(session: Session, actor: Actor, change: Change) -> str:
    """What the change makes of the foyer, "en cours" until the Caf processes it; returns the démarche's detail
    (a departure's starts with "Départ": services/gestion/decisions.py removes the member once accepted)."""
    on = format_date(change.effective)
    key = change.kind.key
    if change.kind.situation_code:
        member = session.exec(select(m.Member).where(m.Member.dossier_id == actor.dossier_id,
                                                     m.Member.person_id == actor.person_id)).one()
        session.add(m.Situation(member_id=member.id, kind=SituationKind(change.kind.group),
                                code=change.kind.situation_code, since=change.effective,
                                status=SituationStatus.EN_COURS))
    elif key in ("naissance", "adoption", "arrivee_personne"):
        _arrival(session, actor, change)
        if key == "naissance":
            return f"Naissance de {change.full_name} le {on}"
        born = f", né(e) le {format_date(change.born)}"
        if key == "adoption":
            return f"Arrivée de {change.full_name} par adoption le {on}{born}"
        return f"Arrivée de {change.full_name} ({LINKS[change.link].lower()}) le {on}{born}"
    elif key in ("depart_enfant", "depart_personne"):
        departing = session.get(m.Member, change.member_id)
        departing.pending = True
        session.add(departing)
        return f"Départ de {full_name(session.get(m.Person, departing.person_id))} le {on}"
    return f"{change.kind.label} le {on}"


def _arrival(session: Session, actor: Actor, change: Change) -> None:
    person = m.Person(birth_name=change.name, first_names=change.first_names, birth_date=change.born)
    session.add(person)
    session.flush()
    role = MemberRole.AUTRE if change.kind.key == "arrivee_personne" else MemberRole.ENFANT
    session.add(m.Member(dossier_id=actor.dossier_id, person_id=person.id, role=role.value, pending=True))
