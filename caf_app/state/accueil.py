"""Accueil Mon Compte: the last payment, the quotient familial, the alerts and the desktop dashboard."""

from __future__ import annotations

import json

import reflex as rx

from .. import clock, routes
from ..services.paperwork import demarches
from ..services.payments import accueil, dossier
from .private import NO_ACCESS, PrivateState, private_event
from .session import SessionState

NO_DOSSIER = "Vous n'avez pas encore de dossier."


class AccueilState(PrivateState, rx.State):
    last_payment_on: str = ""
    last_payment_amount: str = ""
    quotient_familial: str = ""
    alerts: list[dossier.AlertLine] = []
    has_debts: bool = False
    delegation_sentence: str = ""
    last_login: str = ""
    profile_sentences: list[str] = []
    address: str = ""
    email: str = ""
    mobile: str = ""

    def _forget(self) -> None:
        self.alerts, self.has_debts = [], False

    @private_event(loader=True)
    async def load(self):
        session_state = await self.get_state(SessionState)
        board = await self.call(accueil.dashboard)  # the person's own: always shown
        if board.delegation_question and not session_state._delegation_skipped:
            return rx.redirect(routes.MES_AUTORISATIONS.query(premiere="1"))
        self.delegation_sentence, self.last_login = board.delegation_sentence, board.last_login
        self.profile_sentences, self.address = board.profile_sentences, board.address
        self.email, self.mobile = board.email, board.mobile
        no_access = NO_ACCESS if (await self.checked()).dossier_id else NO_DOSSIER
        page = await self.call(accueil.overview, today=clock.today(), shown_in="restricted_message",
                               forbidden=no_access)
        data, self.has_debts = page.summary, page.has_debts
        self.last_payment_on, self.last_payment_amount = data.last_payment_on, data.last_payment_amount
        self.quotient_familial, self.alerts = data.quotient_familial, data.alerts
        return keep_offline_summary(session_state.display_name, data, page.pieces, session_state.seconds_left)


def keep_offline_summary(name: str, data: dossier.Summary, pieces: list[demarches.PieceLine], seconds: int):
    """This device keeps the summary for offline use until the session's end (assets/offline.js)."""
    summary = {
        "nom": name,
        "paiement": (f"Mon dernier paiement le {data.last_payment_on} : {data.last_payment_amount}"
                     if data.last_payment_on else "Aucun paiement"),
        "alertes": [f"{alert.title} : {alert.message}" for alert in data.alerts],
        "a_transmettre": [f"{piece.label} (avant le {piece.due_on})" for piece in pieces],
        "seconds": seconds,
    }
    return rx.call_script(f"window.cafKeepSummary && window.cafKeepSummary({json.dumps(summary)})")
