"""Gérer Mon Compte: change the password (the other sessions end), see the last connections."""

from __future__ import annotations

from dataclasses import dataclass

from sqlmodel import Session, col, select

from ... import clock, models as m
from ...clock import PARIS
from ...domain.dates import format_date
from ...domain.errors import DomainError
from ...domain.passwords import check_new_password
from ...domain.roles import Actor
from ...security.passwords import hash_password, verify_password
from . import auth, devices, passkeys

KINDS = {"login": "Connexion", "login_failed": "Échec de connexion", "lock": "Connexion bloquée",
         "password_changed": "Mot de passe changé", "logout": "Déconnexion",
         "device_added": "Nouvel appareil reconnu", "device_removed": "Appareil retiré",
         "code_failed": "Code de connexion incorrect", "franceconnect_lie": "Compte lié à FranceConnect+",
         "passkey_added": "Clé d'accès activée", "passkey_removed": "Clé d'accès retirée",
         "passkey_failed": "Clé d'accès refusée"}


@dataclass(frozen=True)
class AuditLine:
    when: str
    what: str
    where: str


def change_password(*, session: Session, actor: Actor, current: str, new: str, confirmation: str,
                    keep_token: str, secret: str, ip: str = "", keep_device: str = "") -> None:
    """Check the current password, set the new one, end every other session of the account and forget every
    other remembered device."""
    account = session.get(m.Account, devices.account_id_of(actor))
    auth.confirm_password(session=session, account=account, password=current[:65], secret=secret, ip=ip,
                          field="actuel", wrong="Votre mot de passe actuel n'est pas celui-ci.")
    check_new_password(new, confirmation)
    if verify_password(account.password_hash, new):
        raise DomainError("mot_de_passe", "Choisissez un mot de passe différent de l'actuel.")
    now = clock.now()
    account.password_hash, account.password_changed_at = hash_password(new), now
    session.add(account)
    auth.end_sessions(session, account_id=account.id, keep_token=keep_token, secret=secret)
    devices.forget_all(session, account_id=account.id, except_token=keep_device, secret=secret)
    passkeys.forget_all(session, account_id=account.id)
    session.add(m.AuditEvent(kind="password_changed", account_id=account.id, ip=ip, detail="Gérer Mon Compte"))
    session.commit()


def last_events(*, session: Session, actor: Actor, limit: int = 10) -> list[AuditLine]:
    """The account's own recent connections and security events (who, when, from where)."""
    rows = session.exec(select(m.AuditEvent).where(m.AuditEvent.account_id == devices.account_id_of(actor))
                        .order_by(col(m.AuditEvent.at).desc()).limit(limit)).all()
    lines = []
    for row in rows:
        at = row.at.astimezone(PARIS)
        lines.append(AuditLine(f"{format_date(at.date())} à {at:%Hh%M}", KINDS.get(row.kind, row.kind),
                               row.ip or "adresse inconnue"))
    return lines
