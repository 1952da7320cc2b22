"""The days the Caf pays on: the 5th, or the nearest working day (arrêté du 29 juin 1994, art. 1)."""

from datetime import date

from caf_app.domain.dates import easter_sunday, nearest_working_day, public_holidays
from caf_app.services.payments.run import payment_day


def test_the_caf_pays_on_the_5th_or_the_nearest_working_day():
    assert [easter_sunday(y) for y in (2024, 2025, 2026, 2027, 2038)] == [
        date(2024, 3, 31), date(2025, 4, 20), date(2026, 4, 5), date(2027, 3, 28), date(2038, 4, 25)]
    assert date(2027, 5, 6) in public_holidays(2027)  # Ascension, 39 days after Easter
    assert nearest_working_day(date(2027, 1, 5)) == date(2027, 1, 5)  # a Tuesday
    assert nearest_working_day(date(2026, 12, 5)) == date(2026, 12, 4)  # Saturday: the Friday before
    assert nearest_working_day(date(2027, 9, 5)) == date(2027, 9, 6)  # Sunday: the Monday after
    assert nearest_working_day(date(2026, 4, 5)) == date(2026, 4, 3)  # Easter Sunday, then Easter Monday


def test_the_monthly_run_pays_on_that_day():
    assert payment_day(date(2026, 12, 1)) == date(2026, 12, 4)
    assert payment_day(date(2027, 2, 1)) == date(2027, 2, 5)


def test_mes_paiements_groups_the_payments_by_year_newest_first():
    from caf_app.services.payments.paiements import PaymentDetail, by_year

    def paid(on: str) -> PaymentDetail:
        return PaymentDetail(0, on, "1,00 €", "", [], [], "")

    groups = by_year([paid("05/01/2027"), paid("04/12/2026"), paid("05/11/2026"), paid("05/12/2025")])
    assert [(g.year, [p.paid_on for p in g.payments]) for g in groups] == [
        ("2027", ["05/01/2027"]), ("2026", ["04/12/2026", "05/11/2026"]), ("2025", ["05/12/2025"])]
