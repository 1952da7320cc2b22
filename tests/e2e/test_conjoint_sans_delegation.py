"""Issue 21, point 11: a conjoint without délégation sees his own resources and professional situation on Mon
profil, and nothing of the other members' (the seed's « Tableau synthétique »)."""

import re

from playwright.sync_api import expect

from tests.personas import ERIC

from .conftest import log_in


def test_point_11_eric_sees_his_own_resources_and_situation_and_nothing_of_nadia_s(page):
    log_in(page, ERIC.nir, then="/profil")
    situation = page.get_by_role("heading", level=2, name="Ma situation").locator("..")
    expect(situation).to_contain_text("J'ai une activité salariée depuis le 01/03/2018")
    expect(page.get_by_text("Situation professionnelle du conjoint")).to_have_count(0)
    expect(page.get_by_text("Enfants et autres personnes à charge")).to_have_count(0)
    resources = page.get_by_role("heading", level=2, name="Mes ressources").locator("..")
    lines = resources.locator(".dl-row")
    expect(lines).to_have_count(3)
    for index in range(3):
        # \S, not \w: the pattern runs in JavaScript, whose \w is ASCII (not "Août")
        expect(lines.nth(index)).to_have_text(re.compile(r"^Salaires - \S+ 20\d\d\s*1\s850,00\s€$"))
