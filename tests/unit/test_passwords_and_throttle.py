from datetime import datetime, timedelta, timezone

import pytest
from hypothesis import given, strategies as st

from caf_app.domain import throttle
from caf_app.domain.errors import DomainError
from caf_app.domain.passwords import check_new_password, rule_status

NOW = datetime(2026, 11, 26, 14, 0, tzinfo=timezone.utc)


@pytest.mark.parametrize("password, failing", [
    ("Allocataire2026", set()),
    ("Court1a", {"longueur"}),
    ("allocataire2026", {"majuscule"}),
    ("ALLOCATAIRE2026", {"minuscule"}),
    ("Allocataires", {"chiffre"}),
    ("Allocataire 2026", {"caracteres"}),
    ("Allocatairé2026", {"caracteres"}),
    ("A1a" * 22, {"longueur"}),
])
def test_each_rule_of_the_checklist_is_checked_on_its_own(password, failing):
    assert {key for key, ok in rule_status(password).items() if not ok} == failing


def test_a_new_password_must_be_typed_twice_the_same():
    assert check_new_password("Allocataire2026", "Allocataire2026") == "Allocataire2026"
    with pytest.raises(DomainError) as error:
        check_new_password("Allocataire2026", "Allocataire2027")
    assert error.value.field == "confirmation"
    with pytest.raises(DomainError) as error:
        check_new_password("court", "court")
    assert "10 à 64 caractères" in error.value.message and error.value.field == "mot_de_passe"


@given(st.text(alphabet="abcdefghijABCDEFGHIJ0123456789", min_size=10, max_size=64))
def test_long_enough_alphanumeric_passwords_only_miss_character_classes(password):
    status = rule_status(password)
    assert status["longueur"] and status["caracteres"]


RULE = throttle.IDENTIFIER_RULE


def test_the_first_failures_are_answered_at_once_then_delays_double():
    delays = [throttle.check_attempt(RULE, failures, NOW, NOW) for failures in range(5)]
    assert delays == [0, 0, 0, 2, 4]


def test_five_failures_lock_for_15_minutes_with_the_time_to_come_back():
    with pytest.raises(DomainError) as error:
        throttle.check_attempt(RULE, 5, NOW, NOW + timedelta(minutes=14))
    assert "15h15" in error.value.message and "Mot de passe oublié" in error.value.message
    assert throttle.check_attempt(RULE, 5, NOW, NOW + timedelta(minutes=15, seconds=1)) == 0


def test_old_failures_are_forgotten_after_the_window():
    assert throttle.effective_failures(RULE, 4, NOW, NOW + timedelta(minutes=29)) == 4
    assert throttle.effective_failures(RULE, 4, NOW, NOW + timedelta(minutes=31)) == 0


def test_an_attempt_is_checked_once_its_wait_is_over_else_refused_with_the_seconds_left():
    assert [throttle.may_check(RULE, failures, NOW, NOW) for failures in range(6)] == [True] * 3 + [False] * 3
    assert throttle.may_check(RULE, 3, NOW, NOW + timedelta(seconds=2))
    assert not throttle.may_check(RULE, 4, NOW, NOW + timedelta(seconds=3.5))
    refused = throttle.refusal(RULE, 4, NOW, NOW + timedelta(seconds=1.5))
    assert refused.message == "Trop de tentatives. Réessayez dans 3 secondes."
    assert throttle.refusal(RULE, 3, NOW, NOW + timedelta(seconds=1.9)).message.endswith("dans 1 seconde.")
    assert "15h15" in throttle.refusal(RULE, 7, NOW, NOW + timedelta(minutes=3)).message


@given(failures=st.integers(min_value=0, max_value=40), seconds=st.floats(min_value=0, max_value=120),
       rule=st.sampled_from([throttle.IDENTIFIER_RULE, throttle.CLIENT_RULE, throttle.VERIFICATION_RULE]))
def test_the_thresholds_asked_of_the_database_say_what_the_rule_says(failures, seconds, rule):
    now = NOW + timedelta(seconds=seconds)
    thresholds = throttle.checked_if_last_before(rule, now)
    asked = failures < rule.free_failures or (failures in thresholds and NOW <= thresholds[failures])
    assert throttle.may_check(rule, failures, NOW, now) == asked
