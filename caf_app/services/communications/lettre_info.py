"""« Ma lettre d'info partenaires »: a partner subscribes to a Caf's letter with a mail address and confirms it
through the link of a mail (valid 7 days: double opt-in); every letter carries a link that unsubscribes in one
click. The Caf's communication officer writes a letter and sends it to the confirmed subscribers of that moment,
in batches through the mail sender (SMTP in production), with a pause between mails (the throttle); each mail
sent is recorded with it (LettreEnvoi, unique per subscriber), so an interrupted sending resumes where it stopped
and sends nobody the letter twice."""

from __future__ import annotations

import hmac
import logging
import time
from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy import and_, exists
from sqlalchemy.dialects import postgresql, sqlite
from sqlmodel import Session, col, func, select

from ... import clock, delivery, models as m, routes
from ...domain import policy
from ...domain.contacts import parse_email
from ...domain.dates import format_date
from ...domain.errors import DomainError, Forbidden
from ...domain.gestion import AgentActor
from ...domain.throttle import Rule
from ...security.tokens import new_token, token_hash
from ...settings import get_settings
from ..identity import throttling

log = logging.getLogger("caf_app.lettre_info")
CONFIRM_FOR = timedelta(days=7)
BATCH = 20  # mails per event of the sending (its progress is shown between two batches)
PER_SECOND = 10  # the throttle: at most this many mails a second, whatever the server
# A browser or an address asking again and again (mail bombing through our confirmation mails) waits, then is locked.
CLIENT_RULE = Rule(free_failures=10, base_delay=timedelta(seconds=10), lock_after=30, lock_for=timedelta(hours=24),
                   window=timedelta(hours=24))
ADDRESS_RULE = Rule(free_failures=2, base_delay=timedelta(seconds=60), lock_after=5, lock_for=timedelta(hours=24),
                    window=timedelta(hours=24))
SUBSCRIBED = ("Merci. Si cette adresse n'était pas déjà inscrite, un courriel vient de lui être envoyé : cliquez sur "
              "le lien qu'il contient, dans les 7 jours, pour confirmer votre inscription.")
EXPIRED = ("Ce lien de confirmation n'est plus valable (il l'est 7 jours) ou a déjà servi : inscrivez-vous à "
           "nouveau pour en recevoir un autre.")


def _key() -> str:
    return get_settings().secret_key + ":lettre-info"


def unsubscribe_token(abonne_id: int) -> str:
    """The token of a subscriber's unsubscribe link: derived from the id with the app's secret (nothing stored)."""
    return token_hash(f"desabonnement:{abonne_id}", key=_key())[:40]


def _link(**params: str) -> str:
    return get_settings().public_url.rstrip("/") + routes.LETTRE_INFO.query(**params)


def _caf(session: Session, departement: str) -> m.Caf:
    caf = session.exec(select(m.Caf).where(m.Caf.department == departement)).first()
    if caf is None:
        raise DomainError("caf", "Choisissez la Caf dont vous souhaitez recevoir la lettre.")
    return caf


def subscribe(*, session: Session, email: str, departement: str, client: str = "") -> str:
    """Record the request and mail the confirmation link. The same answer whether the address was subscribed or
    not (nobody learns who is); throttled per browser and per address."""
    address = parse_email(email, field="email")
    caf = _caf(session, departement)
    throttling.limit(session, [(f"lettre-client:{client or 'inconnu'}", CLIENT_RULE),
                               (f"lettre:{token_hash(address, key=_key())}", ADDRESS_RULE)],
                     too_many="Trop de demandes d'inscription : réessayez demain.",
                     wait="Trop de demandes d'inscription : réessayez dans {seconds} secondes.")
    row = session.exec(select(m.Abonne).where(m.Abonne.email == address, m.Abonne.caf_id == caf.id)).first()
    if row is not None and row.confirmed_at is not None and row.unsubscribed_at is None:
        return SUBSCRIBED  # subscribed already: nothing to confirm, nothing said
    token = new_token()
    if row is None:
        row = m.Abonne(email=address, caf_id=caf.id)
    row.requested_at, row.confirm_hash = clock.now(), token_hash(token, key=_key())
    row.confirmed_at = row.unsubscribed_at = None
    session.add(row)
    session.commit()
    delivery.send(delivery.Message(
        "email", address, f"Confirmez votre inscription à la lettre d'info partenaires – {caf.name}",
        f"Bonjour,\n\nVous avez demandé à recevoir « Ma lettre d'info partenaires » de la {caf.name}.\n\n"
        f"Pour confirmer votre inscription, ouvrez ce lien dans les 7 jours :\n{_link(jeton=token)}\n\n"
        "Si vous n'êtes pas à l'origine de cette demande, ignorez ce message : vous ne recevrez rien.\n"),
        session=session)
    return SUBSCRIBED


