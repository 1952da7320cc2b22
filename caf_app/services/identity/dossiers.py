"""Mes dossiers: a person on several dossiers (a former one at another Caf) switches between them.

The session remembers the dossier chosen; the role and rights are those of that dossier.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlmodel import Session, col, select

from ... import models as m
from ...domain.errors import Forbidden
from ...domain.roles import Actor
from ...security.tokens import token_hash


@dataclass(frozen=True)
class DossierChoice:
    id: int
    label: str


def dossiers_of(*, session: Session, actor: Actor) -> list[DossierChoice]:
    rows = session.exec(select(m.Dossier, m.Caf).join(m.Member, m.Member.dossier_id == m.Dossier.id)
                        .join(m.Caf, m.Caf.id == m.Dossier.caf_id).where(m.Member.person_id == actor.person_id)
                        .order_by(col(m.Dossier.active).desc(), m.Dossier.id)).all()
    return [DossierChoice(dossier.id, choice_label(dossier.numero_allocataire, caf.name, dossier.active))
            for dossier, caf in rows]


def choice_label(numero: str, caf_name: str, active: bool) -> str:
    """"N° 1302002 - Caf des Bouches-du-Rhône", "(ancien dossier)" after a former one."""
    return f"N° {numero} - {caf_name}" + ("" if active else " (ancien dossier)")


def switch(*, session: Session, actor: Actor, dossier_id: int, token: str, secret: str) -> None:
    """Only to a dossier the person belongs to; the server session keeps the choice."""
    if dossier_id not in {choice.id for choice in dossiers_of(session=session, actor=actor)}:
        raise Forbidden("dossier")
    row = session.exec(select(m.UserSession).where(m.UserSession.token_hash == token_hash(token, key=secret))).one()
    row.dossier_id = dossier_id
    session.add(row)
    session.commit()
