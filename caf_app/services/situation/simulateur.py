"""The simulator's questions: which screens each theme asks ("Votre foyer", "Votre logement"…), which answers each
screen sends, and the answers (strings, as typed) turned into a checked household of the rules
(caf_app.rules.situation.Foyer). No database, no network: the page's state calls the rules service itself.

Answer names are the Foyer's field names as check() reports them ("demandeur_ne_le", "enfant_2", "loyer",
"code_postal"…), so that each message lands next to its input.
"""

from __future__ import annotations

import functools
import re
from datetime import date

from ...content import load
from ...domain.address import insee_code, names_index
from ...domain.contacts import parse_postal_code
from ...domain.demandes import DemandeKind
from ...domain.errors import DomainError
from ...domain.money import format_euros, parse_euros
from ...domain.names import comparable
from ...rules.catalogue import RULES, Rule, Theme
from ...rules.situation import MAX_CHILDREN, Adulte, Foyer, Logement, age_on, check
from .simulation_prefill import Prefill

FOYER, LOGEMENT, RESSOURCES, HANDICAP = "foyer", "logement", "ressources", "handicap"
RESULT = "resultat"

STEPS: dict[Theme, tuple[str, ...]] = {
    Theme.PRIME_ACTIVITE: (FOYER, LOGEMENT, RESSOURCES),
    Theme.RSA: (FOYER, LOGEMENT, RESSOURCES),
    Theme.LOGEMENT: (FOYER, LOGEMENT, RESSOURCES),
    Theme.PAJE: (FOYER, RESSOURCES),
    Theme.FAMILLE: (FOYER, RESSOURCES),
    Theme.AAH: (FOYER, RESSOURCES, HANDICAP),
}
# The seed's order of the choices ("Sélectionnez l'aide qui vous intéresse").
ORDER = (Theme.PRIME_ACTIVITE, Theme.RSA, Theme.LOGEMENT, Theme.PAJE, Theme.FAMILLE, Theme.AAH)
# What a prestation's amount depends on: it is shown among "Autres aides" only when the theme asked all of it.
_HOUSED = frozenset((FOYER, LOGEMENT, RESSOURCES))
NEEDS: dict[str, frozenset[str]] = {"rsa": _HOUSED, "prime_activite": _HOUSED, "aide_logement": _HOUSED,
                                    "aah": frozenset((FOYER, RESSOURCES, HANDICAP)),
                                    # the mode of care, which no simulator screen asks (the demande de CMG does)
                                    "cmg": frozenset(("garde",))}
INCOMES = ("activite", "chomage", "pensions")
INCAPACITES = ("80", "50", "0")
MAX_TYPED = 40  # characters kept of one answer
_DATE = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})$", re.ASCII)


# « Faire la demande » after a simulation: the demande of the theme's prestation (Famille: the list to choose from).
DEMANDE_OF = {Theme.LOGEMENT: DemandeKind.AIDE_LOGEMENT, Theme.PAJE: DemandeKind.PAJE_NAISSANCE,
              Theme.RSA: DemandeKind.RSA, Theme.PRIME_ACTIVITE: DemandeKind.PRIME_ACTIVITE, Theme.AAH: DemandeKind.AAH}


def theme_of(key: str) -> Theme | None:
    try:
        return Theme(key)
    except ValueError:
        return None


def others_of(theme: Theme) -> tuple[Rule, ...]:
    """The prestations outside the theme whose every input the theme asks."""
    asked = frozenset(STEPS[theme])
    return tuple(rule for rule in RULES if rule.prestation not in theme.prestations
                 and NEEDS.get(rule.key, frozenset((FOYER, RESSOURCES))) <= asked)


def children_count(answers: dict[str, str]) -> int:
    text = answers.get("nombre_enfants", "0") or "0"
    return min(int(text), MAX_CHILDREN) if text.isascii() and text.isdigit() else 0


def couple(answers: dict[str, str]) -> bool:
    return answers.get("couple") == "oui"


def logement_of(answers: dict[str, str]) -> Logement | None:
    try:
        return Logement(answers.get("logement", ""))
    except ValueError:
        return None


def pays(answers: dict[str, str]) -> bool:
    kind = logement_of(answers)
    return kind is not None and kind.pays


