"""caf_app.rules without the OpenFisca service: the household's checks, its test case, the chain of situations
an explanation computes and its sentences, and the amounts read from a result."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from caf_app.domain.errors import DomainError
from caf_app.rules import explain, simulate
from caf_app.rules.catalogue import BY_KEY, RULES, variables
from caf_app.rules.situation import (
    LOOK_BACK_MONTHS,
    MAX_CHILDREN,
    MAX_MONTHLY_CENTS,
    Adulte,
    Foyer,
    Logement,
    add_household,
    check,
    months_before,
)

TODAY = date(2026, 11, 30)
MOIS = "2026-11"
COMMUNES = {"75056": "Paris", "13055": "Marseille"}


def foyer(**changes) -> Foyer:
    base = Foyer(MOIS, Adulte(date(1990, 3, 15), activite=1200_00), loyer=600_00, commune="75056")
    return replace(base, **changes)


def adult(**changes) -> Adulte:
    return replace(Adulte(date(1990, 3, 15)), **changes)


def field_of(bad: Foyer) -> str:
    with pytest.raises(DomainError) as raised:
        check(bad, today=TODAY, communes=COMMUNES)
    assert raised.value.message  # a French sentence for the form
    return raised.value.field


# --- check ----------------------------------------------------------------------------------------------------

def test_a_sound_household_passes():
    check(foyer(), today=TODAY, communes=COMMUNES)
    check(foyer(conjoint=adult(ne_le=date(1992, 1, 1), chomage=800_00), enfants=(date(2015, 5, 5), date(2026, 10, 1)),
                naissance_prevue=date(2027, 3, 1)), today=TODAY, communes=COMMUNES)
    check(foyer(logement=Logement.PROPRIETAIRE, loyer=0), today=TODAY, communes=COMMUNES)
    check(foyer(commune="99999"), today=TODAY)  # no list of communes: not checked


@pytest.mark.parametrize(("bad", "field"), [
    (foyer(demandeur=adult(activite=-1)), "demandeur_activite"),
    (foyer(demandeur=adult(chomage=-50_00)), "demandeur_chomage"),
    (foyer(demandeur=adult(pensions=MAX_MONTHLY_CENTS + 1)), "demandeur_pensions"),
    (foyer(demandeur=adult(activite=MAX_MONTHLY_CENTS + 1)), "demandeur_activite"),
    (foyer(conjoint=adult(activite=-1)), "conjoint_activite"),
    (foyer(conjoint=adult(chomage=MAX_MONTHLY_CENTS * 10)), "conjoint_chomage"),
    (foyer(demandeur=adult(incapacite=101)), "demandeur_incapacite"),
    (foyer(demandeur=adult(incapacite=-5)), "demandeur_incapacite"),
    (foyer(demandeur=adult(ne_le=date(2026, 12, 1))), "demandeur_ne_le"),          # born in the future
    (foyer(conjoint=adult(ne_le=date(2027, 1, 1))), "conjoint_ne_le"),
    (foyer(demandeur=adult(ne_le=date(1900, 1, 1))), "demandeur_ne_le"),           # 126 years old
    (foyer(demandeur=adult(ne_le=date(2015, 1, 1))), "demandeur_ne_le"),           # 11: no allocataire
    (foyer(enfants=(date(2010, 1, 1), date(1985, 1, 1))), "enfant_2"),              # older than the parent
    (foyer(conjoint=adult(ne_le=date(1980, 1, 1)), enfants=(date(1985, 1, 1),)), "enfant_1"),  # older than one
    (foyer(enfants=(date(2026, 12, 24),)), "enfant_1"),                              # a child born in the future
    (foyer(demandeur=adult(ne_le=date(1960, 1, 1)), enfants=(date(2001, 10, 31),)), "enfant_1"),  # 25 years old
    (foyer(enfants=(date(2015, 1, 1),) * (MAX_CHILDREN + 1)), "enfants"),
    (foyer(loyer=0), "loyer"),                                                        # a tenant without rent
    (foyer(logement=Logement.HLM, loyer=-10_00), "loyer"),
    (foyer(logement=Logement.ACCESSION, loyer=0), "loyer"),
    (foyer(loyer=MAX_MONTHLY_CENTS + 1), "loyer"),
    (foyer(logement=Logement.HEBERGE, loyer=-1), "loyer"),
    (foyer(commune="99999"), "code_postal"),                                          # unknown commune
    (foyer(commune=""), "code_postal"),
    (foyer(naissance_prevue=date(2026, 11, 1)), "naissance_prevue"),                  # already past
    (foyer(naissance_prevue=date(2027, 9, 30)), "naissance_prevue"),                  # more than 280 days on
])
def test_each_wrong_answer_names_its_field(bad, field):
    assert field_of(bad) == field


def test_a_child_of_24_is_accepted_and_of_25_is_not():
    parent = adult(ne_le=date(1970, 1, 1))
    check(foyer(demandeur=parent, enfants=(date(2001, 11, 2),)), today=TODAY, communes=COMMUNES)  # 24 on 1 Nov
    assert field_of(foyer(demandeur=parent, enfants=(date(2001, 11, 1),))) == "enfant_1"


def test_the_expected_birth_s_bounds():
    check(foyer(naissance_prevue=TODAY), today=TODAY, communes=COMMUNES)
    check(foyer(naissance_prevue=date.fromordinal(TODAY.toordinal() + 280)), today=TODAY, communes=COMMUNES)
    assert field_of(foyer(naissance_prevue=date.fromordinal(TODAY.toordinal() + 281))) == "naissance_prevue"


# --- add_household --------------------------------------------------------------------------------------------

def test_months_before():
    assert months_before("2026-02", 4) == ["2026-02", "2026-01", "2025-12", "2025-11"]


def test_the_test_case_s_shape():
    case: dict = {}
    household = foyer(conjoint=adult(ne_le=date(1991, 6, 1), chomage=900_50),
                      demandeur=adult(activite=1234_56, pensions=10_00, incapacite=50, restriction=True),
                      enfants=(date(2018, 4, 4), date(2021, 9, 9)), commune="13055")
    asked = variables(RULES)
    add_household(case, "h", household, asked)
    assert set(case) == {"individus", "familles", "foyers_fiscaux", "menages"}
    assert set(case["individus"]) == {"h_a0", "h_a1", "h_e0", "h_e1"}
    assert case["familles"] == {"h_f": case["familles"]["h_f"]}
    family = case["familles"]["h_f"]
    assert family["parents"] == ["h_a0", "h_a1"] and family["enfants"] == ["h_e0", "h_e1"]
    assert case["foyers_fiscaux"]["h_ff"] == {"declarants": ["h_a0", "h_a1"], "personnes_a_charge": ["h_e0", "h_e1"]}
    menage = case["menages"]["h_m"]
    assert menage["personne_de_reference"] == ["h_a0"] and menage["conjoint"] == ["h_a1"]
    assert menage["enfants"] == ["h_e0", "h_e1"]

    # the months the rules look back at are all filled, with the same monthly figure, in euros
    applicant = case["individus"]["h_a0"]
    months = months_before(MOIS, LOOK_BACK_MONTHS)
    assert list(applicant["salaire_net"]) == months and months[-1] == "2023-12"  # N-2 of a December reached
    assert set(applicant["salaire_net"].values()) == {1234.56}
    assert set(applicant["salaire_imposable"].values()) == {round(1234_56 * 1.03) / 100}
    assert set(applicant["retraite_nette"].values()) == {10.0}
    assert set(applicant["taux_incapacite"].values()) == {0.5}
    assert set(applicant["aah_restriction_substantielle_durable_acces_emploi"].values()) == {True}
    assert set(case["individus"]["h_a1"]["chomage_net"].values()) == {900.5}
    assert applicant["date_naissance"] == {"ETERNITY": "1990-03-15"}
    assert case["individus"]["h_e1"] == {"date_naissance": {"ETERNITY": "2021-09-09"},
                                          **{name: {MOIS: None} for name in asked["individus"]}}
    housing = months_before(MOIS, 14)
    assert menage["statut_occupation_logement"] == {month: "locataire_vide" for month in housing}
    assert menage["loyer"] == {month: 600.0 for month in housing}
    assert menage["depcom"] == {month: "13055" for month in housing}

    # the asked variables, for the month, on their entity
    for name in asked["familles"]:
        assert family[name] == {MOIS: None}
    for person in case["individus"].values():
        for name in asked["individus"]:
            assert person[name] == {MOIS: None}
    assert "zone_apl" not in menage


def test_two_households_in_one_case_keep_apart():
    case: dict = {}
    add_household(case, "a", foyer(), variables(RULES))
    add_household(case, "b", foyer(logement=Logement.PROPRIETAIRE, loyer=0, commune=""), variables(RULES),)
    assert set(case["familles"]) == {"a_f", "b_f"}
    assert set(case["individus"]) == {"a_a0", "b_a0"}
    assert "depcom" not in case["menages"]["b_m"]  # no commune: no housing zone given
    assert set(case["menages"]["b_m"]["statut_occupation_logement"].values()) == {"proprietaire"}
    assert set(case["menages"]["b_m"]["loyer"].values()) == {0.0}


def test_asked_variables_of_the_menage():
    case: dict = {}
    add_household(case, "h", foyer(), {"menages": ["zone_apl"]})
    assert case["menages"]["h_m"]["zone_apl"] == {MOIS: None}
    assert "rsa" not in case["familles"]["h_f"]


@pytest.mark.parametrize(("household", "eligible"), [
    (foyer(enfants=(date(2018, 1, 1),)), True),                                # alone, no maintenance: ASF due
    (foyer(enfants=(date(2018, 1, 1),), pension_alimentaire=True), False),      # alone, the maintenance is paid
    (foyer(conjoint=adult(), enfants=(date(2018, 1, 1),)), False),              # a couple
    (foyer(conjoint=adult(), enfants=(date(2018, 1, 1),), pension_alimentaire=True), False),
])
def test_a_parent_alone_receiving_maintenance_has_no_asf(household, eligible):
    case: dict = {}
    add_household(case, "h", household, variables(RULES))
    asf_elig = case["familles"]["h_f"]["asf_elig"]
    assert asf_elig[MOIS] is eligible
    # every family says it (one family's input would otherwise give the others the default, False)
    assert set(asf_elig.values()) == {eligible} and MOIS in asf_elig


def test_the_expected_child_is_a_member_born_on_the_expected_date():
    case: dict = {}
    add_household(case, "h", foyer(enfants=(date(2020, 1, 1),), naissance_prevue=date(2027, 2, 14)),
                  variables(RULES))
    assert case["familles"]["h_f"]["enfants"] == ["h_e0", "h_e1"]
    assert case["individus"]["h_e1"]["date_naissance"] == {"ETERNITY": "2027-02-14"}
    assert case["foyers_fiscaux"]["h_ff"]["personnes_a_charge"] == ["h_e0", "h_e1"]
    assert case["menages"]["h_m"]["enfants"] == ["h_e0", "h_e1"]


# --- explain.chain and describe -------------------------------------------------------------------------------

BEFORE = Foyer("2026-03", Adulte(date(1988, 2, 2), activite=800_00), loyer=500_00, commune="13055",
               enfants=(date(2019, 5, 5),))
AFTER = Foyer("2026-11", Adulte(date(1988, 2, 2), activite=1000_00, incapacite=80),
              conjoint=Adulte(date(1989, 7, 7), chomage=600_00), enfants=(date(2019, 5, 5), date(2026, 6, 6)),
              logement=Logement.HLM, loyer=450_00, commune="75056", naissance_prevue=date(2027, 4, 4))

HOUSEHOLD = ("couple", "conjoint_present", "enfants", "pension_alimentaire", "naissance_prevue", "incapacite")
RESOURCES = ("activite", "chomage", "pensions")
HOUSING = ("logement", "loyer", "commune")


def kinds_changed(old: Foyer, new: Foyer) -> set[str]:
    def resources(household: Foyer):
        return [tuple(getattr(adult, name) for name in RESOURCES) if adult else None
                for adult in (household.demandeur, household.conjoint)]

    def people(household: Foyer):
        return (household.couple, household.enfants, household.pension_alimentaire, household.naissance_prevue,
                [(adult.ne_le, adult.incapacite, adult.restriction) if adult else None
                 for adult in (household.demandeur, household.conjoint)])

    kinds = set()
    if old.mois != new.mois:
        kinds.add("bareme")
    if people(old) != people(new):
        kinds.add("foyer")
    if resources(old) != resources(new):
        # a newcomer's resources count as a change of resources only when the step is "ressources"
        if old.couple == new.couple:
            kinds.add("ressources")
    if (old.logement, old.loyer, old.commune) != (new.logement, new.loyer, new.commune):
        kinds.add("logement")
    return kinds


def test_the_chain_ends_on_after_and_changes_one_kind_of_input_per_step():
    steps = explain.chain(BEFORE, AFTER)
    assert [step for step, _ in steps] == list(explain.STEPS)
    assert steps[-1][1] == AFTER
    previous = BEFORE
    for step, situation in steps:
        assert kinds_changed(previous, situation) == {step}, step
        previous = situation


def test_the_chain_s_foyer_step_brings_the_newcomer_without_resources():
    (_, bareme), (_, household), (_, resources), _ = explain.chain(BEFORE, AFTER)
    assert bareme == BEFORE.with_month("2026-11")
    assert household.conjoint == replace(AFTER.conjoint, chomage=0)
    assert household.demandeur.activite == 800_00 and household.demandeur.incapacite == 80
    assert resources.demandeur.activite == 1000_00 and resources.conjoint.chomage == 600_00


def test_the_chain_of_a_household_that_did_not_change():
    steps = explain.chain(BEFORE, BEFORE)
    assert all(situation == BEFORE for _, situation in steps)


def test_day_in_words():
    assert explain.day_in_words(date(2026, 4, 1)) == "1er avril 2026"
    assert explain.day_in_words(date(2025, 10, 15)) == "15 octobre 2025"


def test_describe_the_revalorisation_with_its_date_in_words():
    rsa = BY_KEY["rsa"]
    sentence = explain.describe("bareme", BEFORE, BEFORE.with_month("2026-11"),
                                (date(2025, 4, 1), date(2026, 4, 1)), rsa.bareme_label)
    assert sentence == "revalorisation du montant forfaitaire du Rsa au 1er avril 2026"
    same = explain.describe("bareme", BEFORE, BEFORE.with_month("2026-11"), (date(2026, 4, 1), date(2026, 4, 1)),
                            rsa.bareme_label)
    assert same.startswith("changement de mois")


def test_describe_the_household():
    steps = dict(explain.chain(BEFORE, AFTER))
    sentence = explain.describe("foyer", steps["bareme"], steps["foyer"], (None, None), "")
    assert "vous vivez maintenant en couple" in sentence
    assert "votre foyer compte maintenant 2 enfants" in sentence
    assert "une naissance est attendue" in sentence
    assert "votre taux d'incapacité a changé" in sentence
    alone = explain.describe("foyer", AFTER, replace(AFTER, conjoint=None, enfants=AFTER.enfants[:1],
                                                     pension_alimentaire=True, naissance_prevue=None),
                             (None, None), "")
    assert alone == ("vous vivez maintenant seul(e) ; votre foyer compte maintenant 1 enfant ; "
                     "vous recevez une pension alimentaire")
    assert explain.describe("foyer", AFTER, AFTER, (None, None), "") == "la composition de votre foyer a changé"


def test_describe_resources_up_and_down():
    up = explain.describe("ressources", BEFORE, replace(BEFORE, demandeur=replace(BEFORE.demandeur,
                                                                                  activite=1000_00)), (None, None), "")
    assert up == "vos revenus d'activité ont augmenté de 200,00\u00a0€ par mois"
    down = explain.describe("ressources", AFTER, replace(AFTER, conjoint=replace(AFTER.conjoint, chomage=0),
                                                         demandeur=replace(AFTER.demandeur, pensions=300_00)),
                            (None, None), "")
    assert down == ("vos allocations chômage ont baissé de 600,00\u00a0€ par mois ; "
                    "vos pensions et retraites ont augmenté de 300,00\u00a0€ par mois")


def test_describe_the_housing():
    moved = explain.describe("logement", BEFORE, replace(BEFORE, logement=Logement.HLM, loyer=450_00,
                                                         commune="75056"), (None, None), "")
    assert moved == ("votre logement a changé (je loue un logement hlm ou conventionné) ; "
                     "votre loyer est passé de 500,00\u00a0€ à 450,00\u00a0€ ; vous avez changé de commune")
    rent = explain.describe("logement", BEFORE, replace(BEFORE, loyer=520_00), (None, None), "")
    assert rent == "votre loyer est passé de 500,00\u00a0€ à 520,00\u00a0€"


def test_a_cause_s_text_carries_its_sign():
    assert explain.Cause("ressources", -1234, "x").text == "−12,34\u00a0€ : x"
    assert explain.Cause("bareme", 500, "y").text == "+5,00\u00a0€ : y"


# --- simulate: reading amounts --------------------------------------------------------------------------------

@pytest.mark.parametrize(("euros", "cents"), [
    (0, 0), (1.005, 101), (2.675, 268), (0.125, 13), (152.24368, 15224), (200.77461, 20077), (-1.005, -101),
    (1041.59, 104159),
])
def test_to_cents_rounds_half_up_on_the_decimal_figure(euros, cents):
    assert simulate.to_cents(euros) == cents


def result_for(household: Foyer, familles: dict, individus: dict | None = None) -> dict:
    mois = household.mois
    return {
        "familles": {"h_f": {name: {mois: value} for name, value in familles.items()}},
        "individus": {f"h_a{index}": {name: {mois: values[index]} for name, values in (individus or {}).items()}
                      for index in range(len(household.adultes))},
    }


def test_paid_cents_reads_net_amounts_as_they_are():
    household = foyer()
    result = result_for(household, {"af_nettes_crds": 152.24368, "rsa": 573.4872, "ppa_nette_crds": 226.7702,
                                    "asf_nette_crds": None})
    assert simulate.paid_cents(BY_KEY["af"], result, "h", household) == 15224
    assert simulate.paid_cents(BY_KEY["rsa"], result, "h", household) == 57349
    assert simulate.paid_cents(BY_KEY["prime_activite"], result, "h", household) == 22677
    assert simulate.paid_cents(BY_KEY["asf"], result, "h", household) == 0  # null: nothing


def test_paid_cents_takes_the_crds_of_gross_variables():
    household = foyer()
    assert BY_KEY["paje_base"].crds and BY_KEY["paje_naissance"].crds
    result = result_for(household, {"paje_base": 199.15364, "paje_naissance": 1098.57})
    # 199,15 − 0,5 % (0,99575 → 1,00) = 198,15; 1 098,57 − 5,49285 → 5,49 = 1 093,08
    assert simulate.paid_cents(BY_KEY["paje_base"], result, "h", household) == 19815
    assert simulate.paid_cents(BY_KEY["paje_naissance"], result, "h", household) == 109308


def test_the_aide_au_logement_is_paid_in_whole_euros():
    household = foyer()
    for euros, cents in ((351.0, 35100), (351.99, 35100), (0.0, 0), (9.5, 900)):
        result = result_for(household, {"aide_logement": euros})
        assert simulate.paid_cents(BY_KEY["aide_logement"], result, "h", household) == cents


def test_a_person_s_prestation_sums_over_the_adults():
    household = foyer(conjoint=adult())
    result = result_for(household, {}, {"aah": [1041.59, 250.5]})
    assert simulate.paid_cents(BY_KEY["aah"], result, "h", household) == 129209
    alone = foyer()
    assert simulate.paid_cents(BY_KEY["aah"], result_for(alone, {}, {"aah": [None]}), "h", alone) == 0


def test_read_builds_the_lines_and_the_bareme_date():
    household = foyer()
    rule = BY_KEY["rsa"]
    result = result_for(household, {"rsa": 573.4872, "rsa_socle": 651.69, "rsa_base_ressources": 0,
                                    "rsa_forfait_logement": 78.2028})
    simulation = simulate.read((rule,), result, "h", household, {"rsa": date(2026, 4, 1)})
    amount = simulation.of("rsa")
    assert amount.cents == 57349 and amount.bareme == date(2026, 4, 1)
    assert [(line.cents, line.deducted) for line in amount.lines] == [(65169, False), (0, True), (7820, True)]


def test_bareme_of_the_month():
    values = {"2025-04-01": 646.52, "2026-04-01": 651.69}
    assert simulate.bareme_of(values, "2026-11") == date(2026, 4, 1)
    assert simulate.bareme_of(values, "2026-03") == date(2025, 4, 1)
    assert simulate.bareme_of(values, "2024-01") is None


def test_every_rule_s_variables_are_asked_once():
    asked = variables(RULES)
    for names in asked.values():
        assert len(names) == len(set(names))
    assert all(rule.variable in asked[rule.entity] for rule in RULES)
    bare = variables(RULES, figures=False)
    assert sum(len(names) for names in bare.values()) == len(RULES)
