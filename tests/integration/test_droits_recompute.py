"""Issue 20, point 4: droits recomputed from the dossier's data on the OpenFisca-France service (the `rules_url`
fixture), with the household each month was computed from, the causes of each change in euros, rappels and indus,
idempotent, and in one request for a batch of dossiers."""

from __future__ import annotations

import asyncio
import json
import threading
import time
from datetime import date, datetime, timezone

import pytest
from sqlmodel import Session, select, text

from caf_app import models as m
from caf_app.domain.money import format_euros
from caf_app.domain.prestations import Prestation
from caf_app.domain.roles import Actor, MemberRole
from caf_app.domain.statuses import BankAccountStatus, DraftStatus
from caf_app.rules import client
from caf_app.rules.catalogue import BY_KEY
from caf_app.rules.simulate import simulate
from caf_app.services.droits import household, recompute as rc
from caf_app.services.droits.compute import NO_DETAIL
from caf_app.services.payments import dettes, dossier as dossier_service, run
from caf_app.services.payments.run import pay_batch
from tests import factories

TODAY = date(2026, 11, 26)
RSA, PRIME = Prestation.RSA, Prestation.PRIME_ACTIVITE
SEP, OCT, NOV, DEC = date(2026, 9, 1), date(2026, 10, 1), date(2026, 11, 1), date(2026, 12, 1)


@pytest.fixture(autouse=True)
def rules(rules_url):
    return rules_url


def single(session: Session, numero: str, *, held=(RSA, PRIME), months=(SEP, OCT, NOV, DEC)) -> m.Dossier:
    """A person alone in Nanterre who holds droits (seeded, without their household) for `months`."""
    person = factories.person(session, nir=f"2900192050{numero[-3:]}", first_names="Anne", birth_date=date(1990, 1, 1))
    row = factories.dossier(session, allocataire=person, numero=numero, address_line="1 RUE DES LILAS",
                            postal_code="92000", city="NANTERRE")
    for month in months:
        for prestation in held:
            session.add(m.Droit(dossier_id=row.id, month=month, prestation=prestation, amount_cents=100_00))
    session.commit()
    return row


def declare(session: Session, dossier: m.Dossier, quarter: date, salary_cents: int, sent_day: int = 3) -> None:
    """A declaration of the quarter starting `quarter`, sent: the same salary each month (a later one of the same
    quarter corrects it)."""
    row = m.DeclarationTrimestrielle(dossier_id=dossier.id, prestation=RSA, quarter_start=quarter,
                                     status=DraftStatus.ENVOYE,
                                     sent_at=datetime(2026, quarter.month + 3, sent_day, 9, tzinfo=timezone.utc))
    session.add(row)
    session.flush()
    for index in range(3):
        session.add(m.DeclarationMontant(declaration_id=row.id, person_id=dossier.allocataire_id,
                                         month=date(2026, quarter.month + index, 1), category="salaires",
                                         amount_cents=salary_cents))
    session.commit()


def droit(session: Session, dossier: m.Dossier, month: date, prestation: Prestation) -> m.Droit:
    return session.exec(select(m.Droit).where(m.Droit.dossier_id == dossier.id, m.Droit.month == month,
                                              m.Droit.prestation == prestation)).one()


def counts(session: Session) -> tuple[int, int, int]:
    return tuple(len(session.exec(select(table)).all()) for table in (m.DroitChange, m.Rappel, m.Dette))


def simulated(row: m.Droit) -> int:
    """What the simulator gives for the household the droit keeps (rules.simulate, every prestation asked)."""
    foyer = household.from_json(row.inputs_json)
    return asyncio.run(simulate(foyer)).of(BY_KEY[row.prestation.key].key).cents


