"""The seed's "Tableau synthétique", cell by cell, for every role, against the one policy module."""

from datetime import date

import pytest

from caf_app.domain import policy
from caf_app.domain.gestion import AgentActor, AgentRole
from caf_app.domain.partners import Habilitation, PartnerService
from caf_app.domain.roles import Actor, Delegation, MemberRole, TutelleKind

DOSSIER, ME = 1, 10

ROLES = {
    "allocataire": Actor(1, ME, DOSSIER, MemberRole.ALLOCATAIRE),
    "conjoint avec délégation": Actor(2, ME, DOSSIER, MemberRole.CONJOINT, Delegation.GRANTED),
    "conjoint sans délégation": Actor(3, ME, DOSSIER, MemberRole.CONJOINT, Delegation.UNDECIDED),
    "conjoint qui a essuyé un refus": Actor(4, ME, DOSSIER, MemberRole.CONJOINT, Delegation.REFUSED),
    "enfant": Actor(5, ME, DOSSIER, MemberRole.ENFANT),
    "autre personne": Actor(6, ME, DOSSIER, MemberRole.AUTRE),
    "allocataire d'un autre dossier": Actor(7, ME, 2, MemberRole.ALLOCATAIRE),
    "sans dossier": Actor(8, ME, None, None),
    # A tuteur physique acts for the person they protect, as that person would (ME is then the protected person).
    "tuteur d'un allocataire": Actor(9, ME, DOSSIER, MemberRole.ALLOCATAIRE, tuteur_id=20),
    "tuteur d'un conjoint sans délégation": Actor(10, ME, DOSSIER, MemberRole.CONJOINT, Delegation.UNDECIDED,
                                                  tuteur_id=20),
    # A tuteur moral's staff member, in the Mon Compte they opened from Mon Compte Partenaire: no account of its own.
    "tuteur moral d'un allocataire": Actor(None, ME, DOSSIER, MemberRole.ALLOCATAIRE, partner_id=30),
}
MANAGERS = {"allocataire", "conjoint avec délégation", "tuteur d'un allocataire", "tuteur moral d'un allocataire"}
CELLS = {
    policy.can_view_dossier_summary: MANAGERS,
    policy.can_view_payments: MANAGERS,
    policy.can_view_demarches: MANAGERS,
    policy.can_view_foyer: MANAGERS,
    policy.can_send_documents: MANAGERS,
    policy.can_declare_resources: MANAGERS,
    policy.can_make_demarches: MANAGERS,
    policy.can_write_to_caf: MANAGERS,
    policy.can_view_consultations: MANAGERS,  # « Qui a consulté mon dossier » (issue 23)
    policy.can_manage_delegation: {"allocataire", "tuteur d'un allocataire", "tuteur moral d'un allocataire"},
    policy.can_book_rendez_vous: {"allocataire", "conjoint avec délégation", "conjoint sans délégation",
                                  "conjoint qui a essuyé un refus", "tuteur d'un allocataire",
                                  "tuteur d'un conjoint sans délégation", "tuteur moral d'un allocataire"},
}


@pytest.mark.parametrize("rule", list(CELLS), ids=lambda rule: rule.__name__)
@pytest.mark.parametrize("role", list(ROLES))
def test_every_cell_of_the_access_table(rule, role):
    assert rule(ROLES[role], DOSSIER) is (role in CELLS[rule])


@pytest.mark.parametrize("role", list(ROLES))
def test_an_account_s_password_devices_and_history_are_its_owner_s_never_a_tuteur_moral_s(role):
    assert policy.can_manage_account(ROLES[role]) is (role != "tuteur moral d'un allocataire")


@pytest.mark.parametrize("role", list(ROLES))
def test_everybody_sees_their_own_personal_information_and_nobody_else_s(role):
    assert policy.can_view_own_profile(ROLES[role], ME)
    assert not policy.can_view_own_profile(ROLES[role], ME + 1)


@pytest.mark.parametrize("role", list(ROLES))
def test_everybody_sees_their_own_resources_and_nobody_else_s(role):
    """The seed's table: the conjoint without délégation sees « ses informations personnelles (...) ressources »,
    not « les informations personnelles des autres membres du dossier (Sitpro, ressources) »."""
    assert policy.can_view_own_resources(ROLES[role], ME)
    assert not policy.can_view_own_resources(ROLES[role], ME + 1)


@pytest.mark.parametrize("kind", list(TutelleKind))
def test_only_a_tuteur_physique_reaches_the_protected_dossier_in_mon_compte(kind):
    """« Vous êtes tuteur moral : vous pouvez vous connecter sur votre espace partenaire »."""
    assert policy.can_act_as_tuteur(kind) is (kind is TutelleKind.PHYSIQUE)


