"""Attestation de paiement, attestation de quotient familial, relevé de compte."""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import Spacer

from ..services.payments.releve import Releve
from ..services.payments.statements import VERIFY_PATH, Header, PaymentAttestation, QfAttestation
from . import H2, SMALL, para, render, table


def _header(header: Header) -> list:
    return [para(f"{header.caf_name} - {header.caf_address}", SMALL), Spacer(1, 3 * mm),
            para(f"Allocataire : {header.allocataire}"), para(f"Numéro allocataire : {header.numero}"),
            para(f"Adresse : {header.address}"), Spacer(1, 4 * mm)]


def _signature(made_on: str, reference: str, verify_url: str) -> list:
    """verify_url: the public check page, whole (the server's address), so a reader of the paper can type it."""
    return [Spacer(1, 6 * mm), para(f"Fait le {made_on}."),
            para(f"Référence : {reference} (à communiquer à la Caf pour vérifier ce document)"),
            para(f"Vérifiez cette attestation sur {verify_url} avec sa référence.", SMALL)]


def payment_attestation_pdf(data: PaymentAttestation, *, verify_url: str = VERIFY_PATH) -> bytes:
    story = _header(data.header) + [para(f"Période : {data.period_label}")]
    if data.destination:
        story.append(para(f"Destinataire des paiements : {data.destination}"))
    story += [Spacer(1, 3 * mm), para("Paiements de la période", H2)]
    if data.payments:
        rows = [["Date", "Prestation", "Période", "Montant"]]
        rows += [[p.paid_on, p.prestation, p.period, p.amount] for p in data.payments]
        story += [table(rows, [24, 58, 62, 30]), para(f"Total payé : {data.total}")]
    else:
        story.append(para("Aucun paiement sur cette période."))
    story.append(para(data.droits_title, H2))
    rows = [["Mois", "Prestation", "Montant"]]
    rows += [[d.month, d.prestation, d.amount or f"Sans droit : {d.motif}"] for d in data.droits]
    story.append(table(rows, [34, 70, 70]))
    sans_droit = [d for d in data.droits if not d.amount]
    if sans_droit:
        story.append(para("Prestations sans droit", H2))
        story += [para(f"{d.month} - {d.prestation} : {d.motif}") for d in sans_droit]
    return render("Attestation de paiement", story + _signature(data.made_on, data.reference, verify_url),
                  subject=f"Attestation de paiement, {data.period_label}")


def qf_attestation_pdf(data: QfAttestation, *, verify_url: str = VERIFY_PATH) -> bytes:
    story = _header(data.header) + [
        para(f"Nous attestons que le quotient familial du foyer pour {data.month} est de {data.amount}."),
    ]
    return render("Attestation de quotient familial", story + _signature(data.made_on, data.reference, verify_url),
                  subject=f"Quotient familial, {data.month}")


def releve_pdf(data: Releve) -> bytes:
    story = _header(data.header) + [para(f"Mois : {data.month}")]
    if data.movements:
        rows = [["Date", "Opération", "Versé", "Retenu ou remboursé"]]
        rows += [[mv.on, mv.label, mv.credit, mv.debit] for mv in data.movements]
        story.append(table(rows, [24, 90, 30, 30]))
    else:
        story.append(para("Aucun mouvement ce mois-ci."))
    story += [Spacer(1, 3 * mm), para(f"Total versé dans le mois : {data.total_paid}"),
              para(f"Reste dû à la Caf à la fin du mois : {data.debts_left}"), Spacer(1, 4 * mm),
              para(f"Fait le {data.made_on}.")]
    return render("Relevé de compte", story, subject=f"Relevé de compte, {data.month}")
