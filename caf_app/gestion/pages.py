"""The agents' pages: login, the work queue, an item's processing screen, the search of a dossier, the team."""

from __future__ import annotations

import reflex as rx

from ..components.layout import MAIN_ID, READY, demo_notice
from ..components.ui.actions import button, link_button
from ..components.ui.field import select_field, text_field
from ..components.ui.message import alert, card, status
from ..components.ui.post_form import post_form
from ..content import shell as words
from ..domain.gestion import (
    AGES,
    BAILLEUR_KIND,
    BAILLEUR_LABEL,
    MOTIFS_REFUS,
    PUBLIC_MESSAGE_KIND,
    PUBLIC_MESSAGE_LABEL,
    QUEUE_KINDS,
    RAISONS_CONSULTATION,
)
from .layout import gestion_page, text_area
from .state import AgentLoginState as L, AuditState as A, DossierState as D, ItemState as I, QueueState as Q


def connexion_agent() -> rx.Component:
    """A form posted to api/gestion.py (the cookie is set there, never by a script)."""
    return staff_login("Connexion des agents de la Caf", "Identifiant agent", "/api/gestion/connexion",
                       "Les comptes d'agents sont créés par la Caf : il n'y a pas d'inscription.")


def staff_login(title: str, identifier: str, action: str, footer: str) -> rx.Component:
    """The login of a staff entry (the Caf's agents, the partners'): identifier, password and the code of an
    authenticator app, posted to `action`."""
    field_error = lambda name: rx.cond(L.field == name, L.error, "")  # noqa: E731
    return rx.fragment(
        rx.el.a(words.SKIP_LINK, href=f"#{MAIN_ID}", class_name="skip-link"), demo_notice(),
        rx.el.main(
            rx.el.h1(title),
            rx.cond(L.notice != "", status(L.notice)),
            rx.cond((L.error != "") & (L.field == "formulaire"), alert(L.error)),
            post_form(
                text_field(id="identifiant", label=identifier, error=field_error("identifiant"),
                           default_value=L.login, auto_complete="username", key=L.login),
                text_field(id="mot_de_passe", label="Mot de passe", type="password",
                           auto_complete="current-password"),
                text_field(id="code", label="Code de votre application d'authentification",
                           hint="6 chiffres, renouvelés toutes les 30 secondes", input_mode="numeric",
                           auto_complete="one-time-code", max_length=7),
                button("Se connecter", type="submit"),
                action=action, method="post", class_name="form"),
            rx.el.p(footer),
            id=MAIN_ID, tab_index=-1, class_name="main gestion", custom_attrs=READY))


KINDS = [("", "Toutes"), *[(kind.value, label) for kind, label in QUEUE_KINDS.items()],
         (BAILLEUR_KIND, BAILLEUR_LABEL), (PUBLIC_MESSAGE_KIND, PUBLIC_MESSAGE_LABEL)]


def _filters() -> rx.Component:
    return rx.el.form(
        select_field(id="type", label="Type", options=KINDS, value=Q.kind),
        select_field(id="anciennete", label="Ancienneté", options=list(AGES.items()), value=Q.age),
        button("Filtrer", type="submit", variant="secondary"),
        on_submit=Q.filter, class_name="gestion-filters")


def _queue_row(line) -> rx.Component:
    return rx.el.tr(
        rx.el.td(line.received_on), rx.el.td(line.days, class_name="num"), rx.el.td(line.kind),
        rx.el.td(line.title, rx.cond(line.second_check, rx.el.span(" — à valider par un second agent",
                                                                   class_name="tag"))),
        rx.el.td(line.numero), rx.el.td(line.allocataire),
        rx.el.td(rx.cond(line.public, link_button(rx.cond(line.taken_by == "", "Prendre",
                                                          rx.cond(line.taken_by == "vous", "Reprendre", "Ouvrir")),
                                                  href=rx.Var.create("/gestion/message/") + line.id.to(str)
                                                  + "?prendre=1",
                                                  aria_label=rx.Var.create("Prendre : message de ")
                                                  + line.allocataire),
                         rx.cond(line.taken_by == "", button("Prendre", variant="primary", on_click=Q.take(line.id),
                                                     aria_label=rx.Var.create("Prendre : ") + line.title + " " +
                                                     line.numero),
                         rx.cond(line.taken_by == "vous",
                                 button("Reprendre", variant="secondary", on_click=Q.take(line.id),
                                        aria_label=rx.Var.create("Reprendre : ") + line.title),
                                 rx.el.span("Pris par ", line.taken_by))))))


def file_de_travail() -> rx.Component:
    return gestion_page(
        Q,
        rx.el.h1("File de travail"),
        _filters(),
        rx.cond(Q.error != "", alert(Q.error)),
        rx.el.p(rx.cond(Q.fresh, rx.el.span(Q.lines.length(), " démarche(s) en attente, les plus anciennes d'abord."),
                        "Chargement de la file…"), role="status"),
        rx.el.table(
            rx.el.caption("Démarches à traiter"),
            rx.el.thead(rx.el.tr(*[rx.el.th(h, scope="col") for h in (
                "Reçue le", "Jours d'attente", "Type", "Démarche", "N° allocataire", "Allocataire", "Action")])),
            rx.el.tbody(rx.foreach(Q.lines, _queue_row)), class_name="data-table"))


