"""Mail and SMS delivery behind one interface.

`send(message)` uses SMTP when CAF_SMTP_HOST is set (mail), else the outbox table (dev and demo). SMS always
go to the outbox here: the project has no SMS gateway; a real one would be one more class with `send`.
"""

from __future__ import annotations

import smtplib
from dataclasses import dataclass
from email.message import EmailMessage
from typing import Protocol

from sqlmodel import Session

from .. import models as m
from ..settings import Settings, get_settings


@dataclass(frozen=True)
class Message:
    channel: str  # "email" | "sms"
    recipient: str
    subject: str
    body: str


class Sender(Protocol):
    def send(self, message: Message) -> None: ...


class SmtpSender:
    """Real mail through an SMTP server (STARTTLS and login when configured)."""

    def __init__(self, settings: Settings):
        self.settings = settings

    def send(self, message: Message) -> None:
        mail = EmailMessage()
        mail["From"] = self.settings.mail_sender
        mail["To"] = message.recipient
        mail["Subject"] = message.subject
        mail.set_content(message.body)
        with smtplib.SMTP(self.settings.smtp_host, self.settings.smtp_port, timeout=10) as smtp:
            if self.settings.smtp_starttls:
                smtp.starttls()
            if self.settings.smtp_user:
                smtp.login(self.settings.smtp_user, self.settings.smtp_password)
            smtp.send_message(mail)


class OutboxSender:
    """Keeps the message in the database, shown to developers at /dev/boite-d-envoi (dev and demo only)."""

    def __init__(self, session: Session):
        self.session = session

    def send(self, message: Message) -> None:
        self.session.add(m.OutboxMessage(channel=message.channel, recipient=message.recipient,
                                         subject=message.subject, body=message.body))
        self.session.commit()


def sender_for(channel: str, *, session: Session, settings: Settings | None = None) -> Sender:
    settings = settings or get_settings()
    if channel == "email" and not settings.uses_outbox:
        return SmtpSender(settings)
    return OutboxSender(session)


def send(message: Message, *, session: Session, settings: Settings | None = None) -> None:
    sender_for(message.channel, session=session, settings=settings).send(message)
