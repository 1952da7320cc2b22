"""The Caf's side: who processes (agents and superviseurs), what they process (the work queue's kinds) and how
they decide (the decisions, the motifs of a refusal, the reasons for opening a dossier)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from .demandes import DemandeKind
from .errors import DomainError
from .prestations import Prestation
from .statuses import DemarcheKind, Labelled


class AgentRole(Labelled):
    AGENT = "agent", "Gestionnaire"
    SUPERVISEUR = "superviseur", "Superviseur"
    # The public site's editors (issue 22, point 3): the same entry, their own permission, no dossier.
    EDITEUR = "editeur", "Chargé(e) de communication"
    EDITEUR_NATIONAL = "editeur_national", "Éditeur national"
    # A partner's staff (issue 23, Mon Compte Partenaire): the same login (a password and a code), their own
    # entry, cookie and pages; what they reach is their organisation's habilitations (domain/partners.py).
    PARTENAIRE = "partenaire", "Agent d'un partenaire"
    # Its administrator also opens and closes its staff's accounts (services/partenaires/staff.py).
    PARTENAIRE_ADMIN = "partenaire_admin", "Administrateur d'un partenaire"


@dataclass(frozen=True)
class AgentActor:
    """An agent at work: the Caf they belong to bounds every dossier they may open."""

    agent_id: int
    caf_id: int
    role: AgentRole
    name: str = ""
    organisation_id: int | None = None  # a partner's staff: their organisation (Caf agents: None)

    @property
    def supervises(self) -> bool:
        return self.role is AgentRole.SUPERVISEUR

    @property
    def processes(self) -> bool:
        """A gestionnaire or a superviseur: the queue, the dossiers, the rendez-vous slots."""
        return self.role in (AgentRole.AGENT, AgentRole.SUPERVISEUR)

    @property
    def partner(self) -> bool:
        return self.role in (AgentRole.PARTENAIRE, AgentRole.PARTENAIRE_ADMIN) and self.organisation_id is not None

    @property
    def administers(self) -> bool:
        """The administrator of a partner organisation: its own staff's accounts."""
        return self.role is AgentRole.PARTENAIRE_ADMIN and self.organisation_id is not None

    @property
    def edits(self) -> bool:
        return self.role in (AgentRole.EDITEUR, AgentRole.EDITEUR_NATIONAL)


class Decision(Labelled):
    ACCEPTEE = "acceptee", "Acceptée"
    REFUSEE = "refusee", "Refusée"
    PIECE = "piece", "Pièce demandée"
    REPONDU = "repondu", "Réponse envoyée"
    VERIFIEE = "verifiee", "Vérifiée, en attente d'un second agent"  # a bank change, first of four eyes


# What families send and the queue shows, with the filter's label. Attestations by post and authorisations
# are handled by other services (print, rights), not by a gestionnaire's decision.
QUEUE_KINDS: dict[DemarcheKind, str] = {
    DemarcheKind.DEMANDE_PRESTATION: "Demandes de prestation",
    DemarcheKind.DOCUMENT: "Documents",
    DemarcheKind.DECLARATION_TRIMESTRIELLE: "Déclarations trimestrielles",
    DemarcheKind.RESSOURCES_ANNUELLES: "Ressources annuelles",
    DemarcheKind.PATRIMOINE: "Déclarations de patrimoine",
    DemarcheKind.AVANTAGE_VIEILLESSE: "Avantages vieillesse",
    DemarcheKind.CHANGEMENT_SITUATION: "Changements de situation",
    DemarcheKind.MESSAGE: "Messages",
}
BANK_CHANGE_TITLE = "Changement de coordonnées bancaires"  # the démarche profil_edits records
# Messages of people with no dossier (« Nous contacter », models.MessagePublic): not démarches, in the same queue
# with a kind of their own (the filter's value and label).
PUBLIC_MESSAGE_KIND, PUBLIC_MESSAGE_LABEL = "message_public", "Messages de non-allocataires"
# A bailleur's declaration (impayé, fin de bail: models.SignalementBailleur) is a change of situation of the tenant's
# dossier, filtered and labelled on its own.
BAILLEUR_KIND, BAILLEUR_LABEL = "signalement_bailleur", "Signalements de bailleurs"

