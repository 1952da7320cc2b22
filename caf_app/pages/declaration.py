"""Ma déclaration trimestrielle: the standard caf.fr form and the FALC variant, one question per screen."""

from __future__ import annotations

import json
import re

import reflex as rx
from reflex_base.vars.base import Var

from .. import routes
from ..components.layout import page, restricted_or
from ..components.ui.actions import button, link_button
from ..components.ui.error_summary import error_summary
from ..components.ui.field import messages
from ..components.ui.link import app_link, download_link
from ..components.ui.message import alert, card, status
from ..components.ui.steps import steps
from ..content.declaration import words
from ..content.shell import APP_NAME
from ..domain.prestations import Prestation
from ..state.declaration import DeclarationState as S


# The page's title, from the address itself, in the browser: one dynamic route serves every declaration
# (caf_app/routes.py), and a title read from the server would name the previous one until the page has loaded.
def title_from_address(titles: dict[str, str], fallback: str) -> Var:
    """The browser's title of a dynamic route: titles by the address's last part (the annual declarations too)."""
    return Var(_js_expr=(
        f"(({json.dumps(titles, ensure_ascii=False)})[(typeof window !== 'undefined' ? window.location.pathname : '')"
        f".split('/').filter(Boolean).pop()] || {json.dumps(fallback)}) + {json.dumps(' - ' + APP_NAME)}"),
        _var_type=str)


TITLES = {p.slug: p.declaration.title for p in Prestation.quarterly_ones()}  # by the address's last part
PAGE_TITLE = title_from_address(TITLES, "Déclaration trimestrielle")

STD, FALC = words(False), words(True)


def sentences(text: str) -> list[str]:
    """FALC: each sentence on its own line."""
    return [line for line in re.split(r"(?<=[.?!])\s+", text) if line]


def say(key: str):
    """A sentence of the current variant."""
    return rx.cond(S.falc, FALC[key], STD[key])


def error(key, state=S):
    return state.errors.get(key, "")


def yes_no(key, *, on_change=True, state=S) -> rx.Component:
    """Oui / Non radios bound to an answer key (saved at once when on_change). state: the declaration's state
    (answers, errors, answer(key, value)): this one's, or the annual declarations' (pages/declaration_annuelle.py)."""
    def radio(value: str, label: str):
        extra = {"on_change": lambda _v: state.answer(key, value)} if on_change else {}
        name = key if on_change else "reponse"
        return rx.el.label(rx.el.input(type="radio", name=name, value=value, id=name + "-" + value,
                                       default_checked=state.answers.get(key, "") == value, **extra),
                           rx.el.span(label), class_name="choice-big")
    return rx.el.div(radio("oui", "Oui"), radio("non", "Non"), class_name="yes-no")


def amount_input(key, label, *, state=S, amount: bool = True) -> rx.Component:
    """An amount in whole euros saved as it is typed; amount=False: a few words or a date (annual declarations)."""
    box = rx.el.input(id=key, name=key, inputmode="numeric" if amount else "text",
                      default_value=state.answers.get(key, ""),
                      on_change=lambda text: state.answer(key, text).debounce(400), max_length=9 if amount else 80,
                      # Debounced events share one key per handler: typing in the next box would drop
                      # this one's pending save, so leaving the box saves it at once.
                      on_blur=lambda text: state.answer(key, text),
                      aria_describedby=key + "-messages",
                      aria_invalid=rx.cond(error(key, state) != "", "true", "false"),
                      class_name="input amount" if amount else "input")
    return rx.el.div(
        rx.el.label(label, html_for=key, class_name="field-label"),
        rx.el.div(box, rx.el.span("€", aria_hidden="true"), class_name="amount-row") if amount else box,
        rx.cond(S.prefilled.contains(key), rx.el.p(say("prefilled"), class_name="hint prefilled"))
        if state is S else rx.fragment(),
        messages(key, error(key, state)),
        class_name="field",
    )


def help_button(question, text) -> rx.Component:
    """The « ? » of a question: its accessible name says whose help it opens (the « ? » itself is not read)."""
    return rx.el.details(rx.el.summary(rx.el.span("?", aria_hidden="true"),
                                       rx.el.span("Aide : ", question, class_name="sr-only")),
                         rx.el.p(text), class_name="help")


