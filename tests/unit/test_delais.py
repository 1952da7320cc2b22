"""Délais de traitement from the real queue, pure: the category of a démarche, the median, the 30-day window, the
oldest receipt still waiting, and the words that say them (or say they are not measured yet)."""

from datetime import date, timedelta

import pytest
from hypothesis import given, strategies as st

from caf_app.content import delais as wording
from caf_app.domain.delais import Category, Delai, Entry, category_of, measure, median, window_start
from caf_app.domain.statuses import DemarcheKind

TODAY = date(2026, 11, 26)
RSA_DECLARATION = ("Déclaration trimestrielle de ressources (Revenu de solidarité active) : août, septembre, "
                   "octobre 2026")
AAH_DECLARATION = ("Déclaration trimestrielle de ressources (Allocation aux adultes handicapés) : août, septembre, "
                   "octobre 2026")
PA_DECLARATION = "Déclaration trimestrielle de ressources (Prime d'activité) : août, septembre, octobre 2026"


@pytest.mark.parametrize(("kind", "title", "category"), [
    (DemarcheKind.DEMANDE_PRESTATION, "Demande de RSA", Category.RSA_AAH),
    (DemarcheKind.DEMANDE_PRESTATION, "Demande d'AAH", Category.RSA_AAH),
    (DemarcheKind.DECLARATION_TRIMESTRIELLE, RSA_DECLARATION, Category.RSA_AAH),
    (DemarcheKind.DECLARATION_TRIMESTRIELLE, AAH_DECLARATION, Category.RSA_AAH),
    (DemarcheKind.DECLARATION_TRIMESTRIELLE, PA_DECLARATION, Category.AUTRES),
    (DemarcheKind.DEMANDE_PRESTATION, "Demande de prime d'activité", Category.AUTRES),
    (DemarcheKind.DOCUMENT, "Transmettre un document : Demande de RSA", Category.AUTRES),
    (DemarcheKind.CHANGEMENT_SITUATION, "Changement de coordonnées", Category.AUTRES),
    (DemarcheKind.MESSAGE, "Message à ma Caf : ma demande de RSA", Category.COURRIELS),
    ("message", "Message à ma Caf : bonjour", Category.COURRIELS),  # as a plain value too
])
def test_each_demarche_falls_in_one_category(kind, title, category):
    assert category_of(kind, title) is category


@pytest.mark.parametrize(("values", "expected"), [
    ([], None), ([7], 7.0), ([3, 1, 2], 2.0), ([10, 2, 4, 8], 6.0), ([1, 2], 1.5), ([0, 0, 30], 0.0)])
def test_the_median_is_the_middle_value(values, expected):
    assert median(values) == expected


@given(st.lists(st.integers(min_value=0, max_value=400), min_size=1))
def test_half_the_values_are_at_most_the_median_and_half_at_least(values):
    middle = median(values)
    assert 2 * sum(value <= middle for value in values) >= len(values)
    assert 2 * sum(value >= middle for value in values) >= len(values)


def decided(kind, title, *, received_days_ago: int, took: int) -> Entry:
    received = TODAY - timedelta(days=received_days_ago)
    return Entry(kind, title, received, received + timedelta(days=took))


def test_the_window_is_the_last_30_days_today_included():
    assert window_start(TODAY) == date(2026, 10, 28)
    inside = Entry(DemarcheKind.DOCUMENT, "d", date(2026, 10, 1), date(2026, 10, 28))
    outside = Entry(DemarcheKind.DOCUMENT, "d", date(2026, 10, 1), date(2026, 10, 27))
    autres = measure([inside, outside], today=TODAY)[1]
    assert (autres.median_days, autres.decisions) == (27.0, 1)


def test_each_category_gets_its_median_and_its_oldest_waiting():
    entries = [
        decided(DemarcheKind.DEMANDE_PRESTATION, "Demande de RSA", received_days_ago=20, took=10),
        decided(DemarcheKind.DECLARATION_TRIMESTRIELLE, RSA_DECLARATION, received_days_ago=10, took=2),
        decided(DemarcheKind.DECLARATION_TRIMESTRIELLE, AAH_DECLARATION, received_days_ago=5, took=4),
        decided(DemarcheKind.DOCUMENT, "Transmettre un document : avis", received_days_ago=40, took=35),
        decided(DemarcheKind.CHANGEMENT_SITUATION, "Changement", received_days_ago=3, took=0),
        Entry(DemarcheKind.DOCUMENT, "", date(2026, 11, 2)),
        Entry(DemarcheKind.DEMANDE_PRESTATION, "Demande de prime d'activité", date(2026, 10, 30)),
        Entry(DemarcheKind.MESSAGE, "", date(2026, 11, 20)),
    ]
    rsa_aah, autres, courriels = measure(entries, today=TODAY)
    assert rsa_aah == Delai(Category.RSA_AAH, 4.0, 3, None)
    assert autres == Delai(Category.AUTRES, 17.5, 2, date(2026, 10, 30))
    assert courriels == Delai(Category.COURRIELS, None, 0, date(2026, 11, 20))


def test_a_decision_is_never_counted_as_a_negative_delay():
    entry = Entry(DemarcheKind.MESSAGE, "", date(2026, 11, 20), date(2026, 11, 19))
    assert measure([entry], today=TODAY)[2].median_days == 0.0


def test_the_words_give_the_measured_delai_and_the_oldest_waiting():
    text = wording.sentence(Delai(Category.AUTRES, 17.5, 2, date(2026, 10, 30)))
    assert text == ("Autres démarches : traitées en 17,5 jours (délai médian de 2 décisions ces 30 derniers jours). "
                    "La plus ancienne encore en attente a été reçue le 30/10/2026.")
    assert wording.sentence(Delai(Category.RSA_AAH, 12.0, 1, None)) == (
        "Demandes et déclarations trimestrielles de RSA et d'AAH : traitées en 12 jours (délai médian de 1 "
        "décision ces 30 derniers jours). Aucune n'est en attente.")
    assert "traités le jour même" in wording.sentence(Delai(Category.COURRIELS, 0.0, 4, None))
    assert wording.days(1.0) == "1 jour"


def test_without_a_decision_the_words_say_the_delai_is_not_measured_yet():
    text = wording.sentence(Delai(Category.COURRIELS, None, 0, date(2026, 11, 20)))
    assert text == ("Messages envoyés à votre Caf : délai pas encore mesuré, faute de décision de ce type ces 30 "
                    "derniers jours. Le plus ancien encore en attente a été reçu le 20/11/2026.")
    assert "jours)" not in text
