"""« Faites une demande de prestation en ligne » (public) and a demande, screen after screen (private)."""

from __future__ import annotations

import json

import reflex as rx
from reflex_base.vars.base import Var

from .. import routes
from ..components.layout import fresh, page
from ..components.ui.actions import button, link_button
from ..components.ui.field import messages, select_field
from ..components.ui.link import app_link
from ..components.ui.message import alert, card, status
from ..components.ui.steps import steps
from ..components.ui.upload import IMAGES, IMAGES_AND_PDF, picker
from ..content import demandes as words
from ..content.shell import APP_NAME
from ..documents.processing import LIMITS_TEXT, MAX_FILE_BYTES
from ..domain.demandes import CATALOGUE, THEMES, DemandeKind
from ..state.demandes import READ_SIMULATION, DemandeState as S
from ..state.demandes_catalogue import DemandesCatalogueState as C
from ..state.session import SessionState

# The title of the one dynamic route, from the address itself (as the declaration's, pages/declaration.py).
TITLES = {kind.slug: CATALOGUE[kind].title for kind in DemandeKind}
PAGE_TITLE = Var(_js_expr=(
    f"(({json.dumps(TITLES, ensure_ascii=False)})[(typeof window !== 'undefined' ? window.location.pathname : '')"
    f".split('/').filter(Boolean).pop()] || 'Demande de prestation') + {json.dumps(' - ' + APP_NAME)}"),
    _var_type=str)


# « Faites une demande de prestation en ligne »

def demande_card(kind: DemandeKind) -> rx.Component:
    demande, refused = CATALOGUE[kind], C.refused.get(kind.value, "")
    return card(
        rx.el.h3(demande.title),
        rx.el.p(demande.card),
        rx.el.div(
            rx.cond(refused != "", rx.el.p(refused, class_name="hint"),
                    link_button("Faire la demande", href=routes.DEMANDE.of(demande_slug=kind.slug),
                                aria_label=f"Faire la demande : {demande.title}")),
            link_button("Simuler", href=routes.SIMULER.path, variant="secondary",
                        aria_label=f"Simuler : {demande.title}") if demande.simulable else rx.fragment(),
            class_name="actions"),
        rx.cond(~SessionState.logged_in & (not demande.non_allocataire), rx.el.p(words.RESERVED, class_name="hint")),
        rx.el.details(rx.el.summary("En savoir plus", rx.el.span(f" : {demande.title}", class_name="sr-only")),
                      *[rx.el.p(line) for line in words.more(kind)]),
        tag="article", extra="demande-card")


def demandes_catalogue() -> rx.Component:
    return page(
        rx.el.h1(words.TITLE),
        rx.el.p(words.REUSE),
        rx.el.nav(rx.el.p(words.CHOOSE, id="themes-titre", class_name="field-label"),
                  rx.el.ul(*[rx.el.li(rx.el.a(theme.title, href=f"#{theme.key}")) for theme in THEMES],
                           class_name="link-list"),
                  aria_labelledby="themes-titre"),
        *[rx.el.section(rx.el.h2(theme.title, id=theme.key, tab_index=-1),
                        *[demande_card(kind) for kind in theme.kinds], aria_labelledby=theme.key)
          for theme in THEMES],
    )


# A demande, screen after screen

def field_messages(q) -> rx.Component:
    return rx.el.div(rx.cond(q.error != "", rx.el.p(rx.icon("circle-alert", size=16, aria_hidden="true"), q.error,
                                                   class_name="message message--error")),
                     id=q.name + "-messages", aria_live="polite")


def described(q) -> Var:
    return rx.cond(q.help != "", q.name + "-hint " + q.name + "-messages", q.name + "-messages")


def invalid(q) -> Var:
    return rx.cond(q.error != "", "true", "false")


def radios(q) -> rx.Component:
    return rx.el.fieldset(
        rx.el.legend(q.label),
        rx.cond(q.help != "", rx.el.p(q.help, id=q.name + "-hint", class_name="hint")),
        rx.el.div(rx.foreach(q.options, lambda option: rx.el.div(
            rx.el.input(type="radio", id=q.name + "-" + option[0], name=q.name, value=option[0],
                        default_checked=q.value == option[0], aria_describedby=described(q), aria_invalid=invalid(q),
                        on_change=lambda _v: S.set_answer(q.name, option[0])),
            rx.el.label(option[1], html_for=q.name + "-" + option[0]), class_name="field-radio")),
            class_name=rx.cond(q.options.length() <= 3, "radios radios--inline", "radios")),
        field_messages(q),
    )


