"""The seed's « Étudiant : conservation du logement », « Étudiant : confirmation du statut de boursier » and
« Confirmation scolarité ou apprentissage pour l'allocation de rentrée scolaire (Ars) 16-18 ans »: for whom, and
what each asks."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from .contacts import parse_date
from .errors import DomainError

ARS_TITLE = "Confirmation scolarité ou apprentissage pour l'allocation de rentrée scolaire (Ars) 16-18 ans"
# The document that proves it: a certificat de scolarité, or the contrat d'apprentissage (transmission.DOC_TYPES).
ARS_DOCUMENTS = {"certificat_scolarite": "Certificat de scolarité", "contrat_apprentissage": "Contrat d'apprentissage"}
ARS_HELP = ("Pour un enfant de 16 à 18 ans, l'allocation de rentrée scolaire est versée s'il poursuit sa scolarité "
            "ou est en apprentissage : envoyez son certificat de scolarité ou son contrat d'apprentissage. Sont "
            "concernés les enfants qui ont 16 ans au 31 décembre de l'année de la rentrée et qui n'ont pas 18 ans "
            "au 15 septembre (Code de la sécurité sociale, articles L. 543-1 et R. 543-2).")

STUDENT = "etudiant"  # the professional situation code of a student (domain.changes: « Études »)
STUDENT_HELP = ("Ces démarches sont celles d'un allocataire étudiant qui reçoit une aide au logement : dire s'il "
                "garde son logement pendant l'été, et confirmer s'il est boursier.")


def rentree_year(today: date) -> int:
    """The rentrée the confirmation is for: September of this year from July on, last September's before (a late
    confirmation). Project assumption: no public source gives the day the Caf opens it; the press reports the Caf
    inviting families from mid-July."""
    return today.year if today.month >= 7 else today.year - 1


def is_ars_16_18(birth: date | None, today: date) -> bool:
    """Code de la sécurité sociale, art. R. 543-2: no ARS for a child who is 18 on 15 September of the rentrée;
    beyond the obligation scolaire (16 years, Code de l'éducation art. L. 131-1) the scolarité or the apprentissage
    is confirmed: born between 16 September N-18 and 31 December N-16 for the rentrée N."""
    if birth is None:
        return False
    year = rentree_year(today)
    return date(year - 18, 9, 16) <= birth <= date(year - 16, 12, 31)


@dataclass(frozen=True)
class StudentDemarche:
    key: str
    title: str  # the seed's name, in Mes démarches
    label: str  # the question's heading


STUDENT_DEMARCHES = {d.key: d for d in (
    StudentDemarche("logement", "Étudiant : conservation du logement",
                    "Déclaration de maintien dans les lieux pendant l'été"),
    StudentDemarche("boursier", "Étudiant : confirmation du statut de boursier",
                    "Confirmation du statut de boursier"),
)}


def summer_year(today: date) -> int:
    """The summer a student declares for: this one until August, next year's after."""
    return today.year if today.month <= 8 else today.year + 1


def university_year(today: date) -> str:
    """« 2026-2027 »: the année universitaire under way (or starting) from July, the one ending before."""
    start = rentree_year(today)
    return f"{start}-{start + 1}"


@dataclass(frozen=True)
class StudentDeclaration:
    demarche: StudentDemarche
    lines: list[tuple[str, str]]  # what the review and the accusé show

    @property
    def detail(self) -> str:
        return " ; ".join(f"{label} : {value}" for label, value in self.lines)


def check_student(key: str, form: dict[str, str], *, today: date) -> StudentDeclaration:
    """DomainError on the field to fix."""
    demarche = STUDENT_DEMARCHES.get(key)
    if demarche is None:
        raise DomainError("demarche", "Choisissez la démarche.")
    answer = str(form.get("reponse", ""))
    if key == "boursier":
        if answer not in ("oui", "non"):
            raise DomainError("reponse", "Répondez oui ou non.")
        return StudentDeclaration(demarche, [(f"Boursier pour l'année universitaire {university_year(today)}",
                                              "Oui" if answer == "oui" else "Non")])
    summer = summer_year(today)
    if answer == "garde":
        return StudentDeclaration(demarche, [(f"Été {summer} (juillet et août)", "Je garde mon logement")])
    if answer != "quitte":
        raise DomainError("reponse", "Dites si vous gardez votre logement pendant l'été.")
    left = parse_date(form.get("date_depart", ""), field="date_depart", label="la date de départ",
                      today=date.max)
    if left > today + timedelta(days=366):
        raise DomainError("date_depart", "Indiquez une date de départ dans l'année qui vient.")
    return StudentDeclaration(demarche, [(f"Été {summer} (juillet et août)", "Je quitte mon logement"),
                                         ("Date de départ du logement", left.strftime("%d/%m/%Y"))])
