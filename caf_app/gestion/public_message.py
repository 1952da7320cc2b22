"""The agents' screen for a message of someone with no dossier (« Nous contacter »): what they wrote and how to
reach them, and the answer form (the same check as a message's answer in Mon Compte), sent by mail."""

from __future__ import annotations

import reflex as rx

from .. import routes
from ..components.ui.actions import button
from ..components.ui.message import alert, card, status
from ..domain.errors import DomainError
from ..services.communications import contact_public
from ..state.private import private_event
from .layout import gestion_page, text_area
from .state import AgentState


class PublicMessageState(AgentState, rx.State):
    no_access = "Ce message n'existe pas ou ne relève pas de votre Caf."
    view: contact_public.PublicItem | None = None
    errors: dict[str, str] = {}
    done: str = ""

    def _id(self) -> int:
        return self._route_id("message_ref")

    def _forget(self) -> None:
        self.view = None

    @private_event(loader=True)
    async def load(self):
        """The queue's « Prendre » opens the message with ?prendre=1: taken, or the screen says who has it."""
        self.errors, self.done = {}, ""
        if str(self.router.page.params.get("prendre", "")) == "1":
            try:
                await self.call(contact_public.claim, message_id=self._id(), passing=(DomainError,))
            except DomainError as error:
                self.errors = {"": error.message}
        self.view = await self.call(contact_public.item, message_id=self._id())

    @private_event
    async def take(self):
        self.errors = {}
        await self.call(contact_public.claim, message_id=self._id())
        self.view = await self.call(contact_public.item, message_id=self._id())

    @private_event
    async def answer(self, form: dict):
        self.errors, self.done = {}, ""
        self.done = await self.call(contact_public.answer, message_id=self._id(), text=str(form.get("reponse", "")))
        self.view = await self.call(contact_public.item, message_id=self._id())

    @private_event
    async def release(self):
        await self.call(contact_public.release, message_id=self._id())
        return rx.redirect(routes.GESTION.path)


S = PublicMessageState


def _row(term: str, value) -> rx.Component:
    return rx.el.div(rx.el.dt(term), rx.el.dd(value), class_name="dl-row")


def _decision() -> rx.Component:
    view, errors = S.view, S.errors
    return card(
        rx.el.h2("Réponse"),
        rx.cond(errors.get("", "") != "", alert(errors.get("", ""))),
        rx.cond(S.done != "", status(S.done, kind="success")),
        rx.cond(view.answered_on != "",
                rx.fragment(rx.el.p("Réponse envoyée le ", view.answered_on, " à ", view.email, " :"),
                            rx.el.p(view.answer, class_name="courrier-body")),
                rx.cond(view.mine,
                        rx.fragment(
                            rx.el.form(text_area(id="reponse", label="Votre réponse (envoyée par courriel)",
                                                 error=errors.get("reponse", ""), rows=8),
                                       button("Envoyer la réponse", type="submit"), on_submit=S.answer,
                                       class_name="form"),
                            button("Remettre dans la file", variant="secondary", on_click=S.release)),
                        rx.fragment(rx.cond(view.taken_by != "", rx.el.p("Pris par ", view.taken_by)),
                                    button("Prendre ce message", on_click=S.take)))),
        extra="gestion-decision")


def message_public() -> rx.Component:
    view = S.view
    return gestion_page(
        S,
        rx.cond(view, rx.fragment(
            rx.el.h1("Message d'un non-allocataire"),
            rx.el.p("Reçu le ", view.received_on, " (", view.days, " jour(s))"),
            rx.el.div(
                rx.el.div(card(rx.el.h2("Ce que la personne a écrit"),
                               rx.el.p(view.text, class_name="courrier-body")), class_name="gestion-col"),
                rx.el.div(_decision(),
                          card(rx.el.h2("Coordonnées"), rx.el.dl(
                              _row("Nom", view.name), _row("Courriel", view.email),
                              _row("Téléphone", rx.cond(view.phone != "", view.phone, "Non indiqué")),
                              _row("Adresse", view.address))), class_name="gestion-col"),
                class_name="gestion-columns")),
            rx.el.h1("Message d'un non-allocataire")))