CONJOINTS_SANS_DELEGATION = {"conjoint sans délégation", "conjoint qui a essuyé un refus",
                             "tuteur d'un conjoint sans délégation"}
# « Demandes d'AAH, d'AJPA, de BAFA, de PALA » for a conjoint without délégation; every demande for whoever manages
# the dossier; the demandes open to non-allocataires for a person with an account and no dossier; none for the others.
DEMANDES = {
    "aah": MANAGERS | CONJOINTS_SANS_DELEGATION | {"allocataire d'un autre dossier"},
    "ajpa": MANAGERS | CONJOINTS_SANS_DELEGATION | {"allocataire d'un autre dossier"},
    "bafa": MANAGERS | CONJOINTS_SANS_DELEGATION | {"allocataire d'un autre dossier"},
    "pala": MANAGERS | CONJOINTS_SANS_DELEGATION | {"allocataire d'un autre dossier"},
    "rsa": MANAGERS | {"allocataire d'un autre dossier", "sans dossier"},
    "prime_activite": MANAGERS | {"allocataire d'un autre dossier", "sans dossier"},
    "aide_logement": MANAGERS | {"allocataire d'un autre dossier", "sans dossier"},
    "paje_naissance": MANAGERS | {"allocataire d'un autre dossier", "sans dossier"},
    "autre": MANAGERS | {"allocataire d'un autre dossier", "sans dossier"},
    "asf": MANAGERS | {"allocataire d'un autre dossier"},
    "cmg": MANAGERS | {"allocataire d'un autre dossier"},
}


@pytest.mark.parametrize("kind", list(DEMANDES))
@pytest.mark.parametrize("role", list(ROLES))
def test_every_cell_of_the_demandes_de_prestation(kind, role):
    """The actor's own dossier decides (an allocataire of another dossier asks in theirs)."""
    assert policy.can_request(ROLES[role], kind) is (role in DEMANDES[kind])


@pytest.mark.parametrize("role", list(ROLES))
def test_a_demande_is_seen_by_its_author_and_by_who_manages_its_dossier(role):
    assert policy.can_view_demande(ROLES[role], ME, None)
    assert policy.can_view_demande(ROLES[role], ME + 1, DOSSIER) is (role in MANAGERS)
    assert not policy.can_view_demande(ROLES[role], ME + 1, None)


# The Caf's side: an agent or superviseur of Caf 13 works on Caf 13's dossiers only (another Caf's dossier is not
# found); the team's work and the audit are the superviseur's; new bank details need a second agent.
CAF_13, CAF_92, CHECKER = 13, 92, 501
AGENTS = {
    "gestionnaire de la Caf 13": AgentActor(CHECKER, CAF_13, AgentRole.AGENT),
    "autre gestionnaire de la Caf 13": AgentActor(502, CAF_13, AgentRole.AGENT),
    "superviseur de la Caf 13": AgentActor(503, CAF_13, AgentRole.SUPERVISEUR),
    "gestionnaire de la Caf 92": AgentActor(504, CAF_92, AgentRole.AGENT),
    "chargée de communication de la Caf 13": AgentActor(505, CAF_13, AgentRole.EDITEUR),
    "éditeur national": AgentActor(506, CAF_92, AgentRole.EDITEUR_NATIONAL),
    # Mon Compte Partenaire (issue 23): staff of organisations that Caf 13 or Caf 92 habilitated, or not.
    "agent d'un partenaire habilité du 13": AgentActor(601, CAF_13, AgentRole.PARTENAIRE, organisation_id=1),
    "agent d'un partenaire du 92": AgentActor(602, CAF_92, AgentRole.PARTENAIRE, organisation_id=2),
    "agent d'un partenaire à l'habilitation expirée": AgentActor(603, CAF_13, AgentRole.PARTENAIRE, organisation_id=3),
    "agent d'un partenaire à l'habilitation retirée": AgentActor(604, CAF_13, AgentRole.PARTENAIRE, organisation_id=4),
    "agent d'un partenaire habilité pour un autre service": AgentActor(605, CAF_13, AgentRole.PARTENAIRE,
                                                                       organisation_id=5),
    "agent d'un service de tutelle du 13": AgentActor(606, CAF_13, AgentRole.PARTENAIRE, organisation_id=6),
    "agent d'un bailleur du 13": AgentActor(607, CAF_13, AgentRole.PARTENAIRE, organisation_id=7),
}
TODAY = date(2026, 12, 1)
HELD = {1: [Habilitation(PartnerService.CDAP, "13", date(2027, 12, 31))],
        2: [Habilitation(PartnerService.CDAP, "92", date(2027, 12, 31))],
        3: [Habilitation(PartnerService.CDAP, "13", date(2026, 11, 30))],
        4: [Habilitation(PartnerService.CDAP, "13", date(2027, 12, 31), withdrawn=True)],
        5: [Habilitation(PartnerService.AFAS, "13", date(2027, 12, 31))],
        6: [Habilitation(PartnerService.TUTEUR, "13", date(2027, 12, 31))],
        7: [Habilitation(PartnerService.BAILLEUR, "13", date(2027, 12, 31))]}


