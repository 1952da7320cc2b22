"""Simuler ou demander une prestation: the seed's "Pour commencer, faites une simulation" (Prime d'activité,
Rsa, Logement, PAJE), with the two first simulated here and the others on the national simulator."""

from __future__ import annotations

import reflex as rx

from .. import routes
from ..components.layout import page
from ..components.ui.actions import button
from ..components.ui.field import messages
from ..components.ui.link import app_link, document_link
from ..components.ui.message import card, status
from ..content import load
from ..state.simulation import AIDES, SimulationState as S

LOGEMENTS = (("locataire", "Je paie un loyer ou un prêt, sans aide au logement"),
             ("aide_logement", "Je reçois une aide au logement"),
             ("proprietaire", "Je suis propriétaire sans prêt à rembourser"),
             ("heberge", "Je suis hébergé(e) gratuitement"))
NATIONAL = "https://www.mesdroitssociaux.gouv.fr/"


def _error(name: str):
    return S.errors.get(name, "")


def choices(name: str, legend: str, options) -> rx.Component:
    return rx.el.fieldset(
        rx.el.legend(legend),
        *[rx.el.div(rx.el.input(type="radio", id=f"sim-{name}-{value}", name=name, value=value,
                                aria_describedby=f"{name}-messages"),
                    rx.el.label(label, html_for=f"sim-{name}-{value}"), class_name="field-radio")
          for value, label in options],
        messages(name, _error(name)),
    )


def amount(name: str, label: str, hint: str) -> rx.Component:
    return rx.el.div(
        rx.el.label(label, html_for=name, class_name="field-label"),
        rx.el.p(hint, id=f"{name}-hint", class_name="hint"),
        rx.el.input(id=name, name=name, inputmode="decimal", max_length=12, class_name="input amount",
                    aria_describedby=f"{name}-hint {name}-messages",
                    aria_invalid=rx.cond(_error(name) != "", "true", "false")),
        messages(name, _error(name)),
        class_name="field",
    )


def simulation_form() -> rx.Component:
    return rx.el.form(
        choices("aide", "Sélectionnez l'aide qui vous intéresse", list(AIDES.items())),
        choices("couple", "Vivez-vous en couple ?", [("non", "Non, seul(e)"), ("oui", "Oui, en couple")]),
        rx.el.div(
            rx.el.label("Nombre d'enfants à charge", html_for="enfants", class_name="field-label"),
            rx.el.input(id="enfants", name="enfants", inputmode="numeric", max_length=2, class_name="input amount",
                        aria_describedby="enfants-messages",
                        aria_invalid=rx.cond(_error("enfants") != "", "true", "false")),
            messages("enfants", _error("enfants")), class_name="field"),
        choices("logement", "Votre logement", LOGEMENTS),
        amount("revenus_activite", "Vos revenus d'activité par mois (en euros)",
               "Salaire net ou revenu d'indépendant. 0 si vous n'en avez pas."),
        amount("revenus_conjoint", "Les revenus d'activité de votre conjoint(e) par mois (en euros)",
               "0 si vous vivez seul(e) ou s'il ou elle n'en a pas."),
        amount("autres_ressources", "Les autres ressources du foyer par mois (en euros)",
               "Allocations chômage, pensions, rentes… Ne comptez pas les prestations de la Caf."),
        rx.el.div(button("Simuler", type="submit", variant="primary"), class_name="actions"),
        on_submit=S.simulate, custom_attrs={"data-keep": "caf_simulation"}, class_name="form",
    )


def result() -> rx.Component:
    return rx.cond(S.result_title != "", card(
        rx.el.h2(S.result_title, id="resultat-titre", tab_index=-1),
        rx.cond(S.amount != "",
                rx.el.p("Montant estimé : ", rx.el.strong(S.amount, class_name="amount"), " par mois",
                        role="status"),
                status(S.motif)),
        rx.cond(S.detail.length() > 0, rx.el.table(
            rx.el.caption("Détail du calcul (par mois)"),
            rx.el.tbody(rx.foreach(S.detail, lambda line: rx.el.tr(rx.el.th(line[0], scope="row"),
                                                                   rx.el.td(line[1])))),
            class_name="data-table")),
        rx.el.p("Ce résultat est une estimation : il ne vaut pas décision. Votre Caf calcule le droit réel à partir "
                "de votre demande et de vos ressources déclarées chaque trimestre.", class_name="hint"),
        aria_labelledby="resultat-titre"))


def simuler() -> rx.Component:
    bareme = load("baremes")
    return page(
        rx.el.h1("Simuler ou demander une prestation"),
        rx.el.p("Afin de connaître le montant potentiel de votre droit, nous vous invitons à effectuer une "
                "simulation."),
        rx.el.h2("Pour commencer, faites une simulation"),
        # Shown once the tab is connected: the fields then start from what this tab kept, and a tap on
        # "Simuler" cannot fall between two renderings of the form.
        rx.cond(rx.State.is_hydrated, simulation_form(),
                rx.el.p("Chargement…", role="status", class_name="loading loading--simulation")),
        result(),
        rx.el.p(bareme["source"], class_name="hint"),
        card(
            rx.el.h2("Logement, PAJE et les autres aides"),
            rx.el.p("Les aides au logement et la prestation d'accueil du jeune enfant (PAJE) se simulent sur le "
                    "simulateur national de toutes les aides sociales."),
            document_link("Aide sur mesdroitssociaux.gouv.fr (nouvelle fenêtre)", href=NATIONAL, target="_blank",
                          rel="noopener noreferrer")),
        card(
            rx.el.h2("Faites une demande de prestation en ligne"),
            rx.el.p("Pour déposer une demande, votre Caf a besoin de votre situation complète. Si la simulation "
                    "indique un droit, déclarez votre situation avec « Déclarer un changement » ou contactez votre "
                    "Caf : elle vous indiquera les pièces à transmettre."),
            rx.el.ul(rx.el.li(app_link("Déclarer un changement", href=routes.DECLARER_UN_CHANGEMENT.path)),
                     rx.el.li(app_link("Contacter ma Caf", href=routes.CONTACTER_MA_CAF.path)),
                     class_name="link-list")),
        active="demarches",
    )
