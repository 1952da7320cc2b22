"""What the header of every private page shows: who is logged in, the red dot of unread courriers, and the
dossiers to switch between (Mes dossiers). One query, whatever the page: it runs at every page opened."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import literal
from sqlmodel import Session, col, select

from ... import models as m
from ...domain.roles import Actor
from ..communications import courriers
from .dossiers import DossierChoice, choice_label
from .people import full_name


@dataclass(frozen=True)
class Header:
    display_name: str
    unread: int  # 0 for someone who may not read the dossier's mail (no dot to show)
    dossiers: list[DossierChoice]  # every dossier the person is on, the active first


def header(*, session: Session, actor: Actor) -> Header:
    unread = courriers.unread_column(actor)  # the same count, and the same policy, as Mes courriers
    # Columns, not entities: this runs at every page opened, and building ORM objects was most of its cost.
    rows = session.exec(
        select(m.Person.first_names, m.Person.usage_name, m.Person.birth_name, m.Dossier.id,
               m.Dossier.numero_allocataire, m.Dossier.active, m.Caf.name,
               unread if unread is not None else literal(0))
        .outerjoin(m.Member, m.Member.person_id == m.Person.id)
        .outerjoin(m.Dossier, m.Dossier.id == m.Member.dossier_id)
        .outerjoin(m.Caf, m.Caf.id == m.Dossier.caf_id)
        .where(m.Person.id == actor.person_id)
        .order_by(col(m.Dossier.active).desc(), m.Dossier.id)).all()
    if not rows:
        return Header("", 0, [])
    return Header(full_name(rows[0]), int(rows[0][7] or 0),
                  [DossierChoice(row[3], choice_label(row[4], row[6], row[5])) for row in rows if row[3]])
