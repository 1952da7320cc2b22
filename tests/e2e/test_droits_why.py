"""Issue 20, point 4: on a month whose amount a recomputation changed, Mes droits offers « Pourquoi ce montant a
changé ? », with before → after and each cause in euros. The recomputation runs through the service itself
(caf_app/services/droits) against the run's OpenFisca service, on the app's database, before the page opens."""

from __future__ import annotations

import re
from datetime import datetime, timezone

from playwright.sync_api import expect
from sqlmodel import Session, select

from caf_app import clock, models as m
from caf_app.domain.dates import first_of_month
from caf_app.domain.declarations import quarter_due
from caf_app.domain.prestations import Prestation
from caf_app.domain.statuses import DraftStatus
from caf_app.services.droits.recompute import recompute
from tests.personas import ERIC, NADIA

from .conftest import log_in

KEPT = ("declarationtrimestrielle", "declarationmontant", "droit", "droitchange", "rappel", "dette")


def _declare_quarter_due(session: Session, dossier: m.Dossier, salaries: dict[int, int]) -> None:
    """The AAH declaration of the quarter due, sent with these monthly salaries (person id -> cents)."""
    quarter = quarter_due(clock.today())
    row = m.DeclarationTrimestrielle(dossier_id=dossier.id, prestation=Prestation.AAH, quarter_start=quarter.start,
                                     status=DraftStatus.ENVOYE, sent_at=datetime.now(timezone.utc))
    session.add(row)
    session.flush()
    for person_id, cents in salaries.items():
        for month in quarter.months:
            session.add(m.DeclarationMontant(declaration_id=row.id, person_id=person_id, month=month,
                                             category="salaires", amount_cents=cents))
    session.commit()


def _nadia_earns_500_euros_more(app_db) -> int:
    """Nadia's AAH of this month recomputed from her dossier, then again once she declares 500 € a month of
    salary (Eric's unchanged): the change the page explains. Returns the AAH after, in cents."""
    today = clock.today()
    with Session(app_db) as session:
        dossier = session.exec(select(m.Dossier).where(m.Dossier.numero_allocataire == NADIA.dossier)).one()
        eric = session.exec(select(m.Person).where(m.Person.nir == ERIC.nir)).one()
        _declare_quarter_due(session, dossier, {eric.id: 1850_00})
        recompute(session=session, dossier_id=dossier.id, months=[first_of_month(today)], today=today)
        _declare_quarter_due(session, dossier, {eric.id: 1850_00, dossier.allocataire_id: 500_00})
        result = recompute(session=session, dossier_id=dossier.id, months=[first_of_month(today)], today=today)
    (change,) = result.changes
    assert change.prestation is Prestation.AAH and change.after_cents < change.before_cents
    return change.after_cents


def test_nadia_sees_why_her_aah_changed_this_month(page, app_db, tables_kept):
    tables_kept(*KEPT)
    _nadia_earns_500_euros_more(app_db)
    log_in(page, NADIA.nir, then="/allocations")
    expect(page.get_by_role("heading", name=re.compile(r"Mes droits (de |d')\S+ \d{4}"))).to_be_visible()
    why = page.get_by_text("Pourquoi ce montant a changé ? : Allocation aux adultes handicapés")
    cause = page.get_by_text(re.compile(r"^−[\d\u202f]+,\d\d\u00a0€ : Vos revenus d'activité ont augmenté de "
                                        r"500,00\u00a0€ par mois$"))
    expect(why).to_be_visible()
    expect(cause).to_be_hidden()  # a closed disclosure
    why.click()
    expect(cause).to_be_visible()
    expect(page.get_by_text(re.compile(r"^Avant : 1\u202f0\d\d,\d\d\u00a0€ · Après : "))).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"), "no sideways scroll at 390 px"
    page.get_by_role("button", name="Mois précédent").click()
    expect(why).to_have_count(0)  # last month was not recomputed
