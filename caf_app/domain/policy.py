"""THE authorization policy. Services call it before every read and write; pages only hide buttons.

The seed's "Tableau synthétique": the allocataire and a conjoint with delegation see everything of the
dossier; a conjoint without delegation sees only their own personal information; children and other
persons see their own personal data only.

Tuteurs: a tuteur physique logs in to Mon Compte and, in the dossier of each person they protect, acts for that
person as that person would (the actor carries the protected person's role: every rule below applies unchanged);
a tuteur moral reaches its protégés from the partner space: its staff member opens the protected person's Mon Compte
there (can_act_as_tuteur_moral) and acts as a tuteur physique does, but never on an account (can_manage_account).

The Caf's side: an agent works on the dossiers of their own Caf only (another Caf's dossier does not exist for
them: 404); a superviseur also sees the team's work and who opened which dossier; new bank details are used
only once a second agent, not the one who checked them, validates them.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from .dates import age_on
from .demandes import CATALOGUE, DemandeKind
from .gestion import AgentActor, AgentRole
from .partners import Habilitation, PartnerService
from .roles import Actor, MemberRole, TutelleKind

ACCOUNT_MIN_AGE = 15  # the seed: « enfant de plus de 15 ans »
# The seed's table: « Demandes d'AAH, d'AJPA, de BAFA, de PALA » are the only demandes of a conjoint without
# délégation de gestion.
CONJOINT_DEMANDES = frozenset({DemandeKind.AAH, DemandeKind.AJPA, DemandeKind.BAFA, DemandeKind.PALA})


def _manages(actor: Actor, dossier_id: int) -> bool:
    if actor.dossier_id is None or actor.dossier_id != dossier_id:
        return False
    return actor.role is MemberRole.ALLOCATAIRE or actor.has_delegation


def can_view_dossier_summary(actor: Actor, dossier_id: int) -> bool:
    """Last payment, alerts, pieces to send: the allocataire or a delegated conjoint."""
    return _manages(actor, dossier_id)


def can_view_payments(actor: Actor, dossier_id: int) -> bool:
    """Droits and paiements: the allocataire, or a spouse to whom the allocataire delegated the dossier."""
    return _manages(actor, dossier_id)


def can_view_demarches(actor: Actor, dossier_id: int) -> bool:
    return _manages(actor, dossier_id)


def can_view_own_profile(actor: Actor, person_id: int) -> bool:
    """Everybody with an account sees their own personal information."""
    return actor.person_id == person_id


def can_view_own_resources(actor: Actor, person_id: int) -> bool:
    """Ses ressources: everybody sees the resources declared for themselves (the seed's table gives them to the
    conjoint without délégation, « ses informations personnelles (...) situation professionnelle, ressources »);
    another member's only through the dossier (can_declare_resources)."""
    return actor.person_id == person_id


def can_act_as_tuteur(kind: TutelleKind) -> bool:
    """Mon Compte opens a protected person's dossier to a tuteur physique only; a tuteur moral « peut se connecter
    sur [son] espace partenaire pour accéder aux comptes de [ses] protégés »."""
    return kind is TutelleKind.PHYSIQUE


def can_view_foyer(actor: Actor, dossier_id: int) -> bool:
    """The members of the foyer and their situations (not their contact details)."""
    return _manages(actor, dossier_id)


def can_send_documents(actor: Actor, dossier_id: int) -> bool:
    """Transmettre un document: the allocataire or a delegated conjoint. A conjoint without delegation sends
    documents only within the démarches the seed's table allows them (declared where those démarches live)."""
    return _manages(actor, dossier_id)


def can_make_demarches(actor: Actor, dossier_id: int) -> bool:
    """The other démarches of the dossier (a student's housing over the summer and bourse, the scolarité of a child
    of 16 to 18 for the ARS): the allocataire or a delegated conjoint (the seed's table: « A toutes les démarches »)."""
    return _manages(actor, dossier_id)


def can_declare_resources(actor: Actor, dossier_id: int) -> bool:
    """The quarterly declaration is a démarche of the dossier: the allocataire or a delegated conjoint."""
    return _manages(actor, dossier_id)


