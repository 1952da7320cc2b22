"""The foyer as the person's own pages read it (Accueil's dashboard, Mon profil): the person, their last login,
their dossier and every member of it with their situations, in one query."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.orm import aliased
from sqlmodel import Session, col, select

from ... import models as m
from ...domain.roles import Actor, MemberRole
from ...domain.statuses import SituationKind


@dataclass(frozen=True)
class Resident:
    """A member of the foyer, with their situations (oldest first)."""

    member: m.Member
    person: m.Person
    situations: list[m.Situation]

    def has(self, *roles: MemberRole) -> bool:
        return self.member.role in {role.value for role in roles}

    def latest(self, kind: SituationKind) -> m.Situation | None:
        """The situation of this kind recorded last (a declared change replaces the one before)."""
        return next((row for row in reversed(self.situations) if row.kind == kind), None)


@dataclass(frozen=True)
class Foyer:
    person: m.Person
    previous_login_at: datetime | None
    dossier: m.Dossier | None  # the dossier the actor is looking at, None without one
    residents: list[Resident]  # every member of that dossier, in the order they were recorded

    @property
    def me(self) -> Resident | None:
        return next((resident for resident in self.residents if resident.person.id == self.person.id), None)

    def others(self, *roles: MemberRole) -> list[Resident]:
        """The members with one of these roles, the person excepted."""
        return [resident for resident in self.residents
                if resident.has(*roles) and resident.person.id != self.person.id]


def read_foyer(session: Session, actor: Actor) -> Foyer:
    """What the person's own pages start from (no policy here: the caller decides what of it the actor sees)."""
    resident = aliased(m.Person)
    rows = session.exec(
        select(m.Person, m.Account.previous_login_at, m.Dossier, m.Member, resident, m.Situation).select_from(m.Person)
        .outerjoin(m.Account, m.Account.id == actor.account_id)
        .outerjoin(m.Dossier, m.Dossier.id == actor.dossier_id)
        .outerjoin(m.Member, m.Member.dossier_id == m.Dossier.id)
        .outerjoin(resident, resident.id == m.Member.person_id)
        .outerjoin(m.Situation, m.Situation.member_id == m.Member.id)
        .where(m.Person.id == actor.person_id)
        .order_by(col(m.Member.id), col(m.Situation.id))).all()
    person, previous_login_at, dossier = rows[0][:3]
    residents: dict[int, Resident] = {}
    for *_, member, member_person, situation in rows:
        if member is None:
            continue
        situations = residents.setdefault(member.id, Resident(member, member_person, [])).situations
        if situation is not None:
            situations.append(situation)
    return Foyer(person, previous_login_at, dossier, list(residents.values()))
