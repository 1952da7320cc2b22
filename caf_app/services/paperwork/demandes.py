"""Demandes de prestation en ligne: the draft kept on the server at every answer, then sent once.

What the pages call, in order (every function is keyword-only, takes the session and the actor, and calls the
policy first: Forbidden when the actor may not):
  catalogue(actor=...)                       the themes and their demandes, each marked allowed for this actor
                                             (actor None: the public site, the demandes open to non-allocataires)
  resume(kind=..., today=...)                the person's draft of that kind if there is one (the page's loader)
  start(kind=..., today=..., carried=...)    the person's draft of that kind, created (pre-filled from the dossier,
                                             then from `carried`: a simulation's or the pre-account answers) or
                                             resumed on any device; DomainError when the dossier contradicts it
  save(demande_id=..., topic=..., answers=..., today=..., then=...)
                                             keeps the answers of one screen (every answer, even wrong ones, so
                                             nothing typed is lost) and returns its errors by question name, the
                                             refusal (eligibility) if any, and the next screen; same answers twice
                                             change nothing
  review(demande_id=..., today=...)          the answers as label/value rows per screen (« Modifier » = its topic
                                             key), the pieces to send, what is still wrong
  send(demande_id=..., confirmed=True, today=...)
                                             sends once (a double tap, two tabs, a reload return the first
                                             receipt): the démarche « en cours de traitement », the pieces in
                                             « À transmettre » with the Accueil alert, the mail, and for a
                                             first-time applicant the dossier (demandes_dossier.create_dossier_for)
  receipt_pdf(demande_id=...)                the accusé de réception, generated on request
  purge(now=...)                             the cleanup: `python -m caf_app.services.paperwork.demandes --purge`
"""

from __future__ import annotations

import json
import logging
import secrets
import sys
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, delete, select, update

from ... import clock, delivery, models as m
from ...clock import PARIS
from ...documents.storage import PrivateStore, private_store
from ...domain import demandes as catalogue_of, policy
from ...domain.address import check_address
from ...domain.dates import format_date
from ...domain.demande_changes import FoundChange, changes_found
from ...domain.demande_rules import pieces_for, refusal
from ...domain.demandes import CATALOGUE, THEMES, DemandeKind, check_all, check_topic, demande_of, questions_of
from ...domain.errors import DomainError, FieldErrors, Forbidden
from ...domain.roles import Actor
from ...domain.statuses import AlertKind, DemarcheKind, DemarcheStatus, DraftStatus
from ...pdf.demandes import DemandeReceipt, demande_receipt_pdf
from ..identity.people import full_name
from ..situation.profil_edits import communes
from . import demande_pieces
from .demandes_dossier import address_mismatch, bank_account, contradiction, create_dossier_for, dossier_facts, prefill

log = logging.getLogger(__name__)
KEEP_DAYS, WARN_DAYS_BEFORE = 30, 7
PIECE_DAYS = 30  # the time given to send the pieces


@dataclass(frozen=True)
class Card:
    kind: str
    title: str
    card: str
    simulable: bool
    allowed: bool  # this person may ask it ("Faire la demande"); else the page says why not


@dataclass(frozen=True)
class ThemeCards:
    key: str
    title: str
    cards: list[Card]


def catalogue(*, actor: Actor | None) -> list[ThemeCards]:
    """« Faites une demande de prestation en ligne »: the five themes and their demandes."""
    def allowed(kind: DemandeKind) -> bool:
        return CATALOGUE[kind].non_allocataire if actor is None else policy.can_request(actor, kind)

    return [ThemeCards(theme.key, theme.title, [Card(kind.value, CATALOGUE[kind].title, CATALOGUE[kind].card,
                                                     CATALOGUE[kind].simulable, allowed(kind))
                                                for kind in theme.kinds]) for theme in THEMES]


