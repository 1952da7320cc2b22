"""Délégation de gestion: the allocataire lets the conjoint see the dossier and do the démarches, or not.

The conjoint's rights follow at once: every event recomputes the actor from the database.
"""

from __future__ import annotations

from sqlmodel import Session, select

from ... import clock, models as m
from ...domain import policy
from ...domain.errors import Forbidden
from ...domain.roles import Actor, Delegation, MemberRole
from ...domain.statuses import DemarcheKind, DemarcheStatus
from .people import full_name


def spouse_name(session: Session, dossier_id: int) -> str:
    spouse = session.exec(select(m.Person).join(m.Member, m.Member.person_id == m.Person.id)
                          .where(m.Member.dossier_id == dossier_id,
                                 m.Member.role == MemberRole.CONJOINT.value)).first()
    return full_name(spouse) if spouse else ""


def current_choice(*, session: Session, actor: Actor) -> tuple[str, str]:
    """(conjoint's name, "undecided" | "granted" | "refused") for the allocataire; Forbidden for anyone else."""
    if actor.dossier_id is None or not policy.can_manage_delegation(actor, actor.dossier_id):
        raise Forbidden("délégation")
    dossier = session.get(m.Dossier, actor.dossier_id)
    return spouse_name(session, dossier.id), dossier.delegation


def question_pending(*, session: Session, actor: Actor) -> bool:
    """The allocataire has a conjoint and has not chosen yet: the GÉRER MES AUTORISATIONS screen is due."""
    try:
        name, choice = current_choice(session=session, actor=actor)
    except Forbidden:
        return False
    return bool(name) and choice == Delegation.UNDECIDED.value


def set_delegation(*, session: Session, actor: Actor, grant: bool, ip: str = "") -> None:
    name, choice = current_choice(session=session, actor=actor)
    if not name:
        raise Forbidden("délégation sans conjoint")
    new = Delegation.GRANTED.value if grant else Delegation.REFUSED.value
    if new == choice:
        return
    dossier = session.get(m.Dossier, actor.dossier_id)
    dossier.delegation = new
    session.add(dossier)
    title = (f"Autorisation de gestion donnée à {name}" if grant else f"Autorisation de gestion retirée à {name}")
    session.add(m.Demarche(dossier_id=dossier.id, **actor.signed,
                           kind=DemarcheKind.AUTORISATION, title=title, status=DemarcheStatus.TRAITEE,
                           updated_on=clock.now()))
    session.add(m.AuditEvent(kind="delegation", account_id=actor.account_id, ip=ip,
                             detail=new if actor.partner_id is None else f"{new} (tuteur moral : partenaire "
                                                                         f"{actor.partner_id})"))
    session.commit()