def consults(agent: AgentActor, departement: str, today: date = TODAY) -> bool:
    """CDAP as the policy reads it: what the agent's organisation holds (a Caf agent holds nothing)."""
    return policy.can_consult_dossier(agent, HELD.get(agent.organisation_id, []), departement, today)


PROCESSING = {"gestionnaire de la Caf 13", "autre gestionnaire de la Caf 13", "superviseur de la Caf 13"}
AGENT_CELLS = {
    "traiter un dossier de la Caf 13": (lambda a: policy.can_process(a, CAF_13), PROCESSING),
    "la file, la recherche et les créneaux": (policy.can_work_queue, PROCESSING | {"gestionnaire de la Caf 92"}),
    "publier une actualité de la Caf 13": (lambda a: policy.can_publish_news(a, CAF_13),
                                           {"chargée de communication de la Caf 13"}),
    "publier une actualité de la Caf 92": (lambda a: policy.can_publish_news(a, CAF_92), set()),
    "publier une actualité nationale": (lambda a: policy.can_publish_news(a, None), {"éditeur national"}),
    "valider un RIB vérifié par le premier": (lambda a: policy.can_validate_bank_change(a, CAF_13, CHECKER),
                                              {"autre gestionnaire de la Caf 13", "superviseur de la Caf 13"}),
    "valider un RIB que personne n'a vérifié": (lambda a: policy.can_validate_bank_change(a, CAF_13, None), set()),
    "voir l'activité de l'équipe": (policy.can_view_team, {"superviseur de la Caf 13"}),
    "envoyer la lettre d'info de la Caf 13": (lambda a: policy.can_send_letter(a, CAF_13),
                                              {"chargée de communication de la Caf 13"}),
    "habiliter un partenaire de la Caf 13": (lambda a: policy.can_habilitate(a, CAF_13), {"superviseur de la Caf 13"}),
    "consulter (CDAP) un dossier du 13": (lambda a: consults(a, "13"), {"agent d'un partenaire habilité du 13"}),
    "consulter (CDAP) un dossier du 92": (lambda a: consults(a, "92"), {"agent d'un partenaire du 92"}),
    "consulter (CDAP) un dossier du 06": (lambda a: consults(a, "06"), set()),
    "consulter (CDAP) le lendemain de la fin": (lambda a: consults(a, "13", date(2028, 1, 1)), set()),
    # Tuteur moral: open the Mon Compte of a person the organisation protects (the mesure names it), by territory.
    "ouvrir le Mon Compte d'un protégé du 13": (lambda a: policy.can_act_as_tuteur_moral(
        a, HELD.get(a.organisation_id, []), "13", TODAY), {"agent d'un service de tutelle du 13"}),
    "ouvrir le Mon Compte d'un protégé du 92": (lambda a: policy.can_act_as_tuteur_moral(
        a, HELD.get(a.organisation_id, []), "92", TODAY), set()),
    "ouvrir le Mon Compte d'un protégé du 13 le lendemain de la fin": (lambda a: policy.can_act_as_tuteur_moral(
        a, HELD.get(a.organisation_id, []), "13", date(2028, 1, 1)), set()),
    # L'espace bailleur: the organisation's own leases in tiers payant, by territory.
    "servir un bail à soi du 13 (espace bailleur)": (lambda a: policy.can_serve_bailleur(
        a, HELD.get(a.organisation_id, []), True, "13", TODAY), {"agent d'un bailleur du 13"}),
    "servir le bail d'un autre bailleur du 13": (lambda a: policy.can_serve_bailleur(
        a, HELD.get(a.organisation_id, []), False, "13", TODAY), set()),
    "servir un bail à soi du 92": (lambda a: policy.can_serve_bailleur(
        a, HELD.get(a.organisation_id, []), True, "92", TODAY), set()),
    "servir un bail à soi du 13 le lendemain de la fin": (lambda a: policy.can_serve_bailleur(
        a, HELD.get(a.organisation_id, []), True, "13", date(2028, 1, 1)), set()),
}


@pytest.mark.parametrize("cell", list(AGENT_CELLS))
@pytest.mark.parametrize("who", list(AGENTS))
def test_every_cell_of_the_agents_table(cell, who):
    rule, allowed = AGENT_CELLS[cell]
    assert rule(AGENTS[who]) is (who in allowed)