def can_book_rendez_vous(actor: Actor, dossier_id: int) -> bool:
    """A rendez-vous with the Caf, booked, moved or cancelled for the dossier: the allocataire and the conjoint,
    with or without délégation (the seed: without it, the conjoint still meets the Caf « par téléphone et à
    l'accueil »), and their tuteur."""
    return actor.dossier_id == dossier_id and actor.role in (MemberRole.ALLOCATAIRE, MemberRole.CONJOINT)


def can_manage_delegation(actor: Actor, dossier_id: int) -> bool:
    """Only the allocataire gives or withdraws the délégation de gestion to the conjoint."""
    return actor.dossier_id == dossier_id and actor.role is MemberRole.ALLOCATAIRE


def can_write_to_caf(actor: Actor, dossier_id: int) -> bool:
    """E-mail to the Caf: not for a conjoint without delegation (phone and in person only, says the seed)."""
    return _manages(actor, dossier_id)


def can_create_account(memberships: Iterable[tuple[MemberRole, bool]], birth_date: date | None, today: date, *,
                       protects: bool = False) -> bool:
    """Créer Mon Compte for a person the Caf knows: the seed names who, « conjoint, enfant de plus de 15 ans,
    personne à charge », and the allocataire. memberships: (role, current) for each foyer the person is in;
    current: the dossier is active and the membership is not a declared change still being processed. protects:
    the person is the tuteur physique of someone in an active dossier (the seed's « Première connexion » des
    tuteurs: « vous n'avez pas d'espace Mon Compte : vous pouvez créer votre compte »)."""
    if protects:
        return True
    for role, current in memberships:
        if not current:
            continue
        if role in (MemberRole.ALLOCATAIRE, MemberRole.CONJOINT, MemberRole.AUTRE):
            return True
        if role is MemberRole.ENFANT and birth_date is not None and age_on(birth_date, today) >= ACCOUNT_MIN_AGE:
            return True
    return False


def can_request(actor: Actor, kind: str) -> bool:
    """Start, fill in and send a demande de prestation of this kind (« Faites une demande de prestation en ligne »):
    the allocataire and a delegated conjoint, every demande; a conjoint without délégation, AAH, AJPA, BAFA and
    PALA; a person with an account and no dossier, the demandes open to non-allocataires (the seed's
    « Récapitulatif des démarches en ligne »); a child or another member of the foyer, none."""
    kind = DemandeKind(kind)
    if actor.dossier_id is None:
        return CATALOGUE[kind].non_allocataire
    if actor.role is MemberRole.ALLOCATAIRE or actor.has_delegation:
        return True
    return actor.role is MemberRole.CONJOINT and kind in CONJOINT_DEMANDES


def can_view_demande(actor: Actor, person_id: int, dossier_id: int | None) -> bool:
    """A demande: the person who makes it, and whoever manages the dossier it was sent to."""
    return actor.person_id == person_id or (dossier_id is not None and _manages(actor, dossier_id))


def can_process(agent: AgentActor, dossier_caf_id: int) -> bool:
    """Open a dossier, take an item of the queue, decide: an agent or superviseur of the dossier's Caf (for a
    message of someone with no dossier, « Nous contacter », the Caf of the postal code they typed). An editor of
    the public site processes nothing."""
    return agent.processes and agent.caf_id == dossier_caf_id


def can_work_queue(agent: AgentActor) -> bool:
    """The work queue, the search of a dossier, the rendez-vous slots of the agent's Caf: gestionnaires and
    superviseurs, not the public site's editors."""
    return agent.processes


def can_publish_news(agent: AgentActor, caf_id: int | None) -> bool:
    """Write, preview, publish and withdraw the news of the public site: a Caf's communication officer for their
    own Caf's local news (caf_id), the national editor for the national ones (caf_id None); nobody else."""
    if agent.role is AgentRole.EDITEUR_NATIONAL:
        return caf_id is None
    return agent.role is AgentRole.EDITEUR and caf_id == agent.caf_id


