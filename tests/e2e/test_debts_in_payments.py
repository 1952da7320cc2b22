"""Issue 21, point 7: Mes paiements details the debts under the retenues, with the way to repay them online; the
Menu lists Mes dettes only for a dossier with a debt left to repay."""

from playwright.sync_api import expect

from tests.personas import JONAS, SAMIR

from .conftest import log_in


def menu_links(page):
    return page.get_by_role("navigation", name="Menu de Mon Compte").get_by_role("link")


def test_7_samir_sees_the_detail_of_his_debts_in_mes_paiements_and_mes_dettes_in_the_menu(page):
    log_in(page, SAMIR.nir, then="/allocations")
    page.get_by_role("tab", name="Mes paiements").click()
    detail = page.get_by_role("region", name="Le détail de mes dettes")
    expect(detail).to_contain_text("Prime d'activité : reste à rembourser")
    expect(detail).to_contain_text("1 130,26 €")
    detail.get_by_role("link", name="Rembourser tout ou partie en ligne").click()
    expect(page.get_by_role("heading", level=1, name="Mes dettes")).to_be_visible()
    page.get_by_role("navigation", name="Navigation principale").get_by_role("link", name="Menu").click()
    expect(menu_links(page).filter(has_text="Mes dettes")).to_have_count(1)


def test_7_jonas_who_owes_nothing_has_neither_the_detail_nor_the_menu_entry(page):
    log_in(page, JONAS.nir, then="/menu")
    expect(menu_links(page).filter(has_text="Mes attestations")).to_have_count(1)
    expect(menu_links(page).filter(has_text="Mes dettes")).to_have_count(0)
    page.goto("/allocations")
    page.get_by_role("tab", name="Mes paiements").click()
    expect(page.get_by_role("button", name="Paiement du", exact=False).first).to_be_visible()
    expect(page.get_by_role("region", name="Le détail de mes dettes")).to_have_count(0)
