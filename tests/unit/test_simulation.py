"""Simulations of the Rsa and the prime d'activité against the published barème of 1 April 2025."""

import pytest
from hypothesis import given, strategies as st

from caf_app.content import load
from caf_app.domain.errors import DomainError
from caf_app.domain.simulation import Foyer, Logement, bonification, coefficient, prime_activite, rsa

BAREMES = load("baremes")
RSA, PA = BAREMES["rsa"], BAREMES["prime_activite"]


def foyer(*, couple=False, enfants=0, logement=Logement.LOCATAIRE, revenus=0, conjoint=0, autres=0) -> Foyer:
    return Foyer(couple=couple, enfants=enfants, logement=logement, revenus_activite_cents=revenus,
                 revenus_conjoint_cents=conjoint, autres_ressources_cents=autres)


@pytest.mark.parametrize(("couple", "enfants", "expected"), [
    (False, 0, 64652), (False, 1, 96978), (False, 2, 116374), (False, 3, 142234),  # the published amounts
    (True, 0, 96978), (True, 1, 116374), (True, 2, 135769), (True, 3, 161630),
])
def test_rsa_montant_forfaitaire_by_household(couple, enfants, expected):
    assert rsa(foyer(couple=couple, enfants=enfants), RSA).montant_cents == expected


def test_rsa_minus_resources_and_forfait_logement():
    estimate = rsa(foyer(logement=Logement.AIDE_LOGEMENT, autres=10000), RSA)
    assert estimate.montant_cents == 64652 - 10000 - 7758
    assert estimate.detail == [("Montant forfaitaire du foyer", 64652), ("Ressources du foyer", -10000),
                               ("Forfait logement", -7758)]


def test_rsa_is_not_paid_above_the_forfaitaire_nor_under_6_euros():
    assert rsa(foyer(revenus=70000), RSA).montant_cents == 0
    assert rsa(foyer(revenus=64652 - 599), RSA).montant_cents == 0
    assert rsa(foyer(revenus=64652 - 600), RSA).montant_cents == 600


def test_bonification_grows_between_59_and_95_hours_of_smic():
    assert bonification(59 * 1188 - 1, PA) == 0
    assert bonification((59 * 1188 + 95 * 1188) // 2, PA) == 9214
    assert bonification(95 * 1188, PA) == bonification(300000, PA) == 18427


def test_prime_activite_of_a_single_worker():
    # 500 € earned: forfaitaire + 61 % of the earnings - the forfaitaire (larger than the resources).
    assert prime_activite(foyer(revenus=50000), PA).montant_cents == 30500
    # 1 426,30 € earned: with the full bonification.
    assert prime_activite(foyer(revenus=142630), PA).montant_cents == 63828 + 87004 + 18427 - 142630
    # The same with an aide au logement: the forfait logement counts as a resource.
    assert prime_activite(foyer(revenus=142630, logement=Logement.AIDE_LOGEMENT), PA).montant_cents == \
        63828 + 87004 + 18427 - 142630 - 7659


def test_no_prime_activite_without_earnings_nor_under_15_euros():
    nothing = prime_activite(foyer(autres=30000), PA)
    assert nothing.montant_cents == 0 and "revenus d'activité" in nothing.motif
    assert prime_activite(foyer(revenus=400000), PA).montant_cents == 0


def test_coefficients_and_wrong_households():
    assert coefficient(foyer(couple=True, enfants=4)) == pytest.approx(2.9)
    with pytest.raises(DomainError) as error:
        rsa(foyer(enfants=13), RSA)
    assert error.value.field == "enfants"
    with pytest.raises(DomainError) as error:
        prime_activite(foyer(conjoint=1000), PA)
    assert error.value.field == "revenus_conjoint"


@given(couple=st.booleans(), enfants=st.integers(0, 12), logement=st.sampled_from(list(Logement)),
       revenus=st.integers(0, 10**7), conjoint=st.integers(0, 10**7), autres=st.integers(0, 10**7))
def test_estimates_are_never_negative_and_never_above_the_ceiling(couple, enfants, logement, revenus, conjoint,
                                                                  autres):
    household = foyer(couple=couple, enfants=enfants, logement=logement, revenus=revenus,
                      conjoint=conjoint if couple else 0, autres=autres)
    forfaitaire = round(RSA["forfaitaire_cents"] * coefficient(household))
    assert 0 <= rsa(household, RSA).montant_cents <= forfaitaire
    assert prime_activite(household, PA).montant_cents >= 0


def test_the_form_refuses_superscript_and_other_script_digits_with_a_message():
    from caf_app.state.simulation import foyer_from

    form = {"aide": "rsa", "couple": "non", "logement": "locataire", "enfants": "²", "revenus_activite": "0"}
    with pytest.raises(DomainError) as error:
        foyer_from(form)
    assert error.value.field == "enfants"
    with pytest.raises(DomainError) as error:
        foyer_from({**form, "enfants": "0", "revenus_activite": "1²"})
    assert error.value.field == "revenus_activite"
