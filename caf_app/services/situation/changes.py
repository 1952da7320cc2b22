"""Déclarer un changement: recorded as a démarche; the new situation shows as "en cours de traitement"."""

from __future__ import annotations

import secrets
from datetime import date

from sqlmodel import Session, select

from ... import models as m
from ...domain import policy
from ...domain.changes import Change, allowed_kinds, check_change
from ...domain.dates import format_date
from ...domain.errors import Forbidden
from ...domain.roles import Actor, MemberRole
from ...domain.statuses import DemarcheKind, DemarcheStatus, SituationKind, SituationStatus
from ..identity.people import full_name


def allowed(*, session: Session, actor: Actor) -> list[str]:
    if actor.dossier_id is None:
        return []
    return allowed_kinds(actor, policy.can_view_foyer(actor, actor.dossier_id))


def children(*, session: Session, actor: Actor) -> dict[int, str]:
    """The foyer's children (member id -> name), for "Départ d'un enfant"."""
    if actor.dossier_id is None or not policy.can_view_foyer(actor, actor.dossier_id):
        return {}
    rows = session.exec(select(m.Member, m.Person).join(m.Person, m.Person.id == m.Member.person_id)
                        .where(m.Member.dossier_id == actor.dossier_id, m.Member.role == MemberRole.ENFANT.value))
    return {member.id: full_name(person) for member, person in rows}


def check(*, session: Session, actor: Actor, kind: str, form: dict[str, str], today: date) -> Change:
    if kind not in allowed(session=session, actor=actor):
        raise Forbidden(f"changement {kind}")
    return check_change(kind, form, today=today, children=children(session=session, actor=actor))


def declare(*, session: Session, actor: Actor, kind: str, form: dict[str, str], today: date) -> str:
    """Check again (the review may be old) and record; returns the démarche's reference."""
    change = check(session=session, actor=actor, kind=kind, form=form, today=today)
    member = session.exec(select(m.Member).where(m.Member.dossier_id == actor.dossier_id,
                                                 m.Member.person_id == actor.person_id)).one()
    detail = f"{change.kind.label} le {format_date(change.effective)}"
    if change.kind.situation_code:
        session.add(m.Situation(member_id=member.id, kind=SituationKind(change.kind.group),
                                code=change.kind.situation_code, since=change.effective,
                                status=SituationStatus.EN_COURS))
    elif change.kind.key == "naissance":
        child = m.Person(birth_name=change.child_name, first_names=change.child_first_names,
                         birth_date=change.effective)
        session.add(child)
        session.flush()
        session.add(m.Member(dossier_id=actor.dossier_id, person_id=child.id, role=MemberRole.ENFANT.value,
                             pending=True))
        detail = f"Naissance de {change.child_first_names} {change.child_name} le {format_date(change.effective)}"
    elif change.kind.key == "depart_enfant":
        departing = session.get(m.Member, change.child_id)
        departing.pending = True
        session.add(departing)
        name = children(session=session, actor=actor)[change.child_id]
        detail = f"Départ de {name} le {format_date(change.effective)}"
    reference = f"CH{secrets.token_hex(4).upper()}"
    session.add(m.Demarche(dossier_id=actor.dossier_id, person_id=actor.person_id,
                           kind=DemarcheKind.CHANGEMENT_SITUATION,
                           title=f"Déclarer un changement : {change.kind.label}", detail=detail,
                           status=DemarcheStatus.EN_COURS, reference=reference))
    session.commit()
    return reference
