"""Mes dossiers: a person on several dossiers (a former one at another Caf, those of the people a tuteur protects)
switches between them.

The session remembers the dossier chosen; the role and rights are those of that dossier.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.orm import aliased
from sqlmodel import Session, col, select

from ... import models as m
from ...domain.errors import Forbidden
from ...domain.roles import Actor
from ...security.tokens import token_hash
from . import tutelles
from .people import full_name


@dataclass(frozen=True)
class DossierChoice:
    id: int
    label: str


def dossiers_of(*, session: Session, actor: Actor) -> list[DossierChoice]:
    """Every dossier of the logged-in person, the active first: theirs, and, for a tuteur, those of the people
    they protect."""
    if actor.partner_id is not None:  # a tuteur moral's session: the one dossier it was opened on
        row = session.exec(select(m.Dossier, m.Caf, m.Person).join(m.Caf, m.Caf.id == m.Dossier.caf_id)
                           .join(m.Person, m.Person.id == actor.person_id)
                           .where(m.Dossier.id == actor.dossier_id)).one()
        return [DossierChoice(row[0].id, choice_label(row[0].numero_allocataire, row[1].name, row[0].active,
                                                      full_name(row[2])))]
    person_id = actor.logged_in_person_id
    protected = aliased(m.Person)
    rows = session.exec(select(m.Dossier, m.Caf, protected)
                        .join(m.Caf, m.Caf.id == m.Dossier.caf_id)
                        .outerjoin(m.Tutelle, (m.Tutelle.dossier_id == m.Dossier.id) & tutelles.opens(person_id))
                        .outerjoin(protected, protected.id == m.Tutelle.protected_id)
                        .where(col(m.Dossier.id).in_(tutelles.reachable_dossier_ids(person_id)))
                        .order_by(col(m.Dossier.active).desc(), m.Dossier.id)).all()
    return [DossierChoice(dossier.id, choice_label(dossier.numero_allocataire, caf.name, dossier.active,
                                                   full_name(person) if person else ""))
            for dossier, caf, person in rows]


def choice_label(numero: str, caf_name: str, active: bool, protected: str = "") -> str:
    """"N° 1302002 - Caf des Bouches-du-Rhône", "(ancien dossier)" after a former one, "- tutelle de Joséphine
    MASSICOT" after a protected person's."""
    return (f"N° {numero} - {caf_name}" + (f" - tutelle de {protected}" if protected else "")
            + ("" if active else " (ancien dossier)"))


def switch(*, session: Session, actor: Actor, dossier_id: int, token: str, secret: str) -> None:
    """Only to a dossier the person belongs to or protects; the server session keeps the choice."""
    if dossier_id not in {choice.id for choice in dossiers_of(session=session, actor=actor)}:
        raise Forbidden("dossier")
    row = session.exec(select(m.UserSession).where(m.UserSession.token_hash == token_hash(token, key=secret))).one()
    row.dossier_id = dossier_id
    session.add(row)
    session.commit()
