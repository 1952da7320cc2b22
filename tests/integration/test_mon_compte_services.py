from datetime import date

import pytest
from sqlmodel import select

from caf_app import models as m
from caf_app.domain.errors import DomainError, Forbidden
from caf_app.pdf.statements import payment_attestation_pdf, qf_attestation_pdf, releve_pdf
from caf_app.services.communications import courriers
from caf_app.services.payments import dettes, releve, statements
from tests.factories import VISA_TEST, actor_of
from tests.files import pdf_text
from tests.personas import ELISE, ERIC, JONAS, JOSEPHINE, SAMIR

from .conftest import TODAY


def test_attestation_of_a_month_lists_its_payments_droits_and_a_reference(seeded):
    elise = actor_of(seeded, ELISE.nir)
    start, end = statements.month_bounds(date(2026, 10, 1))
    data = statements.payment_attestation(session=seeded, actor=elise, start=start, end=end, today=TODAY)
    text = pdf_text(payment_attestation_pdf(data))
    for expected in ("Attestation de paiement", "ELISE LAMBERT", "1302002", "05/10/2026", "330,00 €", "245,52 €",
                     "Pour le mois de Septembre 2026", "Caf des Bouches-du-Rhône", data.reference,
                     "aucune valeur officielle"):
        assert expected in text, expected
    recorded = seeded.exec(select(m.AttestationReference)
                           .where(m.AttestationReference.reference == data.reference)).one()
    assert (recorded.kind, recorded.period_start, recorded.period_end, recorded.total_cents) == (
        "paiement", start, end, 575_52)
    assert not seeded.exec(select(m.Demarche).where(m.Demarche.reference == data.reference)).first()


def test_attestation_shows_the_regularisation_and_the_prestations_sans_droit(seeded):
    josephine = actor_of(seeded, JOSEPHINE.nir)
    data = statements.payment_attestation(session=seeded, actor=josephine, start=date(2026, 11, 1), end=TODAY,
                                          today=TODAY)
    text = pdf_text(payment_attestation_pdf(data))
    assert "8 172,93 €" in text and "Juillet 2017 à Mars 2019" in text
    assert "Ressources trimestrielles non fournies" in text and "Prestations sans droit" in text


@pytest.mark.parametrize("start, end, field", [
    (date(2024, 1, 1), date(2026, 11, 1), "du"), (date(2026, 5, 1), date(2026, 4, 1), "au"),
    (date(2026, 5, 1), date(2027, 1, 1), "au"),
])
def test_attestation_periods_are_at_most_24_months_in_the_past(seeded, start, end, field):
    with pytest.raises(DomainError) as error:
        statements.payment_attestation(session=seeded, actor=actor_of(seeded, ELISE.nir), start=start,
                                       end=end, today=TODAY)
    assert error.value.field == field


def test_qf_attestation_and_releve(seeded):
    jonas = actor_of(seeded, JONAS.nir)
    assert "1 054 €" in pdf_text(qf_attestation_pdf(statements.qf_attestation(
        session=seeded, actor=jonas, month=date(2026, 11, 1), today=TODAY)))
    samir = actor_of(seeded, SAMIR.nir)
    text = pdf_text(releve_pdf(releve.releve(session=seeded, actor=samir, month=date(2026, 11, 1), today=TODAY)))
    assert "Retenue" in text and "50,00 €" in text and "1 130,26 €" in text


def test_spouse_without_delegation_gets_no_attestation_nor_courrier(seeded):
    eric = actor_of(seeded, ERIC.nir)
    with pytest.raises(Forbidden):
        statements.payment_attestation(session=seeded, actor=eric, start=TODAY, end=TODAY, today=TODAY,
                                       last_only=True)
    with pytest.raises(Forbidden):
        courriers.courriers(session=seeded, actor=eric)
    assert courriers.unread_count(session=seeded, actor=eric) == 0


def test_a_courrier_of_another_dossier_is_never_served(seeded):
    jonas, elise = actor_of(seeded, JONAS.nir), actor_of(seeded, ELISE.nir)
    elise_courrier = next(line for line in courriers.courriers(session=seeded, actor=elise) if not line.sent)
    assert courriers.courrier_pdf(session=seeded, actor=jonas, courrier_id=elise_courrier.id) is None
    assert not courriers.mark_read(session=seeded, actor=jonas, courrier_id=elise_courrier.id)
    assert courriers.courrier_pdf(session=seeded, actor=elise, courrier_id=elise_courrier.id).startswith(b"%PDF")


def test_opening_the_unread_courrier_clears_the_count(seeded):
    jonas = actor_of(seeded, JONAS.nir)
    unread = [c for c in courriers.courriers(session=seeded, actor=jonas) if c.unread]
    assert courriers.unread_count(session=seeded, actor=jonas) == len(unread) == 1
    courriers.mark_read(session=seeded, actor=jonas, courrier_id=unread[0].id)
    assert courriers.unread_count(session=seeded, actor=jonas) == 0