def confirm(*, session: Session, token: str) -> str:
    row = session.exec(select(m.Abonne).where(m.Abonne.confirm_hash == token_hash(token[:100], key=_key()),
                                              m.Abonne.confirm_hash != "")).first() if token else None
    if row is None or m.aware(row.requested_at) + CONFIRM_FOR < clock.now():
        raise DomainError("", EXPIRED)
    row.confirmed_at, row.confirm_hash = clock.now(), ""  # the link serves once
    session.commit()
    caf = session.get(m.Caf, row.caf_id)
    return f"Votre inscription est confirmée : vous recevrez la lettre d'info partenaires de la {caf.name}."


def unsubscribe(*, session: Session, abonne_id: int, token: str) -> str:
    """One click from a letter: the link's token must be the subscriber's; done even if done before."""
    row = session.get(m.Abonne, abonne_id) if abonne_id else None
    if row is None or not token or not hmac.compare_digest(token.encode(), unsubscribe_token(row.id).encode()):
        raise DomainError("", "Ce lien de désinscription n'est pas valable : utilisez celui de votre dernière lettre.")
    if row.unsubscribed_at is None:
        row.unsubscribed_at = clock.now()
        session.commit()
        log.info("désinscription de l'abonné %s", row.id)
    return "Vous êtes désinscrit(e) : vous ne recevrez plus la lettre d'info partenaires."


# The communication officer's side.

@dataclass(frozen=True)
class LetterLine:
    id: int
    subject: str
    status: str
    sent: int
    total: int
    draft: bool  # not sent yet: « Envoyer »
    unfinished: bool  # started, not finished: « Reprendre l'envoi »


def _recipients(lettre: m.LettreInfo):
    """The subscribers who are to receive the letter: confirmed by its start, still subscribed."""
    return (m.Abonne.caf_id == lettre.caf_id, m.Abonne.confirmed_at != None,  # noqa: E711
            m.Abonne.confirmed_at <= lettre.started_at, m.Abonne.unsubscribed_at == None)  # noqa: E711


def _checked(actor: AgentActor, caf_id: int | None = None) -> None:
    if not policy.can_send_letter(actor, actor.caf_id if caf_id is None else caf_id):
        raise Forbidden("lettre d'info")


def letters(*, session: Session, actor: AgentActor) -> list[LetterLine]:
    """The Caf's letters, newest first, with their progress (four queries, whatever the number of letters)."""
    _checked(actor)
    rows = session.exec(select(m.LettreInfo).where(m.LettreInfo.caf_id == actor.caf_id)
                        .order_by(col(m.LettreInfo.created_at).desc()).limit(30)).all()
    sent = dict(session.exec(select(m.LettreEnvoi.lettre_id, func.count()).where(
        col(m.LettreEnvoi.lettre_id).in_([r.id for r in rows])).group_by(m.LettreEnvoi.lettre_id)).all()) \
        if rows else {}
    confirmed = session.exec(select(func.count()).select_from(m.Abonne).where(
        m.Abonne.caf_id == actor.caf_id, m.Abonne.confirmed_at != None,  # noqa: E711
        m.Abonne.unsubscribed_at == None)).one()  # noqa: E711
    left = _left_of(session, [r.id for r in rows if r.started_at is not None and r.finished_at is None])
    lines = []
    for row in rows:
        done = sent.get(row.id, 0)
        if row.started_at is None:
            status, total = f"Brouillon — {confirmed} abonné(s) la recevront", confirmed
        elif row.finished_at is None:
            total = done + left.get(row.id, 0)
            status = f"Envoi en cours ou interrompu : {done} sur {total}"
        else:
            total = done
            day = format_date(m.aware(row.finished_at).astimezone(clock.PARIS).date())
            status = f"Envoyée le {day} à {done} abonné(s)"
        lines.append(LetterLine(row.id, row.subject, status, done, total, row.started_at is None,
                                row.started_at is not None and row.finished_at is None))
    return lines


def _left(session: Session, lettre: m.LettreInfo) -> int:
    return _left_of(session, [lettre.id]).get(lettre.id, 0)


