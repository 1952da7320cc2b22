"""Accueil Mon Compte: the last payment, the quotient familial and the alerts."""

from __future__ import annotations

from datetime import date

import reflex as rx
from sqlmodel import Session

from ..db import engine
from ..domain.errors import Forbidden
from ..services import dossier
from .session import current_actor

NO_ACCESS = ("Votre conjoint(e) ne vous a pas autorisé(e) à gérer le dossier : "
             "vous ne voyez que vos informations personnelles.")


class AccueilState(rx.State):
    loaded: bool = False
    last_payment_on: str = ""
    last_payment_amount: str = ""
    quotient_familial: str = ""
    alerts: list[dossier.AlertLine] = []
    restricted_message: str = ""

    @rx.event
    async def load(self):
        actor = await current_actor(self)
        if actor is None:
            return
        try:
            with Session(engine()) as session:
                data = dossier.summary(session=session, actor=actor, today=date.today())
        except Forbidden:
            self.restricted_message = NO_ACCESS if actor.dossier_id else "Vous n'avez pas encore de dossier."
            self.loaded = True
            return
        self.restricted_message = ""
        self.last_payment_on, self.last_payment_amount = data.last_payment_on, data.last_payment_amount
        self.quotient_familial, self.alerts = data.quotient_familial, data.alerts
        self.loaded = True
