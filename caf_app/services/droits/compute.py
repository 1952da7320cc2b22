"""The rules' side of a recomputation: the households of many dossiers in ONE request to the OpenFisca service per
month, read back as each droit's amount, its motif when there is none, and the causes of a change.

Causes come from rules.explain, in the same request: chain() gives the situations from the household a droit was
computed from to the new one, one kind of input at a time, and describe() their sentences; each cause is the step
between two computed amounts, so they add up to the difference to the cent. One step comes first: the household
before, recomputed now, against the amount stored (a barème that moved, a revalorisation). A droit stored without
its household (seeded) is explained in one honest line; a droit that did not exist is "Première ouverture".
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from ...domain.prestations import Prestation
from ...rules import client
from ...rules.catalogue import BY_KEY, RULES, Rule, variables
from ...rules.explain import chain, describe
from ...rules.simulate import Amount, paid_cents, read
from ...rules.situation import Foyer, add_household

# The prestations the rules compute, by the prestation a droit is stored under (the aides au logement of a dossier
# may be an APL or an ALS: OpenFisca's aide_logement is either).
RULE_OF: dict[Prestation, Rule] = {**{rule.prestation: rule for rule in RULES},
                                   Prestation.APL: BY_KEY["aide_logement"], Prestation.ALS: BY_KEY["aide_logement"]}
TIMEOUT = 300.0  # a batch of 500 households takes tens of seconds

OPENING = "Première ouverture du droit"
REBUILT = "Nouveau calcul de vos droits sur la situation que votre Caf connaissait"
NO_DETAIL = ("Nouveau calcul de vos droits avec les informations de votre dossier (le calcul précédent n'en garde "
             "pas le détail)")
RESSOURCES = "Vos ressources dépassent le plafond"
CONDITIONS = "Vous ne remplissez pas les conditions"


@dataclass(frozen=True)
class Before:
    cents: int           # the amount stored (0 for "sans droit")
    foyer: Foyer | None  # the household it was computed from; None: stored without it
    existed: bool = True
    rebuilt: bool = False  # stored without its household: `foyer` is the one the Caf knew before (household.py)


@dataclass(frozen=True)
class Job:
    """One month of one dossier: its household and, for each prestation to compute, the droit before."""

    dossier_id: int
    month: date
    foyer: Foyer
    before: dict[Prestation, Before]


@dataclass(frozen=True)
class Outcome:
    cents: int
    motif: str                           # "" when cents > 0
    causes: tuple[tuple[str, int], ...]  # why it differs from before.cents (empty when it does not)


def _sentence(text: str) -> str:
    return text[:1].upper() + text[1:]


def motif(rule: Rule, amount: Amount, foyer: Foyer) -> str:
    """Why 0, from the figures the rules returned: the resources compared with what the household is due without
    them (Rsa: the montant forfaitaire; prime d'activité: no earnings means no right at all), else the rule's
    conditions."""
    figures = {figure.variable: line.cents for figure, line in zip(rule.figures, amount.lines, strict=True)}
    if rule.variable == "rsa":
        if figures["rsa_base_ressources"] + figures["rsa_forfait_logement"] >= figures["rsa_socle"]:
            return f"{RESSOURCES} : elles atteignent le montant forfaitaire du Rsa de votre foyer."
        return "Le montant calculé est inférieur au minimum versé de 6 €."
    if rule.variable == "ppa_nette_crds":
        if figures["ppa_revenu_activite"] <= 0:
            return f"{CONDITIONS} : la prime d'activité est versée aux personnes qui ont des revenus d'activité."
        return f"{RESSOURCES} de la prime d'activité (ou le montant calculé serait inférieur à 15 €)."
    if rule.variable == "aah" and any(adult.incapacite >= 50 for adult in foyer.adultes) \
            and figures["aah_base_ressources_deconjugalisee"] > 0:
        return f"{RESSOURCES} de l'AAH."
    return f"{CONDITIONS} : {rule.nothing[:1].lower()}{rule.nothing[1:]}"


def _plan(jobs: list[Job]) -> tuple[dict, dict[tuple[int, Foyer], list[tuple[str, str, Foyer]]]]:
    """The test case: each job's household (with the figures of the motifs), and for each distinct household
    before that differs from it, explain's chain from that household to the new one."""
    # Every household is asked every prestation, in the catalogue's order, as the simulators ask them: OpenFisca
    # computes the Rsa and the prime d'activité in a loop of dependencies whose result depends on which is asked
    # first (asking the prime first gives a Rsa 16 € lower for a person alone earning 600 €); a batch must give
    # each household what it alone would get.
    asked, amounts_only = variables(RULES), variables(RULES, figures=False)
    case: dict = {}
    chains: dict[tuple[int, Foyer], list[tuple[str, str, Foyer]]] = {}
    for index, job in enumerate(jobs):
        add_household(case, f"j{index}", job.foyer, asked)
        for before in {b.foyer for b in job.before.values() if b.foyer is not None and b.foyer != job.foyer}:
            steps = chain(before, job.foyer)[:-1]  # from the household before (at this month) to the job's own
            keyed = [(f"j{index}c{len(chains)}s{n}", step, foyer) for n, (step, foyer) in enumerate(steps)]
            for key, _, foyer in keyed:
                add_household(case, key, foyer, amounts_only)
            chains[index, before] = keyed
    return case, chains


def _causes(rule: Rule, result: dict, job_key: str, job: Job, before: Before, after: int,
            steps: list[tuple[str, str, Foyer]] | None) -> tuple[tuple[str, int], ...]:
    if after == before.cents:
        return ()
    if not before.existed:
        return ((OPENING, after - before.cents),)
    if before.foyer is None:
        return ((NO_DETAIL, after - before.cents),)
    # The household before recomputed now, explain's steps, and the household after (the job's own).
    situations = [*(steps or []), (job_key, "logement", job.foyer)]
    amounts = [paid_cents(rule, result, key, foyer) for key, _, foyer in situations]
    causes = []
    if amounts[0] != before.cents:
        causes.append((REBUILT if before.rebuilt else f"Évolution du barème {rule.bareme_label}",
                       amounts[0] - before.cents))
    for index in range(1, len(situations)):
        delta = amounts[index] - amounts[index - 1]
        if delta:
            (_, _, old), (_, step, new) = situations[index - 1], situations[index]
            causes.append((_sentence(describe(step, old, new, (None, None), rule.bareme_label)), delta))
    return tuple(causes)


def compute(jobs: list[Job]) -> list[dict[Prestation, Outcome]]:
    """Each job's outcome by prestation: one request per month, holding every household of that month
    (RulesUnavailable when the service cannot answer). Why not one request for several months: the Rsa and the
    prime d'activité depend on each other's previous months, a loop OpenFisca cuts at a fixed depth; a month
    already computed for the whole case (another household's month) is then read instead, and the amount of a
    household would depend on the months of the others. A month per request gives each household what it alone
    gets, which is what the simulators show."""
    outcomes: list[dict[Prestation, Outcome] | None] = [None] * len(jobs)
    for month in sorted({job.month for job in jobs}):
        indexes = [index for index, job in enumerate(jobs) if job.month == month]
        for index, found in zip(indexes, _compute_month([jobs[index] for index in indexes]), strict=True):
            outcomes[index] = found
    return outcomes


def _compute_month(jobs: list[Job]) -> list[dict[Prestation, Outcome]]:
    case, chains = _plan(jobs)
    result = client.calculate_blocking(case, timeout=TIMEOUT)
    outcomes = []
    for index, job in enumerate(jobs):
        key, found = f"j{index}", {}
        for prestation, before in job.before.items():
            rule = RULE_OF[prestation]
            amount = read((rule,), result, key, job.foyer, {}).amounts[0]
            steps = chains.get((index, before.foyer)) if before.foyer is not None else None
            found[prestation] = Outcome(amount.cents, "" if amount.cents else motif(rule, amount, job.foyer),
                                        _causes(rule, result, key, job, before, amount.cents, steps))
        outcomes.append(found)
    return outcomes
