"""The developers' outbox: mails and SMS kept in the database when no real server is configured."""

from __future__ import annotations

from dataclasses import dataclass
from zoneinfo import ZoneInfo

import reflex as rx
from sqlmodel import Session, col, select

from .. import models as m
from ..db import engine
from ..settings import get_settings

PARIS = ZoneInfo("Europe/Paris")


@dataclass(frozen=True)
class OutboxLine:
    at: str
    channel: str
    recipient: str
    subject: str
    body: str


class OutboxState(rx.State):
    messages: list[OutboxLine] = []
    available: bool = False

    @rx.event
    def load(self):
        # Checked on the server: in production the page shows nothing, whatever the browser asks.
        self.available = get_settings().environment != "prod"
        if not self.available:
            self.messages = []
            return
        with Session(engine()) as session:
            rows = session.exec(select(m.OutboxMessage).order_by(col(m.OutboxMessage.id).desc()).limit(50)).all()
        self.messages = [OutboxLine(row.created_at.astimezone(PARIS).strftime("%d/%m/%Y %Hh%M:%S"),
                                    "SMS" if row.channel == "sms" else "Courriel", row.recipient, row.subject,
                                    row.body) for row in rows]
