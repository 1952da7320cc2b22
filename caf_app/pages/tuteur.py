"""PREMIÈRE CONNEXION for tuteurs, as the seed shows it."""

from __future__ import annotations

import reflex as rx

from .. import routes
from ..components.layout import page
from ..components.ui.actions import link_button
from ..components.ui.message import card


def case(title: str, text: str, action: rx.Component) -> rx.Component:
    return card(rx.el.h2(title), rx.el.p(text), action, tag="li")


def premiere_connexion_tuteur() -> rx.Component:
    return page(
        rx.el.h1("Première connexion"),
        rx.el.ul(
            case("Vous êtes tuteur physique et vous avez déjà un espace Mon Compte",
                 "Pour votre première connexion, renseignez votre numéro de Sécurité sociale et votre mot de passe "
                 "actuel. Vous accédez ensuite au dossier de chaque personne que vous protégez : choisissez-le dans "
                 "« Mes dossiers ».", link_button("Se connecter", href=routes.CONNEXION.path, variant="primary")),
            case("Vous êtes tuteur physique et vous n'avez pas d'espace Mon Compte",
                 "Vous pouvez créer votre compte pour accéder à vos données personnelles connues de la Caf.",
                 link_button("Créer Mon Compte", href=routes.CREER_MON_COMPTE.path, variant="primary")),
            case("Vous êtes tuteur moral",
                 "Vous pouvez vous connecter sur votre espace partenaire pour accéder aux comptes de vos protégés.",
                 rx.el.p("Les comptes de vos protégés ne s'ouvrent pas depuis Mon Compte. L'espace Mon Compte "
                         "partenaire ouvrira prochainement dans ce service.", class_name="hint")),
            class_name="plain-list",
        ),
    )
