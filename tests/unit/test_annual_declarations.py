"""The rules of the annual declarations (ressources annuelles, patrimoine, avantage vieillesse) and their words."""

from datetime import date

import pytest

from caf_app.content import declaration_annuelle as wording
from caf_app.domain.annual_declarations import FORMS, answer_keys, check, declared, form_of, year_declared
from caf_app.domain.declarations import Person
from caf_app.domain.errors import DomainError
from caf_app.domain.gestion import QUEUE_KINDS
from caf_app.domain.statuses import AlertKind, AnnualDeclarationKind, DemarcheKind

PEOPLE = [Person(1, "Jonas", True), Person(2, "Florence", False)]
TODAY = date(2026, 11, 26)


def all_no(kind: str) -> dict[str, str]:
    return {f"{p.id}:{category}:recu": "non" for p in PEOPLE for category, _ in form_of(kind).categories}


def test_the_resources_asked_are_those_of_year_n_minus_2_the_others_this_year():
    assert year_declared("ressources_annuelles", TODAY) == 2024
    assert year_declared("patrimoine", TODAY) == year_declared("avantage_vieillesse", TODAY) == 2026


def test_an_unknown_kind_is_refused_in_french():
    with pytest.raises(DomainError, match="Cette déclaration n'existe pas."):
        form_of("impots")


@pytest.mark.parametrize("kind", [k.value for k in AnnualDeclarationKind])
def test_nothing_to_declare_is_complete_and_a_missing_answer_is_not(kind):
    assert check(all_no(kind), kind=kind, people=PEOPLE, today=TODAY) == ([], {})
    answers = all_no(kind)
    del answers[next(iter(answers))]
    lines, errors = check(answers, kind=kind, people=PEOPLE, today=TODAY)
    assert lines == [] and list(errors.values()) == ["Répondez par oui ou par non."]


def test_yearly_salaries_and_another_resource_become_lines():
    answers = all_no("ressources_annuelles") | {"1:salaires:recu": "oui", "1:salaires:montant": "18 400",
                                                "2:autres:recu": "oui", "2:autres:nature": " loyers  perçus ",
                                                "2:autres:montant": "3600"}
    lines, errors = check(answers, kind="ressources_annuelles", people=PEOPLE, today=TODAY)
    assert errors == {}
    assert [(line.person_id, line.category, line.amount_cents, line.label) for line in lines] == [
        (1, "salaires", 1_840_000, ""), (2, "autres", 360_000, "loyers perçus")]


def test_wrong_amounts_get_their_message_next_to_their_field():
    answers = all_no("ressources_annuelles") | {
        "1:salaires:recu": "oui", "1:salaires:montant": "-5", "1:chomage:recu": "oui", "1:chomage:montant": "",
        "1:pensions:recu": "oui", "1:pensions:montant": "2000000", "2:autres:recu": "oui", "2:autres:montant": "12,50"}
    _, errors = check(answers, kind="ressources_annuelles", people=PEOPLE, today=TODAY)
    assert errors == {
        "1:salaires:montant": "Le montant ne peut pas être négatif.",
        "1:chomage:montant": "Saisissez un montant en euros.",
        "1:pensions:montant": "Ce montant dépasse 1\u202f000\u202f000 € par an : vérifiez votre saisie.",
        "2:autres:nature": "Précisez de quoi il s'agit.",
        "2:autres:montant": "Saisissez un montant en euros entiers, sans les centimes (arrondi à l'euro)."}


def test_patrimoine_takes_a_value_without_a_period_in_its_ceiling():
    answers = all_no("patrimoine") | {"1:epargne:recu": "oui", "1:epargne:montant": "20000000"}
    _, errors = check(answers, kind="patrimoine", people=PEOPLE, today=TODAY)
    assert errors == {"1:epargne:montant": "Ce montant dépasse 10\u202f000\u202f000 € : vérifiez votre saisie."}


def test_an_avantage_vieillesse_needs_its_organisme_amount_and_a_past_start_date():
    base = all_no("avantage_vieillesse") | {"2:vieillesse:recu": "oui"}
    _, errors = check(base | {"2:vieillesse:debut": "01/01/2027", "2:vieillesse:montant": "950"},
                      kind="avantage_vieillesse", people=PEOPLE, today=TODAY)
    assert errors == {"2:vieillesse:organisme": "Indiquez l'organisme qui vous verse cet avantage, par exemple la "
                                                "Carsat.",
                      "2:vieillesse:debut": "La date de début ne peut pas être dans le futur."}
    lines, errors = check(base | {"2:vieillesse:organisme": "Carsat Sud-Est", "2:vieillesse:montant": "950",
                                  "2:vieillesse:debut": "01/03/2025"},
                          kind="avantage_vieillesse", people=PEOPLE, today=TODAY)
    assert errors == {} and lines[0].label == "Carsat Sud-Est" and lines[0].start == date(2025, 3, 1)
    assert lines[0].amount_cents == 95_000


def test_a_draft_keeps_only_the_keys_of_its_form():
    keys = answer_keys("avantage_vieillesse", PEOPLE)
    assert keys == {f"{p}:vieillesse:{f}" for p in (1, 2) for f in ("recu", "organisme", "montant", "debut")}


def test_the_review_line_says_what_was_declared_as_typed():
    answers = {"2:vieillesse:recu": "oui", "2:vieillesse:organisme": "Carsat", "2:vieillesse:montant": "950",
               "2:vieillesse:debut": "01/03/2025"}
    (category, fields), = declared(answers, kind="avantage_vieillesse", person=PEOPLE[1])
    assert wording.line("avantage_vieillesse", category, fields) == (
        "Avantage vieillesse : Carsat, depuis le 01/03/2025", "950,00\u00a0€")
    assert wording.line("ressources_annuelles", "salaires", {"montant": "douze"}) == ("Salaires", "douze")


def test_every_kind_has_its_words_its_demarche_its_alert_and_its_place_in_the_queue():
    for kind in AnnualDeclarationKind:
        words = wording.words(kind)
        assert {"title", "link", "intro", "heading", "heading_self", "fields"} <= set(words)
        assert set(words["categories"]) == {category for category, _ in FORMS[kind].categories}
        assert DemarcheKind(kind.value) in QUEUE_KINDS and AlertKind(kind.value)
    assert wording.title_of("ressources_annuelles", 2024) == "Déclaration annuelle de ressources : revenus 2024"
