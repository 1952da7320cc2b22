"""Codes sent by post (« code par courrier »): 8 letters and digits printed on a letter, stored as a keyed hash,
single use, valid 15 days, 5 attempts. One valid letter at a time per person and purpose, and at most 3 letters
in 90 days: a letter costs, and lands in a home.

Attempts are counted by one UPDATE each (two wrong tries at the same instant both count), and a right code is
taken by one UPDATE that only one request can win.
"""

from __future__ import annotations

import hmac
import re
import secrets
from datetime import datetime, timedelta

from sqlmodel import Session, col, func, select, update

from .. import clock, models as m
from ..clock import PARIS
from ..domain.dates import format_date
from ..domain.errors import DomainError
from .tokens import token_hash

LIFETIME = timedelta(days=15)
MAX_ATTEMPTS = 5
MAX_LETTERS = 3
LETTERS_PERIOD = timedelta(days=90)
ALPHABET = "ACDEFGHJKMNPQRTUVWXY34679"  # no 0/O, 1/I/L, 2/Z, 5/S, 8/B: easy to read on paper
LENGTH = 8
FIELD = "code_courrier"


def _day(value: datetime) -> str:
    return format_date(m.aware(value).astimezone(PARIS).date())


def display(code: str) -> str:
    """"ACDE3467" -> "ACDE-3467", as printed on the letter."""
    return f"{code[:4]}-{code[4:]}"


def _normalize(text: str) -> str:
    return re.sub(r"[\s\-.]", "", text or "").upper()


def _active(session: Session, purpose: str, person_id: int, now: datetime) -> m.LetterCode | None:
    return session.exec(select(m.LetterCode).where(
        m.LetterCode.purpose == purpose, m.LetterCode.person_id == person_id, m.LetterCode.used_at == None,  # noqa: E711
        m.LetterCode.expires_at > now).order_by(col(m.LetterCode.id).desc())).first()


def issue(session: Session, *, purpose: str, person_id: int, secret: str) -> tuple[str, datetime]:
    """A new code for a letter: (the code as printed, when it expires). Not committed: the caller commits it with
    the letter, so there is never one without the other. DomainError on FIELD while a letter is still valid or
    past the letters allowed."""
    now = clock.now()
    current = _active(session, purpose, person_id, now)
    if current is not None:
        raise DomainError(FIELD, f"Un code vous a déjà été envoyé par courrier le {_day(current.created_at)}. Il est "
                                 f"valable jusqu'au {_day(current.expires_at)} : saisissez-le avec « J'ai reçu un "
                                 "code par courrier ».")
    sent = session.exec(select(func.count()).select_from(m.LetterCode).where(
        m.LetterCode.purpose == purpose, m.LetterCode.person_id == person_id,
        m.LetterCode.created_at > now - LETTERS_PERIOD)).one()
    if sent >= MAX_LETTERS:
        raise DomainError(FIELD, "Plusieurs courriers vous ont déjà été envoyés ces derniers mois. Choisissez un autre "
                                 "moyen, ou contactez votre Caf.")
    code = "".join(secrets.choice(ALPHABET) for _ in range(LENGTH))
    session.add(m.LetterCode(purpose=purpose, person_id=person_id, code_hash=token_hash(code, key=secret),
                             expires_at=now + LIFETIME))
    return display(code), now + LIFETIME


def verify(session: Session, *, purpose: str, person_id: int, code: str, secret: str) -> None:
    """Consume the person's letter code, or raise DomainError(FIELD, ...) saying what to do."""
    typed = _normalize(code)
    if len(typed) != LENGTH or not typed.isascii() or not typed.isalnum():
        raise DomainError(FIELD, "Le code reçu par courrier comporte 8 lettres et chiffres, par exemple ACDE-3467.")
    now = clock.now()
    row = session.exec(select(m.LetterCode).where(m.LetterCode.purpose == purpose,
                                                  m.LetterCode.person_id == person_id)
                       .order_by(col(m.LetterCode.id).desc())).first()
    if row is None or row.used_at is not None:
        raise DomainError(FIELD, "Aucun code par courrier n'est valable pour vous. Demandez un nouveau courrier.")
    if m.aware(row.expires_at) < now:
        raise DomainError(FIELD, "Ce code a expiré : il était valable 15 jours. Demandez un nouveau courrier.")
    # The attempt is counted before the code is compared, in one conditional update: a burst of answers sent
    # together gets no more comparisons than MAX_ATTEMPTS (as security/otp.py does for 6-digit codes).
    counted = session.exec(update(m.LetterCode).where(m.LetterCode.id == row.id, m.LetterCode.used_at == None,  # noqa: E711
                                                      m.LetterCode.attempts < MAX_ATTEMPTS)
                           .values(attempts=m.LetterCode.attempts + 1))
    session.commit()
    if counted.rowcount != 1:
        raise DomainError(FIELD, "Code incorrect, 5 fois. Ce code n'est plus valable : demandez un nouveau courrier.")
    if not hmac.compare_digest(row.code_hash, token_hash(typed, key=secret)):
        _close_when_spent(session, row.id, now)
        raise DomainError(FIELD, _wrong_message(session, row.id))
    taken = session.exec(update(m.LetterCode).where(m.LetterCode.id == row.id, m.LetterCode.used_at == None)  # noqa: E711
                         .values(used_at=now))
    session.commit()
    if taken.rowcount != 1:
        raise DomainError(FIELD, "Ce code vient d'être utilisé. Demandez un nouveau courrier.")


def _close_when_spent(session: Session, row_id: int, now: datetime) -> None:
    session.exec(update(m.LetterCode).where(m.LetterCode.id == row_id, m.LetterCode.used_at == None,  # noqa: E711
                                            m.LetterCode.attempts >= MAX_ATTEMPTS).values(used_at=now))
    session.commit()


def _wrong_message(session: Session, row_id: int) -> str:
    attempts = session.exec(select(m.LetterCode.attempts).where(m.LetterCode.id == row_id)).one()
    left = MAX_ATTEMPTS - attempts
    if left <= 0:
        return "Code incorrect, 5 fois. Ce code n'est plus valable : demandez un nouveau courrier."
    return f"Code incorrect. Il vous reste {left} essai{'s' if left > 1 else ''}."
