"""The rules of each demande of domain/demandes.py: who may not ask it (refused up front, with the reason) and
the pièces justificatives it needs given the answers. Only answers already given count: a rule whose answer is
missing or wrong says nothing yet (the check of that answer speaks)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date

from .dates import age_on
from .demande_form import check_answer
from .demandes import COUPLE, TENANT, DemandeKind, questions_of
from .errors import DomainError

Answers = Mapping[str, str]


def value(kind: str, answers: Answers, name: str, today: date):
    """The checked value of one answer, None when it is missing, wrong or does not apply."""
    question = questions_of(kind).get(name)
    if question is None or not question.applies(answers) or not answers.get(name, "").strip():
        return None
    try:
        return check_answer(question, answers[name], today)
    except DomainError:
        return None


def _age(kind: str, answers: Answers, today: date, name: str = "date_naissance") -> int | None:
    born = value(kind, answers, name, today)
    return None if born is None else age_on(born, today)


def _logement(answers: Answers, today: date) -> str | None:
    # Code de la construction et de l'habitation, art. L. 821-1 : the aid lowers a rent or a loan repayment.
    if answers.get("statut_logement") == "heberge":
        return ("L'aide au logement aide à payer un loyer ou un prêt : hébergé(e) gratuitement, vous ne pouvez "
                "pas la demander.")
    return None


def _asf(answers: Answers, today: date) -> str | None:
    # Code de la sécurité sociale, art. L. 523-1 : a child whose parent(s) do not provide for it, raised by one
    # parent or by someone who took it in; art. L. 523-2 : it stops when the parent lives in a couple again.
    if answers.get("enfants") == "0":
        return ("L'allocation de soutien familial est versée pour un enfant à votre charge : vous n'en avez "
                "indiqué aucun.")
    if answers.get("situation_familiale") in COUPLE and answers.get("motif_asf") in ("sans_pension", "parent_absent"):
        return ("L'allocation de soutien familial est versée au parent qui élève seul son enfant : vous vivez en "
                "couple. Elle reste possible pour un enfant que vous avez recueilli.")
    return None


def _ajpa(answers: Answers, today: date) -> str | None:
    # Code de la sécurité sociale, art. L. 168-16 et code du travail, art. L. 3142-16 : the person helped has a
    # handicap of at least 80 % or a loss of autonomy (GIR 1 to 4, art. D. 3142-8).
    if answers.get("aide_situation") == "aucune":
        return ("L'allocation journalière du proche aidant est versée pour aider une personne qui a un handicap "
                "d'au moins 80 % ou qui a perdu de son autonomie.")
    return None


def _paje(answers: Answers, today: date) -> str | None:
    # Code de la sécurité sociale, art. L. 531-3 : the allocation de base is paid until the child is 3.
    born = value(DemandeKind.PAJE_NAISSANCE, answers, "bebe_naissance", today)
    if born is not None and age_on(born, today) >= 3:
        return "L'allocation de base est versée jusqu'aux 3 ans de l'enfant : votre enfant a 3 ans ou plus."
    return None


def _cmg(answers: Answers, today: date) -> str | None:
    # Code de la sécurité sociale, art. L. 531-5 : a child under 6 cared for by an assistante maternelle agréée
    # or a structure (micro-crèche, association).
    born = value(DemandeKind.CMG, answers, "garde_naissance", today)
    if born is not None and age_on(born, today) >= 6:
        return ("Le complément de libre choix du mode de garde est versé pour un enfant de moins de 6 ans : "
                "l'enfant gardé a 6 ans ou plus.")
    return None


def _prime(answers: Answers, today: date) -> str | None:
    # Code de la sécurité sociale, art. L. 841-1 : it completes the income of an activity; art. L. 842-1 : 18 or over.
    age = _age(DemandeKind.PRIME_ACTIVITE, answers, today)
    if age is not None and age < 18:
        return "La prime d'activité est versée à partir de 18 ans."
    activite, earned = answers.get("activite"), value(DemandeKind.PRIME_ACTIVITE, answers, "revenus_activite", today)
    if activite in ("chomage", "retraite", "sans_activite") or (activite == "etudiant" and earned == 0):
        return ("La prime d'activité complète les revenus d'un travail : sans activité professionnelle, vous ne "
                "pouvez pas la demander. Le RSA peut vous concerner.")
    return None


def _rsa(answers: Answers, today: date) -> str | None:
    # Code de l'action sociale et des familles, art. L. 262-4 : 25 or over, unless a parent (or expecting a child);
    # art. L. 262-7-1 : under 25, two years of full-time work in the last three (« RSA jeune actif »).
    age = _age(DemandeKind.RSA, answers, today)
    if age is None or age >= 25 or None in (answers.get("enceinte"), answers.get("enfants")):
        return None
    if answers.get("enceinte") == "oui" or answers.get("enfants", "0") != "0" or answers.get("jeune_actif") == "oui":
        return None
    return ("Le RSA est versé à partir de 25 ans, sauf si vous avez un enfant ou en attendez un, ou si vous avez "
            "travaillé au moins 2 ans à temps plein ces 3 dernières années.")


def _aah(answers: Answers, today: date) -> str | None:
    # Code de la sécurité sociale, art. L. 821-1 et L. 821-2 : a rate of incapacity the MDPH's commission (CDAPH)
    # recognised, at least 80 %, or 50 % with a restriction of access to employment; from 20 (16 when no longer a
    # child in the family's charge, art. D. 821-1-2).
    if answers.get("mdph") == "non":
        return ("L'AAH est attribuée après une décision de la MDPH : faites d'abord votre demande auprès de la MDPH "
                "de votre département.")
    if answers.get("taux") == "moins":
        return "L'AAH demande un taux d'incapacité d'au moins 50 % : avec un taux plus bas, elle n'est pas possible."
    age = _age(DemandeKind.AAH, answers, today)
    if age is not None and age < 16:
        return "L'AAH est versée à partir de 16 ans."
    return None


def _bafa(answers: Answers, today: date) -> str | None:
    # The Caf's aide nationale au BAFA (Cnaf's action sociale) pays for the session d'approfondissement or de
    # qualification, the last part of the training.
    if answers.get("session") == "generale":
        return ("L'aide de la Caf est versée pour la session d'approfondissement ou de qualification : faites "
                "votre demande quand vous l'aurez terminée.")
    return None


def _pala(answers: Answers, today: date) -> str | None:
    # The Caf's prêt à l'amélioration du lieu d'accueil (Cnaf's action sociale) is for assistants maternels agréés.
    if answers.get("agree") == "non":
        return "Le prêt à l'amélioration du lieu d'accueil est réservé aux assistants maternels agréés."
    return None


REFUSALS: dict[DemandeKind, Callable[[Answers, date], str | None]] = {
    DemandeKind.AIDE_LOGEMENT: _logement, DemandeKind.ASF: _asf, DemandeKind.AJPA: _ajpa,
    DemandeKind.PAJE_NAISSANCE: _paje, DemandeKind.CMG: _cmg, DemandeKind.PRIME_ACTIVITE: _prime,
    DemandeKind.RSA: _rsa, DemandeKind.AAH: _aah, DemandeKind.BAFA: _bafa, DemandeKind.PALA: _pala,
}


def refusal(kind: str, answers: Answers, today: date) -> str | None:
    """Why this demande cannot be made, given the answers so far; None when nothing stands in the way."""
    rule = REFUSALS.get(DemandeKind(kind))
    return rule(answers, today) if rule else None


def pieces_for(kind: str, answers: Answers) -> list[str]:
    """The pièces justificatives to send, given the answers (the identity ones first)."""
    kind = DemandeKind(kind)
    pieces = []
    if answers.get("nationalite") == "autre":
        pieces.append("Titre de séjour en cours de validité")
    elif answers.get("statut_demandeur") == "nouveau":
        pieces.append("Pièce d'identité (carte d'identité ou passeport)")
    if answers.get("statut_demandeur") == "nouveau" or answers.get("compte") == "nouveau":
        if kind is not DemandeKind.AUTRE:
            pieces.append("Relevé d'identité bancaire (RIB) à votre nom")
    pieces += PIECES.get(kind, lambda answers: [])(answers)
    return pieces


def _pieces_logement(answers: Answers) -> list[str]:
    found = []
    if answers.get("statut_logement") in TENANT:
        found.append("Bail ou attestation de loyer signée par votre bailleur")
    if answers.get("statut_logement") == "accedant":
        found.append("Tableau d'amortissement de votre prêt")
    if answers.get("activite") == "etudiant":
        found.append("Certificat de scolarité de l'année en cours")
    return found


def _pieces_asf(answers: Answers) -> list[str]:
    return {"sans_pension": ["Décision de justice fixant la pension alimentaire"]
            if answers.get("decision_pension") == "oui" else [],
            "parent_absent": ["Acte de naissance de l'enfant, ou acte de décès de l'autre parent"],
            "enfant_recueilli": ["Document qui montre que l'enfant vit chez vous (décision de justice ou "
                                 "attestation de l'aide sociale à l'enfance)"]}.get(answers.get("motif_asf", ""), [])


def _pieces_ajpa(answers: Answers) -> list[str]:
    found = ["Justificatif du handicap ou de la perte d'autonomie de la personne aidée (décision de la MDPH ou "
             "de l'allocation personnalisée d'autonomie)"]
    if answers.get("activite_aidant") == "salarie":
        found.append("Attestation de votre employeur pour votre congé de proche aidant")
    return found


PIECES: dict[DemandeKind, Callable[[Answers], list[str]]] = {
    DemandeKind.AIDE_LOGEMENT: _pieces_logement,
    DemandeKind.ASF: _pieces_asf,
    DemandeKind.AJPA: _pieces_ajpa,
    DemandeKind.PAJE_NAISSANCE: lambda answers: (["Acte de naissance de l'enfant"]
                                                 if answers.get("enfant_ne") == "oui" else []),
    # CMG: the assistante maternelle's agreement is a field of the demande, not a piece.
    DemandeKind.CMG: lambda answers: (["Attestation d'inscription de l'enfant dans la structure"]
                                      if answers.get("mode_garde") in ("structure", "les_deux") else []),
    DemandeKind.AAH: lambda answers: (["Notification de décision de la MDPH"]
                                      if answers.get("mdph") == "decision" else []),
    DemandeKind.BAFA: lambda answers: ["Certificat de fin de session délivré par l'organisme de formation"],
    DemandeKind.PALA: lambda answers: (["Devis des travaux ou des équipements",
                                        "Attestation d'agrément délivrée par le conseil départemental"]
                                       + (["Accord écrit de votre propriétaire pour les travaux"]
                                          if answers.get("statut_lieu") == "locataire" else [])),
    DemandeKind.AUTRE: lambda answers: ["Document à l'appui de votre demande"],
}
