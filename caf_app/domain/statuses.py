"""The statuses and kinds stored in the database, each spelled one way, with its French label where a page
shows one. The value is what the column holds (models.KeyOf reads it back as the member)."""

from __future__ import annotations

from enum import StrEnum


class Labelled(StrEnum):
    """A StrEnum whose members also carry the words a page shows ("Reçue"); the value when it has none."""

    label: str

    def __new__(cls, value: str, label: str = "") -> Labelled:
        member = str.__new__(cls, value)
        member._value_ = value
        member.label = label or value
        return member


class DemarcheStatus(Labelled):
    RECUE = "recue", "Reçue"
    EN_COURS = "en_cours", "En cours de traitement"
    TRAITEE = "traitee", "Traitée"


class DraftStatus(Labelled):
    """A déclaration trimestrielle or documents to send: a draft, then sent once."""

    BROUILLON = "brouillon"
    ENVOI = "envoi"  # documents only: claimed by one send while their files are written
    ENVOYE = "envoye"


class BankAccountStatus(Labelled):
    ACTIVE = "active"  # the account payments go to
    PENDING = "pending", "en cours de traitement"  # new details sent, not processed yet
    REPLACED = "replaced"


class SituationStatus(Labelled):
    CONNUE = "connue"
    EN_COURS = "en_cours", "en cours de traitement"  # declared, not processed yet


class SituationKind(Labelled):
    FAMILIALE = "familiale", "Situation familiale"
    PROFESSIONNELLE = "professionnelle", "Situation professionnelle"


class AlertKind(Labelled):
    DECLARATION_TRIMESTRIELLE = "declaration_trimestrielle"  # closed when that prestation's declaration is sent
    PIECE_DEMANDEE = "piece_demandee"  # closed when no piece asked for is left to send
    # The Caf asks for an annual declaration (AnnualDeclarationKind, same values): closed when it is sent.
    RESSOURCES_ANNUELLES = "ressources_annuelles"
    PATRIMOINE = "patrimoine"
    AVANTAGE_VIEILLESSE = "avantage_vieillesse"
    INFORMATION = "information"


class DemarcheKind(Labelled):
    DOCUMENT = "document"
    DECLARATION_TRIMESTRIELLE = "declaration_trimestrielle"
    CHANGEMENT_SITUATION = "changement_situation"
    ATTESTATION_COURRIER = "attestation_courrier"
    AUTORISATION = "autorisation"
    MESSAGE = "message"
    DEMANDE_PRESTATION = "demande_prestation"
    RESSOURCES_ANNUELLES = "ressources_annuelles"  # the annual declarations (AnnualDeclarationKind, same values)
    PATRIMOINE = "patrimoine"
    AVANTAGE_VIEILLESSE = "avantage_vieillesse"


class AnnualDeclarationKind(Labelled):
    """The declarations of resources other than the quarterly ones (domain/annual_declarations.py)."""

    RESSOURCES_ANNUELLES = "ressources_annuelles", "Déclaration annuelle de ressources"
    PATRIMOINE = "patrimoine", "Déclaration de patrimoine"
    AVANTAGE_VIEILLESSE = "avantage_vieillesse", "Déclaration d'avantage vieillesse"


class CourrierKind(Labelled):
    COURRIER = "courrier", "Courrier"
    COURRIEL = "courriel", "Courriel"


class DebtMovementKind(Labelled):
    RETENUE = "retenue", "Retenue sur un paiement"
    REMBOURSEMENT = "remboursement", "Remboursement en ligne"
