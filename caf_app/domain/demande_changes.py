"""A change of situation found on the way of a demande: the person's answers say something the dossier does not
(married where the dossier says single, a job where it says chômage, one more child). It is declared through
Déclarer un changement (services/situation/changes.py), never by the demande itself, and once: the dossier then
holds the new situation (« en cours de traitement »), so the same answer is no longer a change.

Pure: the dossier's facts come from services/paperwork/demandes_dossier.dossier_facts.
"""

from __future__ import annotations

from dataclasses import dataclass

from .changes import KINDS
from .demandes import questions_of

# The demande's « Votre situation professionnelle » answer -> the situation code a declared change records.
ACTIVITY_CODES = {"salarie": "salarie", "independant": "non_salarie", "chomage": "chomage", "etudiant": "etudiant",
                  "retraite": "retraite"}
# A situation code -> the change that records it (Mariage records "marie"...).
CHANGE_OF_CODE = {kind.situation_code: key for key, kind in KINDS.items() if kind.situation_code}


@dataclass(frozen=True)
class DossierFacts:
    """What the dossier says now (declared changes in progress included): "" where it says nothing."""

    familiale: str = ""
    professionnelle: str = ""
    children: int | None = None  # children under 25 living in the foyer; None: not known to this person
    children_pending: int = 0  # an arrival or a departure declared, not processed yet: either count is right


@dataclass(frozen=True)
class FoundChange:
    kind: str  # the change to declare (domain/changes.py KINDS key)
    label: str  # « Mariage », « Déclarer une naissance »
    sentence: str  # what differs, in plain French


def _label(kind: str, name: str, value: str) -> str:
    question = questions_of(kind).get(name)
    return dict(question.options).get(value, value) if question else value


def changes_found(kind: str, answers: dict[str, str], facts: DossierFacts) -> list[FoundChange]:
    """The changes of situation the answers reveal, each with the change that declares it."""
    found = []
    family = answers.get("situation_familiale", "")
    if family and facts.familiale and family != facts.familiale and family in CHANGE_OF_CODE:
        found.append(FoundChange(
            CHANGE_OF_CODE[family], KINDS[CHANGE_OF_CODE[family]].label,
            f"Vous indiquez « {_label(kind, 'situation_familiale', family)} » ; votre dossier indique « "
            f"{_label(kind, 'situation_familiale', facts.familiale)} »."))
    code = ACTIVITY_CODES.get(answers.get("activite", ""), "")
    before = next((value for value, known in ACTIVITY_CODES.items() if known == facts.professionnelle), "")
    if code and before and code != facts.professionnelle:  # only what the demande's question can say
        found.append(FoundChange(
            CHANGE_OF_CODE[code], KINDS[CHANGE_OF_CODE[code]].label,
            f"Vous indiquez « {_label(kind, 'activite', answers['activite'])} » ; votre dossier indique « "
            f"{_label(kind, 'activite', before)} »."))
    count = answers.get("enfants", "")
    if count.isdigit() and facts.children is not None and not (
            facts.children <= int(count) <= facts.children + facts.children_pending):
        more = int(count) > facts.children
        key = "naissance" if more else "depart_enfant"
        found.append(FoundChange(
            key, KINDS[key].label,
            f"Vous indiquez {count} enfant(s) de moins de 25 ans ; votre dossier en compte {facts.children}. "
            + ("Déclarez chaque naissance (ou l'arrivée d'un enfant par adoption)." if more
               else "Déclarez le départ de chaque enfant qui ne vit plus avec vous.")))
    return found
