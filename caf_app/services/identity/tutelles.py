"""Tutelles: from their own account, a tuteur physique reaches the dossier of each person they protect and acts
there for that person (domain/policy.py); a tuteur moral goes through the partner space, never through Mon Compte.

The session keeps the dossier chosen (dossiers.switch); auth.live_session then gives the actor the protected
person's role in it, with the tuteur as who acted.
"""

from __future__ import annotations

from sqlalchemy import false
from sqlmodel import Session, col, select

from ... import models as m
from ...domain import policy
from ...domain.roles import TutelleKind

# The kinds of tutelle that open a dossier in Mon Compte (the tuteurs physiques').
IN_MON_COMPTE = tuple(kind.value for kind in TutelleKind if policy.can_act_as_tuteur(kind))


def opens(tuteur_id):
    """The condition on Tutelle rows through which this person (a value or a column) reaches a dossier."""
    return (m.Tutelle.tuteur_id == tuteur_id) & col(m.Tutelle.kind).in_(IN_MON_COMPTE)


def opens_to(organisation_id):
    """The condition on Tutelle rows through which a tuteur moral's staff (their organisation: a value or a column)
    reaches a protected person's dossier, from Mon Compte Partenaire (services/partenaires/tutelles.py)."""
    if organisation_id is None:  # not `organisation_id IS NULL`: the older mesures named by their organisme only
        return false()
    return (m.Tutelle.organisation_id == organisation_id) & (m.Tutelle.kind == TutelleKind.MORAL.value)


def reachable_dossier_ids(person_id: int):
    """The dossiers a person works on: those they are a member of, and those of the people they protect."""
    return select(m.Member.dossier_id).where(m.Member.person_id == person_id).union(
        select(m.Tutelle.dossier_id).where(opens(person_id)))


def first_protected_dossier(session: Session, person_id: int) -> int | None:
    """Where a tuteur with no dossier of their own lands after login: the first active dossier they protect."""
    return session.exec(select(m.Tutelle.dossier_id).join(m.Dossier, m.Dossier.id == m.Tutelle.dossier_id)
                        .where(opens(person_id), m.Dossier.active == True)  # noqa: E712
                        .order_by(m.Tutelle.id)).first()
