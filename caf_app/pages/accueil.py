"""Accueil Mon Compte (logged in): the app's home on a phone, the caf.fr dashboard on a desktop."""

from __future__ import annotations

import reflex as rx
from reflex_base.vars.base import Var
from reflex_components_core.core.banner import has_connection_errors

from .. import routes
from ..components.layout import fresh, page, page_loading, unread_dot
from ..components.ui.actions import link_button
from ..components.ui.link import app_link, download_link
from ..components.ui.message import card, status
from ..state.accueil import AccueilState as S
from ..state.session import SessionState

LAST_ATTESTATION = "/api/documents/attestation-paiement?type=dernier"
RELEVE = "/api/documents/releve"


def shortcut(label: str, href: str, icon: str, *, download: bool = False) -> rx.Component:
    link = download_link if download else app_link
    badge = unread_dot() if href == routes.COURRIERS.path else rx.fragment()  # the courriers tile: its count
    return rx.el.li(link(rx.icon(icon, size=22, aria_hidden="true"), rx.el.span(label, badge), href=href,
                         class_name="shortcut"))


def shortcuts() -> rx.Component:
    """The seed's row of entries under the last payment."""
    return rx.el.nav(
        rx.el.ul(
            shortcut("Mon relevé de compte (PDF)", RELEVE, "file-down", download=True),
            shortcut("Mes attestations", routes.ATTESTATIONS.path, "file-check"),
            shortcut("Mes courriers et courriels", routes.COURRIERS.path, "mail"),
            rx.cond(S.has_debts, shortcut("Mes dettes", routes.DETTES.path, "hand-coins")),
            class_name="shortcuts",
        ),
        aria_label="Accès directs",
    )


def payments_block() -> rx.Component:
    return card(
        rx.el.h2("Mes paiements et mes droits", class_name="section-title"),
        rx.el.p("Mon dernier paiement le ", S.last_payment_on, class_name="card-title"),
        rx.el.p(S.last_payment_amount, class_name="amount"),
        link_button("Voir le détail de mes allocations", href=routes.ALLOCATIONS.path, variant="primary"),
        rx.el.p("Mon quotient familial : ", rx.el.strong(S.quotient_familial)),
        rx.el.ul(
            rx.el.li(app_link("Mes paiements et mes droits", href=routes.ALLOCATIONS.path)),
            rx.el.li(app_link("Mes attestations", href=routes.ATTESTATIONS.path)),
            rx.el.li(app_link("Mes ressources", href=routes.MES_RESSOURCES.path)),
            rx.cond(S.has_debts, rx.el.li(app_link("Mes dettes", href=routes.DETTES.path))),
            rx.el.li(download_link("Télécharger ma dernière attestation", href=LAST_ATTESTATION)),
            rx.el.li(download_link("Télécharger mon relevé de compte du mois", href=RELEVE)),
            class_name="link-list desktop-only",
        ), extra="card--payment")


def alert_item(alert) -> rx.Component:
    return rx.el.li(rx.el.h3(alert.title), rx.el.p(alert.message),
                    link_button(alert.link_label, href=alert.link_route, variant="secondary"),
                    class_name="alert")


def alerts_block() -> rx.Component:
    return card(
        rx.el.h2("Mes alertes", class_name="section-title"),
        rx.cond(S.alerts.length() > 0, rx.el.ul(rx.foreach(S.alerts, alert_item), class_name="alerts"),
                rx.el.p("Vous n'avez pas d'alerte.")))


def demarches_block() -> rx.Component:
    return card(
        rx.el.h2("Mes démarches", class_name="section-title"),
        rx.el.ul(rx.el.li(app_link("Suivre mes démarches", href=routes.DEMARCHES.path)),
                 rx.el.li(app_link("Déclarer un changement", href=routes.DECLARER_UN_CHANGEMENT.path)),
                 rx.el.li(app_link("Simuler ou demander une prestation",
                                   href=routes.SIMULER.path)),
                 class_name="link-list"), extra="desktop-only")


def profile_block() -> rx.Component:
    return card(
        rx.el.h2("Mon profil", class_name="section-title"),
        rx.el.ul(rx.foreach(S.profile_sentences, lambda sentence: rx.el.li(sentence)), class_name="plain-list"),
        rx.el.p(S.address), rx.el.p(S.email), rx.el.p(S.mobile),
        link_button("Consulter ou modifier", href=routes.PROFIL.path, variant="secondary"), extra="desktop-only")


def help_block() -> rx.Component:
    return rx.el.div(
        link_button(rx.icon("calendar", size=18, aria_hidden="true"), " Mon agenda", href=routes.MON_AGENDA.path,
                    variant="secondary"),
        link_button(rx.icon("phone", size=18, aria_hidden="true"), " Contacter ma Caf",
                    href=routes.CONTACTER_MA_CAF.path, variant="secondary"),
        class_name="actions desktop-only",
    )


def _kept(field: str, kind: type):
    """A field of the summary this device kept for offline use (assets/offline.js); "" or [] when none."""
    empty = "''" if kind is str else "[]"
    return Var(_js_expr=f"((typeof window !== 'undefined' && window.cafOfflineSummary) ? "
                        f"window.cafOfflineSummary({field!r}) : {empty})", _var_type=kind).guess_type()


def offline_summary() -> rx.Component:
    """Offline: the last summary known on this device while the session lives, else why nothing shows."""
    payment = _kept("paiement", str)

    def listing(title: str, field: str) -> rx.Component:
        lines = _kept(field, list[str])
        return rx.cond(lines.length() > 0, rx.fragment(rx.el.h3(title),
                                                       rx.el.ul(rx.foreach(lines, rx.el.li), class_name="plain-list")))

    return rx.cond(
        payment != "",
        card(
            rx.el.h2("Dernier résumé connu de ", _kept("nom", str), class_name="section-title",
                     id="resume-hors-ligne-titre"),
            rx.el.p(payment, class_name="card-title"),
            listing("Mes alertes", "alertes"),
            listing("Documents à transmettre", "a_transmettre"),
            id="resume-hors-ligne", aria_labelledby="resume-hors-ligne-titre"),
        status("Votre dossier s'affichera au retour de la connexion."),
    )


def accueil() -> rx.Component:
    return page(
        # Offline, the tab has no name from the server: the one this device kept with the summary, if any (read
        # once the connection has failed, never while the prerendered page hydrates).
        rx.el.h1("Bonjour ", rx.cond(SessionState.display_name != "", SessionState.display_name,
                                     rx.cond(has_connection_errors, _kept("nom", str), ""))),
        # Only this visit's data: after a declaration, the last visit's alerts must not show, even for a moment.
        rx.cond(fresh(S) & (S.delegation_sentence != ""), rx.el.p(S.delegation_sentence, class_name="notice")),
        rx.cond(fresh(S) & (S.last_login != ""), rx.el.p(S.last_login, class_name="hint")),
        rx.cond(
            fresh(S),
            rx.cond(S.restricted_message != "",
                    status(S.restricted_message),
                    rx.el.div(rx.el.div(payments_block(), shortcuts(), alerts_block(), class_name="dashboard-main"),
                              rx.el.div(demarches_block(), profile_block(), help_block(),
                                        class_name="dashboard-side"),
                              class_name="dashboard")),
            rx.cond(has_connection_errors, offline_summary(),
                    page_loading("Chargement de votre dossier…")),
        ),
        active="accueil", private=True, wide=True,
    )
