"""The simulator's questions (services/situation/simulateur.py) and the commune of a postal code: pure helpers,
no rules service."""

from datetime import date

import pytest

from caf_app.content import load
from caf_app.domain.address import departements_of, insee_code, names_index
from caf_app.domain.errors import DomainError
from caf_app.rules.catalogue import Theme
from caf_app.rules.situation import Logement
from caf_app.services.situation import simulateur as sim

INDEX = names_index(load("communes_insee")["codes"])
TODAY = date(2026, 11, 30)
ALONE = {"couple": "non", "demandeur_ne_le": "15/05/1990", "nombre_enfants": "0"}


@pytest.mark.parametrize(("postal", "commune", "code"), [
    ("13013", "Marseille", "13055"), ("75011", "Paris", "75056"), ("69003", "Lyon", "69123"),
    ("01000", "Bourg-en-Bresse", "01053"), ("01000", "saint denis les bourg", "01344"),
    ("20200", "Bastia", "2B033"), ("20000", "Ajaccio", "2A004"), ("97100", "Basse-Terre", "97105"),
    ("11200", "Marseillette", "11220"),
])
def test_a_postal_code_and_a_commune_name_give_the_insee_code(postal, commune, code):
    assert insee_code(postal, commune, index=INDEX) == code


def test_a_commune_of_another_departement_is_not_taken_for_a_homonym():
    assert departements_of("20090") == ("2A", "2B") and departements_of("97400") == ("974",)
    assert insee_code("13013", "Paris", index=INDEX) is None  # Paris is not in the Bouches-du-Rhône
    assert insee_code("13013", "Nulle-Part", index=INDEX) is None


def test_every_commune_of_the_postal_list_but_a_few_border_cases_is_found():
    missing = [(postal, name) for postal, names in load("communes")["codes"].items() for name in names
               if insee_code(postal, name, index=INDEX) is None]
    assert len(missing) <= 12, missing


def test_each_theme_asks_only_its_screens():
    assert sim.STEPS[Theme.FAMILLE] == ("foyer", "ressources")
    assert sim.STEPS[Theme.AAH][-1] == "handicap" and "logement" in sim.STEPS[Theme.RSA]
    assert [t for t in sim.ORDER] == [Theme.PRIME_ACTIVITE, Theme.RSA, Theme.LOGEMENT, Theme.PAJE, Theme.FAMILLE,
                                      Theme.AAH]
    # "Autres aides": only what the theme's answers are enough for.
    assert {rule.key for rule in sim.others_of(Theme.FAMILLE)} == {"paje_base", "paje_naissance"}
    assert "aide_logement" in {rule.key for rule in sim.others_of(Theme.RSA)}


def test_a_screen_asks_what_the_earlier_answers_call_for():
    assert sim.fields("foyer", Theme.RSA, ALONE) == ("couple", "demandeur_ne_le", "nombre_enfants")
    two = {**ALONE, "couple": "oui", "nombre_enfants": "2"}
    assert sim.fields("foyer", Theme.PAJE, two) == ("couple", "demandeur_ne_le", "conjoint_ne_le", "nombre_enfants",
                                                    "enfant_1", "enfant_2", "attendu")
    assert "pension_alimentaire" in sim.fields("foyer", Theme.FAMILLE, {**ALONE, "nombre_enfants": "1"})
    assert sim.fields("logement", Theme.RSA, {"logement": "heberge"}) == ("logement",)
    assert sim.fields("logement", Theme.RSA, {"logement": "location"}) == ("logement", "loyer", "code_postal",
                                                                           "commune")
    assert sim.fields("ressources", Theme.RSA, two)[-1] == "conjoint_pensions"
    assert sim.fields("handicap", Theme.AAH, {"demandeur_incapacite": "50"})[-1] == "demandeur_restriction"


