"""« Faire la demande » after a simulation: the simulator's answers become the demande's, only where they mean the
same thing."""

from caf_app.domain.demande_carry import from_simulation
from caf_app.domain.demandes import DemandeKind, questions_of

LOGEMENT = {"couple": "oui", "demandeur_ne_le": "14/02/1995", "conjoint_ne_le": "03/03/1994", "nombre_enfants": "2",
            "enfant_1": "01/06/2020", "enfant_2": "15/09/2022", "logement": "meuble", "loyer": "620",
            "code_postal": "92000", "commune": "Nanterre", "demandeur_activite": "1 200,50",
            "demandeur_chomage": "100", "demandeur_pensions": "0", "conjoint_activite": "900",
            "conjoint_chomage": "0", "conjoint_pensions": "0"}


def test_a_housing_simulation_carries_the_household_the_housing_and_the_monthly_resources():
    assert from_simulation(LOGEMENT) == {
        "date_naissance": "14/02/1995", "conjoint_naissance": "03/03/1994", "enfants": "2",
        "enfant_1_naissance": "01/06/2020", "enfant_2_naissance": "15/09/2022", "code_postal": "92000",
        "commune": "Nanterre", "statut_logement": "locataire", "loyer": "620", "revenus_activite": "1200,50",
        "autres_revenus": "100", "conjoint_revenus": "900"}


def test_every_carried_answer_is_a_question_of_the_aide_au_logement():
    assert set(from_simulation(LOGEMENT)) <= set(questions_of(DemandeKind.AIDE_LOGEMENT))


def test_a_loan_is_carried_as_the_monthly_repayment_and_a_free_lodging_without_rent():
    assert from_simulation({"logement": "accession", "loyer": "800"})["mensualite"] == "800"
    carried = from_simulation({"logement": "heberge"})
    assert carried == {"statut_logement": "heberge"}


def test_a_single_person_carries_no_conjoint_and_children_beyond_the_count_are_left():
    carried = from_simulation({"couple": "non", "conjoint_ne_le": "03/03/1994", "conjoint_activite": "900",
                               "nombre_enfants": "1", "enfant_1": "01/06/2020", "enfant_2": "15/09/2022"})
    assert carried == {"enfants": "1", "enfant_1_naissance": "01/06/2020"}


def test_what_does_not_read_is_left_out_rather_than_guessed():
    assert from_simulation({"logement": "chateau", "nombre_enfants": "12", "demandeur_activite": "beaucoup",
                            "couple": "peut-être"}) == {}
    assert from_simulation("not a dict") == {}
    assert from_simulation({"proprietaire": "x", "logement": "proprietaire", "code_postal": "75001"}) == {
        "code_postal": "75001"}