def test_higher_declared_resources_lower_the_rsa_and_the_prime_of_the_next_months(session):
    anne = single(session, "9201101")
    declare(session, anne, date(2026, 8, 1), 600_00)
    first = rc.recompute(session=session, dossier_id=anne.id, months=[NOV, DEC], today=TODAY)
    rows = {(month, p): droit(session, anne, month, p) for month in (NOV, DEC) for p in (RSA, PRIME)}
    assert {key: first.months_amounts[key[0]][key[1]] for key in rows} == {
        key: simulated(row) for key, row in rows.items()}
    assert first.months_amounts[NOV][RSA] > 0 and first.months_amounts[NOV][PRIME] > 0
    # Seeded droits, stored without their household: one honest line, the whole difference.
    assert all(change.causes == ((NO_DETAIL, change.after_cents - 100_00),) for change in first.changes)
    kept = household.from_json(rows[NOV, RSA].inputs_json)
    assert kept.demandeur.activite == 600_00 and kept.mois == "2026-11" and kept.commune == "92050"

    declare(session, anne, date(2026, 8, 1), 1300_00, sent_day=20)  # the quarter declared again, corrected
    demarche = m.Demarche(dossier_id=anne.id, kind="declaration_trimestrielle", title="Déclaration")
    session.add(demarche)
    session.commit()
    result = rc.recompute(session=session, dossier_id=anne.id, months=[NOV, DEC], today=TODAY,
                          demarche_id=demarche.id)
    assert [(c.month, c.prestation) for c in result.changes] == [(NOV, PRIME), (NOV, RSA), (DEC, PRIME), (DEC, RSA)]
    for change in result.changes:
        assert change.after_cents < change.before_cents == first.months_amounts[change.month][change.prestation]
        assert sum(cents for _, cents in change.causes) == change.after_cents - change.before_cents
        assert change.causes[0][0] == "Vos revenus d'activité ont augmenté de 700,00\u00a0€ par mois"
    stored = session.exec(select(m.DroitChange).where(m.DroitChange.demarche_id == demarche.id)).all()
    assert len(stored) == 4 and all(sum(c["cents"] for c in json.loads(row.causes_json))
                                    == row.after_cents - row.before_cents for row in stored)
    rsa = droit(session, anne, DEC, RSA)
    assert rsa.amount_cents is None and rsa.motif_sans_droit.startswith("Vos ressources dépassent le plafond")
    assert household.from_json(rsa.inputs_json).demandeur.activite == 1300_00 and rsa.computed_at is not None
    assert droit(session, anne, DEC, PRIME).amount_cents == simulated(droit(session, anne, DEC, PRIME))
    assert result.rappels == () and result.indus == ()  # November and December are not paid yet


def test_past_months_lowered_make_a_dette_with_its_origin_and_raised_ones_a_rappel(session):
    anne = single(session, "9201102")
    declare(session, anne, date(2026, 6, 1), 1300_00)
    rc.recompute(session=session, dossier_id=anne.id, months=[SEP, OCT], today=TODAY)
    rappels_before = len(session.exec(select(m.Rappel)).all())
    declare(session, anne, date(2026, 6, 1), 300_00, sent_day=25)  # less than declared: more Rsa, less prime

    result = rc.recompute(session=session, dossier_id=anne.id, months=[SEP, OCT], today=TODAY)
    changes = {(c.month, c.prestation): c.after_cents - c.before_cents for c in result.changes}
    assert [(r.month, r.prestation, r.cents) for r in result.rappels] == [
        (SEP, RSA, changes[SEP, RSA]), (OCT, RSA, changes[OCT, RSA])]
    assert all(r.cents > 0 for r in result.rappels)
    rows = session.exec(select(m.Rappel).where(m.Rappel.dossier_id == anne.id)).all()
    assert len(rows) == rappels_before + 2 and all(row.paiement_id is None for row in rows)
    (indu,) = result.indus
    assert (indu.prestation, indu.months) == (PRIME, (SEP, OCT))
    assert indu.cents == -(changes[SEP, PRIME] + changes[OCT, PRIME]) > 0
    dette = session.get(m.Dette, indu.dette_id)
    assert dette.origin == "Trop-perçu de Prime d'activité de septembre à octobre 2026"
    assert dette.initial_cents == indu.cents and dette.monthly_retenue_cents == rc.retenue_plan(indu.cents)
    shown = dettes.debts(session=session, actor=allocataire(anne))
    assert (dette.origin, indu.cents) in [(debt.origin, debt.balance_cents) for debt in shown]


def test_the_origin_and_plan_of_an_indu():
    assert rc.origin_of(RSA, [SEP]) == "Trop-perçu de Revenu de solidarité active de septembre 2026"
    assert rc.origin_of(RSA, [date(2026, 8, 1), OCT]) == ("Trop-perçu de Revenu de solidarité active d'août à "
                                                          "octobre 2026")
    assert rc.origin_of(RSA, [DEC, date(2027, 1, 1)]).endswith("de décembre 2026 à janvier 2027")
    assert [rc.retenue_plan(cents) for cents in (15_00, 136_80, 1000_00, 1200_01)] == [15_00, 20_00, 84_00, 101_00]


