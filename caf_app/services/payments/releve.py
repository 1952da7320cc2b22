"""Relevé de compte: the movements of one month (prestations paid, retenues, repayments of debts)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlmodel import Session, col, select

from ... import models as m
from ...domain.dates import format_date, format_month, format_period
from ...domain.money import format_euros
from ...domain.roles import Actor
from ...domain.statuses import DebtMovementKind
from .statements import Header, dossier_of, header_for, month_bounds


@dataclass(frozen=True)
class Movement:
    on: str
    label: str
    credit: str
    debit: str


@dataclass(frozen=True)
class Releve:
    header: Header
    month: str
    movements: list[Movement]
    total_paid: str
    debts_left: str
    made_on: str


def _debt_balance(session: Session, dossier_id: int, until: date) -> int:
    balance = 0
    for dette in session.exec(select(m.Dette).where(m.Dette.dossier_id == dossier_id, m.Dette.created_on <= until)):
        repaid = sum(row.amount_cents for row in session.exec(
            select(m.DetteMouvement).where(m.DetteMouvement.dette_id == dette.id, m.DetteMouvement.on <= until)))
        balance += dette.initial_cents - repaid
    return balance


def releve(*, session: Session, actor: Actor, month: date, today: date) -> Releve:
    dossier = dossier_of(session, actor)
    start, end = month_bounds(month)
    movements: list[tuple[date, Movement]] = []
    paid = 0
    for payment in session.exec(select(m.Paiement).where(m.Paiement.dossier_id == dossier.id,
                                                         m.Paiement.paid_on >= start, m.Paiement.paid_on <= end)):
        paid += payment.total_cents
        for line in session.exec(select(m.PaiementLigne).where(m.PaiementLigne.paiement_id == payment.id)):
            label = f"{line.prestation.label} - {format_period(line.period_start, line.period_end)}"
            movements.append((payment.paid_on, Movement(format_date(payment.paid_on), label,
                                                         format_euros(line.amount_cents), "")))
        for retenue in session.exec(select(m.Retenue).where(m.Retenue.paiement_id == payment.id)):
            movements.append((payment.paid_on, Movement(format_date(payment.paid_on), f"Retenue : {retenue.label}",
                                                         "", format_euros(retenue.amount_cents))))
    repayments = session.exec(select(m.DetteMouvement).join(m.Dette, m.Dette.id == m.DetteMouvement.dette_id)
                              .where(m.Dette.dossier_id == dossier.id,
                                     m.DetteMouvement.kind == DebtMovementKind.REMBOURSEMENT,
                                     m.DetteMouvement.on >= start, m.DetteMouvement.on <= end)
                              .order_by(col(m.DetteMouvement.on))).all()
    for row in repayments:
        label = f"Remboursement en ligne de votre dette ({row.reference})"
        movements.append((row.on, Movement(format_date(row.on), label,
                                           "", format_euros(row.amount_cents))))
    movements.sort(key=lambda item: item[0])
    return Releve(header_for(session, dossier), format_month(month, capital=True), [mv for _, mv in movements],
                  format_euros(paid), format_euros(_debt_balance(session, dossier.id, end)), format_date(today))