def can_validate_bank_change(agent: AgentActor, dossier_caf_id: int, checked_by_id: int | None) -> bool:
    """The second pair of eyes: an agent of the Caf other than the one who checked the new bank details."""
    return can_process(agent, dossier_caf_id) and checked_by_id is not None and checked_by_id != agent.agent_id


def can_view_team(agent: AgentActor) -> bool:
    """The team's work and the audit of consultations: the superviseur of the Caf."""
    return agent.supervises


def can_habilitate(agent: AgentActor, organisation_caf_id: int) -> bool:
    """Open a service of Mon Compte Partenaire to an organisation, or withdraw it: the superviseur of the Caf the
    organisation belongs to (an organisation of another Caf does not exist for them)."""
    return agent.supervises and agent.caf_id == organisation_caf_id


def can_consult_dossier(partner: AgentActor, habilitations: Iterable[Habilitation], departement: str,
                        today: date) -> bool:
    """CDAP: a partner's staff reads the subset of a dossier the service opens (droits, payments, household) when
    their organisation holds a CDAP habilitation for the dossier's département, not withdrawn, not past its date.
    A Caf agent never goes this way (their own console), nor a partner of another territory."""
    return partner.partner and any(h.covers(PartnerService.CDAP, departement, today) for h in habilitations)


def can_view_consultations(actor: Actor, dossier_id: int) -> bool:
    """« Qui a consulté mon dossier » : the partners' consultations, for whoever manages the dossier."""
    return _manages(actor, dossier_id)


def can_manage_staff(partner: AgentActor, organisation_id: int | None) -> bool:
    """Open and close the accounts of an organisation's staff: its own administrator, nobody else (not the Caf's
    agents, not another organisation's administrator)."""
    return partner.administers and organisation_id is not None and partner.organisation_id == organisation_id


def can_manage_consents(actor: Actor, dossier_id: int) -> bool:
    """Give or withdraw a partner's consent to act for the dossier (AFAS): whoever manages the dossier."""
    return _manages(actor, dossier_id)


def can_act_as_tuteur_moral(partner: AgentActor, habilitations: Iterable[Habilitation], departement: str,
                            today: date) -> bool:
    """A tutelle service's staff member opens the Mon Compte of a person their organisation protects (the mesure
    names the organisation: the caller finds it) when the organisation holds « Tuteur moral » for the dossier's
    département today. A Caf agent never goes this way."""
    return partner.partner and any(h.covers(PartnerService.TUTEUR, departement, today) for h in habilitations)


def can_serve_bailleur(partner: AgentActor, habilitations: Iterable[Habilitation], own_lease: bool,
                       departement: str, today: date) -> bool:
    """L'espace bailleur: a bailleur's staff member reads the aides paid to the organisation for a lease and
    declares an unpaid rent or its end, when the lease is the organisation's own and it holds « Espace bailleur »
    for the dossier's département today. A Caf agent never goes this way."""
    return (partner.partner and own_lease
            and any(h.covers(PartnerService.BAILLEUR, departement, today) for h in habilitations))


def can_manage_account(actor: Actor) -> bool:
    """The account itself (password, e-mail, phone, devices, passkeys): its owner only. A tuteur moral's session
    has no account: it acts in the protected person's dossier, never on anyone's login."""
    return actor.account_id is not None


def can_send_for(partner: AgentActor, habilitations: Iterable[Habilitation], consented: bool, departement: str,
                 today: date) -> bool:
    """AFAS: a partner's staff member sends documents into a dossier when their organisation holds AFAS for the
    dossier's département today and the allocataire's consent to that organisation stands (not withdrawn)."""
    return (partner.partner and consented
            and any(h.covers(PartnerService.AFAS, departement, today) for h in habilitations))


def can_send_letter(agent: AgentActor, caf_id: int) -> bool:
    """Write and send « Ma lettre d'info partenaires » to a Caf's subscribers: that Caf's communication officer."""
    return agent.role is AgentRole.EDITEUR and agent.caf_id == caf_id
