"""Mon profil: the person's own information (situations, contacts, declared resources), and the foyer's when they
manage the dossier. A conjoint without délégation sees their own only, nothing of the other members'."""

from __future__ import annotations

from dataclasses import dataclass

from sqlmodel import Session, col, select

from ... import models as m
from ...content.declaration import words as declaration_words
from ...domain import policy
from ...domain.dates import format_date, format_month
from ...domain.errors import Forbidden
from ...domain.identifiers import mask_iban
from ...domain.money import format_euros
from ...domain.roles import Actor, MemberRole
from ...domain.statuses import BankAccountStatus, DraftStatus, SituationKind, SituationStatus
from ..identity import transition
from ..identity.people import full_name
from ..payments.accueil import FAMILY, WORK, situation_sentence
from .foyer import Resident, read_foyer


@dataclass(frozen=True)
class MemberLine:
    name: str
    role: str
    detail: str


@dataclass(frozen=True)
class ResourceLine:
    """A resource declared for the person: « Salaires », « Juin 2026 », « 1 850,00 € »."""

    category: str
    month: str
    amount: str


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
    resources: list[ResourceLine]  # the person's own, from the dossier's declarations sent, newest first
    tutelle_notice: str  # for a tuteur: whose profile this is, and for whom they act
    identifier_notice: str = ""  # which identifier to log in with, once a NIR replaces a provisional one
    account_edits: bool = True  # e-mail, phone and bank details: the account's (never a tuteur moral's session)


def _mobile(text: str) -> str:
    return " ".join(text[i:i + 2] for i in range(0, len(text), 2)) if text else ""


def _situations(resident: Resident | None) -> tuple[str, str]:
    texts = []
    for kind, templates in ((SituationKind.FAMILIALE, FAMILY), (SituationKind.PROFESSIONNELLE, WORK)):
        row = resident.latest(kind) if resident else None
        text = situation_sentence(templates, row) or (row.code.replace("_", " ") if row else "")
        pending = row is not None and row.status == SituationStatus.EN_COURS
        texts.append(text + (f" ({SituationStatus.EN_COURS.label})" if pending else ""))
    return texts[0], texts[1]


def _member_line(resident: Resident) -> MemberLine:
    member, person = resident.member, resident.person
    return MemberLine(full_name(person), "Enfant" if member.role == MemberRole.ENFANT.value
                      else "Autre personne à charge",
                      "en cours de traitement" if member.pending else
                      (f"né(e) le {format_date(person.birth_date)}" if person.birth_date else ""))


RESOURCE_MONTHS = 6  # the two last quarters declared


def own_resources(session: Session, actor: Actor, dossier_id: int | None) -> list[ResourceLine]:
    """Ses ressources: the amounts declared for the person themselves in the dossier's quarterly declarations sent,
    the last RESOURCE_MONTHS months declared; never another member's (policy.can_view_own_resources)."""
    if dossier_id is None or not policy.can_view_own_resources(actor, actor.person_id):
        return []
    declared = session.exec(
        select(m.DeclarationMontant.month, m.DeclarationMontant.category, m.DeclarationMontant.amount_cents)
        .join(m.DeclarationTrimestrielle, m.DeclarationTrimestrielle.id == m.DeclarationMontant.declaration_id)
        .where(m.DeclarationMontant.person_id == actor.person_id, m.DeclarationTrimestrielle.dossier_id == dossier_id,
               m.DeclarationTrimestrielle.status == DraftStatus.ENVOYE)
        .order_by(col(m.DeclarationMontant.month).desc(), col(m.DeclarationMontant.id))).all()
    months = sorted({month for month, _, _ in declared}, reverse=True)[:RESOURCE_MONTHS]
    labels = declaration_words(False)["categories"]
    return [ResourceLine(labels.get(category, {}).get("label", category), format_month(month, capital=True),
                         format_euros(cents)) for month, category, cents in declared if month in months]


def own_profile(*, session: Session, actor: Actor) -> ProfileView:
    """Mon profil in two queries (three for those who manage the dossier: its bank accounts)."""
    if not policy.can_view_own_profile(actor, actor.person_id):
        raise Forbidden("profil")
    foyer = read_foyer(session, actor)
    person, dossier = foyer.person, foyer.dossier
    manages = dossier is not None and policy.can_view_foyer(actor, dossier.id)
    birth = format_date(person.birth_date) if person.birth_date else ""
    place = f"{person.birth_place} ({person.birth_country})" if person.birth_country != "France" else person.birth_place
    family, work = _situations(foyer.me)
    spouse_work = ""
    if manages:
        other = next(iter(foyer.others(MemberRole.ALLOCATAIRE, MemberRole.CONJOINT)), None)
        if other:
            spouse_work = f"{full_name(other.person)} : {_situations(other)[1] or 'non connue'}"
    bank = pending = ""
    if manages:
        accounts = session.exec(select(m.BankAccount).where(m.BankAccount.dossier_id == dossier.id)
                                .order_by(col(m.BankAccount.id))).all()
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
        members=[_member_line(r) for r in foyer.others(MemberRole.ENFANT, MemberRole.AUTRE)] if manages else [],
        spouse_work=spouse_work,
        address_parts=[dossier.address_line, dossier.postal_code, dossier.city] if dossier else ["", "", ""],
        resources=own_resources(session, actor, dossier.id if dossier else None),
        tutelle_notice=_tutelle_notice(actor, full_name(person)),
        identifier_notice=transition.identifier_notice(person),
        account_edits=policy.can_manage_account(actor),
    )


def _tutelle_notice(actor: Actor, name: str) -> str:
    if actor.tuteur_id is None and actor.partner_id is None:
        return ""
    notice = (f"Vous êtes le tuteur de {name} : ce profil est le sien, et ce que vous faites ici, vous le faites pour "
              "son compte.")
    if actor.partner_id is not None:  # a tuteur moral's session: no password of the account to confirm with
        notice += (" Son courriel, son téléphone et ses coordonnées bancaires se changent avec le mot de passe de son "
                   "compte : vous ne les modifiez pas ici.")
    return notice
