"""Mes paiements: each payment in detail, and the last 12 months by prestation (chart and table)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from sqlalchemy import literal, null, union_all
from sqlmodel import Session, col, select

from ... import models as m
from ...domain import policy
from ...domain.dates import add_months, first_of_month, format_date, format_month, format_period, payment_day
from ...domain.errors import Forbidden
from ...domain.identifiers import mask_iban
from ...domain.money import format_euros
from ...domain.roles import Actor

# When the Caf pays (issue 21, point 15: sourced, not invented). Code de la sécurité sociale, art. R. 553-1: the
# prestations paid monthly are paid « à terme échu » on dates an arrêté fixes; arrêté du 29 juin 1994 fixant les
# dates de versement des prestations familiales par les caisses d'allocations familiales, art. 1 (as restored in
# 2021): the 5th calendar day of the month after the month due, or the nearest working day; caf.fr says the same
# (« versées au début du mois suivant »). The seed's last sentence on the bank: « la réception du paiement dépend
# des délais de l'organisme bancaire ». The public home page's answer (content/data/accueil_allocataires.json) has
# the same words.
PAYMENT_DATES_HELP = ("Les prestations versées chaque mois sont payées au début du mois suivant : le 5, ou le jour "
                      "ouvré le plus proche quand le 5 tombe un samedi, un dimanche ou un jour férié (arrêté du "
                      "29 juin 1994 fixant les dates de versement des prestations familiales). La réception du "
                      "paiement dépend ensuite des délais de votre banque.")


@dataclass(frozen=True)
class DetailLine:
    label: str
    period: str
    amount: str


@dataclass(frozen=True)
class PaymentDetail:
    id: int
    paid_on: str
    total: str
    destination: str
    lines: list[DetailLine]
    retenues: list[DetailLine]
    message: str


@dataclass(frozen=True)
class Segment:
    """One prestation of a month paid: a row of the table."""

    prestation: str
    amount: str


@dataclass(frozen=True)
class MonthBar:
    month: str
    total: str
    segments: list[Segment]


# The abbreviations of French typography (Lexique des règles typographiques de l'Imprimerie nationale).
SHORT_MONTHS = ("janv.", "févr.", "mars", "avr.", "mai", "juin", "juil.", "août", "sept.", "oct.", "nov.", "déc.")


@dataclass(frozen=True)
class ChartMonth:
    """One month of the chart (rx.recharts): every one of the 12 months, 0 when nothing was paid."""

    month: str  # "Décembre 2025": the title of the values shown on tap or focus
    short: str  # "déc.": the axis
    total: str  # "575,52 €"
    euros: dict[str, float]  # the amount of each prestation of the legend, keyed "p0", "p1"... by its index


def _dossier_id(actor: Actor) -> int:
    if actor.dossier_id is None or not policy.can_view_payments(actor, actor.dossier_id):
        raise Forbidden("paiements")
    return actor.dossier_id


def _destination(payment) -> str:
    """A payment (or a row of its columns): to whom, and on which account."""
    who = ("Versé à l'allocataire" if payment.destination == "allocataire"
           else f"Versé à un tiers : {payment.beneficiary}")
    holder = "" if payment.holder == payment.beneficiary and payment.destination != "allocataire" \
        else f", {payment.holder}"  # a bailleur named once: « Versé à un tiers : Azur Habitat Social, compte … »
    return f"{who}{holder}, compte {mask_iban(payment.iban)}" if payment.iban else who


@dataclass(frozen=True)
class PaymentYear:
    """Mes paiements' list, grouped by the year they were paid in (newest first)."""

    year: str
    payments: list[PaymentDetail]


def by_year(details: list[PaymentDetail]) -> list[PaymentYear]:
    """Payments newest first -> one group per year, in the same order (paid_on reads JJ/MM/AAAA)."""
    years: list[PaymentYear] = []
    for detail in details:
        year = detail.paid_on[-4:]
        if not years or years[-1].year != year:
            years.append(PaymentYear(year, []))
        years[-1].payments.append(detail)
    return years


