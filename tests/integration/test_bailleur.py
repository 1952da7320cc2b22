"""L'espace bailleur (issue 23): Daniel MORVAN's landlord receives his APL (tiers payant), sees it paid month by
month, and declares an unpaid rent or the end of the lease into the Caf's queue; the payment run pays a lease's
housing aid to the bailleur and the rest to the family, each part once; every refusal of the policy (another
organisation, an expired habilitation, a Caf agent) reads « not one of your leases » and leaves a log line."""

from __future__ import annotations

import logging
from datetime import date

import pytest
from sqlmodel import select

from caf_app import models as m
from caf_app.domain.errors import DomainError, Forbidden
from caf_app.domain.gestion import AgentActor, AgentRole, Decision
from caf_app.domain.prestations import Prestation
from caf_app.domain.statuses import BankAccountStatus, DemarcheStatus
from caf_app.services.communications import courriers
from caf_app.services.gestion import decisions, queue
from caf_app.services.partenaires import bailleur
from caf_app.services.payments import paiements
from caf_app.services.payments.run import dossier_ids_to_pay, pay_batch
from tests import factories
from tests.personas import DANIEL, ELISE

from .conftest import TODAY

DECEMBER = date(2026, 12, 1)  # the run of December pays November's droits
AZUR = "Azur Habitat Social"


def staff(session, login: str) -> AgentActor:
    row = session.exec(select(m.Agent).where(m.Agent.login == login)).one()
    return AgentActor(row.id, row.caf_id, AgentRole(row.role), row.name, organisation_id=row.organisation_id)


def lease(session) -> m.Bail:
    return session.exec(select(m.Bail).where(m.Bail.dossier_id == factories.dossier_of(session, DANIEL).id)).one()


def impaye(session, first_month: str = "2026-09-01", owed: str = "1080", login: str = "bailleur.06",
           bail_id: int | None = None) -> str:
    return bailleur.declare_impaye(session=session, actor=staff(session, login),
                                   bail_id=lease(session).id if bail_id is None else bail_id,
                                   first_month=first_month, owed=owed, today=TODAY)


def fin(session, end: str) -> str:
    return bailleur.declare_fin_bail(session=session, actor=staff(session, "bailleur.06"), bail_id=lease(session).id,
                                     end=end, today=TODAY)


def decide(session, accept: bool = True) -> str:
    """The latest démarche of Daniel's dossier, taken and decided by Caf 06's gestionnaire."""
    agent = staff(session, "agent.06")
    item = session.exec(select(m.Demarche).where(m.Demarche.dossier_id == lease(session).dossier_id)
                        .order_by(m.Demarche.id.desc())).first()
    queue.claim(session=session, actor=agent, demarche_id=item.id)
    if accept:
        return decisions.accept(session=session, actor=agent, demarche_id=item.id, today=TODAY)
    return decisions.refuse(session=session, actor=agent, demarche_id=item.id, motif="Autre motif",
                            detail="Le bail a été repris par un autre bailleur.", today=TODAY)


def daniel_actor(session):
    return factories.actor(session, factories.open_session(session, DANIEL.provisional_id, provisional=True))


def run(session, month: date = DECEMBER):
    return pay_batch(session=session, dossier_ids=dossier_ids_to_pay(session=session, month=month), month=month)


def test_the_bailleur_sees_the_aid_paid_to_it_for_daniel_and_daniel_sees_it_paid_to_a_tiers(seeded):
    [line] = bailleur.locataires(session=seeded, actor=staff(seeded, "bailleur.06"), today=TODAY)
    assert (line.tenant, line.numero, line.logement, line.loyer) == (
        "Daniel MORVAN", DANIEL.dossier, "18 RUE DE FRANCE, 06000 NICE", "540,00\u00a0€")
    assert line.status == "Aide au logement versée à votre organisation depuis le 01/09/2023"
    assert len(line.versements) == 12 and line.versements[0].paid_on == "05/11/2026"
    assert (line.versements[0].month, line.versements[0].amount) == ("Octobre 2026", "198,30\u00a0€")
    assert line.signalements == []
    [last, *_] = paiements.payment_details(session=seeded, actor=daniel_actor(seeded))
    assert last.destination == "Versé à un tiers : Azur Habitat Social, compte •••• 0640"