def _documents() -> rx.Component:
    def document(doc) -> rx.Component:
        return rx.el.li(
            rx.el.a(doc[1], " (", doc[2], " page(s)) — ouvrir le PDF", href=f"/api/gestion/document/{doc[0]}",
                    target="_blank", rel="noopener"),
            rx.el.img(src=f"/api/gestion/document/{doc[0]}/page/1", alt=rx.Var.create("Page 1 de ") + doc[1],
                      class_name="gestion-page-image", loading="lazy"))
    return rx.cond(I.view.documents.length() > 0, card(rx.el.h2("Documents"),
                                                       rx.el.ul(rx.foreach(I.view.documents, document))))


def _figures() -> rx.Component:
    def row(figure) -> rx.Component:
        return rx.el.tr(rx.el.th(figure.person, " — ", figure.category, scope="row"),
                        rx.el.td(figure.months.join(", ")), rx.el.td(figure.declared.join(" / "), class_name="num"),
                        rx.el.td(figure.previous.join(" / "), class_name="num"))
    return rx.cond(I.view.figures.length() > 0, card(rx.el.h2("Ressources déclarées"), rx.el.table(
        rx.el.caption("Déclaré ce trimestre, à côté du trimestre précédent"),
        rx.el.thead(rx.el.tr(*[rx.el.th(h, scope="col") for h in ("Qui et quoi", "Mois", "Déclaré",
                                                                   "Trimestre précédent")])),
        rx.el.tbody(rx.foreach(I.view.figures, row)), class_name="data-table")))


def _answers() -> rx.Component:
    def topic(entry) -> rx.Component:
        return rx.fragment(rx.el.h3(entry[0]), rx.el.dl(rx.foreach(entry[1], lambda qa: rx.el.div(
            rx.el.dt(qa[0]), rx.el.dd(qa[1]), class_name="dl-row"))))
    return rx.cond(I.view.answers.length() > 0, card(rx.el.h2("Réponses de la demande"),
                                                     rx.foreach(I.view.answers, topic)))


def _bank() -> rx.Component:
    bank = I.view.bank
    return rx.cond(bank, card(rx.el.h2("Nouvelles coordonnées bancaires"), rx.el.dl(
        rx.el.div(rx.el.dt("IBAN"), rx.el.dd(bank.iban), class_name="dl-row"),
        rx.el.div(rx.el.dt("BIC"), rx.el.dd(bank.bic), class_name="dl-row"),
        rx.el.div(rx.el.dt("Titulaire"), rx.el.dd(bank.holder), class_name="dl-row"),
        rx.el.div(rx.el.dt("Compte utilisé jusqu'ici"), rx.el.dd(bank.current), class_name="dl-row"),
        rx.cond(bank.checked_by != "", rx.el.div(rx.el.dt("Vérifiées par"), rx.el.dd(bank.checked_by),
                                                class_name="dl-row")))))


def dossier_summary(view) -> rx.Component:
    return card(
        rx.el.h2("Dossier ", view.numero, " — ", view.allocataire),
        rx.el.p(view.address), rx.cond(view.bank != "", rx.el.p("Compte bancaire : ", view.bank)),
        rx.el.h3("Foyer"),
        rx.el.ul(rx.foreach(view.members, lambda mb: rx.el.li(
            mb.name, " — ", mb.role, rx.cond(mb.born != "", rx.el.span(", né(e) le ", mb.born)),
            rx.cond(mb.situations != "", rx.el.span(" — ", mb.situations))))),
        rx.el.h3("Droits"),
        rx.cond(view.droits.length() > 0, rx.el.ul(rx.foreach(view.droits, lambda d: rx.el.li(
            d[0], " — ", d[1], " : ", d[2]))), rx.el.p("Aucun droit calculé pour ce dossier.")),
        rx.cond(view.pieces.length() > 0, rx.fragment(rx.el.h3("Pièces attendues"),
                                                       rx.el.ul(rx.foreach(view.pieces, rx.el.li)))),
        rx.el.h3("Dernières démarches"),
        rx.el.ul(rx.foreach(view.demarches, lambda d: rx.el.li(d[0], " — ", d[1], " (", d[2], ")"))),
        extra="gestion-dossier")


