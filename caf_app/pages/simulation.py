"""Simuler ou demander une prestation: the seed's "Pour commencer, faites une simulation", one flow per aide
(one screen per topic: foyer, logement, ressources, handicap), the amounts computed by the rules service with
how they are computed and what they become if the income changes; RSA, prime d'activité and AAH also in an
easy-to-read version (content/data/simulation_falc.json, same keys as simulation_standard.json)."""

from __future__ import annotations

import re

import reflex as rx

from .. import routes
from ..components.layout import page
from ..components.ui.actions import button
from ..components.ui.error_summary import error_summary
from ..components.ui.field import messages
from ..components.ui.link import app_link, document_link
from ..components.ui.message import alert, card, status
from ..components.ui.steps import steps
from ..rules.situation import MAX_CHILDREN, Logement
from ..services.situation.simulateur import FOYER, HANDICAP, INCAPACITES, LOGEMENT, ORDER, RESSOURCES, RESULT
from ..state.simulation import SimulationState as S, words

STD, FALC = words(False), words(True)
NATIONAL = "https://www.mesdroitssociaux.gouv.fr/"
DEMANDE = "demande"  # the anchor of "Faites une demande de prestation en ligne"


def say(key: str, sub: str = ""):
    """A wording of the current version (standard or easy to read)."""
    if sub:
        return rx.cond(S.falc, FALC[key][sub], STD[key][sub])
    return rx.cond(S.falc, FALC[key], STD[key])


def paragraphs(key: str, class_name: str = "") -> rx.Component:
    """Easy to read: each sentence on its own line."""
    falc = [rx.el.p(line, class_name=class_name) for line in re.split(r"(?<=[.?!])\s+", FALC[key]) if line]
    return rx.cond(S.falc, rx.fragment(*falc), rx.el.p(STD[key], class_name=class_name))


def error(name):
    return S.errors.get(name, "")


def invalid(name):
    return rx.cond(error(name) != "", "true", "false")


def text_input(name, label, hint=None, *, numeric: bool = False, max_length: int = 10, **props) -> rx.Component:
    """A labelled input whose hint and message are tied to it; it starts from the answer kept."""
    return rx.el.div(
        rx.el.label(label, html_for=name, class_name="field-label"),
        rx.el.p(hint, id=name + "-hint", class_name="hint") if hint is not None else rx.fragment(),
        rx.el.input(id=name, name=name, default_value=S.answers.get(name, ""), max_length=max_length,
                    input_mode="decimal" if numeric else "text", autocomplete="off",
                    class_name="input amount" if numeric else "input input--date",
                    aria_describedby=(name + "-hint " if hint is not None else "") + name + "-messages",
                    aria_invalid=invalid(name), **props),
        messages(name, error(name)),
        class_name=rx.cond(error(name) != "", "field field--error", "field"),
    )


def date_input(name, label) -> rx.Component:
    return text_input(name, label, say("date_hint"), placeholder="JJ/MM/AAAA")


def radios(name: str, legend, options, *, saved: bool = True) -> rx.Component:
    """A question with a few answers; saved: the answer changes the questions shown, so it is kept at once."""
    def option(value: str, label):
        extra = {"on_change": lambda _v: S.answer(name, value)} if saved else {}
        return rx.el.label(
            rx.el.input(type="radio", id=f"{name}-{value}", name=name, value=value,
                        default_checked=S.answers.get(name, "") == value, aria_invalid=invalid(name),
                        aria_describedby=f"{name}-messages", **extra),
            rx.el.span(label), class_name="choice-big")
    return rx.el.fieldset(rx.el.legend(legend, class_name="field-label"),
                          rx.el.div(*[option(value, label) for value, label in options], class_name="yes-no"),
                          messages(name, error(name)), class_name="field")


def yes_no(name: str, legend, *, saved: bool = False) -> rx.Component:
    return radios(name, legend, [("oui", say("oui")), ("non", say("non"))], saved=saved)


def step_form(*body) -> rx.Component:
    return rx.el.form(
        rx.el.p("Étape ", S.step_number, " sur ", S.step_count, class_name="progress-line"),
        rx.el.h2(rx.match(S.step, *[(step, say("steps", step)) for step in (FOYER, LOGEMENT, RESSOURCES, HANDICAP)],
                          ""), id="etape", tab_index=-1),
        error_summary(S.errors),
        *body,
        rx.el.div(button(say("previous"), variant="secondary", on_click=S.back),
                  button(rx.cond(S.last_step, say("see"), say("next")), type="submit"), class_name="actions"),
        on_submit=S.next, custom_attrs={"data-keep": "caf_simulation_" + S.theme}, class_name="form",
    )


def child(name, index) -> rx.Component:
    return date_input(name, rx.fragment(say("enfant"), " ", index + 1))


