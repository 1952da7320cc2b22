"""The login, step by step (services/identity/login.py): the password gives a session ticket on a known browser
and a code challenge on a new one; the code, then the ticket; a FranceConnect+ identity left in the browser is
linked on the way; a passkey alone; the same refusals and the same throttling as the password check itself."""

import re
import time

import pytest
from sqlmodel import col, select

from caf_app import models as m
from caf_app.domain.errors import DomainError
from caf_app.security.franceconnect import Identity
from caf_app.services.identity import account, auth, devices, franceconnect, login, passkeys
from tests import factories
from tests.factories import DEMO_PASSWORD, PASSKEY_SETTINGS, SECRET
from tests.personas import ELISE, JONAS, NEWCOMER

PHONE = login.Browser(ip="192.0.2.7", user_agent="Mozilla/5.0 (Linux; Android 14) Chrome/131.0 Mobile",
                      binding="b" * 32)
JONAS_FC = Identity(sub="sub-jonas-" + "x" * 40, given_name="Jonas", family_name="DUCHAIS",
                    preferred_username="DUCHAIS", birthdate="1985-03-12", gender="male", birthplace="75112",
                    birthcountry="99100", email="jonas@example.fr", acr="eidas2", id_token="header.claims.signature")


def with_password(session, identifier=ELISE.nir, password=DEMO_PASSWORD, browser=PHONE, target="/allocations"):
    return login.with_password(session=session, identifier=identifier, password=password, provisional=False,
                               browser=browser, target=target, secret=SECRET)


def last_code(session) -> str:
    body = session.exec(select(m.OutboxMessage.body).order_by(col(m.OutboxMessage.id).desc())).first()
    return re.search(r"\b(\d{6})\b", body).group(1)


def logins(session, account_id: int) -> list[str]:
    return list(session.exec(select(m.AuditEvent.detail).where(m.AuditEvent.account_id == account_id,
                                                               m.AuditEvent.kind == "login")).all())


def test_a_new_browser_gets_a_code_challenge_then_a_ticket_and_is_remembered(seeded):
    challenge = with_password(seeded)
    assert isinstance(challenge, login.CodeChallenge)
    assert challenge.destination == "e•••@e••••••.fr" and challenge.target == "/allocations"
    with pytest.raises(DomainError) as wrong:
        login.with_code(session=seeded, challenge=challenge, code="000000" if last_code(seeded) != "000000"
                        else "111111", browser=PHONE, secret=SECRET)
    assert wrong.value.field == "code"
    ticket = login.with_code(session=seeded, challenge=challenge, code=last_code(seeded), browser=PHONE,
                             secret=SECRET)
    assert isinstance(ticket, login.SessionTicket) and ticket.target == "/allocations"
    assert logins(seeded, challenge.account_id)[-1] == "code envoyé sur un nouvel appareil"
    assert auth.exchange_ticket(session=seeded, ticket=ticket.ticket, secret=SECRET, browser=PHONE.binding)
    device = devices.cookie_for(seeded, ticket=ticket.ticket, secret=SECRET)
    assert device, "the browser that gave the code is remembered"

    again = with_password(seeded, browser=login.Browser(**{**PHONE.__dict__, "device": device}), target="/profil")
    assert isinstance(again, login.SessionTicket) and again.target == "/profil"
    assert logins(seeded, challenge.account_id)[-1] == "appareil connu"


def test_the_ticket_opens_a_session_in_the_browser_that_logged_in_only(seeded):
    ticket = login.with_code(session=seeded, challenge=with_password(seeded), code=last_code(seeded),
                             browser=PHONE, secret=SECRET)
    assert auth.exchange_ticket(session=seeded, ticket=ticket.ticket, secret=SECRET, browser="c" * 32) is None


def test_a_code_can_be_sent_again_after_its_cooldown_and_a_new_password_voids_the_step(seeded, clock):
    challenge = with_password(seeded)
    with pytest.raises(DomainError):  # 60 s between two codes
        login.send_code_again(session=seeded, challenge=challenge, secret=SECRET)
    clock.advance(seconds=61)
    login.send_code_again(session=seeded, challenge=challenge, secret=SECRET)
    assert len(seeded.exec(select(m.OutboxMessage)).all()) == 2
    clock.advance(seconds=1)
    elise = factories.actor_of(seeded, ELISE.nir)
    account.change_password(session=seeded, actor=elise, current=DEMO_PASSWORD, new="NouveauMot2passe",
                            confirmation="NouveauMot2passe", keep_token="", secret=SECRET)
    with pytest.raises(DomainError) as changed:
        login.with_code(session=seeded, challenge=challenge, code=last_code(seeded), browser=PHONE,
                        secret=SECRET)
    assert changed.value.message == login.PASSWORD_CHANGED


