from datetime import date

import pytest
from hypothesis import given, strategies as st

from caf_app.domain import policy
from caf_app.domain.contacts import parse_date, parse_email, parse_mobile, parse_postal_code
from caf_app.domain.errors import DomainError
from caf_app.domain.names import comparable, mask_email, mask_mobile
from caf_app.domain.roles import MemberRole
from caf_app.domain.signup import check_etat_civil
from tests.personas import NEWCOMER

TODAY = date(2026, 11, 26)
WITH_NIR = {"possede_nir": "oui", "nir": NEWCOMER.nir, "civilite": "Madame", "nom_naissance": "Martin",
            "prenoms": "Claire", "date_naissance": "14/02/1995", "lieu_naissance": "france",
            "departement_naissance": "75", "commune_naissance": "Paris", "reside_france": "oui",
            "code_postal": "92000", "piece_identite": "cni", "numero_piece": "X4RTBPFW4",
            "date_delivrance": "03/05/2021"}


def test_a_complete_etat_civil_is_accepted():
    etat, errors = check_etat_civil(WITH_NIR, today=TODAY)
    assert errors == {}
    assert (etat.nir, etat.birth_name, etat.birth_place, etat.id_issued_on) == (
        NEWCOMER.nir, "MARTIN", "Paris (75)", date(2021, 5, 3))


def test_every_missing_answer_gets_its_own_message():
    etat, errors = check_etat_civil({}, today=TODAY)
    assert etat is None
    assert set(errors) == {"possede_nir", "civilite", "nom_naissance", "prenoms", "date_naissance",
                           "lieu_naissance", "piece_identite"}


def test_without_nir_both_parents_are_asked_and_no_document_is_allowed():
    form = {**WITH_NIR, "possede_nir": "non", "nir": "", "piece_identite": "aucune", "lieu_naissance": "etranger",
            "pays_naissance": "Algérie", "ville_naissance": "Oran"}
    _, errors = check_etat_civil(form, today=TODAY)
    assert set(errors) == {"nom_parent1", "prenoms_parent1", "nom_parent2", "prenoms_parent2"}
    form |= {"nom_parent1": "Morvan", "prenoms_parent1": "Jean", "nom_parent2": "Morvan", "prenoms_parent2": "Jeanne"}
    etat, errors = check_etat_civil(form, today=TODAY)
    assert errors == {} and etat.nir is None and etat.father_name == "MORVAN Jean" and etat.id_document == ""


@pytest.mark.parametrize("field, value, fragment", [
    ("date_naissance", "31/02/1995", "n'existe pas"), ("date_naissance", "1995-02-14", "JJ/MM/AAAA"),
    ("date_naissance", "14/02/2030", "futur"), ("code_postal", "9200", "5 chiffres"),
    ("departement_naissance", "96", "département"), ("nom_naissance", "<script>", "en lettres"),
    ("date_delivrance", "01/01/1990", "avant votre naissance"), ("nir", "12345", "13 caractères"),
])
def test_wrong_answers_get_a_french_message_next_to_their_field(field, value, fragment):
    _, errors = check_etat_civil({**WITH_NIR, field: value}, today=TODAY)
    assert fragment in errors[field]


@pytest.mark.parametrize("text, digits", [("06 06 06 06 06", "0606060606"), ("+33 7 31 23 45 67", "0731234567"),
                                          ("07.99.00.11.22", "0799001122")])
def test_french_mobiles_are_06_and_073_to_079(text, digits):
    assert parse_mobile(text) == digits


@pytest.mark.parametrize("text", ["0701020304", "0612", "0145454545", "abcdefghij", ""])
def test_other_numbers_are_refused(text):
    with pytest.raises(DomainError):
        parse_mobile(text)


def test_emails_postal_codes_and_masks():
    assert parse_email(" El13@Example.fr ") == "el13@example.fr"
    for bad in ("el13", "a@b", "a b@c.fr", "<a>@x.fr", "x" * 300 + "@a.fr"):
        with pytest.raises(DomainError):
            parse_email(bad)
    assert parse_postal_code("13 013") == "13013"
    with pytest.raises(DomainError):
        parse_postal_code("00100")
    assert mask_email("el13@example.fr") == "e•••@e••••••.fr"
    assert mask_mobile("0606060606") == "06 •• •• •• 06"
    assert comparable("Lévêque-Dupré ") == comparable("LEVEQUE DUPRE")


@given(st.dates(min_value=date(1900, 1, 1), max_value=TODAY))
def test_any_past_date_reads_back(value):
    assert parse_date(value.strftime("%d/%m/%Y"), field="d", label="la date", today=TODAY) == value


ALLOCATAIRE, CONJOINT, ENFANT, AUTRE = (MemberRole.ALLOCATAIRE, MemberRole.CONJOINT, MemberRole.ENFANT,
                                        MemberRole.AUTRE)


@pytest.mark.parametrize("memberships, born, may", [
    ([(ALLOCATAIRE, True)], date(1980, 1, 1), True),
    ([(CONJOINT, True)], date(1980, 1, 1), True),
    ([(AUTRE, True)], date(1950, 1, 1), True),  # a dependent person
    ([(ENFANT, True)], date(2011, 11, 26), True),  # 15 today
    ([(ENFANT, True)], date(2011, 11, 27), False),  # 15 tomorrow
    ([(ENFANT, True)], None, False),
    ([(CONJOINT, False)], date(1980, 1, 1), False),  # a closed dossier, or a change not processed yet
    ([(CONJOINT, False), (ENFANT, True)], date(2012, 1, 1), False),
    ([(CONJOINT, False), (AUTRE, True)], date(1980, 1, 1), True),
    ([], date(1980, 1, 1), False),  # known to the Caf, in no foyer (a tuteur physique may: test_tuteurs)
])
def test_only_the_members_the_seed_names_may_create_an_account(memberships, born, may):
    assert policy.can_create_account(memberships, born, TODAY) is may
