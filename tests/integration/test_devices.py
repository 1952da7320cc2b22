"""The second factor on a new device: the code sent, the device remembered by its cookie, listed and revoked."""

from __future__ import annotations

import re
from datetime import datetime, timedelta, timezone

import pytest
from sqlmodel import col, select

from caf_app import models as m
from caf_app.domain.errors import DomainError, Forbidden
from caf_app.security import otp
from caf_app.services.identity import auth, devices
from tests.personas import ELISE, JONAS

SECRET = "s" * 40
PHONE_AGENT = "Mozilla/5.0 (Linux; Android 14) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Mobile Safari/537.36"


def password_ok(session, nir=ELISE.nir) -> m.Account:
    return auth.check_password(session=session, identifier=nir, password="Allocataire2026", provisional=False,
                               secret=SECRET)


def last_code(session) -> tuple[str, str]:
    row = session.exec(select(m.OutboxMessage).order_by(col(m.OutboxMessage.id).desc())).first()
    return row.recipient, re.search(r"\b(\d{6})\b", row.body).group(1)


def trust_new_device(session, account) -> str:
    """The whole flow: the code sent, given, the session opened and the device cookie the route would set."""
    challenge = devices.start(session, account=account, secret=SECRET)
    devices.confirm(session, account_id=account.id, subject=challenge.subject, code=last_code(session)[1],
                    secret=SECRET)
    ticket = auth.open_session(session=session, account=account, secret=SECRET).ticket
    devices.remember(session, account_id=account.id, ticket=ticket, user_agent=PHONE_AGENT, secret=SECRET)
    assert auth.exchange_ticket(session=session, ticket=ticket, secret=SECRET)
    return devices.cookie_for(session, ticket=ticket, secret=SECRET)


def actor(session, account) -> object:
    token = auth.exchange_ticket(session=session, ticket=auth.open_session(session=session, account=account,
                                                                           secret=SECRET).ticket, secret=SECRET)
    return auth.session_actor(session=session, token=token, secret=SECRET)


def test_an_unknown_device_gets_a_code_by_mail_and_is_then_remembered(seeded):
    account = password_ok(seeded)
    assert not devices.is_trusted(seeded, account_id=account.id, token="", secret=SECRET)
    challenge = devices.start(seeded, account=account, secret=SECRET)
    assert challenge.destination == "e•••@e••••••.fr"  # masked on the screen
    recipient, code = last_code(seeded)
    assert recipient == "el13@example.fr"
    with pytest.raises(DomainError) as wrong:
        devices.confirm(seeded, account_id=account.id, subject=challenge.subject,
                        code="000000" if code != "000000" else "111111", secret=SECRET)
    assert "Il vous reste 2 essais" in wrong.value.message
    failed = seeded.exec(select(m.AuditEvent).where(m.AuditEvent.kind == "code_failed")).all()
    assert [event.account_id for event in failed] == [account.id]  # the wrong code is in the history
    devices.confirm(seeded, account_id=account.id, subject=challenge.subject, code=code, secret=SECRET)
    with pytest.raises(DomainError):  # single use
        devices.confirm(seeded, account_id=account.id, subject=challenge.subject, code=code, secret=SECRET)


def test_the_remembered_device_skips_the_code_for_its_own_account_only(seeded):
    elise = password_ok(seeded)
    token = trust_new_device(seeded, elise)
    assert token and devices.is_trusted(seeded, account_id=elise.id, token=token, secret=SECRET)
    jonas = password_ok(seeded, JONAS.nir)
    assert not devices.is_trusted(seeded, account_id=jonas.id, token=token, secret=SECRET)
    row = seeded.exec(select(m.TrustedDevice)).one()
    assert row.token_hash != token and row.label == "Chrome sur Android"
    assert row.expires_at.replace(tzinfo=timezone.utc) - datetime.now(timezone.utc) > timedelta(days=29)


def test_a_resend_waits_a_minute_and_the_route_sets_the_cookie_only_right_after(seeded):
    account = password_ok(seeded)
    challenge = devices.start(seeded, account=account, secret=SECRET)
    with pytest.raises(DomainError) as wait:
        devices.send_code(seeded, account_id=account.id, subject=challenge.subject, secret=SECRET)
    assert "Vous pourrez en demander un autre dans" in wait.value.message
    ticket = auth.open_session(session=seeded, account=account, secret=SECRET).ticket
    assert devices.cookie_for(seeded, ticket=ticket, secret=SECRET) is None  # no code given with this login
    devices.remember(seeded, account_id=account.id, ticket=ticket, user_agent="", secret=SECRET)
    row = seeded.exec(select(m.TrustedDevice)).one()
    row.created_at = datetime.now(timezone.utc) - timedelta(minutes=5)
    seeded.add(row)
    seeded.commit()
    assert devices.cookie_for(seeded, ticket=ticket, secret=SECRET) is None  # too late for that ticket


