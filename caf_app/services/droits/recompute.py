"""Recomputing a dossier's droits from its data with the OpenFisca service: each month's Droit rows with the
household they were computed from, a DroitChange with its causes for each month whose amount changed, a Rappel
for a past month raised (paid with the next payment) and a Dette for past months lowered (the indu, in Mes dettes).
Last month is past once this month's run has paid it (payments/run.awaiting_payment): until then a change of it is
paid by that run; the two never interleave on a dossier (run.lock_dossiers). The rules are asked before the lock
(a batch of the run would otherwise wait for them); under it, the dossier is read again and computed again when
another recomputation or a decision changed it meanwhile, so that the amounts "before" are the ones stored and a
rappel or an indu is never made twice.

SYNC: it uses the rules' blocking client; run it in a Celery worker, or from an event handler through
asyncio.to_thread. Idempotent: with the same data, a second run writes nothing and creates no second rappel or indu.

What is recomputed: the prestations the dossier holds a droit of (any month), or those asked (`prestations`), that
the rules compute (rules.catalogue; an APL or an ALS by the aide au logement). A quarterly prestation without a
declared quarter before the month, or an aide au logement without a known rent, keeps its droit (`kept`).

The plan of an indu: repaid by retenues on the next payments, over 12 months at most: a twelfth of it rounded up
to the euro, at least 20 € a month (the whole indu when it is smaller).
"""

from __future__ import annotations

import json
import logging
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from sqlmodel import Session, col, select

from ... import clock, models as m
from ...domain.dates import add_months, first_of_month, format_month, with_de
from ...domain.errors import DomainError
from ...domain.prestations import HOUSING_AIDS, Prestation
from ..payments import run
from . import household as hh
from .compute import RULE_OF, Before, Job, Outcome, compute

log = logging.getLogger(__name__)
NOT_DECLARED = "Ressources des trois mois précédents non déclarées : droit conservé en attendant la déclaration."
NO_RENT = "Loyer inconnu du dossier : droit conservé."
MIN_RETENUE, RETENUE_MONTHS = 20_00, 12


@dataclass(frozen=True)
class ChangeLine:
    month: date
    prestation: Prestation
    before_cents: int
    after_cents: int
    causes: tuple[tuple[str, int], ...]  # (sentence, signed cents), adding up to after - before


@dataclass(frozen=True)
class RappelLine:
    month: date
    prestation: Prestation
    cents: int


@dataclass(frozen=True)
class InduLine:
    dette_id: int
    prestation: Prestation
    months: tuple[date, ...]
    cents: int


@dataclass(frozen=True)
class KeptLine:
    month: date
    prestation: Prestation
    reason: str


@dataclass(frozen=True)
class Recomputation:
    """What a recomputation did, in a stable order (month, then prestation). months_amounts: each month's droits
    after it (recomputed or kept), 0 for "sans droit"."""

    dossier_id: int
    changes: tuple[ChangeLine, ...] = ()
    rappels: tuple[RappelLine, ...] = ()
    indus: tuple[InduLine, ...] = ()
    months_amounts: dict[date, dict[Prestation, int]] = field(default_factory=dict)
    kept: tuple[KeptLine, ...] = ()