def payment_details(*, session: Session, actor: Actor, limit: int = 24) -> list[PaymentDetail]:
    """The payments, newest first, each with its lines, destination, retenues and message."""
    dossier_id = _dossier_id(actor)
    # Columns, not ORM objects: Mes allocations opens with 24 payments and their lines (bench/load.py).
    paiement, ligne, retenue = m.Paiement, m.PaiementLigne, m.Retenue
    payments = session.exec(select(paiement.id, paiement.paid_on, paiement.total_cents, paiement.destination,
                                   paiement.beneficiary, paiement.holder, paiement.iban, paiement.message)
                            .where(paiement.dossier_id == dossier_id)
                            .order_by(col(paiement.paid_on).desc()).limit(limit)).all()
    ids = [p.id for p in payments]
    lines, retenues = defaultdict(list), defaultdict(list)
    # The lines and the retenues in one query (the page's budget: Mes paiements also details the debts).
    both = union_all(
        select(literal("ligne").label("kind"), ligne.id.label("n"), ligne.paiement_id, ligne.prestation,
               ligne.period_start, ligne.period_end, ligne.amount_cents, literal("").label("label"))
        .where(col(ligne.paiement_id).in_(ids)),
        select(literal("retenue"), retenue.id, retenue.paiement_id, null(), null(), null(), retenue.amount_cents,
               retenue.label).where(col(retenue.paiement_id).in_(ids)))
    for row in session.execute(both.order_by("kind", "n")):
        if row.kind == "ligne":
            lines[row.paiement_id].append(DetailLine(row.prestation.label,
                                                     format_period(row.period_start, row.period_end),
                                                     format_euros(row.amount_cents)))
        else:
            retenues[row.paiement_id].append(DetailLine(row.label, "", format_euros(row.amount_cents)))
    return [PaymentDetail(p.id, format_date(p.paid_on), format_euros(p.total_cents), _destination(p), lines[p.id],
                          retenues[p.id], p.message) for p in payments]


def last_12_months(*, session: Session, actor: Actor, today: date
                   ) -> tuple[list[MonthBar], list[str], list[ChartMonth]]:
    """Paid amounts by month (of payment) and prestation over the 12 calendar months ending with the month of the
    last payment day (today's month from its payment day on, or once something was paid in it; before that, the
    month before: on the 2nd, "décembre : 0 €" would read as a payment missed); returns the months paid (the
    table), the prestations (legend) and the 12 months of the chart."""
    dossier_id = _dossier_id(actor)
    current = first_of_month(today)
    since = add_months(current, -12)  # one month more than shown, dropped below when this month is not paid yet
    lines = session.exec(select(m.Paiement.paid_on, m.PaiementLigne.prestation, m.PaiementLigne.amount_cents)
                         .join(m.PaiementLigne, m.PaiementLigne.paiement_id == m.Paiement.id)
                         .where(m.Paiement.dossier_id == dossier_id, m.Paiement.paid_on >= since,
                                m.Paiement.paid_on <= today)).all()  # one query, not one per payment
    by_month: dict = defaultdict(lambda: defaultdict(int))
    for paid_on, prestation, cents in lines:
        by_month[paid_on.replace(day=1)][prestation.label] += cents
    if today >= payment_day(current) or current in by_month:
        since = add_months(since, 1)
    by_month = {month: amounts for month, amounts in by_month.items() if month >= since}
    prestations = sorted({name for amounts in by_month.values() for name in amounts})
    bars = [MonthBar(format_month(month, capital=True), format_euros(sum(amounts.values())),
                     [Segment(name, format_euros(cents)) for name, cents in sorted(amounts.items())])
            for month, amounts in sorted(by_month.items())]
    chart = []
    for index in range(12):
        month = add_months(since, index)
        amounts = by_month.get(month, {})
        chart.append(ChartMonth(format_month(month, capital=True), SHORT_MONTHS[month.month - 1],
                                format_euros(sum(amounts.values())),
                                {f"p{prestations.index(name)}": cents / 100 for name, cents in amounts.items()}))
    return bars, prestations, chart