def test_an_impaye_waits_in_the_queue_as_made_by_the_bailleur_and_accepted_tells_the_tenant(seeded):
    done = impaye(seeded)
    assert done.startswith("Impayé de loyer transmis à la Caf (référence B")
    demarche = seeded.exec(select(m.Demarche).order_by(m.Demarche.id.desc())).first()
    assert demarche.title == "Impayé de loyer signalé par le bailleur, Azur Habitat Social"
    assert demarche.partner_id == staff(seeded, "bailleur.06").agent_id and demarche.status == DemarcheStatus.RECUE
    assert demarche.detail == ("Loyer impayé depuis septembre 2026 : 1\u202f080,00\u00a0€ dus au bailleur par "
                               "Daniel MORVAN (loyer charges comprises : 540,00\u00a0€).")
    julie = staff(seeded, "agent.06")
    [line] = [item for item in queue.queue(session=seeded, actor=julie) if item.id == demarche.id]
    assert line.kind == "Signalements de bailleurs"  # apart from the changes, in the list and in the filter
    assert [item.id for item in queue.queue(session=seeded, actor=julie, kind="signalement_bailleur")] == [demarche.id]
    assert demarche.id not in [item.id for item in queue.queue(session=seeded, actor=julie,
                                                              kind="changement_situation")]
    with pytest.raises(DomainError, match="déjà signalé « Impayé de loyer »"):  # a second tap, another tab
        impaye(seeded)
    assert decide(seeded) == "Impayé pris en compte ; le locataire en est informé."
    daniel = daniel_actor(seeded)
    [latest, *_] = courriers.courriers(session=seeded, actor=daniel)
    assert latest.subject == "Votre logement : impayé de loyer"
    [line] = bailleur.locataires(session=seeded, actor=staff(seeded, "bailleur.06"), today=TODAY)
    assert [(s.label, s.status) for s in line.signalements] == [
        ("Impayé de loyer depuis septembre 2026 : 1\u202f080,00\u00a0€ dus", "Déclaration prise en compte par la Caf")]
    assert lease(seeded).ended_on is None  # the aide goes on to the bailleur


def test_the_end_of_the_lease_accepted_sends_the_next_aid_to_the_family(seeded):
    assert fin(seeded, "31/10/2026").startswith("Fin du bail transmise à la Caf")
    assert decide(seeded).startswith("Fin du bail prise en compte")
    assert lease(seeded).ended_on == date(2026, 10, 31)
    run(seeded)  # November's APL: the lease ended in October, so Daniel is paid
    [payment] = seeded.exec(select(m.Paiement).where(m.Paiement.dossier_id == lease(seeded).dossier_id,
                                                     m.Paiement.run_month == DECEMBER)).all()
    assert (payment.destination, payment.bail_id, payment.total_cents) == ("allocataire", None, 198_30)
    with pytest.raises(DomainError, match="Ce bail a pris fin le 31/10/2026"):
        fin(seeded, "30/11/2026")
    [line] = bailleur.locataires(session=seeded, actor=staff(seeded, "bailleur.06"), today=TODAY)
    assert line.status == "Bail terminé le 31/10/2026"


def test_a_refused_declaration_is_read_by_the_bailleur_and_sends_the_tenant_nothing(seeded):
    daniel = daniel_actor(seeded)
    before = len(courriers.courriers(session=seeded, actor=daniel))
    fin(seeded, "31/12/2026")
    decide(seeded, accept=False)
    assert len(courriers.courriers(session=seeded, actor=daniel)) == before
    [line] = bailleur.locataires(session=seeded, actor=staff(seeded, "bailleur.06"), today=TODAY)
    assert line.signalements[0].status.startswith("Déclaration non retenue par la Caf")
    assert "repris par un autre bailleur" not in line.signalements[0].status  # the motif is the tenant's file's
    assert lease(seeded).ended_on is None