def test_recomputing_twice_with_the_same_data_changes_nothing(session):
    anne = single(session, "9201103")
    declare(session, anne, date(2026, 6, 1), 600_00)
    rc.recompute(session=session, dossier_id=anne.id, months=[SEP, OCT, NOV], today=TODAY)
    written = {row.id: (row.amount_cents, row.inputs_json, row.computed_at)
               for row in session.exec(select(m.Droit).where(m.Droit.dossier_id == anne.id))}
    before = counts(session)
    again = rc.recompute(session=session, dossier_id=anne.id, months=[SEP, OCT, NOV], today=TODAY)
    assert (again.changes, again.rappels, again.indus) == ((), (), ())
    assert counts(session) == before
    assert {row.id: (row.amount_cents, row.inputs_json, row.computed_at)
            for row in session.exec(select(m.Droit).where(m.Droit.dossier_id == anne.id))} == written


def test_a_quarterly_prestation_without_a_declared_quarter_keeps_its_droit(session):
    anne = single(session, "9201104")
    result = rc.recompute(session=session, dossier_id=anne.id, months=[NOV], today=TODAY)
    assert result.changes == () and {line.prestation for line in result.kept} == {RSA, PRIME}
    assert result.months_amounts == {NOV: {PRIME: 100_00, RSA: 100_00}}


def test_motifs_say_whether_the_resources_or_the_conditions_are_why(session):
    idle, rich = single(session, "9201105"), single(session, "9201106")
    declare(session, idle, date(2026, 8, 1), 0)
    declare(session, rich, date(2026, 8, 1), 2500_00)
    rc.recompute_many(session=session, dossier_ids=[idle.id, rich.id], months=[NOV], today=TODAY)
    assert droit(session, idle, NOV, PRIME).motif_sans_droit.startswith("Vous ne remplissez pas les conditions")
    assert droit(session, idle, NOV, RSA).amount_cents == simulated(droit(session, idle, NOV, RSA)) > 600_00
    assert droit(session, rich, NOV, PRIME).motif_sans_droit.startswith("Vos ressources dépassent le plafond")
    assert droit(session, rich, NOV, RSA).motif_sans_droit.startswith("Vos ressources dépassent le plafond")


def test_recompute_many_equals_recompute_for_each_dossier_in_one_request_per_month(session, monkeypatch):
    salaries = (0, 300_00, 600_00, 1300_00)
    batch = [single(session, f"92012{index}0") for index in range(len(salaries))]
    alone = [single(session, f"92013{index}0") for index in range(len(salaries))]
    for salary, one, other in zip(salaries, batch, alone, strict=True):
        declare(session, one, date(2026, 6, 1), salary)
        declare(session, other, date(2026, 6, 1), salary)
    requests = []
    real = client.calculate_blocking
    monkeypatch.setattr(client, "calculate_blocking", lambda case, **kw: requests.append(case) or real(case, **kw))
    many = rc.recompute_many(session=session, dossier_ids=[row.id for row in batch], months=[SEP, OCT, NOV],
                             today=TODAY)
    # One request per month (compute.py says why), each holding every dossier's household of that month.
    assert [len(case["menages"]) for case in requests] == [len(salaries)] * 3

    def same(result: rc.Recomputation) -> tuple:
        return (result.changes, result.rappels, [(i.prestation, i.months, i.cents) for i in result.indus],
                result.months_amounts, result.kept)

    for one, other in zip(batch, alone, strict=True):
        assert same(many[one.id]) == same(rc.recompute(session=session, dossier_id=other.id,
                                                       months=[SEP, OCT, NOV], today=TODAY))
    assert len(requests) == 3 + 3 * len(alone)
    requests.clear()
    rc.recompute_many(session=session, dossier_ids=[row.id for row in batch + alone], months=[DEC], today=TODAY)
    assert [len(case["menages"]) for case in requests] == [2 * len(salaries)]  # a revalorisation: one request


def allocataire(dossier: m.Dossier) -> Actor:
    return Actor(account_id=0, person_id=dossier.allocataire_id, dossier_id=dossier.id, role=MemberRole.ALLOCATAIRE)


