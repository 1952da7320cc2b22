"""The site search and the assistant on a real index: SQLite's FTS5 and PostgreSQL's French text search give the
same answers (services/communications/search.py)."""

import html

from caf_app.content import search as words
from caf_app.services.communications import search


def titles(results, kind):
    return [hit.title for group, hits in results.groups if group == kind for hit in hits]


def test_the_fiche_of_the_prime_d_activite_is_found_without_accents_and_with_a_typo(session):
    assert search.rebuild(session) > 60
    found = search.search(session=session, query="prime activite")
    assert found.groups[0][0] == "Droits et prestations" and found.groups[0][1][0].title == "Prime d'activité"
    assert found.groups[0][1][0].url == "/aides-et-demarches/droits-et-prestations/prime-activite"
    assert found.groups[0][1][0].summary.startswith("Un complément de revenus")
    typo = search.search(session=session, query="alocation logement")
    assert typo.corrected == ["alocation → allocation"] and "Aide au logement" in titles(typo, "Droits et prestations")
    moving = search.search(session=session, query="DÉMÉNAGEMENT")
    assert "Je déménage" in titles(moving, "Ma situation")
    assert [kind for kind, _ in moving.groups] == [kind for kind in words.KINDS if kind in dict(moving.groups)]


def test_hostile_huge_or_empty_queries_get_a_french_message_and_nothing_else(session):
    search.rebuild(session)
    for query in ("'; DROP TABLE searchdoc; --", "<script>alert(1)</script>", "zzzqqq"):
        result = search.search(session=session, query=query)
        assert result.groups == [] and result.message == words.NOTHING, query
    syntax = search.search(session=session, query='"prime"* OR NEAR(')  # the index's syntax is only characters
    assert titles(syntax, "Droits et prestations")[0].startswith("Prime")
    huge = search.search(session=session, query="logement " + "x" * 10_000)
    assert huge.groups and huge.message == words.TOO_LONG
    assert search.search(session=session, query="   ").message == words.EMPTY
    assert search.search(session=session, query="logement").groups  # the index is still there


def test_the_assistant_answers_with_its_source_or_says_it_does_not_know(session):
    search.rebuild(session)
    paid = search.answer(session=session, question="Quand ma prestation est-elle versée ?")
    assert paid.items[0].title == "Quand ma prestation est-elle versée ?" and paid.items[0].url == "/#questions"
    assert "le 5" in paid.items[0].summary and paid.message == ""
    attestation = search.answer(session=session, question="comment avoir une attestation de paiement")
    assert attestation.items[0].title == "Comment obtenir une attestation de paiement ?"
    for nonsense in ("zorglub flibidi", "le la les", "!!!"):
        assert search.answer(session=session, question=nonsense) == search.Answer([], words.DONT_KNOW)
    assert search.answer(session=session, question="").message == words.ASSISTANT_EMPTY


def test_a_rebuild_replaces_the_index(session):
    search.rebuild(session, [search.Doc("Actualités", "Vacances d'été", "Le Pass colo.", "/a", "séjour colonie")])
    assert titles(search.search(session=session, query="colonie"), "Actualités") == ["Vacances d'été"]
    assert search.search(session=session, query="prime activite").groups == []
    search.rebuild(session)
    assert titles(search.search(session=session, query="prime activite"), "Droits et prestations")[0] == \
        "Prime d'activité"


def test_the_results_page_the_server_writes_has_the_same_results_every_text_escaped(session, engine, monkeypatch):
    """What a browser without scripts gets from the search forms (api/search.py): the form with the query, the
    results by kind with their links, the messages; nothing typed is ever markup."""
    from starlette.testclient import TestClient

    from caf_app.api import api, plain as search_page

    search.rebuild(session)
    monkeypatch.setattr(search_page, "engine", lambda: engine)
    client = TestClient(api, base_url="http://testserver")
    found = client.get("/api/recherche", params={"q": "prime activite"})
    assert found.status_code == 200 and found.headers["cache-control"] == "no-store"
    assert '<section aria-label="Droits et prestations"><h2>Droits et prestations</h2>' in found.text
    assert ('<a class="result-title" href="/aides-et-demarches/droits-et-prestations/prime-activite">'
            "Prime d&#x27;activité</a>") in found.text
    assert 'value="prime activite"' in found.text and "<title>Rechercher : prime activite - Caf</title>" in found.text
    hostile = client.get("/api/recherche", params={"q": '"><script>alert(1)</script>'})
    assert "<script>" not in hostile.text and "&lt;script&gt;" in hostile.text
    assert html.escape(words.NOTHING) in hostile.text
    asked = client.get("/api/recherche", params={"question": "Quand ma prestation est-elle versée ?"})
    assert "Questions fréquentes" in asked.text  # the assistant's question, searched on the same page
    empty = client.get("/api/recherche", params={"q": "  "})
    assert 'aria-invalid="true"' in empty.text and html.escape(words.EMPTY) in empty.text
    first = client.get("/api/recherche")
    assert 'aria-invalid="false"' in first.text and "résultat" not in first.text
