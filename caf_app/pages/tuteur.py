"""PREMIÈRE CONNEXION for tuteurs, as the seed shows it."""

from __future__ import annotations

import reflex as rx

from ..components.layout import page
from ..components.ui.link import app_link


def case(title: str, text: str, action: rx.Component) -> rx.Component:
    return rx.el.li(rx.el.h2(title), rx.el.p(text), action, class_name="card")


def premiere_connexion_tuteur() -> rx.Component:
    return page(
        rx.el.h1("Première connexion"),
        rx.el.ul(
            case("Vous êtes tuteur physique et vous avez déjà un espace Mon Compte",
                 "Pour votre première connexion, renseignez votre numéro de Sécurité sociale et votre mot de passe "
                 "actuel.", app_link("Se connecter", href="/connexion", class_name="button button--primary")),
            case("Vous êtes tuteur physique et vous n'avez pas d'espace Mon Compte",
                 "Vous pouvez créer votre compte pour accéder à vos données personnelles connues de la Caf.",
                 app_link("Créer Mon Compte", href="/creer-mon-compte", class_name="button button--primary")),
            case("Vous êtes tuteur moral",
                 "Vous pouvez vous connecter sur votre espace partenaire pour accéder aux comptes de vos protégés.",
                 rx.el.p("L'espace Mon Compte partenaire ne fait pas partie de ce service de démonstration.",
                         class_name="hint")),
            class_name="plain-list",
        ),
        active="accueil",
    )
