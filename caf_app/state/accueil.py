"""Accueil Mon Compte: the last payment, the quotient familial, the alerts and the desktop dashboard."""

from __future__ import annotations

import json

import reflex as rx
from sqlmodel import Session

from .. import clock, routes
from ..db import engine
from ..domain.errors import Forbidden
from ..services.identity import delegation
from ..services.paperwork import demarches
from ..services.payments import accueil, dettes, dossier
from .private import NO_ACCESS
from .session import SessionState, current_actor


class AccueilState(rx.State):
    loaded: bool = False
    last_payment_on: str = ""
    last_payment_amount: str = ""
    quotient_familial: str = ""
    alerts: list[dossier.AlertLine] = []
    restricted_message: str = ""
    has_debts: bool = False
    delegation_sentence: str = ""
    last_login: str = ""
    profile_sentences: list[str] = []
    address: str = ""
    email: str = ""
    mobile: str = ""

    @rx.event
    async def load(self):
        actor = await current_actor(self)
        if actor is None:
            return
        with Session(engine()) as session:
            if delegation.question_pending(session=session, actor=actor) and not (
                    await self.get_state(SessionState))._delegation_skipped:
                return rx.redirect(routes.MES_AUTORISATIONS.query(premiere="1"))
            board = accueil.dashboard(session=session, actor=actor)
            self.delegation_sentence, self.last_login = board.delegation_sentence, board.last_login
            self.profile_sentences, self.address = board.profile_sentences, board.address
            self.email, self.mobile = board.email, board.mobile
            try:
                data = dossier.summary(session=session, actor=actor, today=clock.today())
            except Forbidden:
                self.restricted_message = NO_ACCESS if actor.dossier_id else "Vous n'avez pas encore de dossier."
                self.alerts, self.has_debts, self.loaded = [], False, True
                return
            self.has_debts = dettes.has_debts(session=session, actor=actor)
            try:
                pieces = demarches.pieces_to_send(session=session, actor=actor)
            except Forbidden:
                pieces = []
        self.restricted_message = ""
        self.last_payment_on, self.last_payment_amount = data.last_payment_on, data.last_payment_amount
        self.quotient_familial, self.alerts = data.quotient_familial, data.alerts
        self.loaded = True
        session_state = await self.get_state(SessionState)
        return keep_offline_summary(session_state.display_name, data, pieces, session_state.seconds_left)


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