def _decisions() -> rx.Component:
    errors = I.errors
    is_message = I.view.kind == "message"
    return card(
        rx.el.h2("Décision"),
        rx.cond(errors.get("", "") != "", alert(errors.get("", ""))),
        rx.cond(I.done != "", status(I.done, kind="success")),
        rx.cond(~is_message, button(rx.cond(I.view.bank, rx.cond(I.view.decision != "", "Valider (second agent)",
                                                                   "Vérifier les coordonnées"), "Accepter"),
                                    on_click=I.accept)),
        rx.cond(is_message, rx.el.form(text_area(id="reponse", label="Votre réponse",
                                                 error=errors.get("reponse", "")),
                                       button("Envoyer la réponse", type="submit"), on_submit=I.answer,
                                       class_name="form")),
        rx.el.form(select_field(id="motif", label="Motif du refus", options=[(m, m) for m in MOTIFS_REFUS],
                                error=errors.get("motif", ""),
                                placeholder="Choisissez un motif"),
                   text_area(id="motif_detail", label="Précisions (obligatoires pour « Autre motif »)",
                             error=errors.get("motif_detail", ""), rows=3),
                   button("Refuser", type="submit", variant="secondary"), on_submit=I.refuse, class_name="form"),
        rx.el.form(text_field(id="piece", label="Pièce à demander", error=errors.get("piece", ""),
                              hint="Par exemple : Attestation de loyer de novembre 2026"),
                   button("Demander la pièce", type="submit", variant="secondary"), on_submit=I.ask_piece,
                   class_name="form"),
        button("Remettre dans la file", variant="secondary", on_click=I.release),
        extra="gestion-decision")


def traitement() -> rx.Component:
    view = I.view
    return gestion_page(
        I,
        rx.cond(view, rx.fragment(
            rx.el.h1(view.title),
            rx.el.p("Reçue le ", view.received_on, " (", view.days, " jour(s)) — ", view.status,
                    rx.cond(view.reference != "", rx.el.span(" — référence ", view.reference))),
            rx.el.div(
                rx.el.div(rx.cond(view.detail != "", card(rx.el.h2("Ce que l'allocataire a écrit"),
                                                          rx.el.p(view.detail))),
                          _documents(), _figures(), _answers(), _bank(), class_name="gestion-col"),
                rx.el.div(rx.cond(view.mine, _decisions(),
                                  card(rx.el.h2("Décision"),
                                       rx.cond(I.done != "", status(I.done, kind="success")),
                                       rx.cond(I.errors.get("", "") != "", alert(I.errors.get("", ""))),
                                       rx.cond(view.decision != "", rx.el.p("Décision : ", view.decision)),
                                       button("Prendre cette démarche", on_click=I.take))),
                          dossier_summary(view.dossier), class_name="gestion-col"),
                class_name="gestion-columns")),
            rx.el.h1("Traitement d'une démarche")))


def rechercher_un_dossier() -> rx.Component:
    def result(line) -> rx.Component:
        return rx.el.li(rx.el.form(
            rx.el.input(type="hidden", name="dossier", value=line.id),
            rx.el.span(line.numero, " — ", line.allocataire, " — ", line.city, class_name="line-label"),
            select_field(id=rx.Var.create("raison-") + line.numero, name="raison",
                         label="Raison de la consultation", options=[(r, r) for r in RAISONS_CONSULTATION],
                         placeholder="Choisissez une raison"),
            button("Ouvrir le dossier", type="submit", aria_label=rx.Var.create("Ouvrir le dossier ") + line.numero),
            on_submit=D.open, class_name="form"), class_name="line")
    return gestion_page(
        D,
        rx.el.h1("Rechercher un dossier"),
        rx.el.form(text_field(id="recherche", label="Numéro allocataire, NIR ou nom",
                              error=D.errors.get("recherche", "")),
                   button("Rechercher", type="submit"), on_submit=D.search, class_name="form"),
        rx.cond(D.searched & (D.results.length() == 0), status("Aucun dossier de votre Caf ne correspond.")),
        rx.cond(D.errors.get("raison", "") != "", alert(D.errors.get("raison", ""))),
        rx.el.ul(rx.foreach(D.results, result), class_name="link-list"),
        rx.cond(D.opened, dossier_summary(D.opened)))


def audit() -> rx.Component:
    team = A.team
    return gestion_page(
        A,
        rx.el.h1("Activité de l'équipe"),
        rx.cond(team, rx.fragment(
            rx.el.table(rx.el.caption("Travail des agents (30 derniers jours)"),
                        rx.el.thead(rx.el.tr(*[rx.el.th(h, scope="col") for h in (
                            "Agent", "Rôle", "En cours", "Décisions")])),
                        rx.el.tbody(rx.foreach(team.work, lambda w: rx.el.tr(
                            rx.el.td(w.name), rx.el.td(w.role), rx.el.td(w.in_hand, class_name="num"),
                            rx.el.td(w.decided, class_name="num")))), class_name="data-table"),
            rx.el.table(rx.el.caption("Consultations des dossiers"),
                        rx.el.thead(rx.el.tr(*[rx.el.th(h, scope="col") for h in (
                            "Quand", "Agent", "Dossier", "Raison")])),
                        rx.el.tbody(rx.foreach(team.consultations, lambda c: rx.el.tr(
                            rx.el.td(c.at), rx.el.td(c.agent), rx.el.td(c.numero), rx.el.td(c.reason)))),
                        class_name="data-table"))))
