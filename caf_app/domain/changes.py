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
    # The seed: « Départ ou arrivée d'un enfant (naissance, adoption) », « Déclarer les changements concernant mes
    # enfants et autres personnes à charge ».
    ChangeKind("adoption", "enfants", "Arrivée d'un enfant par adoption", "", "Date d'arrivée de l'enfant au foyer"),
    ChangeKind("depart_enfant", "enfants", "Départ d'un enfant du foyer", "", "Date du départ"),
    ChangeKind("arrivee_personne", "enfants", "Arrivée d'une autre personne à charge (un parent, un proche)", "",
               "Date d'arrivée au foyer"),
    ChangeKind("depart_personne", "enfants", "Départ d'une autre personne à charge", "", "Date du départ"),
)}
GROUPS = {"familiale": "Situation familiale", "professionnelle": "Situation professionnelle",
          "enfants": "Enfants et autres personnes à charge"}
WITHOUT_DELEGATION = ("separation",)  # the seed's table: a conjoint without delegation declares a separation only
# Who the « autre personne à charge » is to the allocataire.
LINKS = {"parent": "Père ou mère", "grand_parent": "Grand-père ou grand-mère", "frere_soeur": "Frère ou sœur",
         "enfant_majeur": "Enfant de plus de 20 ans", "autre": "Autre proche"}

# Code de la sécurité sociale, art. L. 553-1: « L'action de l'allocataire pour le paiement des prestations se
# prescrit par deux ans. » An older change is still declared (the situation of today depends on it); what it may
# bring is paid back for two years at most. No source lets the app refuse the declaration itself.
PRESCRIPTION_YEARS = 2
PRESCRIPTION_HELP = ("Vous pouvez déclarer un changement ancien. S'il vous ouvre des droits, les sommes dues ne "
                     "peuvent être versées que pour les deux dernières années (Code de la sécurité sociale, "
                     "article L. 553-1).")
PRESCRIPTION_NOTICE = ("Ce changement date de plus de deux ans : s'il vous ouvre des droits, les sommes dues ne "
                       "pourront être versées que pour les deux dernières années (Code de la sécurité sociale, "
                       "article L. 553-1).")


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
    first_names: str = ""  # a person who arrives (birth, adoption, another dependent person)
    name: str = ""
    born: date | None = None
    link: str = ""  # LINKS key
    member_id: int = 0  # a member who leaves
    late: bool = False  # older than the prescription of L. 553-1

    @property
    def full_name(self) -> str:
        return f"{self.first_names} {self.name}".strip()


def two_years_before(today: date) -> date:
    return today.replace(year=today.year - PRESCRIPTION_YEARS, day=28 if (today.month, today.day) == (2, 29)
                         else today.day)


def check_change(kind_key: str, form: dict[str, str], *, today: date, children: dict[int, str],
                 others: dict[int, str] | None = None) -> Change:
    """DomainError on the field to fix. A date up to today (a pregnancy: a delivery date within the next 9 months);
    an older change than two years is accepted and flagged `late` (L. 553-1, above)."""
    kind = KINDS.get(kind_key)
    if kind is None:
        raise DomainError("changement", "Choisissez le changement à déclarer.")
    text = form.get("date_effet", "")
    if kind.key == "grossesse":
        effective = parse_date(text, field="date_effet", label="la date présumée", today=today + timedelta(days=280))
        if effective < today:
            raise DomainError("date_effet", "La date présumée de l'accouchement est à venir.")
        return Change(kind, effective)
    effective = parse_date(text, field="date_effet", label="la date", today=today)
    late = effective < two_years_before(today)
    if kind.key == "naissance":
        first, last = _names(form, "enfant", "de l'enfant")
        return Change(kind, effective, first, last, born=effective, late=late)
    if kind.key == "adoption":
        first, last = _names(form, "enfant", "de l'enfant")
        return Change(kind, effective, first, last, born=_born(form, "enfant", effective, today), late=late)
    if kind.key == "arrivee_personne":
        first, last = _names(form, "personne", "de la personne")
        link = str(form.get("lien", ""))
        if link not in LINKS:
            raise DomainError("lien", "Choisissez le lien de cette personne avec vous.")
        born = _born(form, "personne", effective, today)
        return Change(kind, effective, first, last, born=born, link=link, late=late)
    if kind.key in ("depart_enfant", "depart_personne"):
        among, field = (children, "enfant") if kind.key == "depart_enfant" else (others or {}, "personne")
        typed = str(form.get(field, "0") or "0")
        member = int(typed) if typed.isascii() and typed.isdigit() else 0
        if member not in among:
            raise DomainError(field, "Choisissez l'enfant qui quitte le foyer." if field == "enfant"
                              else "Choisissez la personne qui quitte le foyer.")
        return Change(kind, effective, member_id=member, late=late)
    return Change(kind, effective, late=late)


def _names(form: dict[str, str], who: str, of: str) -> tuple[str, str]:
    first = check_name(form.get(f"prenoms_{who}", ""), field=f"prenoms_{who}", label="le ou les prénoms")
    last = check_name(form.get(f"nom_{who}", ""), field=f"nom_{who}", label=f"le nom {of}")
    return first, last.upper()


def _born(form: dict[str, str], who: str, arrival: date, today: date) -> date:
    """The birth date of a person who arrives: on or before the arrival."""
    born = parse_date(form.get(f"naissance_{who}", ""), field=f"naissance_{who}", label="la date de naissance",
                      today=today)
    if born > arrival:
        raise DomainError(f"naissance_{who}", "La date de naissance est avant la date d'arrivée au foyer.")
    return born
