"""How to contest a decision (a refus, an indu), by prestation: the ways a courrier must state.

Kept general and honest: a recours amiable préalable within two months of receiving the decision, then the court
that hears that prestation; the médiateur besides. The RSA is the Département's allowance: its recours goes to the
président du Conseil départemental (CASF art. L. 262-47), then to the tribunal administratif."""

from __future__ import annotations

from . import para

_CRA = ("Recours amiable : dans les deux mois qui suivent la réception de ce courrier, écrivez à la Commission de "
        "recours amiable de votre Caf, en expliquant pourquoi vous contestez la décision et en joignant les "
        "documents utiles. Ce recours est obligatoire avant de saisir un tribunal.")
_RSA = ("Recours administratif : le revenu de solidarité active est attribué au nom du Département. Dans les deux "
        "mois qui suivent la réception de ce courrier, écrivez au président du Conseil départemental, en "
        "expliquant pourquoi vous contestez la décision. Ce recours est obligatoire avant de saisir un tribunal.")
_ADMINISTRATIF = ("Recours devant le tribunal : si votre recours est rejeté, ou sans réponse dans les deux mois, "
                  "vous pouvez saisir le tribunal administratif dans les deux mois qui suivent.")
_JUDICIAIRE = ("Recours devant le tribunal : si votre recours est rejeté, ou sans réponse dans les deux mois, "
               "vous pouvez saisir le tribunal judiciaire (pôle social) dans les deux mois qui suivent.")
_GENERAL = ("Recours devant le tribunal : si votre recours est rejeté, ou sans réponse dans les deux mois, vous "
            "pouvez saisir le tribunal compétent dans les deux mois qui suivent : le tribunal judiciaire (pôle "
            "social) pour les prestations familiales et l'allocation aux adultes handicapés, le tribunal "
            "administratif pour les aides au logement, la prime d'activité et le revenu de solidarité active.")
_AAH = ("Le taux d'incapacité est fixé par la Maison départementale des personnes handicapées (MDPH) : pour le "
        "contester, adressez-vous à la MDPH.")
_MEDIATEUR = ("Médiateur : si un désaccord demeure après une première réclamation auprès de votre Caf, vous pouvez "
              "faire appel gratuitement au médiateur de votre Caf. Pour garder vos droits, faites votre recours "
              "dans le délai de deux mois indiqué ci-dessus.")

# Prestation values (domain.prestations) whose disputes go to the tribunal administratif; the others (prestations
# familiales, AAH) go to the tribunal judiciaire.
ADMINISTRATIVE = frozenset({"prime_activite", "apl", "als", "aide_logement"})
JUDICIAL = frozenset({"af", "asf", "cf", "paje_base", "paje_naissance", "aah"})


def contest_ways(prestation: str) -> list[str]:
    """The ways to contest a decision on this prestation (a domain.prestations.Prestation value; "" when the
    decision is about no single prestation), in the order to take them."""
    if prestation == "rsa":
        ways = [_RSA, _ADMINISTRATIF]
    elif prestation in ADMINISTRATIVE:
        ways = [_CRA, _ADMINISTRATIF]
    elif prestation in JUDICIAL:
        ways = [_CRA, _JUDICIAIRE] + ([_AAH] if prestation == "aah" else [])
    else:
        ways = [_CRA, _GENERAL]
    return ways + [_MEDIATEUR]


def contest_paragraphs(prestation: str) -> list:
    return [para(f"* {way}") for way in contest_ways(prestation)]
