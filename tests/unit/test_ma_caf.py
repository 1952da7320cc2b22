"""Ma Caf: a postal code leads to the Caf of its commune's département (the official communes list), a code that
does not exist is refused in French, and every demo Caf's content file fills every section of its page."""

from __future__ import annotations

import re
from datetime import date

import pytest

from caf_app import routes
from caf_app.content import load, ma_caf as words
from caf_app.domain.address import names_index
from caf_app.domain.departements import caf_name
from caf_app.domain.errors import DomainError
from caf_app.domain.ma_caf import DEMO_CAFS, FORMAT, UNKNOWN, caf_of, no_page

COMMUNES = load("communes")["codes"]
INDEX = names_index(load("communes_insee")["codes"])


def find(code: str):
    return caf_of(code, communes=COMMUNES, index=INDEX)


@pytest.mark.parametrize("code, commune, departement, caf", [
    ("13013", "Marseille", "13", "Caf des Bouches-du-Rhône"),
    ("92100", "Boulogne-Billancourt", "92", "Caf des Hauts-de-Seine"),
    ("06200", "Nice", "06", "Caf des Alpes-Maritimes"),
    ("75015", "Paris", "75", "Caf de Paris"),
    ("44000", "Nantes", "44", "Caf de la Loire-Atlantique"),
    ("69001", "Lyon", "69", "Caf du Rhône"),
    ("20000", "Ajaccio", "2A", "Caf de la Corse-du-Sud"),
    ("97400", "Saint-Denis", "974", "Caf de La Réunion"),
    (" 13 013 ", "Marseille", "13", "Caf des Bouches-du-Rhône"),
])
def test_a_postal_code_leads_to_the_caf_of_its_commune(code, commune, departement, caf):
    found = find(code)
    assert (found.commune, found.departement, found.caf) == (commune, departement, caf)
    assert found.has_page is (departement in DEMO_CAFS)


def test_a_postal_code_crossing_a_departement_border_follows_its_commune():
    # 05110 also serves communes of the Alpes-de-Haute-Provence (Curbans, Claret): its first one, Barcillonnette,
    # found in the official list, decides.
    assert find("05110").departement == "05"
    assert find("04200").departement == "04"


@pytest.mark.parametrize("code, message", [
    ("99999", UNKNOWN), ("13999", UNKNOWN), ("00000", UNKNOWN),
    ("", FORMAT), ("1301", FORMAT), ("130133", FORMAT), ("abcde", FORMAT),
])
def test_a_code_that_does_not_exist_is_refused_in_french_on_the_field(code, message):
    with pytest.raises(DomainError) as refused:
        find(code)
    assert refused.value.field == "code_postal" and refused.value.message == message


def test_a_caf_without_a_page_says_which_cafs_the_demonstration_has():
    text = no_page(find("69001"))
    assert text.startswith("Votre Caf est la Caf du Rhône (Lyon).")
    assert all(caf_name(d) in text for d in DEMO_CAFS)


def test_every_demo_caf_has_its_page_in_the_registry():
    assert set(routes.MA_CAF_PAGES) == set(DEMO_CAFS)
    for departement, page in routes.MA_CAF_PAGES.items():
        assert page.path == f"/ma-caf/{departement}" and page.title == caf_name(departement)
        assert not page.private


@pytest.mark.parametrize("departement", DEMO_CAFS)
def test_every_demo_caf_fills_every_section_of_its_page(departement):
    c = words.caf(departement)
    assert c["departement"] == departement and c["name"] == caf_name(departement)
    assert all(c[section] for section in words.SECTIONS), [s for s in words.SECTIONS if not c.get(s)]
    assert [t["theme"] for t in c["aides"]] == list(words.THEMES) and all(t["items"] for t in c["aides"])
    titles = " ".join(n["title"] for n in c["news"])
    assert all(word in titles for word in ("Pass colo", "Vacaf", "Bafa"))  # the seed's local news
    assert any(n["scope"] == "départementale" for n in c["news"])
    for n in c["news"]:
        date.fromisoformat(n["date"])
        assert n["title"] and n["text"] and n["theme"] in words.THEMES
    assert [n["date"] for n in c["news"]] == sorted((n["date"] for n in c["news"]), reverse=True)
    assert all(i["title"] and i["text"] for i in c["informations"])
    assert c["contacts"]["phones"] and c["contacts"]["courriel"] and c["contacts"]["rendez_vous"]
    for place in c["points_accueil"] + c["france_services"]:
        assert place["name"] and place["hours"]
        assert re.search(r"\b\d{5} \S", place["address"]), place
    assert re.fullmatch(r"\d{5} .+", c["postal_address"][-1])
    assert set(c["delais"]["back_days_from_last_tuesday"]) == set(words.CONFIGURED)


def test_the_configured_delais_read_as_the_seed_s_local_indicators():
    updated, lines = words.configured_delais("75", date(2026, 11, 30))  # a Monday: updated the Tuesday before
    assert updated == "24/11/2026"
    assert lines[1] == ("Votre Caf traite actuellement les demandes RSA et AAH arrivées entre le 25/10/2026 et le "
                        "01/11/2026.")
    assert len(lines) == 3
