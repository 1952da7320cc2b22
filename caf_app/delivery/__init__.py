"""Mail and SMS delivery behind one interface.

`send(message)` uses SMTP when CAF_SMTP_HOST is set (mail) and the HTTP SMS gateway when CAF_SMS_URL is set
(SMS), else the outbox table (dev and demo only: in prod both are required, settings.py refuses to start without).
"""

from __future__ import annotations

import smtplib
from dataclasses import dataclass
from email.message import EmailMessage
from typing import Protocol

import httpx
from sqlmodel import Session

from .. import models as m
from ..settings import Settings, get_settings


@dataclass(frozen=True)
class Message:
    channel: str  # "email" | "sms"
    recipient: str
    subject: str
    body: str
    attachments: tuple[tuple[str, str, bytes], ...] = ()  # (file name, MIME type, content): a rendez-vous's .ics


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
        for name, mime, content in message.attachments:
            maintype, subtype = mime.split("/", 1)
            mail.add_attachment(content, maintype=maintype, subtype=subtype, filename=name)
        with smtplib.SMTP(self.settings.smtp_host, self.settings.smtp_port, timeout=10) as smtp:
            if self.settings.smtp_starttls:
                smtp.starttls()
            if self.settings.smtp_user:
                smtp.login(self.settings.smtp_user, self.settings.smtp_password)
            smtp.send_message(mail)


class HttpSmsSender:
    """SMS through an HTTP gateway: POST {"to": "0612345678", "text": "..."} with the bearer token, 2xx expected
    (the shape most French SMS providers' APIs accept; an adapter for another shape is one more class)."""

    def __init__(self, settings: Settings):
        self.settings = settings

    def send(self, message: Message) -> None:
        headers = {"Authorization": f"Bearer {self.settings.sms_token}"} if self.settings.sms_token else {}
        response = httpx.post(self.settings.sms_url, json={"to": message.recipient, "text": message.body},
                              headers=headers, timeout=10)
        response.raise_for_status()


class OutboxSender:
    """Keeps the message in the database, shown to developers at /dev/boite-d-envoi (dev and demo only)."""

    def __init__(self, session: Session):
        self.session = session

    def send(self, message: Message) -> None:
        joined = "".join(f"\n\n[Pièce jointe : {name}]" for name, _, _ in message.attachments)
        self.session.add(m.OutboxMessage(channel=message.channel, recipient=message.recipient,
                                         subject=message.subject, body=message.body + joined))
        self.session.commit()


def sender_for(channel: str, *, session: Session, settings: Settings | None = None) -> Sender:
    settings = settings or get_settings()
    if channel == "email" and not settings.uses_outbox:
        return SmtpSender(settings)
    if channel == "sms" and not settings.sms_uses_outbox:
        return HttpSmsSender(settings)
    return OutboxSender(session)


def send(message: Message, *, session: Session, settings: Settings | None = None) -> None:
    sender_for(message.channel, session=session, settings=settings).send(message)
