"""What a logged-in person's simulation starts from: the household, the birth dates, the commune of the address
and the resources of the last quarterly declaration sent. Only read: the simulation never changes the dossier.
One query for the foyer (read_foyer), one for the declared resources."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from sqlmodel import Session, col, select

from ... import models as m
from ...domain import policy
from ...domain.errors import Forbidden
from ...domain.roles import Actor, MemberRole
from ...domain.statuses import DraftStatus
from .foyer import read_foyer

ACTIVITE = ("salaires", "non_salarie")  # the declaration's categories that are earnings
CHOMAGE = ("chomage",)
PENSIONS = ("pensions",)


@dataclass(frozen=True)
class Declared:
    """One adult's resources per month, on average over the last declaration's months (cents)."""

    activite: int = 0
    chomage: int = 0
    pensions: int = 0


@dataclass(frozen=True)
class Prefill:
    couple: bool
    demandeur_ne_le: date | None
    conjoint_ne_le: date | None
    enfants: tuple[date, ...]         # the children's birth dates, oldest first
    code_postal: str
    commune: str
    demandeur: Declared | None        # None: no declaration sent yet
    conjoint: Declared | None


def _declared(session: Session, dossier_id: int) -> dict[int, Declared]:
    """Per person, the monthly average of the newest declaration sent (one query: that declaration's amounts)."""
    newest = (select(m.DeclarationTrimestrielle.id)
              .where(m.DeclarationTrimestrielle.dossier_id == dossier_id,
                     m.DeclarationTrimestrielle.status == DraftStatus.ENVOYE)
              .order_by(col(m.DeclarationTrimestrielle.sent_at).desc()).limit(1).scalar_subquery())
    rows = session.exec(select(m.DeclarationMontant.person_id, m.DeclarationMontant.month,
                               m.DeclarationMontant.category, m.DeclarationMontant.amount_cents)
                        .where(m.DeclarationMontant.declaration_id == newest)).all()
    months: dict[int, set[date]] = defaultdict(set)
    sums: dict[tuple[int, str], int] = defaultdict(int)
    for person_id, month, category, cents in rows:
        months[person_id].add(month)
        group = ("activite" if category in ACTIVITE else "chomage" if category in CHOMAGE
                 else "pensions" if category in PENSIONS else "")
        if group:
            sums[person_id, group] += cents
    return {person_id: Declared(*(round(sums[person_id, group] / max(len(seen), 1))
                                  for group in ("activite", "chomage", "pensions")))
            for person_id, seen in months.items()}


def prefill(*, session: Session, actor: Actor) -> Prefill:
    if actor.dossier_id is None or not policy.can_view_foyer(actor, actor.dossier_id):
        raise Forbidden("simulation_prefill")
    foyer = read_foyer(session, actor)
    adults = foyer.others(MemberRole.ALLOCATAIRE, MemberRole.CONJOINT)
    me = foyer.me
    partner = next((resident for resident in adults if resident.person.id != foyer.person.id), None)
    children = sorted(resident.person.birth_date for resident in foyer.residents
                      if resident.has(MemberRole.ENFANT) and resident.person.birth_date and not resident.member.pending)
    declared = _declared(session, actor.dossier_id)
    dossier = foyer.dossier
    return Prefill(
        couple=partner is not None,
        demandeur_ne_le=foyer.person.birth_date,
        conjoint_ne_le=partner.person.birth_date if partner else None,
        enfants=tuple(children),
        code_postal=dossier.postal_code if dossier else "",
        commune=dossier.city if dossier else "",
        demandeur=declared.get(foyer.person.id) if me else None,
        conjoint=declared.get(partner.person.id) if partner else None,
    )
