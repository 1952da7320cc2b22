"""What an agent reads: a dossier (opened with a reason, recorded for the audit) and an item of the queue with
everything needed to decide on one screen (the documents, the declared figures beside the previous ones, the
demande's answers, the new bank details, the dossier's situation)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date

import sqlalchemy as sa
from sqlmodel import Session, col, select

from ... import clock, models as m
from ...content.declaration import words as declaration_words
from ...domain import demandes as demandes_catalogue, policy
from ...domain.dates import format_date, format_month
from ...domain.errors import Forbidden
from ...domain.gestion import RAISONS_CONSULTATION, AgentActor, Decision, check_reason, days_waited
from ...domain.identifiers import mask_iban
from ...domain.money import format_euros
from ...domain.prestations import Prestation
from ...domain.roles import MemberRole
from ...domain.statuses import BankAccountStatus, DemarcheKind, DemarcheStatus


@dataclass(frozen=True)
class MemberLine:
    name: str
    role: str
    born: str
    situations: str


@dataclass(frozen=True)
class DossierView:
    id: int
    numero: str
    allocataire: str
    address: str
    bank: str  # masked: the full IBAN only on a bank change's screen
    members: list[MemberLine]
    droits: list[tuple[str, str, str]]  # (month, prestation, amount or motif)
    pieces: list[str]
    demarches: list[tuple[str, str, str]]  # (received, title, status)


@dataclass(frozen=True)
class Figure:
    person: str
    category: str
    months: list[str]
    declared: list[str]
    previous: list[str]  # the same months' figures of the previous declaration ("" when none)


@dataclass(frozen=True)
class BankChange:
    iban: str  # in full, for the check against the RIB shown beside it
    bic: str
    holder: str
    current: str  # masked
    checked_by: str  # the first agent, once checked


@dataclass(frozen=True)
class ItemView:
    id: int
    kind: str
    title: str
    detail: str
    reference: str
    received_on: str
    days: int
    status: str
    mine: bool
    decision: str
    documents: list[tuple[int, str, int]]  # (id, name, pages)
    figures: list[Figure]
    answers: list[tuple[str, list[tuple[str, str]]]]  # a demande's review: (topic, [(question, answer)])
    bank: BankChange | None
    dossier: DossierView


def _name(person: m.Person) -> str:
    return f"{person.first_names} {person.usage_name or person.birth_name}"


def _lists(dossier_id: int, demarche_id: int):
    """The dossier's lists in one query (the page's query budget): its last droits, the pieces it waits for, its
    last démarches and the documents of the item, as (section, day, text, detail, number) rows."""
    droit, piece = m.Droit.__table__.c, m.PieceDemandee.__table__.c
    demarche, document = m.Demarche.__table__.c, m.Document.__table__.c
    text = sa.String()
    parts = [
        select(sa.literal("droit"), sa.cast(droit.month, text), sa.cast(droit.prestation, text),
               sa.cast(droit.motif_sans_droit, text),
               droit.amount_cents).where(droit.dossier_id == dossier_id)
        .order_by(droit.month.desc(), droit.id).limit(12),
        select(sa.literal("piece"), sa.cast(piece.due_on, text), piece.label, sa.literal(""),
               sa.literal(None, sa.Integer))
        .where(piece.dossier_id == dossier_id, piece.answered_by_id == None),  # noqa: E711
        select(sa.literal("demarche"), sa.cast(demarche.created_on, text), demarche.title, demarche.status,
               sa.literal(None, sa.Integer)).where(demarche.dossier_id == dossier_id)
        .order_by(demarche.created_on.desc()).limit(10),
        select(sa.literal("document"), sa.cast(document.created_at, text), document.name,
               sa.cast(document.id, text), document.page_count).where(document.demarche_id == demarche_id),
    ]
    return sa.union_all(*[part.subquery().select() for part in parts])


def _view(session: Session, dossier: m.Dossier, allocataire: str, iban: str | None,
          demarche_id: int = 0) -> tuple[DossierView, list[tuple[int, str, int]]]:
    """The dossier's situation (two queries: the foyer, then the lists) and the item's documents."""
    rows = session.exec(select(m.Member, m.Person, m.Situation).join(m.Person, m.Person.id == m.Member.person_id)
                        .outerjoin(m.Situation, m.Situation.member_id == m.Member.id)
                        .where(m.Member.dossier_id == dossier.id).order_by(col(m.Member.id), col(m.Situation.id))).all()
    members: dict[int, tuple[m.Member, m.Person, list[str]]] = {}
    for member, person, situation in rows:
        entry = members.setdefault(member.id, (member, person, []))
        if situation is not None:
            entry[2].append(situation.code.replace("_", " ")
                            + (" (en cours)" if situation.status.value == "en_cours" else ""))
    lines = [MemberLine(_name(person), MemberRole(member.role).value + (" (en cours)" if member.pending else ""),
                        format_date(person.birth_date) if person.birth_date else "", ", ".join(found))
             for member, person, found in members.values()]
    sections: dict[str, list] = {"droit": [], "piece": [], "demarche": [], "document": []}
    for section, day, text, detail, number in session.execute(_lists(dossier.id, demarche_id)).all():
        sections[section].append((_day(day), text, detail, number))
    droits = [(format_month(day, capital=True), Prestation(text).label,
               format_euros(number) if number is not None else f"Sans droit : {detail}")
              for day, text, detail, number in sections["droit"]]
    view = DossierView(
        dossier.id, dossier.numero_allocataire, allocataire,
        f"{dossier.address_line}, {dossier.postal_code} {dossier.city}", mask_iban(iban) if iban else "", lines,
        droits, [f"{text} (avant le {format_date(day)})" for day, text, _, _ in sections["piece"]],
        [(format_date(day), text, DemarcheStatus(detail).label) for day, text, detail, _ in sections["demarche"]])
    return view, [(int(detail), text, number) for _, text, detail, number in sections["document"]]


def _day(value) -> date:
    """A date read back from a UNION (SQLite gives text)."""
    return value if isinstance(value, date) else date.fromisoformat(str(value)[:10])


def _dossier_row(session: Session, actor: AgentActor, where) -> tuple[m.Dossier, str, str | None, m.Demarche | None]:
    """The dossier (of the agent's Caf, else Forbidden), its allocataire's name and its active IBAN, in one query;
    with the démarche when `where` selects one."""
    bank = (select(m.BankAccount.iban).where(m.BankAccount.dossier_id == m.Dossier.id,
                                             m.BankAccount.status == BankAccountStatus.ACTIVE)
            .limit(1).scalar_subquery())
    query = (select(m.Dossier, m.Person, bank, m.Demarche)
             .join(m.Person, m.Person.id == m.Dossier.allocataire_id)
             .outerjoin(m.Demarche, m.Demarche.dossier_id == m.Dossier.id))
    row = session.exec(query.where(*where).limit(1)).first()
    if row is None or not policy.can_process(actor, row[0].caf_id):
        raise Forbidden("dossier")  # another Caf's dossier does not exist for this agent
    return row[0], _name(row[1]), row[2], row[3]


def open_dossier(*, session: Session, actor: AgentActor, dossier_id: int, reason: str) -> DossierView:
    """An agent opens a dossier of their Caf for a reason of the list: recorded (who, which, why, when)."""
    reason = check_reason(reason)
    dossier, allocataire, iban, _ = _dossier_row(session, actor, [m.Dossier.id == dossier_id])
    session.add(m.DossierConsultation(agent_id=actor.agent_id, dossier_id=dossier.id, reason=reason))
    view = _view(session, dossier, allocataire, iban)[0]
    session.commit()
    return view


def _figures(session: Session, demarche: m.Demarche) -> list[Figure]:
    """The declared figures beside the previous declaration's, in one query (the page's budget)."""
    if demarche.kind != DemarcheKind.DECLARATION_TRIMESTRIELLE:
        return []
    declaration = m.DeclarationTrimestrielle
    this = (select(declaration.prestation, declaration.quarter_start, declaration.dossier_id)
            .where(declaration.demarche_id == demarche.id).subquery())
    rows = session.exec(
        select(m.DeclarationMontant, m.Person.first_names, declaration.demarche_id, declaration.quarter_start)
        .join(declaration, declaration.id == m.DeclarationMontant.declaration_id)
        .join(this, sa.and_(declaration.dossier_id == this.c.dossier_id, declaration.prestation == this.c.prestation,
                            declaration.quarter_start <= this.c.quarter_start))
        .join(m.Person, m.Person.id == m.DeclarationMontant.person_id)
        .where(declaration.sent_at != None)  # noqa: E711
        .order_by(col(declaration.quarter_start).desc(), col(m.DeclarationMontant.month))).all()
    previous = next((quarter for _, _, demarche_id, quarter in rows if demarche_id != demarche.id), None)
    labels = declaration_words(False)["categories"]
    table: dict[tuple[str, str], dict[str, list]] = {}
    for amount, person, demarche_id, quarter in rows:
        if demarche_id == demarche.id or quarter == previous:
            slot = table.setdefault((person, amount.category), {"now": [], "before": []})
            slot["now" if demarche_id == demarche.id else "before"].append(amount)
    figures = []
    for (person, category), slot in table.items():
        if not slot["now"]:
            continue
        before = [format_euros(a.amount_cents) for a in slot["before"]]
        figures.append(Figure(person, labels.get(category, {}).get("label", category),
                              [format_month(a.month, capital=True) for a in slot["now"]],
                              [format_euros(a.amount_cents) for a in slot["now"]],
                              before + [""] * (len(slot["now"]) - len(before))))
    return figures


def _bank(session: Session, demarche: m.Demarche) -> BankChange | None:
    if demarche.title != "Changement de coordonnées bancaires":
        return None
    rows = session.exec(select(m.BankAccount).where(m.BankAccount.dossier_id == demarche.dossier_id)).all()
    new = next((b for b in rows if b.status == BankAccountStatus.PENDING), None)
    current = next((b for b in rows if b.status == BankAccountStatus.ACTIVE), None)
    if new is None:
        return None
    checker = session.get(m.Agent, new.checked_by_id) if new.checked_by_id else None
    return BankChange(new.iban, new.bic, new.holder, mask_iban(current.iban) if current else "",
                      checker.name if checker else "")


def _answers(session: Session, demarche_id: int) -> list[tuple[str, list[tuple[str, str]]]]:
    row = session.exec(select(m.Demande).where(m.Demande.demarche_id == demarche_id)).first()
    if row is None:
        return []
    today = (row.sent_at or clock.now()).date()
    return [(topic.title, lines) for topic, lines in demandes_catalogue.review(row.kind, json.loads(row.answers_json),
                                                                                today)]


def item(*, session: Session, actor: AgentActor, demarche_id: int) -> ItemView:
    """An item of the queue, opened to be processed (recorded as a consultation of its dossier)."""
    dossier, allocataire, iban, demarche = _dossier_row(session, actor, [m.Demarche.id == demarche_id])
    session.add(m.DossierConsultation(agent_id=actor.agent_id, dossier_id=dossier.id, reason=RAISONS_CONSULTATION[0]))
    view, documents = _view(session, dossier, allocataire, iban, demarche.id)
    answers = _answers(session, demarche.id) if demarche.kind == DemarcheKind.DEMANDE_PRESTATION else []
    found = ItemView(demarche.id, demarche.kind.value, demarche.title, demarche.detail, demarche.reference,
                    format_date(demarche.created_on.date()), days_waited(m.aware(demarche.created_on), clock.now()),
                    demarche.status.label if demarche.status != DemarcheStatus.EN_COURS or demarche.claimed_by_id
                    else DemarcheStatus.RECUE.label,
                    demarche.claimed_by_id == actor.agent_id,
                    Decision(demarche.decision).label if demarche.decision else "",
                    documents, _figures(session, demarche), answers, _bank(session, demarche), view)
    session.commit()  # the consultation, recorded once everything is read (nothing read again after it)
    return found


def document(*, session: Session, actor: AgentActor, document_id: int) -> m.Document:
    """A document of a dossier of the agent's Caf (shown inline on the item's screen)."""
    row = session.get(m.Document, document_id)
    if row is None:
        raise Forbidden("document")
    _dossier_row(session, actor, [m.Dossier.id == row.dossier_id])
    return row