def category(cat) -> rx.Component:
    received = cat.key + ":recu"
    return rx.el.fieldset(
        rx.el.legend(cat.question),
        help_button(cat.question, cat.help),
        yes_no(received),
        messages(received, error(received)),
        rx.cond(S.answers.get(received, "") == "oui", rx.el.div(
            rx.cond(cat.category == "autres", rx.el.div(
                rx.el.label(STD["nature_label"], html_for=cat.key + ":nature", class_name="field-label"),
                rx.el.input(id=cat.key + ":nature", name=cat.key + ":nature", class_name="input",
                            default_value=S.answers.get(cat.key + ":nature", ""), max_length=80,
                            on_change=lambda text: S.answer(cat.key + ":nature", text).debounce(400),
                            on_blur=lambda text: S.answer(cat.key + ":nature", text)),
                messages(cat.key + ":nature", error(cat.key + ":nature")), class_name="field")),
            rx.foreach(cat.months, lambda month: amount_input(month[0], month[1])),
            class_name="amounts")),
        class_name="category",
    )


def actions(label, *, back=True, state=S, leave: str = routes.DEMARCHES.path) -> rx.Component:
    """Retour (a step back, or out to `leave` from the first step) and the step's button."""
    return rx.el.div(
        rx.cond(back, button("Retour", on_click=state.back, variant="secondary"),
                link_button("Retour", href=leave, variant="secondary")),
        button(label, type="submit", variant="primary"), class_name="actions")


def situation_step() -> rx.Component:
    return rx.el.form(
        rx.el.fieldset(rx.el.legend(STD["situation_question"], id="etape", tab_index=-1), yes_no("situation"),
                       messages("situation", error("situation"))),
        rx.cond(S.answers.get("situation", "") == "oui", status(
            STD["situation_changed"], " ",
            app_link("Déclarer un changement", href=routes.DECLARER_UN_CHANGEMENT.path))),
        actions("Continuer", back=False), on_submit=S.next_standard, class_name="form",
    )


def person_step() -> rx.Component:
    return rx.el.form(
        rx.el.h2(S.person_heading, id="etape", tab_index=-1),
        error_summary(S.errors),
        rx.foreach(S.categories, category),
        actions("Continuer"), on_submit=S.next_standard, class_name="form",
    )


def review_person(person, *, state=S) -> rx.Component:
    return rx.el.li(
        rx.el.h4(person.name),
        rx.el.ul(rx.foreach(person.lines, lambda line: rx.el.li(
            rx.el.span(line.label, class_name="line-label"), rx.el.strong(line.amount), class_name="line")),
            class_name="lines"),
        rx.el.button("Modifier", type="button", on_click=state.edit(person.person_index), class_name="link-button",
                     aria_label="Modifier les réponses de " + person.name),
    )


def review_step() -> rx.Component:
    return rx.el.form(
        rx.el.h2(say("review_heading"), id="etape", tab_index=-1),
        rx.el.p(say("review_intro")),
        rx.cond(error("") != "", alert(error(""))),
        rx.foreach(S.review, lambda month: card(
            rx.el.h3(month.month), rx.el.ul(rx.foreach(month.people, review_person), class_name="plain-list"))),
        rx.el.div(rx.el.input(type="checkbox", id="confirmation", name="confirmation", class_name="checkbox",
                              aria_describedby="confirmation-messages"),
                  rx.el.label(say("confirm"), html_for="confirmation"), class_name="field-check"),
        messages("confirmation", error("confirmation")),
        actions(say("send")), on_submit=S.send, class_name="form",
    )


def after_sent() -> rx.Component:
    """What happens next, on the confirmation of a quarterly declaration."""
    return rx.el.div(rx.el.h3("Et maintenant ?"),
                     rx.cond(S.falc, rx.fragment(*[rx.el.p(line) for line in sentences(FALC["after_sent"])]),
                             rx.fragment(*[rx.el.p(line) for line in sentences(STD["after_sent"])])),
                     class_name="after-sent")


def sent_step(*, state=S, heading=None, receipt: str = "/api/documents/declaration/") -> rx.Component:
    """Sent: when, its reference and its accusé (receipt: the PDF's address but the declaration's id)."""
    return rx.el.div(
        rx.el.h2(say("sent") if heading is None else heading, id="etape", tab_index=-1),
        rx.el.p(rx.cond(state.errors.get("", "") != "", state.errors.get("", ""),
                        "Envoyée le " + state.sent_on + ". Référence : " + state.reference + "."), role="status"),
        after_sent() if heading is None else rx.fragment(),
        download_link("Télécharger l'accusé de réception (PDF)", href=receipt + state.declaration_id.to_string()),
        link_button("Voir mes démarches", href=routes.DEMARCHES.path, variant="primary"),
        class_name="success",
    )


