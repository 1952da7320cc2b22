"""The courriers a decision produces, from templates: notification de droits, demande de pièce, refus, notification
d'indu. One frozen dataclass and one renderer each: the letter's content in, PDF bytes out; the letter head (the
Caf, the allocataire, the numéro allocataire, the date and the objet) is the dossier's, given apart (`Header`).

Amounts are integer cents, written as the app writes euros (domain.money.format_euros). Months and prestations
come as the pages label them ("Octobre 2026", Prestation.PRIME_ACTIVITE.label). The lists may be lists of plain
tuples."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from reportlab.lib.units import mm
from reportlab.platypus import Spacer

from ..domain.dates import format_date
from ..domain.money import format_euros
from ..services.payments.statements import Header
from . import H2, SMALL, para, render, table
from .recours import contest_paragraphs

Amount = tuple[str, int]  # (prestation label or a cause's text, cents)
Line = tuple[str, str, int]  # (month label, prestation label, cents)


@dataclass(frozen=True)
class NotificationDroits:
    months: list[tuple[str, list[Amount]]]  # [(month label, [(prestation label, cents)])]
    # [(month label, prestation label, before cents, after cents, [(cause, cents)])]: the why of each change
    changes: list[tuple[str, str, int, int, list[Amount]]] = field(default_factory=list)
    rappels: list[Line] = field(default_factory=list)  # owed to the family, paid with the next payment
    indus: list[Line] = field(default_factory=list)  # paid too much: a notification d'indu follows
    reason: str = ""  # what led to the decision: "À la suite de votre déclaration trimestrielle du 02/11/2026."


@dataclass(frozen=True)
class DemandePiece:
    label: str  # "Avis d'imposition 2026 sur les revenus 2025"
    due_on: date
    reason: str  # why the Caf needs it: "Pour étudier votre demande de RSA, ..."


@dataclass(frozen=True)
class Refus:
    subject: str  # what was refused: "votre demande de RSA"
    motif: str  # one of domain.gestion.MOTIFS_REFUS
    detail: str = ""  # the agent's words (required for « Autre motif »)
    prestation: str = ""  # a domain.prestations.Prestation value: which recours; "" gives the general one


@dataclass(frozen=True)
class NotificationIndu:
    prestation: str  # its label: Prestation.APL.label
    months: list[str]  # the months paid too much: ["Août 2026", "Septembre 2026"]
    cents: int  # the whole debt
    origin: str  # why: "Vos ressources déclarées pour le trimestre ... étaient plus élevées."
    monthly_retenue_cents: int  # the plan: kept back on each payment; 0 when no payment is left to keep it from
    prestation_key: str = ""  # a domain.prestations.Prestation value: which recours


Letter = NotificationDroits | DemandePiece | Refus | NotificationIndu


def signed_euros(cents: int) -> str:
    """A change, with its sign: "+12,34 €", "-5,00 €"."""
    return ("+" if cents > 0 else "") + format_euros(cents)


def letter_head(header: Header, made_on: date, objet: str) -> list:
    """The head of every courrier: the Caf, the allocataire and their address, the numéro, the date, the objet."""
    return [para(header.caf_name, H2), para(header.caf_address, SMALL), Spacer(1, 4 * mm),
            para(header.allocataire), para(header.address), Spacer(1, 3 * mm),
            para(f"Numéro allocataire : {header.numero}"), para(f"Le {format_date(made_on)}"),
            para(f"Objet : {objet}"), Spacer(1, 4 * mm), para("Madame, Monsieur,")]


def _closing() -> list:
    return [Spacer(1, 5 * mm),
            para("Pour toute question, écrivez à votre Caf depuis Mon Compte, rubrique « Contacter ma Caf ». "
                 "Nous vous prions d'agréer, Madame, Monsieur, nos salutations distinguées."),
            Spacer(1, 3 * mm), para("Votre Caf")]


def _letter(objet: str, header: Header, made_on: date, story: list) -> bytes:
    return render(objet, letter_head(header, made_on, objet) + story + _closing(),
                  subject=f"{objet}, courrier du {format_date(made_on)}")


def _months_table(months) -> list:
    rows = [["Mois", "Prestation", "Montant"]]
    for month, amounts in months:
        rows += [[month, label, format_euros(cents)] for label, cents in amounts] or [[month, "Aucun droit", "-"]]
    return [para("Vos droits mois par mois", H2), table(rows, [40, 90, 44])]


def _changes(changes) -> list:
    story = [para("Pourquoi vos montants changent", H2)] if changes else []
    for month, prestation, before, after, causes in changes:
        story.append(para(f"{month}, {prestation} : {format_euros(before)} avant, {format_euros(after)} "
                          f"maintenant ({signed_euros(after - before)})."))
        story += [para(f"* {text} : {signed_euros(cents)}") for text, cents in causes]
    return story


def _lines(title: str, lines, sentence: str) -> list:
    if not lines:
        return []
    return ([para(title, H2)] + [para(f"* {month}, {prestation} : {format_euros(cents)}")
                                 for month, prestation, cents in lines] + [para(sentence)])


def notification_droits_pdf(data: NotificationDroits, *, header: Header, made_on: date) -> bytes:
    story = [para(data.reason)] if data.reason else []
    story += [para("Votre Caf a étudié vos droits. Voici les montants auxquels vous avez droit.")]
    story += _months_table(data.months) + _changes(data.changes)
    story += _lines("Rappels en votre faveur", data.rappels,
                    "Ces sommes vous sont dues : elles seront versées avec votre prochain paiement.")
    story += _lines("Sommes versées en trop", data.indus,
                    "Un courrier de notification d'indu vous dira comment les rembourser et comment contester.")
    story.append(para("Si vous n'êtes pas d'accord avec cette décision, vous pouvez la contester dans les deux mois "
                      "qui suivent sa réception : écrivez à la Commission de recours amiable de votre Caf (pour le "
                      "revenu de solidarité active, au président du Conseil départemental).", SMALL))
    return _letter("Notification de droits", header, made_on, story)


def demande_piece_pdf(data: DemandePiece, *, header: Header, made_on: date) -> bytes:
    story = [para(data.reason), para("Votre Caf a besoin du document suivant :"), para(f"* {data.label}"),
             para(f"Transmettez-le au plus tard le {format_date(data.due_on)}, depuis Mon Compte, rubrique "
                  "« Mes démarches », onglet « À transmettre » : une photo prise avec votre téléphone suffit."),
             para("Votre dossier sera étudié dès que ce document sera reçu. Sans lui, votre Caf ne pourra pas "
                  "étudier votre dossier.")]
    return _letter("Demande de pièce justificative", header, made_on, story)


def refus_pdf(data: Refus, *, header: Header, made_on: date) -> bytes:
    story = [para(f"Votre Caf a étudié {data.subject}. Nous ne pouvons pas y donner une suite favorable."),
             para("Motif du refus", H2), para(f"{data.motif}.")]
    if data.detail:
        story.append(para(data.detail))
    story += [para("Comment contester cette décision", H2), *contest_paragraphs(data.prestation)]
    return _letter(f"Refus de {data.subject}", header, made_on, story)


def _plan(data: NotificationIndu) -> list:
    if data.monthly_retenue_cents <= 0:
        return [para("Vous n'avez pas de paiement en cours sur lequel retenir cette somme : remboursez-la en ligne "
                     "ou prenez contact avec votre Caf pour convenir d'un échéancier.")]
    count = -(-data.cents // data.monthly_retenue_cents)  # rounded up
    return [para(f"Sauf si vous remboursez avant, votre Caf retiendra {format_euros(data.monthly_retenue_cents)} "
                 f"sur chacun de vos prochains paiements, jusqu'au remboursement complet ({count} mois environ).")]


def notification_indu_pdf(data: NotificationIndu, *, header: Header, made_on: date) -> bytes:
    story = [para(f"Votre Caf vous a versé {format_euros(data.cents)} de trop au titre de : {data.prestation}."),
             para(f"Mois concernés : {', '.join(data.months)}."), para("Origine de la dette", H2),
             para(data.origin), para("Comment rembourser", H2), *_plan(data),
             para("Vous pouvez rembourser tout ou partie de cette somme à tout moment, par carte bancaire, depuis "
                  "Mon Compte, rubrique « Mes dettes »."),
             para("Si vous avez des difficultés pour rembourser, vous pouvez demander à votre Caf un échéancier ou "
                  "une remise de dette, en expliquant votre situation depuis « Contacter ma Caf »."),
             para("Comment contester cette dette", H2), *contest_paragraphs(data.prestation_key)]
    return _letter("Notification d'indu", header, made_on, story)


_RENDERERS = {NotificationDroits: notification_droits_pdf, DemandePiece: demande_piece_pdf, Refus: refus_pdf,
              NotificationIndu: notification_indu_pdf}


def letter_pdf(letter: Letter, *, header: Header, made_on: date) -> bytes:
    """The PDF of any of the four letters."""
    return _RENDERERS[type(letter)](letter, header=header, made_on=made_on)


def subject_of(letter: Letter) -> str:
    """The objet shown in « Mes courriers et courriels »."""
    if isinstance(letter, Refus):
        return f"Refus de {letter.subject}"
    return {NotificationDroits: "Notification de droits", DemandePiece: "Demande de pièce justificative",
            NotificationIndu: "Notification d'indu"}[type(letter)]


def summary_of(letter: Letter) -> str:
    """A short plain summary of the letter, shown with it in « Mes courriers et courriels »."""
    if isinstance(letter, NotificationDroits):
        return "Votre Caf a étudié vos droits : le détail des montants, mois par mois, est dans le courrier (PDF)."
    if isinstance(letter, DemandePiece):
        return f"Votre Caf a besoin de : {letter.label}. À transmettre avant le {format_date(letter.due_on)}."
    if isinstance(letter, Refus):
        return f"Motif : {letter.motif}. Le courrier (PDF) explique comment contester cette décision."
    return (f"{format_euros(letter.cents)} versés en trop ({letter.prestation}). Le courrier (PDF) explique comment "
            "rembourser ou contester.")
