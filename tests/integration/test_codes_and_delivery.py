import socket
from datetime import datetime, timedelta, timezone

import pytest
from aiosmtpd.controller import Controller
from sqlmodel import select

from caf_app import delivery, models as m
from caf_app.domain.errors import DomainError
from caf_app.security import otp
from caf_app.settings import load_settings

SECRET = "s" * 40


def issue(session, subject="personne-1"):
    return otp.issue(session, purpose="test", subject=subject, channel="email", destination="a@example.fr",
                     secret=SECRET)


def test_a_code_is_six_digits_stored_hashed_and_works_once(session):
    code = issue(session)
    assert len(code) == 6 and code.isdigit()
    assert session.exec(select(m.OneTimeCode)).one().code_hash != code
    otp.verify(session, purpose="test", subject="personne-1", code=code, secret=SECRET)
    with pytest.raises(DomainError, match="plus valable"):
        otp.verify(session, purpose="test", subject="personne-1", code=code, secret=SECRET)


def test_three_wrong_attempts_end_the_code(session):
    code = issue(session)
    wrong = "000000" if code != "000000" else "111111"
    messages = []
    for _ in range(3):
        with pytest.raises(DomainError) as error:
            otp.verify(session, purpose="test", subject="personne-1", code=wrong, secret=SECRET)
        messages.append(error.value.message)
    assert messages[0] == "Code incorrect. Il vous reste 2 essais."
    assert "n'est plus valable" in messages[2]
    with pytest.raises(DomainError):
        otp.verify(session, purpose="test", subject="personne-1", code=code, secret=SECRET)


def test_a_code_expires_after_10_minutes(session):
    code = issue(session)
    row = session.exec(select(m.OneTimeCode)).one()
    row.expires_at = datetime.now(timezone.utc) - timedelta(seconds=1)
    session.add(row)
    session.commit()
    with pytest.raises(DomainError, match="expiré"):
        otp.verify(session, purpose="test", subject="personne-1", code=code, secret=SECRET)


def test_a_new_code_waits_for_the_cooldown_and_replaces_the_old_one(session):
    first = issue(session)
    with pytest.raises(DomainError, match="dans"):
        issue(session)
    row = session.exec(select(m.OneTimeCode)).one()
    row.created_at = datetime.now(timezone.utc) - timedelta(seconds=61)
    session.add(row)
    session.commit()
    second = issue(session)
    if first != second:
        with pytest.raises(DomainError):
            otp.verify(session, purpose="test", subject="personne-1", code=first, secret=SECRET)
    otp.verify(session, purpose="test", subject="personne-1", code=second, secret=SECRET)


class Inbox:
    def __init__(self):
        self.envelopes = []

    async def handle_DATA(self, server, session, envelope):  # noqa: N802
        self.envelopes.append(envelope)
        return "250 OK"


def test_mail_goes_through_a_real_smtp_server_when_configured(session, tmp_path):
    inbox = Inbox()
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        settings = load_settings({"CAF_DATA_DIR": str(tmp_path), "CAF_SMTP_HOST": "127.0.0.1",
                                  "CAF_SMTP_PORT": str(port)})
        delivery.send(delivery.Message("email", "el13@example.fr", "Votre code", "Code 123456"),
                      session=session, settings=settings)
    finally:
        controller.stop()
    assert inbox.envelopes[0].rcpt_tos == ["el13@example.fr"]
    assert b"Code 123456" in inbox.envelopes[0].content
    assert session.exec(select(m.OutboxMessage)).first() is None


def test_without_smtp_mail_and_sms_go_to_the_outbox(session, tmp_path):
    settings = load_settings({"CAF_DATA_DIR": str(tmp_path)})
    delivery.send(delivery.Message("sms", "0606060606", "", "Code 654321"), session=session, settings=settings)
    delivery.send(delivery.Message("email", "a@example.fr", "Objet", "Corps"), session=session, settings=settings)
    assert [row.channel for row in session.exec(select(m.OutboxMessage))] == ["sms", "email"]


def test_at_most_ten_codes_a_day_to_one_address_whatever_asks_for_them(session):
    for n in range(otp.MAX_PER_DESTINATION_PER_DAY):
        issue(session, subject=f"demande-{n}")  # ten different requests (signups, say) for the same mailbox
    with pytest.raises(DomainError) as error:
        issue(session, subject="demande-11")
    assert "Trop de codes" in error.value.message
    otp.issue(session, purpose="test", subject="autre", channel="email", destination="b@example.fr", secret=SECRET)
    old = session.exec(select(m.OneTimeCode).where(m.OneTimeCode.destination == "a@example.fr")).all()
    for row in old:
        row.created_at = datetime.now(timezone.utc) - timedelta(days=1, minutes=1)
        session.add(row)
    session.commit()
    issue(session, subject="demain")  # a day later, codes can be sent there again
