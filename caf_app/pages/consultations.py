"""« Qui a consulté mon dossier » : each consultation of the dossier by a partner of the Caf (a social worker, a
bailleur, an association), with its date and the reason the partner gave; « Mes partenaires » : the partners the
allocataire allows to send documents for them (given, listed, withdrawn) and what each sent."""

from __future__ import annotations

import reflex as rx

from ..components.layout import page
from ..components.ui.actions import button
from ..components.ui.field import select_field
from ..components.ui.message import card, status
from ..state.consultations import ConsultationsState as S, MesPartenairesState as P


def _line(line) -> rx.Component:
    return card(rx.el.p(rx.el.strong(line.organisation)), rx.el.p(line.at, class_name="hint"),
                rx.el.p("Motif : ", line.purpose), tag="li")


def consultations() -> rx.Component:
    return page(
        rx.el.h1("Qui a consulté mon dossier"),
        rx.el.p("Les partenaires de la Caf (services sociaux, bailleurs, associations) habilités par votre Caf "
                "peuvent consulter une partie de votre dossier : votre foyer, vos droits et vos paiements des trois "
                "derniers mois. Chaque consultation est enregistrée avec son motif."),
        rx.cond(S.lines.length() > 0, rx.el.ul(rx.foreach(S.lines, _line), class_name="list-plain"),
                rx.el.p("Aucun partenaire n'a consulté votre dossier.")),
        rx.el.p("Une consultation vous paraît injustifiée ? Écrivez à votre Caf depuis « Contacter ma Caf ».",
                class_name="hint"),
        active="menu", private=True,
    )


def _consent(line) -> rx.Component:
    return card(rx.el.p(rx.el.strong(line.organisation)), rx.el.p("Autorisé depuis le ", line.since, class_name="hint"),
                rx.cond(line.given_by != "", rx.el.p(line.given_by, class_name="hint")),
                button("Retirer", rx.el.span(" l'autorisation de ", line.organisation, class_name="sr-only"),
                       on_click=P.withdraw(line.id), variant="secondary"), tag="li")


def _sent(line) -> rx.Component:
    return card(rx.el.p(rx.el.strong(line.title)), rx.el.p("Le ", line.at, " · référence ", line.reference,
                                                           class_name="hint"), tag="li")


def _choose() -> rx.Component:
    error = P.errors.get("organisation", "")
    return rx.el.form(
        select_field(id="organisation", label="Partenaire", items=P.view.choices,
                     option=lambda c: rx.el.option(c.name, value=c.id.to_string()), error=error,
                     placeholder="Choisissez"),
        button("Autoriser", type="submit", variant="primary"),
        on_submit=P.give, class_name="form")


def mes_partenaires() -> rx.Component:
    view = P.view
    return page(
        rx.el.h1("Mes partenaires"),
        rx.el.p("Un partenaire de la Caf qui vous accompagne (association, service social) peut envoyer des "
                "documents à la Caf pour vous, si vous l'y autorisez. Vous voyez ici ce qu'il a envoyé, et vous "
                "pouvez retirer votre autorisation à tout moment."),
        rx.cond(P.done != "", status(P.done, kind="success")),
        rx.cond(view, rx.fragment(
            rx.el.h2("Partenaires autorisés à envoyer des documents"),
            rx.cond(view.consents.length() > 0, rx.el.ul(rx.foreach(view.consents, _consent), class_name="list-plain"),
                    rx.el.p("Vous n'avez autorisé aucun partenaire.")),
            rx.cond(view.choices.length() > 0, rx.fragment(rx.el.h2("Autoriser un partenaire"), _choose())),
            rx.el.h2("Documents envoyés par vos partenaires"),
            rx.cond(view.sent.length() > 0, rx.el.ul(rx.foreach(view.sent, _sent), class_name="list-plain"),
                    rx.el.p("Aucun partenaire n'a envoyé de document pour vous.")))),
        active="menu", private=True,
    )