@dataclass
class Draft:
    id: int
    kind: str
    title: str
    answers: dict[str, str]
    prefilled: list[str]
    topic: str  # the screen to show
    topics: list[tuple[str, str]]  # (key, title) of the screens that apply, in order
    status: DraftStatus
    reference: str = ""
    bank_account: str = ""  # "•••• 1015": the dossier's account, for the « compte enregistré » choice
    errors: dict[str, str] = field(default_factory=dict)
    refusal: str = ""


def _draft(session: Session, row: m.Demande, errors: dict[str, str] | None = None, today: date | None = None
           ) -> Draft:
    answers = json.loads(row.answers_json)
    topics = [(topic.key, topic.title) for topic in catalogue_of.topics_of(row.kind, answers)]
    reason = refusal(row.kind, answers, today) if today else None
    return Draft(row.id, row.kind.value, CATALOGUE[row.kind].title, answers, json.loads(row.prefilled_json),
                 row.topic or topics[0][0], topics, row.status, row.reference or "",
                 bank_account(session, row.dossier_id), errors or {}, reason or "")


def _allowed(actor: Actor, kind: str) -> DemandeKind:
    kind = demande_of(kind).kind
    if not policy.can_request(actor, kind):
        raise Forbidden(f"demande {kind.value}")
    return kind


def start(*, session: Session, actor: Actor, kind: str, today: date, carried: dict[str, str] | None = None
          ) -> Draft:
    """The person's draft of this demande: resumed if there is one (on any device), else created pre-filled."""
    kind = _allowed(actor, kind)
    draft_of = f"{actor.person_id}:{kind.value}"
    row = session.exec(select(m.Demande).where(m.Demande.draft_of == draft_of)).first()
    if row is not None:
        return _draft(session, row, today=today)
    filled = prefill(session, actor, kind, today)
    known = questions_of(kind)
    answers = filled | {name: str(text)[:2000] for name, text in (carried or {}).items() if name in known}
    answers["statut_demandeur"] = "allocataire" if actor.dossier_id else "nouveau"
    row = m.Demande(kind=kind, person_id=actor.person_id, account_id=actor.account_id, dossier_id=actor.dossier_id,
                    draft_of=draft_of, answers_json=json.dumps(answers, ensure_ascii=False),
                    prefilled_json=json.dumps(sorted(filled)))
    problem = contradiction(session, row, today)
    if problem:
        raise problem
    session.add(row)
    try:
        session.commit()
    except IntegrityError:  # the same person started it on another device at the same instant
        session.rollback()
        row = session.exec(select(m.Demande).where(m.Demande.draft_of == draft_of)).one()
    return _draft(session, row, today=today)


def resume(*, session: Session, actor: Actor, kind: str, today: date) -> Draft | None:
    """The person's draft of this demande if there is one (started on any device), else None: what opening the
    page reads, within its query budget (start() reads the dossier to pre-fill, when the person begins)."""
    kind = _allowed(actor, kind)
    row = session.exec(select(m.Demande).where(m.Demande.draft_of == f"{actor.person_id}:{kind.value}")).first()
    return None if row is None else _draft(session, row, today=today)


def _own(session: Session, actor: Actor, demande_id: int) -> m.Demande:
    row = session.get(m.Demande, demande_id)
    if row is None or not policy.can_view_demande(actor, row.person_id, row.dossier_id):
        raise Forbidden("demande")
    return row


def open_demande(*, session: Session, actor: Actor, demande_id: int, today: date) -> Draft:
    return _draft(session, _own(session, actor, demande_id), today=today)


