"""The catalogue of the demandes de prestation: every demande, its screens and questions, the French message of
each wrong answer, the eligibility refusals and the pièces justificatives depending on the answers."""

from datetime import date

import pytest

from caf_app.domain import demandes, departements
from caf_app.domain.demande_form import Kind, check_answer
from caf_app.domain.demande_rules import pieces_for, refusal
from caf_app.domain.demandes import CATALOGUE, THEMES, DemandeKind, check_topic, questions_of, topics_of
from caf_app.domain.errors import DomainError

TODAY = date(2026, 11, 26)


def test_every_demande_is_in_a_theme_and_the_themes_are_the_seed_s():
    assert [theme.title for theme in THEMES] == [
        "Vie personnelle", "Vie professionnelle", "Logement", "Handicap", "Accident de vie"]
    assert {kind for theme in THEMES for kind in theme.kinds} == set(DemandeKind) == set(CATALOGUE)


def test_non_allocataires_may_ask_what_the_seed_s_recapitulatif_lists():
    assert {kind.value for kind, demande in CATALOGUE.items() if demande.non_allocataire} == {
        "aide_logement", "paje_naissance", "prime_activite", "rsa", "autre"}


@pytest.mark.parametrize("kind", list(DemandeKind))
def test_every_demande_has_its_card_its_screens_and_labelled_questions(kind):
    demande = CATALOGUE[kind]
    assert demande.title and demande.demarche.startswith("Demande") and len(demande.card) > 80
    for status in ("allocataire", "nouveau"):
        topics = topics_of(kind, {"statut_demandeur": status})
        assert topics and all(topic.title and topic.questions for topic in topics)
    names = [q.name for topic in demande.topics for q in topic.questions]
    assert len(names) == len(set(names))  # one name, one question, within a demande
    for question in questions_of(kind).values():
        assert question.label and (question.kind not in (Kind.CHOICE,) or question.choices)


def test_a_first_time_applicant_gives_an_address_and_a_bank_account():
    for kind, demande in CATALOGUE.items():
        if not demande.non_allocataire:
            continue
        names = {q.name for topic in topics_of(kind, {"statut_demandeur": "nouveau"})
                 for q in topic.questions if q.applies({"statut_demandeur": "nouveau"})}
        assert {"adresse", "code_postal", "commune"} <= names, kind
        assert kind is DemandeKind.AUTRE or "iban" in names, kind


def error(kind, name, text):
    with pytest.raises(DomainError) as raised:
        check_answer(questions_of(kind)[name], text, TODAY)
    assert raised.value.field == name
    return raised.value.message


@pytest.mark.parametrize("kind, name, text, message", [
    ("rsa", "date_naissance", "2015-01-01", "Vous devez avoir au moins 15 ans : vérifiez l'année de naissance."),
    ("rsa", "date_naissance", "01/01/1901", "Cette date donne plus de 120 ans : vérifiez l'année de naissance."),
    ("rsa", "date_naissance", "30/02/1990", "Cette date n'existe pas : vérifiez le jour et le mois."),
    ("rsa", "date_naissance", "1990", "Saisissez la date au format JJ/MM/AAAA, par exemple 14/02/1995."),
    ("rsa", "date_naissance", "", "Ce champ est obligatoire."),
    ("rsa", "conjoint_naissance", "01/01/2020", "Votre conjoint doit avoir au moins 15 ans : vérifiez l'année de "
                                                "naissance."),
    ("paje_naissance", "accouchement_prevu", "01/01/2028", "La date prévue d'accouchement doit être dans les 9 "
                                                           "prochains mois."),
    ("aide_logement", "date_entree", "01/01/2027", "Cette date ne peut pas être dans le futur."),
    ("rsa", "autres_revenus", "-50", "Le montant ne peut pas être négatif."),
    ("rsa", "autres_revenus", "douze", "Saisissez un montant en chiffres, par exemple 650 ou 650,50."),
    ("rsa", "autres_revenus", "250000", "Ce montant dépasse 100\u202f000,00\u00a0€ : vérifiez votre saisie."),
    ("aide_logement", "loyer", "0", "Un locataire paie un loyer : indiquez son montant par mois, sans les charges."),
    ("aide_logement", "loyer", "45000", "Ce montant dépasse 10\u202f000,00\u00a0€ : vérifiez votre saisie."),
    ("pala", "montant_pret", "15000", "Le prêt est de 10 000 € au plus : indiquez un montant plus bas."),
    ("rsa", "iban", "FR76 1234", "Un IBAN français commence par FR et compte 27 caractères, par exemple "
                                 "FR76 3000 3012 3400 0920 1001 015."),
    ("rsa", "iban", "FR7630003012340009201001024", "La clé RIB de cet IBAN n'est pas bonne : vérifiez les chiffres "
                                                   "saisis."),
    ("rsa", "code_postal", "9200", "Le code postal comporte 5 chiffres, par exemple 92000."),
    ("rsa", "code_postal", "00100", "Ce code postal n'existe pas."),
    ("rsa", "situation_familiale", "polygame", "Choisissez une des réponses proposées."),
    ("cmg", "assmat_agrement", "n° 12 34", "Le numéro d'agrément compte 4 à 20 lettres ou chiffres, sans espace."),
])
def test_each_wrong_answer_has_its_french_message(kind, name, text, message):
    assert error(kind, name, text) == message