def test_devices_are_listed_and_revoked_by_their_owner_only(seeded):
    elise, jonas = password_ok(seeded), password_ok(seeded, JONAS.nir)
    token = trust_new_device(seeded, elise)
    lines = devices.list_devices(session=seeded, actor=actor(seeded, elise))
    assert [line.label for line in lines] == ["Chrome sur Android"]
    with pytest.raises(Forbidden):
        devices.revoke(session=seeded, actor=actor(seeded, jonas), device_id=lines[0].id, keep_session="",
                       secret=SECRET)
    assert devices.list_devices(session=seeded, actor=actor(seeded, jonas)) == []
    lost_phone = auth.exchange_ticket(session=seeded, ticket=auth.open_session(
        session=seeded, account=elise, secret=SECRET).ticket, secret=SECRET)
    here = auth.exchange_ticket(session=seeded, ticket=auth.open_session(
        session=seeded, account=elise, secret=SECRET).ticket, secret=SECRET)
    here_actor = auth.session_actor(session=seeded, token=here, secret=SECRET)
    devices.revoke(session=seeded, actor=here_actor, device_id=lines[0].id, keep_session=here, secret=SECRET)
    assert not devices.is_trusted(seeded, account_id=elise.id, token=token, secret=SECRET)
    assert auth.session_actor(session=seeded, token=lost_phone, secret=SECRET) is None  # its session ended
    assert auth.session_actor(session=seeded, token=here, secret=SECRET) is not None
    assert devices.list_devices(session=seeded, actor=actor(seeded, elise)) == []


@pytest.mark.parametrize(("agent", "label"), [
    (PHONE_AGENT, "Chrome sur Android"),
    ("Mozilla/5.0 (iPhone; CPU iPhone OS 18_0 like Mac OS X) AppleWebKit/605.1.15 Version/18.0 Mobile/15E148 "
     "Safari/604.1", "Safari sur iPhone"),
    ("Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0", "Firefox sur Windows"),
    ("", "Navigateur sur système inconnu"),
])
def test_device_labels(agent, label):
    assert devices.device_label(agent) == label


def test_at_most_ten_codes_a_day_per_person(seeded):
    account = password_ok(seeded)
    for _ in range(otp.MAX_PER_DESTINATION_PER_DAY):  # with 3 tries each: 30 guesses a day of 1 in a million
        devices.start(seeded, account=account, secret=SECRET)  # each login a new challenge, so no cooldown
    with pytest.raises(DomainError) as error:
        devices.start(seeded, account=account, secret=SECRET)
    assert error.value.message == devices.TOO_MANY


def test_a_new_password_forgets_the_remembered_devices(seeded):
    elise = password_ok(seeded)
    token = trust_new_device(seeded, elise)
    devices.forget_all(seeded, account_id=elise.id)
    seeded.commit()
    assert not devices.is_trusted(seeded, account_id=elise.id, token=token, secret=SECRET)


def test_two_people_sharing_a_browser_each_stay_remembered(seeded):
    """A family's tablet: Elise, then Jonas give their code on it; the cookie holds both, each still known."""
    elise, jonas = password_ok(seeded), password_ok(seeded, JONAS.nir)
    cookie = devices.cookie_with("", trust_new_device(seeded, elise))
    cookie = devices.cookie_with(cookie, trust_new_device(seeded, jonas))
    assert len(devices.tokens_of(cookie)) == 2
    assert devices.is_trusted(seeded, account_id=elise.id, token=cookie, secret=SECRET)
    assert devices.is_trusted(seeded, account_id=jonas.id, token=cookie, secret=SECRET)
    # Jonas's new password forgets his other devices, not this one, and not Elise's.
    devices.forget_all(seeded, account_id=jonas.id, except_token=cookie, secret=SECRET)
    seeded.commit()
    assert devices.is_trusted(seeded, account_id=jonas.id, token=cookie, secret=SECRET)
    assert devices.is_trusted(seeded, account_id=elise.id, token=cookie, secret=SECRET)


def test_a_browser_keeps_five_tokens_at_most_and_ignores_what_is_not_one():
    tokens = [f"{n:064x}" for n in range(7)]
    cookie = ""
    for token in tokens:
        cookie = devices.cookie_with(cookie, token)
    assert devices.tokens_of(cookie) == tokens[::-1][:5]  # the newest first
    assert devices.tokens_of("pas-un-jeton." + tokens[0] + ".' OR 1=1 --") == [tokens[0]]
    assert devices.cookie_with(cookie, tokens[3]).split(".")[0] == tokens[3]  # given again: first, once
    assert devices.tokens_of(devices.cookie_with(cookie, tokens[3])).count(tokens[3]) == 1


def test_a_revoked_or_older_token_gives_its_place_up_in_the_browser_cookie(seeded):
    elise, jonas = password_ok(seeded), password_ok(seeded, JONAS.nir)
    first_elise = trust_new_device(seeded, elise)
    cookie = devices.browser_cookie(seeded, cookie="", token=first_elise, secret=SECRET)
    jonas_token = trust_new_device(seeded, jonas)
    cookie = devices.browser_cookie(seeded, cookie=cookie, token=jonas_token, secret=SECRET)
    assert devices.tokens_of(cookie) == [jonas_token, first_elise]
    second_elise = trust_new_device(seeded, elise)  # Elise gives a code again here: her older token goes
    cookie = devices.browser_cookie(seeded, cookie=cookie, token=second_elise, secret=SECRET)
    assert devices.tokens_of(cookie) == [second_elise, jonas_token]
    devices.forget_all(seeded, account_id=jonas.id)  # Jonas's new password: his token no longer works
    seeded.commit()
    third = trust_new_device(seeded, elise)
    assert devices.tokens_of(devices.browser_cookie(seeded, cookie=cookie + ".not-a-token", token=third,
                                                    secret=SECRET)) == [third]
