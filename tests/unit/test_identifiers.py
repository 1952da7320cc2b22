import pytest
from hypothesis import given, strategies as st

from caf_app.domain.errors import DomainError
from caf_app.domain.identifiers import mask_iban, nir_key, parse_nir, parse_provisional_id
from tests.personas import DEMO_PEOPLE

DEMO_NIRS = [person.nir for person in DEMO_PEOPLE if person.nir]


@pytest.mark.parametrize("nir", DEMO_NIRS)
def test_demo_nirs_are_valid(nir):
    assert parse_nir(nir) == nir


def test_spaces_and_lower_case_corsica_are_accepted():
    assert parse_nir("1 85 03 75 112 042") == "1850375112042"
    assert parse_nir("2 85 03 2a 112 042") == "285032A112042"


@pytest.mark.parametrize("text, fragment", [
    ("", "Saisissez"), ("185037511204", "13 caractères"), ("185037511204212", "sans les 2 chiffres"),
    ("7850375112042", "commence par 1 ou 2"), ("1851375112042", "format"), ("18503751120AB", "format"),
])
def test_wrong_nir_formats_get_their_message(text, fragment):
    with pytest.raises(DomainError) as error:
        parse_nir(text)
    assert fragment in error.value.message
    assert error.value.field == "identifiant"


nirs = st.builds(lambda sex, year, month, dept, rest: f"{sex}{year:02d}{month:02d}{dept}{rest:06d}",
                 st.sampled_from("12"), st.integers(0, 99), st.integers(1, 12),
                 st.sampled_from(["75", "92", "2A", "2B", "13", "99"]), st.integers(0, 999_999))


@given(nirs)
def test_every_well_formed_nir_is_accepted_and_has_a_two_digit_key(nir):
    assert parse_nir(nir) == nir
    assert 1 <= nir_key(nir) <= 97


def test_corsica_key_uses_19_and_18():
    # The department is the 6th and 7th characters: 1 85 03 2A 112 042.
    assert nir_key("185032A112042") == 97 - int("1850319112042") % 97
    assert nir_key("185032B112042") == 97 - int("1850318112042") % 97


@given(st.integers(0, 99_999_999))
def test_provisional_identifier_is_p_and_8_digits(number):
    assert parse_provisional_id(f"p{number:08d}") == f"P{number:08d}"


@pytest.mark.parametrize("text", ["", "P1234567", "P123456789", "Q12345678", "1850375112042"])
def test_wrong_provisional_identifiers_are_refused(text):
    with pytest.raises(DomainError):
        parse_provisional_id(text)


def test_iban_is_masked_but_its_last_4_characters():
    assert mask_iban("FR76 3000 3012 3400 0920 1001 015") == "•••• 1015"
