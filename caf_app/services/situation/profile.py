"""Mon profil: the person's own information, and the foyer's when they manage the dossier."""

from __future__ import annotations

from dataclasses import dataclass

from sqlmodel import Session, col, select

from ... import models as m
from ...domain import policy
from ...domain.dates import format_date
from ...domain.errors import Forbidden
from ...domain.identifiers import mask_iban
from ...domain.roles import Actor, MemberRole
from ...domain.statuses import BankAccountStatus, SituationKind, SituationStatus
from ..identity.people import full_name
from ..payments.accueil import FAMILY, WORK, situation_sentence


@dataclass(frozen=True)
class MemberLine:
    name: str
    role: str
    detail: str


@dataclass(frozen=True)
class ProfileView:
    name: str
    civilite: str
    birth: str
    identifier: str
    email: str
    mobile: str
    address: str
    numero_allocataire: str
    manages: bool  # may see and change the foyer's address, bank details and members
    family: str
    work: str
    bank: str
    bank_pending: str
    members: list[MemberLine]
    spouse_work: str  # the conjoint's professional situation, for those who manage the dossier
    address_parts: list[str]  # street, postal code, city: the current values the address pencil starts from


def _mobile(text: str) -> str:
    return " ".join(text[i:i + 2] for i in range(0, len(text), 2)) if text else ""


def _situations(session: Session, dossier_id: int | None, person_id: int) -> tuple[str, str]:
    if dossier_id is None:
        return "", ""
    member = session.exec(select(m.Member).where(m.Member.dossier_id == dossier_id,
                                                 m.Member.person_id == person_id)).first()
    rows = session.exec(select(m.Situation).where(m.Situation.member_id == member.id)
                        .order_by(col(m.Situation.id).desc())).all() if member else []
    latest = {}
    for row in rows:
        latest.setdefault(row.kind, row)
    texts = []
    for kind, templates in ((SituationKind.FAMILIALE, FAMILY), (SituationKind.PROFESSIONNELLE, WORK)):
        row = latest.get(kind)
        text = situation_sentence(templates, row) or (row.code.replace("_", " ") if row else "")
        pending = row is not None and row.status == SituationStatus.EN_COURS
        texts.append(text + (f" ({SituationStatus.EN_COURS.label})" if pending else ""))
    return texts[0], texts[1]


def _members(session: Session, dossier_id: int) -> list[MemberLine]:
    rows = session.exec(select(m.Member, m.Person).join(m.Person, m.Person.id == m.Member.person_id)
                        .where(m.Member.dossier_id == dossier_id,
                               col(m.Member.role).in_([MemberRole.ENFANT.value, MemberRole.AUTRE.value]))).all()
    return [MemberLine(full_name(person), "Enfant" if member.role == MemberRole.ENFANT.value
                       else "Autre personne à charge",
                       "en cours de traitement" if member.pending else
                       (f"né(e) le {format_date(person.birth_date)}" if person.birth_date else ""))
            for member, person in rows]


def own_profile(*, session: Session, actor: Actor) -> ProfileView:
    if not policy.can_view_own_profile(actor, actor.person_id):
        raise Forbidden("profil")
    person = session.get(m.Person, actor.person_id)
    dossier = session.get(m.Dossier, actor.dossier_id) if actor.dossier_id else None
    manages = dossier is not None and policy.can_view_foyer(actor, dossier.id)
    birth = format_date(person.birth_date) if person.birth_date else ""
    place = f"{person.birth_place} ({person.birth_country})" if person.birth_country != "France" else person.birth_place
    family, work = _situations(session, actor.dossier_id, person.id)
    spouse_work = ""
    if manages:
        other = session.exec(select(m.Member, m.Person).join(m.Person, m.Person.id == m.Member.person_id)
                             .where(m.Member.dossier_id == dossier.id, m.Member.person_id != person.id,
                                    col(m.Member.role).in_([MemberRole.ALLOCATAIRE.value,
                                                            MemberRole.CONJOINT.value]))).first()
        if other:
            spouse_work = f"{full_name(other[1])} : {_situations(session, dossier.id, other[1].id)[1] or 'non connue'}"
    bank = pending = ""
    if manages:
        accounts = session.exec(select(m.BankAccount).where(m.BankAccount.dossier_id == dossier.id)).all()
        active = next((a for a in accounts if a.status == BankAccountStatus.ACTIVE), None)
        waiting = next((a for a in accounts if a.status == BankAccountStatus.PENDING), None)
        bank = f"{active.holder}, IBAN {mask_iban(active.iban)}, BIC {active.bic}" if active else ""
        pending = f"IBAN {mask_iban(waiting.iban)} : {BankAccountStatus.PENDING.label}" if waiting else ""
    return ProfileView(
        name=full_name(person), civilite=person.civilite,
        birth=f"{birth} à {place}" if place else birth,
        identifier=person.nir or person.provisional_id or "",
        email=person.email, mobile=_mobile(person.mobile),
        address=f"{dossier.address_line}, {dossier.postal_code} {dossier.city}" if dossier else "",
        numero_allocataire=dossier.numero_allocataire if dossier else "",
        manages=manages, family=family, work=work, bank=bank, bank_pending=pending,
        members=_members(session, dossier.id) if manages else [], spouse_work=spouse_work,
        address_parts=[dossier.address_line, dossier.postal_code, dossier.city] if dossier else ["", "", ""],
    )