# What accepting a demande opens, computed by the rules. The aide au BAFA has the Caf's own amount (bafa_cents); the
# others, AJPA (paid by the days of leave declared each month), PALA (a loan) and « autres », are notified as
# accepted, with no amount computed here.
DEMANDE_PRESTATIONS: dict[DemandeKind, tuple[Prestation, ...]] = {
    DemandeKind.RSA: (Prestation.RSA,), DemandeKind.PRIME_ACTIVITE: (Prestation.PRIME_ACTIVITE,),
    DemandeKind.AAH: (Prestation.AAH,), DemandeKind.AIDE_LOGEMENT: (Prestation.AIDE_LOGEMENT,),
    DemandeKind.ASF: (Prestation.ASF,), DemandeKind.PAJE_NAISSANCE: (Prestation.PAJE_NAISSANCE, Prestation.PAJE_BASE),
    DemandeKind.CMG: (Prestation.CMG,),
}

MOTIFS_REFUS: tuple[str, ...] = (
    "Les conditions d'ouverture du droit ne sont pas remplies",
    "Vos ressources dépassent le plafond",
    "Les pièces justificatives sont incomplètes ou illisibles",
    "La demande a déjà été traitée",
    "Votre situation ne relève pas de notre Caf",
    "Autre motif",
)
RAISONS_CONSULTATION: tuple[str, ...] = (
    "Traitement d'une démarche",
    "Réponse à un appel ou un accueil",
    "Contrôle",
    "Réclamation",
)
AGES = {"": "Toutes", "7": "Plus de 7 jours", "15": "Plus de 15 jours", "30": "Plus de 30 jours"}


def days_waited(received: datetime, now: datetime) -> int:
    return max(0, (now - received).days)


def check_motif(motif: str, detail: str) -> str:
    """A refusal says why: a motif of the list; "Autre motif" needs its words."""
    if motif not in MOTIFS_REFUS:
        raise DomainError("motif", "Choisissez le motif du refus.")
    detail = detail.strip()
    if motif == "Autre motif" and len(detail) < 10:
        raise DomainError("motif_detail", "Expliquez le motif du refus en quelques mots (10 caractères au moins).")
    if len(detail) > 2000:
        raise DomainError("motif_detail", "Le motif ne doit pas dépasser 2 000 caractères.")
    return f"{motif}. {detail}" if detail else motif


def check_piece(label: str) -> str:
    label = " ".join(label.split())
    if len(label) < 5:
        raise DomainError("piece", "Indiquez la pièce demandée (5 caractères au moins).")
    if len(label) > 200:
        raise DomainError("piece", "Le nom de la pièce ne doit pas dépasser 200 caractères.")
    return label


def check_answer(text: str) -> str:
    text = text.strip()
    if len(text) < 10:
        raise DomainError("reponse", "Écrivez votre réponse (10 caractères au moins).")
    if len(text) > 5000:
        raise DomainError("reponse", "La réponse ne doit pas dépasser 5 000 caractères.")
    return text


def check_reason(reason: str) -> str:
    if reason not in RAISONS_CONSULTATION:
        raise DomainError("raison", "Choisissez pourquoi vous ouvrez ce dossier.")
    return reason


# The Caf's aide nationale au BAFA (Cnaf, action sociale), paid once the session d'approfondissement or de
# qualification is over: 91,47 €, or 106,71 € when that session is about the accueil du jeune enfant.
BAFA_CENTS, BAFA_PETITE_ENFANCE_CENTS = 91_47, 106_71


def bafa_cents(answers: dict[str, str]) -> tuple[int, str]:
    """The aide au BAFA a demande's answers give, and why (the sentence of the notification). A demande for the
    session générale cannot be sent (demande_rules: the aid is for the session d'approfondissement)."""
    if answers.get("session") == "approfondissement" and answers.get("petite_enfance") == "oui":
        return BAFA_PETITE_ENFANCE_CENTS, ("Aide nationale au BAFA, session d'approfondissement sur l'accueil du "
                                           "jeune enfant")
    return BAFA_CENTS, "Aide nationale au BAFA, session d'approfondissement ou de qualification"