@pytest.mark.parametrize("first_month, owed, field, message", [
    ("2026-11-01", "500", "montant", "deux mois de loyer charges comprises (1\u202f080,00\u00a0€)"),
    ("2025-10-01", "2000", "premier_mois", "Choisissez le premier mois impayé"),
    ("novembre", "2000", "premier_mois", "Choisissez le premier mois impayé"),
    ("2026-11-01", "mille", "montant", "Saisissez un montant en euros"),
    ("2026-11-01", "0", "montant", "Indiquez le montant"),
])
def test_an_impaye_not_constituted_or_mistyped_is_refused_next_to_its_field(seeded, first_month, owed, field,
                                                                            message):
    with pytest.raises(DomainError) as refused:
        impaye(seeded, first_month, owed)
    assert refused.value.field == field and message in refused.value.message


def test_three_whole_months_unpaid_make_an_impaye_whatever_the_amount(seeded):
    assert impaye(seeded, "2026-09-01", "400").startswith("Impayé de loyer transmis")


@pytest.mark.parametrize("end, message", [
    ("31/08/2023", "Le bail a commencé le 01/09/2023"),
    ("31/12/2027", "au plus six mois à l'avance"),
    ("2026-12-31", "au format JJ/MM/AAAA"),
    ("31/02/2027", "Cette date n'existe pas"),
])
def test_an_end_of_lease_out_of_bounds_is_refused_next_to_the_date(seeded, end, message):
    with pytest.raises(DomainError) as refused:
        fin(seeded, end)
    assert refused.value.field == "fin" and message in refused.value.message


def expire(session):
    habilitation = session.exec(select(m.Habilitation).where(m.Habilitation.service == "bailleur")).one()
    habilitation.valid_until = date(2026, 11, 25)
    session.commit()


def withdraw(session):
    habilitation = session.exec(select(m.Habilitation).where(m.Habilitation.service == "bailleur")).one()
    habilitation.withdrawn_at = m.utcnow()
    session.commit()


@pytest.mark.parametrize("case", ["une autre organisation", "habilitation expirée", "habilitation retirée"])
def test_a_lease_out_of_reach_is_not_shown_nothing_is_declared_and_it_is_logged(seeded, caplog, case):
    login = "asso.marseille" if case == "une autre organisation" else "bailleur.06"
    {"habilitation expirée": expire, "habilitation retirée": withdraw}.get(case, lambda _: None)(seeded)
    assert bailleur.locataires(session=seeded, actor=staff(seeded, login), today=TODAY) == []
    before = seeded.exec(select(m.Demarche.id).order_by(m.Demarche.id.desc())).first()
    with caplog.at_level(logging.WARNING, logger="caf_app.partenaires"), pytest.raises(DomainError) as refused:
        impaye(seeded, login=login, bail_id=lease(seeded).id)
    assert refused.value.message == bailleur.NOT_YOURS
    assert "espace bailleur refusé" in caplog.text
    assert seeded.exec(select(m.Demarche.id).order_by(m.Demarche.id.desc())).first() == before


def test_a_caf_agent_never_goes_through_the_espace_bailleur(seeded):
    with pytest.raises(Forbidden):
        bailleur.locataires(session=seeded, actor=staff(seeded, "agent.06"), today=TODAY)


def elise_in_tiers_payant(session, *, ended_on: date | None = None) -> m.Bail:
    org = m.Organisation(name="Habitat Marseille Provence", kind="bailleur", caf_id=factories.dossier_of(
        session, ELISE).caf_id, iban="FR7630004000031234567890143", bic="BNPAFRPPXXX")
    session.add(org)
    session.flush()
    bail = m.Bail(dossier_id=factories.dossier_of(session, ELISE).id, organisation_id=org.id,
                  address_line="6 RUE DES PIVOINES", postal_code="13013", city="MARSEILLE", loyer_cents=650_00,
                  since=date(2020, 1, 1), ended_on=ended_on)
    session.add(bail)
    session.commit()
    return bail


def test_the_run_pays_the_housing_aid_to_the_bailleur_and_the_rest_to_the_family_once(seeded):
    bail = elise_in_tiers_payant(seeded)
    elise = factories.dossier_of(seeded, ELISE)
    first = run(seeded)
    payments = {p.destination: p for p in seeded.exec(select(m.Paiement).where(
        m.Paiement.dossier_id == elise.id, m.Paiement.run_month == DECEMBER))}
    assert (payments["tiers"].total_cents, payments["tiers"].bail_id) == (245_52, bail.id)
    assert (payments["tiers"].beneficiary, payments["tiers"].iban) == ("Habitat Marseille Provence",
                                                                       "FR7630004000031234567890143")
    assert (payments["allocataire"].total_cents, payments["allocataire"].bail_id) == (330_00, None)
    lines = seeded.exec(select(m.PaiementLigne.prestation).where(
        m.PaiementLigne.paiement_id == payments["tiers"].id)).all()
    assert lines == [Prestation.APL]
    again = run(seeded)
    assert (again.paid, again.total_cents) == (0, 0) and first.paid == 6


