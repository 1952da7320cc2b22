"""Read the dossier for the logged-in pages. Every function checks the policy first."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import and_, false
from sqlmodel import Session, col, select

from ... import models as m
from ...domain import policy
from ...domain.dates import first_of_month, format_date, format_month
from ...domain.errors import Forbidden
from ...domain.money import format_euros, format_whole_euros
from ...domain.roles import Actor
from .dettes import owing


@dataclass(frozen=True)
class AlertLine:
    title: str
    message: str
    link_label: str
    link_route: str


@dataclass(frozen=True)
class PaymentLine:
    id: int
    paid_on: str
    amount: str


@dataclass(frozen=True)
class DroitLine:
    prestation: str
    amount: str
    motif: str
    # « Pourquoi ce montant a changé ? » when a recomputation changed this month's amount (services/droits):
    # "Avant : 500,00 € · Après : 380,00 €" and each cause with its euros; "" and [] otherwise.
    change: str = ""
    causes: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Summary:
    last_payment_on: str
    last_payment_amount: str
    quotient_familial: str
    alerts: list[AlertLine]


def _require(allowed: bool, what: str) -> None:
    if not allowed:
        raise Forbidden(what)


def summary(*, session: Session, actor: Actor, today: date) -> Summary:
    """Last payment, quotient familial of the month and open alerts (the phone Accueil)."""
    return summary_and_debts(session=session, actor=actor, today=today)[0]


def summary_and_debts(*, session: Session, actor: Actor, today: date) -> tuple[Summary, bool]:
    """summary(), and whether a debt is left to repay (Mes dettes among Accueil's shortcuts), in one query: each
    open alert comes with the last payment, the quotient familial and the debts flag."""
    _require(actor.dossier_id is not None and policy.can_view_dossier_summary(actor, actor.dossier_id), "accueil")
    dossier_id = actor.dossier_id
    last = (select(m.Paiement.id).where(m.Paiement.dossier_id == dossier_id)
            .order_by(col(m.Paiement.paid_on).desc(), col(m.Paiement.id).desc()).limit(1).scalar_subquery())
    qf = (select(m.QuotientFamilial.amount_cents)
          .where(m.QuotientFamilial.dossier_id == dossier_id, m.QuotientFamilial.month <= today)
          .order_by(col(m.QuotientFamilial.month).desc()).limit(1).scalar_subquery())
    debts = owing(dossier_id) if policy.can_view_payments(actor, dossier_id) else false()
    rows = session.exec(
        select(m.Paiement.paid_on, m.Paiement.total_cents, qf, debts, m.Alerte).select_from(m.Dossier)
        .outerjoin(m.Paiement, m.Paiement.id == last)
        .outerjoin(m.Alerte, and_(m.Alerte.dossier_id == m.Dossier.id, m.Alerte.resolved_at == None))  # noqa: E711
        .where(m.Dossier.id == dossier_id)
        .order_by(col(m.Alerte.created_on).desc(), col(m.Alerte.id))).all()
    paid_on, total_cents, qf_cents, has_debts, _ = rows[0]
    return Summary(
        last_payment_on=format_date(paid_on) if paid_on else "",
        last_payment_amount=format_euros(total_cents) if paid_on else "",
        quotient_familial=format_whole_euros(qf_cents) if qf_cents is not None else "",
        alerts=[AlertLine(a.title, a.message, a.link_label, a.link_route) for *_, a in rows if a is not None],
    ), bool(has_debts)


def payments(*, session: Session, actor: Actor, limit: int = 24) -> list[PaymentLine]:
    _require(actor.dossier_id is not None and policy.can_view_payments(actor, actor.dossier_id), "paiements")
    rows = session.exec(select(m.Paiement).where(m.Paiement.dossier_id == actor.dossier_id)
                        .order_by(col(m.Paiement.paid_on).desc()).limit(limit)).all()
    return [PaymentLine(id=row.id, paid_on=format_date(row.paid_on), amount=format_euros(row.total_cents))
            for row in rows]


def _signed(cents: int) -> str:
    return ("+" if cents > 0 else "−") + format_euros(abs(cents))


def _why(change: m.DroitChange | None) -> dict:
    """The change of a month's droit, as DroitLine shows it (the newest recomputation's)."""
    if change is None:
        return {}
    causes = [f"{_signed(cause['cents'])} : {cause['text']}" for cause in json.loads(change.causes_json or "[]")]
    return {"change": f"Avant : {format_euros(change.before_cents)} · Après : {format_euros(change.after_cents)}",
            "causes": causes}


def droits_of_month(*, session: Session, actor: Actor, month: date) -> tuple[str, list[DroitLine]]:
    """The droits of one month by prestation, those "sans droit" with their motif, and for a droit a
    recomputation changed, the newest change with its causes (one query: the changes joined to the droits)."""
    _require(actor.dossier_id is not None and policy.can_view_payments(actor, actor.dossier_id), "droits")
    rows = session.exec(
        select(m.Droit, m.DroitChange)
        .outerjoin(m.DroitChange, and_(m.DroitChange.dossier_id == m.Droit.dossier_id,
                                       m.DroitChange.month == m.Droit.month,
                                       m.DroitChange.prestation == m.Droit.prestation))
        .where(m.Droit.dossier_id == actor.dossier_id, m.Droit.month == first_of_month(month))
        .order_by(col(m.Droit.id), col(m.DroitChange.id))).all()
    newest = {row.id: (row, change) for row, change in rows}  # the last change of each droit wins
    lines = sorted((DroitLine(row.prestation.label,
                              format_euros(row.amount_cents) if row.amount_cents is not None else "",
                              row.motif_sans_droit, **_why(change)) for row, change in newest.values()),
                   key=lambda line: line.prestation)
    return format_month(month, capital=True), lines
