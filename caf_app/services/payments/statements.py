"""Attestations (paiement, quotient familial) and the relevé de compte: the data, checked by the policy.

Every figure comes from the database; the PDF layout lives in caf_app/pdf.
"""

from __future__ import annotations

import secrets
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta

from sqlmodel import Session, col, select

from ... import models as m, routes
from ...clock import PARIS
from ...domain import policy, throttle
from ...domain.dates import (
    add_months,
    first_of_month,
    format_date,
    format_day_period,
    format_month,
    format_period,
    with_de,
)
from ...domain.errors import DomainError, Forbidden
from ...domain.identifiers import mask_iban
from ...domain.money import format_euros, format_whole_euros
from ...domain.names import masked_name
from ...domain.roles import Actor, MemberRole

MAX_MONTHS = 24
VERIFY_PATH = routes.VERIFIER_UNE_ATTESTATION.path  # the public page that checks a reference


@dataclass(frozen=True)
class Header:
    caf_name: str
    caf_address: str
    allocataire: str
    numero: str
    address: str


@dataclass(frozen=True)
class PaymentRow:
    paid_on: str
    prestation: str
    period: str
    amount: str


@dataclass(frozen=True)
class DroitRow:
    month: str
    prestation: str
    amount: str  # "" for a prestation sans droit
    motif: str


@dataclass
class PaymentAttestation:
    header: Header
    period_label: str
    destination: str
    payments: list[PaymentRow] = field(default_factory=list)
    droits: list[DroitRow] = field(default_factory=list)
    total: str = ""
    made_on: str = ""
    reference: str = ""
    droits_title: str = "Droits de la période"


def dossier_of(session: Session, actor: Actor) -> m.Dossier:
    if actor.dossier_id is None or not policy.can_view_payments(actor, actor.dossier_id):
        raise Forbidden("attestations")
    return session.get(m.Dossier, actor.dossier_id)


def header_for(session: Session, dossier: m.Dossier) -> Header:
    from ..identity.people import full_name  # here: see verify_counted

    caf = session.get(m.Caf, dossier.caf_id)
    person = session.get(m.Person, dossier.allocataire_id)
    return Header(caf.name, caf.address, full_name(person).upper(), dossier.numero_allocataire,
                  f"{dossier.address_line}, {dossier.postal_code} {dossier.city}")


def check_period(start: date, end: date, *, today: date) -> None:
    """A period of at most 24 months, within the last 24 months, start before end."""
    if end < start:
        raise DomainError("au", "La date de fin doit être après la date de début.")
    if end > today:
        raise DomainError("au", "La date de fin ne peut pas être dans le futur.")
    if start < add_months(first_of_month(today), -MAX_MONTHS):
        raise DomainError("du", "L'attestation couvre au plus les 24 derniers mois.")
    if add_months(start, MAX_MONTHS) <= end:
        raise DomainError("au", "La période ne peut pas dépasser 24 mois.")


# Crockford's base 32 (no I, L, O, U: nothing to misread): 16 characters are 80 random bits.
_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
TOKEN_LENGTH = 16
KIND_PAIEMENT, KIND_QF = "paiement", "quotient familial"


def reference_token() -> str:
    """80 random bits in 4 groups of 4 characters: "7K3M-Q9XZ-B2WD-4PTR"."""
    chars = "".join(secrets.choice(_ALPHABET) for _ in range(TOKEN_LENGTH))
    return "-".join(chars[index:index + 4] for index in range(0, TOKEN_LENGTH, 4))


def new_reference(session: Session, *, dossier: m.Dossier, kind: str, start: date, end: date,
                  total_cents: int | None) -> str:
    """An unguessable reference recorded with what it certifies, so that anyone holding the document can
    verify it (/verifier-une-attestation). kind: KIND_PAIEMENT (total: the payments) or KIND_QF (the QF)."""
    reference = f"ATT-{dossier.numero_allocataire}-{reference_token()}"
    session.add(m.AttestationReference(reference=reference, dossier_id=dossier.id, kind=kind, period_start=start,
                                       period_end=end, total_cents=total_cents))
    session.commit()
    return reference


def _months_paid_for(lines: list[m.PaiementLigne]) -> list[date]:
    """Every month a payment's lines pay for (a regularisation covers several)."""
    months: set[date] = set()
    for line in lines:
        month = first_of_month(line.period_start)
        while month <= line.period_end:
            months.add(month)
            month = add_months(month, 1)
    return sorted(months)


