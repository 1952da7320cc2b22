"""The household of a dossier for a month (rules.situation.Foyer), read from the database.

It reuses the simulator's mapping rather than a third one: the dossier's members, birth dates and address are
read by services/situation/foyer.read_foyer, put in a simulation_prefill.Prefill (with the declared resources of
the month's reference quarter instead of the newest declaration), turned into answers by simulateur.answers_from
and into a Foyer by simulateur.foyer_from. The housing kinds of a demande are read with domain/demande_carry.HOUSING.

What the dossier lacks, and the default used:
- resources: only the SENT quarterly declarations hold them. A month's are those of the newest quarter declared
  that ends before the month (its three months, on average): the Rsa and the prime d'activité are computed on the
  3 months before and stay so until the next declaration. Without such a quarter the resources are 0 and
  `declared` is False: the quarterly prestations are then not recomputed (recompute.py keeps their droits).
  Only salaires/non salarié (activité), chômage and pensions are counted, as by the simulator: indemnités
  journalières and "autres ressources" have no input in the Foyer. The same monthly figure stands for the 12 months
  of the aides au logement and the year N-2 of the prestations familiales (the dossier has no tax income).
- care: the mode of care of the newest demande de CMG sent (none otherwise: no CMG). The CMG's activity condition
  reads the parents' professional situations as they stand now (for every month recomputed): one without activity
  (chômage, retraite, sans activité) makes the household `inactif`; a parent whose situation is unknown counts as
  active.
- housing: known only from the newest demande d'aide au logement sent (statut, loyer or mensualité). Otherwise a
  rented home with no rent known (no aide au logement, no forfait logement) and `housed` is False: the aide au
  logement is then not recomputed.
- maintenance: a parent alone receives a pension alimentaire when the reference quarter declares one (otherwise the
  rules give the ASF).
- AAH: the dossier has no taux d'incapacité. A dossier that holds the AAH was granted it by the MDPH: the
  allocataire is taken at 80 % (`aah=True`).
"""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import asdict, dataclass, replace
from datetime import date

from sqlmodel import Session, col, select

from ... import models as m
from ...domain.dates import add_months, first_of_month
from ...domain.demande_carry import HOUSING
from ...domain.demandes import DemandeKind
from ...domain.errors import DomainError
from ...domain.roles import Actor, MemberRole
from ...domain.statuses import DraftStatus, SituationKind
from ...rules.catalogue import Theme
from ...rules.situation import Adulte, Foyer, Logement
from ..situation.foyer import read_foyer
from ..situation.simulateur import answers_from, foyer_from
from ..situation.simulation_prefill import ACTIVITE, CHOMAGE, PENSIONS, Declared, Prefill

# « Dans ce logement, vous êtes » of a demande -> the simulator's housing kind (the first of HOUSING's, inverted).
_KIND_OF_STATUT = {**{statut: kind for kind, statut in reversed(HOUSING.items())}, "colocataire": "location"}
AAH_INCAPACITE = 80
# The professional situations that meet the CMG's activity condition (a sick leave keeps the job); chômage and
# retraite do not (the CMG's exceptions for the ASS or an insertion path are not known to the dossier).
ACTIVE = frozenset({"salarie", "non_salarie", "etudiant", "arret_maladie"})


@dataclass(frozen=True)
class Household:
    foyer: Foyer
    declared: bool  # the resources come from a sent declaration of a quarter before the month
    housed: bool    # the housing and its rent are known (a demande d'aide au logement)
    # The household as the Caf knew it before the quarter the month now rests on (the quarter declared before it),
    # to explain a droit stored without its household (the demo's seeded months); None without such a quarter.
    previous: Foyer | None = None


def mois_of(month: date) -> str:
    return f"{month.year:04d}-{month.month:02d}"


def _group(category: str) -> str:
    return ("activite" if category in ACTIVITE else "chomage" if category in CHOMAGE
            else "pensions" if category in PENSIONS else category)


