"""The validators accept and refuse the same inputs, with the same message, as the hand-written rules they had
before python-stdnum and phonenumbers did the checking. Those rules are written out below as the reference;
the only differences allowed are named in a test of their own (a BIC whose country does not exist, a mobile
number in an overseas block that no operator was given)."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings, strategies as st

from caf_app.domain import bank, contacts, identifiers
from caf_app.domain.errors import DomainError
from tests.hostile import HOSTILE

# -- The reference: the rules as they were written by hand ------------------------------------------------------

_NIR_RE = re.compile(r"^[12]\d{2}(0[1-9]|1[0-2]|[2-9]\d)(\d{2}|2A|2B)\d{6}$", re.ASCII)
_RIB_LETTERS = dict(zip("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "12345678912345678923456789", strict=True))
_EMAIL_RE = re.compile(r"^[A-Za-z0-9._%+\-]{1,64}@[A-Za-z0-9\-]{1,63}(\.[A-Za-z0-9\-]{1,63})*\.[A-Za-z]{2,24}$")


def reference_nir(text: str) -> str:
    value = re.sub(r"[\s.\-]", "", text or "").upper()
    if not value:
        raise DomainError("identifiant", "Saisissez votre numéro de Sécurité sociale.")
    if len(value) == 15 and value.isascii() and value.isalnum():
        raise DomainError("identifiant",
                          "Saisissez les 13 premiers caractères seulement, sans les 2 chiffres de la clé.")
    if len(value) != 13:
        raise DomainError("identifiant", f"Le numéro de Sécurité sociale comporte 13 caractères ({len(value)} saisis).")
    if value[0] not in "12":
        raise DomainError("identifiant", "Le numéro de Sécurité sociale commence par 1 ou 2.")
    if not _NIR_RE.match(value):
        raise DomainError("identifiant", "Ce numéro de Sécurité sociale n'a pas un format valide.")
    return value


def reference_nir_key(nir13: str) -> int:
    return 97 - int(nir13.upper().replace("2A", "19").replace("2B", "18")) % 97


def reference_rib_key(bank_code: str, branch: str, account: str) -> int:
    account_digits = "".join(_RIB_LETTERS.get(c, c) for c in account.upper())
    return 97 - (89 * int(bank_code) + 15 * int(branch) + 3 * int(account_digits)) % 97


def reference_mod97_ok(iban: str) -> bool:
    return int("".join(str(int(c, 36)) for c in iban[4:] + iban[:4])) % 97 == 1


def reference_iban(text: str) -> str:
    iban = re.sub(r"[\s\-]", "", text or "").upper()
    if not iban:
        raise DomainError("iban", "Saisissez votre IBAN.")
    if not re.fullmatch(r"FR\d{2}[0-9A-Z]{23}", iban, re.ASCII):
        raise DomainError("iban", "Un IBAN français commence par FR et compte 27 caractères, par exemple "
                                  "FR76 3000 3012 3400 0920 1001 015.")
    code, branch, account, key = iban[4:9], iban[9:14], iban[14:25], iban[25:27]
    digits = code.isdigit() and branch.isdigit() and key.isdigit()
    if not digits or reference_rib_key(code, branch, account) != int(key):
        raise DomainError("iban", "La clé RIB de cet IBAN n'est pas bonne : vérifiez les chiffres saisis.")
    if not reference_mod97_ok(iban):
        raise DomainError("iban", "Cet IBAN n'est pas valide : vérifiez les chiffres saisis.")
    return iban


def reference_bic(text: str) -> str:
    bic = re.sub(r"\s", "", text or "").upper()
    if not re.fullmatch(r"[A-Z]{4}[A-Z]{2}[A-Z0-9]{2}([A-Z0-9]{3})?", bic, re.ASCII):
        raise DomainError("bic", "Le BIC compte 8 ou 11 caractères, par exemple CCBPFRPPXXX.")
    return bic


def reference_mobile(text: str, *, field: str = "mobile") -> str:
    digits = re.sub(r"[\s.\-]", "", text or "")
    if digits.startswith("+33"):
        digits = "0" + digits[3:]
    if not digits:
        raise DomainError(field, "Saisissez votre numéro de téléphone portable.")
    if not re.fullmatch(r"\d{10}", digits, re.ASCII):
        raise DomainError(field, "Le numéro de téléphone portable comporte 10 chiffres, par exemple 06 12 34 56 78.")
    if not (digits.startswith("06") or re.match(r"07[3-9]", digits)):
        raise DomainError(field, "Saisissez un numéro de portable français : il commence par 06 ou par 073 à 079.")
    return digits


def reference_email(text: str) -> str:
    value = (text or "").strip()
    if not value:
        raise DomainError("email", "Saisissez votre adresse électronique.")
    if len(value) > 254 or not _EMAIL_RE.match(value):
        raise DomainError("email", "Saisissez une adresse électronique valide, par exemple nom@exemple.fr.")
    return value.lower()


def outcome(rule, text):
    """("ok", value) or ("refused", field, message): what the person sees."""
    try:
        return ("ok", rule(text))
    except DomainError as error:
        return ("refused", error.field, error.message)


# -- Inputs: near misses of each format, what people type around them, and anything at all ------------------------

SEPARATORS = st.sampled_from(["", "", "", " ", " ", ".", "-", "\u00a0", "\t", "_", "\u2013"])
LOOKALIKES = st.sampled_from(["１", "٣", "𝟙", "Ⅸ", "ß", "ﬁ", "О", "a", "b", "", "99"])


@st.composite
def typed(draw, canonical):
    """A canonical value as a person may type it: a slip or two (a character changed, dropped, added or replaced
    by a look-alike), maybe in lower case, in groups of 1 to 4 characters with the same separator."""
    chars = list(draw(canonical))
    for _ in range(draw(st.sampled_from([0, 0, 1, 1, 2]))):
        at = draw(st.integers(0, len(chars) - 1))
        slip = draw(st.sampled_from(["change", "change", "change", "drop", "add", "lookalike"]))
        new = draw(LOOKALIKES if slip == "lookalike" else st.sampled_from("0123456789ABRZ"))
        chars[at:at + (slip != "add")] = [] if slip == "drop" else [new]
    text = "".join(chars)
    text = text.lower() if draw(st.booleans()) else text
    group, gap = draw(st.integers(1, 4)), draw(SEPARATORS)
    return gap.join(text[at:at + group] for at in range(0, len(text), group))


def anything(canonical):
    return st.one_of(canonical, typed(canonical), st.text(max_size=30), st.sampled_from(HOSTILE))


nirs13 = st.builds("{}{:02d}{:02d}{}{:06d}".format, st.sampled_from("1212121278"), st.integers(0, 99),
                   st.integers(0, 99), st.sampled_from(["75", "2A", "2B", "2C", "20", "99", "00", "3A"]),
                   st.integers(0, 999_999))
nirs = st.one_of(nirs13, nirs13, nirs13, st.builds(lambda nir, key: f"{nir}{key:02d}", nirs13, st.integers(0, 99)))
rib_digits = st.text(alphabet="0123456789", min_size=5, max_size=5)
rib_accounts = st.text(alphabet="0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ", min_size=11, max_size=11)
ibans = st.builds(bank.make_iban, rib_digits, rib_digits, rib_accounts)
bics = st.from_regex(r"[A-Z]{6}[A-Z0-9]{2}([A-Z0-9]{3})?", fullmatch=True)
national_numbers = st.builds("{}{:08d}".format, st.sampled_from("6667771"), st.integers(0, 10**8 - 1)) | st.builds(
    "{}{:06d}".format, st.sampled_from(["639", "690", "691", "692", "693", "694", "696", "697", "709", "700", "730"]),
    st.integers(0, 10**6 - 1))
mobiles = st.builds(str.__add__, st.sampled_from(["0"] * 6 + ["+33", "+33 ", "0033", "+330", ""]), national_numbers)
emails = st.emails() | st.from_regex(r"[a-z0-9._%+\-]{1,70}@[a-z0-9\-]{1,10}(\.[a-z]{1,25}){1,2}", fullmatch=True)

MANY = settings(max_examples=400, deadline=None)


# -- Same answers as the reference ------------------------------------------------------------------------------

@MANY
@given(anything(nirs))
def test_nir_accepted_and_refused_as_before(text):
    assert outcome(identifiers.parse_nir, text) == outcome(reference_nir, text)


@MANY
@given(nirs13.filter(lambda nir: _NIR_RE.match(nir)))
def test_nir_key_as_before_corsica_included(nir):
    assert identifiers.nir_key(nir) == reference_nir_key(nir)
    assert identifiers.nir_key(nir.lower()) == reference_nir_key(nir)


@pytest.mark.parametrize("nir, key", [("2951099126111", 93), ("253072A073004", 43), ("253072B073004", 70)])
def test_nir_keys_of_known_numbers(nir, key):
    assert identifiers.nir_key(nir) == key


@MANY
@given(anything(ibans))
def test_iban_accepted_and_refused_as_before_with_the_same_message(text):
    assert outcome(bank.parse_iban, text) == outcome(reference_iban, text)


@MANY
@given(st.from_regex(r"FR[0-9]{2}[0-9A-Z]{23}", fullmatch=True) | ibans)
def test_the_checksum_the_rib_key_and_demo_ibans_as_before(iban):
    assert bank.iban_checksum_ok(iban) == reference_mod97_ok(iban)
    code, branch, account = iban[4:9], iban[9:14], iban[14:25]
    if code.isdigit() and branch.isdigit():
        assert bank.rib_key(code, branch, account) == reference_rib_key(code, branch, account)


@MANY
@given(rib_digits, rib_digits, rib_accounts)
def test_make_iban_builds_what_the_reference_accepts(code, branch, account):
    iban = bank.make_iban(code, branch, account)
    assert reference_iban(iban) == iban
    assert iban[4:] == f"{code}{branch}{account}{reference_rib_key(code, branch, account):02d}"


BIC_MESSAGE = ("refused", "bic", "Le BIC compte 8 ou 11 caractères, par exemple CCBPFRPPXXX.")
REAL_BIC_COUNTRIES = ["FR", "MC", "RE", "GP", "MQ", "GF", "YT", "PM", "NC", "PF", "WF", "BL", "MF", "DE", "BE", "LU",
                      "NL", "ES", "IT", "PT", "CH", "GB", "IE", "AT", "XK"]


@MANY
@given(anything(bics))
def test_bic_refused_as_before_and_accepted_as_before_when_its_country_exists(text):
    new, old = outcome(bank.parse_bic, text), outcome(reference_bic, text)
    if new != old:  # the one difference: letters 5 and 6 must name a country (ISO 3166), as stdnum checks
        assert old[0] == "ok" and new == BIC_MESSAGE and old[1][4:6] not in REAL_BIC_COUNTRIES
        in_france = old[1][:4] + "FR" + old[1][6:]
        assert bank.parse_bic(in_france) == in_france


@pytest.mark.parametrize("country", REAL_BIC_COUNTRIES)
def test_bics_of_france_its_neighbours_and_overseas_are_accepted(country):
    for bic in (f"CCBP{country}PPXXX", f"CMCI{country}2A", f"BFCO{country}RX"):
        assert bank.parse_bic(bic) == reference_bic(bic) == bic


@pytest.mark.parametrize("text, bic", [("ccbp fr pp xxx", "CCBPFRPPXXX"), ("BFCORERX", "BFCORERX"),
                                       ("NTSBDEB1XXX", "NTSBDEB1XXX"), ("SOGE MC M1", "SOGEMCM1")])
def test_real_bics_as_typed_are_accepted(text, bic):
    assert bank.parse_bic(text) == bic


MOBILE_MESSAGE = ("refused", "mobile",
                  "Saisissez un numéro de portable français : il commence par 06 ou par 073 à 079.")
OVERSEAS_PARTLY_ALLOCATED = ["0639", "0691", "0693", "0694"]  # Mayotte, Guadeloupe, La Réunion, Guyane
METROPOLITAN = ["060", "061", "062", "064", "065", "066", "067", "068", "0695", "0698", "0699",
                *(f"063{digit}" for digit in range(9)), *(f"07{digit}" for digit in range(3, 10))]


@MANY
@given(anything(mobiles))
def test_mobile_refused_as_before_and_accepted_as_before_outside_unallocated_overseas_blocks(text):
    new, old = outcome(contacts.parse_mobile, text), outcome(reference_mobile, text)
    if new != old:  # the one difference: a block of 0639, 0691, 0693 or 0694 that no operator was given
        assert old[0] == "ok" and old[1][:4] in OVERSEAS_PARTLY_ALLOCATED and new == MOBILE_MESSAGE


@MANY
@given(st.sampled_from([*METROPOLITAN, "0690", "0692", "0696", "0697"]), st.integers(0, 10**7 - 1))
def test_every_metropolitan_mobile_and_every_fully_allocated_overseas_block_is_accepted(prefix, number):
    digits = (prefix + f"{number:07d}")[:10]
    assert contacts.parse_mobile(digits) == digits == reference_mobile(digits)


@pytest.mark.parametrize("digits, refused", [("0639012345", "0639802345"), ("0691221234", "0691001234"),
                                             ("0693001234", "0693981234"), ("0694001234", "0694501234")])
def test_in_partly_allocated_overseas_blocks_only_the_allocated_numbers_are_accepted(digits, refused):
    assert contacts.parse_mobile(digits) == digits
    assert outcome(contacts.parse_mobile, refused) == MOBILE_MESSAGE


@MANY
@given(anything(emails))
def test_email_accepted_and_refused_as_before(text):
    assert outcome(contacts.parse_email, text) == outcome(reference_email, text)