def test_repaying_100_euros_is_recorded_once_and_lowers_the_balance(seeded):
    samir = actor_of(seeded, SAMIR.nir)
    debt = dettes.debts(session=seeded, actor=samir)[0]
    assert debt.balance == "1\u202f130,26\u00a0€"
    reference = dettes.start_repayment(session=seeded, actor=samir, dette_id=debt.id, amount_cents=100_00)
    first = dettes.pay(session=seeded, actor=samir, reference=reference, card=VISA_TEST, expiry="09/28", code="123",
                       today=TODAY)
    again = dettes.pay(session=seeded, actor=samir, reference=reference, card=VISA_TEST, expiry="09/28", code="123",
                       today=TODAY)
    assert first == again and first.balance == "1\u202f030,26\u00a0€" and first.card_last4 == "1111"
    assert len(seeded.exec(select(m.DetteMouvement).where(m.DetteMouvement.reference == reference)).all()) == 1
    intent = seeded.exec(select(m.RepaymentIntent)).one()
    assert intent.card_last4 == "1111" and "41111111" not in str(intent.model_dump())


def test_a_wrong_card_or_amount_is_refused_with_its_message(seeded):
    samir = actor_of(seeded, SAMIR.nir)
    debt = dettes.debts(session=seeded, actor=samir)[0]
    with pytest.raises(DomainError, match="dépasser"):
        dettes.start_repayment(session=seeded, actor=samir, dette_id=debt.id, amount_cents=2000_00)
    reference = dettes.start_repayment(session=seeded, actor=samir, dette_id=debt.id, amount_cents=10_00)
    with pytest.raises(DomainError) as error:
        dettes.pay(session=seeded, actor=samir, reference=reference, card="4111111111111112", expiry="09/28",
                   code="123", today=TODAY)
    assert error.value.field == "carte"
    jonas = actor_of(seeded, JONAS.nir)
    with pytest.raises(Forbidden):
        dettes.pay(session=seeded, actor=jonas, reference=reference, card=VISA_TEST, expiry="09/28", code="123",
                   today=TODAY)


def test_two_repayments_of_the_whole_debt_cannot_both_go_through(seeded):
    samir = actor_of(seeded, SAMIR.nir)
    debt = dettes.debts(session=seeded, actor=samir)[0]
    first, second = (dettes.start_repayment(session=seeded, actor=samir, dette_id=debt.id,
                                            amount_cents=debt.balance_cents) for _ in range(2))
    dettes.pay(session=seeded, actor=samir, reference=first, card=VISA_TEST, expiry="09/28", code="123", today=TODAY)
    with pytest.raises(DomainError):
        dettes.pay(session=seeded, actor=samir, reference=second, card=VISA_TEST, expiry="09/28", code="123",
                   today=TODAY)
    assert dettes.debts(session=seeded, actor=samir)[0].balance_cents == 0


def test_7_mes_paiements_details_the_debts_left_and_the_menu_lists_mes_dettes_only_while_one_is_owed(seeded):
    samir, jonas, eric = (actor_of(seeded, person.nir) for person in (SAMIR, JONAS, ERIC))
    assert dettes.owed(session=seeded, actor=samir) == [
        dettes.OwedLine("Prime d'activité", "1\u202f130,26\u00a0€")]
    assert dettes.has_debt(session=seeded, actor=samir)
    assert dettes.owed(session=seeded, actor=jonas) == [] and not dettes.has_debt(session=seeded, actor=jonas)
    assert not dettes.has_debt(session=seeded, actor=eric)  # a conjoint without délégation: no entry, no refusal
    with pytest.raises(Forbidden):
        dettes.owed(session=seeded, actor=eric)
    debt = dettes.debts(session=seeded, actor=samir)[0]
    reference = dettes.start_repayment(session=seeded, actor=samir, dette_id=debt.id, amount_cents=debt.balance_cents)
    dettes.pay(session=seeded, actor=samir, reference=reference, card=VISA_TEST, expiry="09/28", code="123",
               today=TODAY)
    assert dettes.owed(session=seeded, actor=samir) == [] and not dettes.has_debt(session=seeded, actor=samir)


def test_the_dashboard_s_mon_profil_says_the_conjoint_s_activity_after_one_s_own(seeded):
    """Issue 21, point 6: the seed's MON PROFIL, « Mon conjoint a une activité non salariée depuis le … »."""
    from caf_app.services.payments import accueil
    from tests.personas import ANTOINE

    elise = accueil.dashboard(session=seeded, actor=actor_of(seeded, ELISE.nir))
    assert elise.profile_sentences[-2:] == ["J'ai une activité salariée depuis le 01/09/2020",
                                            "Mon conjoint a une activité non salariée depuis le 01/03/2011"]
    antoine = accueil.dashboard(session=seeded, actor=actor_of(seeded, ANTOINE.nir))
    assert antoine.profile_sentences[-1] == "Ma conjointe a une activité salariée depuis le 01/09/2020"
