"""« Ma lettre d'info partenaires »: subscribe with a mail address (a confirmation link is mailed: double opt-in),
and what the links of the mails did (confirmed, unsubscribed)."""

from __future__ import annotations

import reflex as rx

from .. import routes
from ..components.layout import page
from ..components.ui.actions import button
from ..components.ui.field import select_field, text_field
from ..components.ui.message import alert, status
from ..domain.departements import caf_name
from ..state.lettre_info import LettreInfoState as S, WebinairesState as W
from .editorial import crumbs

LETTER_CAFS = ("92", "13", "06")  # the demo's Cafs (seed.CAFS), the Hauts-de-Seine's letter first (the seed's)


def lettre_info() -> rx.Component:
    error = S.errors
    return page(
        crumbs(("Professionnels", routes.PROFESSIONNELS.path), ("Ma lettre d'info partenaires", "")),
        rx.el.h1("Ma lettre d'info partenaires"),
        rx.cond(S.link_result != "", status(S.link_result, kind="success")),
        rx.cond(S.link_error != "", alert(S.link_error)),
        rx.el.p("La lettre aux partenaires est un support qui vous est entièrement dédié. Elle a pour vocation de vous "
                "informer sur l'actualité de l'offre de service de la Caf en vous communiquant, tous les mois, de "
                "l'information pratique mais aussi une vision des actions menées par la Caf sur le territoire."),
        rx.el.h2("S'inscrire"),
        rx.cond(S.done != "", status(S.done, kind="success")),
        rx.cond(error.get("", "") != "", alert(error.get("", ""))),
        rx.el.form(
            text_field(id="email", label="Votre adresse électronique", hint="Par exemple : nom@organisation.fr",
                       type="email", auto_complete="email", max_length=254, error=error.get("email", "")),
            select_field(id="caf", label="La Caf dont vous souhaitez recevoir la lettre",
                         options=[(d, caf_name(d)) for d in LETTER_CAFS], error=error.get("caf", "")),
            rx.el.p("Nous vous envoyons un courriel : votre inscription est faite quand vous cliquez sur son lien "
                    "(valable 7 jours). Chaque lettre contient un lien pour vous désinscrire en un clic.",
                    class_name="hint"),
            button("S'inscrire", type="submit", variant="primary"),
            on_submit=S.subscribe, class_name="form", no_validate=True),
        wide=False, active="professionnels",
    )


def webinaires() -> rx.Component:
    error = W.errors
    return page(
        crumbs(("Professionnels", routes.PROFESSIONNELS.path), ("Les webinaires de la Caf", "")),
        rx.el.h1("Les webinaires de la Caf"),
        rx.el.p("Vous êtes un partenaire d'accès aux droits de la Caf des Hauts-de-Seine. Inscrivez-vous à un "
                "webinaire : l'invitation vous est envoyée par courriel, à ajouter à votre agenda, et le lien de "
                "connexion vous parvient la veille."),
        rx.cond(W.done != "", status(W.done, kind="success")),
        rx.cond(error.get("", "") != "", alert(error.get("", ""))),
        rx.el.form(
            select_field(id="webinaire", label="Webinaire", items=W.webinars,
                         option=lambda w: rx.el.option(rx.cond(w.full, w.label + " (complet)", w.label),
                                                       value=w.key, disabled=w.full),
                         error=error.get("webinaire", ""), placeholder="Choisissez"),
            text_field(id="nom", label="Prénom et nom", auto_complete="name", max_length=120,
                       error=error.get("nom", "")),
            text_field(id="organisation", label="Organisation", hint="Votre structure, service ou association",
                       auto_complete="organization", max_length=120, error=error.get("organisation", "")),
            text_field(id="email", label="Adresse électronique", type="email", auto_complete="email", max_length=254,
                       error=error.get("email", "")),
            button("S'inscrire au webinaire", type="submit", variant="primary"),
            on_submit=W.register, class_name="form", no_validate=True),
        rx.el.p(rx.el.a("Télécharger tout le programme (calendrier .ics)",
                        href="/professionnels/programme-webinaires-caf92.ics")),
        active="professionnels",
    )
