"""Mes dettes: balance, origin and retenues of each debt, and repaying all or part online (simulated card)."""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import date

from sqlalchemy import ColumnElement, exists, func
from sqlmodel import Session, col, select, update

from ... import clock, models as m
from ...domain import policy
from ...domain.dates import format_date
from ...domain.errors import DomainError, Forbidden
from ...domain.money import format_euros
from ...domain.payment import check_card, check_repayment
from ...domain.roles import Actor
from ...domain.statuses import DebtMovementKind


@dataclass(frozen=True)
class MovementLine:
    on: str
    label: str
    amount: str


@dataclass(frozen=True)
class DebtView:
    id: int
    prestation: str
    origin: str
    created_on: str
    initial: str
    balance: str
    balance_cents: int
    movements: list[MovementLine]
    repaid: str = ""  # what has been repaid so far (retenues and repayments)
    retenue: str = ""  # what each monthly payment keeps back, "" without a plan


@dataclass(frozen=True)
class Receipt:
    reference: str
    amount: str
    balance: str
    card_last4: str


def _dossier_id(actor: Actor) -> int:
    if actor.dossier_id is None or not policy.can_view_payments(actor, actor.dossier_id):
        raise Forbidden("dettes")
    return actor.dossier_id


def _balance(session: Session, dette: m.Dette) -> int:
    repaid = sum(row.amount_cents for row in session.exec(select(m.DetteMouvement)
                                                          .where(m.DetteMouvement.dette_id == dette.id)))
    return dette.initial_cents - repaid


def debts(*, session: Session, actor: Actor) -> list[DebtView]:
    dossier_id = _dossier_id(actor)
    views = []
    for dette in session.exec(select(m.Dette).where(m.Dette.dossier_id == dossier_id).order_by(m.Dette.id)):
        rows = session.exec(select(m.DetteMouvement).where(m.DetteMouvement.dette_id == dette.id)
                            .order_by(col(m.DetteMouvement.on).desc())).all()
        movements = [MovementLine(format_date(r.on), r.kind.label, format_euros(r.amount_cents)) for r in rows]
        balance = _balance(session, dette)
        views.append(DebtView(dette.id, dette.prestation.label, dette.origin, format_date(dette.created_on),
                              format_euros(dette.initial_cents), format_euros(balance), balance, movements,
                              format_euros(dette.initial_cents - balance),
                              format_euros(dette.monthly_retenue_cents) if dette.monthly_retenue_cents else ""))
    return views


def owing(dossier_id: int) -> ColumnElement[bool]:
    """Whether a debt of the dossier is left to repay (a balance above 0 in debts()), as a column of another
    query (Accueil shows Mes dettes among its shortcuts then)."""
    repaid = (select(func.coalesce(func.sum(m.DetteMouvement.amount_cents), 0))
              .where(m.DetteMouvement.dette_id == m.Dette.id).scalar_subquery())
    return exists().where(m.Dette.dossier_id == dossier_id, m.Dette.initial_cents > repaid)


@dataclass(frozen=True)
class OwedLine:
    prestation: str
    balance: str


def owed(*, session: Session, actor: Actor) -> list[OwedLine]:
    """What is left to repay, debt by debt, in one query: Mes paiements shows "le détail de mes dettes" under the
    retenues (seed: "les éventuelles retenues, le détail de mes dettes et la possibilité de rembourser tout ou
    partie en ligne"). Forbidden as debts()."""
    dossier_id = _dossier_id(actor)
    repaid = (select(func.coalesce(func.sum(m.DetteMouvement.amount_cents), 0))
              .where(m.DetteMouvement.dette_id == m.Dette.id).scalar_subquery())
    rows = session.exec(select(m.Dette.prestation, m.Dette.initial_cents - repaid)
                        .where(m.Dette.dossier_id == dossier_id, m.Dette.initial_cents > repaid)
                        .order_by(m.Dette.id)).all()
    return [OwedLine(prestation.label, format_euros(balance)) for prestation, balance in rows]


def has_debt(*, session: Session, actor: Actor) -> bool:
    """The Menu lists Mes dettes only then (seed: "Cet onglet apparaît seulement si je dois rembourser la Caf");
    False for whoever may not see the dossier's payments, rather than a refusal: the Menu opens for everyone."""
    if actor.dossier_id is None or not policy.can_view_payments(actor, actor.dossier_id):
        return False
    return bool(session.exec(select(owing(actor.dossier_id))).one())


def _own_debt(session: Session, actor: Actor, dette_id: int) -> m.Dette:
    dette = session.get(m.Dette, dette_id)
    if dette is None or dette.dossier_id != _dossier_id(actor):
        raise Forbidden("dette")
    return dette


def start_repayment(*, session: Session, actor: Actor, dette_id: int, amount_cents: int) -> str:
    """Record what is about to be paid; returns the reference the payment page uses."""
    dette = _own_debt(session, actor, dette_id)
    check_repayment(amount_cents, _balance(session, dette))
    reference = f"R{dette.id}-{secrets.token_hex(5).upper()}"
    session.add(m.RepaymentIntent(reference=reference, dette_id=dette.id, amount_cents=amount_cents))
    session.commit()
    return reference


def pay(*, session: Session, actor: Actor, reference: str, card: str, expiry: str, code: str, today: date
        ) -> Receipt:
    """The simulated provider's answer. Paying a reference twice returns the first receipt, recorded once."""
    intent = session.exec(select(m.RepaymentIntent).where(m.RepaymentIntent.reference == reference)).first()
    if intent is None:
        raise DomainError("", "Ce paiement n'existe pas ou a expiré. Recommencez depuis Mes dettes.")
    dette = _own_debt(session, actor, intent.dette_id)
    if intent.paid_at is None:
        last4 = check_card(card, expiry, code, today=today)
        check_repayment(intent.amount_cents, _balance(session, dette))
        # Conditional update: of two simultaneous answers (two tabs, two workers), only one records.
        claimed = session.exec(update(m.RepaymentIntent)
                               .where(m.RepaymentIntent.id == intent.id, m.RepaymentIntent.paid_at == None)  # noqa: E711
                               .values(paid_at=clock.now(), card_last4=last4)).rowcount
        if claimed == 1:
            session.add(m.DetteMouvement(dette_id=dette.id, on=today, kind=DebtMovementKind.REMBOURSEMENT,
                                         amount_cents=intent.amount_cents, reference=reference))
            session.flush()
            if _balance(session, dette) < 0:  # another repayment of the same debt got in first
                session.rollback()
                raise DomainError("", "Cette dette vient d'être remboursée par un autre paiement : rien n'a été "
                                      "prélevé. Consultez Mes dettes.")
        session.commit()
        session.refresh(intent)
    return Receipt(reference, format_euros(intent.amount_cents), format_euros(_balance(session, dette)),
                   intent.card_last4)
