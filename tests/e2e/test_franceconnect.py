"""FranceConnect+ against a real OpenID Connect provider nobody here wrote (panva's oidc-provider, tests/oidc,
configured as FC+ is): Jonas links his account once, then logs in with FC+ alone; his logout ends the provider's
session too; a tampered state, a replayed code and an answer of too low a level are refused with their messages."""

import re
import secrets
from urllib.parse import parse_qs, urlencode, urlsplit, urlunsplit

from playwright.sync_api import expect

from tests.personas import JONAS

from .conftest import DEMO_PASSWORD, in_seconds, set_session


def at_the_provider(page, level: str = "eidas2", identity: str = "jonas"):
    """The provider's login screen, as the person meets it after "S'identifier avec FranceConnect+"."""
    page.get_by_role("link", name="S'identifier avec FranceConnect+").click()
    expect(page.get_by_role("heading", level=1, name="Fournisseur d'identité de test")).to_be_visible()
    page.get_by_label("Identité de test").select_option(identity)
    page.get_by_label("Niveau de garantie").select_option(level)
    page.get_by_role("button", name="Se connecter", exact=True).click()


def held_answer(page, level: str = "eidas2") -> str:
    """A whole round trip in this browser's cookie jar, up to the provider's answer (the callback URL with its
    code and state), which is returned instead of followed."""
    request = page.context.request
    location = request.get("/api/franceconnect/connexion", max_redirects=0).headers["location"]
    while "/api/franceconnect/retour" not in location:
        answer = request.get(location, max_redirects=0)
        if answer.status == 200:  # the login screen: its form, as the person would send it
            action = re.search(r'action="([^"]+/login)"', answer.text()).group(1)
            answer = request.post(urlunsplit(urlsplit(location)._replace(path=action, query="")),
                                  form={"identite": "jonas", "acr": level}, max_redirects=0)
        location = urlunsplit(urlsplit(answer.url)._replace(path="", query="")) + answer.headers["location"] \
            if answer.headers["location"].startswith("/") else answer.headers["location"]
    return location


def provider_session_is_live(page, oidc_provider) -> bool:
    """Ask the provider itself (prompt=none): a live session gives a code, none gives login_required."""
    query = urlencode({"client_id": oidc_provider["CAF_FC_CLIENT_ID"], "response_type": "code", "scope": "openid",
                       "redirect_uri": oidc_provider["CAF_FC_REDIRECT_URI"], "prompt": "none",
                       "state": secrets.token_urlsafe(32), "nonce": secrets.token_urlsafe(32)})
    answer = page.context.request.get(f"{oidc_provider['CAF_FC_ISSUER']}/auth?{query}", max_redirects=0)
    location = answer.headers.get("location", "")
    assert answer.status in (302, 303) and location.startswith(oidc_provider["CAF_FC_REDIRECT_URI"]), location
    found = parse_qs(urlsplit(location).query)
    return "code" in found and "error" not in found


def test_jonas_links_his_account_once_then_franceconnect_alone_and_the_logout_ends_both(page, oidc_provider,
                                                                                        tables_kept):
    tables_kept("account")  # Jonas's account is not linked to FranceConnect+ afterwards
    page.goto("/connexion")
    expect(page.get_by_text("Qu'est-ce que FranceConnect+ ?")).to_be_visible()
    at_the_provider(page)
    notice = page.get_by_role("status").filter(has_text="Première connexion avec FranceConnect+")
    expect(notice).to_be_visible()
    page.get_by_label("Numéro de Sécurité sociale").fill(JONAS.nir)
    page.get_by_label("Mot de passe").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Se connecter", exact=True).click()
    # FranceConnect+ vouched for him: no code for this new device.
    expect(page.get_by_text("132,08 €")).to_be_visible()
    cookie = next(c for c in page.context.cookies() if c["name"] == "caf_session")
    assert cookie["httpOnly"] and cookie["sameSite"] == "Lax"
    assert cookie["expires"] == -1, "a session cookie: closing the browser of a shared device ends it"
    assert provider_session_is_live(page, oidc_provider)

    page.goto("/menu")
    page.get_by_role("button", name="Déconnexion").click()
    expect(page.get_by_role("status").filter(has_text="Vous êtes déconnecté(e).")).to_be_visible()
    assert not provider_session_is_live(page, oidc_provider), "the provider's session ended with ours"
    page.goto("/mon-compte")
    expect(page.get_by_role("heading", level=1, name="Connexion")).to_be_visible()

    # Linked: FranceConnect+ alone opens his Mon Compte, in a new tab state (the one of the Connexion page is
    # not reused: issue 15, point 8).
    expect(page.get_by_role("link", name="S'identifier avec FranceConnect+")).to_be_visible()
    before = page.evaluate("window.sessionStorage.getItem('token')")
    assert before
    at_the_provider(page)
    expect(page.get_by_text("132,08 €")).to_be_visible()
    assert page.evaluate("window.sessionStorage.getItem('token')") not in (None, before)
    assert "caf_nouvelle_session" not in [c["name"] for c in page.context.cookies()]


