"""FranceConnect+ on our side, on a real database: a round trip is answered once, by the browser it started in,
within 10 minutes; an identity links to the account of the same person only; a linked `sub` opens a session
that remembers the ID token for the logout at the provider."""

from datetime import timedelta

import pytest
from sqlmodel import select

from caf_app import models as m
from caf_app.domain.errors import DomainError
from caf_app.security.franceconnect import FranceConnectError, Identity
from caf_app.services.identity import auth, franceconnect
from tests import personas

SECRET = "s" * 40
JONAS = Identity(sub="sub-jonas-" + "x" * 40, given_name="Jonas", family_name="DUCHAIS",
                 preferred_username="DUCHAIS", birthdate="1985-03-12", gender="male", birthplace="75112",
                 birthcountry="99100", email="jonas@example.fr", acr="eidas2", id_token="header.claims.signature")
SOMEONE = Identity(**{**JONAS.__dict__, "sub": "sub-autre-" + "y" * 40, "given_name": "Paul",
                      "family_name": "INCONNU", "birthdate": "1970-01-01"})


def account_of(session, nir: str) -> m.Account:
    return auth.find_account(session, nir, provisional=False)


def test_a_round_trip_is_answered_once_by_its_own_browser_within_ten_minutes(seeded):
    state, nonce = franceconnect.start(seeded, purpose="connexion", browser="navigateur-a", secret=SECRET)
    assert len(state) >= 32 and len(nonce) >= 32
    for wrong in ({"state": state + "x", "browser": "navigateur-a"}, {"state": state, "browser": "navigateur-b"},
                  {"state": state, "browser": ""}):
        with pytest.raises(FranceConnectError) as error:
            franceconnect.take(seeded, purpose="connexion", secret=SECRET, **wrong)
        assert error.value.reason == "etat"
    flow = franceconnect.take(seeded, purpose="connexion", state=state, browser="navigateur-a", secret=SECRET)
    assert flow.nonce == nonce
    with pytest.raises(FranceConnectError):
        franceconnect.take(seeded, purpose="connexion", state=state, browser="navigateur-a", secret=SECRET)

    state, _ = franceconnect.start(seeded, purpose="connexion", browser="navigateur-a", secret=SECRET)
    row = seeded.exec(select(m.OidcFlow).order_by(m.OidcFlow.id.desc())).first()
    row.created_at = m.utcnow() - timedelta(minutes=11)
    seeded.add(row)
    seeded.commit()
    with pytest.raises(FranceConnectError):
        franceconnect.take(seeded, purpose="connexion", state=state, browser="navigateur-a", secret=SECRET)
    assert seeded.exec(select(m.OidcFlow.state_hash)).all() and state not in str(
        seeded.exec(select(m.OidcFlow.state_hash)).all()), "the state is stored hashed"


def test_a_first_login_asks_the_account_holder_to_link_and_a_stranger_to_create_an_account(seeded):
    state, _ = franceconnect.start(seeded, purpose="connexion", browser="b", secret=SECRET)
    flow = franceconnect.take(seeded, purpose="connexion", state=state, browser="b", secret=SECRET)
    assert franceconnect.after_login(seeded, flow=flow, identity=JONAS).next == "lier"
    pending = franceconnect.pending(seeded, browser="b", secret=SECRET)
    assert pending is not None and franceconnect.identity_of(pending)["family_name"] == "DUCHAIS"
    assert franceconnect.pending(seeded, browser="autre", secret=SECRET) is None

    with pytest.raises(DomainError):  # Elise's password does not link Jonas's identity to Elise's account
        franceconnect.link(seeded, flow=pending, account=account_of(seeded, personas.ELISE.nir), secret=SECRET)
    ticket = franceconnect.link(seeded, flow=pending, account=account_of(seeded, personas.JONAS.nir), secret=SECRET)
    assert account_of(seeded, personas.JONAS.nir).fc_sub == JONAS.sub
    assert franceconnect.pending(seeded, browser="b", secret=SECRET) is None, "a pending identity links once"
    token = auth.exchange_ticket(session=seeded, ticket=ticket.ticket, secret=SECRET)
    assert auth.logout(session=seeded, token=token, secret=SECRET) == JONAS.id_token

    state, _ = franceconnect.start(seeded, purpose="connexion", browser="c", secret=SECRET)
    flow = franceconnect.take(seeded, purpose="connexion", state=state, browser="c", secret=SECRET)
    outcome = franceconnect.after_login(seeded, flow=flow, identity=JONAS)
    assert outcome.next == "session" and outcome.account.id == account_of(seeded, personas.JONAS.nir).id

    state, _ = franceconnect.start(seeded, purpose="connexion", browser="d", secret=SECRET)
    flow = franceconnect.take(seeded, purpose="connexion", state=state, browser="d", secret=SECRET)
    assert franceconnect.after_login(seeded, flow=flow, identity=SOMEONE).next == "creer"


def test_the_same_person_is_matched_without_accents_or_case_and_on_the_first_given_name(seeded):
    person = seeded.get(m.Person, account_of(seeded, personas.JONAS.nir).person_id)
    assert franceconnect.same_person(person, {"family_name": "Duchais", "given_name": "JONAS Pierre",
                                              "birthdate": "1985-03-12"})
    assert not franceconnect.same_person(person, {"family_name": "DUCHAIS", "given_name": "Jonas",
                                                  "birthdate": "1985-03-13"})


def test_an_identity_linked_to_one_account_links_to_no_other(seeded):
    state, _ = franceconnect.start(seeded, purpose="connexion", browser="e", secret=SECRET)
    flow = franceconnect.take(seeded, purpose="connexion", state=state, browser="e", secret=SECRET)
    franceconnect.after_login(seeded, flow=flow, identity=JONAS)
    elise = account_of(seeded, personas.ELISE.nir)
    elise.fc_sub = JONAS.sub  # however it came there, the sub belongs to another account now
    seeded.add(elise)
    seeded.commit()
    with pytest.raises(DomainError):
        franceconnect.link(seeded, flow=flow, account=account_of(seeded, personas.JONAS.nir), secret=SECRET)
    assert account_of(seeded, personas.JONAS.nir).fc_sub is None


def test_a_round_trip_and_the_identity_it_kept_are_deleted_a_day_later(seeded):
    state, _ = franceconnect.start(seeded, purpose="connexion", browser="f", secret=SECRET)
    flow = franceconnect.take(seeded, purpose="connexion", state=state, browser="f", secret=SECRET)
    franceconnect.after_login(seeded, flow=flow, identity=SOMEONE)
    flow.created_at = m.utcnow() - timedelta(days=1, minutes=1)
    seeded.add(flow)
    seeded.commit()
    franceconnect.start(seeded, purpose="connexion", browser="g", secret=SECRET)
    left = seeded.exec(select(m.OidcFlow)).all()
    assert [row.sub for row in left] == [None], "only the new round trip is left"
