"""Letters by post: queued in the database (OutboxLetter) for the print-and-post service, which takes them oldest
first and marks them posted. The letter goes to the postal address the Caf holds, never to one typed online."""

from __future__ import annotations

from dataclasses import dataclass

from sqlmodel import Session

from .. import models as m


@dataclass(frozen=True)
class Letter:
    recipient: str
    address_line: str
    postal_code: str
    city: str
    subject: str
    body: str


def post(letter: Letter, *, session: Session) -> None:
    """Queue the letter. Not committed: the caller commits it with what the letter carries (a code)."""
    session.add(m.OutboxLetter(recipient=letter.recipient, address_line=letter.address_line,
                               postal_code=letter.postal_code, city=letter.city, subject=letter.subject,
                               body=letter.body))
