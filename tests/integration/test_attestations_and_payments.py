"""Attestation references and their public check, the last payment's droits, the 12-month chart, a payment
to a tiers, the relevé after a repayment, the dashboard's last login, and every PDF on A4."""

from __future__ import annotations

import io
import re
from datetime import date, datetime, timedelta, timezone

import pytest
from pypdf import PdfReader
from sqlmodel import Session, create_engine, func, select, text

from caf_app import models as m
from caf_app.domain.bank import make_iban
from caf_app.domain.dates import add_months, format_month
from caf_app.domain.errors import DomainError
from caf_app.domain.prestations import Prestation
from caf_app.domain.statuses import DraftStatus
from caf_app.migrations import downgrade, upgrade
from caf_app.pdf.statements import payment_attestation_pdf, releve_pdf
from caf_app.seed import seed
from caf_app.services.communications import courriers
from caf_app.services.paperwork import sending
from caf_app.services.payments import accueil, dettes, paiements, releve, statements
from caf_app.services.situation import declarations
from tests.factories import VISA_TEST, actor_of
from tests.files import pdf_text
from tests.hostile import HOSTILE
from tests.personas import ELISE, JONAS, JOSEPHINE, NADIA, SAMIR

from .conftest import TODAY

NNBSP, NBSP = "\u202f", "\u00a0"


def test_an_attestation_reference_is_unguessable_and_is_no_demarche(seeded):
    elise = actor_of(seeded, ELISE.nir)
    demarches = seeded.exec(select(func.count()).select_from(m.Demarche)).one()
    references = {statements.payment_attestation(session=seeded, actor=elise, start=TODAY, end=TODAY, today=TODAY,
                                                 last_only=True).reference for _ in range(20)}
    assert len(references) == 20
    for reference in references:
        assert re.fullmatch(r"ATT-1302002-([0-9A-HJKMNP-TV-Z]{4}-){3}[0-9A-HJKMNP-TV-Z]{4}", reference), reference
    assert statements.TOKEN_LENGTH * 5 >= 64  # bits: 5 per character of base 32
    assert seeded.exec(select(func.count()).select_from(m.Demarche)).one() == demarches


def test_a_payment_attestation_is_verified_with_what_it_certifies(seeded):
    elise = actor_of(seeded, ELISE.nir)
    start, end = statements.month_bounds(date(2026, 10, 1))
    data = statements.payment_attestation(session=seeded, actor=elise, start=start, end=end, today=TODAY)
    found = statements.verify(seeded, data.reference)
    assert found.kind == "Attestation de paiement"
    assert found.period == "du 01/10/2026 au 31/10/2026"
    assert found.allocataire == "Elise L."
    assert (found.amount_label, found.amount) == ("Total des paiements attestés", f"575,52{NBSP}€")
    assert re.fullmatch(r"\d{2}/\d{2}/\d{4}", found.made_on)
    shown = " ".join(str(value) for value in vars(found).values())
    assert ELISE.nir not in shown and "PIVOINES" not in shown and "LAMBERT" not in shown
    # Typed again by hand: small letters and spaces are forgiven.
    assert statements.verify(seeded, f"  {data.reference.lower()} ") == found


def test_a_qf_attestation_is_verified_with_its_quotient(seeded):
    jonas = actor_of(seeded, JONAS.nir)
    data = statements.qf_attestation(session=seeded, actor=jonas, month=date(2026, 11, 1), today=TODAY)
    found = statements.verify(seeded, data.reference)
    assert (found.kind, found.period, found.allocataire) == (
        "Attestation de quotient familial", "du 01/11/2026 au 30/11/2026", "Jonas D.")
    assert (found.amount_label, found.amount) == ("Quotient familial", f"1{NNBSP}054{NBSP}€")
    row = seeded.exec(select(m.AttestationReference).where(m.AttestationReference.reference == data.reference)).one()
    assert (row.kind, row.total_cents) == ("quotient familial", 1054_00)


def test_an_unknown_or_hostile_reference_verifies_nothing(seeded):
    data = statements.payment_attestation(session=seeded, actor=actor_of(seeded, ELISE.nir), start=TODAY, end=TODAY,
                                          today=TODAY, last_only=True)
    for reference in ("", "ATT-1302002-0000-0000-0000-0000", "ATT-1302002", data.reference[:-1], "%",
                      data.reference + "x" * 500, *HOSTILE):
        assert statements.verify(seeded, reference) is None, reference


