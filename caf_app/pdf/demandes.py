"""The accusé de réception of a demande de prestation: what was asked, when, its reference, the answers, the
pieces still to send and the délai announced."""

from __future__ import annotations

from dataclasses import dataclass, field

from reportlab.lib.units import mm
from reportlab.platypus import Spacer

from . import H2, SMALL, para, render, table


@dataclass(frozen=True)
class DemandeReceipt:
    caf_name: str
    applicant: str  # "Claire MARTIN"
    numero: str  # the numéro allocataire (new for a first-time applicant)
    title: str  # "Demande d'aide au logement"
    reference: str
    received_on: str  # "26/11/2026 à 10h42"
    answers: list[tuple[str, list[tuple[str, str]]]]  # (topic title, [(question, answer)])
    pieces: list[str]  # still to send, in « À transmettre »
    delai: str  # "Votre Caf vous répondra au plus tard le 26/12/2026."
    joined: list[str] = field(default_factory=list)  # the pieces sent with the demande


def demande_receipt_pdf(data: DemandeReceipt) -> bytes:
    story = [para(data.caf_name, SMALL), Spacer(1, 3 * mm), para(f"Demandeur : {data.applicant}"),
             para(f"Numéro allocataire : {data.numero}"), para(f"Démarche : {data.title}"),
             para(f"Reçue le {data.received_on}. Référence : {data.reference}"), para(data.delai)]
    for title, rows in data.answers:
        story += [para(title, H2), table([[label, value or "-"] for label, value in rows], [90, 84], header=False)]
    if data.joined:
        story.append(para("Pièces jointes à votre demande", H2))
        story += [para(f"* {piece}") for piece in data.joined]
    story.append(para("Pièces justificatives à transmettre", H2))
    if data.pieces:
        story += [para(f"* {piece}") for piece in data.pieces]
        story.append(para("Envoyez-les depuis Mes démarches, rubrique « À transmettre » : votre demande sera "
                          "étudiée quand votre Caf les aura reçues.", SMALL))
    else:
        story.append(para("Aucune : votre Caf a tout ce qu'il lui faut pour étudier votre demande."))
    return render("Accusé de réception de votre demande", story, subject=f"Demande {data.reference}")