def fields(step: str, theme: Theme, answers: dict[str, str]) -> tuple[str, ...]:
    """The answers this screen sends, given the answers so far (a conjoint's fields only for a couple…)."""
    if step == FOYER:
        names = ["couple", "demandeur_ne_le", *(["conjoint_ne_le"] if couple(answers) else []), "nombre_enfants",
                 *(f"enfant_{n}" for n in range(1, children_count(answers) + 1))]
        if theme is Theme.PAJE:
            names += ["attendu", *(["naissance_prevue"] if answers.get("attendu") == "oui" else [])]
        if not couple(answers) and children_count(answers):
            names.append("pension_alimentaire")
        return tuple(names)
    if step == LOGEMENT:
        return ("logement", *(("loyer", "code_postal", "commune") if pays(answers) else ()))
    if step == RESSOURCES:
        return tuple(f"{who}_{what}" for who in ("demandeur", "conjoint")[:1 + couple(answers)] for what in INCOMES)
    if step == HANDICAP:
        return ("demandeur_incapacite", *(("demandeur_restriction",) if answers.get("demandeur_incapacite") == "50"
                                          else ()))
    return ()


def typed(form: dict) -> dict[str, str]:
    """A form's values as short strings (a screen sends nothing else)."""
    return {str(key)[:40]: str(value if value is not None else "").strip()[:MAX_TYPED] for key, value in form.items()}


@functools.cache
def postal_codes() -> dict[str, list[str]]:
    return load("communes")["codes"]


@functools.cache
def insee_names() -> dict[str, list[str]]:
    return names_index(load("communes_insee")["codes"])


def communes_of(code: str) -> list[str]:
    return postal_codes().get(re.sub(r"\s", "", code or ""), [])


def parse_day(text: str, *, field: str) -> date:
    """JJ/MM/AAAA (or J/M/AAAA) to a date; the rules say whether it may be in the future."""
    match = _DATE.match((text or "").strip())
    if not match:
        raise DomainError(field, "Saisissez la date au format JJ/MM/AAAA, par exemple 09/09/1990.")
    day, month, year = (int(part) for part in match.groups())
    try:
        value = date(year, month, day)
    except ValueError:
        raise DomainError(field, "Cette date n'existe pas : vérifiez le jour et le mois.") from None
    if year < 1900:
        raise DomainError(field, "Vérifiez l'année : elle doit être après 1900.")
    return value


def _yes_no(answers: dict[str, str], name: str, question: str) -> bool:
    value = answers.get(name, "")
    if value not in ("oui", "non"):
        raise DomainError(name, f"Répondez à la question : {question}")
    return value == "oui"


def _amount(answers: dict[str, str], name: str) -> int:
    return parse_euros(answers.get(name) or "0", field=name)


def commune_code(answers: dict[str, str]) -> str:
    """The INSEE code of the commune chosen for the postal code typed."""
    code = parse_postal_code(answers.get("code_postal", ""))
    names = communes_of(code)
    if not names:
        raise DomainError("code_postal", "Ce code postal n'existe pas : vérifiez-le.")
    chosen = answers.get("commune", "") if len(names) > 1 else names[0]
    name = next((known for known in names if comparable(known) == comparable(chosen)), None)
    if name is None:
        raise DomainError("commune", "Choisissez votre commune dans la liste.")
    insee = insee_code(code, name, index=insee_names())
    if insee is None:
        raise DomainError("code_postal", "Nous ne trouvons pas cette commune : vérifiez le code postal.")
    return insee


_READERS = {
    "couple": lambda a: _yes_no(a, "couple", "vivez-vous en couple ?"),
    "attendu": lambda a: _yes_no(a, "attendu", "attendez-vous un enfant ?"),
    "pension_alimentaire": lambda a: _yes_no(a, "pension_alimentaire", "recevez-vous une pension alimentaire ?"),
    "demandeur_restriction": lambda a: _yes_no(a, "demandeur_restriction", "la MDPH vous a-t-elle reconnu une "
                                                                            "restriction d'accès à l'emploi ?"),
    "nombre_enfants": lambda a: _count(a.get("nombre_enfants", "")),
    "logement": lambda a: _logement(a),
    "loyer": lambda a: parse_euros(a.get("loyer", ""), field="loyer"),
    "code_postal": commune_code,
    "demandeur_incapacite": lambda a: _incapacite(a),
}


def _count(text: str) -> int:
    if not (text.isascii() and text.isdigit()) or int(text) > MAX_CHILDREN:
        raise DomainError("nombre_enfants", f"Indiquez un nombre d'enfants de 0 à {MAX_CHILDREN}.")
    return int(text)


def _logement(answers: dict[str, str]) -> Logement:
    kind = logement_of(answers)
    if kind is None:
        raise DomainError("logement", "Indiquez votre situation de logement.")
    return kind


def _incapacite(answers: dict[str, str]) -> int:
    value = answers.get("demandeur_incapacite", "")
    if value not in INCAPACITES:
        raise DomainError("demandeur_incapacite", "Indiquez le taux d'incapacité reconnu par la MDPH.")
    return int(value)


