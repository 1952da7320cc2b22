"""Ma déclaration annuelle de ressources, de patrimoine, d'avantage vieillesse: the quarterly declaration's
screens (pages/declaration.py) for a year's figures, one screen per person, the review, the accusé."""

from __future__ import annotations

import reflex as rx

from .. import routes
from ..components.layout import page, restricted_or
from ..components.ui.field import messages
from ..components.ui.link import app_link
from ..components.ui.message import alert, card
from ..components.ui.steps import steps
from ..content import declaration_annuelle as wording
from ..services.situation.annual_declarations import KINDS
from ..state.declaration_annuelle import AnnualDeclarationState as A
from .declaration import actions, amount_input, error, review_person, sent_step, title_from_address, yes_no

WORDS = wording.common()
# The page's title from the address itself, in the browser (as the quarterly declaration's, pages/declaration.py).
TITLES = {slug: wording.words(kind)["title"] for slug, kind in KINDS.items()}
PAGE_TITLE = title_from_address(TITLES, "Déclaration de ressources")


def annual_link(link) -> rx.Component:
    """A link to one of these declarations (Mes ressources, Mes démarches), marked when the Caf asks for it."""
    return rx.el.li(app_link(link.label, href=link.href),
                    rx.cond(link.asked, rx.el.strong(" ", WORDS["asked"], class_name="tag")),
                    rx.el.p(link.hint, class_name="hint"))


def question(q) -> rx.Component:
    received = q.key + ":recu"
    return rx.el.fieldset(
        rx.el.legend(q.question),
        rx.el.details(rx.el.summary("?", aria_label="Aide : " + q.question), rx.el.p(q.help), class_name="help"),
        yes_no(received, state=A),
        messages(received, error(received, A)),
        rx.cond(A.answers.get(received, "") == "oui", rx.el.div(
            rx.foreach(q.fields, lambda f: rx.cond(f.amount, amount_input(f.key, f.label, state=A),
                                                   amount_input(f.key, f.label, state=A, amount=False))),
            class_name="amounts")),
        class_name="category",
    )


def person_step() -> rx.Component:
    return rx.el.form(
        rx.el.h2(A.person_heading, id="etape", tab_index=-1),
        rx.foreach(A.questions, question),
        actions("Continuer", back=A.person_index > 0, state=A, leave=routes.MES_RESSOURCES.path),
        on_submit=A.next, class_name="form",
    )


def review_step() -> rx.Component:
    return rx.el.form(
        rx.el.h2(WORDS["review_heading"], id="etape", tab_index=-1),
        rx.el.p(WORDS["review_intro"]),
        rx.cond(error("", A) != "", alert(error("", A))),
        card(rx.el.ul(rx.foreach(A.review, lambda person: review_person(person, state=A)), class_name="plain-list")),
        rx.el.div(rx.el.input(type="checkbox", id="confirmation", name="confirmation", class_name="checkbox",
                              aria_describedby="confirmation-messages"),
                  rx.el.label(WORDS["confirm"], html_for="confirmation"), class_name="field-check"),
        messages("confirmation", error("confirmation", A)),
        actions(WORDS["send"], state=A), on_submit=A.send, class_name="form",
    )


def sent() -> rx.Component:
    return sent_step(state=A, heading=WORDS["sent"], receipt="/api/documents/declaration-annuelle/")


def declaration_annuelle_page() -> rx.Component:
    return page(
        rx.el.div(
            rx.el.h1(A.title),
            restricted_or(A.restricted_message, rx.fragment(
                rx.foreach(A.intro, lambda line: rx.el.p(line)),
                # Keyed: each screen's uncontrolled inputs mount with the recorded answers (pages/declaration.py).
                rx.el.div(steps(A.step, ("revue", review_step()), ("envoyee", sent()), default=person_step()),
                          key=A.visit.to_string() + "-" + A.step + "-" + A.person_index.to_string()),
            )),
            class_name="standard",
        ),
        active="demarches", private=True,
    )
