"""Le versement mensuel: each dossier paid once for a month, in batches (caf_app/jobs runs them on Celery).

The run of a month is paid on the 5th and pays the droits of the month before ("à terme échu", as the seed's
payments and the attestations read them: the 5th of a month pays the month before), plus the rappels not paid
yet, minus a retenue for each debt with a plan. Its payments are ordinary Paiement rows (lines, retenues, debt
movements), so Mes paiements, the relevé and the attestations show them as any other.

Idempotent by the unique (dossier_id, run_month) of Paiement: a batch claims its payments with one
INSERT ... ON CONFLICT DO NOTHING, and writes the lines of the claims it won only. A batch is one transaction:
a crash loses the batch in flight, none of it paid, and its message comes back (acks_late); a batch running
twice at once (a message redelivered while the first worker still runs it) pays each dossier once, the second
transaction waiting on the first's rows and then finding them.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from datetime import date, timedelta

from sqlalchemy import Integer, any_, bindparam, exists, func, or_, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.exc import InterfaceError, OperationalError
from sqlmodel import Session, col, select

from ... import models as m
from ...domain.dates import PAYMENT_DAY, add_months, format_month, payment_day, with_de
from ...domain.prestations import HOUSING_AIDS, Prestation
from ...domain.statuses import BankAccountStatus, DebtMovementKind

# The database unreachable, locked or restarting: nothing to do with a dossier, the batch is retried whole.
TRANSIENT = (OperationalError, InterfaceError)


@dataclass(frozen=True)
class BatchResult:
    """What a batch did, dossier by dossier (results add up: the run's summary is their sum)."""

    paid: int = 0
    total_cents: int = 0
    already_paid: int = 0  # a payment of this run was there (a previous run, or a concurrent one)
    nothing_due: int = 0  # no droit for the month, no rappel, or its droits paid already by another payment
    no_account: int = 0  # something due but no active bank account: paid by a later run once there is one
    failed: list[int] = field(default_factory=list)  # dossiers whose payment raised (the others were paid)

    def __add__(self, other: BatchResult) -> BatchResult:
        return BatchResult(self.paid + other.paid, self.total_cents + other.total_cents,
                           self.already_paid + other.already_paid, self.nothing_due + other.nothing_due,
                           self.no_account + other.no_account, self.failed + other.failed)


@dataclass
class _Due:
    """One dossier's payment before it is written."""

    dossier_id: int
    lines: list[tuple[Prestation, date, int]] = field(default_factory=list)  # prestation, month, cents
    rappels: list[m.Rappel] = field(default_factory=list)  # paid, each with a line of its own
    # Rappels for the very droit this payment pays (a recomputation between the 1st and the 5th): the droit's
    # amount includes them already; the payment settles them without a line, else the difference is paid twice.
    included: list[m.Rappel] = field(default_factory=list)
    retenues: list[tuple[m.Dette, int]] = field(default_factory=list)
    # Tiers payant (models.Bail): the aide au logement of a month a lease covers goes to its bailleur, in a payment
    # of its own (one bailleur a run: the lease of the month paid first, else that of the first rappel).
    leases: list[_Lease] = field(default_factory=list)
    lease: _Lease | None = None
    landlord: list[tuple[Prestation, date, int]] = field(default_factory=list)
    landlord_rappels: list[m.Rappel] = field(default_factory=list)

    @property
    def gross(self) -> int:
        return sum(cents for _, _, cents in self.lines)

    @property
    def total(self) -> int:
        return self.gross - sum(cents for _, cents in self.retenues)

    @property
    def landlord_total(self) -> int:
        return sum(cents for _, _, cents in self.landlord)

    def add(self, prestation: Prestation, month: date, cents: int, rappel: m.Rappel | None = None) -> None:
        """A line to pay: to the bailleur when it is a housing aid of a month its lease covers, else to the family."""
        lease = next((lease for lease in reversed(self.leases) if lease.covers(month)), None) \
            if prestation in HOUSING_AIDS else None
        to_landlord = lease is not None and (self.lease is None or self.lease.bail_id == lease.bail_id)
        if to_landlord:
            self.lease = lease
        (self.landlord if to_landlord else self.lines).append((prestation, month, cents))
        if rappel is not None:
            (self.landlord_rappels if to_landlord else self.rappels).append(rappel)

    def to_landlord(self, rappel: m.Rappel) -> bool:
        """A rappel for the very droit paid: settled by the payment that pays that droit."""
        return any(prestation == rappel.prestation and month == rappel.month for prestation, month, _ in self.landlord)


@dataclass(frozen=True)
class _Lease:
    bail_id: int
    name: str  # the bailleur's, as the payment's beneficiary and holder
    iban: str
    bic: str
    since: date
    ended_on: date | None

    def covers(self, month: date) -> bool:
        return self.since < add_months(month, 1) and (self.ended_on is None or self.ended_on >= month)


ALLOCATAIRE, TIERS = "allocataire", "tiers"  # Paiement.destination


def droits_month(month: date) -> date:
    """The month whose droits the run of `month` pays: the month before."""
    return add_months(month, -1)


def _unpaid(paid_on: date) -> tuple:
    """The rappels a payment made on `paid_on` pays: not paid yet, owed to the family, known by then."""
    return col(m.Rappel.paiement_id).is_(None), m.Rappel.amount_cents > 0, m.Rappel.created_on <= paid_on


def _to_pay(month: date, first_id: int | None, last_id: int | None):
    droit = exists().where(m.Droit.dossier_id == m.Dossier.id, m.Droit.month == droits_month(month),
                           m.Droit.amount_cents > 0)
    rappel = exists().where(m.Rappel.dossier_id == m.Dossier.id, *_unpaid(payment_day(month)))
    query = select(m.Dossier.id).where(m.Dossier.active, or_(droit, rappel))
    if first_id is not None:
        query = query.where(m.Dossier.id >= first_id)
    if last_id is not None:
        query = query.where(m.Dossier.id <= last_id)
    return query.order_by(m.Dossier.id)


def dossier_ids_to_pay(*, session: Session, month: date, first_id: int | None = None,
                       last_id: int | None = None) -> list[int]:
    """Active dossiers with a positive droit for the month paid, or an unpaid rappel, ordered by id (optionally
    those between first_id and last_id, both included: a batch of the planner)."""
    return list(session.exec(_to_pay(month, first_id, last_id)).all())


def batches(*, session: Session, month: date, size: int) -> Iterator[tuple[int, int, int]]:
    """The run's batches, (first id, last id, dossiers) for every `size` dossiers to pay, the ids read as a stream
    (14 million ids are never in memory at once). A batch is an id range: its message stays small."""
    chunk: list[int] = []
    for dossier_id in session.exec(_to_pay(month, None, None).execution_options(yield_per=10_000)):
        chunk.append(dossier_id)
        if len(chunk) == size:
            yield chunk[0], chunk[-1], len(chunk)
            chunk = []
    if chunk:
        yield chunk[0], chunk[-1], len(chunk)


def pay_batch(*, session: Session, dossier_ids: list[int], month: date, paid_on: date | None = None) -> BatchResult:
    """Pay each dossier of the batch once for the run of `month` (first day), on `paid_on` (the 5th), in one
    transaction, committed. Should the batch fail for one dossier's data, each dossier is paid alone, so that
    one bad dossier fails alone (BatchResult.failed); a failure of every dossier (the database gone) raises."""
    paid_on = paid_on or payment_day(month)
    ids = sorted(set(dossier_ids))
    try:
        return _pay(session, ids, month, paid_on)
    except TRANSIENT:
        session.rollback()
        raise  # the database, not a dossier: the whole batch again, later (the task retries)
    except Exception:
        session.rollback()
        if len(ids) <= 1:
            raise
    result, error = BatchResult(), None
    for dossier_id in ids:
        try:
            result += _pay(session, [dossier_id], month, paid_on)
        except TRANSIENT:
            session.rollback()
            raise
        except Exception as exc:  # this dossier's data: counted and reported, the others paid
            session.rollback()
            result, error = replace(result, failed=[*result.failed, dossier_id]), exc
    if error is not None and len(result.failed) == len(ids):
        raise error
    return result


def lock_dossiers(session: Session, ids: list[int]) -> None:
    """The dossiers held until the transaction ends: a batch of the run and a recomputation of the same dossier
    follow one another, never interleave. PostgreSQL: their rows locked, in the order of the ids (two holders never
    wait on each other). SQLite, one writer at a time: a write that changes nothing opens the transaction now, so
    that what is read next is not changed by another writer before the commit."""
    if not ids:
        return
    ids = sorted(set(ids))
    if session.get_bind().dialect.name == "sqlite":
        session.exec(update(m.Dossier).where(col(m.Dossier.id).in_(ids)).values(id=m.Dossier.id)
                     .execution_options(synchronize_session=False))
        return
    # FOR NO KEY UPDATE: the rows' other holders wait, not the rows that refer to a dossier (a login, a courrier).
    session.exec(select(m.Dossier.id).where(_among(session, m.Dossier.id, ids)).order_by(m.Dossier.id)
                 .with_for_update(key_share=True)).all()


def awaiting_payment(session: Session, ids: list[int], today: date) -> set[int]:
    """Among the dossiers, those whose droits of last month the run of this month has still to pay: no payment of
    it yet, and either its payment day not passed, or the 5th (the day the scheduled run starts, at 2 h, even when
    the payment day is the 4th) with no payment of the run at all. A recomputation changes such a month as a month
    to come: the run pays the new amount, with neither rappel nor indu (else a lowered month would be paid lowered
    and claimed back as an indu). Later, a dossier the run paid nothing (nothing due then) is paid by a rappel.
    Call it with the dossiers locked (lock_dossiers): the run then pays either before, or after."""
    run = date(today.year, today.month, 1)
    if not ids or today > max(payment_day(run), run.replace(day=PAYMENT_DAY)):
        return set()
    if today > payment_day(run) and session.exec(select(m.Paiement.id).where(m.Paiement.run_month == run)
                                                 .limit(1)).first() is not None:
        return set()
    paid = set(session.exec(select(m.Paiement.dossier_id).where(_among(session, m.Paiement.dossier_id, ids),
                                                                m.Paiement.run_month == run)).all())
    return set(ids) - paid


def _pay(session: Session, ids: list[int], month: date, paid_on: date) -> BatchResult:
    lock_dossiers(session, ids)  # a recomputation of one of them writes its droits before these reads, or after
    already = set(session.exec(select(m.Paiement.dossier_id, m.Paiement.destination).where(
        _among(session, m.Paiement.dossier_id, ids), m.Paiement.run_month == month)).all())
    active = set(session.exec(select(m.Dossier.id).where(_among(session, m.Dossier.id, ids), m.Dossier.active)).all())
    dues = _dues(session, [dossier_id for dossier_id in ids if dossier_id in active], month, paid_on)
    accounts = {account.dossier_id: account for account in session.exec(
        select(m.BankAccount).where(_among(session, m.BankAccount.dossier_id, list(dues)),
                                    m.BankAccount.status == BankAccountStatus.ACTIVE).order_by(m.BankAccount.id))}
    # Each dossier's parts not paid by this run yet: the family's (on its account) and the bailleur's.
    parts = [(due, ALLOCATAIRE) for due in dues.values()
             if due.lines and due.dossier_id in accounts and (due.dossier_id, ALLOCATAIRE) not in already]
    parts += [(due, TIERS) for due in dues.values() if due.landlord and (due.dossier_id, TIERS) not in already]
    won = _claim(session, parts, accounts, month, paid_on)
    split = {due.dossier_id for due, destination in parts if (due.dossier_id, destination) in won} & {
        due.dossier_id for due, destination in parts if (due.dossier_id, destination) not in won}
    if split:  # a concurrent run paid a dossier's other part, split otherwise (a lease added meanwhile): again
        raise RuntimeError("un autre versement a payé une partie de ces dossiers pendant ce lot")
    _write(session, [(due, destination) for due, destination in parts if (due.dossier_id, destination) in won],
           won, paid_on)
    session.commit()
    paid = {dossier_id for dossier_id, _ in won}
    # Who has a payment of this run now (this batch's and a concurrent one's, committed before the reads above or
    # after them): what a batch found paid already, however its reads fell between the other's writes.
    had = set(session.exec(select(m.Paiement.dossier_id).where(
        _among(session, m.Paiement.dossier_id, ids), m.Paiement.run_month == month)).all())
    return BatchResult(paid=len(paid),
                       total_cents=sum(due.total if destination == ALLOCATAIRE else due.landlord_total
                                       for due, destination in parts if (due.dossier_id, destination) in won),
                       already_paid=len(had - paid),
                       nothing_due=sum(1 for dossier_id in ids if dossier_id not in had
                                       and not (dossier_id in dues and (dues[dossier_id].lines
                                                                        or dues[dossier_id].landlord))),
                       no_account=sum(1 for due in dues.values() if due.lines and due.dossier_id not in accounts
                                      and (due.dossier_id, ALLOCATAIRE) not in already))


def _dues(session: Session, ids: list[int], month: date, paid_on: date) -> dict[int, _Due]:
    """The lines and retenues of each dossier, read in four queries for the whole batch."""
    paid_month = droits_month(month)
    dues = {dossier_id: _Due(dossier_id) for dossier_id in ids}
    if not ids:
        return dues
    # The leases in tiers payant of the batch's dossiers (oldest first): the housing aid of a month goes to the
    # bailleur of the lease covering it (the newest, should two cover it).
    for bail_id, dossier_id, name, iban, bic, since, ended_on in session.exec(
            select(m.Bail.id, m.Bail.dossier_id, m.Organisation.name, m.Organisation.iban, m.Organisation.bic,
                   m.Bail.since, m.Bail.ended_on)
            .join(m.Organisation, m.Organisation.id == m.Bail.organisation_id)
            .where(_among(session, m.Bail.dossier_id, ids), m.Bail.tiers_payant, m.Organisation.iban != "")
            .order_by(m.Bail.since, m.Bail.id)):
        dues[dossier_id].leases.append(_Lease(bail_id, name, iban, bic, since, ended_on))
    # Droits a payment paid already (the history before the run, a payment made by hand, this run's own for the
    # other destination) are not paid again; a concurrent batch's are found by their claim ("already paid").
    covered = set(session.exec(
        select(m.Paiement.dossier_id, m.PaiementLigne.prestation)
        .join(m.PaiementLigne, m.PaiementLigne.paiement_id == m.Paiement.id)
        .where(_among(session, m.Paiement.dossier_id, ids), m.PaiementLigne.period_start <= paid_month,
               m.PaiementLigne.period_end >= paid_month)).all())
    paying = set()
    for droit in session.exec(select(m.Droit).where(_among(session, m.Droit.dossier_id, ids),
                                                    m.Droit.month == paid_month, m.Droit.amount_cents > 0)
                              .order_by(m.Droit.id)):
        if (droit.dossier_id, droit.prestation) not in covered:
            dues[droit.dossier_id].add(droit.prestation, paid_month, droit.amount_cents)
            paying.add((droit.dossier_id, droit.prestation))
    for rappel in session.exec(select(m.Rappel).where(_among(session, m.Rappel.dossier_id, ids), *_unpaid(paid_on))
                               .order_by(m.Rappel.month, m.Rappel.id)):
        due = dues[rappel.dossier_id]
        if rappel.month == paid_month and (rappel.dossier_id, rappel.prestation) in paying:
            due.included.append(rappel)
        else:
            due.add(rappel.prestation, rappel.month, rappel.amount_cents, rappel)
    repaid = (select(func.coalesce(func.sum(m.DetteMouvement.amount_cents), 0))
              .where(m.DetteMouvement.dette_id == m.Dette.id).scalar_subquery())
    for dette, remaining in session.exec(select(m.Dette, m.Dette.initial_cents - repaid).where(
            _among(session, m.Dette.dossier_id, ids), m.Dette.monthly_retenue_cents > 0, m.Dette.initial_cents > repaid)
            .order_by(m.Dette.id)):
        due = dues[dette.dossier_id]
        cents = min(dette.monthly_retenue_cents, remaining, due.total)
        if cents > 0:
            due.retenues.append((dette, cents))
    return dues


def _message(rappels: list[m.Rappel]) -> str:
    """What Mes paiements says under a payment that includes rappels (the seed's wording for a régularisation)."""
    return " ".join(f"Ce paiement comprend un rappel {with_de(rappel.prestation.label)} pour "
                    f"{format_month(rappel.month)}." for rappel in rappels)


def _row(due: _Due, destination: str, accounts: dict[int, m.BankAccount], month: date, paid_on: date) -> dict:
    """A payment's columns: to the family's account, or to the bailleur's for the lease."""
    base = {"dossier_id": due.dossier_id, "paid_on": paid_on, "destination": destination, "run_month": month}
    if destination == TIERS:
        lease = due.lease
        return {**base, "total_cents": due.landlord_total, "beneficiary": lease.name, "iban": lease.iban,
                "bic": lease.bic, "holder": lease.name, "bail_id": lease.bail_id,
                "message": _message(due.landlord_rappels)}
    account = accounts[due.dossier_id]
    return {**base, "total_cents": due.total, "beneficiary": account.holder, "iban": account.iban, "bic": account.bic,
            "holder": account.holder, "bail_id": None, "message": _message(due.rappels)}


def _claim(session: Session, parts: list[tuple[_Due, str]], accounts: dict[int, m.BankAccount], month: date,
           paid_on: date) -> dict[tuple[int, str], int]:
    """Insert the batch's payments, skipping those the run has already made: {(dossier id, destination): payment
    id} of the rows this transaction inserted."""
    if not parts:
        return {}
    dialect = postgresql if session.get_bind().dialect.name == "postgresql" else sqlite
    table = m.Paiement.__table__
    rows = [_row(due, destination, accounts, month, paid_on) for due, destination in parts]
    # One statement for the batch, compiled once (the driver sends the rows in pages of many VALUES).
    statement = (dialect.insert(table)
                 .on_conflict_do_nothing(index_elements=["dossier_id", "run_month", "destination"])
                 .returning(table.c.dossier_id, table.c.destination, table.c.id))
    return {(dossier_id, destination): payment for dossier_id, destination, payment
            in session.execute(statement, rows).all()}


def _write(session: Session, parts: list[tuple[_Due, str]], payment_of: dict[tuple[int, str], int],
           paid_on: date) -> None:
    """The lines, retenues, debt movements of the payments won, and their rappels marked paid."""
    lines, retenues, movements, paying = [], [], [], []
    for due, destination in parts:
        payment = payment_of[(due.dossier_id, destination)]
        to_landlord = destination == TIERS
        lines += [{"paiement_id": payment, "prestation": prestation, "period_start": start,
                   "period_end": add_months(start, 1) - timedelta(days=1), "amount_cents": cents}
                  for prestation, start, cents in (due.landlord if to_landlord else due.lines)]
        for dette, cents in ([] if to_landlord else due.retenues):
            retenues.append({"paiement_id": payment, "dette_id": dette.id, "amount_cents": cents,
                             "label": f"Remboursement de votre dette {with_de(dette.prestation.label)}"})
            movements.append({"dette_id": dette.id, "on": paid_on, "kind": DebtMovementKind.RETENUE,
                              "amount_cents": cents, "reference": f"R{payment}"})
        included = [rappel for rappel in due.included if due.to_landlord(rappel) is to_landlord]
        paying += [(payment, rappel.id)
                   for rappel in (due.landlord_rappels if to_landlord else due.rappels) + included]
    for table, rows in ((m.PaiementLigne.__table__, lines), (m.Retenue.__table__, retenues),
                        (m.DetteMouvement.__table__, movements)):
        if rows:
            session.execute(table.insert(), rows)
    if paying:
        session.execute(update(m.Rappel.__table__).where(m.Rappel.__table__.c.id == bindparam("rappel"),
                                                         m.Rappel.__table__.c.paiement_id.is_(None))
                        .values(paiement_id=bindparam("payment")),
                        [{"rappel": rappel, "payment": payment} for payment, rappel in paying])
        marked = session.exec(select(func.count()).select_from(m.Rappel).where(
            _among(session, m.Rappel.id, [rappel for _, rappel in paying]),
            _among(session, m.Rappel.paiement_id, sorted({payment for payment, _ in paying})))).one()
        if marked != len(paying):  # another run paid one of them meanwhile: this batch again, from the start
            raise RuntimeError("des rappels ont été payés par un autre versement pendant ce lot")


def _among(session: Session, column, ids: list[int]):
    """`column IN ids`; on PostgreSQL as one array parameter (= ANY): the same statement for every batch, parsed
    once, where an IN list of 500 parameters is a new statement to parse at each batch."""
    if session.get_bind().dialect.name == "postgresql":
        return column == any_(bindparam(None, list(ids), type_=postgresql.ARRAY(Integer)))
    return col(column).in_(ids)