def save(*, session: Session, actor: Actor, demande_id: int, topic: str, answers: dict[str, str], today: date,
         then: str = "") -> Draft:
    """Keep the answers of one screen; the Draft says what is wrong (errors), the refusal, and the next screen.
    then: the screen the person goes to instead, whatever the answers (« Précédent », or the review after
    « Modifier »), kept as where the draft was left."""
    row = _own(session, actor, demande_id)
    if row.person_id != actor.person_id or not policy.can_request(actor, row.kind):
        raise Forbidden("demande")
    if row.status != DraftStatus.BROUILLON:
        raise DomainError("", f"Vous avez déjà envoyé cette demande le {format_date(m.aware(row.sent_at).date())}.")
    screen = catalogue_of.topic_of(row.kind, topic)
    names = {question.name for question in screen.questions}
    merged = {**json.loads(row.answers_json),
              **{name: str(text).strip()[:2000] for name, text in answers.items() if name in names}}
    errors = check_topic(row.kind, topic, merged, today)
    unknown = _commune_error(merged) if ADDRESS_NAMES <= names and not errors.keys() & ADDRESS_NAMES else None
    if unknown:
        errors[unknown.field] = unknown.message
    mismatch = address_mismatch(session, row, merged) if topic == "logement" and not unknown else None
    if mismatch and mismatch.field not in errors:
        errors[mismatch.field] = mismatch.message
    keys = [key for key, _ in _draft_topics(row.kind, merged)]
    following = keys[keys.index(topic) + 1] if topic in keys and keys.index(topic) + 1 < len(keys) else "revue"
    new_topic = then if then in (*keys, "revue") else topic if errors else following
    if merged != json.loads(row.answers_json) or new_topic != row.topic:
        row.answers_json, row.topic = json.dumps(merged, ensure_ascii=False), new_topic
        row.updated_at, row.warned_at = clock.now(), None  # touched: the 30 days start again
        session.add(row)
        session.commit()
    return _draft(session, row, errors, today)


ADDRESS_NAMES = {"adresse", "code_postal", "commune"}


def _commune_error(answers: dict[str, str]) -> DomainError | None:
    """A postal code that does not exist, or a commune that does not have it (the address is where the Caf writes,
    and for a first demande which Caf opens the dossier)."""
    if not answers.get("code_postal"):
        return None
    try:
        check_address(answers.get("adresse", ""), answers["code_postal"], answers.get("commune", ""),
                      communes=communes())
    except DomainError as error:
        return error
    return None


def _draft_topics(kind: str, answers: dict[str, str]) -> list[tuple[str, str]]:
    return [(topic.key, topic.title) for topic in catalogue_of.topics_of(kind, answers)]


@dataclass(frozen=True)
class Review:
    draft: Draft
    rows: list[tuple[str, str, list[tuple[str, str]]]]  # (topic key for « Modifier », title, [(label, value)])
    pieces: list[str]
    errors: dict[str, str]  # what is still missing or wrong, by question name
    changes: list[FoundChange] = field(default_factory=list)  # to declare before sending (Déclarer un changement)


def review(*, session: Session, actor: Actor, demande_id: int, today: date) -> Review:
    row = _own(session, actor, demande_id)
    draft = _draft(session, row, today=today)
    rows = [(topic.key, topic.title, lines) for topic, lines in catalogue_of.review(row.kind, draft.answers, today)]
    if draft.bank_account and draft.answers.get("compte") == "actuel":
        rows = [(key, title, [(label, f"{text} ({draft.bank_account})" if label.startswith("Sur quel compte")
                              else text) for label, text in lines]) for key, title, lines in rows]
    return Review(draft, rows, pieces_for(row.kind, draft.answers), check_all(row.kind, draft.answers, today),
                  _changes(session, actor, row, draft.answers, today))


def _changes(session: Session, actor: Actor, row: m.Demande, answers: dict[str, str], today: date
             ) -> list[FoundChange]:
    """The changes of situation this demande's answers reveal and the dossier does not hold yet."""
    if row.dossier_id is None:
        return []
    return changes_found(row.kind, answers, dossier_facts(session, actor, today))


class Incomplete(FieldErrors):
    def __init__(self, errors: dict[str, str]):
        super().__init__(errors, "Votre demande est incomplète : corrigez les réponses signalées.")