def _payment_rows(session: Session, payments: list[m.Paiement]) -> tuple[list[PaymentRow], list[m.PaiementLigne]]:
    by_payment: dict[int, list[m.PaiementLigne]] = defaultdict(list)
    for line in session.exec(select(m.PaiementLigne).where(  # one query for every payment of the period
            col(m.PaiementLigne.paiement_id).in_([payment.id for payment in payments]))
            .order_by(col(m.PaiementLigne.id))):
        by_payment[line.paiement_id].append(line)
    rows, lines = [], []
    for payment in payments:
        own = by_payment[payment.id]
        rows += [PaymentRow(format_date(payment.paid_on), line.prestation.label,
                            format_period(line.period_start, line.period_end), format_euros(line.amount_cents))
                 for line in own]
        lines += own
    return rows, lines


def _droit_rows(session: Session, dossier: m.Dossier, condition) -> list[DroitRow]:
    droits = session.exec(select(m.Droit).where(m.Droit.dossier_id == dossier.id, condition)).all()
    droits = sorted(droits, key=lambda d: (d.month, d.prestation.label))  # by label, as the page reads them
    return [DroitRow(format_month(d.month, capital=True), d.prestation.label,
                     format_euros(d.amount_cents) if d.amount_cents is not None else "", d.motif_sans_droit)
            for d in droits]


@dataclass(frozen=True)
class PaidElsewhere:
    """Payments of a period that a former Caf made (a former dossier of the person, as Mes dossiers lists it):
    this Caf's attestation does not cover them; the person asks that Caf (the seed: « Sinon il doit faire la
    demande par mail à la Caf d'origine »)."""

    dossier_id: int
    caf_name: str
    sentence: str  # what the attestation page says


def _months_text(first: date, last: date) -> str:
    """"de mai 2024", "de mai 2024 à juillet 2024": the months of the payments (their dates)."""
    if (first.year, first.month) == (last.year, last.month):
        return f"du mois {with_de(format_month(first))}"
    return f"{with_de(format_month(first))} à {format_month(last)}"


def paid_elsewhere(*, session: Session, actor: Actor, start: date, end: date) -> list[PaidElsewhere]:
    """The payments made between start and end by another Caf, on a former dossier of which the person was the
    allocataire (a conjoint's or child's former foyer is not theirs to see), each former dossier once."""
    dossier = dossier_of(session, actor)
    rows = session.exec(
        select(m.Dossier.id, m.Dossier.numero_allocataire, m.Caf.name, m.Paiement.paid_on)
        .join(m.Member, m.Member.dossier_id == m.Dossier.id).join(m.Caf, m.Caf.id == m.Dossier.caf_id)
        .join(m.Paiement, m.Paiement.dossier_id == m.Dossier.id)
        .where(m.Member.person_id == actor.person_id, m.Member.role == MemberRole.ALLOCATAIRE.value,
               m.Dossier.active == False, m.Dossier.caf_id != dossier.caf_id,  # noqa: E712
               m.Paiement.paid_on >= start, m.Paiement.paid_on <= end)
        .order_by(m.Dossier.id, m.Paiement.paid_on)).all()
    found: dict[int, list] = {}
    for dossier_id, numero, caf_name, paid_on in rows:
        found.setdefault(dossier_id, [numero, caf_name, paid_on, paid_on])[3] = paid_on
    return [PaidElsewhere(dossier_id, caf_name,
                          f"Les paiements {_months_text(first, last)} ont été faits par la {caf_name} (votre ancien "
                          f"dossier N° {numero}) : cette attestation ne les couvre pas. Demandez l'attestation de "
                          "ces mois à cette Caf.")
            for dossier_id, (numero, caf_name, first, last) in found.items()]


def payment_attestation(*, session: Session, actor: Actor, start: date, end: date, today: date,
                        last_only: bool = False) -> PaymentAttestation:
    """The payments made between start and end, with the droits of those months; or (last_only) the last
    payment, with the droits of the months its lines pay for (paid « à terme échu », the month after: arrêté du
    29 juin 1994, paiements.PAYMENT_DATES_HELP)."""
    dossier = dossier_of(session, actor)
    query = select(m.Paiement).where(m.Paiement.dossier_id == dossier.id).order_by(col(m.Paiement.paid_on))
    if last_only:
        last = session.exec(query.order_by(None).order_by(col(m.Paiement.paid_on).desc())).first()
        start = end = last.paid_on if last else today
    else:
        check_period(start, end, today=today)
    payments = session.exec(query.where(m.Paiement.paid_on >= start, m.Paiement.paid_on <= end)).all()
    rows, lines = _payment_rows(session, payments)
    total = sum(payment.total_cents for payment in payments)
    destination = next((f"{p.holder}, compte {mask_iban(p.iban)}" if p.iban else p.beneficiary
                        for p in reversed(payments)), "")
    if last_only:
        droits = _droit_rows(session, dossier, col(m.Droit.month).in_(_months_paid_for(lines)))
        label, droits_title = f"Paiement du {format_date(start)}", "Droits des mois payés"
    else:
        droits = _droit_rows(session, dossier, (m.Droit.month >= first_of_month(start)) & (m.Droit.month <= end))
        label, droits_title = f"Du {format_date(start)} au {format_date(end)}", "Droits de la période"
    header = header_for(session, dossier)
    if not last_only and paid_elsewhere(session=session, actor=actor, start=start, end=end):
        label += f" (paiements de la {header.caf_name} seulement)"  # a former Caf's are asked of it
    return PaymentAttestation(
        header=header, period_label=label, destination=destination, payments=rows,
        droits=droits, total=format_euros(total), made_on=format_date(today), droits_title=droits_title,
        reference=new_reference(session, dossier=dossier, kind=KIND_PAIEMENT, start=start, end=end,
                                total_cents=total))