def text_input(q) -> rx.Component:
    """Typed answers are kept on the server as they are typed (a moment after the last key) and on leaving the
    field, as the declarations' are."""
    common = dict(id=q.name, name=q.name, default_value=q.value, aria_describedby=described(q),
                  aria_invalid=invalid(q), class_name="input")
    typed = dict(common, on_change=lambda text: S.set_answer(q.name, text).debounce(600),
                 on_blur=lambda text: S.set_answer(q.name, text))
    return rx.match(
        q.widget,
        ("select", rx.el.select(rx.el.option("Choisissez", value=""),
                                rx.foreach(q.options, lambda o: rx.el.option(o[1], value=o[0])),
                                on_change=lambda value: S.set_answer(q.name, value), **common)),
        ("textarea", rx.el.textarea(rows=5, max_length=2000, **typed)),
        ("amount", rx.el.div(rx.el.input(inputmode="decimal", max_length=12, autocomplete="off", **typed),
                             rx.el.span("€", aria_hidden="true"), class_name="amount-row")),
        ("date", rx.el.input(inputmode="numeric", max_length=10, autocomplete="off", placeholder="JJ/MM/AAAA",
                             **typed)),
        ("postal", rx.el.input(inputmode="numeric", max_length=5, autocomplete="postal-code", **typed)),
        ("iban", rx.el.input(max_length=40, autocomplete="off", spell_check=False, **typed)),
        rx.el.input(max_length=120, **typed),
    )


def field(q) -> rx.Component:
    hint = rx.cond(q.help != "", q.help, rx.cond(q.widget == "date", words.DATE_HINT, ""))
    return rx.el.div(
        rx.cond(
            q.widget == "radio", radios(q),
            rx.el.div(rx.el.label(q.label, html_for=q.name, class_name="field-label"),
                      rx.cond(hint != "", rx.el.p(hint, id=q.name + "-hint", class_name="hint")),
                      text_input(q), field_messages(q),
                      class_name=rx.cond(q.error != "", "field field--error", "field"))),
        rx.cond(q.prefilled, rx.el.p(words.PREFILLED, class_name="hint prefilled")),
        hidden=~q.shown, class_name="question",
    )


def progress() -> rx.Component:
    return rx.fragment(rx.el.p("Étape ", S.step_number, " sur ", S.step_total, class_name="progress-line"),
                       rx.el.h2(S.step_title, id="etape", tab_index=-1))


def refusal() -> rx.Component:
    return rx.cond(S.refusal != "", rx.el.div(
        alert(S.refusal, id="probleme", tab_index=-1),
        rx.el.p(words.REFUSED_WHAT_TO_DO),
        rx.el.ul(rx.el.li(app_link("Voir les autres demandes", href=routes.DEMANDES.path)),
                 rx.el.li(app_link("Contacter ma Caf", href=routes.CONTACTER_MA_CAF.path)), class_name="link-list"),
        class_name="card"))


def form_error() -> rx.Component:
    return rx.cond(S.errors.get("", "") != "", alert(S.errors.get("", ""), id="probleme", tab_index=-1))


def pressed(action: str) -> Var:
    """Which button sent the form (a browser's FormData leaves the button out): set before the submit."""
    return Var(_js_expr=f"((e) => {{ e.currentTarget.form.elements.namedItem('action').value = '{action}'; }})")


def topic_step() -> rx.Component:
    return rx.el.form(
        progress(),
        rx.cond(S.screen_prefilled, status(words.REUSE, " ", words.REUSE_CHECK)),
        form_error(),
        rx.foreach(S.questions, field),
        refusal(),
        rx.el.input(type="hidden", name="action", default_value="suivant"),
        # Suivant first in the document: Enter in a field submits with it; the row shows Précédent on the left.
        rx.el.div(button("Suivant", type="submit", variant="primary", custom_attrs={"onClick": pressed("suivant")}),
                  button("Précédent", type="submit", variant="secondary",
                         custom_attrs={"onClick": pressed("precedent")}),
                  class_name="actions actions--steps"),
        on_submit=S.submit_screen, key=S.step + "-" + S.visit.to_string(), class_name="form", no_validate=True,
    )