def _left_of(session: Session, ids: list[int]) -> dict[int, int]:
    """How many recipients each started letter has still to reach (one grouped query: _recipients applied to the
    letter's columns)."""
    if not ids:
        return {}
    received = exists().where(m.LettreEnvoi.lettre_id == m.LettreInfo.id, m.LettreEnvoi.abonne_id == m.Abonne.id)
    return dict(session.exec(select(m.LettreInfo.id, func.count(m.Abonne.id))
                             .join(m.Abonne, and_(*_recipients(m.LettreInfo)))
                             .where(col(m.LettreInfo.id).in_(ids), ~received)
                             .group_by(m.LettreInfo.id)).all())


def save(*, session: Session, actor: AgentActor, subject: str, body: str) -> int:
    _checked(actor)
    subject, body = subject.strip(), body.strip()
    if not subject or len(subject) > 150:
        raise DomainError("objet", "Indiquez l'objet de la lettre (150 caractères au plus).")
    if len(body) < 20 or len(body) > 20_000:
        raise DomainError("texte", "Écrivez le texte de la lettre (de 20 à 20 000 caractères).")
    row = m.LettreInfo(caf_id=actor.caf_id, subject=subject, body=body, author_id=actor.agent_id)
    session.add(row)
    session.commit()
    return row.id


def _letter(session: Session, actor: AgentActor, lettre_id: int) -> m.LettreInfo:
    row = session.get(m.LettreInfo, lettre_id) if lettre_id else None
    if row is None:
        raise Forbidden("lettre d'info")
    _checked(actor, row.caf_id)
    return row


def start(*, session: Session, actor: AgentActor, lettre_id: int) -> None:
    """« Envoyer »: the letter goes to the subscribers confirmed now (a second press changes nothing)."""
    row = _letter(session, actor, lettre_id)
    if row.started_at is None:
        row.started_at = clock.now()
        session.commit()
        log.info("lettre %s : envoi commencé par l'agent %s", row.id, actor.agent_id)


def send_batch(*, session: Session, actor: AgentActor, lettre_id: int, size: int = BATCH,
               per_second: float = PER_SECOND) -> int:
    """Send the letter to at most `size` subscribers who do not have it yet, one mail every 1/per_second s; each
    claimed (LettreEnvoi) before its mail, committed after it (a mail that fails is tried again at the next batch).
    Returns how many are left; at 0 the letter is finished."""
    row = _letter(session, actor, lettre_id)
    if row.started_at is None or row.finished_at is not None:
        return 0
    caf = session.get(m.Caf, row.caf_id)
    received = exists().where(m.LettreEnvoi.lettre_id == row.id, m.LettreEnvoi.abonne_id == m.Abonne.id)
    batch = session.exec(select(m.Abonne.id, m.Abonne.email).where(*_recipients(row), ~received)
                         .order_by(m.Abonne.id).limit(size)).all()
    dialect = postgresql if session.get_bind().dialect.name == "postgresql" else sqlite
    for abonne_id, email in batch:
        table = m.LettreEnvoi.__table__
        claimed = session.execute(dialect.insert(table).values(lettre_id=row.id, abonne_id=abonne_id,
                                                               sent_at=clock.now())
                                  .on_conflict_do_nothing().returning(table.c.id)).first()  # (rowcount: -1 on PG)
        if claimed is None:  # another sending (a second tab, a resumed one) has it
            session.rollback()
            continue
        try:
            delivery.send(_mail(row, caf, abonne_id, email), session=session)
            session.commit()
        except Exception:
            session.rollback()  # not claimed any more: the next batch tries again
            log.exception("lettre %s : envoi à l'abonné %s en échec", row.id, abonne_id)
        time.sleep(1 / per_second)
    left = _left(session, row)
    if left == 0:
        row.finished_at = clock.now()
        session.commit()
        log.info("lettre %s : envoi terminé", row.id)
    return left


def _mail(row: m.LettreInfo, caf: m.Caf, abonne_id: int, email: str) -> delivery.Message:
    unsubscribe = _link(abonne=str(abonne_id), desabonnement=unsubscribe_token(abonne_id))
    return delivery.Message("email", email, row.subject,
                            f"{row.body}\n\n—\nMa lettre d'info partenaires – {caf.name}\n"
                            f"Pour ne plus la recevoir, un clic suffit : {unsubscribe}\n")