def test_mes_droits_shows_why_the_amount_changed(session):
    anne = single(session, "9201107")
    declare(session, anne, date(2026, 8, 1), 600_00)
    rc.recompute(session=session, dossier_id=anne.id, months=[NOV], today=TODAY)
    declare(session, anne, date(2026, 8, 1), 1300_00, sent_day=20)
    rc.recompute(session=session, dossier_id=anne.id, months=[NOV], today=TODAY)
    _, lines = dossier_service.droits_of_month(session=session, actor=allocataire(anne), month=NOV)
    prime = next(line for line in lines if line.prestation == PRIME.label)
    change = session.exec(select(m.DroitChange).where(m.DroitChange.dossier_id == anne.id,
                                                      m.DroitChange.prestation == PRIME)).all()[-1]
    assert prime.change == (f"Avant : {format_euros(change.before_cents)} · "
                            f"Après : {format_euros(change.after_cents)}")
    assert prime.causes == [f"−{format_euros(change.before_cents - change.after_cents)} : Vos revenus d'activité "
                            "ont augmenté de 700,00\u00a0€ par mois"]
    rsa = next(line for line in lines if line.prestation == RSA.label)
    assert rsa.motif.startswith("Vos ressources dépassent") and rsa.change.startswith("Avant : 51,69")
    _, october = dossier_service.droits_of_month(session=session, actor=allocataire(anne), month=OCT)
    assert [line.change for line in october] == ["", ""]  # a month not recomputed has no "why"


def with_account(session: Session, dossier: m.Dossier) -> m.Dossier:
    session.add(m.BankAccount(dossier_id=dossier.id, iban="FR7630003012340000000000001", bic="CCBPFRPPXXX",
                              holder="ANNE", status=BankAccountStatus.ACTIVE))
    session.commit()
    return dossier


def test_last_month_changed_before_the_run_pays_it_is_paid_as_changed_with_neither_rappel_nor_indu(session):
    """November's droits recomputed on 2 December, before the run of December pays them (on the 4th): the run pays
    the new amounts, as for a month to come. A lowered month would otherwise be paid lowered and claimed back as an
    indu on top; a raised one paid twice."""
    anne = with_account(session, single(session, "9201107", months=(OCT, NOV)))
    declare(session, anne, date(2026, 8, 1), 1300_00)
    result = rc.recompute(session=session, dossier_id=anne.id, months=[NOV], today=date(2026, 12, 2))
    assert {change.prestation for change in result.changes} == {RSA, PRIME}
    assert any(c.after_cents > c.before_cents for c in result.changes)  # both cases: one up, one down
    assert any(c.after_cents < c.before_cents for c in result.changes)
    assert (result.rappels, result.indus) == ((), ())
    assert session.exec(select(m.Rappel).where(m.Rappel.dossier_id == anne.id)).all() == []
    assert session.exec(select(m.Dette).where(m.Dette.dossier_id == anne.id)).all() == []

    paid = pay_batch(session=session, dossier_ids=[anne.id], month=DEC)
    assert paid.paid == 1 and paid.total_cents == sum(result.months_amounts[NOV].values())
    assert paid.total_cents == sum(droit(session, anne, NOV, p).amount_cents or 0 for p in (RSA, PRIME))


def test_last_month_changed_once_the_run_paid_it_makes_a_rappel_and_an_indu(session):
    """The same change once the run of December has paid November (the same day, or any day after): the raised
    droit's difference is a rappel for the next run, the lowered one's an indu."""
    anne = with_account(session, single(session, "9201108", months=(OCT, NOV)))
    assert pay_batch(session=session, dossier_ids=[anne.id], month=DEC).total_cents == 200_00
    declare(session, anne, date(2026, 8, 1), 1300_00)
    result = rc.recompute(session=session, dossier_id=anne.id, months=[NOV], today=date(2026, 12, 2))
    up = [(NOV, c.prestation, c.after_cents - c.before_cents) for c in result.changes if c.after_cents > c.before_cents]
    down = [(c.prestation, -(c.after_cents - c.before_cents)) for c in result.changes if c.after_cents < c.before_cents]
    assert [(r.month, r.prestation, r.cents) for r in result.rappels] == up and up
    assert [(i.prestation, i.cents) for i in result.indus] == down and down
    assert [i.months for i in result.indus] == [(NOV,)]


def test_a_batch_of_the_run_waits_for_a_recomputation_then_pays_the_droit_it_left(engine, session):
    """A recomputation holds the dossier (payments/run.lock_dossiers) from its reading of the payments to its
    commit: a batch of the run reaching that dossier meanwhile waits, then pays the droit as the recomputation left
    it."""
    anne = with_account(session, single(session, "9201109", months=(OCT, NOV)))
    holder = Session(engine)
    run.lock_dossiers(holder, [anne.id])
    row = droit(holder, anne, NOV, RSA)
    row.amount_cents = 345_67
    holder.add(row)
    holder.flush()  # written, not committed: the recomputation in the middle of its work
    results = []
    batch = threading.Thread(target=lambda: results.append(_pay_alone(engine, anne.id)))
    batch.start()
    _wait_until_blocked(engine)
    assert batch.is_alive()
    holder.commit()
    holder.close()
    batch.join(timeout=60)
    assert results and results[0].paid == 1
    assert results[0].total_cents == 345_67 + 100_00  # the droit as the recomputation left it, and the prime