def test_unknown_references_are_refused_with_the_wait_then_lock_one_client_address_only(seeded, clock):
    def attempt(reference: str, client: str):
        return statements.verify_counted(session=seeded, reference=reference, client=client)

    data = statements.payment_attestation(session=seeded, actor=actor_of(seeded, ELISE.nir), start=TODAY, end=TODAY,
                                          today=TODAY, last_only=True)
    for _ in range(30):  # a verifier checking the attestations of many tenants is never slowed
        assert attempt(data.reference, "192.0.2.9")
    for _ in range(5):
        assert attempt("ATT-0-NOPE", "192.0.2.9") is None
    with pytest.raises(DomainError) as error:  # at once, not checked: this one counts, the next wait doubles
        attempt("ATT-0-NOPE", "192.0.2.9")
    assert (error.value.field, error.value.message) == ("reference", "Trop de tentatives. Réessayez dans 2 secondes.")
    clock.advance(seconds=2)
    assert attempt("ATT-0-NOPE", "192.0.2.9") is None
    for _ in range(13):
        with pytest.raises(DomainError):
            attempt("ATT-0-NOPE", "192.0.2.9")
    with pytest.raises(DomainError) as error:
        attempt(data.reference, "192.0.2.9")
    assert error.value.field == "reference" and "15 minutes" in error.value.message
    assert attempt(data.reference, "192.0.2.10")
    # The login counters of that address are left alone.
    assert not seeded.exec(select(m.ThrottleCounter).where(m.ThrottleCounter.key == "client:192.0.2.9")).first()


def test_the_last_payment_attestation_lists_the_droits_of_the_month_it_pays_for(seeded):
    elise = actor_of(seeded, ELISE.nir)
    data = statements.payment_attestation(session=seeded, actor=elise, start=TODAY, end=TODAY, today=TODAY,
                                          last_only=True)
    assert data.period_label == "Paiement du 05/11/2026"
    assert {row.month for row in data.droits} == {"Octobre 2026"}  # paid on 5 November for October
    assert {row.prestation for row in data.droits} == {"Prime d'activité", "Aide personnalisée au logement"}
    assert "Droits des mois payés" in pdf_text(payment_attestation_pdf(data))


def test_the_last_payment_with_a_regularisation_lists_only_the_droits_known_for_its_months(seeded):
    josephine = actor_of(seeded, JOSEPHINE.nir)
    data = statements.payment_attestation(session=seeded, actor=josephine, start=TODAY, end=TODAY, today=TODAY,
                                          last_only=True)
    assert {row.month for row in data.droits} == {"Octobre 2026"}
    assert all(not row.motif for row in data.droits)  # November's "sans droit" is not what this payment paid


def test_the_chart_covers_the_last_12_calendar_months_even_with_a_month_without_payment(seeded):
    elise = actor_of(seeded, ELISE.nir)
    gap = date(2026, 6, 5)
    payment = seeded.exec(select(m.Paiement).where(m.Paiement.dossier_id == elise.dossier_id,
                                                   m.Paiement.paid_on == gap)).one()
    for line in seeded.exec(select(m.PaiementLigne).where(m.PaiementLigne.paiement_id == payment.id)):
        seeded.delete(line)
    seeded.flush()  # the lines first (PostgreSQL checks the foreign key)
    seeded.delete(payment)
    seeded.commit()
    bars, legend, chart = paiements.last_12_months(session=seeded, actor=elise, today=TODAY)
    expected = [format_month(add_months(TODAY, -back), capital=True) for back in range(11, -1, -1)]
    assert [month.month for month in chart] == expected  # the chart: December 2025 to November 2026, June at 0
    assert chart[6].euros == {} and chart[6].total == f"0,00{NBSP}€"
    expected.remove("Juin 2026")
    assert [bar.month for bar in bars] == expected  # the table: the months paid
    assert "Novembre 2025" not in [bar.month for bar in bars]
    assert legend == ["Aide personnalisée au logement", "Prime d'activité"]


def test_before_this_month_s_payment_day_the_chart_ends_with_the_month_before(seeded):
    """From the 1st to the day before the payment day, this month's payment is not due: the chart shows the 12
    months paid so far, not a month at 0 € that would read as a payment missed; from the payment day on (Friday
    4 December 2026, the 5th being a Saturday), this month is shown, at 0 € as long as it is not paid."""
    elise = actor_of(seeded, ELISE.nir)
    paid_so_far = [format_month(add_months(TODAY, -back), capital=True) for back in range(11, -1, -1)]
    _, _, chart = paiements.last_12_months(session=seeded, actor=elise, today=date(2026, 12, 3))
    assert [month.month for month in chart] == paid_so_far
    bars, _, chart = paiements.last_12_months(session=seeded, actor=elise, today=date(2026, 12, 4))
    assert [month.month for month in chart] == paid_so_far[1:] + ["Décembre 2026"]
    assert chart[-1].total == f"0,00{NBSP}€" and len(bars) == 11