def _declarations(session: Session, dossier_id: int) -> dict[date, dict[tuple[int, str], int]]:
    """Every sent quarter: (person, group) -> cents over its 3 months (a month declared twice, in the Rsa's and
    the prime d'activité's declarations, counted once: the newest sent)."""
    rows = session.exec(
        select(m.DeclarationTrimestrielle.quarter_start, m.DeclarationMontant.person_id, m.DeclarationMontant.month,
               m.DeclarationMontant.category, m.DeclarationMontant.amount_cents)
        .outerjoin(m.DeclarationMontant, m.DeclarationMontant.declaration_id == m.DeclarationTrimestrielle.id)
        .where(m.DeclarationTrimestrielle.dossier_id == dossier_id,
               m.DeclarationTrimestrielle.status == DraftStatus.ENVOYE)
        .order_by(col(m.DeclarationTrimestrielle.sent_at), col(m.DeclarationMontant.id))).all()
    newest: dict[date, dict[tuple[int, date, str], int]] = defaultdict(dict)
    for quarter, person_id, month, category, cents in rows:
        amounts = newest[quarter]  # a quarter declared without any resource is a quarter of zeros
        if person_id is not None:
            amounts[person_id, month, category] = cents
    sums: dict[date, dict[tuple[int, str], int]] = {}
    for quarter, amounts in newest.items():
        totals: dict[tuple[int, str], int] = defaultdict(int)
        for (person_id, _, category), cents in amounts.items():
            totals[person_id, _group(category)] += cents
        sums[quarter] = dict(totals)
    return sums


def _reference(quarters: dict[date, dict], month: date) -> date | None:
    """The newest declared quarter whose three months are over before `month`."""
    return max((start for start in quarters if add_months(start, 3) <= month), default=None)


def _from_demandes(session: Session, dossier_id: int) -> tuple[dict[str, str], str]:
    """From the newest demandes sent (one query): the simulator's housing answers of the demande d'aide au logement
    ({} if none), and the mode of care of the demande de CMG ("" if none)."""
    newest: dict[DemandeKind, dict] = {}
    for kind, answers_json in session.exec(
            select(m.Demande.kind, m.Demande.answers_json)
            .where(m.Demande.dossier_id == dossier_id, m.Demande.status == DraftStatus.ENVOYE,
                   col(m.Demande.kind).in_([DemandeKind.AIDE_LOGEMENT, DemandeKind.CMG]))
            .order_by(col(m.Demande.sent_at).desc())):
        newest.setdefault(kind, json.loads(answers_json or "{}"))
    answers = newest.get(DemandeKind.AIDE_LOGEMENT, {})
    garde = newest.get(DemandeKind.CMG, {}).get("mode_garde", "")
    garde = garde if garde in ("assmat", "structure", "les_deux") else ""
    kind = _KIND_OF_STATUT.get(answers.get("statut_logement", ""))
    if kind is None:
        return {}, garde
    rent = answers.get("mensualite") if kind == "accession" else answers.get("loyer")
    return {"logement": kind, "loyer": rent or "0"}, garde


def _declared(totals: dict[tuple[int, str], int] | None, person_id: int | None) -> Declared | None:
    if totals is None or person_id is None:
        return None
    return Declared(*(round(totals.get((person_id, group), 0) / 3) for group in ("activite", "chomage", "pensions")))


