"""A change of situation found in a demande's answers (domain/demande_changes.py): which change declares it, in
plain French, and nothing once the dossier holds it (declared, even not yet processed)."""

from caf_app.domain.demande_changes import DossierFacts, changes_found

MARRIED_SALARIED_ONE_CHILD = DossierFacts(familiale="marie", professionnelle="salarie", children=1)


def kinds(answers, facts=MARRIED_SALARIED_ONE_CHILD, demande="rsa"):
    return [found.kind for found in changes_found(demande, answers, facts)]


def test_the_same_answers_as_the_dossier_are_no_change():
    assert kinds({"situation_familiale": "marie", "activite": "salarie", "enfants": "1"}) == []


def test_each_family_situation_is_declared_by_its_change():
    expected = {"pacse": "pacs", "vie_maritale": "vie_maritale", "separe": "separation", "divorce": "divorce",
                "veuf": "deces"}
    for answer, change in expected.items():
        assert kinds({"situation_familiale": answer}) == [change]
    assert kinds({"situation_familiale": "marie"}, DossierFacts(familiale="celibataire")) == ["mariage"]
    assert kinds({"situation_familiale": "celibataire"}) == []  # no change records it: nothing to send to


def test_a_new_job_or_its_end_is_declared_and_a_situation_the_question_cannot_say_is_left_alone():
    assert kinds({"activite": "chomage"}) == ["chomage"]
    assert kinds({"activite": "independant"}) == ["non_salarie"]
    found = changes_found("rsa", {"activite": "chomage"}, MARRIED_SALARIED_ONE_CHILD)[0]
    assert found.sentence == "Vous indiquez « Demandeur d'emploi » ; votre dossier indique « Salarié(e) »."
    assert kinds({"activite": "salarie"}, DossierFacts(professionnelle="arret_maladie")) == []
    assert kinds({"activite": "sans_activite"}) == []


def test_more_children_is_a_birth_fewer_a_departure_and_a_declared_one_counts_either_way():
    assert kinds({"enfants": "2"}) == ["naissance"]
    assert kinds({"enfants": "0"}) == ["depart_enfant"]
    declared = DossierFacts(children=1, children_pending=1)  # a birth (or a departure) declared, not processed
    assert kinds({"enfants": "2"}, declared) == [] and kinds({"enfants": "1"}, declared) == []
    assert kinds({"enfants": "3"}, declared) == ["naissance"]
    assert kinds({"enfants": "2"}, DossierFacts()) == []  # a person who may not read the foyer: nothing compared
