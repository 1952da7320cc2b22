from datetime import date

import pytest
from hypothesis import given, strategies as st

from caf_app.domain.dates import add_months, format_date, format_day_period, format_long_date, format_period, with_de
from caf_app.domain.errors import DomainError
from caf_app.domain.money import format_euros, format_whole_euros, parse_euros
from caf_app.domain.names import masked_name

NNBSP = "\u202f"


@pytest.mark.parametrize("cents, text", [
    (575_52, "575,52\u00a0€"), (132_08, "132,08\u00a0€"), (1130_26, f"1{NNBSP}130,26\u00a0€"),
    (8172_93, f"8{NNBSP}172,93\u00a0€"), (0, "0,00\u00a0€"), (-50_00, "-50,00\u00a0€"), (5, "0,05\u00a0€"),
])
def test_amounts_are_written_the_french_way(cents, text):
    assert format_euros(cents) == text


def test_money_is_never_a_float():
    with pytest.raises(TypeError):
        format_euros(5.52)


def test_quotient_familial_is_shown_in_whole_euros():
    assert format_whole_euros(1054_00) == f"1{NNBSP}054\u00a0€"
    assert format_whole_euros(89_00) == "89\u00a0€"


@given(st.integers(min_value=0, max_value=10**11 - 1))
def test_parse_reads_back_what_format_writes(cents):
    assert parse_euros(format_euros(cents)) == cents


@pytest.mark.parametrize("text", ["", "abc", "-5", "1,234", "12.3.4", "1e9", "²", "1²", "٣٠", "12,²"])
def test_bad_amounts_get_a_french_message(text):
    with pytest.raises(DomainError) as error:
        parse_euros(text)
    assert error.value.message


def test_dates_and_periods_in_french():
    assert format_date(date(2022, 4, 5)) == "05/04/2022"
    assert format_long_date(date(2024, 7, 1)) == "1er juillet 2024"
    assert format_period(date(2017, 7, 1), date(2019, 3, 31)) == "Pour la période de Juillet 2017 à Mars 2019"
    assert format_period(date(2026, 10, 1), date(2026, 10, 31)) == "Pour le mois d'Octobre 2026"
    assert add_months(date(2026, 1, 31), -1) == date(2025, 12, 1)
    assert add_months(date(2026, 11, 26), 2) == date(2027, 1, 1)


@pytest.mark.parametrize("start, end, text", [
    (date(2026, 4, 1), date(2026, 4, 30), "Pour le mois d'Avril 2026"),
    (date(2026, 8, 1), date(2026, 8, 31), "Pour le mois d'Août 2026"),
    (date(2026, 10, 1), date(2026, 10, 31), "Pour le mois d'Octobre 2026"),
    (date(2026, 9, 1), date(2026, 9, 30), "Pour le mois de Septembre 2026"),
    (date(2026, 1, 1), date(2026, 1, 31), "Pour le mois de Janvier 2026"),
    (date(2017, 4, 1), date(2019, 3, 31), "Pour la période d'Avril 2017 à Mars 2019"),
    (date(2025, 8, 1), date(2026, 10, 31), "Pour la période d'Août 2025 à Octobre 2026"),
    (date(2017, 7, 1), date(2019, 3, 31), "Pour la période de Juillet 2017 à Mars 2019"),
])
def test_de_is_elided_before_a_month_that_starts_with_a_vowel(start, end, text):
    assert format_period(start, end) == text


@pytest.mark.parametrize("text, expected", [
    ("avril, mai, juin 2026", "d'avril, mai, juin 2026"), ("Octobre 2026", "d'Octobre 2026"),
    ("Été 2026", "d'Été 2026"), ("juillet, août, septembre 2026", "de juillet, août, septembre 2026"),
    ("Mars 2019", "de Mars 2019"),
])
def test_with_de(text, expected):
    assert with_de(text) == expected


def test_a_period_of_days():
    assert format_day_period(date(2026, 10, 1), date(2026, 10, 31)) == "du 01/10/2026 au 31/10/2026"


@pytest.mark.parametrize("first_names, last_name, shown", [
    ("Elise", "LAMBERT", "Elise L."), ("JEAN-PIERRE Marie", "de la Tour", "Jean-Pierre D."),
    ("Léa", "", "Léa"), ("", "MORVAN", "M."), ("  ", "  ", ""),
])
def test_a_name_shown_to_a_stranger_is_a_first_name_and_an_initial(first_names, last_name, shown):
    assert masked_name(first_names, last_name) == shown