@dataclass(frozen=True)
class Receipt:
    demande_id: int
    reference: str
    date: str
    time: str
    title: str
    pieces: list[str]
    delai: str
    numero: str  # the numéro allocataire (a first-time applicant's new one)
    dossier_created: bool = False
    joined: list[str] = field(default_factory=list)  # the pieces sent with the demande


def _check_sendable(session: Session, actor: Actor, row: m.Demande, confirmed: bool, today: date) -> None:
    if row.person_id != actor.person_id or not policy.can_request(actor, row.kind):
        raise Forbidden("demande")
    if not confirmed:
        raise DomainError("confirmation", "Cochez la case pour certifier l'exactitude de vos réponses.")
    answers = json.loads(row.answers_json)
    errors = check_all(row.kind, answers, today)
    if errors:
        raise Incomplete(errors)
    reason = refusal(row.kind, answers, today)
    if reason:
        raise DomainError("", reason)
    problem = _commune_error(answers) or contradiction(session, row, today) or address_mismatch(session, row, answers)
    if problem:
        raise problem
    found = _changes(session, actor, row, answers, today)
    if found:
        raise DomainError("", "Votre situation a changé : déclarez d'abord ce changement (" + ", ".join(
            change.label for change in found) + "), puis envoyez votre demande.")


def send(*, session: Session, actor: Actor, demande_id: int, confirmed: bool, today: date,
         store: PrivateStore | None = None) -> Receipt:
    """Send once. The claim is one conditional UPDATE: of two sends at once, one goes on, the other returns its
    receipt once it is committed. The pieces joined become documents of the démarche (store: the private storage,
    the configured one by default)."""
    store = store or private_store()
    row = _own(session, actor, demande_id)
    if row.status == DraftStatus.ENVOYE:
        return _receipt(session, row)
    _check_sendable(session, actor, row, confirmed, today)
    now, reference = clock.now(), f"DP{secrets.token_hex(4).upper()}"
    claimed = session.exec(update(m.Demande).where(m.Demande.id == row.id,
                                                   m.Demande.status == DraftStatus.BROUILLON)
                           .values(status=DraftStatus.ENVOYE, sent_at=now, reference=reference, draft_of=None)
                           ).rowcount
    if claimed != 1:
        session.rollback()
        session.refresh(row)
        return _receipt(session, row)
    created, made = row.dossier_id is None, {}
    try:
        made, drafts = demande_pieces.documents_for(session, row.id, pieces_for(row.kind, json.loads(row.answers_json)),
                                                    store)
        dossier = create_dossier_for(session, row, today) if created else session.get(m.Dossier, row.dossier_id)
        demarche = _record(session, actor, row, dossier, reference, today, made)
        session.exec(update(m.Demande).where(m.Demande.id == row.id)
                     .values(dossier_id=dossier.id, demarche_id=demarche.id))
        demande_pieces.forget(session, [row.id])
        session.commit()
    except BaseException:
        session.rollback()  # the claim, the dossier, the démarche and its documents go together
        for key, _, _ in made.values():
            store.delete(key)
        raise
    for key in drafts:  # the draft's files, now in the documents
        store.delete(key)
    session.refresh(row)
    receipt = _receipt(session, row, dossier_created=created)
    _mail(session, row, receipt)
    return receipt


