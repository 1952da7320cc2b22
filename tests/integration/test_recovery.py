"""Mot de passe oublié: nothing on the screens tells a real account from a decoy, and requests are rate limited
per identity typed and per client address, whoever they are about."""

import re
from datetime import timedelta

import pytest
from sqlalchemy import update
from sqlmodel import select

from caf_app import models as m
from caf_app.domain.errors import DomainError
from caf_app.services.identity import recovery
from tests.personas import ANTOINE, SAMIR, SYLVIE, UNKNOWN_NIR

SECRET = "s" * 40


def start(session, nir, name):
    return recovery.start(session=session, nir=nir, birth_name=name, secret=SECRET)


def test_everyone_reads_the_same_choices_and_no_contact_not_even_masked(seeded):
    real = start(seeded, ANTOINE.nir, "Lambert")
    decoys = [start(seeded, UNKNOWN_NIR, "Personne"), start(seeded, ANTOINE.nir, "Dupont"),
              start(seeded, SYLVIE.nir, "Renaud")]  # Sylvie: known, without an account
    assert real.person_id is not None and all(decoy.person_id is None for decoy in decoys)
    assert all(decoy.channels == real.channels for decoy in decoys)
    assert [c.key for c in real.channels] == ["email", "sms", "courrier"]
    assert [c.label for c in real.channels][:2] == ["Par courriel", "Par SMS"]
    labels = " ".join(c.label for c in real.channels).replace("valable 15 jours", "")  # the courrier's, for all
    assert not any(mark in labels for mark in "@•0123456789")


def test_the_code_goes_to_the_contact_on_file_and_a_decoy_s_to_nobody_the_same_way(seeded):
    real = start(seeded, ANTOINE.nir, "Lambert")
    message = recovery.send_code(session=seeded, recovery=real, channel="email", secret=SECRET)
    assert message.recipient == "antoine.lambert@example.fr" and message.channel == "email"
    assert recovery.send_code(session=seeded, recovery=start(seeded, UNKNOWN_NIR, "Personne"), channel="email",
                              secret=SECRET) is None
    # Antoine has no mobile: choosing SMS answers exactly as a decoy does.
    seeded.exec(update(m.OneTimeCode).values(created_at=m.utcnow() - timedelta(minutes=2)))  # past the cooldown
    seeded.commit()
    assert recovery.send_code(session=seeded, recovery=real, channel="sms", secret=SECRET) is None
    codes = seeded.exec(select(m.OneTimeCode).where(m.OneTimeCode.purpose == "recuperation")).all()
    assert len(codes) == 3  # a code is stored for every request: the decoy's, sent to nobody, never works
    assert not seeded.exec(select(m.OutboxMessage)).all()  # the caller delivers, after answering


def test_a_mailbox_past_its_daily_codes_is_answered_like_a_decoy(seeded, monkeypatch):
    monkeypatch.setattr(recovery.otp, "sent_today", lambda session, purpose, destination: 10)
    real = start(seeded, ANTOINE.nir, "Lambert")
    assert recovery.send_code(session=seeded, recovery=real, channel="email", secret=SECRET) is None


def admit(session, nir, client):
    try:
        recovery.admit(session=session, nir=nir, client=client, secret=SECRET)
        return "ok"
    except DomainError as error:
        return error.message


def later(session, seconds=40):
    """Every counter's last request `seconds` earlier: past any wait, well within the rules' hour."""
    for row in session.exec(select(m.ThrottleCounter)).all():
        row.last_failure_at = m.aware(row.last_failure_at) - timedelta(seconds=seconds)
        session.add(row)
    session.commit()


@pytest.mark.parametrize("nir", [ANTOINE.nir, UNKNOWN_NIR])
def test_requests_for_one_identity_wait_then_lock_whether_it_exists_or_not(seeded, nir):
    answers = [admit(seeded, nir, f"192.0.2.{n}") for n in range(3)]
    assert answers == ["ok"] * 3
    assert admit(seeded, nir, "192.0.2.50").startswith("Trop de tentatives. Réessayez dans")
    for n in range(10):
        later(seeded)
        answer = admit(seeded, nir, f"192.0.2.{60 + n}")
        if answer != "ok":
            break
    assert answer == recovery.TOO_MANY
    assert admit(seeded, SAMIR.nir, "192.0.2.99") == "ok"  # another person is not held up


def test_one_address_sweeping_many_identities_is_slowed_then_locked(seeded):
    nirs = [f"1850375{n:06d}" for n in range(60)]
    answers = [admit(seeded, nir, "198.51.100.9") for nir in nirs[:20]]
    assert answers == ["ok"] * 20
    assert "Réessayez dans" in admit(seeded, nirs[20], "198.51.100.9")
    for nir in nirs[21:]:
        later(seeded)
        answer = admit(seeded, nir, "198.51.100.9")
        if answer != "ok":
            break
    assert answer == recovery.TOO_MANY
    assert admit(seeded, nirs[-1], "198.51.100.10") == "ok"


def test_a_new_password_forgets_the_person_s_requests(seeded):
    for n in range(3):
        admit(seeded, ANTOINE.nir, f"192.0.2.{n}")
    real = start(seeded, ANTOINE.nir, "Lambert")
    message = recovery.send_code(session=seeded, recovery=real, channel="email", secret=SECRET)
    proven = recovery.check_code(session=seeded, recovery=real, code=re.search(r"\d{6}", message.body).group(),
                                 secret=SECRET)
    recovery.set_new_password(session=seeded, recovery=proven, password="Nouveau2026", confirmation="Nouveau2026",
                              secret=SECRET, ip="192.0.2.1")
    assert admit(seeded, ANTOINE.nir, "192.0.2.7") == "ok"
    assert admit(seeded, ANTOINE.nir, "192.0.2.8") == "ok"


def test_a_new_password_needs_a_code_given_back_first(seeded):
    with pytest.raises(PermissionError):
        recovery.set_new_password(session=seeded, recovery=start(seeded, ANTOINE.nir, "Lambert"),
                                  password="Nouveau2026", confirmation="Nouveau2026", secret=SECRET)
