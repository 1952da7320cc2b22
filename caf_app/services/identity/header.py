"""What the header of every private page shows: who is logged in, the red dot of unread courriers, and the
dossiers to switch between (Mes dossiers). One query, whatever the page: it runs at every page opened."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import literal, true
from sqlalchemy.orm import aliased
from sqlmodel import Session, col, select

from ... import models as m
from ...domain.roles import Actor
from ..communications import courriers
from . import tutelles
from .dossiers import DossierChoice, choice_label
from .people import full_name


@dataclass(frozen=True)
class Header:
    display_name: str  # "Bernard ROUSSEL, tuteur de Joséphine MASSICOT" for a tuteur in a protected dossier
    unread: int  # 0 for someone who may not read the dossier's mail (no dot to show)
    dossiers: list[DossierChoice]  # every dossier the person is on, the active first


def header(*, session: Session, actor: Actor) -> Header:
    """The logged-in person (a tuteur, with the person they act for), the red dot, and the dossiers to switch
    between: theirs and, for a tuteur, those of the people they protect."""
    if actor.partner_id is not None:
        return _tuteur_moral(session, actor)
    unread = courriers.unread_column(actor)  # the same count, and the same policy, as Mes courriers
    person_id, protected = actor.logged_in_person_id, aliased(m.Person)
    reachable = tutelles.reachable_dossier_ids(person_id).subquery()  # a derived table: looked up by key
    # Columns, not entities: this runs at every page opened, and building ORM objects was most of its cost.
    rows = session.exec(
        select(m.Person.first_names, m.Person.usage_name, m.Person.birth_name, m.Dossier.id,
               m.Dossier.numero_allocataire, m.Dossier.active, m.Caf.name,
               unread if unread is not None else literal(0),
               protected.first_names, protected.usage_name, protected.birth_name).select_from(m.Person)
        .outerjoin(reachable, true())
        .outerjoin(m.Dossier, m.Dossier.id == reachable.c.dossier_id)
        .outerjoin(m.Caf, m.Caf.id == m.Dossier.caf_id)
        .outerjoin(m.Tutelle, (m.Tutelle.dossier_id == m.Dossier.id) & tutelles.opens(person_id))
        .outerjoin(protected, protected.id == m.Tutelle.protected_id)
        .where(m.Person.id == person_id)
        .order_by(col(m.Dossier.active).desc(), m.Dossier.id)).all()
    if not rows:
        return Header("", 0, [])
    name = full_name(rows[0])
    acting_for = next((_protected_name(row) for row in rows if actor.tuteur_id and row[3] == actor.dossier_id), "")
    return Header(f"{name}, tuteur de {acting_for}" if acting_for else name, int(rows[0][7] or 0),
                  [DossierChoice(row[3], choice_label(row[4], row[6], row[5], _protected_name(row)))
                   for row in rows if row[3]])


def _protected_name(row) -> str:
    return f"{row[8]} {row[9] or row[10]}" if row[8] else ""


def _tuteur_moral(session: Session, actor: Actor) -> Header:
    """A tuteur moral's staff member in the protected person's dossier: who acts for whom, the red dot, and that one
    dossier (one query)."""
    unread = courriers.unread_column(actor)
    row = session.exec(
        select(m.Agent.name, m.Organisation.name, m.Person.first_names, m.Person.usage_name, m.Person.birth_name,
               m.Dossier.numero_allocataire, m.Dossier.active, m.Caf.name,
               unread if unread is not None else literal(0))
        .join(m.Organisation, m.Organisation.id == m.Agent.organisation_id)
        .join(m.Person, m.Person.id == actor.person_id)
        .join(m.Dossier, m.Dossier.id == actor.dossier_id)
        .join(m.Caf, m.Caf.id == m.Dossier.caf_id)
        .where(m.Agent.id == actor.partner_id)).first()
    if row is None:
        return Header("", 0, [])
    protected = full_name(row)  # the person's columns of the row
    return Header(f"{row[0]} ({row[1]}), tuteur de {protected}", int(row[8] or 0),
                  [DossierChoice(actor.dossier_id, choice_label(row[5], row[7], row[6], protected))])