def _record(session: Session, actor: Actor, row: m.Demande, dossier: m.Dossier, reference: str,
            today: date, joined: dict[str, tuple[str, int, int]]) -> m.Demarche:
    """The démarche « en cours de traitement » (made by the actor: the person, or their tuteur for them), the pieces
    joined as its documents, and those still to send, in « À transmettre »."""
    demande, answers = CATALOGUE[row.kind], json.loads(row.answers_json)
    demarche = m.Demarche(dossier_id=dossier.id, **actor.signed, kind=DemarcheKind.DEMANDE_PRESTATION,
                          title=demande.demarche, status=DemarcheStatus.EN_COURS, reference=reference,
                          detail=answers.get("message", ""))
    session.add(demarche)
    session.flush()
    needed = pieces_for(row.kind, answers)
    for piece in (piece for piece in needed if piece in joined):  # in the order the demande lists them
        key, pages, size = joined[piece]
        session.add(m.Document(dossier_id=dossier.id, demarche_id=demarche.id, uploaded_by_id=actor.person_id,
                               name=piece, page_count=pages, size_bytes=size, storage_key=key))
    pieces = [piece for piece in needed if piece not in joined]
    for piece in pieces:
        session.add(m.PieceDemandee(dossier_id=dossier.id, label=f"{piece} ({demande.demarche})", requested_on=today,
                                    due_on=today + timedelta(days=PIECE_DAYS)))
    open_alert = session.exec(select(m.Alerte.id).where(m.Alerte.dossier_id == dossier.id,
                                                        m.Alerte.kind == AlertKind.PIECE_DEMANDEE,
                                                        m.Alerte.resolved_at == None)).first()  # noqa: E711
    if pieces and open_alert is None:
        session.add(m.Alerte(dossier_id=dossier.id, kind=AlertKind.PIECE_DEMANDEE, title="Pièces à transmettre",
                             message=f"Pour étudier votre {demande.demarche.lower()}, votre Caf a besoin de "
                                     "pièces justificatives. Consultez la page Mes démarches.",
                             created_on=today))
    return demarche


def _receipt(session: Session, row: m.Demande, *, dossier_created: bool = False) -> Receipt:
    if row.status != DraftStatus.ENVOYE:
        raise DomainError("", "L'envoi de cette demande est en cours.")
    demande, at = CATALOGUE[row.kind], m.aware(row.sent_at).astimezone(PARIS)
    pieces = session.exec(select(m.PieceDemandee.label).where(
        m.PieceDemandee.dossier_id == row.dossier_id, m.PieceDemandee.answered_by_id == None,  # noqa: E711
        col(m.PieceDemandee.label).endswith(f"({demande.demarche})")).order_by(m.PieceDemandee.id)).all()
    numero = session.exec(select(m.Dossier.numero_allocataire).where(m.Dossier.id == row.dossier_id)).first()
    joined = session.exec(select(m.Document.name).where(m.Document.demarche_id == row.demarche_id)
                          .order_by(m.Document.id)).all() if row.demarche_id else []
    delai = (f"Votre Caf vous répondra au plus tard le {format_date(at.date() + timedelta(days=demande.delai_days))}"
             + (", une fois les pièces justificatives reçues." if pieces else "."))
    return Receipt(row.id, row.reference, format_date(at.date()), f"{at:%Hh%M}", demande.demarche,
                   [label.removesuffix(f" ({demande.demarche})") for label in pieces], delai, numero or "",
                   dossier_created, list(joined))


def receipt(*, session: Session, actor: Actor, demande_id: int) -> Receipt:
    return _receipt(session, _own(session, actor, demande_id))


def receipt_pdf(*, session: Session, actor: Actor, demande_id: int, today: date) -> bytes:
    """The accusé de réception: the reference, the date, the demande, the answers, the pieces and the délai."""
    row = _own(session, actor, demande_id)
    data = _receipt(session, row)
    answers = json.loads(row.answers_json)
    caf = session.exec(select(m.Caf.name).join(m.Dossier, m.Dossier.caf_id == m.Caf.id)
                       .where(m.Dossier.id == row.dossier_id)).one()
    rows = [(topic.title, lines) for topic, lines in catalogue_of.review(row.kind, answers, today)]
    return demande_receipt_pdf(DemandeReceipt(
        caf, full_name(session.get(m.Person, row.person_id)), data.numero, data.title, data.reference,
        f"{data.date} à {data.time}", rows, data.pieces, data.delai, data.joined))