def foyer_step() -> rx.Component:
    return step_form(
        radios("couple", say("couple"), [("oui", say("couple_oui")), ("non", say("couple_non"))]),
        date_input("demandeur_ne_le", say("demandeur_ne_le")),
        rx.cond(S.shown.contains("conjoint_ne_le"), date_input("conjoint_ne_le", say("conjoint_ne_le"))),
        rx.el.div(
            rx.el.label(say("nombre_enfants"), html_for="nombre_enfants", class_name="field-label"),
            rx.el.p(say("nombre_enfants_hint"), id="nombre_enfants-hint", class_name="hint"),
            rx.el.select(*[rx.el.option(str(n), value=str(n)) for n in range(MAX_CHILDREN + 1)],
                         id="nombre_enfants", name="nombre_enfants",
                         default_value=S.answers.get("nombre_enfants", "0"), class_name="input amount",
                         on_change=lambda value: S.answer("nombre_enfants", value),
                         aria_describedby="nombre_enfants-hint nombre_enfants-messages",
                         aria_invalid=invalid("nombre_enfants")),
            messages("nombre_enfants", error("nombre_enfants")), class_name="field"),
        rx.foreach(S.children, child),
        rx.cond(S.shown.contains("attendu"), yes_no("attendu", say("attendu"), saved=True)),
        rx.cond(S.shown.contains("naissance_prevue"), date_input("naissance_prevue", say("naissance_prevue"))),
        rx.cond(S.shown.contains("pension_alimentaire"), yes_no("pension_alimentaire", say("pension_alimentaire"))),
    )


def logement_step() -> rx.Component:
    return step_form(
        radios("logement", say("logement"), [(kind.value, say("logements", kind.value)) for kind in Logement]),
        rx.cond(S.shown.contains("loyer"), rx.fragment(
            text_input("loyer", say("loyer"), say("loyer_hint"), numeric=True, max_length=12),
            # The commune shows as the code is typed, not when the field is left: found on blur, it pushed the
            # buttons down between the press on « Suivant » and its release, and the tap was lost.
            text_input("code_postal", say("code_postal"), say("code_postal_hint"), max_length=5,
                       on_change=lambda value: S.answer("code_postal", value)),
            rx.cond(S.communes.length() > 1, rx.el.div(
                rx.el.label(say("commune"), html_for="commune", class_name="field-label"),
                rx.el.select(rx.el.option("", value=""),
                             rx.foreach(S.communes, lambda name: rx.el.option(name, value=name)),
                             id="commune", name="commune", default_value=S.answers.get("commune", ""),
                             class_name="input", aria_describedby="commune-messages", aria_invalid=invalid("commune")),
                messages("commune", error("commune")), class_name="field")),
            rx.cond(S.communes.length() == 1, rx.el.p(say("commune"), " : ", S.communes[0], class_name="hint")),
        )),
    )


def resources_of(who: str, heading: str) -> rx.Component:
    return rx.el.fieldset(
        rx.el.legend(say(heading), class_name="field-label"),
        text_input(f"{who}_activite", say("activite"), say("activite_hint"), numeric=True, max_length=12),
        text_input(f"{who}_chomage", say("chomage"), say("zero_hint"), numeric=True, max_length=12),
        text_input(f"{who}_pensions", say("pensions"), say("zero_hint"), numeric=True, max_length=12),
        class_name="field")


def ressources_step() -> rx.Component:
    return step_form(
        paragraphs("ressources_intro", "notice"),
        resources_of("demandeur", "vous"),
        rx.cond(S.shown.contains("conjoint_activite"), resources_of("conjoint", "conjoint")),
    )


def handicap_step() -> rx.Component:
    return step_form(
        radios("demandeur_incapacite", say("incapacite"),
               [(value, say("incapacites", value)) for value in INCAPACITES]),
        rx.cond(S.shown.contains("demandeur_restriction"), yes_no("demandeur_restriction", say("restriction"))),
    )


def amount_card(amount) -> rx.Component:
    return card(
        rx.el.h3(amount.label),
        rx.cond(S.falc & (amount.falc != ""), rx.el.p(amount.falc)),
        rx.cond(amount.amount != "",
                rx.el.p(say("estimated"), rx.el.strong(amount.amount, class_name="amount-value"), say("per_month"),
                        class_name="amount-line"),
                rx.fragment(rx.el.p(rx.el.strong(say("nothing")), class_name="amount-line"),
                            rx.el.p(amount.nothing))),
        rx.cond(amount.bareme != "", rx.el.p(say("bareme"), amount.bareme, class_name="hint")),
        rx.el.details(
            rx.el.summary(say("how")),
            rx.el.table(
                rx.el.tbody(rx.foreach(amount.lines, lambda line: rx.el.tr(
                    rx.el.th(line.label, rx.el.span(line.sentence, class_name="hint line-sentence"), scope="row"),
                    rx.el.td(line.amount, class_name="num")))),
                class_name="data-table"),
            rx.el.p("Date de la dernière revalorisation ", amount.bareme_label, " : ", amount.bareme, ".",
                    class_name="hint"),
            class_name="how"),
        tag="article", extra="result-card",
    )


