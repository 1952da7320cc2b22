"""Issue 21: the identity key of Identifiant provisoire oublié, and the NIR's transition period (no database)."""

from datetime import date, datetime, timedelta, timezone

from caf_app import models as m
from caf_app.content import recovery as WORDS
from caf_app.services.identity import recovery, transition

ASSIGNED = datetime(2026, 11, 30, 9, 0, tzinfo=timezone.utc)


def person(**fields) -> m.Person:
    return m.Person(birth_name="MORVAN", first_names="Daniel", birth_date=date(1962, 9, 9), **fields)


def test_point_1_the_etat_civil_typed_counts_as_one_identity_whatever_its_spelling():
    assert recovery.identity_key("Morvan", "Daniel", "09/09/1962") == recovery.identity_key(
        " MORVAN ", "daniel", "09-09-1962")
    assert recovery.identity_key("Morvan", "Daniel", "09/09/1962") != recovery.identity_key(
        "Morvan", "Daniel", "10/09/1962")
    assert recovery.identity_key("", "Daniel", "09/09/1962") == ""  # counted against the address only


def test_point_3_the_provisional_identifier_is_accepted_until_the_end_of_the_transition():
    provisional_only = person(provisional_id="P33392250")
    assert transition.provisional_accepted(provisional_only) and transition.provisional_until(provisional_only) is None
    assert transition.identifier_notice(provisional_only) == WORDS.PROVISIONAL_ONLY
    both = person(provisional_id="P33392250", nir="1620999352012", nir_assigned_at=ASSIGNED)
    end = ASSIGNED + transition.TRANSITION
    assert transition.provisional_accepted(both, end - timedelta(seconds=1))
    assert not transition.provisional_accepted(both, end)
    assert "reste accepté" in transition.identifier_notice(both, end - timedelta(days=1))
    assert "n'est plus accepté" in transition.identifier_notice(both, end)
    assert transition.identifier_notice(person(nir="1620999352012")) == ""  # a NIR from the start: nothing to say
