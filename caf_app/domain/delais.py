"""Délais de traitement measured on the real queue: for each category of démarche, the median number of days from
receipt to decision over the decisions of the last 30 days, and the receipt of the oldest one still waiting.

Pure: the service reads the rows (one query) and hands them over as dates in the Caf's day (Paris)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from .demandes import CATALOGUE, DemandeKind
from .prestations import Prestation
from .statuses import DemarcheKind

WINDOW_DAYS = 30


class Category(StrEnum):
    """The three figures a Caf publishes (the values the DelaiTraitement table used)."""

    RSA_AAH = "rsa_aah"
    AUTRES = "autres"
    COURRIELS = "courriels"


# A demande de RSA or d'AAH is recorded under its catalogue's title; a déclaration trimestrielle under a title
# naming its prestation: "Déclaration trimestrielle de ressources (Revenu de solidarité active) : ...".
RSA_AAH_DEMANDES = frozenset({CATALOGUE[DemandeKind.RSA].demarche, CATALOGUE[DemandeKind.AAH].demarche})
RSA_AAH_DECLARATIONS = (f"({Prestation.RSA.label})", f"({Prestation.AAH.label})")
# The only kinds whose title decides their category: the service groups the others by kind alone.
TITLED_KINDS = frozenset({DemarcheKind.DEMANDE_PRESTATION, DemarcheKind.DECLARATION_TRIMESTRIELLE})


def category_of(kind: str, title: str) -> Category:
    """A message to the Caf counts with the courriels; a demande or a déclaration of RSA or AAH with RSA/AAH; any
    other démarche with the others."""
    if kind == DemarcheKind.MESSAGE:
        return Category.COURRIELS
    if kind == DemarcheKind.DEMANDE_PRESTATION and title in RSA_AAH_DEMANDES:
        return Category.RSA_AAH
    if kind == DemarcheKind.DECLARATION_TRIMESTRIELLE and any(mark in title for mark in RSA_AAH_DECLARATIONS):
        return Category.RSA_AAH
    return Category.AUTRES


def window_start(today: date) -> date:
    """The first day whose decisions count: the last 30 days, today included."""
    return today - timedelta(days=WINDOW_DAYS - 1)


def median(values: Sequence[int]) -> float | None:
    """The middle value (the mean of the two middle ones for an even count); None for no value."""
    ordered = sorted(values)
    if not ordered:
        return None
    middle = len(ordered) // 2
    return float(ordered[middle]) if len(ordered) % 2 else (ordered[middle - 1] + ordered[middle]) / 2


@dataclass(frozen=True)
class Entry:
    """A démarche as the measure sees it: decided_on None while it waits. For a group of waiting démarches, the
    receipt of the oldest is enough."""

    kind: str
    title: str
    received_on: date
    decided_on: date | None = None


@dataclass(frozen=True)
class Delai:
    category: Category
    median_days: float | None  # None: no decision in the window, the délai is not measured
    decisions: int  # how many decisions the median is taken over
    oldest_waiting: date | None  # None: nothing waiting


def measure(entries: Iterable[Entry], *, today: date) -> list[Delai]:
    """One Delai per category, in Category's order. A decision counts when made in the window (window_start to
    today); its délai is the number of days from receipt to decision (0 when decided the day it arrived)."""
    days: dict[Category, list[int]] = {category: [] for category in Category}
    oldest: dict[Category, date] = {}
    start = window_start(today)
    for entry in entries:
        category = category_of(entry.kind, entry.title)
        if entry.decided_on is None:
            if category not in oldest or entry.received_on < oldest[category]:
                oldest[category] = entry.received_on
        elif start <= entry.decided_on <= today:
            days[category].append(max(0, (entry.decided_on - entry.received_on).days))
    return [Delai(category, median(days[category]), len(days[category]), oldest.get(category))
            for category in Category]
