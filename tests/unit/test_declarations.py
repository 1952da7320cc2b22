import re
from datetime import date

import pytest
from hypothesis import given, strategies as st

from caf_app.content import load
from caf_app.domain.declarations import (
    CEILING_EUROS,
    Person,
    Quarter,
    check,
    falc_steps,
    parse_whole_euros,
    quarter_due,
)
from caf_app.domain.errors import DomainError

PEOPLE = [Person(1, "Nadia", True), Person(2, "Eric", False)]
QUARTER = Quarter(date(2026, 8, 1))


def no_for_all(prestation="aah"):
    answers = {"situation": "non"}
    for step in falc_steps(prestation, PEOPLE, {}):
        if step.kind == "recu":
            answers[step.key] = "non"
    return answers


def test_the_quarter_due_is_the_three_months_before_this_one():
    assert quarter_due(date(2026, 11, 26)).names == ["août", "septembre", "octobre"]
    assert quarter_due(date(2026, 1, 3)).label() == "octobre, novembre, décembre 2025"


def test_aah_asks_the_esat_work_of_the_beneficiary_only():
    keys = [s.key for s in falc_steps("aah", PEOPLE, {}) if s.kind == "recu"]
    assert "1:esat:recu" in keys and "2:esat:recu" not in keys
    assert "1:esat:recu" not in [s.key for s in falc_steps("rsa", PEOPLE, {})]


def test_amounts_are_asked_only_after_a_yes():
    answers = no_for_all() | {"2:salaires:recu": "oui"}
    steps = falc_steps("aah", PEOPLE, answers)
    assert [s.key for s in steps if s.kind == "montant"] == ["2:salaires:0", "2:salaires:1", "2:salaires:2"]


def test_a_complete_declaration_gives_one_line_per_month_of_each_yes():
    answers = no_for_all() | {"2:salaires:recu": "oui", "2:salaires:0": "1850", "2:salaires:1": "1 850",
                              "2:salaires:2": "0"}
    lines, errors = check(answers, prestation="aah", people=PEOPLE, quarter=QUARTER)
    assert errors == {} and [line.amount_cents for line in lines] == [185000, 185000, 0]


def test_an_empty_category_is_0_only_after_a_no():
    _, errors = check({"situation": "non"}, prestation="aah", people=PEOPLE, quarter=QUARTER)
    assert errors["1:salaires:recu"] == "Répondez par oui ou par non."
    answers = no_for_all() | {"1:autres:recu": "oui"}
    _, errors = check(answers, prestation="aah", people=PEOPLE, quarter=QUARTER)
    assert set(errors) == {"1:autres:nature", "1:autres:0", "1:autres:1", "1:autres:2"}


@pytest.mark.parametrize("text, fragment", [
    ("-50", "négatif"), ("douze", "en chiffres"), ("1e9", "en chiffres"), ("", "Saisissez un montant"),
    ("12,50", "entiers"), (str(CEILING_EUROS + 1), "dépasse"), ("1000000000", "dépasse"),
])
def test_wrong_amounts_get_their_message(text, fragment):
    with pytest.raises(DomainError) as error:
        parse_whole_euros(text, field="x")
    assert fragment in error.value.message


@given(st.integers(0, CEILING_EUROS))
def test_every_whole_amount_up_to_the_ceiling_is_accepted(euros):
    assert parse_whole_euros(f"{euros:,}".replace(",", " "), field="x") == euros * 100


STANDARD, FALC = load("declaration_standard"), load("declaration_falc")


def keys(data, prefix=""):
    for key, value in data.items():
        yield from keys(value, f"{prefix}{key}.") if isinstance(value, dict) else [f"{prefix}{key}"]


def test_both_variants_have_the_same_keys():
    assert set(keys(STANDARD)) == set(keys(FALC))


def falc_sentences():
    for key in keys(FALC):
        value = FALC
        for part in key.split("."):
            value = value[part]
        for sentence in re.split(r"(?<=[.?!])\s+", value):
            yield key, sentence


@pytest.mark.parametrize("key, sentence", list(falc_sentences()))
def test_falc_texts_follow_the_measurable_rules(key, sentence):
    assert not re.search(r"[;()–—]", sentence), key
    assert not re.search(r"\d{1,2}/\d{1,2}/\d{2,4}", sentence), key
    assert "%" not in sentence and "pour cent" not in sentence, key
    assert not re.search(r"\b[A-ZÀ-Ý]{2,}\b", sentence.replace("{", " ").replace("}", " ")), key
    assert len(sentence.split()) <= 15, (key, sentence)
    for abbreviation in ("IJ", "ARE", "AAH", "RSA", "CAF "):
        assert abbreviation not in sentence, key