def test_a_child_born_in_the_future_or_25_and_over_is_refused():
    assert error("cmg", "garde_naissance", "01/01/2027").startswith(
        "La date de naissance de l'enfant ne peut pas être dans le futur.")
    assert error("rsa", "enfant_1_naissance", "01/01/1990").startswith("Un enfant à charge a moins de 25 ans")
    assert check_answer(questions_of("cmg")["garde_naissance"], "2025-03-01", TODAY) == date(2025, 3, 1)


def test_right_answers_are_read_back():
    assert check_answer(questions_of("rsa")["autres_revenus"], "1 130,26 €", TODAY) == 113026
    assert check_answer(questions_of("rsa")["iban"], "FR76 3000 3012 3400 0920 1001 023", TODAY) == \
        "FR7630003012340009201001023"


def test_a_screen_checks_only_the_questions_that_apply():
    single = {"situation_familiale": "celibataire", "enfants": "0"}
    assert check_topic("rsa", "foyer", single, TODAY) == {}
    couple = {"situation_familiale": "marie", "enfants": "1"}
    assert set(check_topic("rsa", "foyer", couple, TODAY)) == {
        "conjoint_prenom", "conjoint_nom", "conjoint_naissance", "enfant_1_prenom", "enfant_1_naissance"}
    assert [t.key for t in topics_of("rsa", {"statut_demandeur": "allocataire"})] == [
        "situation", "foyer", "ressources", "banque"]


BORN_2006 = {"date_naissance": "01/01/2006", "enceinte": "non", "enfants": "0"}


@pytest.mark.parametrize("kind, answers, starts", [
    ("aah", {"mdph": "non"}, "L'AAH est attribuée après une décision de la MDPH"),
    ("aah", {"mdph": "decision", "taux": "moins"}, "L'AAH demande un taux d'incapacité d'au moins 50 %"),
    ("rsa", BORN_2006, "Le RSA est versé à partir de 25 ans"),
    ("prime_activite", {"activite": "sans_activite"}, "La prime d'activité complète les revenus d'un travail"),
    ("prime_activite", {"activite": "etudiant", "revenus_activite": "0"}, "La prime d'activité complète"),
    ("prime_activite", {"date_naissance": "01/01/2010"}, "La prime d'activité est versée à partir de 18 ans"),
    ("ajpa", {"aide_situation": "aucune"}, "L'allocation journalière du proche aidant est versée pour aider"),
    ("cmg", {"garde_naissance": "01/01/2019"}, "Le complément de libre choix du mode de garde est versé pour un "
                                               "enfant de moins de 6 ans"),
    ("asf", {"situation_familiale": "marie", "motif_asf": "sans_pension"}, "L'allocation de soutien familial est "
                                                                            "versée au parent qui élève seul"),
    ("asf", {"enfants": "0"}, "L'allocation de soutien familial est versée pour un enfant"),
    ("paje_naissance", {"enfant_ne": "oui", "bebe_naissance": "01/01/2023"}, "L'allocation de base est versée "
                                                                              "jusqu'aux 3 ans"),
    ("aide_logement", {"statut_logement": "heberge"}, "L'aide au logement aide à payer un loyer ou un prêt"),
    ("bafa", {"session": "generale"}, "L'aide de la Caf est versée pour la session d'approfondissement"),
    ("pala", {"agree": "non"}, "Le prêt à l'amélioration du lieu d'accueil est réservé"),
])
def test_eligibility_refuses_up_front_with_the_reason(kind, answers, starts):
    assert refusal(kind, answers, TODAY).startswith(starts)


