"""One-time codes: 6 digits, stored as a keyed hash, single use, valid 10 minutes, 3 attempts,
a new code at most once a minute, and at most 10 a day to one address or number for one purpose (nobody can
flood a mailbox or a phone through the app)."""

from __future__ import annotations

import hmac
import secrets
from datetime import datetime, timedelta, timezone

from sqlmodel import Session, col, func, select, update

from .. import clock, models as m
from ..domain.errors import DomainError
from .tokens import token_hash

LIFETIME = timedelta(minutes=10)
MAX_ATTEMPTS = 3
RESEND_COOLDOWN = timedelta(seconds=60)
MAX_PER_DESTINATION_PER_DAY = 10
NO_LONGER_VALID = "Ce code n'est plus valable. Demandez un nouveau code."
TABLE = m.OneTimeCode.__table__
COLUMNS = TABLE.c


def _aware(value: datetime) -> datetime:
    return value if value.tzinfo else value.replace(tzinfo=timezone.utc)


def _latest(session: Session, purpose: str, subject: str) -> m.OneTimeCode | None:
    return session.exec(select(m.OneTimeCode).where(m.OneTimeCode.purpose == purpose,
                                                    m.OneTimeCode.subject == subject)
                        .order_by(col(m.OneTimeCode.id).desc())).first()


def seconds_before_resend(session: Session, *, purpose: str, subject: str) -> int:
    latest = _latest(session, purpose, subject)
    if latest is None:
        return 0
    remaining = _aware(latest.created_at) + RESEND_COOLDOWN - clock.now()
    return max(0, int(remaining.total_seconds() + 0.999))


def sent_today(session: Session, *, purpose: str, destination: str) -> int:
    """How many codes of `purpose` went to `destination` in the last 24 hours."""
    return session.exec(select(func.count()).select_from(m.OneTimeCode).where(
        m.OneTimeCode.purpose == purpose, m.OneTimeCode.destination == destination,
        m.OneTimeCode.created_at > clock.now() - timedelta(days=1))).one()


def issue(session: Session, *, purpose: str, subject: str, channel: str, destination: str, secret: str,
          too_many: str = "Trop de codes ont été envoyés à cette adresse ou à ce numéro aujourd'hui. "
                          "Réessayez demain.") -> str:
    """A new code (the previous ones stop working). Raises DomainError during the resend cooldown and past
    the daily limit of the destination ("" for a decoy, sent to nobody, has none)."""
    wait = seconds_before_resend(session, purpose=purpose, subject=subject)
    if wait:
        raise DomainError("code", f"Un code vient d'être envoyé. Vous pourrez en demander un autre dans {wait} s.")
    if destination and sent_today(session, purpose=purpose, destination=destination) >= MAX_PER_DESTINATION_PER_DAY:
        raise DomainError("code", too_many)
    for old in session.exec(select(m.OneTimeCode).where(m.OneTimeCode.purpose == purpose,
                                                        m.OneTimeCode.subject == subject,
                                                        m.OneTimeCode.used_at == None)):  # noqa: E711
        old.used_at = clock.now()
        session.add(old)
    code = f"{secrets.randbelow(1_000_000):06d}"
    session.add(m.OneTimeCode(purpose=purpose, subject=subject, channel=channel, destination=destination,
                              code_hash=token_hash(code, key=secret), expires_at=clock.now() + LIFETIME))
    session.commit()
    return code


def verify(session: Session, *, purpose: str, subject: str, code: str, secret: str) -> m.OneTimeCode:
    """Consume the code or raise DomainError("code", ...) saying what to do. The attempt is counted before the
    code is compared, and a right code is consumed, each by one conditional update: 3 attempts and one use, even
    when many answers arrive at once."""
    code = (code or "").strip().replace(" ", "")
    if not (len(code) == 6 and code.isdigit()):
        raise DomainError("code", "Le code de vérification comporte 6 chiffres.")
    row = _latest(session, purpose, subject)
    if row is None or row.used_at is not None:
        raise DomainError("code", NO_LONGER_VALID)
    if _aware(row.expires_at) < clock.now():
        raise DomainError("code", "Ce code a expiré : il était valable 10 minutes. Demandez un nouveau code.")
    code_id, code_hash = row.id, row.code_hash
    attempts = session.exec(update(TABLE).where(COLUMNS.id == code_id, COLUMNS.attempts < MAX_ATTEMPTS,
                                                COLUMNS.used_at.is_(None))
                            .values(attempts=COLUMNS.attempts + 1).returning(COLUMNS.attempts)).scalar()
    session.commit()
    if attempts is None:  # its attempts spent, or used, by answers that came at the same time
        raise DomainError("code", NO_LONGER_VALID)
    if not hmac.compare_digest(code_hash, token_hash(code, key=secret)):
        left = MAX_ATTEMPTS - attempts
        if left <= 0:
            _use(session, code_id)
            raise DomainError("code", "Code incorrect, 3 fois. Ce code n'est plus valable : demandez un nouveau code.")
        raise DomainError("code", f"Code incorrect. Il vous reste {left} essai{'s' if left > 1 else ''}.")
    if not _use(session, code_id):
        raise DomainError("code", NO_LONGER_VALID)
    return session.get(m.OneTimeCode, code_id)


def _use(session: Session, code_id: int) -> bool:
    """Mark the code used, unless it already is (committed); True when this call did."""
    used = session.exec(update(TABLE).where(COLUMNS.id == code_id, COLUMNS.used_at.is_(None))
                        .values(used_at=clock.now()).returning(COLUMNS.id)).scalar()
    session.commit()
    return used is not None