def test_a_recomputation_waits_for_a_batch_of_the_run_then_finds_the_month_paid(engine, session, monkeypatch):
    """The other way round: a batch holds the dossier while it pays last month (2 December, before the payment
    day); a recomputation of that month arriving meanwhile waits, then finds it paid: the change is a rappel and
    an indu, neither lost (read as awaiting, nothing would pay the difference) nor paid twice."""
    anne = with_account(session, single(session, "9201110", months=(OCT, NOV)))
    declare(session, anne, date(2026, 8, 1), 1300_00)
    batch = Session(engine)
    run.lock_dossiers(batch, [anne.id])
    batch.add(m.Paiement(dossier_id=anne.id, paid_on=date(2026, 12, 4), total_cents=200_00, run_month=DEC))
    batch.flush()  # the batch in the middle of its work
    computed, real = threading.Event(), rc.compute

    def compute(jobs):
        outcomes = real(jobs)
        computed.set()
        return outcomes

    monkeypatch.setattr(rc, "compute", compute)
    results = []
    recomputation = threading.Thread(target=lambda: results.append(_recompute_alone(engine, anne.id)))
    recomputation.start()
    assert computed.wait(timeout=60)  # the rules answered; now it writes
    _wait_until_blocked(engine)
    assert recomputation.is_alive()
    batch.commit()
    batch.close()
    recomputation.join(timeout=60)
    (result,) = results
    assert [r.month for r in result.rappels] == [NOV] and [i.months for i in result.indus] == [(NOV,)]


def test_a_recomputation_that_another_overtook_reads_the_dossier_again_and_counts_nothing_twice(engine, session,
                                                                                                  monkeypatch):
    """Two recomputations of the same months at once (an agent's decision and a revalorisation): the one whose
    rules answered last finds, under the dossier's lock, the amounts the other wrote meanwhile; it computes again
    from them, so the past months raised make their rappels once, not twice."""
    anne = single(session, "9201111", months=(SEP, OCT))
    declare(session, anne, date(2026, 6, 1), 300_00)
    real, overtaken, other = rc.compute, [], []

    def compute(jobs):
        if not overtaken:  # while this one waits for the rules, the other recomputes the dossier and commits
            overtaken.append(True)
            with Session(engine) as elsewhere:
                other.append(rc.recompute(session=elsewhere, dossier_id=anne.id, months=[SEP, OCT], today=TODAY))
        return real(jobs)

    monkeypatch.setattr(rc, "compute", compute)
    late = rc.recompute(session=session, dossier_id=anne.id, months=[SEP, OCT], today=TODAY)
    (first,) = other
    assert first.rappels and all(line.month in (SEP, OCT) for line in first.rappels)
    assert (late.changes, late.rappels, late.indus) == ((), (), ())
    assert late.months_amounts == first.months_amounts
    rows = session.exec(select(m.Rappel).where(m.Rappel.dossier_id == anne.id)).all()
    assert sorted((row.month, row.prestation, row.amount_cents) for row in rows) == sorted(
        (line.month, line.prestation, line.cents) for line in first.rappels)
    assert len(session.exec(select(m.DroitChange).where(m.DroitChange.dossier_id == anne.id)).all()) == len(
        first.changes)


def _wait_until_blocked(engine) -> None:
    """Until another connection waits on a lock: seen in pg_stat_activity (a new connection each time: one
    transaction sees one snapshot of it); SQLite, one writer at a time, says nothing: half a second for the other
    thread to reach its first write, which then waits for this one's commit."""
    if engine.dialect.name != "postgresql":
        time.sleep(0.5)
        return
    waiting = "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND datname = current_database()"
    deadline = time.monotonic() + 20
    while _scalar(engine, waiting) == 0:
        assert time.monotonic() < deadline, "the other transaction should wait on the dossier's lock"
        time.sleep(0.05)


def _pay_alone(engine, dossier_id: int):
    with Session(engine) as session:
        return pay_batch(session=session, dossier_ids=[dossier_id], month=DEC)


def _recompute_alone(engine, dossier_id: int):
    with Session(engine) as session:
        return rc.recompute(session=session, dossier_id=dossier_id, months=[NOV], today=date(2026, 12, 2))


def _scalar(engine, statement: str):
    with engine.connect() as connection:
        return connection.execute(text(statement)).scalar()
