"""The words of « Délais de traitement » (Mes démarches): figures measured on the Caf's real queue, said plainly,
and said to be not measured yet when the Caf has decided nothing of that kind in the last 30 days."""

from __future__ import annotations

from ..domain.dates import format_date
from ..domain.delais import WINDOW_DAYS, Category, Delai

TITLE = "Délais de traitement"
INTRO = (f"En ce moment, votre Caf traite les démarches dans ces délais. C'est le délai médian, de la réception à "
         f"la décision, des démarches traitées ces {WINDOW_DAYS} derniers jours : la moitié a été traitée plus vite, "
         "l'autre moitié plus lentement.")
OUTRO = ("Si votre démarche a été reçue après la plus ancienne encore en attente, elle sera traitée à son tour : il "
         "est inutile de nous contacter.")
# (label, "traitées", nothing waiting, the oldest waiting): a message is masculine, a démarche feminine
WORDS = {
    Category.RSA_AAH: ("Demandes et déclarations trimestrielles de RSA et d'AAH", "traitées",
                       "Aucune n'est en attente.", "La plus ancienne encore en attente a été reçue le"),
    Category.AUTRES: ("Autres démarches", "traitées", "Aucune n'est en attente.",
                      "La plus ancienne encore en attente a été reçue le"),
    Category.COURRIELS: ("Messages envoyés à votre Caf", "traités", "Aucun n'est en attente.",
                         "Le plus ancien encore en attente a été reçu le"),
}


def days(value: float) -> str:
    """12.0 -> "12 jours"; 12.5 -> "12,5 jours"; 1 -> "1 jour"."""
    number = f"{value:.0f}" if value == int(value) else f"{value:.1f}".replace(".", ",")
    return f"{number} jour" if value <= 1 else f"{number} jours"


def measured(delai: Delai) -> str:
    """The délai, or why there is none."""
    if delai.median_days is None:
        return f"délai pas encore mesuré, faute de décision de ce type ces {WINDOW_DAYS} derniers jours."
    counted = "1 décision" if delai.decisions == 1 else f"{delai.decisions} décisions"
    when = "le jour même" if delai.median_days == 0 else f"en {days(delai.median_days)}"
    return f"{WORDS[delai.category][1]} {when} (délai médian de {counted} ces {WINDOW_DAYS} derniers jours)."


def waiting(delai: Delai) -> str:
    _, _, none, oldest = WORDS[delai.category]
    return none if delai.oldest_waiting is None else f"{oldest} {format_date(delai.oldest_waiting)}."


def sentence(delai: Delai) -> str:
    """"Autres démarches : traitées en 12 jours (délai médian de 40 décisions ces 30 derniers jours). La plus
    ancienne encore en attente a été reçue le 02/11/2026." """
    return f"{WORDS[delai.category][0]} : {measured(delai)} {waiting(delai)}"