def test_a_family_part_held_back_for_its_account_is_paid_later_and_the_bailleur_s_never_twice(seeded):
    elise_in_tiers_payant(seeded)
    elise = factories.dossier_of(seeded, ELISE)
    account = seeded.exec(select(m.BankAccount).where(m.BankAccount.dossier_id == elise.id)).one()
    account.status = BankAccountStatus.PENDING
    seeded.commit()
    held = pay_batch(session=seeded, dossier_ids=[elise.id], month=DECEMBER)
    assert (held.paid, held.no_account, held.total_cents) == (1, 1, 245_52)  # the bailleur's part only
    account.status = BankAccountStatus.ACTIVE
    seeded.commit()
    later = pay_batch(session=seeded, dossier_ids=[elise.id], month=DECEMBER)
    assert (later.paid, later.total_cents) == (1, 330_00)
    totals = sorted(p.total_cents for p in seeded.exec(select(m.Paiement).where(
        m.Paiement.dossier_id == elise.id, m.Paiement.run_month == DECEMBER)))
    assert totals == [245_52, 330_00]
    assert pay_batch(session=seeded, dossier_ids=[elise.id], month=DECEMBER).already_paid == 1


def test_a_lease_ended_before_the_month_paid_sends_the_aid_to_the_family(seeded):
    elise_in_tiers_payant(seeded, ended_on=date(2026, 10, 31))
    elise = factories.dossier_of(seeded, ELISE)
    run(seeded)
    [payment] = seeded.exec(select(m.Paiement).where(m.Paiement.dossier_id == elise.id,
                                                     m.Paiement.run_month == DECEMBER)).all()
    assert (payment.destination, payment.total_cents) == ("allocataire", 575_52)


def test_the_caf_s_decision_on_a_declaration_is_recorded_as_any_other(seeded):
    impaye(seeded)
    decide(seeded)
    demarche = seeded.exec(select(m.Demarche).order_by(m.Demarche.id.desc())).first()
    assert demarche.decision == Decision.ACCEPTEE.value and demarche.status == DemarcheStatus.TRAITEE


def test_a_rappel_goes_to_the_bailleur_of_the_lease_that_covered_its_month(seeded):
    """The lease ended in October: November's APL goes to the family, a rappel for September to the bailleur whose
    lease covered September, each in its payment of the run."""
    bail = elise_in_tiers_payant(seeded, ended_on=date(2026, 10, 31))
    elise = factories.dossier_of(seeded, ELISE)
    seeded.add(m.Rappel(dossier_id=elise.id, prestation=Prestation.APL, month=date(2026, 9, 1), amount_cents=31_00,
                        created_on=TODAY))
    seeded.commit()
    run(seeded)
    payments = {p.destination: p for p in seeded.exec(select(m.Paiement).where(
        m.Paiement.dossier_id == elise.id, m.Paiement.run_month == DECEMBER))}
    assert (payments["tiers"].total_cents, payments["tiers"].bail_id) == (31_00, bail.id)
    assert payments["tiers"].message == "Ce paiement comprend un rappel d'Aide personnalisée au logement pour " \
                                        "septembre 2026."
    assert payments["allocataire"].total_cents == 575_52  # November's prime d'activité and APL


def test_a_lease_known_after_the_family_was_paid_pays_the_bailleur_nothing_again(seeded):
    elise = factories.dossier_of(seeded, ELISE)
    first = pay_batch(session=seeded, dossier_ids=[elise.id], month=DECEMBER)
    elise_in_tiers_payant(seeded)  # the lease recorded after the run paid November's APL to the family
    again = pay_batch(session=seeded, dossier_ids=[elise.id], month=DECEMBER)
    assert (first.total_cents, again.paid, again.total_cents) == (575_52, 0, 0)