def intro_step() -> rx.Component:
    return rx.el.div(
        rx.el.h2("Avant de commencer", id="etape", tab_index=-1),
        rx.el.p(S.card_text),
        rx.cond(S.allocataire, status(words.REUSE)),
        rx.el.p(words.INTRO),
        rx.el.p("Les étapes :", class_name="field-label"),
        rx.el.ol(rx.foreach(S.planned, rx.el.li), rx.el.li("Vérifier ma demande, puis l'envoyer"),
                 class_name="demande-steps"),
        rx.el.div(button("Commencer ma demande", on_click=rx.call_script(READ_SIMULATION, callback=S.begin),
                        variant="primary"),
                  link_button("Choisir une autre demande", href=routes.DEMANDES.path, variant="secondary"),
                  class_name="actions"),
    )


def review_topic(topic) -> rx.Component:
    return card(
        rx.el.h3(topic.title),
        rx.el.dl(rx.foreach(topic.lines, lambda line: rx.el.div(rx.el.dt(line[0]),
                                                                 rx.el.dd(rx.cond(line[1] != "", line[1], "—")),
                                                                 class_name="dl-row")), class_name="review-lines"),
        rx.el.button("Modifier", type="button", on_click=S.edit(topic.key), class_name="link-button",
                     aria_label="Modifier : " + topic.title),
    )


def changes_to_declare() -> rx.Component:
    """A change of situation the answers reveal: declared once, through Déclarer un changement, before sending."""
    return rx.cond(S.changes.length() > 0, rx.el.div(
        rx.el.h3("Votre situation a changé ?"),
        rx.el.p("Vos réponses ne correspondent pas à votre dossier. Déclarez d'abord ce changement : vous revenez "
                "ensuite ici pour envoyer votre demande."),
        rx.el.ul(rx.foreach(S.changes, lambda change: rx.el.li(
            rx.el.p(change.sentence),
            app_link(rx.el.span("Déclarer : ", change.label), href=change.href)))),
        class_name="notice", role="region", aria_label="Changement de situation à déclarer",
    ))


def _piece(view) -> rx.Component:
    return rx.el.li(
        rx.el.span(view.label),
        rx.cond(view.pages > 0, rx.el.span(
            rx.el.span(" — jointe : ", rx.cond(view.pdf, "un PDF de ", ""), view.pages.to_string(), " page(s) ",
                       class_name="hint"),
            rx.el.button("Retirer", type="button", on_click=S.remove_piece(view.label), class_name="link-button",
                         aria_label="Retirer ce qui est joint à : " + view.label)),
            rx.el.span(" — à joindre", class_name="hint")))


def pieces_card() -> rx.Component:
    """The pièces justificatives the answers call for: joined here (a photo taken, photos or a PDF chosen), or sent
    later from « À transmettre »."""
    error = S.piece_errors
    return rx.cond(S.pieces.length() > 0, card(
        rx.el.h3("Pièces justificatives"),
        rx.el.p(words.PIECES_JOIN),
        rx.el.ul(rx.foreach(S.piece_views, _piece), aria_label="Pièces justificatives de votre demande"),
        select_field(id="piece", label="Pièce à joindre", items=S.piece_views,
                     option=lambda view: rx.el.option(view.label, value=view.label),
                     value=S.piece_choice, on_change=S.choose_piece, error=error.get("piece", "")),
        rx.el.div(
            picker(rx.icon("camera", size=18, aria_hidden="true"), rx.el.span("Prendre une photo"),
                   id="piece-photo", label="Prendre une photo de la pièce", accept=IMAGES, camera=True,
                   on_drop=S.add_piece(rx.upload_files(upload_id="piece-photo")), on_rejected=S.piece_rejected,
                   max_size=MAX_FILE_BYTES, class_name="button button--secondary picker"),
            picker(rx.icon("file-up", size=18, aria_hidden="true"), rx.el.span("Choisir un fichier"),
                   id="piece-fichier", label="Choisir un fichier pour la pièce", accept=IMAGES_AND_PDF,
                   on_drop=S.add_piece(rx.upload_files(upload_id="piece-fichier")), on_rejected=S.piece_rejected,
                   max_size=MAX_FILE_BYTES, class_name="button button--secondary picker"),
            class_name="actions"),
        rx.el.p(LIMITS_TEXT, class_name="hint"),
        messages("fichier", error.get("fichier", "")),
        rx.cond(S.piece_notice != "", status(S.piece_notice, kind="success")),
        id="pieces"))


