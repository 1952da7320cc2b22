"""The communication officer's « Lettre d'info partenaires » (issue 23, point 2): write a letter, then send it to
the Caf's confirmed subscribers; the sending goes batch after batch (one event each, chained), its progress shown
between two; a sending interrupted (the tab closed, the server restarted) shows « Reprendre l'envoi », which goes on
where it stopped (services/communications/lettre_info.py)."""

from __future__ import annotations

import reflex as rx

from ..components.ui.actions import button
from ..components.ui.field import text_field
from ..components.ui.message import card, status
from ..services.communications import lettre_info
from ..state.private import private_event
from .layout import gestion_page, text_area
from .state import AgentState


class LettreState(AgentState, rx.State):
    no_access = "Cette page est réservée aux chargés de communication d'une Caf."
    lines: list[lettre_info.LetterLine] = []
    errors: dict[str, str] = {}
    done: str = ""
    sending: int = 0  # the letter being sent by this tab

    def _forget(self) -> None:
        self.lines = []

    @private_event(loader=True)
    async def load(self):
        self.errors, self.done, self.sending = {}, "", 0
        self.lines = await self.call(lettre_info.letters)

    @private_event
    async def save(self, form: dict):
        self.errors, self.done = {}, ""
        await self.call(lettre_info.save, subject=str(form.get("objet", ""))[:200],
                        body=str(form.get("texte", ""))[:21_000])
        self.lines = await self.call(lettre_info.letters)
        self.done = "Lettre enregistrée : vérifiez-la, puis envoyez-la."

    @private_event
    async def send(self, lettre_id: int):
        """« Envoyer » or « Reprendre l'envoi »: the first batch now, the next ones chained."""
        if self.sending:  # a double tap: the sending is on its way
            return None
        self.errors, self.done = {}, ""
        await self.call(lettre_info.start, lettre_id=int(lettre_id))
        self.sending = int(lettre_id)
        return LettreState.next_batch

    @private_event
    async def next_batch(self):
        if not self.sending:
            return None
        left = await self.call(lettre_info.send_batch, hashing=True, lettre_id=self.sending)  # sleeps: off the loop
        self.lines = await self.call(lettre_info.letters)
        if left:
            return LettreState.next_batch
        self.sending, self.done = 0, "La lettre est envoyée à tous ses abonnés."
        return None


S = LettreState


def _line(line) -> rx.Component:
    return rx.el.tr(
        rx.el.td(line.subject), rx.el.td(line.status),
        rx.el.td(rx.cond(line.draft, button("Envoyer", rx.el.span(" : ", line.subject, class_name="sr-only"),
                                             on_click=S.send(line.id), variant="primary"),
                         rx.cond(line.unfinished & (S.sending != line.id),
                                 button("Reprendre l'envoi", rx.el.span(" : ", line.subject, class_name="sr-only"),
                                        on_click=S.send(line.id), variant="secondary")))))


def lettre_page() -> rx.Component:
    error = S.errors
    return gestion_page(
        S,
        rx.el.h1("Lettre d'info partenaires"),
        rx.cond(S.done != "", status(S.done, kind="success")),
        rx.el.div(
            rx.el.div(card(rx.el.h2("Écrire une lettre"), rx.el.form(
                text_field(id="objet", label="Objet", error=error.get("objet", ""), max_length=150),
                text_area(id="texte", label="Texte", error=error.get("texte", ""), rows=12),
                button("Enregistrer", type="submit", variant="primary"),
                on_submit=S.save, class_name="form", key=S.lines.length().to_string())), class_name="gestion-col"),
            rx.el.div(card(
                rx.el.h2("Vos lettres"),
                rx.cond(S.sending != 0, rx.el.p("Envoi en cours, par lots : gardez cette page ouverte. Si elle se "
                                                "ferme, reprenez l'envoi : personne ne la reçoit deux fois.",
                                                role="status", class_name="hint")),
                rx.cond(S.lines.length() > 0, rx.el.table(
                    rx.el.caption("Lettres de votre Caf"),
                    rx.el.thead(rx.el.tr(rx.el.th("Objet", scope="col"), rx.el.th("État", scope="col"),
                                         rx.el.th(rx.el.span("Action", class_name="sr-only"), scope="col"))),
                    rx.el.tbody(rx.foreach(S.lines, _line)), class_name="data-table"),
                    rx.el.p("Aucune lettre pour le moment."))), class_name="gestion-col"),
            class_name="gestion-columns"),
    )
