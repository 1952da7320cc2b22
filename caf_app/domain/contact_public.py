"""Nous contacter, for everyone (the seed's « Par mail via le caf.fr » and « Par téléphone : la plateforme
téléphonique 3230 »): what a person with no dossier types in the mail form, checked field by field, and the other
numbers with their hours, worded as the seed gives them."""

from __future__ import annotations

import re
from dataclasses import dataclass

import phonenumbers

from .contacts import parse_email, parse_postal_code
from .errors import DomainError

MAX_TEXT = 4000
MIN_TEXT = 10
MAX_NAME = 100
MAX_ADDRESS = 200

# The seed, « Par téléphone : La plateforme téléphonique 3230 ».
NUMBERS: tuple[tuple[str, str, str], ...] = (
    ("3230", "Service gratuit et coût d'un appel local.",
     "Renseignez le numéro de votre département pour être redirigé vers votre Caf."),
    ("3238", "L'Agence de recouvrement et d'intermédiation des pensions alimentaires (Aripa).",
     "Service accessible du lundi au vendredi, de 9h à 16h30."),
    ("0 969 32 52 52", "Étudiant : échangez en direct avec un conseiller sur une ligne téléphonique dédiée.",
     "Du lundi au vendredi de 9h à 19h30."),
)
# The fields in the page's order: (name, label), for the error summary and the tests.
FIELDS: tuple[tuple[str, str], ...] = (
    ("nom", "Nom"), ("prenom", "Prénom"), ("courriel", "Adresse électronique"),
    ("courriel_confirmation", "Confirmez l'adresse électronique"), ("telephone", "Téléphone (facultatif)"),
    ("adresse", "Adresse"), ("code_postal", "Code postal"), ("message", "Votre message"),
)
_NAME_RE = re.compile(r"^[^\W\d_]+(?:[ '’\-][^\W\d_]+)*\.?$")
_PHONE_REGIONS = ("FR", "RE", "YT", "GP", "MQ", "GF", "BL", "MF")


@dataclass(frozen=True)
class ContactMessage:
    last_name: str
    first_names: str
    email: str
    phone: str
    address_line: str
    postal_code: str
    text: str


def _name(value: str, field: str, what: str) -> str:
    value = " ".join((value or "").split())
    if not value:
        raise DomainError(field, f"Saisissez votre {what}.")
    if len(value) > MAX_NAME:
        raise DomainError(field, f"Votre {what} ne doit pas dépasser {MAX_NAME} caractères.")
    if not _NAME_RE.match(value):
        raise DomainError(field, f"Votre {what} ne peut contenir que des lettres, des espaces, des apostrophes et "
                                 "des traits d'union.")
    return value


def parse_phone(value: str, field: str = "telephone") -> str:
    """A French number, fixed or mobile (10 digits, +33 accepted); "" when nothing is typed."""
    digits = re.sub(r"[\s.\-]", "", value or "")
    if not digits:
        return ""
    if digits.startswith("+33"):
        digits = "0" + digits[3:]
    if not re.fullmatch(r"0[1-9]\d{8}", digits, re.ASCII) or not any(
            phonenumbers.is_valid_number_for_region(phonenumbers.parse(digits, region), region)
            for region in _PHONE_REGIONS):
        raise DomainError(field, "Saisissez un numéro de téléphone français de 10 chiffres, par exemple "
                                 "01 23 45 67 89.")
    return digits


def _text(value: str) -> str:
    value = (value or "").strip()
    if len(value) < MIN_TEXT:
        raise DomainError("message", f"Écrivez votre message ({MIN_TEXT} caractères au moins).")
    if len(value) > MAX_TEXT:
        raise DomainError("message", f"Votre message ne doit pas dépasser 4 000 caractères (il en compte "
                                     f"{len(value):,}).".replace(",", " "))
    return value


def check(form: dict) -> tuple[ContactMessage | None, dict[str, str]]:
    """Every field checked: the message, or each field's French error (all of them at once, each next to its
    field)."""
    errors: dict[str, str] = {}
    values: dict[str, str] = {}

    def run(field: str, parse) -> None:
        try:
            values[field] = parse()
        except DomainError as error:
            errors[field] = error.message

    get = lambda key: str(form.get(key, "") or "")  # noqa: E731
    run("nom", lambda: _name(get("nom"), "nom", "nom"))
    run("prenom", lambda: _name(get("prenom"), "prenom", "prénom"))
    run("courriel", lambda: parse_email(get("courriel"), field="courriel"))
    run("courriel_confirmation", lambda: parse_email(get("courriel_confirmation"), field="courriel_confirmation"))
    if "courriel" in values and "courriel_confirmation" in values and values["courriel"] != values[
            "courriel_confirmation"]:
        errors["courriel_confirmation"] = "Les deux adresses électroniques saisies ne sont pas identiques."
    run("telephone", lambda: parse_phone(get("telephone")))
    run("adresse", lambda: _address(get("adresse")))
    run("code_postal", lambda: parse_postal_code(get("code_postal")))
    run("message", lambda: _text(get("message")))
    if errors:
        return None, errors
    return ContactMessage(values["nom"], values["prenom"], values["courriel"], values["telephone"],
                          values["adresse"], values["code_postal"], values["message"]), {}


def _address(value: str) -> str:
    value = " ".join((value or "").split())
    if len(value) < 5:
        raise DomainError("adresse", "Saisissez votre adresse : numéro et nom de la voie.")
    if len(value) > MAX_ADDRESS:
        raise DomainError("adresse", f"Votre adresse ne doit pas dépasser {MAX_ADDRESS} caractères.")
    return value