def falc_step() -> rx.Component:
    picto = rx.cond(S.question_category != "", "/pictos/" + S.question_category + ".svg", "/pictos/situation.svg")
    return rx.el.form(
        rx.el.p("Question ", S.falc_index + 1, " sur ", S.falc_total, class_name="progress-line"),
        rx.el.img(src=picto, alt="", width=96, height=96, class_name="picto"),
        rx.el.h2(S.question, id="etape", tab_index=-1),
        button("Écouter", variant="secondary", extra="listen",
                     custom_attrs={"data-speak": "etape"}),
        rx.foreach(S.question_help, lambda line: rx.el.p(line)),  # each sentence on its own line
        # Shown once « Oui » is chosen, not before (styles.css: .if-yes).
        rx.cond(S.question_kind == "situation", rx.el.p(FALC["situation_changed"], class_name="if-yes",
                                                        aria_live="polite")),
        rx.match(
            S.question_kind,
            ("montant", rx.el.div(
                rx.el.label("Montant en euros", html_for="reponse-montant", class_name="field-label"),
                # id differs from the name: Reflex lets an input's ref (by id) override the form's value by name,
                # and the other branches' inputs, not mounted, would send null.
                rx.el.input(id="reponse-montant", name="reponse", inputmode="numeric", key=S.question_key,
                            default_value=S.answers.get(S.question_key, ""), class_name="input amount",
                            aria_describedby="reponse-messages", max_length=9),
                rx.cond(S.prefilled.contains(S.question_key), rx.el.p(FALC["prefilled"], class_name="hint")),
                class_name="field")),
            ("nature", rx.el.div(
                rx.el.label("Votre réponse", html_for="reponse-nature", class_name="field-label"),
                rx.el.input(id="reponse-nature", name="reponse", key=S.question_key, class_name="input", max_length=80,
                            default_value=S.answers.get(S.question_key, ""), aria_describedby="reponse-messages"),
                class_name="field")),
            rx.el.div(yes_no(S.question_key, on_change=False), key=S.question_key),
        ),
        messages("reponse", error(S.question_key)),
        *[rx.el.p(sentence) for key in ("month_rule", "caf_payments") for sentence in sentences(FALC[key])],
        actions("Continuer", back=True), on_submit=S.next_falc, class_name="form",
    )


def introduction() -> rx.Component:
    """The introduction in full on the first screen; after it, folded into « Rappel des consignes »."""
    text = rx.fragment(rx.el.p(S.intro), rx.cond(~S.falc, rx.fragment(
        rx.el.p(STD["month_rule"]), rx.el.p(rx.el.strong(STD["caf_payments"]), class_name="notice"))))
    first = (S.step == "situation") | ((S.step == "questions") & (S.falc_index == 0))
    return rx.fragment(
        rx.cond(S.step_progress != "", rx.el.p(S.step_progress, class_name="steps", id="etape-n")),
        rx.cond(first, text, rx.cond(S.step != "envoyee", rx.el.details(
            rx.el.summary(say("reminder")), text, class_name="help-block reminder"))))


def declaration_page() -> rx.Component:
    return page(
        rx.el.div(
            rx.el.h1(say("title")),
            rx.el.button(rx.cond(S.falc, FALC["switch"], STD["switch"]), type="button",
                         on_click=S.switch_variant, class_name="link-button"),
            restricted_or(S.restricted_message, rx.fragment(
                introduction(),
                # Keyed: each screen's uncontrolled inputs mount with the recorded answers, after the loader (a
                # reload or a link first renders the page empty) and from one person's screen to the next.
                rx.el.div(steps(S.step, ("personne", person_step()), ("revue", review_step()),
                                ("envoyee", sent_step()), ("questions", falc_step()), default=situation_step()),
                          key=S.visit.to_string() + "-" + S.step + "-" + S.person_index.to_string()),
            )),
            class_name=rx.cond(S.falc, "falc", "standard"),
        ),
        active="demarches", private=True,
    )