def _mail(session: Session, row: m.Demande, receipt: Receipt) -> None:
    person = session.get(m.Person, row.person_id)
    if not person.email:
        return
    pieces = ("\nPièces à transmettre depuis Mes démarches :\n" + "\n".join(f"- {p}" for p in receipt.pieces)
              if receipt.pieces else "")
    pieces += ("\nPièces jointes à votre demande :\n" + "\n".join(f"- {p}" for p in receipt.joined)
               if receipt.joined else "")
    body = (f"Bonjour {full_name(person)},\n\nNous avons bien reçu votre {receipt.title.lower()} le {receipt.date} "
            f"à {receipt.time}. Sa référence : {receipt.reference}.\nNuméro allocataire : {receipt.numero}.\n"
            f"{receipt.delai}{pieces}\n\nSuivez-la dans Mon Compte, rubrique Mes démarches.")
    try:
        delivery.send(delivery.Message("email", person.email, f"Accusé de réception : {receipt.title}", body),
                      session=session)
    except OSError:  # the demande is sent: a mail server down must not make it look failed
        log.exception("accusé de réception de demande non envoyé par courriel")


@dataclass(frozen=True)
class Purged:
    warned: int
    deleted: int


def purge(*, session: Session, now: datetime | None = None) -> Purged:
    """Drafts untouched for 30 days go; 7 days before, their person is told once by mail (warned_at)."""
    now = now or clock.now()
    stale = now - timedelta(days=KEEP_DAYS)
    # The stale drafts, locked (PostgreSQL; one skipped while a file is being joined to it): their files, then them.
    ids = list(session.exec(select(m.Demande.id).where(m.Demande.status == DraftStatus.BROUILLON,
                                                       m.Demande.updated_at < stale)
                            .with_for_update(skip_locked=True)))
    files = demande_pieces.forget(session, ids)
    deleted = session.exec(delete(m.Demande).where(col(m.Demande.id).in_(ids))).rowcount if ids else 0
    session.commit()
    store = private_store() if files else None
    for key in files:  # the pieces joined to them, once the drafts are gone
        store.delete(key)
    warn = now - timedelta(days=KEEP_DAYS - WARN_DAYS_BEFORE)
    rows = session.exec(select(m.Demande, m.Person).join(m.Person, m.Person.id == m.Demande.person_id).where(
        m.Demande.status == DraftStatus.BROUILLON, m.Demande.updated_at < warn,
        m.Demande.warned_at == None)).all()  # noqa: E711
    for row, person in rows:
        ends = format_date((m.aware(row.updated_at) + timedelta(days=KEEP_DAYS)).astimezone(PARIS).date())
        claimed = session.exec(update(m.Demande).where(m.Demande.id == row.id, m.Demande.warned_at == None)  # noqa: E711
                               .values(warned_at=now)).rowcount
        session.commit()
        if claimed == 1 and person.email:
            delivery.send(delivery.Message(
                "email", person.email, "Votre demande en cours sera bientôt supprimée",
                f"Bonjour {full_name(person)},\n\nVous avez commencé une {CATALOGUE[row.kind].demarche.lower()} "
                f"sans l'envoyer. Sans nouvelle réponse de votre part, elle sera supprimée le {ends}.\n"
                "Pour la terminer, connectez-vous à Mon Compte : vos réponses vous attendent."), session=session)
    return Purged(len(rows), deleted)


def main(argv: list[str]) -> None:
    if "--purge" not in argv:
        print("Usage : python -m caf_app.services.paperwork.demandes --purge")
        raise SystemExit(2)
    from ...db import engine

    with Session(engine()) as session:
        done = purge(session=session)
    print(f"Demandes non envoyées : {done.warned} averties, {done.deleted} supprimées.")


if __name__ == "__main__":
    main(sys.argv[1:])
