"""Déclarer un changement: the kinds of change, what each asks, and who may declare which."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from .contacts import parse_date
from .errors import DomainError
from .names import check_name
from .roles import Actor, MemberRole


@dataclass(frozen=True)
class ChangeKind:
    key: str
    group: str  # "familiale" | "professionnelle" | "enfants"
    label: str
    situation_code: str = ""  # the new situation recorded (family or professional)
    date_label: str = "Date du changement"


KINDS = {kind.key: kind for kind in (
    ChangeKind("mariage", "familiale", "Mariage", "marie", "Date du mariage"),
    ChangeKind("pacs", "familiale", "Pacs", "pacse", "Date du Pacs"),
    ChangeKind("vie_maritale", "familiale", "Vie maritale (en couple)", "vie_maritale",
               "Date de début de la vie en couple"),
    ChangeKind("separation", "familiale", "Séparation", "separe", "Date de la séparation"),
    ChangeKind("divorce", "familiale", "Divorce", "divorce", "Date du divorce"),
    ChangeKind("deces", "familiale", "Décès du conjoint", "veuf", "Date du décès"),
    ChangeKind("salarie", "professionnelle", "Activité salariée", "salarie", "Date de début"),
    ChangeKind("non_salarie", "professionnelle", "Activité non salariée", "non_salarie", "Date de début"),
    ChangeKind("chomage", "professionnelle", "Chômage", "chomage", "Date de début"),
    ChangeKind("etudiant", "professionnelle", "Études", "etudiant", "Date de début"),
    ChangeKind("arret_maladie", "professionnelle", "Arrêt maladie", "arret_maladie", "Date de début de l'arrêt"),
    ChangeKind("retraite", "professionnelle", "Retraite", "retraite", "Date de départ en retraite"),
    ChangeKind("grossesse", "enfants", "Déclarer une grossesse", "", "Date présumée de l'accouchement"),
    ChangeKind("naissance", "enfants", "Déclarer une naissance", "", "Date de naissance"),
    ChangeKind("depart_enfant", "enfants", "Départ d'un enfant du foyer", "", "Date du départ"),
)}
GROUPS = {"familiale": "Situation familiale", "professionnelle": "Situation professionnelle",
          "enfants": "Enfants et autres personnes à charge"}
WITHOUT_DELEGATION = ("separation",)  # the seed's table: a conjoint without delegation declares a separation only


def allowed_kinds(actor: Actor, manages: bool) -> list[str]:
    """The changes this person may declare on this dossier."""
    if manages:
        return list(KINDS)
    if actor.role is MemberRole.CONJOINT:
        return list(WITHOUT_DELEGATION)
    return []


@dataclass(frozen=True)
class Change:
    kind: ChangeKind
    effective: date
    child_first_names: str = ""
    child_name: str = ""
    child_id: int = 0


def check_change(kind_key: str, form: dict[str, str], *, today: date, children: dict[int, str]) -> Change:
    """DomainError on the field to fix: a date within the last 2 years (a birth: up to today; a pregnancy:
    a delivery date within the next 9 months)."""
    kind = KINDS.get(kind_key)
    if kind is None:
        raise DomainError("changement", "Choisissez le changement à déclarer.")
    text = form.get("date_effet", "")
    if kind.key == "grossesse":
        effective = parse_date(text, field="date_effet", label="la date présumée", today=today + timedelta(days=280))
        if effective < today:
            raise DomainError("date_effet", "La date présumée de l'accouchement est à venir.")
    else:
        effective = parse_date(text, field="date_effet", label="la date", today=today)
        if effective < today - timedelta(days=730):
            raise DomainError("date_effet", "Ce changement date de plus de 2 ans : contactez votre Caf.")
    if kind.key == "naissance":
        first = check_name(form.get("prenoms_enfant", ""), field="prenoms_enfant", label="le ou les prénoms")
        last = check_name(form.get("nom_enfant", ""), field="nom_enfant", label="le nom de l'enfant")
        return Change(kind, effective, first, last.upper())
    if kind.key == "depart_enfant":
        typed = str(form.get("enfant", "0") or "0")
        child = int(typed) if typed.isascii() and typed.isdigit() else 0
        if child not in children:
            raise DomainError("enfant", "Choisissez l'enfant qui quitte le foyer.")
        return Change(kind, effective, child_id=child)
    return Change(kind, effective)