def what_if_block() -> rx.Component:
    return rx.el.section(
        rx.el.h3(say("what_if"), id="et-si"),
        rx.el.p(say("what_if_intro")),
        # The chart draws the table's numbers (the table is its text alternative): equal amounts, equal bars.
        rx.el.div(rx.foreach(S.what_if, lambda row: rx.el.div(
            rx.el.span(rx.el.span(class_name="sim-bar", style={"height": f"{row.height}%"}), class_name="sim-track"),
            rx.el.span(row.axis, class_name="sim-axis"), class_name="sim-bar-col")),
            class_name="sim-chart", aria_hidden="true"),
        rx.el.table(
            rx.el.caption(say("what_if")),
            rx.el.thead(rx.el.tr(rx.el.th(say("income"), scope="col", class_name="num-head"),
                                 rx.el.th(say("amount"), scope="col", class_name="num-head"))),
            rx.el.tbody(rx.foreach(S.what_if, lambda row: rx.el.tr(
                rx.el.td(row.income, class_name="num"), rx.el.td(row.amount, class_name="num")))),
            class_name="data-table"),
        aria_labelledby="et-si",
    )


def result_step() -> rx.Component:
    return rx.el.section(
        rx.el.h2(say("result"), id="etape", tab_index=-1),
        rx.cond(S.computing, status(say("computing"))),
        rx.cond(S.unavailable != "", rx.fragment(
            alert(S.unavailable), button(say("retry"), on_click=S.retry, variant="primary"))),
        rx.foreach(S.results, amount_card),
        rx.cond(S.what_if.length() > 0, what_if_block()),
        rx.cond(S.others.length() > 0, rx.el.section(
            rx.el.h3(say("others"), id="autres"),
            rx.el.ul(rx.foreach(S.others, lambda other: rx.el.li(
                other.label, " : ", rx.el.strong(other.amount, class_name="amount-value"), say("per_month"))),
                class_name="others"),
            aria_labelledby="autres")),
        rx.cond(S.results.length() > 0, paragraphs("disclaimer", "hint")),
        rx.el.div(rx.el.a(say("apply"), href=S.apply_href, class_name="button button--primary"),
                  button(say("edit"), variant="secondary", on_click=S.edit), class_name="actions"),
        aria_busy=rx.cond(S.computing, "true", "false"), aria_labelledby="etape", class_name="result",
    )


def entry() -> rx.Component:
    return rx.el.div(
        rx.el.h2(STD["start"]),
        rx.el.p(STD["choose"]),
        rx.el.ul(*[rx.el.li(button(theme.label, variant="secondary", extra="aide",
                                   on_click=S.choose(theme.value))) for theme in ORDER], class_name="aides"),
        rx.el.p(rx.el.a(STD["no_simulation"], href=routes.DEMANDES.path, class_name="link-strong")),
        rx.el.p(document_link("Aide sur mesdroitssociaux.gouv.fr (nouvelle fenêtre)", href=NATIONAL, target="_blank",
                              rel="noopener noreferrer")),
    )


def flow_header() -> rx.Component:
    return rx.el.div(
        rx.el.p(rx.el.strong(S.theme_label), class_name="sim-theme"),
        button(say("change_aide"), variant="secondary", extra="link-button", on_click=S.restart),
        rx.cond(S.falc_offered, rx.el.button(say("switch"), type="button", on_click=S.switch_version,
                                             class_name="link-button")),
        class_name="sim-header")


def demande() -> rx.Component:
    return card(
        rx.el.h2("Faites une demande de prestation en ligne"),
        rx.el.p("Aide au logement, prime d'activité, Rsa, PAJE, AAH… : choisissez la prestation et faites la "
                "demande en ligne. Pour les allocataires, grâce à votre compte, nous réutilisons vos données déjà "
                "saisies."),
        rx.el.ul(rx.el.li(app_link("Choisir une prestation à demander", href=routes.DEMANDES.path)),
                 rx.el.li(app_link("Déclarer un changement", href=routes.DECLARER_UN_CHANGEMENT.path)),
                 class_name="link-list"),
        id=DEMANDE, tab_index=-1)


def simuler() -> rx.Component:
    return page(
        rx.el.div(
            rx.el.h1("Simuler ou demander une prestation"),
            rx.cond(S.theme == "", rx.el.p(STD["intro"]), flow_header()),
            rx.cond(S.prefilled & (S.theme != "") & (S.step != RESULT), status(say("prefilled"))),
            # Shown once the tab is connected: the screens then start from what this tab kept.
            rx.cond(rx.State.is_hydrated,
                    steps(rx.cond(S.theme == "", "", S.step), ("", entry()), (FOYER, foyer_step()),
                          (LOGEMENT, logement_step()), (RESSOURCES, ressources_step()), (HANDICAP, handicap_step()),
                          (RESULT, result_step()), default=entry()),
                    rx.el.p("Chargement…", role="status", class_name="loading loading--simulation")),
            class_name=rx.cond(S.falc, "falc", "standard")),
        demande(),
        active="demarches",
    )