def test_a_payment_to_a_tiers_shows_who_received_it_and_only_the_end_of_the_iban(seeded):
    elise = actor_of(seeded, ELISE.nir)
    iban = make_iban("20041", "01008", "0500013M026")
    payment = m.Paiement(dossier_id=elise.dossier_id, paid_on=TODAY - timedelta(days=1), total_cents=245_52,
                         destination="tiers", beneficiary="HABITAT MARSEILLE PROVENCE", iban=iban,
                         bic="PSSTFRPPMAR", holder="HABITAT MARSEILLE PROVENCE")
    seeded.add(payment)
    seeded.flush()
    seeded.add(m.PaiementLigne(paiement_id=payment.id, prestation=Prestation.APL,
                               period_start=date(2026, 10, 1), period_end=date(2026, 10, 31), amount_cents=245_52))
    seeded.commit()
    detail = paiements.payment_details(session=seeded, actor=elise)[0]
    assert detail.id == payment.id and detail.paid_on == "25/11/2026"
    assert detail.destination == f"Versé à un tiers : HABITAT MARSEILLE PROVENCE, compte •••• {iban[-4:]}"
    assert iban[:-4] not in detail.destination and iban[-5:] not in detail.destination
    assert [line.label for line in detail.lines] == ["Aide personnalisée au logement"]
    assert detail.lines[0].period == "Pour le mois d'Octobre 2026"


def test_the_releve_after_a_repayment_shows_it(seeded):
    samir = actor_of(seeded, SAMIR.nir)
    debt = dettes.debts(session=seeded, actor=samir)[0]
    reference = dettes.start_repayment(session=seeded, actor=samir, dette_id=debt.id, amount_cents=100_00)
    dettes.pay(session=seeded, actor=samir, reference=reference, card=VISA_TEST, expiry="09/28", code="123",
               today=TODAY)
    text = pdf_text(releve_pdf(releve.releve(session=seeded, actor=samir, month=TODAY, today=TODAY)))
    assert "Remboursement en ligne" in text and "100,00 €" in text
    assert "Reste dû à la Caf à la fin du mois : 1 030,26 €" in text


def test_the_dashboard_gives_the_last_login_in_paris_time_with_a_colon(seeded):
    elise = actor_of(seeded, ELISE.nir)
    account = seeded.get(m.Account, elise.account_id)
    account.previous_login_at = datetime(2022, 5, 4, 14, 53, tzinfo=timezone.utc)  # 16:53 in Paris (summer)
    seeded.add(account)
    seeded.commit()
    assert accueil.dashboard(session=seeded, actor=elise).last_login == "Dernière connexion le 04/05/2022 à 16:53"


def test_after_two_logins_the_dashboard_gives_the_first_one(seeded):
    actor_of(seeded, ELISE.nir)
    elise = actor_of(seeded, ELISE.nir)
    assert re.fullmatch(r"Dernière connexion le \d{2}/\d{2}/\d{4} à \d{2}:\d{2}",
                        accueil.dashboard(session=seeded, actor=elise).last_login)


def pages_of(pdf: bytes) -> list:
    assert pdf.startswith(b"%PDF")
    return list(PdfReader(io.BytesIO(pdf)).pages)


def test_courriers_and_receipts_are_a4_too(seeded):
    elise, nadia = actor_of(seeded, ELISE.nir), actor_of(seeded, NADIA.nir)
    courrier = next(c for c in courriers.courriers(session=seeded, actor=elise) if not c.sent)
    demarche = seeded.exec(select(m.Demarche).where(m.Demarche.dossier_id == elise.dossier_id)).first()
    declaration = seeded.exec(select(m.DeclarationTrimestrielle)
                              .where(m.DeclarationTrimestrielle.dossier_id == nadia.dossier_id,
                                     m.DeclarationTrimestrielle.status == DraftStatus.ENVOYE)).one()
    for pdf in (courriers.courrier_pdf(session=seeded, actor=elise, courrier_id=courrier.id),
                sending.receipt_pdf(session=seeded, actor=elise, demarche_id=demarche.id),
                declarations.receipt_pdf(session=seeded, actor=nadia, draft_id=declaration.id)):
        for page in pages_of(pdf):
            assert (round(float(page.mediabox.width)), round(float(page.mediabox.height))) == (595, 842)


def test_the_migration_removes_the_attestation_demarches_of_before(tmp_path):
    """Seeded at the head, then taken back to before attestation references (the models no longer write an
    "attestation" démarche, so it goes in as SQL), then up again."""
    engine = create_engine(f"sqlite:///{tmp_path / 'before.db'}")
    upgrade(engine)
    with Session(engine) as session:
        seed(session, today=TODAY)
    downgrade(engine, "e6258c8f899b")
    with engine.begin() as connection:
        dossier_id = connection.execute(text("SELECT min(id) FROM dossier")).scalar()
        connection.execute(text("INSERT INTO demarche (dossier_id, kind, title, status, created_on, updated_on, "
                                "reference, detail) VALUES (:dossier, 'attestation', 'Attestation de paiement', "
                                "'traitee', :at, :at, 'ATT-1302002-0A1B2C3D', '')"),
                           {"dossier": dossier_id, "at": datetime.now(timezone.utc)})
        kept = connection.execute(text("SELECT count(*) FROM demarche")).scalar() - 1
    upgrade(engine)
    with engine.connect() as connection:
        assert connection.execute(text("SELECT count(*) FROM demarche WHERE kind = 'attestation'")).scalar() == 0
        assert connection.execute(text("SELECT count(*) FROM demarche")).scalar() == kept
        assert connection.execute(text("SELECT count(*) FROM attestationreference")).scalar() == 0
    engine.dispose()
