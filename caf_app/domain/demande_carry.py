"""« Faire la demande » after a simulation: the simulator's answers (services/situation/simulateur.py names) as the
answers of a demande (domain/demandes.py names), to start it with (services/paperwork/demandes.start carried=).

Only what means the same thing on both sides is carried; the person checks and completes each screen. "Vivez-vous
en couple ?" does not say married, pacsé or not: the situation familiale stays to answer. An answer that does not
read (a wrong amount, an unknown housing kind) is left out rather than guessed.
"""

from __future__ import annotations

from .errors import DomainError
from .money import parse_euros

MAX_CHILDREN = 6
# The simulator's housing kinds (rules.situation.Logement) -> « Dans ce logement, vous êtes ».
HOUSING = {"location": "locataire", "hlm": "locataire", "meuble": "locataire", "foyer": "foyer",
           "accession": "accedant", "heberge": "heberge"}
SAME = ("code_postal", "commune")


def _text(answers: dict[str, str], name: str) -> str:
    value = answers.get(name, "")
    return value.strip()[:100] if isinstance(value, str) else ""


def _sum(answers: dict[str, str], *names: str) -> str:
    """The monthly amounts added up, written as the demande reads them ("1250", "1250,50"); "" if one does not
    read."""
    try:
        cents = sum(parse_euros(_text(answers, name) or "0", field=name) for name in names)
    except DomainError:
        return ""
    euros, rest = divmod(cents, 100)
    return f"{euros},{rest:02d}" if rest else str(euros)


def _household(answers: dict[str, str]) -> dict[str, str]:
    carried = {}
    if _text(answers, "demandeur_ne_le"):
        carried["date_naissance"] = _text(answers, "demandeur_ne_le")
    if _text(answers, "couple") == "oui" and _text(answers, "conjoint_ne_le"):
        carried["conjoint_naissance"] = _text(answers, "conjoint_ne_le")
    count = _text(answers, "nombre_enfants")
    if count.isascii() and count.isdigit() and int(count) <= MAX_CHILDREN:
        carried["enfants"] = str(int(count))
        for n in range(1, int(count) + 1):
            if _text(answers, f"enfant_{n}"):
                carried[f"enfant_{n}_naissance"] = _text(answers, f"enfant_{n}")
    return carried


def _housing(answers: dict[str, str]) -> dict[str, str]:
    carried = {name: _text(answers, name) for name in SAME if _text(answers, name)}
    statut = HOUSING.get(_text(answers, "logement"), "")
    if not statut:
        return carried
    carried["statut_logement"] = statut
    rent = _sum(answers, "loyer") if _text(answers, "loyer") else ""
    if rent and statut in ("locataire", "foyer"):
        carried["loyer"] = rent
    elif rent and statut == "accedant":
        carried["mensualite"] = rent
    return carried


def _resources(answers: dict[str, str]) -> dict[str, str]:
    carried = {}
    if "demandeur_activite" in answers:
        carried["revenus_activite"] = _sum(answers, "demandeur_activite")
    if "demandeur_chomage" in answers or "demandeur_pensions" in answers:
        carried["autres_revenus"] = _sum(answers, "demandeur_chomage", "demandeur_pensions")
    if _text(answers, "couple") == "oui" and any(name.startswith("conjoint_") and name != "conjoint_ne_le"
                                                  for name in answers):
        carried["conjoint_revenus"] = _sum(answers, "conjoint_activite", "conjoint_chomage", "conjoint_pensions")
    return {name: value for name, value in carried.items() if value}


def from_simulation(answers: dict) -> dict[str, str]:
    """The simulator's answers -> the demande's: birth dates, children, housing, rent, commune, monthly resources."""
    if not isinstance(answers, dict):
        return {}
    return {**_household(answers), **_housing(answers), **_resources(answers)}
