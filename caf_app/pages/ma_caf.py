"""Ma Caf: the chooser by postal code (/ma-caf), and one prerendered page per demo Caf (/ma-caf/13...), built
from its content file: news, local aids by theme, « La Caf vous informe », délais de traitement (the only part
read at load: measured on the Caf's real queue, state/ma_caf.py), contacts, points d'accueil, France Services and
postal address."""

from __future__ import annotations

from typing import Any

import reflex as rx

from .. import routes
from ..components.layout import page
from ..components.ui.actions import button
from ..components.ui.field import messages, text_field
from ..components.ui.link import app_link
from ..components.ui.message import card
from ..content import delais as delais_words, ma_caf as words
from ..domain.ma_caf import DEMO_CAFS
from ..state.ma_caf import MaCafState as S
from .actualites import latest


def crumbs(*trail: tuple[str, str]) -> rx.Component:
    """Accueil Allocataires > Ma Caf (> the Caf): the last item is the current page."""
    items = [("Accueil Allocataires", routes.HOME.path), *trail]
    return rx.el.nav(rx.el.ol(*[rx.el.li(app_link(label, href=href) if href else
                                         rx.el.span(label, aria_current="page")) for label, href in items],
                              class_name="breadcrumb-list"),
                     aria_label="Fil d'Ariane", class_name="breadcrumb")


def choisir_ma_caf() -> rx.Component:
    return page(
        crumbs(("Ma Caf", "")),
        rx.el.h1(words.TITLE),
        rx.el.p(words.INTRO),
        rx.el.form(
            text_field(id="code_postal", label=words.FIELD, hint=words.HINT, error=S.error, input_mode="numeric",
                       auto_complete="postal-code", max_length=10),
            button(words.SUBMIT, type="submit"),
            on_submit=S.choose, id="ma-caf", class_name="form",
        ),
        locate(),
        rx.el.h2(words.LIST_TITLE),
        rx.el.ul(*[rx.el.li(app_link(words.caf(d)["name"], href=routes.MA_CAF_PAGES[d].path)) for d in DEMO_CAFS]),
    )


def locate() -> rx.Component:
    """« Me localiser »: the browser's position -> the commune it is in -> its Caf (state/ma_caf.py). While the
    browser looks, the button keeps its name and its focus (aria-disabled, a second tap waits) and the live region
    says so."""
    return rx.el.div(
        rx.el.p(words.LOCATE_HINT, id="localisation-hint", class_name="hint"),
        button(words.LOCATE, variant="secondary", on_click=S.locate,
               aria_disabled=rx.cond(S.locating, "true", "false"),
               aria_describedby="localisation-hint localisation-status localisation-messages"),
        rx.el.p(rx.cond(S.locating, words.LOCATING, ""), id="localisation-status", role="status", class_name="hint"),
        messages("localisation", S.locate_error),
        class_name="field",
        # The browser's position needs the page's script: hidden until it runs, its room kept (nothing moves then).
        style={"visibility": rx.cond(rx.State.is_hydrated, "visible", "hidden")},
    )


def places(entries: list[dict[str, Any]]) -> rx.Component:
    """Points d'accueil or France Services: name, address, hours."""
    return rx.el.ul(*[rx.el.li(
        rx.el.h3(p["name"]), rx.el.p(p["address"]),
        rx.el.ul(*[rx.el.li(hours) for hours in p["hours"]], aria_label=f"Horaires : {p['name']}"),
        class_name="card") for p in entries], class_name="list-plain")


def news(c: dict[str, Any], departement: str) -> rx.Component:
    scope = {"départementale": "Actualité départementale", "nationale": "Actualité nationale"}
    return card(
        rx.el.h2("Fil d'actualités", id="actualites"),
        latest(S),  # the latest published from the agents' space, first
        # Without scripts, those come from the page the server writes (api/plain.py).
        rx.el.noscript(rx.el.p(rx.el.a("Les dernières actualités publiées par la Caf",
                                       href=f"/api/actualites?caf={departement}"))),
        rx.el.ul(*[rx.el.li(
            rx.el.article(
                rx.el.p(n["theme"], class_name="tag"),
                rx.el.h3(n["title"]),
                rx.el.p(scope[n["scope"]], " ", words.news_date(n["date"]), class_name="hint"),
                rx.el.p(n["text"]))) for n in c["news"]], class_name="list-plain"),
    )