@pytest.mark.parametrize("kind, answers", [
    ("rsa", {**BORN_2006, "enceinte": "oui"}),
    ("rsa", {**BORN_2006, "enfants": "1"}),
    ("rsa", {**BORN_2006, "jeune_actif": "oui"}),
    ("rsa", {"date_naissance": "01/01/1990", "enceinte": "non", "enfants": "0"}),
    ("asf", {"situation_familiale": "marie", "motif_asf": "enfant_recueilli", "enfants": "1"}),
    ("aah", {"mdph": "en_cours"}),
    ("cmg", {"garde_naissance": "01/01/2022"}),
    ("prime_activite", {"activite": "salarie"}),
    ("aide_logement", {}),  # nothing answered yet: nothing to say yet
])
def test_eligibility_lets_through_who_may_ask(kind, answers):
    assert refusal(kind, answers, TODAY) is None


@pytest.mark.parametrize("kind, answers, pieces", [
    ("aide_logement", {"statut_demandeur": "allocataire", "compte": "actuel", "statut_logement": "locataire",
                       "nationalite": "francaise"}, ["Bail ou attestation de loyer signée par votre bailleur"]),
    ("aide_logement", {"statut_demandeur": "allocataire", "statut_logement": "colocataire", "activite": "etudiant"},
     ["Bail ou attestation de loyer signée par votre bailleur", "Certificat de scolarité de l'année en cours"]),
    ("rsa", {"statut_demandeur": "allocataire", "compte": "actuel", "nationalite": "francaise"}, []),
    ("rsa", {"statut_demandeur": "allocataire", "nationalite": "autre"}, ["Titre de séjour en cours de validité"]),
    ("rsa", {"statut_demandeur": "nouveau", "nationalite": "ue"},
     ["Pièce d'identité (carte d'identité ou passeport)", "Relevé d'identité bancaire (RIB) à votre nom"]),
    ("cmg", {"statut_demandeur": "allocataire", "mode_garde": "assmat"}, []),
    ("cmg", {"statut_demandeur": "allocataire", "mode_garde": "les_deux"},
     ["Attestation d'inscription de l'enfant dans la structure"]),
    ("aah", {"statut_demandeur": "allocataire", "mdph": "decision"}, ["Notification de décision de la MDPH"]),
    ("aah", {"statut_demandeur": "allocataire", "mdph": "en_cours"}, []),
    ("autre", {"statut_demandeur": "allocataire"}, ["Document à l'appui de votre demande"]),
    ("pala", {"statut_demandeur": "allocataire", "statut_lieu": "locataire"},
     ["Devis des travaux ou des équipements", "Attestation d'agrément délivrée par le conseil départemental",
      "Accord écrit de votre propriétaire pour les travaux"]),
])
def test_the_pieces_depend_on_the_answers(kind, answers, pieces):
    assert pieces_for(kind, answers) == pieces


def test_cmg_asks_the_assistante_maternelle_s_agreement_number_as_a_field():
    assert questions_of("cmg")["assmat_agrement"].applies({"mode_garde": "assmat"})
    assert not questions_of("cmg")["assmat_agrement"].applies({"mode_garde": "structure"})


def test_the_caf_of_a_first_time_applicant_is_the_one_of_her_departement():
    assert departements.departement_of("33000") == "33" and departements.caf_name("33") == "Caf de la Gironde"
    assert departements.departement_of("20090") == "2A" and departements.departement_of("20200") == "2B"
    assert departements.departement_of("97400") == "974" and departements.caf_name("92") == "Caf des Hauts-de-Seine"
    with pytest.raises(DomainError):
        departements.departement_of("97500")


def test_an_unknown_demande_is_a_domain_error():
    with pytest.raises(DomainError):
        demandes.demande_of("allocation_inconnue")
