"""The editors' screen (issue 22, point 3): their news, a form to write one (Markdown, « ## » for a section),
the preview as the page will read, and Publier / Retirer (audited; services/communications/actualites.py)."""

from __future__ import annotations

import reflex as rx

from ..components.ui.actions import button
from ..components.ui.field import text_field
from ..components.ui.message import alert, card, status
from ..services.communications import actualites
from ..state.private import private_event
from .layout import gestion_page
from .state import AgentState


class ActualitesState(AgentState, rx.State):
    no_access = "Cette page est réservée aux chargés de communication."
    items: list[actualites.Item] = []
    editing: int = 0  # the item in the form (0: a new one)
    form: dict[str, str] = {}
    errors: dict[str, str] = {}
    preview: actualites.Preview | None = None
    done: str = ""

    def _forget(self) -> None:
        self.items, self.preview = [], None

    @private_event(loader=True)
    async def load(self):
        self.editing, self.form, self.errors, self.preview, self.done = 0, {}, {}, None, ""
        self.items = await self.call(actualites.mine)

    @private_event
    async def save(self, form: dict):
        self.errors, self.done = {}, ""
        self.form = {key: str(form.get(key, ""))[:21_000] for key in ("titre", "resume", "texte")}
        try:
            self.editing = await self.call(actualites.save, news_id=self.editing, title=self.form["titre"],
                                           summary=self.form["resume"], body=self.form["texte"],
                                           passing=(actualites.ContentRefused,))
        except actualites.ContentRefused as refused:
            self.errors = refused.errors
            return
        self.preview = await self.call(actualites.preview, news_id=self.editing)
        self.items = await self.call(actualites.mine)
        self.done = "Enregistrée. Voici l'aperçu : vérifiez-la, puis publiez-la."

    @private_event
    async def edit(self, news_id: int):
        self.preview = await self.call(actualites.preview, news_id=news_id)
        self.editing, self.errors, self.done = news_id, {}, ""
        self.form = {"titre": self.preview.title, "resume": self.preview.summary,
                     "texte": await self.call(actualites.source, news_id=news_id)}

    @rx.event
    def new(self):
        self.editing, self.form, self.errors, self.preview, self.done = 0, {}, {}, None, ""

    @private_event
    async def publish(self):
        item = await self.call(actualites.publish, news_id=self.editing)
        self.items, self.done = await self.call(actualites.mine), f"Publiée : {item.url}"

    @private_event
    async def withdraw(self):
        await self.call(actualites.withdraw, news_id=self.editing)
        self.items, self.done = await self.call(actualites.mine), "Retirée du site."


S = ActualitesState


def _item(item) -> rx.Component:
    return rx.el.tr(rx.el.td(item.title), rx.el.td(item.status),
                    rx.el.td(rx.el.button("Modifier", type="button", on_click=S.edit(item.id), class_name="link-button",
                                          aria_label="Modifier : " + item.title)))


def _form() -> rx.Component:
    error = S.errors
    return rx.el.form(
        text_field(id="titre", label="Titre", error=error.get("titre", ""), max_length=120,
                   default_value=S.form.get("titre", "")),
        text_field(id="resume", label="Résumé (sous le titre, dans les listes et la recherche)",
                   error=error.get("resume", ""), max_length=300, default_value=S.form.get("resume", "")),
        rx.el.div(
            rx.el.label("Texte", html_for="texte", class_name="field-label"),
            rx.el.p("En Markdown : une ligne vide entre deux paragraphes, « ## » devant un intertitre, « - » devant "
                    "un élément de liste. Le HTML n'est pas interprété.", id="texte-hint", class_name="hint"),
            rx.el.textarea(id="texte", name="texte", rows=12, class_name="input", default_value=S.form.get("texte", ""),
                           aria_describedby="texte-hint texte-messages",
                           aria_invalid=rx.cond(error.get("texte", "") != "", "true", "false")),
            rx.el.div(rx.cond(error.get("texte", "") != "", rx.el.p(error.get("texte", ""),
                                                                      class_name="message message--error")),
                      id="texte-messages", aria_live="polite"),
            class_name="field"),
        rx.el.div(button("Enregistrer et prévisualiser", type="submit", variant="primary"),
                  button("Nouvelle actualité", on_click=S.new, variant="secondary"), class_name="actions"),
        on_submit=S.save, class_name="form", key=S.editing.to_string(),
    )


def _preview() -> rx.Component:
    view = S.preview
    return rx.cond(view, card(
        rx.el.h2("Aperçu"),
        rx.el.article(rx.el.p(view.scope, class_name="hint"), rx.el.h3(view.title), rx.el.p(view.summary),
                      rx.html(view.html, class_name="prose"), class_name="news-preview"),
        rx.el.div(button("Publier", on_click=S.publish, variant="primary"),
                  button("Retirer du site", on_click=S.withdraw, variant="secondary"), class_name="actions"),
    ))


def actualites_page() -> rx.Component:
    return gestion_page(
        S,
        rx.el.h1("Actualités du site"),
        rx.cond(S.done != "", status(S.done, kind="success")),
        rx.cond(S.errors.get("", "") != "", alert(S.errors.get("", ""))),
        rx.el.div(
            rx.el.div(card(rx.el.h2(rx.cond(S.editing == 0, "Écrire une actualité", "Modifier l'actualité")),
                           _form()), class_name="gestion-col"),
            rx.el.div(_preview(), card(
                rx.el.h2("Vos actualités"),
                rx.cond(S.items.length() > 0, rx.el.table(
                    rx.el.thead(rx.el.tr(rx.el.th("Titre", scope="col"), rx.el.th("État", scope="col"),
                                         rx.el.th(rx.el.span("Action", class_name="sr-only"), scope="col"))),
                    rx.el.tbody(rx.foreach(S.items, _item)), class_name="data-table"),
                    rx.el.p("Aucune actualité pour le moment."))), class_name="gestion-col"),
            class_name="gestion-columns"),
    )