def test_someone_with_neither_email_nor_mobile_logs_in_with_the_password_alone(seeded):
    person = factories.person(seeded, nir=NEWCOMER.nir)
    holder = factories.account(seeded, person=person)
    step = with_password(seeded, identifier=NEWCOMER.nir)
    assert isinstance(step, login.SessionTicket)
    assert logins(seeded, holder.id) == ["sans contact"]


def test_a_wrong_password_is_refused_as_before_and_counted(seeded, checks):
    with pytest.raises(DomainError) as wrong:
        with_password(seeded, password="Mauvais2026xx")
    assert (wrong.value.field, wrong.value.message) == ("", auth.WRONG_CREDENTIALS)
    assert checks == ["Mauvais2026xx"]
    assert seeded.exec(select(m.AuditEvent).where(m.AuditEvent.kind == "login_failed")).all()
    assert not seeded.exec(select(m.OutboxMessage)).all(), "no code for a wrong password"


def test_an_attempt_before_its_wait_is_refused_unchecked_even_with_the_right_password(seeded, clock, checks,
                                                                                      monkeypatch):
    monkeypatch.setattr(time, "sleep", lambda seconds: pytest.fail(f"the server slept {seconds} s"))
    for _ in range(3):
        with pytest.raises(DomainError):
            with_password(seeded, identifier=JONAS.nir, password="Mauvais2026xx")
    with pytest.raises(DomainError) as waiting:
        with_password(seeded, identifier=JONAS.nir)
    assert waiting.value.message == "Trop de tentatives. Réessayez dans 4 secondes."
    assert len(checks) == 3, "refused before argon2"
    clock.advance(seconds=4)
    assert isinstance(with_password(seeded, identifier=JONAS.nir), login.CodeChallenge)


def pending_identity(session, browser: str, identity: Identity = JONAS_FC) -> None:
    """A first FranceConnect+ login in `browser`, sent to Connexion to link the identity."""
    state, _ = franceconnect.start(session, purpose="connexion", browser=browser, secret=SECRET)
    flow = franceconnect.take(session, purpose="connexion", state=state, browser=browser, secret=SECRET)
    assert franceconnect.after_login(session, flow=flow, identity=identity).next == "lier"


def test_the_person_franceconnect_identified_links_her_account_without_a_code(seeded):
    pending_identity(seeded, "navigateur-fc")
    browser = login.Browser(**{**PHONE.__dict__, "franceconnect": "navigateur-fc"})
    step = with_password(seeded, identifier=JONAS.nir, browser=browser)
    assert isinstance(step, login.SessionTicket)
    assert auth.find_account(seeded, JONAS.nir, provisional=False).fc_sub == JONAS_FC.sub
    assert not seeded.exec(select(m.OutboxMessage)).all()


def test_someone_else_logging_in_on_that_browser_forgets_the_identity_and_gets_the_code(seeded):
    pending_identity(seeded, "navigateur-fc")
    browser = login.Browser(**{**PHONE.__dict__, "franceconnect": "navigateur-fc"})
    assert isinstance(with_password(seeded, browser=browser), login.CodeChallenge)
    assert franceconnect.pending(seeded, browser="navigateur-fc", secret=SECRET) is None
    assert auth.find_account(seeded, ELISE.nir, provisional=False).fc_sub is None


def test_a_passkey_opens_a_session_alone_and_an_unknown_one_nothing(seeded, monkeypatch):
    _, challenge = passkeys.authentication_options(settings=PASSKEY_SETTINGS)
    with pytest.raises(DomainError) as unknown:
        login.with_passkey(session=seeded, credential="pas du json", challenge=challenge, settings=PASSKEY_SETTINGS,
                           browser=PHONE, target="/mon-compte")
    assert unknown.value.message == passkeys.NOT_RECOGNISED
    elise = auth.find_account(seeded, ELISE.nir, provisional=False)
    monkeypatch.setattr(passkeys, "authenticate", lambda **_: elise)  # the ceremony itself: tests/e2e
    ticket = login.with_passkey(session=seeded, credential="{}", challenge=challenge, settings=PASSKEY_SETTINGS,
                                browser=PHONE, target="/mon-compte")
    assert ticket.target == "/mon-compte" and logins(seeded, elise.id)[-1] == "clé d'accès"
    assert auth.exchange_ticket(session=seeded, ticket=ticket.ticket, secret=PASSKEY_SETTINGS.secret_key,
                                browser=PHONE.binding)