def _read(name: str, answers: dict[str, str]):
    if name in _READERS:
        return _READERS[name](answers)
    if name.endswith(("_ne_le", "naissance_prevue")) or name.startswith("enfant_"):
        return parse_day(answers.get(name, ""), field=name)
    if name.endswith(INCOMES):
        return _amount(answers, name)
    return answers.get(name, "")


def step_errors(step: str, theme: Theme, answers: dict[str, str]) -> dict[str, str]:
    """Every wrong answer of one screen, by field (empty: the screen is right on its own)."""
    errors: dict[str, str] = {}
    for name in fields(step, theme, answers):
        if name == "commune":
            continue  # read with its postal code
        try:
            _read(name, answers)
        except DomainError as error:
            errors.setdefault(error.field, error.message)
    return errors


def _adult(answers: dict[str, str], who: str) -> Adulte:
    incapacite = _incapacite(answers) if who == "demandeur" and "demandeur_incapacite" in answers else 0
    return Adulte(ne_le=parse_day(answers.get(f"{who}_ne_le", ""), field=f"{who}_ne_le"),
                  **{what: _amount(answers, f"{who}_{what}") for what in INCOMES},
                  incapacite=incapacite,
                  restriction=incapacite == 50 and answers.get("demandeur_restriction") == "oui")


def foyer_from(theme: Theme, answers: dict[str, str], *, mois: str, upto: str = RESULT) -> Foyer:
    """The household of the answers of the theme's screens up to `upto` (the others left at their default);
    DomainError of the first wrong answer."""
    asked = STEPS[theme][:STEPS[theme].index(upto) + 1] if upto in STEPS[theme] else STEPS[theme]
    housed = LOGEMENT in asked
    kind = _logement(answers) if housed else Logement.HEBERGE  # not asked: no rent, and no aide shown for it
    paying = housed and kind.pays
    both = couple(answers)
    naissance = answers.get("naissance_prevue") if theme is Theme.PAJE and answers.get("attendu") == "oui" else ""
    return Foyer(
        mois=mois, demandeur=_adult(answers, "demandeur"), conjoint=_adult(answers, "conjoint") if both else None,
        enfants=tuple(parse_day(answers.get(f"enfant_{n}", ""), field=f"enfant_{n}")
                      for n in range(1, children_count(answers) + 1)),
        logement=kind, loyer=parse_euros(answers.get("loyer", ""), field="loyer") if paying else 0,
        commune=commune_code(answers) if paying else "",
        pension_alimentaire=not both and answers.get("pension_alimentaire") == "oui",
        naissance_prevue=parse_day(naissance, field="naissance_prevue") if naissance else None,
    )


def checked_foyer(theme: Theme, answers: dict[str, str], *, mois: str, today: date,
                  upto: str = RESULT) -> Foyer:
    """foyer_from, then the rules' own checks (ages, a child born in the future, the rent…)."""
    foyer = foyer_from(theme, answers, mois=mois, upto=upto)
    check(foyer, today=today)  # the commune: already found from its postal code (commune_code)
    return foyer


def step_of(field: str) -> str:
    """The screen that asks this answer (for a message found when computing)."""
    if field in ("logement", "loyer", "code_postal", "commune"):
        return LOGEMENT
    if field.endswith(INCOMES):
        return RESSOURCES
    if field.endswith(("_incapacite", "_restriction")):
        return HANDICAP
    return FOYER


def answers_from(start: Prefill, today: date) -> dict[str, str]:
    """A logged-in person's first answers, from the dossier (services/situation/simulation_prefill.py): the
    household, the birth dates, the commune of the address and the last declaration's resources. Each can be
    changed on its screen; the dossier is never touched."""
    day = "%d/%m/%Y"
    children = [born for born in start.enfants if age_on(born, today) < 25][:MAX_CHILDREN]
    answers = {"couple": "oui" if start.couple else "non", "nombre_enfants": str(len(children)),
               **{f"enfant_{n}": born.strftime(day) for n, born in enumerate(children, start=1)}}
    if start.demandeur_ne_le:
        answers["demandeur_ne_le"] = start.demandeur_ne_le.strftime(day)
    if start.couple and start.conjoint_ne_le:
        answers["conjoint_ne_le"] = start.conjoint_ne_le.strftime(day)
    if start.code_postal:
        answers["code_postal"], answers["commune"] = start.code_postal, start.commune
    for who, declared in (("demandeur", start.demandeur), ("conjoint", start.conjoint if start.couple else None)):
        if declared is not None:
            for what in INCOMES:
                answers[f"{who}_{what}"] = format_euros(getattr(declared, what), symbol=False)
    return answers
