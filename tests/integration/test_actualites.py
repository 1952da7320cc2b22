"""The public site's news written in the agents' space (issue 22, point 3): Caf 92's communication officer writes,
previews and publishes; the item is on Ma Caf 92, in the search and at its address; each publication and
withdrawal is audited; a gestionnaire, another Caf's editor or the national editor may not touch it, and an
editor reaches no dossier."""

import pytest
from sqlmodel import select

from caf_app import models as m
from caf_app.domain.errors import Forbidden
from caf_app.domain.gestion import AgentActor, AgentRole
from caf_app.services.communications import actualites, search
from caf_app.services.gestion import queue

BODY = "## Pour qui ?\n\nLes familles de Nanterre.\n\n- le mercredi\n- le samedi\n\n<script>alert(1)</script>"


def agent(session, login: str) -> AgentActor:
    row = session.exec(select(m.Agent).where(m.Agent.login == login)).one()
    return AgentActor(row.id, row.caf_id, AgentRole(row.role), row.name)


def test_an_editor_writes_previews_publishes_and_withdraws_a_local_news_item(seeded):
    editor = agent(seeded, "editeur.92")
    with pytest.raises(actualites.ContentRefused) as refused:
        actualites.save(session=seeded, actor=editor, title="Fête", summary="court", body="Trop court.")
    assert set(refused.value.errors) == {"titre", "resume", "texte"}
    assert refused.value.errors["titre"] == "Le titre fait de 5 à 120 caractères (il en fait 4)."
    with pytest.raises(actualites.ContentRefused) as refused:
        actualites.save(session=seeded, actor=editor, title="Fête de la petite enfance", summary="Un après-midi de "
                        "jeux et d'information.", body="# Un titre\n\nTexte assez long pour être lu.")
    assert list(refused.value.errors) == ["texte"] and "titre de niveau 1" in refused.value.errors["texte"]
    news_id = actualites.save(session=seeded, actor=editor, title="Fête de la petite enfance à Nanterre",
                              summary="Un après-midi de jeux et d'information pour les familles.", body=BODY)
    [draft] = actualites.mine(session=seeded, actor=editor)
    assert draft.status == "Brouillon" and draft.url == ""
    shown = actualites.preview(session=seeded, actor=editor, news_id=news_id)
    assert '<h2 id="pour-qui">Pour qui ?</h2>' in shown.html and "&lt;script&gt;" in shown.html
    assert shown.scope == "Actualité départementale – Caf des Hauts-de-Seine"
    assert actualites.published_of(session=seeded, departement="92") == []

    item = actualites.publish(session=seeded, actor=editor, news_id=news_id)
    assert item.url == f"/actualites/publiees/fete-de-la-petite-enfance-a-nanterre-{news_id}"
    assert item.status.startswith("Publiée le ")
    [listed] = actualites.published_of(session=seeded, departement="92")
    assert listed.url == item.url and actualites.published_of(session=seeded, departement="13") == []
    page = actualites.article(session=seeded, slug=item.url.rsplit("/", 1)[1])
    assert page.title == "Fête de la petite enfance à Nanterre" and "<li>le mercredi</li>" in page.html
    found = search.search(session=seeded, query="fete petite enfance nanterre")
    assert [hit.url for kind, hits in found.groups if kind == "Actualités" for hit in hits][0] == item.url

    actualites.withdraw(session=seeded, actor=editor, news_id=news_id)
    assert actualites.article(session=seeded, slug=item.url.rsplit("/", 1)[1]) is None
    assert not any(hit.url == item.url for _, hits in search.search(session=seeded, query="nanterre fete").groups
                   for hit in hits)
    audited = seeded.exec(select(m.AuditEvent.kind, m.AuditEvent.detail).where(
        m.AuditEvent.kind.startswith("actualite_"))).all()
    assert [kind for kind, _ in audited] == ["actualite_publiée", "actualite_retirée"]
    assert "Inès Carpentier" in audited[0][1]


def test_only_the_editor_of_its_scope_touches_a_news_item_and_an_editor_reaches_no_dossier(seeded):
    editor, national = agent(seeded, "editeur.92"), agent(seeded, "editeur.national")
    local = actualites.save(session=seeded, actor=editor, title="Permanence d'été à Nanterre",
                            summary="L'accueil reste ouvert tout l'été, sur rendez-vous.", body=BODY)
    countrywide = actualites.save(session=seeded, actor=national, title="Revalorisation des prestations",
                                  summary="Les prestations familiales augmentent au 1er avril.", body=BODY)
    for who, news_id in ((national, local), (editor, countrywide), (agent(seeded, "agent.92"), local),
                         (agent(seeded, "superviseur.92"), local)):
        with pytest.raises(Forbidden):
            actualites.publish(session=seeded, actor=who, news_id=news_id)
    with pytest.raises(Forbidden):
        actualites.mine(session=seeded, actor=agent(seeded, "agent.92"))
    for call in (lambda: queue.queue(session=seeded, actor=editor),
                 lambda: queue.search(session=seeded, actor=editor, text="LAMBERT")):
        with pytest.raises(Forbidden):
            call()
    actualites.publish(session=seeded, actor=national, news_id=countrywide)
    assert [n.scope for n in actualites.published_of(session=seeded, departement="13")] == ["Actualité nationale"]


def test_without_scripts_a_published_item_reads_on_the_page_the_server_writes_and_the_search_leads_there(
        seeded, engine, monkeypatch):
    from starlette.testclient import TestClient

    from caf_app.api import api, plain

    monkeypatch.setattr(plain, "engine", lambda: engine)
    client = TestClient(api, base_url="http://testserver")
    editor = agent(seeded, "editeur.92")
    news_id = actualites.save(session=seeded, actor=editor, title="Fête de la petite enfance à Nanterre",
                              summary="Un après-midi de jeux et d'information pour les familles.", body=BODY)
    slug = actualites.publish(session=seeded, actor=editor, news_id=news_id).url.rsplit("/", 1)[1]
    read = client.get(f"/api/actualites/{slug}")
    assert read.status_code == 200 and "<h1>Fête de la petite enfance à Nanterre</h1>" in read.text
    assert "<li>le mercredi</li>" in read.text and "<script>" not in read.text
    assert "Actualité départementale – Caf des Hauts-de-Seine · Publié le " in read.text
    found = client.get("/api/recherche", params={"q": "fete petite enfance nanterre"})
    assert f'href="/api/actualites/{slug}"' in found.text  # its page without scripts, not the app's
    listed = client.get("/api/actualites", params={"caf": "92"})  # Ma Caf's « Fil d'actualités » without scripts
    assert f'<a href="/api/actualites/{slug}">Fête de la petite enfance à Nanterre</a>' in listed.text
    elsewhere = client.get("/api/actualites", params={"caf": "13"})  # another Caf's list: not this local one
    assert slug not in elsewhere.text and "Aucune actualité publiée pour le moment." in elsewhere.text
    hostile = client.get("/api/actualites", params={"caf": "<script>"})
    assert hostile.status_code == 200 and "<script>" not in hostile.text
    actualites.withdraw(session=seeded, actor=editor, news_id=news_id)
    gone = client.get(f"/api/actualites/{slug}")
    assert gone.status_code == 404 and "n&#x27;existe pas ou n&#x27;est plus en ligne" in gone.text