def retenue_plan(initial_cents: int) -> int:
    """The monthly retenue of an indu (the module's docstring)."""
    twelfth = -(-initial_cents // RETENUE_MONTHS)
    return min(initial_cents, max(MIN_RETENUE, -(-twelfth // 100) * 100))


def origin_of(prestation: Prestation, months: list[date]) -> str:
    """ "Trop-perçu de Revenu de solidarité active de septembre 2026" (or "d'août à octobre 2026")."""
    first, last = min(months), max(months)
    if first == last:
        period = with_de(format_month(first))
    elif first.year == last.year:
        period = f"{with_de(format_month(first).rsplit(' ', 1)[0])} à {format_month(last)}"
    else:
        period = f"{with_de(format_month(first))} à {format_month(last)}"
    return f"Trop-perçu de {prestation.label} {period}"


@dataclass
class _Dossier:
    """One dossier being recomputed: its droit rows of the months, its jobs and what was kept."""

    id: int
    months: list[date]
    rows: dict[tuple[date, Prestation], list[m.Droit]]
    jobs: list[Job]
    kept: list[KeptLine]


def _held(session: Session, dossier_id: int) -> list[Prestation]:
    rows = session.exec(select(m.Droit.prestation).where(m.Droit.dossier_id == dossier_id).distinct()).all()
    return sorted({prestation for prestation in rows if prestation in RULE_OF})


def _prepare(session: Session, dossier_id: int, months: list[date],
             prestations: list[Prestation] | None) -> _Dossier:
    months = sorted({first_of_month(month) for month in months})
    wanted = [p for p in (prestations or _held(session, dossier_id)) if p in RULE_OF]
    if not wanted:  # nothing the rules compute (an aide au BAFA alone): no household to build
        return _Dossier(dossier_id, months, {}, [], [])
    homes = hh.households(session=session, dossier_id=dossier_id, months=months, aah=Prestation.AAH in wanted)
    rows: dict[tuple[date, Prestation], list[m.Droit]] = defaultdict(list)
    for row in session.exec(select(m.Droit).where(m.Droit.dossier_id == dossier_id, col(m.Droit.month).in_(months))
                            .order_by(col(m.Droit.id))):
        rows[row.month, row.prestation].append(row)
    jobs, kept = [], []
    for month in months:
        home, before = homes[month], {}
        for prestation in wanted:
            reason = (NOT_DECLARED if prestation.quarterly and not home.declared
                      else NO_RENT if prestation in HOUSING_AIDS and not home.housed else "")
            if reason:
                kept.append(KeptLine(month, prestation, reason))
                continue
            row = next(iter(rows.get((month, prestation), [])), None)
            before[prestation] = (
                Before(0, None, existed=False) if row is None
                else Before(row.amount_cents or 0, hh.from_json(row.inputs_json)) if row.inputs_json
                else Before(row.amount_cents or 0, home.previous, rebuilt=True))
        if before:
            jobs.append(Job(dossier_id, month, home.foyer, before))
    return _Dossier(dossier_id, months, rows, jobs, kept)


def _write_droit(session: Session, rows: list[m.Droit], job: Job, prestation: Prestation, outcome: Outcome) -> None:
    """The month's droit replaced by the one computed (untouched when nothing of it changed)."""
    for extra in rows[1:]:
        session.delete(extra)
    row = rows[0] if rows else m.Droit(dossier_id=job.dossier_id, month=job.month, prestation=prestation)
    inputs = hh.to_json(job.foyer)
    if row.id is not None and (row.amount_cents, row.motif_sans_droit, row.inputs_json) == (
            outcome.cents or None, outcome.motif, inputs):
        return
    row.amount_cents, row.motif_sans_droit, row.inputs_json = outcome.cents or None, outcome.motif, inputs
    row.computed_at = clock.now()
    session.add(row)


def record_change(session: Session, dossier_id: int, change: ChangeLine, demarche_id: int | None) -> ChangeLine:
    """The month's change kept with its causes (models.DroitChange), what « Pourquoi ce montant a changé ? »
    shows; returns it."""
    session.add(m.DroitChange(dossier_id=dossier_id, month=change.month, prestation=change.prestation,
                              before_cents=change.before_cents, after_cents=change.after_cents,
                              demarche_id=demarche_id,
                              causes_json=json.dumps([{"text": text, "cents": cents} for text, cents in change.causes],
                                                     ensure_ascii=False)))
    return change


def _apply(session: Session, dossier: _Dossier, outcomes: list[dict[Prestation, Outcome]], *, today: date,
           demarche_id: int | None, awaiting: bool) -> Recomputation:
    """awaiting: last month's droits are still to be paid by this month's run (payments/run.awaiting_payment); a
    change of that month is then paid by the run, not as a rappel or an indu."""
    changes, rappels, indus = [], [], defaultdict(list)
    paid_before = add_months(first_of_month(today), -1 if awaiting else 0)
    amounts: dict[date, dict[Prestation, int]] = defaultdict(dict)
    for (month, prestation), rows in sorted(dossier.rows.items()):
        amounts[month][prestation] = rows[0].amount_cents or 0  # kept ones; the computed replace them below
    for job, found in zip(dossier.jobs, outcomes, strict=True):
        for prestation, outcome in sorted(found.items()):
            _write_droit(session, dossier.rows.get((job.month, prestation), []), job, prestation, outcome)
            amounts[job.month][prestation] = outcome.cents
            before = job.before[prestation].cents
            if outcome.cents == before:
                continue
            changes.append(record_change(session, dossier.id, ChangeLine(job.month, prestation, before,
                                                                          outcome.cents, outcome.causes),
                                         demarche_id))
            if job.month < paid_before and outcome.cents > before:
                rappels.append(RappelLine(job.month, prestation, outcome.cents - before))
                session.add(m.Rappel(dossier_id=dossier.id, prestation=prestation, month=job.month,
                                     amount_cents=outcome.cents - before, created_on=today))
            elif job.month < paid_before:
                indus[prestation].append((job.month, before - outcome.cents))
    return Recomputation(dossier.id, tuple(changes), tuple(rappels), _indus(session, dossier.id, indus, today),
                         {month: dict(sorted(amounts[month].items())) for month in sorted(amounts)},
                         tuple(dossier.kept))


def _indus(session: Session, dossier_id: int, indus: dict[Prestation, list[tuple[date, int]]],
           today: date) -> tuple[InduLine, ...]:
    """One dette per prestation lowered over past months, with its origin and its plan of retenues."""
    lines = []
    for prestation, owed in sorted(indus.items()):
        months, cents = tuple(month for month, _ in owed), sum(cents for _, cents in owed)
        dette = m.Dette(dossier_id=dossier_id, prestation=prestation, origin=origin_of(prestation, list(months)),
                        created_on=today, initial_cents=cents, monthly_retenue_cents=retenue_plan(cents))
        session.add(dette)
        session.flush()
        lines.append(InduLine(dette.id, prestation, months, cents))
    return tuple(lines)


def _in_batch(session: Session, dossier_id: int, months: list[date],
              prestations: list[Prestation] | None) -> _Dossier | None:
    """_prepare for a batch: a dossier whose household cannot be built is left out (logged), not the batch."""
    try:
        return _prepare(session, dossier_id, months, prestations)
    except DomainError as error:
        log.warning("droits of dossier %s not recomputed: %s", dossier_id, error.message)
        return None


def _as_stored(session: Session, dossiers: list[_Dossier], outcomes: list[dict[Prestation, Outcome]],
               prestations: list[Prestation] | None, *, batch: bool = False
               ) -> tuple[list[_Dossier], list[dict[Prestation, Outcome]]]:
    """Under the lock: the dossiers read again (what the session had read is expired, its own changes already
    written by the lock's statement). Those another recomputation or a decision changed since they were read (a
    droit "before", a household) are computed again, in one request; the others keep their outcomes. In a batch,
    a dossier whose household can no longer be built is left out (logged), as recompute_many does."""
    session.expire_all()
    fresh, mine, start = [], [], 0
    for old in dossiers:
        outcomes_of_old, start = outcomes[start:start + len(old.jobs)], start + len(old.jobs)
        new = _in_batch(session, old.id, old.months, prestations) if batch else _prepare(
            session, old.id, old.months, prestations)
        if new is None:
            continue
        fresh.append(new)
        mine.append(outcomes_of_old if (old.jobs, old.kept) == (new.jobs, new.kept) else None)
    again = iter(compute([job for new, kept in zip(fresh, mine, strict=True) if kept is None for job in new.jobs]))
    return fresh, [outcome for new, kept in zip(fresh, mine, strict=True)
                   for outcome in (kept if kept is not None else [next(again) for _ in new.jobs])]


def recompute(*, session: Session, dossier_id: int, months: list[date], today: date,
              demarche_id: int | None = None, prestations: list[Prestation] | None = None) -> Recomputation:
    """Recomputes the dossier's droits of `months` in one request to the rules service, writes them and what
    changed, and commits. DomainError when the dossier lacks what no default replaces; RulesUnavailable when the
    service cannot answer (nothing is written then)."""
    dossier = _prepare(session, dossier_id, months, prestations)
    outcomes = compute(dossier.jobs)
    run.lock_dossiers(session, [dossier_id])
    (dossier,), outcomes = _as_stored(session, [dossier], outcomes, prestations)
    result = _apply(session, dossier, outcomes, today=today, demarche_id=demarche_id,
                    awaiting=bool(run.awaiting_payment(session, [dossier_id], today)))
    session.commit()
    return result


def recompute_many(*, session: Session, dossier_ids: list[int], months: list[date], today: date
                   ) -> dict[int, Recomputation]:
    """recompute() for many dossiers (a revalorisation), every household of the batch in ONE request to the rules
    service, one commit. A dossier whose household cannot be built is left out (logged), not the batch."""
    dossiers = [dossier for dossier in (_in_batch(session, dossier_id, months, None) for dossier_id in dossier_ids)
                if dossier is not None]
    outcomes = compute([job for dossier in dossiers for job in dossier.jobs])
    run.lock_dossiers(session, [dossier.id for dossier in dossiers])
    dossiers, outcomes = _as_stored(session, dossiers, outcomes, None, batch=True)
    awaiting = run.awaiting_payment(session, [dossier.id for dossier in dossiers], today)
    results, start = {}, 0
    for dossier in dossiers:
        mine = outcomes[start:start + len(dossier.jobs)]
        start += len(dossier.jobs)
        results[dossier.id] = _apply(session, dossier, mine, today=today, demarche_id=None,
                                     awaiting=dossier.id in awaiting)
    session.commit()
    return results
