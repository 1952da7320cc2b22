"""Every database table. Money is integer cents; dates are `date`, instants are UTC `datetime`.

Plain SQLModel classes registered with Reflex's model registry so that alembic sees them.
"""

from __future__ import annotations

import warnings
from datetime import date, datetime, timezone
from enum import StrEnum

import reflex as rx
from sqlalchemy import CheckConstraint, UniqueConstraint
from sqlalchemy.types import TypeDecorator
from sqlmodel import Field, SQLModel
from sqlmodel.sql.sqltypes import AutoString

from . import clock, routes
from .domain.demandes import DemandeKind
from .domain.prestations import Prestation
from .domain.statuses import (
    AlertKind,
    AnnualDeclarationKind,
    BankAccountStatus,
    CourrierKind,
    DebtMovementKind,
    DemarcheKind,
    DemarcheStatus,
    DraftStatus,
    SituationKind,
    SituationStatus,
)

# Reflex merges the metadata of every registered model; plain SQLModel tables share one metadata already,
# so its copy finds each table twice and says so at every start. Nothing is wrong: keep the logs readable.
warnings.filterwarnings("ignore", message="Table '.*' already exists within the given MetaData")


def utcnow() -> datetime:
    return clock.now()


def aware(value: datetime) -> datetime:
    """A datetime read back from SQLite comes without its zone: it was written in UTC."""
    return value if value.tzinfo else value.replace(tzinfo=timezone.utc)


class KeyOf(TypeDecorator):
    """A StrEnum in a plain string column: the member's value is stored (a key, never a French label) and the
    member is read back; a value that is no member is refused both ways."""

    impl = AutoString
    cache_ok = True

    def __init__(self, enum: type[StrEnum]):
        super().__init__()
        self.enum = enum

    def process_bind_param(self, value, dialect):
        return None if value is None else self.enum(value).value

    def process_result_value(self, value, dialect):
        return None if value is None else self.enum(value)

    def __repr__(self) -> str:
        return f"KeyOf({self.enum.__name__})"


