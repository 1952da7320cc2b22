"""Attestations (paiement, quotient familial) and the relevé de compte: the data, checked by the policy.

Every figure comes from the database; the PDF layout lives in caf_app/pdf.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass, field
from datetime import date, timedelta

from sqlmodel import Session, col, select

from .. import models as m
from ..domain import policy
from ..domain.dates import add_months, first_of_month, format_date, format_month, format_period
from ..domain.errors import DomainError, Forbidden
from ..domain.identifiers import mask_iban
from ..domain.money import format_euros, format_whole_euros
from ..domain.roles import Actor
from .people import full_name

MAX_MONTHS = 24


@dataclass(frozen=True)
class Header:
    caf_name: str
    caf_address: str
    allocataire: str
    numero: str
    address: str


@dataclass(frozen=True)
class PaymentRow:
    paid_on: str
    prestation: str
    period: str
    amount: str


@dataclass(frozen=True)
class DroitRow:
    month: str
    prestation: str
    amount: str  # "" for a prestation sans droit
    motif: str


@dataclass
class PaymentAttestation:
    header: Header
    period_label: str
    destination: str
    payments: list[PaymentRow] = field(default_factory=list)
    droits: list[DroitRow] = field(default_factory=list)
    total: str = ""
    made_on: str = ""
    reference: str = ""


def _dossier(session: Session, actor: Actor) -> m.Dossier:
    if actor.dossier_id is None or not policy.can_view_payments(actor, actor.dossier_id):
        raise Forbidden("attestations")
    return session.get(m.Dossier, actor.dossier_id)


def header_for(session: Session, dossier: m.Dossier) -> Header:
    caf = session.get(m.Caf, dossier.caf_id)
    person = session.get(m.Person, dossier.allocataire_id)
    return Header(caf.name, caf.address, full_name(person).upper(), dossier.numero_allocataire,
                  f"{dossier.address_line}, {dossier.postal_code} {dossier.city}")


def check_period(start: date, end: date, *, today: date) -> None:
    """A period of at most 24 months, within the last 24 months, start before end."""
    if end < start:
        raise DomainError("au", "La date de fin doit être après la date de début.")
    if end > today:
        raise DomainError("au", "La date de fin ne peut pas être dans le futur.")
    if start < add_months(first_of_month(today), -MAX_MONTHS):
        raise DomainError("du", "L'attestation couvre au plus les 24 derniers mois.")
    if add_months(start, MAX_MONTHS) <= end:
        raise DomainError("au", "La période ne peut pas dépasser 24 mois.")


def new_reference(session: Session, *, dossier: m.Dossier, kind: str, start: date, end: date) -> str:
    """A reference recorded with what it certifies, so the Caf can verify the document."""
    reference = f"ATT-{dossier.numero_allocataire}-{secrets.token_hex(4).upper()}"
    session.add(m.Demarche(dossier_id=dossier.id, kind="attestation", title=f"Attestation {kind}",
                           status="traitee", reference=reference))
    session.commit()
    return reference


def payment_attestation(*, session: Session, actor: Actor, start: date, end: date, today: date,
                        last_only: bool = False) -> PaymentAttestation:
    """The payments made between start and end (or the last payment), with the droits of those months."""
    dossier = _dossier(session, actor)
    query = select(m.Paiement).where(m.Paiement.dossier_id == dossier.id).order_by(col(m.Paiement.paid_on))
    if last_only:
        last = session.exec(query.order_by(None).order_by(col(m.Paiement.paid_on).desc())).first()
        start = end = last.paid_on if last else today
    else:
        check_period(start, end, today=today)
    payments = session.exec(query.where(m.Paiement.paid_on >= start, m.Paiement.paid_on <= end)).all()
    rows, total, destination = [], 0, ""
    for payment in payments:
        destination = f"{payment.holder}, compte {mask_iban(payment.iban)}" if payment.iban else payment.beneficiary
        lines = session.exec(select(m.PaiementLigne).where(m.PaiementLigne.paiement_id == payment.id)).all()
        rows += [PaymentRow(format_date(payment.paid_on), line.prestation,
                            format_period(line.period_start, line.period_end), format_euros(line.amount_cents))
                 for line in lines]
        total += payment.total_cents
    droits = session.exec(select(m.Droit).where(m.Droit.dossier_id == dossier.id,
                                                m.Droit.month >= first_of_month(start), m.Droit.month <= end)
                          .order_by(col(m.Droit.month), m.Droit.prestation)).all()
    label = (f"Paiement du {format_date(start)}" if last_only
             else f"Du {format_date(start)} au {format_date(end)}")
    return PaymentAttestation(
        header=header_for(session, dossier), period_label=label, destination=destination, payments=rows,
        droits=[DroitRow(format_month(d.month, capital=True), d.prestation,
                         format_euros(d.amount_cents) if d.amount_cents is not None else "", d.motif_sans_droit)
                for d in droits],
        total=format_euros(total), made_on=format_date(today),
        reference=new_reference(session, dossier=dossier, kind="de paiement", start=start, end=end))


def month_bounds(month: date) -> tuple[date, date]:
    start = first_of_month(month)
    return start, add_months(start, 1) - timedelta(days=1)


@dataclass(frozen=True)
class QfAttestation:
    header: Header
    month: str
    amount: str
    made_on: str
    reference: str


def qf_attestation(*, session: Session, actor: Actor, month: date, today: date) -> QfAttestation:
    dossier = _dossier(session, actor)
    row = session.exec(select(m.QuotientFamilial).where(m.QuotientFamilial.dossier_id == dossier.id,
                                                        m.QuotientFamilial.month == first_of_month(month))).first()
    if row is None:
        raise DomainError("mois", "Aucun quotient familial n'est connu pour ce mois.")
    start, end = month_bounds(month)
    return QfAttestation(header_for(session, dossier), format_month(month), format_whole_euros(row.amount_cents),
                         format_date(today),
                         new_reference(session, dossier=dossier, kind="de quotient familial", start=start, end=end))
