"""The words of the site search (domain/search_text.py): accents, case and endings never matter, the small words
of a question are not searched, a typo is corrected to a word the site uses, and hostile input is only words."""

from caf_app.domain.search_text import MAX_TERMS, plain, query_words, stem, stems, vocabulary_of, words

SITE = vocabulary_of(["La prime d'activité est versée chaque mois", "Allocation de logement : déménagement"])


def test_accents_case_and_ligatures_do_not_matter():
    assert plain("Œuvre ÉTÉ Activité") == "oeuvre ete activite"
    assert stems("Activité") == stems("activite") == stems("ACTIVITES")


def test_the_small_words_of_a_question_are_not_searched():
    assert words("Quand ma prestation est-elle versée ?") == ["quand", "prestation", "versee"]


def test_endings_share_a_stem():
    assert stem("versement").startswith(stem("verser")) and stem("allocations") == stem("allocation")


def test_a_typo_is_corrected_to_a_word_of_the_site_and_an_unknown_word_dropped():
    assert query_words("alocation demenagment", SITE) == (
        ["allocation", "demenagement"], ["alocation → allocation", "demenagment → demenagement"])
    assert query_words("zorglub", SITE) == ([], [])


def test_hostile_or_huge_input_is_only_words_and_bounded():
    searched, _ = query_words("'; DROP TABLE searchdoc; -- <script>alert(1)</script> \"prime\"*", SITE)
    assert searched == ["prime"]
    assert query_words("prime " * 5_000, SITE)[0] == ["prime"]
    assert len(query_words(" ".join(sorted(SITE)) * 3, SITE)[0]) <= MAX_TERMS