def review_step() -> rx.Component:
    busy = S.sending
    return rx.fragment(
        progress(),
        rx.el.p("Vérifiez vos réponses avant d'envoyer votre demande. Pour changer une réponse, choisissez "
                "« Modifier »."),
        form_error(),
        rx.cond(S.errors.length() > rx.cond(S.errors.contains(""), 1, 0), rx.el.ul(
            rx.foreach(S.errors, lambda item: rx.cond(item[0] != "", rx.el.li(item[1]))),
            class_name="message message--error")),
        refusal(),
        changes_to_declare(),
        rx.foreach(S.review_topics, review_topic),
        pieces_card(),
        rx.el.form(
            rx.el.div(rx.el.input(type="checkbox", id="confirmation", name="confirmation", class_name="checkbox",
                                  aria_describedby="confirmation-messages",
                                  aria_invalid=rx.cond(S.errors.get("confirmation", "") != "", "true", "false")),
                      rx.el.label(words.CONFIRM, html_for="confirmation"), class_name="field-check"),
            rx.el.div(rx.cond(S.errors.get("confirmation", "") != "",
                              rx.el.p(S.errors.get("confirmation", ""), class_name="message message--error")),
                      id="confirmation-messages", aria_live="polite"),
            rx.el.div(button(rx.cond(busy, "Envoi en cours…", "Envoyer ma demande"), type="submit",
                             variant="primary", disabled=busy, aria_busy=rx.cond(busy, "true", "false")),
                      class_name="actions"),
            on_submit=[S.start_sending, S.send], class_name="form",
        ),
    )


def sent_step() -> rx.Component:
    return rx.el.div(
        rx.el.h2(words.SENT, id="etape", tab_index=-1),
        rx.el.div(
            rx.el.p("Référence : ", rx.el.strong(S.reference)),
            rx.el.p("Envoyée le ", S.sent_on, "."),
            rx.el.p(S.delai),
            role="status", class_name="success"),
        rx.cond(S.numero != "", rx.el.div(
            rx.el.p(words.DOSSIER_CREATED, rx.el.strong(S.numero), "."),
            rx.el.p(words.DOSSIER_CREATED_KEEP), class_name="notice")),
        rx.cond(S.receipt_joined.length() > 0, card(
            rx.el.h3("Pièces jointes à votre demande"),
            rx.el.ul(rx.foreach(S.receipt_joined, rx.el.li)))),
        rx.cond(S.receipt_pieces.length() > 0, card(
            rx.el.h3("Pièces justificatives à transmettre"),
            rx.el.ul(rx.foreach(S.receipt_pieces, rx.el.li)),
            rx.el.p(words.PIECES_LATER),
            link_button(rx.icon("camera", size=18, aria_hidden="true"), " Transmettre un document",
                        href=routes.TRANSMETTRE.path, variant="secondary"))),
        rx.el.div(
            link_button(rx.icon("download", size=18, aria_hidden="true"), " Télécharger l'accusé de réception (PDF)",
                        href="/api/documents/demande/" + S.demande_id.to_string(), variant="secondary",
                        follow="download"),
            link_button("Suivre mes démarches", href=routes.DEMARCHES.path, variant="primary"),
            class_name="actions"),
    )


def demande_page() -> rx.Component:
    return page(
        rx.el.h1(rx.cond(S.title != "", S.title, "Demande de prestation")),
        rx.cond(fresh(S), rx.cond(
            S.problem != "",
            rx.el.div(alert(S.problem, id="probleme", tab_index=-1),
                      rx.el.p(app_link("Voir les demandes que vous pouvez faire", href=routes.DEMANDES.path))),
            steps(S.step, ("intro", intro_step()), ("revue", review_step()), ("envoyee", sent_step()),
                  default=topic_step())),
            rx.el.p("Chargement de votre demande…", class_name="loading")),
        active="demarches", private=True,
    )