def aides(c: dict[str, Any]) -> rx.Component:
    return card(
        rx.el.h2("Comment la Caf peut vous aider ?", id="aides"),
        rx.el.p(c["aides_intro"]),
        *[rx.el.div(rx.el.h3(theme["theme"]),
                    rx.el.ul(*[rx.el.li(rx.el.strong(a["title"]), " : ", a["text"]) for a in theme["items"]]))
          for theme in c["aides"]],
    )


def informations(c: dict[str, Any]) -> rx.Component:
    return card(
        rx.el.h2("La Caf vous informe", id="informations"),
        rx.el.ul(*[rx.el.li(rx.el.strong(i["title"]), " : ", i["text"]) for i in c["informations"]]),
    )


def delais() -> rx.Component:
    """Filled when the page opens (state/ma_caf.py): measured on the Caf's queue, or its configured figures."""
    return card(
        rx.el.h2(delais_words.TITLE, id="delais"),
        rx.el.div(
            rx.cond(S.delais_updated != "", rx.fragment(
                rx.el.p(rx.cond(S.delais_measured, delais_words.INTRO + " ", ""),
                        "Chiffres mis à jour le ", S.delais_updated, "."),
                rx.el.ul(rx.foreach(S.delais_lines, lambda line: rx.el.li(line))),
                rx.cond(S.delais_waiting, rx.el.p(rx.cond(S.delais_measured, delais_words.OUTRO,
                                                          words.CONFIGURED_OUTRO))),
            ), rx.el.p("Chargement des délais de traitement…", class_name="hint")),
            aria_live="polite",
        ),
    )


def contacts(c: dict[str, Any]) -> rx.Component:
    k = c["contacts"]
    return card(
        rx.el.h2("Nous contacter", id="contacts"),
        rx.el.h3("Par téléphone"),
        rx.el.ul(*[rx.el.li(rx.el.strong(p["label"]), " : ", p["text"]) for p in k["phones"]]),
        rx.el.h3("Par courriel"),
        rx.el.p(k["courriel"], " ", app_link("Contacter ma Caf", href=routes.CONTACTER_MA_CAF.path)),
        rx.el.h3("Sur rendez-vous"),
        rx.el.p(k["rendez_vous"]),
    )


def caf_page(departement: str) -> rx.Component:
    c = words.caf(departement)
    return page(
        crumbs(("Ma Caf", routes.MA_CAF.path), (c["name"], "")),
        rx.el.h1(c["name"]),
        rx.el.p(f"Siège : {c['headquarters']}. ", app_link(words.CHANGE, href=routes.MA_CAF.path)),
        news(c, departement), aides(c), informations(c), delais(), contacts(c),
        card(rx.el.h2(f"Nos points d'accueil dans {c['territory']}", id="points-accueil"),
             rx.el.p(app_link("Prendre rendez-vous", href=f"{routes.PRENDRE_RENDEZ_VOUS.path}?caf={departement}"),
                     " : à l'accueil, par téléphone ou en visio."),
             places(c["points_accueil"])),
        card(rx.el.h2("Les points France Services près de chez vous", id="france-services"),
             rx.el.p("Dans un espace France Services, un conseiller vous aide dans vos démarches Caf en ligne."),
             places(c["france_services"])),
        card(rx.el.h2("Adresse postale", id="adresse-postale"),
             rx.el.address(*[rx.el.span(line, rx.el.br()) for line in c["postal_address"]])),
    )


def _page_of(departement: str):
    def view() -> rx.Component:
        return caf_page(departement)
    view.__name__ = f"caf_{departement}"
    return view


# The registry names each Caf's page "caf_app.pages.ma_caf:caf_13" (routes.MA_CAF_PAGES).
for _departement in DEMO_CAFS:
    globals()[f"caf_{_departement}"] = _page_of(_departement)
