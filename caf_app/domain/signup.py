"""Créer Mon Compte, step ÉTAT CIVIL: every field checked, every error collected for the form at once."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from .contacts import parse_date, parse_postal_code
from .errors import DomainError
from .identifiers import parse_nir
from .names import check_name

ID_DOCUMENTS = {
    "cni": "Carte d'identité française",
    "titre_sejour": "Titre de séjour français",
    "passeport": "Passeport français",
}
_DEPARTMENT_RE = re.compile(r"^(0[1-9]|[1-8]\d|9[0-5]|2A|2B|97[1-6])$")


@dataclass(frozen=True)
class EtatCivil:
    nir: str | None
    civilite: str
    birth_name: str
    usage_name: str
    first_names: str
    birth_date: date
    birth_place: str
    birth_country: str
    lives_in_france: bool
    postal_code: str
    id_document: str  # a key of ID_DOCUMENTS, or "" when the person has no French identity document
    id_number: str
    id_issued_on: date | None
    father_name: str
    mother_name: str


class Errors(dict):
    """field -> message; `run` records the DomainError of a check instead of raising it."""

    def run(self, check, *args, **kwargs):
        try:
            return check(*args, **kwargs)
        except DomainError as error:
            self[error.field] = error.message
            return None


def _birth_place(form: dict[str, str], errors: Errors) -> tuple[str, str]:
    if form.get("lieu_naissance") == "etranger":
        country = errors.run(check_name, form.get("pays_naissance", ""), field="pays_naissance",
                             label="votre pays de naissance")
        city = errors.run(check_name, form.get("ville_naissance", ""), field="ville_naissance",
                          label="votre ville de naissance")
        return city or "", country or ""
    if form.get("lieu_naissance") != "france":
        errors["lieu_naissance"] = "Indiquez si vous êtes né(e) en France ou à l'étranger."
        return "", ""
    department = (form.get("departement_naissance") or "").strip().upper()
    if not _DEPARTMENT_RE.match(department):
        errors["departement_naissance"] = "Saisissez le numéro du département, par exemple 75, 2A ou 971."
    commune = errors.run(check_name, form.get("commune_naissance", ""), field="commune_naissance",
                         label="votre commune de naissance")
    return f"{commune or ''} ({department})", "France"


def _id_document(form: dict[str, str], errors: Errors, birth: date | None, today: date):
    kind = form.get("piece_identite", "")
    if kind == "aucune":
        return "", "", None
    if kind not in ID_DOCUMENTS:
        errors["piece_identite"] = ("Choisissez votre pièce d'identité, ou « Je ne dispose pas d'une pièce "
                                    "d'identité française ».")
        return "", "", None
    number = re.sub(r"\s", "", form.get("numero_piece", "")).upper()
    if not re.fullmatch(r"[A-Z0-9]{6,20}", number):
        errors["numero_piece"] = "Le numéro de la pièce comporte de 6 à 20 lettres ou chiffres."
    issued = errors.run(parse_date, form.get("date_delivrance", ""), field="date_delivrance",
                        label="la date de délivrance", today=today)
    if issued and birth and issued < birth:
        errors["date_delivrance"] = "La date de délivrance ne peut pas être avant votre naissance."
    return kind, number, issued


def _parent(form: dict[str, str], errors: Errors, number: int) -> str:
    """Without a NIR, the seed asks the birth name and first names of both parents."""
    name = errors.run(check_name, form.get(f"nom_parent{number}", ""), field=f"nom_parent{number}",
                      label=f"le nom de naissance du parent {number}")
    first = errors.run(check_name, form.get(f"prenoms_parent{number}", ""), field=f"prenoms_parent{number}",
                       label=f"le ou les prénoms du parent {number}")
    return f"{(name or '').upper()} {first or ''}".strip()


def check_etat_civil(form: dict[str, str], *, today: date) -> tuple[EtatCivil | None, dict[str, str]]:
    """The state of the form: (EtatCivil, {}) when everything is right, else (None, errors by field)."""
    errors = Errors()
    has_nir = form.get("possede_nir")
    if has_nir not in ("oui", "non"):
        errors["possede_nir"] = "Indiquez si vous possédez un numéro de Sécurité sociale."
    nir = errors.run(parse_nir, form.get("nir", "")) if has_nir == "oui" else None
    if "identifiant" in errors:
        errors["nir"] = errors.pop("identifiant")
    civilite = form.get("civilite", "")
    if civilite not in ("Madame", "Monsieur"):
        errors["civilite"] = "Choisissez votre civilité."
    birth_name = errors.run(check_name, form.get("nom_naissance", ""), field="nom_naissance",
                            label="votre nom de naissance")
    usage_name = errors.run(check_name, form.get("nom_usage", ""), field="nom_usage", label="votre nom d'usage",
                            required=False)
    first_names = errors.run(check_name, form.get("prenoms", ""), field="prenoms", label="votre ou vos prénoms")
    birth = errors.run(parse_date, form.get("date_naissance", ""), field="date_naissance",
                       label="votre date de naissance", today=today)
    place, country = _birth_place(form, errors)
    lives_in_france = form.get("reside_france") == "oui"
    postal = errors.run(parse_postal_code, form.get("code_postal", "")) if lives_in_france else ""
    kind, number, issued = _id_document(form, errors, birth, today)
    father = mother = ""
    if has_nir == "non":
        father, mother = (_parent(form, errors, number) for number in (1, 2))
    if errors:
        return None, dict(errors)
    return EtatCivil(nir=nir, civilite=civilite, birth_name=birth_name.upper(), usage_name=(usage_name or "").upper(),
                     first_names=first_names, birth_date=birth, birth_place=place, birth_country=country,
                     lives_in_france=lives_in_france, postal_code=postal or "", id_document=kind, id_number=number,
                     id_issued_on=issued, father_name=father, mother_name=mother), {}
