"""The student démarches (the seed's « Étudiant : conservation du logement » and « Étudiant : confirmation du
statut de boursier »): for an allocataire who is a student and receives an aide au logement; each is checked,
reviewed, then recorded as a démarche of the dossier with its accusé de réception."""

from __future__ import annotations

import secrets
from datetime import date

from sqlmodel import Session, col, select

from ... import models as m
from ...domain import policy
from ...domain.dates import add_months
from ...domain.errors import DomainError, Forbidden
from ...domain.prestations import HOUSING_AIDS
from ...domain.rentree import STUDENT, StudentDeclaration, check_student
from ...domain.roles import Actor, MemberRole
from ...domain.statuses import DemarcheKind, DemarcheStatus, SituationKind
from .sending import Receipt, receipt

NOT_A_STUDENT = ("Ces démarches sont réservées à un allocataire étudiant qui reçoit une aide au logement : votre "
                 "dossier n'en remplit pas les conditions. Si vous êtes devenu(e) étudiant(e), déclarez-le dans "
                 "« Déclarer un changement ».")


def _dossier_id(actor: Actor) -> int:
    if actor.dossier_id is None or not policy.can_make_demarches(actor, actor.dossier_id):
        raise Forbidden("démarches étudiant")
    return actor.dossier_id


def is_student_with_housing_aid(*, session: Session, actor: Actor, today: date) -> bool:
    """The allocataire's latest professional situation is « Études » and the dossier has an aide au logement this
    month or the last, in one query."""
    dossier_id = _dossier_id(actor)
    latest = (select(m.Situation.code).join(m.Member, m.Member.id == m.Situation.member_id)
              .where(m.Member.dossier_id == dossier_id, m.Member.role == MemberRole.ALLOCATAIRE.value,
                     m.Situation.kind == SituationKind.PROFESSIONNELLE)
              .order_by(col(m.Situation.since).desc(), col(m.Situation.id).desc()).limit(1).scalar_subquery())
    housing = (select(m.Droit.id).where(m.Droit.dossier_id == dossier_id, m.Droit.month >= add_months(today, -1),
                                        col(m.Droit.prestation).in_(list(HOUSING_AIDS))).exists())
    code, aided = session.exec(select(latest, housing)).one()
    return code == STUDENT and bool(aided)


def check(*, session: Session, actor: Actor, demarche: str, form: dict[str, str], today: date) -> StudentDeclaration:
    if not is_student_with_housing_aid(session=session, actor=actor, today=today):
        raise DomainError("", NOT_A_STUDENT)
    return check_student(demarche, form, today=today)


def declare(*, session: Session, actor: Actor, demarche: str, form: dict[str, str], today: date) -> Receipt:
    """Check again (the review may be old), record, and return the accusé de réception."""
    declaration = check(session=session, actor=actor, demarche=demarche, form=form, today=today)
    row = m.Demarche(dossier_id=actor.dossier_id, **actor.signed,
                     kind=DemarcheKind.CHANGEMENT_SITUATION,  # the agents' queue processes it with the changes
                     title=declaration.demarche.title, detail=declaration.detail, status=DemarcheStatus.RECUE,
                     reference=f"E{secrets.token_hex(4).upper()}")
    session.add(row)
    session.commit()
    return receipt(session=session, actor=actor, demarche_id=row.id)