def households(*, session: Session, dossier_id: int, months: list[date], aah: bool = False) -> dict[date, Household]:
    """Each month's household of the dossier (4 queries, whatever the number of months). DomainError when the
    dossier lacks what no default can replace (a birth date, a commune the address does not name)."""
    dossier = session.get(m.Dossier, dossier_id)
    if dossier is None:
        raise DomainError("", f"Le dossier {dossier_id} n'existe pas.")
    foyer = read_foyer(session, Actor(account_id=0, person_id=dossier.allocataire_id, dossier_id=dossier_id,
                                      role=MemberRole.ALLOCATAIRE))
    partner = next(iter(foyer.others(MemberRole.ALLOCATAIRE, MemberRole.CONJOINT)), None)
    if foyer.person.birth_date is None or (partner is not None and partner.person.birth_date is None):
        raise DomainError("", f"Une date de naissance manque au dossier {dossier.numero_allocataire} : ses droits ne "
                              "peuvent pas être calculés.")
    working = [resident.latest(SituationKind.PROFESSIONNELLE) for resident in foyer.residents
               if resident.has(MemberRole.ALLOCATAIRE, MemberRole.CONJOINT)]
    inactif = any(row is not None and row.code not in ACTIVE for row in working)
    children = tuple(sorted(resident.person.birth_date for resident in foyer.residents
                            if resident.has(MemberRole.ENFANT) and resident.person.birth_date
                            and not resident.member.pending))
    quarters = _declarations(session, dossier_id)
    housing, garde = _from_demandes(session, dossier_id)
    out = {}
    for month in sorted({first_of_month(month) for month in months}):
        quarter = _reference(quarters, month)
        earlier = _reference({start: q for start, q in quarters.items() if start != quarter}, month) if quarter \
            else None

        def foyer_with(start: date | None, month: date = month) -> Foyer:
            totals = quarters.get(start) if start else None
            prefill = Prefill(couple=partner is not None, demandeur_ne_le=foyer.person.birth_date,
                              conjoint_ne_le=partner.person.birth_date if partner else None, enfants=children,
                              code_postal=dossier.postal_code, commune=dossier.city,
                              demandeur=_declared(totals, foyer.person.id),
                              conjoint=_declared(totals, partner.person.id if partner else None))
            return replace(_foyer_of(prefill, month, totals, housing, aah=aah), garde=garde, inactif=inactif)

        out[month] = Household(foyer_with(quarter), declared=quarter is not None, housed=bool(housing),
                               previous=foyer_with(earlier) if earlier else None)
    return out


def _foyer_of(prefill: Prefill, month: date, totals: dict | None, housing: dict[str, str], *, aah: bool) -> Foyer:
    """The simulator's answers of the dossier (answers_from), its housing, then its Foyer (foyer_from)."""
    answers = {**answers_from(prefill, month), **(housing or {"logement": "location", "loyer": "0"})}
    if any(cents for (_, group), cents in (totals or {}).items() if group == "pensions_alimentaires"):
        answers["pension_alimentaire"] = "oui"
    foyer = foyer_from(Theme.RSA, answers, mois=mois_of(month))
    if aah:
        foyer = replace(foyer, demandeur=replace(foyer.demandeur, incapacite=AAH_INCAPACITE))
    return foyer


def to_json(foyer: Foyer) -> str:
    """The Foyer as Droit.inputs_json keeps it (dates in ISO form, the housing kind by its key)."""
    return json.dumps(asdict(foyer), default=lambda value: value.isoformat() if isinstance(value, date)
                      else str(value), sort_keys=True, ensure_ascii=False)


def _adult(data: dict | None) -> Adulte | None:
    return None if data is None else Adulte(**{**data, "ne_le": date.fromisoformat(data["ne_le"])})


def from_json(text: str) -> Foyer | None:
    """The Foyer kept in Droit.inputs_json; None for a droit not computed here (seeded, or written by hand)."""
    try:
        return _foyer(json.loads(text)) if text else None
    except (KeyError, TypeError, ValueError):  # kept by another version of the Foyer: explained without it
        return None


def _foyer(data: dict) -> Foyer:
    return Foyer(mois=data["mois"], demandeur=_adult(data["demandeur"]), conjoint=_adult(data["conjoint"]),
                 enfants=tuple(date.fromisoformat(born) for born in data["enfants"]),
                 logement=Logement(data["logement"]), loyer=data["loyer"], commune=data["commune"],
                 pension_alimentaire=data["pension_alimentaire"],
                 naissance_prevue=date.fromisoformat(data["naissance_prevue"]) if data["naissance_prevue"] else None,
                 garde=data.get("garde", ""), inactif=data.get("inactif", False))
