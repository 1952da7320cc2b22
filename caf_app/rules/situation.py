"""A household as the simulators, the demandes and the Caf side describe it, checked, and turned into an
OpenFisca-France test case.

Amounts are integer cents per month, as everywhere in the app. A figure typed once ("vos revenus d'activité par
mois") stands for every month the rules look back at: the 3 months before for the Rsa and the prime d'activité,
the 12 months before for the aides au logement, the year N-2 for the prestations familiales. This is what a
simulator can ask; the Caf side, which knows each month, will pass months one by one (issue "The Caf side…").
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

from ..domain.errors import DomainError
from ..domain.statuses import Labelled

# Net imposable of a salaried person over the net paid: the non-deductible CSG (2.4 %) and the CRDS (0.5 %) on
# 98.25 % of the gross, i.e. about 3 % of the net. The aides au logement and the prestations familiales count the
# net imposable (Code de la construction et de l'habitation R822-4; Code de la sécurité sociale R532-3).
IMPOSABLE_OVER_NET = 1.03
# The most a simulator accepts for a monthly amount: a figure above is a typing slip, not a household of the Caf.
MAX_MONTHLY_CENTS = 100_000_00
MAX_CHILDREN = 12
LOOK_BACK_MONTHS = 36  # N-2 of a month of December reaches 35 months back


class Logement(Labelled):
    """What changes the aide au logement (and the forfait logement of the Rsa and the prime d'activité)."""

    LOCATION = "location", "Je loue un logement vide (secteur privé)"
    HLM = "hlm", "Je loue un logement HLM ou conventionné"
    MEUBLE = "meuble", "Je loue un logement meublé"
    FOYER = "foyer", "Je vis en foyer ou en résidence sociale"
    ACCESSION = "accession", "Je rembourse un prêt pour ma résidence principale"
    PROPRIETAIRE = "proprietaire", "Je suis propriétaire sans prêt à rembourser"
    HEBERGE = "heberge", "Je suis hébergé(e) gratuitement"

    @property
    def openfisca(self) -> str:
        """OpenFisca's statut_occupation_logement."""
        return _OPENFISCA_STATUT[self]

    @property
    def pays(self) -> bool:
        """A rent or a loan to repay: the amount is asked."""
        return self in (Logement.LOCATION, Logement.HLM, Logement.MEUBLE, Logement.FOYER, Logement.ACCESSION)


_OPENFISCA_STATUT = {Logement.LOCATION: "locataire_vide", Logement.HLM: "locataire_hlm",
                     Logement.MEUBLE: "locataire_meuble", Logement.FOYER: "locataire_foyer",
                     Logement.ACCESSION: "primo_accedant", Logement.PROPRIETAIRE: "proprietaire",
                     Logement.HEBERGE: "loge_gratuitement"}


@dataclass(frozen=True)
class Adulte:
    ne_le: date
    activite: int = 0        # net earnings per month (salary, or an independent's income), cents
    chomage: int = 0         # allocations chômage, net, per month
    pensions: int = 0        # retraite, pension d'invalidité, rente, per month
    incapacite: int = 0      # taux d'incapacité reconnu par la MDPH, in percent (0: none)
    restriction: bool = False  # "restriction substantielle et durable d'accès à l'emploi" (AAH at 50-79 %)


@dataclass(frozen=True)
class Foyer:
    """The household of a simulation: the person, a conjoint or not, the children, the housing, the month."""

    mois: str                          # "2026-11": the month whose rights are computed
    demandeur: Adulte
    conjoint: Adulte | None = None
    enfants: tuple[date, ...] = ()     # birth dates of the children living in the household
    logement: Logement = Logement.LOCATION
    loyer: int = 0                     # rent (charges excluded) or loan repayment, per month, cents
    commune: str = ""                  # INSEE code of the commune lived in ("13055"), for the housing zone
    pension_alimentaire: bool = False  # a parent alone receives a maintenance payment for the children
    naissance_prevue: date | None = None  # expected birth date of a child on the way (PAJE)
    # How a young child is looked after, from a demande de CMG: "assmat" (an assistante maternelle employed
    # directly), "structure" (a micro-crèche, an association or a company), "les_deux"; "" for none.
    garde: str = ""
    # A parent has no professional activity (nor studies): the CMG is then not due (OpenFisca's inactif).
    inactif: bool = False

    @property
    def couple(self) -> bool:
        return self.conjoint is not None

    @property
    def adultes(self) -> tuple[Adulte, ...]:
        return (self.demandeur,) if self.conjoint is None else (self.demandeur, self.conjoint)

    def with_month(self, mois: str) -> Foyer:
        return replace(self, mois=mois)


def month_start(mois: str) -> date:
    year, month = mois.split("-")
    return date(int(year), int(month), 1)


def months_before(mois: str, count: int) -> list[str]:
    """ "2026-11", 3 -> ["2026-11", "2026-10", "2026-09"] (the month itself first)."""
    year, month = (int(part) for part in mois.split("-"))
    out = []
    for _ in range(count):
        out.append(f"{year:04d}-{month:02d}")
        month -= 1
        if month == 0:
            year, month = year - 1, 12
    return out


def age_on(born: date, day: date) -> int:
    return day.year - born.year - ((day.month, day.day) < (born.month, born.day))


def check(foyer: Foyer, *, today: date, communes: dict[str, str] | None = None) -> None:
    """Raises the DomainError of the first wrong answer, named after its field (the form's input names)."""
    start = month_start(foyer.mois)
    for name, adult in (("demandeur", foyer.demandeur), ("conjoint", foyer.conjoint)):
        if adult is None:
            continue
        if adult.ne_le > today:
            raise DomainError(f"{name}_ne_le", "La date de naissance ne peut pas être dans le futur.")
        if age_on(adult.ne_le, today) > 120:
            raise DomainError(f"{name}_ne_le", "Vérifiez l'année de naissance : l'âge dépasserait 120 ans.")
        if age_on(adult.ne_le, today) < 15:
            raise DomainError(f"{name}_ne_le", "Une personne de moins de 15 ans ne peut pas être allocataire.")
        for what, cents in (("activite", adult.activite), ("chomage", adult.chomage), ("pensions", adult.pensions)):
            if cents < 0:
                raise DomainError(f"{name}_{what}", "Un montant ne peut pas être négatif : indiquez 0 si vous n'avez "
                                                    "rien reçu.")
            if cents > MAX_MONTHLY_CENTS:
                raise DomainError(f"{name}_{what}", "Ce montant mensuel semble trop élevé : vérifiez-le (en euros "
                                                    "par mois).")
        if not 0 <= adult.incapacite <= 100:
            raise DomainError(f"{name}_incapacite", "Indiquez un taux entre 0 et 100 %.")
    if len(foyer.enfants) > MAX_CHILDREN:
        raise DomainError("enfants", f"Indiquez au plus {MAX_CHILDREN} enfants.")
    youngest_parent = max(adult.ne_le for adult in foyer.adultes)
    for index, born in enumerate(foyer.enfants, start=1):
        if born > today:
            raise DomainError(f"enfant_{index}", "Un enfant déjà né ne peut pas avoir une date de naissance dans le "
                                                 "futur : pour un enfant attendu, indiquez la date prévue de "
                                                 "naissance.")
        if born <= youngest_parent:
            raise DomainError(f"enfant_{index}", "Cet enfant serait plus âgé que son parent : vérifiez les dates de "
                                                 "naissance.")
        if age_on(born, start) >= 25:
            raise DomainError(f"enfant_{index}", "Un enfant de 25 ans ou plus n'est plus à charge pour la Caf : "
                                                 "ne l'indiquez pas.")
    if foyer.naissance_prevue is not None and not (today <= foyer.naissance_prevue
                                                     <= date.fromordinal(today.toordinal() + 280)):
        raise DomainError("naissance_prevue", "La date prévue de naissance doit être dans les 9 prochains mois.")
    if foyer.logement.pays:
        if foyer.loyer <= 0:
            raise DomainError("loyer", "Indiquez le montant de votre loyer (ou de votre mensualité de prêt), "
                                       "hors charges.")
        if foyer.loyer > MAX_MONTHLY_CENTS:
            raise DomainError("loyer", "Ce loyer mensuel semble trop élevé : vérifiez-le (en euros par mois).")
    elif foyer.loyer < 0:
        raise DomainError("loyer", "Un montant ne peut pas être négatif.")
    if communes is not None and foyer.commune not in communes:
        raise DomainError("code_postal", "Nous ne trouvons pas cette commune : vérifiez le code postal et choisissez "
                                         "la commune dans la liste.")


def _each(months: list[str], value) -> dict[str, object]:
    return {month: value for month in months}


def add_household(case: dict, key: str, foyer: Foyer, variables: dict[str, list[str]]) -> None:
    """Adds the household `foyer` to the test case `case` under the prefix `key`, asking each variable of
    `variables` ({"familles": [...], "individus": [...], "menages": [...]}) for the foyer's month. Several
    households in one case are computed in one request (vectorised)."""
    mois = foyer.mois
    months = months_before(mois, LOOK_BACK_MONTHS)
    people: dict[str, dict] = {}
    adults = []
    for index, adult in enumerate(foyer.adultes):
        person = f"{key}_a{index}"
        adults.append(person)
        people[person] = {
            "date_naissance": {"ETERNITY": adult.ne_le.isoformat()},
            "salaire_net": _each(months, adult.activite / 100),
            "salaire_imposable": _each(months, round(adult.activite * IMPOSABLE_OVER_NET) / 100),
            "chomage_net": _each(months, adult.chomage / 100),
            "chomage_imposable": _each(months, round(adult.chomage * IMPOSABLE_OVER_NET) / 100),
            "retraite_nette": _each(months, adult.pensions / 100),
            "retraite_imposable": _each(months, round(adult.pensions * IMPOSABLE_OVER_NET) / 100),
            "taux_incapacite": _each(months, adult.incapacite / 100),
            "aah_restriction_substantielle_durable_acces_emploi": _each(months, adult.restriction),
        }
    children = []
    # A child on the way is a member born on the expected date: the prime à la naissance is due in the 7th month
    # of pregnancy, and a child not yet born counts for no other prestation.
    births = list(foyer.enfants) + ([foyer.naissance_prevue] if foyer.naissance_prevue else [])
    for index, born in enumerate(births):
        person = f"{key}_e{index}"
        children.append(person)
        people[person] = {"date_naissance": {"ETERNITY": born.isoformat()}}
    for person in adults + children:
        people[person].update({name: {mois: None} for name in variables.get("individus", ())})
    family = {"parents": adults, "enfants": children, **{name: {mois: None} for name in variables.get("familles", ())}}
    # A parent alone who receives the maintenance set for the children has no allocation de soutien familial. Every
    # family states asf_elig (OpenFisca's own formula otherwise: alone, not in Mayotte): when one household of a
    # batched test case gives an input for a month, OpenFisca gives every other family of the case the default
    # (False), not the formula. The months before are the prime d'activité's look-back.
    family["asf_elig"] = _each(months_before(mois, 4), not foyer.couple and not foyer.pension_alimentaire
                               and not foyer.commune.startswith("976"))
    # The CMG's mode of care (OpenFisca's paje_cmg): an employer of an assistante maternelle (empl_dir), or the
    # care of a structure (ass_mat: « assistante maternelle, association, entreprise, micro-crèche »). Every family
    # states them, as asf_elig, for a batched case.
    family["empl_dir"] = {mois: foyer.garde in ("assmat", "les_deux")}
    family["ass_mat"] = {mois: foyer.garde in ("structure", "les_deux")}
    family["inactif"] = {mois: foyer.inactif}
    housing_months = months_before(mois, 14)
    household = {
        "personne_de_reference": adults[:1], "conjoint": adults[1:], "enfants": children,
        "statut_occupation_logement": _each(housing_months, foyer.logement.openfisca),
        "loyer": _each(housing_months, foyer.loyer / 100),
        **({"depcom": _each(housing_months, foyer.commune)} if foyer.commune else {}),
        **{name: {mois: None} for name in variables.get("menages", ())},
    }
    tax = {"declarants": adults, "personnes_a_charge": children}
    case.setdefault("individus", {}).update(people)
    case.setdefault("familles", {})[f"{key}_f"] = family
    case.setdefault("foyers_fiscaux", {})[f"{key}_ff"] = tax
    case.setdefault("menages", {})[f"{key}_m"] = household