@rx.ModelRegistry.register
class Caf(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    department: str = Field(index=True, unique=True, max_length=3)
    name: str
    phone: str = "3230"
    address: str = ""


@rx.ModelRegistry.register
class DelaiTraitement(SQLModel, table=True):
    """What a Caf is processing this week: requests that arrived between two dates."""

    id: int | None = Field(default=None, primary_key=True)
    caf_id: int = Field(foreign_key="caf.id", index=True)
    kind: str  # "rsa_aah" | "autres" | "courriels"
    received_from: date
    received_to: date
    updated_on: date


@rx.ModelRegistry.register
class Person(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    nir: str | None = Field(default=None, index=True, unique=True, max_length=13)
    provisional_id: str | None = Field(default=None, index=True, unique=True, max_length=9)
    civilite: str = ""  # "Madame" | "Monsieur"
    birth_name: str
    usage_name: str = ""
    first_names: str
    birth_date: date | None = None
    birth_place: str = ""
    birth_country: str = "France"
    father_name: str = ""
    mother_name: str = ""
    email: str = ""
    email_verified: bool = False
    mobile: str = ""
    mobile_verified: bool = False
    # When the NIR was recorded for a person who had a provisional identifier: both log in for a transition
    # period from then (services/identity/transition.py). None: the NIR came first, or there is none yet.
    nir_assigned_at: datetime | None = None


@rx.ModelRegistry.register
class Account(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    person_id: int = Field(foreign_key="person.id", unique=True)
    password_hash: str
    created_at: datetime = Field(default_factory=utcnow)
    last_login_at: datetime | None = None
    previous_login_at: datetime | None = None
    password_changed_at: datetime | None = None
    # The FranceConnect+ identity linked to the account (its pairwise `sub`), once the person linked it.
    fc_sub: str | None = Field(default=None, index=True, unique=True, max_length=255)


@rx.ModelRegistry.register
class Dossier(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    numero_allocataire: str = Field(index=True, unique=True, max_length=12)
    caf_id: int = Field(foreign_key="caf.id", index=True)  # the agents' queue and the délais filter on it
    allocataire_id: int = Field(foreign_key="person.id", index=True)
    address_line: str = ""
    postal_code: str = ""
    city: str = ""
    # "undecided" until the allocataire answers, then "granted" or "refused" (délégation de gestion).
    delegation: str = "undecided"
    active: bool = True


@rx.ModelRegistry.register
class Member(SQLModel, table=True):
    """A person of a foyer: allocataire, conjoint, enfant or autre personne à charge."""

    id: int | None = Field(default=None, primary_key=True)
    dossier_id: int = Field(foreign_key="dossier.id", index=True)
    person_id: int = Field(foreign_key="person.id", index=True)
    role: str  # domain.roles.MemberRole value
    pending: bool = False  # a declared birth not processed yet ("en cours")


@rx.ModelRegistry.register
class Tutelle(SQLModel, table=True):
    """A mesure de protection known to the Caf: the tuteur acts for the protected person in that person's dossier.
    A tuteur physique is a person (who logs in to Mon Compte); a tuteur moral, an organisation (the partner space)."""

    id: int | None = Field(default=None, primary_key=True)
    dossier_id: int = Field(foreign_key="dossier.id", index=True)
    protected_id: int = Field(foreign_key="person.id", index=True)  # a member of that dossier
    tuteur_id: int | None = Field(default=None, foreign_key="person.id", index=True)  # a tuteur physique
    organisme: str = ""  # a tuteur moral's name
    # A tuteur moral known as a partner: its staff reach the protected person's Mon Compte from Mon Compte
    # Partenaire (services/partenaires/tutelles.py).
    organisation_id: int | None = Field(default=None, foreign_key="organisation.id", index=True)
    kind: str  # domain.roles.TutelleKind value
    since: date


@rx.ModelRegistry.register
class Situation(SQLModel, table=True):
    """Family or professional situation of a member, with its start date."""

    id: int | None = Field(default=None, primary_key=True)
    member_id: int = Field(foreign_key="member.id", index=True)
    kind: SituationKind = Field(sa_type=KeyOf(SituationKind))
    code: str  # "marie", "salarie", "non_salarie", ...
    since: date | None = None
    status: SituationStatus = Field(default=SituationStatus.CONNUE, sa_type=KeyOf(SituationStatus))


@rx.ModelRegistry.register
class BankAccount(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    dossier_id: int = Field(foreign_key="dossier.id", index=True)
    iban: str
    bic: str
    holder: str
    status: BankAccountStatus = Field(default=BankAccountStatus.ACTIVE, sa_type=KeyOf(BankAccountStatus))
    # Four eyes: the first agent who accepts new details records it here; a second agent makes them ACTIVE.
    checked_by_id: int | None = Field(default=None, foreign_key="agent.id")


@rx.ModelRegistry.register
class Droit(SQLModel, table=True):
    """A right for one month and one prestation: an amount, or "sans droit" with its motif."""

    id: int | None = Field(default=None, primary_key=True)
    dossier_id: int = Field(foreign_key="dossier.id", index=True)
    month: date = Field(index=True)  # first day of the month
    prestation: Prestation = Field(sa_type=KeyOf(Prestation))
    amount_cents: int | None = None
    motif_sans_droit: str = ""
    # The household the amount was computed from (rules.situation.Foyer as JSON) and when; "" for seeded droits.
    inputs_json: str = ""
    computed_at: datetime | None = None


@rx.ModelRegistry.register
class Paiement(SQLModel, table=True):
    # One payment per dossier, month of the run and destination: the allocataire's, and the bailleur's when the
    # aide au logement is paid to them (tiers payant, models.Bail).
    __table_args__ = (UniqueConstraint("dossier_id", "run_month", "destination",
                                       name="uq_paiement_dossier_run_month_destination"),)

    id: int | None = Field(default=None, primary_key=True)
    dossier_id: int = Field(foreign_key="dossier.id", index=True)
    paid_on: date = Field(index=True)
    total_cents: int
    destination: str = "allocataire"  # "allocataire" | "tiers"
    beneficiary: str = ""
    iban: str = ""
    bic: str = ""
    holder: str = ""
    message: str = ""
    # The monthly payment run's month (first day): one payment per dossier and month, whatever the reruns.
    run_month: date | None = Field(default=None, index=True)
    # A payment to the bailleur (destination "tiers"): the lease it pays for, which l'espace bailleur lists.
    bail_id: int | None = Field(default=None, foreign_key="bail.id", index=True)


@rx.ModelRegistry.register
class PaiementLigne(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    paiement_id: int = Field(foreign_key="paiement.id", index=True)
    prestation: Prestation = Field(sa_type=KeyOf(Prestation))
    period_start: date
    period_end: date
    amount_cents: int


@rx.ModelRegistry.register
class Retenue(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    paiement_id: int = Field(foreign_key="paiement.id", index=True)
    dette_id: int | None = Field(default=None, foreign_key="dette.id")
    label: str
    amount_cents: int


@rx.ModelRegistry.register
class QuotientFamilial(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    dossier_id: int = Field(foreign_key="dossier.id", index=True)
    month: date
    amount_cents: int


@rx.ModelRegistry.register
class Alerte(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    dossier_id: int = Field(foreign_key="dossier.id", index=True)
    kind: AlertKind = Field(default=AlertKind.INFORMATION, sa_type=KeyOf(AlertKind))
    # The prestation a "declaration_trimestrielle" alert is about: sending its declaration closes it.
    prestation: Prestation | None = Field(default=None, sa_type=KeyOf(Prestation))
    title: str
    message: str
    link_label: str = "Compléter mes démarches"
    link_route: str = routes.DEMARCHES.path
    created_on: date
    resolved_at: datetime | None = None


@rx.ModelRegistry.register
class Demarche(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    dossier_id: int = Field(foreign_key="dossier.id", index=True)
    person_id: int | None = Field(default=None, foreign_key="person.id")
    kind: DemarcheKind = Field(sa_type=KeyOf(DemarcheKind))
    title: str
    status: DemarcheStatus = Field(default=DemarcheStatus.RECUE, sa_type=KeyOf(DemarcheStatus))
    created_on: datetime = Field(default_factory=utcnow, index=True)
    updated_on: datetime = Field(default_factory=utcnow)
    reference: str = Field(default="", index=True)
    detail: str = ""  # what the person wrote (a message to the Caf, a declared change)
    acted_by_id: int | None = Field(default=None, foreign_key="person.id")  # a tuteur who made it for person_id
    # The Caf's side: one agent at a time takes it (a conditional claim), then decides.
    claimed_by_id: int | None = Field(default=None, foreign_key="agent.id", index=True)
    claimed_at: datetime | None = None
    decided_by_id: int | None = Field(default=None, foreign_key="agent.id")
    decided_at: datetime | None = Field(default=None, index=True)
    decision: str = ""  # domain.gestion.Decision value
    motif: str = ""  # a refusal's motif, the piece asked for
    # A partner's staff member who sent it for the dossier (AFAS, with the allocataire's consent).
    partner_id: int | None = Field(default=None, foreign_key="agent.id")


@rx.ModelRegistry.register
class AttestationReference(SQLModel, table=True):
    """The reference printed on an attestation, with what the attestation certifies: anyone holding the
    document can check it on /verifier-une-attestation (the reference is unguessable)."""

    id: int | None = Field(default=None, primary_key=True)
    reference: str = Field(index=True, unique=True, max_length=64)
    dossier_id: int = Field(foreign_key="dossier.id", index=True)
    kind: str  # "paiement" | "quotient familial"
    period_start: date
    period_end: date
    # What is certified: the total of the payments (paiement), the quotient familial (quotient familial).
    total_cents: int | None = None
    made_at: datetime = Field(default_factory=utcnow)


@rx.ModelRegistry.register
class PieceDemandee(SQLModel, table=True):
    """A piece the Caf asked for ("À transmettre") until a démarche answers it."""

    id: int | None = Field(default=None, primary_key=True)
    dossier_id: int = Field(foreign_key="dossier.id", index=True)
    label: str
    requested_on: date
    due_on: date
    answered_by_id: int | None = Field(default=None, foreign_key="demarche.id")


@rx.ModelRegistry.register
class Document(SQLModel, table=True):
    """A document sent by a user; the file lives in the private files directory under `storage_key`."""

    id: int | None = Field(default=None, primary_key=True)
    dossier_id: int = Field(foreign_key="dossier.id", index=True)
    demarche_id: int | None = Field(default=None, foreign_key="demarche.id")
    uploaded_by_id: int | None = Field(default=None, foreign_key="person.id")
    name: str
    mime: str = "application/pdf"
    page_count: int = 1
    size_bytes: int = 0
    sha256: str = ""
    storage_key: str = Field(unique=True)
    created_at: datetime = Field(default_factory=utcnow)


@rx.ModelRegistry.register
class Courrier(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    dossier_id: int = Field(foreign_key="dossier.id", index=True)
    kind: CourrierKind = Field(default=CourrierKind.COURRIER, sa_type=KeyOf(CourrierKind))
    subject: str
    body: str
    sent_on: date
    read_at: datetime | None = None
    storage_key: str | None = None  # the PDF made from a template (private storage); None: made from body
    demarche_id: int | None = Field(default=None, foreign_key="demarche.id")


@rx.ModelRegistry.register
class Dette(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    dossier_id: int = Field(foreign_key="dossier.id", index=True)
    prestation: Prestation = Field(sa_type=KeyOf(Prestation))
    origin: str
    created_on: date
    initial_cents: int
    monthly_retenue_cents: int = 0  # the plan: what each monthly payment keeps back, until it is repaid


@rx.ModelRegistry.register
class DetteMouvement(SQLModel, table=True):
    """A repayment of a debt: a retenue on a payment or a payment by card ("remboursement")."""

    id: int | None = Field(default=None, primary_key=True)
    dette_id: int = Field(foreign_key="dette.id", index=True)
    on: date
    kind: DebtMovementKind = Field(sa_type=KeyOf(DebtMovementKind))
    amount_cents: int
    reference: str = Field(default="", index=True)


@rx.ModelRegistry.register
class Creneau(SQLModel, table=True):
    """A slot a Caf's agents open for rendez-vous; taken by one booking at a time (a conditional UPDATE), free
    again when that rendez-vous is cancelled or moved (services/communications/rendez_vous.py)."""

    id: int | None = Field(default=None, primary_key=True)
    caf_id: int = Field(foreign_key="caf.id", index=True)
    starts_at: datetime = Field(index=True)
    minutes: int = 30
    mode: str = Field(max_length=20)  # domain/rendez_vous.py MODES
    place: str = Field(default="", max_length=200)  # the point d'accueil (at the accueil)
    taken: bool = False
    created_by_id: int | None = Field(default=None, foreign_key="agent.id")


@rx.ModelRegistry.register
class RendezVous(SQLModel, table=True):
    """A rendez-vous: booked on a Creneau from Ma Caf or Mon Compte (or recorded by the Caf: the seed's), by an
    allocataire (dossier_id) or by a person with no account (their name, mail and phone). Managed from the mail's
    link (token_hash: the token itself is only in the mail) or from Mon agenda."""

    id: int | None = Field(default=None, primary_key=True)
    dossier_id: int | None = Field(default=None, foreign_key="dossier.id", index=True)
    starts_at: datetime
    place: str
    subject: str
    caf_id: int | None = Field(default=None, foreign_key="caf.id", index=True)
    creneau_id: int | None = Field(default=None, foreign_key="creneau.id", index=True)
    person_id: int | None = Field(default=None, foreign_key="person.id")
    minutes: int = 30
    mode: str = Field(default="", max_length=20)
    reason: str = Field(default="", max_length=20)
    last_name: str = Field(default="", max_length=100)
    first_names: str = Field(default="", max_length=100)
    email: str = Field(default="", max_length=254)
    phone: str = Field(default="", max_length=20)
    reference: str = Field(default="", max_length=20, index=True)
    token_hash: str | None = Field(default=None, max_length=64, unique=True)
    cancelled_at: datetime | None = None
    reminded_at: datetime | None = None


@rx.ModelRegistry.register
class DeclarationTrimestrielle(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    dossier_id: int = Field(foreign_key="dossier.id", index=True)
    prestation: Prestation = Field(sa_type=KeyOf(Prestation))  # a quarterly one
    quarter_start: date
    status: DraftStatus = Field(default=DraftStatus.BROUILLON, sa_type=KeyOf(DraftStatus))
    sent_at: datetime | None = None
    reference: str = ""
    # The draft, saved at every step: the answers (see domain.declarations) and which ones were pre-filled.
    answers_json: str = "{}"
    prefilled_json: str = "[]"
    updated_at: datetime = Field(default_factory=utcnow)
    demarche_id: int | None = Field(default=None, foreign_key="demarche.id")


@rx.ModelRegistry.register
class Demande(SQLModel, table=True):
    """A demande de prestation (domain/demandes.py): the draft kept on the server at every answer, then sent once.
    A first-time applicant has no dossier until the demande is sent (sending creates it)."""

    id: int | None = Field(default=None, primary_key=True)
    reference: str | None = Field(default=None, index=True, unique=True, max_length=32)  # set when sent
    kind: DemandeKind = Field(sa_type=KeyOf(DemandeKind))
    person_id: int = Field(foreign_key="person.id", index=True)
    account_id: int | None = Field(default=None, foreign_key="account.id", index=True)  # None: by a tuteur moral
    dossier_id: int | None = Field(default=None, foreign_key="dossier.id", index=True)
    # "<person id>:<kind>" while a draft, None once sent: one draft per person and kind (NULLs are distinct).
    draft_of: str | None = Field(default=None, unique=True, max_length=64)
    answers_json: str = "{}"
    prefilled_json: str = "[]"  # the answers taken from the dossier, to confirm or change
    topic: str = ""  # the screen the person was on
    status: DraftStatus = Field(default=DraftStatus.BROUILLON, sa_type=KeyOf(DraftStatus))
    created_at: datetime = Field(default_factory=utcnow)
    updated_at: datetime = Field(default_factory=utcnow, index=True)
    sent_at: datetime | None = None
    demarche_id: int | None = Field(default=None, foreign_key="demarche.id")
    warned_at: datetime | None = None  # the mail "votre demande sera supprimée dans 7 jours" went


@rx.ModelRegistry.register
class DemandePiece(SQLModel, table=True):
    """A file joined to a demande's draft for one of its pièces justificatives (domain/demande_rules.pieces_for),
    checked and cleaned as any document (documents/processing.py), kept in private storage until the demande is
    sent: then each piece's files become one document of the démarche (services/paperwork/demande_pieces.py)."""

    id: int | None = Field(default=None, primary_key=True)
    demande_id: int = Field(foreign_key="demande.id", index=True)
    label: str  # the piece, as pieces_for names it
    kind: str  # "image" (a page) or "pdf"
    storage_key: str
    page_count: int
    size_bytes: int
    added_at: datetime = Field(default_factory=utcnow)


@rx.ModelRegistry.register
class DeclarationMontant(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    declaration_id: int = Field(foreign_key="declarationtrimestrielle.id", index=True)
    person_id: int = Field(foreign_key="person.id")
    month: date
    category: str
    amount_cents: int
    label: str = ""


@rx.ModelRegistry.register
class DeclarationAnnuelle(SQLModel, table=True):
    """Ressources annuelles, patrimoine or avantage vieillesse (domain/annual_declarations.py): one a year and
    dossier, a draft saved at every screen, then sent once; the answers sent are its record."""

    __table_args__ = (UniqueConstraint("dossier_id", "kind", "year"),)
    id: int | None = Field(default=None, primary_key=True)
    dossier_id: int = Field(foreign_key="dossier.id", index=True)
    kind: AnnualDeclarationKind = Field(sa_type=KeyOf(AnnualDeclarationKind))
    year: int  # the year declared: N-2 for the ressources annuelles
    status: DraftStatus = Field(default=DraftStatus.BROUILLON, sa_type=KeyOf(DraftStatus))
    sent_at: datetime | None = None
    reference: str = ""
    answers_json: str = "{}"
    updated_at: datetime = Field(default_factory=utcnow)
    demarche_id: int | None = Field(default=None, foreign_key="demarche.id")


@rx.ModelRegistry.register
class UserSession(SQLModel, table=True):
    """A server-side session. Only hashes of the cookie token and of the login ticket are stored."""

    # An account's, or a tuteur moral's staff member's: never both, never neither.
    __table_args__ = (CheckConstraint("(account_id IS NULL) <> (partner_agent_id IS NULL)",
                                      name="ck_usersession_owner"),)

    id: int | None = Field(default=None, primary_key=True)
    token_hash: str = Field(index=True, unique=True)
    ticket_hash: str | None = Field(default=None, index=True)
    ticket_expires_at: datetime | None = None
    # The keyed hash of the browser binding cookie of the tab that logged in: the ticket opens a session in that
    # browser only (login CSRF: another site cannot make the browser take someone else's ticket).
    ticket_browser_hash: str | None = None
    # None for a tuteur moral's session: its staff member (partner_agent_id) acts in the protected person's dossier,
    # for the mesure it was opened on (tutelle_id), while their Mon Compte Partenaire session (partner_session_id)
    # lives (services/partenaires/tutelles.py).
    account_id: int | None = Field(default=None, foreign_key="account.id", index=True)
    partner_agent_id: int | None = Field(default=None, foreign_key="agent.id", index=True)
    partner_session_id: int | None = Field(default=None, foreign_key="agentsession.id")
    tutelle_id: int | None = Field(default=None, foreign_key="tutelle.id", ondelete="SET NULL")  # a mesure lifted
    dossier_id: int | None = Field(default=None, foreign_key="dossier.id")
    created_at: datetime = Field(default_factory=utcnow)
    last_seen_at: datetime = Field(default_factory=utcnow)
    expires_at: datetime
    revoked_at: datetime | None = None
    ip: str = ""
    user_agent: str = ""
    # A FranceConnect+ login: the provider's signed ID token, the id_token_hint of the logout at the provider.
    fc_id_token: str | None = None


@rx.ModelRegistry.register
class AuditEvent(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    at: datetime = Field(default_factory=utcnow, index=True)
    kind: str  # "login", "login_failed", "lock", "logout", "password_changed", ...
    account_id: int | None = Field(default=None, foreign_key="account.id")
    ip: str = ""
    detail: str = ""


@rx.ModelRegistry.register
class OutboxMessage(SQLModel, table=True):
    """A mail or SMS kept in the database when no real server is configured (dev and demo)."""

    id: int | None = Field(default=None, primary_key=True)
    channel: str  # "email" | "sms"
    recipient: str
    subject: str = ""
    body: str
    created_at: datetime = Field(default_factory=utcnow)


@rx.ModelRegistry.register
class ThrottleCounter(SQLModel, table=True):
    """Failed logins counted per key: a keyed hash of the identifier typed, or the client address."""

    id: int | None = Field(default=None, primary_key=True)
    key: str = Field(index=True, unique=True)
    failures: int = 0
    last_failure_at: datetime | None = None


@rx.ModelRegistry.register
class OneTimeCode(SQLModel, table=True):
    """A 6-digit code sent by mail or SMS: stored hashed, single use, 10 minutes, 3 attempts."""

    id: int | None = Field(default=None, primary_key=True)
    purpose: str  # "recuperation" | "creation" | "contact"
    subject: str = Field(index=True)  # keyed hash of what the code is about (a person, a creation draft)
    channel: str  # "email" | "sms"
    destination: str
    code_hash: str
    created_at: datetime = Field(default_factory=utcnow)
    expires_at: datetime
    attempts: int = 0
    used_at: datetime | None = None


@rx.ModelRegistry.register
class OutboxLetter(SQLModel, table=True):
    """A letter to post (a code par courrier), to the postal address of a dossier: the queue the print-and-post
    service takes, oldest first, and marks posted."""

    id: int | None = Field(default=None, primary_key=True)
    recipient: str  # "MADAME SYLVIE RENAUD"
    address_line: str
    postal_code: str
    city: str
    subject: str
    body: str
    created_at: datetime = Field(default_factory=utcnow, index=True)
    posted_at: datetime | None = None


@rx.ModelRegistry.register
class LetterCode(SQLModel, table=True):
    """A code sent by post to a person the Caf knows (Créer Mon Compte): stored hashed, single use, valid
    15 days, 5 attempts."""

    id: int | None = Field(default=None, primary_key=True)
    purpose: str  # "creation"
    person_id: int = Field(foreign_key="person.id", index=True)
    code_hash: str
    created_at: datetime = Field(default_factory=utcnow)
    expires_at: datetime
    attempts: int = 0
    used_at: datetime | None = None


@rx.ModelRegistry.register
class TrustedDevice(SQLModel, table=True):
    """A browser where the second factor was given: remembered 30 days by an HttpOnly cookie (its hash here)."""

    id: int | None = Field(default=None, primary_key=True)
    account_id: int = Field(foreign_key="account.id", index=True)
    token_hash: str = Field(index=True, unique=True)
    label: str = ""  # the browser and system, from the User-Agent
    created_at: datetime = Field(default_factory=utcnow)
    last_used_at: datetime = Field(default_factory=utcnow)
    expires_at: datetime
    revoked_at: datetime | None = None


@rx.ModelRegistry.register
class RepaymentIntent(SQLModel, table=True):
    """A repayment started online: paid once at most, whatever the clicks and reloads."""

    id: int | None = Field(default=None, primary_key=True)
    reference: str = Field(index=True, unique=True)
    dette_id: int = Field(foreign_key="dette.id", index=True)
    amount_cents: int
    created_at: datetime = Field(default_factory=utcnow)
    paid_at: datetime | None = None
    card_last4: str = ""


@rx.ModelRegistry.register
class TransmissionDraft(SQLModel, table=True):
    """Transmettre un document: the documents being prepared for sending, kept on the server until sent or
    deleted. (The tables keep their first names.)"""

    __tablename__ = "documentdraft"

    id: int | None = Field(default=None, primary_key=True)
    dossier_id: int = Field(foreign_key="dossier.id", index=True)
    person_id: int = Field(foreign_key="person.id", index=True)
    piece_id: int | None = Field(default=None, foreign_key="piecedemandee.id")
    doc_type: str = ""
    status: DraftStatus = Field(default=DraftStatus.BROUILLON, sa_type=KeyOf(DraftStatus))
    demarche_id: int | None = Field(default=None, foreign_key="demarche.id")
    created_at: datetime = Field(default_factory=utcnow)
    # The ARS 16-18 confirmation: the child (a member of the dossier) the document is for (services/paperwork/
    # rentree.py). No foreign key: a child's departure, once processed, deletes the member and must not fail on a draft.
    ars_member_id: int | None = None


@rx.ModelRegistry.register
class TransmissionDocument(SQLModel, table=True):
    __tablename__ = "draftdocument"

    id: int | None = Field(default=None, primary_key=True)
    draft_id: int = Field(foreign_key="documentdraft.id", index=True)
    position: int = 0
    name: str = ""


@rx.ModelRegistry.register
class TransmissionPage(SQLModel, table=True):
    __tablename__ = "draftpage"

    id: int | None = Field(default=None, primary_key=True)
    document_id: int = Field(foreign_key="draftdocument.id", index=True)
    position: int = 0
    kind: str = "image"  # "image" | "pdf"
    storage_key: str = Field(unique=True)
    size_bytes: int = 0
    page_count: int = 1
    warnings: str = ""  # the quality warnings, one per line


@rx.ModelRegistry.register
class OidcFlow(SQLModel, table=True):
    """One FranceConnect+ round trip (a login or a logout): its state (stored hashed), the nonce, the browser it
    started in (a hashed cookie) and, after a login whose identity is linked to no account yet, that identity
    for the one step that links it (Connexion) or creates the account (Créer Mon Compte)."""

    id: int | None = Field(default=None, primary_key=True)
    purpose: str  # "connexion" | "deconnexion"
    state_hash: str = Field(index=True, unique=True)
    nonce: str = ""
    browser_hash: str = Field(index=True)
    created_at: datetime = Field(default_factory=utcnow)
    used_at: datetime | None = None
    sub: str | None = None
    identity_json: str = "{}"
    id_token: str | None = None
    finished_at: datetime | None = None  # the pending identity was linked or used


@rx.ModelRegistry.register
class Passkey(SQLModel, table=True):
    """A passkey (WebAuthn discoverable credential): the login by fingerprint or face recognition of the device."""

    id: int | None = Field(default=None, primary_key=True)
    account_id: int = Field(foreign_key="account.id", index=True)
    credential_id: str = Field(index=True, unique=True)  # base64url
    public_key: str  # base64url of the COSE key
    sign_count: int = 0
    label: str = ""
    created_at: datetime = Field(default_factory=utcnow)
    last_used_at: datetime | None = None


@rx.ModelRegistry.register
class Agent(SQLModel, table=True):
    """A Caf's gestionnaire or superviseur, or a partner's staff (organisation_id set): created by a command or
    the seed, a password and a mandatory second factor."""

    id: int | None = Field(default=None, primary_key=True)
    login: str = Field(index=True, unique=True, max_length=64)
    name: str
    caf_id: int = Field(foreign_key="caf.id", index=True)
    organisation_id: int | None = Field(default=None, foreign_key="organisation.id", index=True)
    role: str = "agent"  # domain.gestion.AgentRole value
    password_hash: str
    totp_secret: str = ""  # base32; the authenticator app's key
    totp_last_step: int = 0  # the last 30-second step accepted: a code is used once
    created_at: datetime = Field(default_factory=utcnow)
    disabled_at: datetime | None = None


@rx.ModelRegistry.register
class AgentSession(SQLModel, table=True):
    """An agent's session: 8 hours at most, its token stored hashed."""

    id: int | None = Field(default=None, primary_key=True)
    token_hash: str = Field(index=True, unique=True)
    agent_id: int = Field(foreign_key="agent.id", index=True)
    created_at: datetime = Field(default_factory=utcnow)
    expires_at: datetime
    revoked_at: datetime | None = None


@rx.ModelRegistry.register
class DossierConsultation(SQLModel, table=True):
    """An agent opened a dossier, with the reason chosen: what a superviseur reads in the audit."""

    id: int | None = Field(default=None, primary_key=True)
    agent_id: int = Field(foreign_key="agent.id", index=True)
    dossier_id: int = Field(foreign_key="dossier.id", index=True)
    reason: str
    at: datetime = Field(default_factory=utcnow, index=True)


@rx.ModelRegistry.register
class Organisation(SQLModel, table=True):
    """A partner of a Caf (a bailleur, a social-work service, an association, a tutelle service): its staff log in
    to Mon Compte Partenaire (Agent.organisation_id)."""

    id: int | None = Field(default=None, primary_key=True)
    name: str
    kind: str  # domain.partners.OrganisationKind value
    caf_id: int = Field(foreign_key="caf.id", index=True)
    created_at: datetime = Field(default_factory=utcnow)
    # A bailleur's account, where the Caf pays the aides au logement of its tenants in tiers payant.
    iban: str = ""
    bic: str = ""


@rx.ModelRegistry.register
class Bail(SQLModel, table=True):
    """A lease the Caf knows for a dossier's home, with its bailleur (a partner organisation). In tiers payant, the
    aide au logement of the months it covers is paid to the bailleur (services/payments/run.py), who sees it in
    l'espace bailleur and declares an unpaid rent or the end of the lease (services/partenaires/bailleur.py)."""

    id: int | None = Field(default=None, primary_key=True)
    dossier_id: int = Field(foreign_key="dossier.id", index=True)
    organisation_id: int = Field(foreign_key="organisation.id", index=True)
    address_line: str
    postal_code: str = Field(max_length=5)
    city: str
    loyer_cents: int  # the monthly rent with its charges
    since: date
    ended_on: date | None = None  # the tenant's last day, once the Caf has taken the end of the lease into account
    tiers_payant: bool = True


@rx.ModelRegistry.register
class SignalementBailleur(SQLModel, table=True):
    """What a bailleur declares about a lease: an unpaid rent (from a month, an amount owed) or the end of the lease
    (a date). It is a démarche of the tenant's dossier, in the Caf's queue; accepting it applies it."""

    id: int | None = Field(default=None, primary_key=True)
    bail_id: int = Field(foreign_key="bail.id", index=True)
    demarche_id: int = Field(foreign_key="demarche.id", index=True)
    kind: str  # domain.partners.SignalementKind value
    on: date  # the first month unpaid, or the lease's last day
    amount_cents: int | None = None  # an unpaid rent: what the tenant owes


@rx.ModelRegistry.register
class Habilitation(SQLModel, table=True):
    """A service of Mon Compte Partenaire opened to an organisation for a département until a date, by a
    superviseur of its Caf; withdrawn_at ends it before."""

    id: int | None = Field(default=None, primary_key=True)
    organisation_id: int = Field(foreign_key="organisation.id", index=True)
    service: str  # domain.partners.PartnerService value
    departement: str = Field(max_length=3)
    valid_until: date
    granted_by_id: int | None = Field(default=None, foreign_key="agent.id")
    granted_at: datetime = Field(default_factory=utcnow)
    withdrawn_at: datetime | None = None


@rx.ModelRegistry.register
class Consentement(SQLModel, table=True):
    """The allocataire (or the conjoint who manages the dossier) lets a partner act for the dossier in one service
    (AFAS: send documents); given and withdrawn in Mon Compte, by the person recorded."""

    id: int | None = Field(default=None, primary_key=True)
    dossier_id: int = Field(foreign_key="dossier.id", index=True)
    organisation_id: int = Field(foreign_key="organisation.id", index=True)
    service: str  # domain.partners.PartnerService value
    given_by_id: int = Field(foreign_key="person.id")
    given_by_partner_id: int | None = Field(default=None, foreign_key="agent.id")  # a tuteur moral's staff member
    given_at: datetime = Field(default_factory=utcnow)
    withdrawn_at: datetime | None = None


@rx.ModelRegistry.register
class Abonne(SQLModel, table=True):
    """A subscriber of a Caf's « Ma lettre d'info partenaires »: confirmed through the link of a mail (7 days),
    unsubscribed in one click from any letter (services/communications/lettre_info.py)."""

    __table_args__ = (UniqueConstraint("email", "caf_id"),)
    id: int | None = Field(default=None, primary_key=True)
    email: str = Field(max_length=254)
    caf_id: int = Field(foreign_key="caf.id", index=True)
    requested_at: datetime = Field(default_factory=utcnow)
    confirm_hash: str = Field(default="", index=True)  # the confirmation link's token, hashed
    confirmed_at: datetime | None = None
    unsubscribed_at: datetime | None = None


@rx.ModelRegistry.register
class LettreInfo(SQLModel, table=True):
    """A letter a Caf's communication officer writes and sends to its subscribers, in batches (resumable)."""

    id: int | None = Field(default=None, primary_key=True)
    caf_id: int = Field(foreign_key="caf.id", index=True)
    subject: str = Field(max_length=150)
    body: str
    author_id: int = Field(foreign_key="agent.id")
    created_at: datetime = Field(default_factory=utcnow)
    started_at: datetime | None = None  # « Envoyer » pressed: the subscribers of that moment receive it
    finished_at: datetime | None = None


@rx.ModelRegistry.register
class LettreEnvoi(SQLModel, table=True):
    """One letter sent to one subscriber: written with the mail, once (the unique pair makes a resumed sending skip
    who has it already)."""

    __table_args__ = (UniqueConstraint("lettre_id", "abonne_id"),)
    id: int | None = Field(default=None, primary_key=True)
    lettre_id: int = Field(foreign_key="lettreinfo.id", index=True)
    abonne_id: int = Field(foreign_key="abonne.id")
    sent_at: datetime = Field(default_factory=utcnow)


@rx.ModelRegistry.register
class InscriptionWebinaire(SQLModel, table=True):
    """A partner registered for one of the Caf's webinars (content/data/webinaires.json): the invitation (.ics) is
    mailed to them."""

    __table_args__ = (UniqueConstraint("webinaire", "email"),)
    id: int | None = Field(default=None, primary_key=True)
    webinaire: str = Field(max_length=60, index=True)  # its key in webinaires.json
    email: str = Field(max_length=254)
    name: str = Field(max_length=120)
    organisation: str = Field(max_length=120)
    created_at: datetime = Field(default_factory=utcnow)


@rx.ModelRegistry.register
class DroitChange(SQLModel, table=True):
    """A month whose amount changed after a recomputation: before, after and the causes in euros
    (rules.explain), what « Pourquoi ce montant a changé ? » shows."""

    id: int | None = Field(default=None, primary_key=True)
    dossier_id: int = Field(foreign_key="dossier.id", index=True)
    month: date
    prestation: Prestation = Field(sa_type=KeyOf(Prestation))
    before_cents: int
    after_cents: int
    causes_json: str = "[]"  # [{"text": "...", "cents": 1234}, ...]
    demarche_id: int | None = Field(default=None, foreign_key="demarche.id")
    created_at: datetime = Field(default_factory=utcnow)


@rx.ModelRegistry.register
class Rappel(SQLModel, table=True):
    """Money owed to the family for a past month after a recomputation: paid with the next payment."""

    id: int | None = Field(default=None, primary_key=True)
    dossier_id: int = Field(foreign_key="dossier.id", index=True)
    prestation: Prestation = Field(sa_type=KeyOf(Prestation))
    month: date
    amount_cents: int
    created_on: date
    paiement_id: int | None = Field(default=None, foreign_key="paiement.id", index=True)


@rx.ModelRegistry.register
class MessagePublic(SQLModel, table=True):
    """A message written by someone with no dossier (« Nous contacter »): it waits in the queue of the Caf of the
    postal code typed, one agent takes it, and the answer goes back by mail (services/communications/
    contact_public.py). Not a Demarche: a démarche belongs to a dossier, this has none."""

    id: int | None = Field(default=None, primary_key=True)
    caf_id: int = Field(foreign_key="caf.id", index=True)
    last_name: str = Field(max_length=100)
    first_names: str = Field(max_length=100)
    email: str = Field(max_length=254)
    phone: str = Field(default="", max_length=20)
    address_line: str = Field(max_length=200)
    postal_code: str = Field(max_length=5)
    city: str = Field(default="", max_length=100)
    text: str
    received_at: datetime = Field(default_factory=utcnow, index=True)
    claimed_by_id: int | None = Field(default=None, foreign_key="agent.id", index=True)
    claimed_at: datetime | None = None
    answered_by_id: int | None = Field(default=None, foreign_key="agent.id")
    answered_at: datetime | None = Field(default=None, index=True)
    answer: str = ""


@rx.ModelRegistry.register
class SearchDoc(SQLModel, table=True):
    """A page, fiche, guide, article or question of the public site, as the site search and the assistant read it
    (services/communications/search.py rebuilds them from content/ at each deployment: python -m caf_app.migrations).
    SQLite indexes `title_stems` and `stems` in the FTS5 table searchdoc_fts; PostgreSQL indexes `plain` with its
    French text search (the generated column `tsv`, GIN). Both made by the migration."""

    id: int | None = Field(default=None, primary_key=True)
    kind: str = Field(max_length=40)  # the group of the results: « Droits et prestations », « Questions fréquentes »
    title: str = Field(max_length=300)
    summary: str  # shown under the title; a question's answer
    url: str = Field(max_length=300)
    plain: str  # the title on its first line, then the text: without accents, lower case
    title_stems: str  # the title as the stems of its meaningful words (domain/search_text.py)
    stems: str  # the text, the same way


@rx.ModelRegistry.register
class SearchWord(SQLModel, table=True):
    """Every word the public site uses, without accents: what a typo in a query is corrected to."""

    word: str = Field(primary_key=True, max_length=80)


@rx.ModelRegistry.register
class Actualite(SQLModel, table=True):
    """A news item of the public site written in the agents' space (issue 22, point 3): a Caf's communication
    officer writes its local news (caf_id), the national editor the national ones (caf_id None); a draft until
    published, then on the Caf's page, in the search and at /actualites/publiees/<slug>. Markdown, rendered
    without raw HTML (content/editorial.py)."""

    id: int | None = Field(default=None, primary_key=True)
    caf_id: int | None = Field(default=None, foreign_key="caf.id", index=True)
    slug: str | None = Field(default=None, max_length=120, unique=True)  # set at the first publication
    title: str = Field(max_length=120)
    summary: str = Field(max_length=300)
    body: str
    author_id: int = Field(foreign_key="agent.id")
    updated_at: datetime = Field(default_factory=utcnow)
    published_at: datetime | None = Field(default=None, index=True)
    published_by_id: int | None = Field(default=None, foreign_key="agent.id")
