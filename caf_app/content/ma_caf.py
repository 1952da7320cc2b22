"""Ma Caf: the words of the chooser and of a Caf's page, and each demo Caf's local content
(content/data/ma_caf/<département>.json: news, local aids by theme, « La Caf vous informe », configured délais,
contacts, points d'accueil with their hours, France Services nearby, postal address)."""

from __future__ import annotations

import functools
from datetime import date, timedelta
from typing import Any

from ..domain.dates import format_date
from ..domain.ma_caf import DEMO_CAFS
from . import load

TITLE = "Ma Caf"
INTRO = ("Choisissez votre Caf pour retrouver ses actualités, ses aides locales, ses délais de traitement et ses "
         "points d'accueil. Votre choix est gardé sur cet appareil.")
FIELD = "Code postal de votre domicile"
HINT = "5 chiffres, par exemple 13013"
SUBMIT = "Trouver ma Caf"
LOCATE = "Me localiser"
LOCATING = "Localisation en cours…"
LOCATE_HINT = ("Ou laissez votre navigateur donner votre position : elle sert seulement à trouver votre commune et "
               "n'est pas conservée.")
LIST_TITLE = "Les Caf de cette démonstration"
CHANGE = "Changer de Caf"

# The sections every Caf's file must fill (tests/unit/test_ma_caf.py).
SECTIONS = ("news", "aides", "informations", "delais", "contacts", "points_accueil", "france_services",
            "postal_address")
THEMES = ("Vie personnelle", "Vie professionnelle", "Logement", "Handicap", "Accidents de vie")

# The configured figures, as the seed's « Indicateurs locaux » say them (used while the Caf has no queue here).
CONFIGURED = {
    "courriels": "Votre Caf traite actuellement les courriels arrivés entre le {start} et le {end}.",
    "rsa_aah": "Votre Caf traite actuellement les demandes RSA et AAH arrivées entre le {start} et le {end}.",
    "autres": "Votre Caf traite actuellement les autres demandes arrivées entre le {start} et le {end}.",
}
CONFIGURED_OUTRO = ("Il est inutile de nous contacter si vous avez réalisé une demande après ces dates. Votre "
                    "dossier est en attente de traitement.")


@functools.cache
def caf(departement: str) -> dict[str, Any]:
    """The local content of a demo Caf (KeyError for a Caf without a page)."""
    if departement not in DEMO_CAFS:
        raise KeyError(departement)
    return load(f"ma_caf/{departement}")


def news_date(iso: str) -> str:
    """"2026-03-25" -> "25.03.2026", as the seed's news list dates them."""
    year, month, day = iso.split("-")
    return f"{day}.{month}.{year}"


def last_tuesday(today: date) -> date:
    return today - timedelta(days=(today.weekday() - 1) % 7)


def configured_delais(departement: str, today: date) -> tuple[str, list[str]]:
    """(updated on, sentences) from the Caf's configured figures: days back from the last Tuesday's update."""
    updated = last_tuesday(today)
    back = caf(departement)["delais"]["back_days_from_last_tuesday"]
    lines = [CONFIGURED[kind].format(start=format_date(updated - timedelta(days=back[kind][0])),
                                     end=format_date(updated - timedelta(days=back[kind][1])))
             for kind in CONFIGURED]
    return format_date(updated), lines