def month_bounds(month: date) -> tuple[date, date]:
    start = first_of_month(month)
    return start, add_months(start, 1) - timedelta(days=1)


@dataclass(frozen=True)
class QfAttestation:
    header: Header
    month: str
    amount: str
    made_on: str
    reference: str


def qf_attestation(*, session: Session, actor: Actor, month: date, today: date) -> QfAttestation:
    dossier = dossier_of(session, actor)
    row = session.exec(select(m.QuotientFamilial).where(m.QuotientFamilial.dossier_id == dossier.id,
                                                        m.QuotientFamilial.month == first_of_month(month))).first()
    if row is None:
        raise DomainError("mois", "Aucun quotient familial n'est connu pour ce mois.")
    start, end = month_bounds(month)
    return QfAttestation(header_for(session, dossier), format_month(month), format_whole_euros(row.amount_cents),
                         format_date(today),
                         new_reference(session, dossier=dossier, kind=KIND_QF, start=start, end=end,
                                       total_cents=row.amount_cents))


@dataclass(frozen=True)
class Verification:
    """What an authentic attestation certifies, as a stranger holding it may see it (no NIR, no address)."""

    kind: str  # "Attestation de paiement"
    period: str  # "du 01/10/2026 au 31/10/2026"
    made_on: str
    allocataire: str  # "Elise L."
    amount_label: str
    amount: str


KINDS = {KIND_PAIEMENT: ("Attestation de paiement", "Total des paiements attestés"),
         KIND_QF: ("Attestation de quotient familial", "Quotient familial")}
MAX_REFERENCE_LENGTH = 64


def normalize_reference(text: str) -> str:
    """As typed or pasted: spaces dropped, capitals."""
    return "".join((text or "").split()).upper()


def verify(session: Session, reference: str) -> Verification | None:
    """The attestation this reference was printed on, or None when no attestation has it."""
    reference = normalize_reference(reference)
    if not reference or len(reference) > MAX_REFERENCE_LENGTH:
        return None
    row = session.exec(select(m.AttestationReference).where(m.AttestationReference.reference == reference)).first()
    if row is None:
        return None
    dossier = session.get(m.Dossier, row.dossier_id)
    person = session.get(m.Person, dossier.allocataire_id)
    kind, amount_label = KINDS.get(row.kind, (f"Attestation de {row.kind}", "Montant attesté"))
    if row.total_cents is None:
        amount = ""
    else:
        amount = format_whole_euros(row.total_cents) if row.kind == KIND_QF else format_euros(row.total_cents)
    made = m.aware(row.made_at).astimezone(PARIS).date()
    return Verification(kind, format_day_period(row.period_start, row.period_end), format_date(made),
                        masked_name(person.first_names, person.usage_name or person.birth_name), amount_label, amount)


TOO_MANY = "Trop de références inconnues ont été saisies. Réessayez dans 15 minutes."


def _verification_counters(client: str) -> list:
    return [(f"verification:{client or 'inconnu'}", throttle.VERIFICATION_RULE)]


def verify_counted(*, session: Session, reference: str, client: str) -> Verification | None:
    """verify, each reference counted against the client address first (a known one is then taken back): a few
    unknown ones are answered at once, then each must wait a little longer, refused meanwhile with the time to
    wait; the address is refused for 15 minutes after too many (DomainError on the field)."""
    # Imported here, not at the top: services.identity imports (identity/transition.py -> courriers ->
    # pdf/courriers.py) the Header this module defines, and would find it not defined yet.
    from ..identity import throttling

    counters = _verification_counters(client)
    try:
        attempt = throttling.count(session, counters)
    except throttling.Refused as refused:
        raise DomainError("reference", TOO_MANY if refused.locked else refused.message) from None
    result = verify(session, reference)
    if result is not None:
        throttling.take_back(session, attempt)
        session.commit()
    return result
