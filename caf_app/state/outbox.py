"""The developers' outbox: mails and SMS kept in the database when no real server is configured.

It holds codes that open accounts, so it answers only where a local demonstration asked for it (CAF_DEMO_OUTBOX,
never in prod), and only to a browser on this very machine (the loopback address, as the trusted proxy saw it)."""

from __future__ import annotations

from dataclasses import dataclass

import reflex as rx
from sqlmodel import Session, col, select

from .. import models as m
from ..clock import PARIS
from ..db import engine
from ..settings import get_settings

LOOPBACK_ADDRESSES = ("127.0.0.1", "::1", "::ffff:127.0.0.1")


def outbox_open_to(client_ip: str) -> bool:
    """May this client read the outbox? Only with the demo outbox enabled, and from this machine."""
    return get_settings().outbox_page and client_ip in LOOPBACK_ADDRESSES



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
        # Checked on the server at each call: whatever the browser asks, nothing outside a local demo.
        self.available = outbox_open_to(self.router.session.client_ip)
        if not self.available:
            self.messages = []
            return
        with Session(engine()) as session:
            rows = session.exec(select(m.OutboxMessage).order_by(col(m.OutboxMessage.id).desc()).limit(50)).all()
            letters = session.exec(select(m.OutboxLetter).order_by(col(m.OutboxLetter.id).desc()).limit(20)).all()
        lines = [(row.created_at, OutboxLine(_at(row.created_at), "SMS" if row.channel == "sms" else "Courriel",
                                             row.recipient, row.subject, row.body)) for row in rows]
        # Letters to post (a code par courrier): in a demo, read here instead of in the letterbox.
        lines += [(row.created_at, OutboxLine(_at(row.created_at), "Courrier",
                                              f"{row.recipient}, {row.address_line}, {row.postal_code} {row.city}",
                                              row.subject, row.body)) for row in letters]
        self.messages = [line for _, line in sorted(lines, key=lambda pair: m.aware(pair[0]), reverse=True)]


def _at(moment) -> str:
    return m.aware(moment).astimezone(PARIS).strftime("%d/%m/%Y %Hh%M:%S")
