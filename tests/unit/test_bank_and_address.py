import pytest
from hypothesis import given, strategies as st

from caf_app.domain.address import check_address
from caf_app.domain.bank import iban_checksum_ok, make_iban, parse_bic, parse_iban, rib_key
from caf_app.domain.errors import DomainError
from caf_app.services.situation.profil_edits import communes

digits = st.text(alphabet="0123456789", min_size=5, max_size=5)
accounts = st.text(alphabet="0123456789ABCDEFGHJKLMNPQRSTUVWXYZ", min_size=11, max_size=11)


@given(digits, digits, accounts)
def test_every_rib_gives_an_iban_whose_two_checks_pass(bank, branch, account):
    iban = make_iban(bank, branch, account)
    assert parse_iban(iban) == iban and iban_checksum_ok(iban)


@given(digits, digits, accounts, st.integers(1, 96))
def test_a_wrong_rib_key_is_refused_even_when_mod_97_is_made_right(bank, branch, account, shift):
    key = (rib_key(bank, branch, account) + shift) % 97 or 97
    bban = f"{bank}{branch}{account}{key:02d}"
    check = 98 - int("".join(str(int(c, 36)) for c in bban + "FR00")) % 97
    with pytest.raises(DomainError, match="clé RIB"):
        parse_iban(f"FR{check:02d}{bban}")


def test_known_ibans_and_messages():
    assert parse_iban("fr76 3000 6000 0112 3456 7890 189") == "FR7630006000011234567890189"
    for bad, fragment in (("", "Saisissez"), ("DE89370400440532013000", "commence par FR"),
                          ("FR7630006000011234567890188", "clé RIB")):
        with pytest.raises(DomainError, match=fragment):
            parse_iban(bad)
    assert parse_bic("ccbp fr pp xxx") == "CCBPFRPPXXX"
    with pytest.raises(DomainError):
        parse_bic("CCBP")


@pytest.mark.parametrize("code, commune, official", [
    ("13013", "marseille", "Marseille"), ("92000", "NANTERRE", "Nanterre"), ("06000", "Nice", "Nice"),
    ("20000", "ajaccio", "Ajaccio"), ("97400", "saint denis", "Saint-Denis"),
])
def test_postal_codes_and_communes_come_from_the_official_list(code, commune, official):
    assert check_address("1 rue de la Paix", code, commune, communes=communes()) == ("1 RUE DE LA PAIX", code,
                                                                                     official)


@pytest.mark.parametrize("line, code, commune, field", [
    ("", "13013", "Marseille", "adresse"), ("1 rue", "99999", "Marseille", "code_postal"),
    ("1 rue", "13013", "Nice", "commune"), ("1 rue", "1301", "Marseille", "code_postal"),
])
def test_inconsistent_addresses_are_refused_next_to_their_field(line, code, commune, field):
    with pytest.raises(DomainError) as error:
        check_address(line, code, commune, communes=communes())
    assert error.value.field == field
