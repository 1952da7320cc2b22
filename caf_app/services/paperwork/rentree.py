"""« Confirmation scolarité ou apprentissage pour l'allocation de rentrée scolaire (Ars) 16-18 ans »: the children
of the foyer it is for; the document itself goes through Transmettre un document (transmission.py), tied to the
child."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlmodel import Session, col, select

from ... import models as m
from ...domain import policy
from ...domain.dates import format_date
from ...domain.errors import Forbidden
from ...domain.rentree import is_ars_16_18, rentree_year
from ...domain.roles import Actor, MemberRole
from ..identity.people import full_name


@dataclass(frozen=True)
class ArsChild:
    member_id: int
    name: str
    born: str


@dataclass(frozen=True)
class ArsPage:
    year: int  # the rentrée
    children: list[ArsChild]


def children(*, session: Session, actor: Actor, today: date) -> ArsPage:
    """The foyer's children who are 16 to 18 for the rentrée (domain.rentree), in one query."""
    if actor.dossier_id is None or not policy.can_send_documents(actor, actor.dossier_id):
        raise Forbidden("allocation de rentrée scolaire")
    rows = session.exec(select(m.Member, m.Person).join(m.Person, m.Person.id == m.Member.person_id)
                        .where(m.Member.dossier_id == actor.dossier_id, m.Member.role == MemberRole.ENFANT.value,
                               m.Member.pending == False)  # noqa: E712  (a child declared, not processed yet)
                        .order_by(col(m.Person.birth_date))).all()
    return ArsPage(rentree_year(today), [ArsChild(member.id, full_name(person), format_date(person.birth_date))
                                         for member, person in rows if is_ars_16_18(person.birth_date, today)])


def child_name(session: Session, dossier_id: int, member_id: int, today: date) -> str:
    """The name of the child the confirmation is for: a child of this dossier, 16 to 18 for the rentrée; Forbidden
    otherwise (an address typed by hand)."""
    row = session.exec(select(m.Member, m.Person).join(m.Person, m.Person.id == m.Member.person_id)
                       .where(m.Member.id == member_id)).first()
    if (row is None or row[0].dossier_id != dossier_id or row[0].role != MemberRole.ENFANT.value
            or not is_ars_16_18(row[1].birth_date, today)):
        raise Forbidden("enfant")
    return full_name(row[1])
