from datetime import date

import pytest
from sqlmodel import select

from caf_app import models as m
from caf_app.domain.errors import DomainError, Forbidden
from caf_app.services.identity import auth
from caf_app.services.payments import dossier
from caf_app.services.situation import profil
from tests.factories import SECRET, open_session
from tests.personas import ERIC, FLORENCE, JONAS, UNKNOWN_NIR


def test_login_then_ticket_gives_a_session_of_the_allocataire(seeded):
    token = open_session(seeded)
    actor = auth.session_actor(session=seeded, token=token, secret=SECRET)
    assert actor.role.value == "allocataire"
    assert dossier.summary(session=seeded, actor=actor, today=date(2026, 11, 26)).last_payment_amount == (
        "132,08\u00a0€")


def test_the_ticket_is_single_use(seeded):
    ticket = auth.login(session=seeded, identifier=JONAS.nir, password="Allocataire2026",
                        provisional=False, secret=SECRET)
    assert auth.exchange_ticket(session=seeded, ticket=ticket.ticket, secret=SECRET)
    assert auth.exchange_ticket(session=seeded, ticket=ticket.ticket, secret=SECRET) is None


def test_wrong_password_and_unknown_account_get_the_same_message(seeded):
    with pytest.raises(DomainError) as wrong_password:
        open_session(seeded, password="Mauvais2026xx")
    with pytest.raises(DomainError) as unknown:
        open_session(seeded, identifier=UNKNOWN_NIR)
    assert wrong_password.value.message == unknown.value.message == auth.WRONG_CREDENTIALS
    assert seeded.exec(select(m.AuditEvent).where(m.AuditEvent.kind == "login_failed")).all()


def test_provisional_identifier_logs_in(seeded):
    token = open_session(seeded, identifier="p33392250", provisional=True)
    assert auth.session_actor(session=seeded, token=token, secret=SECRET).dossier_id is not None


def test_logout_destroys_the_server_session(seeded):
    token = open_session(seeded)
    auth.logout(session=seeded, token=token, secret=SECRET)
    assert auth.session_actor(session=seeded, token=token, secret=SECRET) is None


def test_the_database_stores_no_usable_token(seeded):
    token = open_session(seeded)
    row = seeded.exec(select(m.UserSession)).one()
    assert token not in (row.token_hash, row.ticket_hash)


def test_spouse_without_delegation_cannot_see_payments_but_sees_own_profile(seeded):
    actor = auth.session_actor(session=seeded, token=open_session(seeded, identifier=ERIC.nir),
                               secret=SECRET)
    with pytest.raises(Forbidden):
        dossier.payments(session=seeded, actor=actor)
    with pytest.raises(Forbidden):
        dossier.summary(session=seeded, actor=actor, today=date(2026, 11, 26))
    assert profil.own_profile(session=seeded, actor=actor).name == "Eric LEVESQUE"


def test_spouse_with_delegation_sees_the_payments(seeded):
    actor = auth.session_actor(session=seeded, token=open_session(seeded, identifier=FLORENCE.nir),
                               secret=SECRET)
    assert dossier.payments(session=seeded, actor=actor)[0].amount == "132,08\u00a0€"


def test_a_session_idle_for_30_minutes_or_older_than_12_hours_is_dead(seeded):
    from datetime import datetime, timedelta, timezone

    token = open_session(seeded)
    live = auth.live_session(session=seeded, token=token, secret=SECRET)
    assert 1790 <= live.seconds_left <= 1800
    row = seeded.exec(select(m.UserSession)).one()
    row.last_seen_at = datetime.now(timezone.utc) - timedelta(minutes=31)
    seeded.add(row)
    seeded.commit()
    assert auth.live_session(session=seeded, token=token, secret=SECRET) is None

    token = open_session(seeded)
    row = seeded.exec(select(m.UserSession).order_by(m.UserSession.id.desc())).first()
    row.expires_at = datetime.now(timezone.utc) + timedelta(seconds=90)
    seeded.add(row)
    seeded.commit()
    assert auth.live_session(session=seeded, token=token, secret=SECRET).seconds_left <= 90


def test_a_check_writes_the_last_activity_at_most_every_30_seconds(seeded):
    from datetime import datetime, timedelta, timezone

    token = open_session(seeded)
    row = seeded.exec(select(m.UserSession)).one()
    ten_seconds_ago = datetime.now(timezone.utc) - timedelta(seconds=10)
    row.last_seen_at = ten_seconds_ago
    seeded.add(row)
    seeded.commit()
    auth.live_session(session=seeded, token=token, secret=SECRET)
    seeded.refresh(row)
    assert auth._aware(row.last_seen_at) == ten_seconds_ago, "no write 10 s after the last one"
    row.last_seen_at = datetime.now(timezone.utc) - timedelta(minutes=5)
    seeded.add(row)
    seeded.commit()
    live = auth.live_session(session=seeded, token=token, secret=SECRET)
    seeded.refresh(row)
    assert datetime.now(timezone.utc) - auth._aware(row.last_seen_at) < timedelta(seconds=5)
    assert live.seconds_left >= 1790, "the idle countdown starts again"
