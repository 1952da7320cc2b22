"""The public site's content (content/*.md, caf_app/content/editorial.py): front matter read, a bad file refused
with a sentence that names it and says what is wrong, every file rendered, and every fiche and guide complete."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from caf_app import routes
from caf_app.content import editorial
from caf_app.content.editorial import ContentError, parse
from caf_app.domain.demandes import DemandeKind

GOOD = """---
title: "Prime d'activité : ce qui change"
date: 2024-06-20
caf: "92"
theme: vie-professionnelle
summary: Un résumé.
---
## Ce qui change

Du texte, avec un [lien](/actualites).
"""


def test_front_matter_is_read_and_the_body_rendered_from_h2():
    entry = parse(GOOD, section="actualites", slug="ce-qui-change")
    assert entry.title == "Prime d'activité : ce qui change"  # quotes removed, the colon inside kept
    assert entry.meta["caf"] == "92" and entry.date_text == "20 juin 2024"
    assert entry.category == "Actualité départementale – Caf des Hauts-de-Seine"
    assert '<h2 id="ce-qui-change">Ce qui change</h2>' in entry.html
    assert entry.headings == (("ce-qui-change", "Ce qui change"),)


def test_raw_html_in_a_file_is_not_published_as_markup():
    entry = parse(GOOD.replace("Du texte", "<script>alert(1)</script> Du texte"), section="actualites", slug="x")
    assert "<script>" not in entry.html and "&lt;script&gt;" in entry.html


@pytest.mark.parametrize(("text", "says"), [
    ("## Sans en-tête\n", "doit commencer par un bloc d'en-tête"),
    ("---\ntitle: T\nsummary: S\n## Jamais fermé\n", "n'est pas fermé"),
    ("---\ntitle T\nsummary: S\n---\n## Corps\n", "ligne 2 : « title T » n'est pas de la forme « clé: valeur »"),
    ("---\ntitle: T\ntitle: U\nsummary: S\n---\n## Corps\n", "la clé « title » est donnée deux fois"),
    ("---\ntitle: T\n---\n## Corps\n", "il manque summary"),
    ("---\ntitle: T\nsummary: S\nauteur: X\n---\n## Corps\n", "clé(s) inconnue(s) dans l'en-tête : auteur"),
    ("---\ntitle: T\nsummary: S\n---\n# Un second titre\n", "pas contenir de titre de niveau 1"),
    ("---\ntitle: T\nsummary: S\n---\n\n", "le texte est vide"),
])
def test_a_bad_page_is_refused_with_the_file_and_the_reason(text, says):
    with pytest.raises(ContentError) as refused:
        parse(text, section="pages", slug="a-propos", source="content/pages/a-propos.md")
    assert str(refused.value).startswith("content/pages/a-propos.md")
    assert says in str(refused.value)


@pytest.mark.parametrize(("line", "says"), [
    ("date: 20/06/2024", "la date « 20/06/2024 » doit s'écrire AAAA-MM-JJ"),
    ("caf: 75", "caf « 75 » inconnu"),
    ("theme: sport", "theme « sport » inconnu"),
])
def test_a_date_a_caf_or_a_theme_the_site_does_not_know_is_refused(line, says):
    key = line.split(":")[0]
    text = re.sub(rf"^{key}: .*$", line, GOOD, count=1, flags=re.M)
    with pytest.raises(ContentError, match=re.escape(says)):
        parse(text, section="actualites", slug="x")


def test_a_bad_file_in_the_folder_stops_the_build_and_names_the_file(tmp_path):
    folder = tmp_path / "actualites"
    folder.mkdir()
    (folder / "bonne.md").write_text(GOOD, encoding="utf-8")
    (folder / "Mauvaise.md").write_text(GOOD, encoding="utf-8")
    with pytest.raises(ContentError, match=r"Mauvaise\.md : le nom du fichier doit être en minuscules"):
        editorial.entries("actualites", tmp_path)


def test_every_file_of_the_repository_renders_and_has_its_page():
    found = editorial.everything()
    assert len(found) >= 35
    addresses = {a for page in routes.PAGES for a in page.addresses}
    for entry in found:
        assert entry.html.strip() and entry.summary
        assert routes.content_address(entry.section, entry.slug) in addresses


def test_every_link_of_the_content_leads_to_a_page_of_the_site():
    """A page of the registry, a file the site serves (assets/: the webinars' programme), or another site."""
    addresses = {a for page in routes.PAGES for a in page.addresses}
    assets = Path(__file__).resolve().parents[2] / "assets"
    for entry in editorial.everything():
        for href in re.findall(r'href="([^"]+)"', entry.html):
            assert (href.startswith("https://") or href.split("#")[0] in addresses
                    or (assets / href.lstrip("/")).is_file()), (entry.key, href)


FICHES = ("aide-au-logement", "prime-activite", "rsa", "aah", "asf", "paje-prime-naissance",
          "paje-allocation-de-base", "cmg", "ajpa", "ars", "allocations-familiales")


@pytest.mark.parametrize("slug", FICHES)
def test_a_fiche_says_what_who_how_much_how_and_answers_questions(slug):
    fiche = editorial.entry("prestations", slug)
    titles = [text for _, text in fiche.headings]
    assert titles[0] == "Qu'est-ce que c'est ?" and titles[1] == "Qui peut en bénéficier ?"
    assert titles[2] == "Combien ?" and titles[3].startswith("Comment l")
    assert titles[-1] == "Questions fréquentes" and fiche.html.count("<h3>") >= 2
    if "demande" in fiche.meta:
        assert fiche.meta["demande"] in {kind.slug for kind in DemandeKind}


def test_the_simulated_prestations_have_their_simulator_and_the_demandes_their_form():
    fiches = editorial.entries("prestations")
    assert {f.meta["simulateur"] for f in fiches if "simulateur" in f.meta} == set(editorial.SIMULATEURS)
    asked = {f.meta["demande"] for f in fiches if "demande" in f.meta}
    assert {"aide-logement", "prime-activite", "rsa", "aah", "asf", "cmg", "ajpa", "paje-naissance"} <= asked


def test_the_life_events_the_thematiques_the_news_and_the_magazine_are_there():
    assert {e.slug for e in editorial.entries("situations")} == {
        "naissance", "separation", "demenagement", "perte-emploi", "handicap"}
    assert [e.title for e in editorial.entries("thematiques")] == [
        "Vie personnelle", "Vie professionnelle", "Logement", "Handicap", "Accidents de vie"]
    assert {e.meta["caf"] for e in editorial.entries("actualites")} == {"national", "92", "13", "06"}
    news = editorial.entries("actualites")
    assert [e.date for e in news] == sorted((e.date for e in news), reverse=True)
    assert len(editorial.entries("magazine")) == 3
    assert {e.slug for e in editorial.entries("pages")} == {"nous-connaitre", "appli-mobile"}


def test_every_content_page_has_a_title_and_a_description_of_its_own():
    pages = [p for p in routes.PAGES if p.component.startswith("caf_app.pages.editorial")]
    assert len(pages) == len(editorial.everything()) + 6
    assert all(p.title and p.description for p in pages)
    assert len({p.description for p in pages}) == len(pages)


def test_the_professionnels_space_has_the_seed_s_menu_services_and_toolbox_and_every_anchor_exists():
    """Issue 23, point 1: every link of the space's hub leads to a page of the site (an anchor to one of its
    headings), a file it serves, or another site."""
    from caf_app.pages import professionnels as pro

    assert [label for label, _ in pro.MENU] == ["Actualités", "Offres et services", "Études et international",
                                                "Presse", "Nous connaître", "Emplois et carrières", "Innovation"]
    assert [name for name, *_ in pro.SERVICES] == ["L'espace bailleur", "Mon Compte Partenaire", "Mon enfant",
                                                   "Partenaires Rsa", "Elan", "Téléprocédure Esat"]
    addresses = {a for page in routes.PAGES for a in page.addresses}
    anchors = {routes.content_address(e.section, e.slug): {anchor for anchor, _ in e.headings}
               for e in editorial.everything()}
    toolbox = [(f"{pro.PRO}/boite-a-outils#{editorial.slugify(heading)}") for _, heading in pro.TOOLBOX]
    for href in [href for _, href in pro.MENU] + [href for *_, href, _ in pro.SERVICES] + toolbox:
        if href.startswith("https://"):
            continue
        path, _, anchor = href.partition("#")
        assert path in addresses, href
        assert not anchor or anchor in anchors[path], href