def test_a_screen_gives_every_wrong_answer_next_to_its_field():
    errors = sim.step_errors("foyer", Theme.RSA, {"demandeur_ne_le": "31/02/1990", "nombre_enfants": "0"})
    assert set(errors) == {"couple", "demandeur_ne_le"} and "n'existe pas" in errors["demandeur_ne_le"]
    errors = sim.step_errors("ressources", Theme.RSA, {**ALONE, "demandeur_activite": "abc"})
    assert errors == {"demandeur_activite": "Saisissez un montant en euros, par exemple 120 ou 120,50."}
    errors = sim.step_errors("logement", Theme.RSA, {"logement": "location", "loyer": "", "code_postal": "99999"})
    assert set(errors) == {"loyer", "code_postal"}
    assert sim.step_errors("logement", Theme.RSA, {"logement": "location", "loyer": "500", "code_postal": "01000"}
                           ) == {"commune": "Choisissez votre commune dans la liste."}


def test_the_answers_make_a_checked_household_of_the_rules():
    answers = {**ALONE, "logement": "location", "loyer": "500,50", "code_postal": "13013", "demandeur_activite": ""}
    foyer = sim.checked_foyer(Theme.RSA, answers, mois="2026-11", today=TODAY)
    assert foyer.demandeur.ne_le == date(1990, 5, 15) and foyer.demandeur.activite == 0
    assert (foyer.logement, foyer.loyer, foyer.commune, foyer.conjoint) == (Logement.LOCATION, 500_50, "13055", None)
    famille = sim.checked_foyer(Theme.FAMILLE, answers, mois="2026-11", today=TODAY)
    assert (famille.logement, famille.loyer, famille.commune) == (Logement.HEBERGE, 0, "")  # not asked


def test_the_rules_checks_name_the_field_a_child_born_in_the_future():
    answers = {**ALONE, "nombre_enfants": "1", "enfant_1": "01/01/2027", "pension_alimentaire": "non"}
    assert sim.step_errors("foyer", Theme.FAMILLE, answers) == {}
    with pytest.raises(DomainError) as raised:
        sim.checked_foyer(Theme.FAMILLE, answers, mois="2026-11", today=TODAY, upto="foyer")
    assert raised.value.field == "enfant_1" and sim.step_of("enfant_1") == "foyer"
    assert [sim.step_of(f) for f in ("loyer", "conjoint_chomage", "demandeur_incapacite")] == [
        "logement", "ressources", "handicap"]


def test_a_form_is_read_as_short_strings():
    assert sim.typed({"loyer": " 500 ", "x" * 60: "y" * 90, "vide": None}) == {
        "loyer": "500", "x" * 40: "y" * sim.MAX_TYPED, "vide": ""}


def test_the_easy_to_read_wording_has_the_same_keys_and_the_housing_kinds():
    standard, falc = load("simulation_standard"), load("simulation_falc")
    assert standard.keys() == falc.keys()
    for key, value in standard.items():
        if isinstance(value, dict):
            assert value.keys() == falc[key].keys(), key
    assert standard["logements"] == {kind.value: kind.label for kind in Logement}
    assert not any(mark in text for text in (falc["ressources_intro"], falc["disclaimer"]) for mark in ";()%")


def test_a_logged_in_person_starts_from_the_dossier_and_the_answers_read_back():
    from caf_app.services.situation.simulation_prefill import Declared, Prefill
    start = Prefill(couple=True, demandeur_ne_le=date(1990, 5, 14), conjoint_ne_le=date(1988, 2, 20),
                    enfants=(date(1999, 1, 1), date(2016, 4, 2)), code_postal="13013", commune="Marseille",
                    demandeur=Declared(activite=1234_56), conjoint=None)
    answers = sim.answers_from(start, date(2026, 11, 30))
    assert answers["couple"] == "oui" and answers["demandeur_ne_le"] == "14/05/1990"
    assert answers["nombre_enfants"] == "1" and answers["enfant_1"] == "02/04/2016"  # 27 years old: not counted
    assert (answers["code_postal"], answers["commune"]) == ("13013", "Marseille")
    assert sim.foyer_from(Theme.RSA, {**answers, "logement": "heberge"}, mois="2026-11").demandeur.activite == 1234_56
    assert "conjoint_activite" not in answers  # nothing declared for him: he types it
