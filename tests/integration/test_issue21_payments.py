"""Issue 21, points 8, 12 and 15 (payment dates): an attestation covers this Caf's payments and names the
former Caf for the others, which the person writes to through Mes dossiers and Contacter ma Caf; the chart's
12 months to scale; the payment dates said as the texts say them."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

from sqlmodel import select

from caf_app import models as m
from caf_app.content import load
from caf_app.domain.prestations import Prestation
from caf_app.services.communications import agenda
from caf_app.services.identity import dossiers
from caf_app.services.payments import paiements, statements
from tests.factories import SECRET, actor, actor_of, open_session
from tests.personas import ELISE, JONAS

from .conftest import TODAY

NBSP = "\u00a0"
BOUCHES_DU_RHONE = "Caf des Bouches-du-Rhône"


def former_dossier(session) -> m.Dossier:
    return session.exec(select(m.Dossier).where(m.Dossier.numero_allocataire == "1309001")).one()


def pay_on_former_dossier(session, paid_on: date) -> None:
    """A payment of Jonas's former Caf inside the last 24 months (a move less than two years ago)."""
    old = former_dossier(session)
    payment = m.Paiement(dossier_id=old.id, paid_on=paid_on, total_cents=210_40, beneficiary="JONAS DUCHAIS")
    session.add(payment)
    session.flush()
    period = (paid_on.replace(day=1) - timedelta(days=1)).replace(day=1)
    session.add(m.PaiementLigne(paiement_id=payment.id, prestation=Prestation.APL, period_start=period,
                                period_end=paid_on.replace(day=1) - timedelta(days=1), amount_cents=210_40))
    session.commit()


def test_point_8_months_a_former_caf_paid_are_named_with_that_caf(seeded):
    jonas = actor_of(seeded, JONAS.nir)
    # The seed's former dossier was paid 30 to 28 months ago (May to July 2024): older than the 24 months.
    [paid] = statements.paid_elsewhere(session=seeded, actor=jonas, start=date(2024, 5, 1), end=date(2024, 7, 31))
    assert paid.dossier_id == former_dossier(seeded).id and paid.caf_name == BOUCHES_DU_RHONE
    assert paid.sentence == (
        "Les paiements de mai 2024 à juillet 2024 ont été faits par la Caf des Bouches-du-Rhône (votre ancien "
        "dossier N° 1309001) : cette attestation ne les couvre pas. Demandez l'attestation de ces mois à cette Caf.")
    [june] = statements.paid_elsewhere(session=seeded, actor=jonas, start=date(2024, 6, 1), end=date(2024, 6, 30))
    assert june.sentence.startswith("Les paiements du mois de juin 2024 ont été faits par la Caf des Bouches")
    assert statements.paid_elsewhere(session=seeded, actor=jonas, start=date(2025, 1, 1), end=TODAY) == []
    elise = actor_of(seeded, ELISE.nir)  # no former dossier
    assert statements.paid_elsewhere(session=seeded, actor=elise, start=date(2024, 5, 1), end=TODAY) == []


def test_point_8_an_attestation_for_a_period_covers_only_the_months_this_caf_paid(seeded):
    pay_on_former_dossier(seeded, date(2025, 3, 5))
    jonas = actor_of(seeded, JONAS.nir)
    start, end = date(2025, 3, 1), date(2025, 3, 31)
    data = statements.payment_attestation(session=seeded, actor=jonas, start=start, end=end, today=TODAY)
    assert data.header.caf_name == "Caf des Hauts-de-Seine"
    assert data.period_label == "Du 01/03/2025 au 31/03/2025 (paiements de la Caf des Hauts-de-Seine seulement)"
    assert [row.amount for row in data.payments] == [f"132,08{NBSP}€"]  # this Caf's; not the former's 210,40 €
    [paid] = statements.paid_elsewhere(session=seeded, actor=jonas, start=start, end=end)
    assert paid.sentence.startswith("Les paiements du mois de mars 2025 ont été faits par la Caf des Bouches")
    alone = statements.payment_attestation(session=seeded, actor=jonas, start=date(2025, 4, 1),
                                           end=date(2025, 4, 30), today=TODAY)
    assert alone.period_label == "Du 01/04/2025 au 30/04/2025"


def test_point_8_writing_to_the_former_caf_goes_through_mes_dossiers_and_contacter_ma_caf(seeded):
    """What « Écrire à la Caf des Bouches-du-Rhône » does (state/documents.py): the former dossier chosen in
    Mes dossiers, then Contacter ma Caf's one way of writing, which reaches that Caf's dossier."""
    token = open_session(seeded, JONAS.nir)
    jonas = actor(seeded, token)
    old = former_dossier(seeded)
    dossiers.switch(session=seeded, actor=jonas, dossier_id=old.id, token=token, secret=SECRET)
    on_old = actor(seeded, token)
    contact = agenda.contact(session=seeded, actor=on_old)
    assert (contact.caf_name, contact.can_write) == (BOUCHES_DU_RHONE, True)
    reference = agenda.write_to_caf(session=seeded, actor=on_old, subject="Attestation de paiement",
                                    message="Merci de m'envoyer l'attestation de mai à juillet 2024.")
    demarche = seeded.exec(select(m.Demarche).where(m.Demarche.reference == reference)).one()
    assert demarche.dossier_id == old.id


def test_point_12_the_chart_has_the_12_months_on_one_scale(seeded):
    elise = actor_of(seeded, ELISE.nir)
    bars, legend, chart = paiements.last_12_months(session=seeded, actor=elise, today=TODAY)
    assert [month.short for month in chart] == ["déc.", "janv.", "févr.", "mars", "avr.", "mai", "juin", "juil.",
                                               "août", "sept.", "oct.", "nov."]
    assert chart[0].month == "Décembre 2025" and chart[-1].month == "Novembre 2026"
    # The amounts themselves, not heights computed per month: equal totals are equal values on one axis.
    assert {round(sum(month.euros.values()), 2) for month in chart} == {575.52}
    assert chart[-1].euros == {"p0": 245.52, "p1": 330.0} and legend[0] == "Aide personnalisée au logement"
    assert chart[-1].total == f"575,52{NBSP}€" and len(bars) == 12


def test_point_15_the_payment_dates_are_said_as_the_texts_say_them():
    """No more « autour du 5 »: the arrêté of 29 June 1994 (the 5th of the month after, or the nearest working
    day), cited on the page (Mes paiements) and in the public home page's answer, in the same words."""
    answers = {item["question"]: item["answer"] for item in load("accueil_allocataires")["questions"]["items"]}
    assert answers["Quand ma prestation est-elle versée ?"] == paiements.PAYMENT_DATES_HELP
    assert "arrêté du 29 juin 1994" in paiements.PAYMENT_DATES_HELP
    assert "le 5, ou le jour ouvré le plus proche" in paiements.PAYMENT_DATES_HELP
    app = Path(__file__).resolve().parents[2] / "caf_app"
    said = [path for path in app.rglob("*") if path.suffix in (".py", ".json", ".md")
            and "autour du 5" in path.read_text(encoding="utf-8")]
    assert said == []