def test_a_cancel_a_low_level_a_tampered_state_and_a_replayed_code_are_refused(page):
    page.goto("/connexion")
    page.get_by_role("link", name="S'identifier avec FranceConnect+").click()
    page.get_by_role("button", name="Annuler").click()  # the person gives up at the provider
    expect(page.get_by_role("alert")).to_contain_text("Vous avez annulé la connexion avec FranceConnect+")
    expect(page.get_by_label("Numéro de Sécurité sociale")).to_be_visible()  # the way back: the usual login

    at_the_provider(page, level="eidas1")
    expect(page.get_by_role("alert")).to_contain_text("niveau de sécurité suffisant")

    # Two round trips the provider answered, held back before the callback (same browser, same cookies). The
    # provider's second login ended its first session, and with it the first code: the second answer is the one
    # that works, the first one lends its state, still unused.
    first, second = held_answer(page), held_answer(page)
    first_state = parse_qs(urlsplit(first).query)["state"][0]
    second_code = parse_qs(urlsplit(second).query)["code"][0]

    def callback(code: str, state: str) -> str:
        return urlunsplit(urlsplit(second)._replace(query=urlencode({"code": code, "state": state})))

    tampered = first_state[:-1] + ("A" if first_state[-1] != "A" else "B")
    page.goto(callback(second_code, tampered))
    expect(page.get_by_role("alert")).to_contain_text("n'a pas pu être vérifiée")

    page.goto(second)  # used once: Jonas goes on (to link his account, or to his Mon Compte)
    expect(page.get_by_role("alert")).to_have_count(0)
    expect(page.get_by_role("status").filter(has_text="Première connexion avec FranceConnect+").or_(
        page.get_by_role("heading", level=1, name="Bonjour Jonas DUCHAIS"))).to_be_visible()
    page.goto(callback(second_code, first_state))  # its code again, with a state still valid
    expect(page.get_by_role("alert")).to_contain_text("a expiré ou a déjà été utilisée")
    page.goto(second)  # the whole answer again
    expect(page.get_by_role("alert")).to_contain_text("n'a pas pu être vérifiée")


def test_a_person_without_an_account_lands_in_creer_mon_compte_with_her_identity_locked(page):
    page.goto("/creer-mon-compte")
    expect(page.get_by_text("Qu'est-ce que FranceConnect+ ?")).to_be_visible()
    at_the_provider(page, identity="camille")
    expect(page.get_by_role("heading", name="État civil")).to_be_visible()
    expect(page.get_by_role("status").filter(has_text="pré-remplies")).to_be_visible()
    for label, value in (("Nom de naissance", "NOUVEAU"), ("Prénom(s)", "Camille Anne"),
                         ("Date de naissance", "21/06/1994"), ("Département de naissance", "69"),
                         ("Commune de naissance", "Lyon")):  # the provider's INSEE code 69123
        field = page.get_by_label(label, exact=True)
        expect(field).to_have_value(value)
        expect(field).to_have_attribute("readonly", "")
    expect(page.get_by_role("radio", name="Madame")).to_be_checked()
    expect(page.get_by_role("radio", name="Madame")).to_be_disabled()


def test_when_the_session_expires_the_provider_session_ends_too(page, oidc_provider, app_db, tables_kept):
    """An idle person's FranceConnect+ session must not outlive ours: the expiry goes by the provider's logout,
    and Connexion still says why."""
    tables_kept("account")  # Jonas links his account here: not linked afterwards
    page.goto("/connexion")
    at_the_provider(page)
    expect(page.get_by_role("status").filter(has_text="Première connexion avec FranceConnect+")).to_be_visible()
    page.get_by_label("Numéro de Sécurité sociale").fill(JONAS.nir)
    page.get_by_label("Mot de passe").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Se connecter", exact=True).click()
    expect(page.get_by_text("132,08 €")).to_be_visible()
    assert provider_session_is_live(page, oidc_provider)
    set_session(app_db, expires_at=in_seconds(3))
    page.get_by_role("navigation", name="Navigation principale").get_by_role("link", name="Allocations").click()
    expect(page.get_by_role("heading", level=1, name="Connexion")).to_be_visible(timeout=20_000)
    expect(page.get_by_role("status").filter(has_text="Votre session a expiré")).to_be_visible()
    assert not provider_session_is_live(page, oidc_provider), "the provider's session ended with ours"


def test_camille_starts_a_demande_then_franceconnect_plus_keeps_it_through_creer_mon_compte(page):
    """Issue 19: the demande in progress survives the FranceConnect+ round trip (Connexion's ?suivant= kept by the
    browser for it), and Créer Mon Compte then opens inside that demande."""
    page.goto("/connexion?suivant=/demandes/aah")
    at_the_provider(page, identity="camille")
    expect(page.get_by_role("heading", name="État civil")).to_be_visible()
    expect(page.get_by_role("status").filter(has_text="Vous créez votre compte pour faire votre demande")) \
        .to_be_visible()
    expect(page.get_by_label("Nom de naissance", exact=True)).to_have_value("NOUVEAU")
