"""Mon Compte Partenaire (issue 23): a partner's staff logs in at their own entry (a password and a code), a
superviseur of the Caf opens CDAP to their organisation for the Caf's département until a date, and they read the
subset of an allocataire's dossier, each consultation recorded with its purpose and shown to the allocataire. Every
refusal (another territory, an expired or withdrawn habilitation, a wrong name, no purpose) reads the same « no
such dossier of your territory » and leaves a log line."""

from __future__ import annotations

import logging
from datetime import date, timedelta

import pyotp
import pytest
from sqlmodel import func, select, update as sqlmodel_update

from caf_app import models as m
from caf_app.documents.storage import PrivateStore
from caf_app.domain.errors import DomainError, Forbidden
from caf_app.domain.gestion import AgentActor, AgentRole
from caf_app.domain.partners import CDAP_PURPOSES, NOT_FOUND
from caf_app.seed import DEMO_PASSWORD, demo_totp_secret
from caf_app.services.gestion import agents
from caf_app.services.partenaires import afas, cdap, habilitations, staff as partner_staff
from caf_app.settings import get_settings
from tests.factories import actor_of
from tests.files import pdf_document, pdf_with_javascript, photo_with_exif
from tests.personas import ELISE, ERIC, FLORENCE, JONAS

from .conftest import TODAY

SECRET = get_settings().secret_key
PURPOSE = CDAP_PURPOSES[0]
NANTERRE = "Service social départemental de Nanterre"


def log_in(session, login: str, *, partner: bool) -> str:
    return agents.authenticate(session=session, login=login, password=DEMO_PASSWORD,
                               code=pyotp.TOTP(demo_totp_secret(login)).now(), client="", secret=SECRET,
                               partner=partner)


def staff(session, login: str) -> AgentActor:
    row = session.exec(select(m.Agent).where(m.Agent.login == login)).one()
    return AgentActor(row.id, row.caf_id, AgentRole(row.role), row.name, organisation_id=row.organisation_id)


def organisation(session, name: str) -> m.Organisation:
    return session.exec(select(m.Organisation).where(m.Organisation.name == name)).one()


def habilitate(session, until: date = date(2027, 12, 31)) -> str:
    return habilitations.habilitate(session=session, actor=staff(session, "superviseur.92"),
                                    organisation_id=organisation(session, NANTERRE).id, service="cdap",
                                    valid_until=until, today=TODAY)


def consult(session, login: str = "as.nanterre", numero: str = JONAS.dossier, name: str = "duchais",
            purpose: str = PURPOSE, today: date = TODAY) -> cdap.CdapView:
    return cdap.consult(session=session, actor=staff(session, login), numero=numero, birth_name=name,
                        purpose=purpose, today=today)


def recorded(session) -> int:
    return session.exec(select(func.count()).select_from(m.DossierConsultation)).one()


def test_a_partner_logs_in_at_its_own_entry_only_and_its_session_is_no_agent_s(seeded, clock):
    token = log_in(seeded, "as.nanterre", partner=True)
    partner = agents.agent_of(session=seeded, token=token, secret=SECRET, partner=True)
    assert partner.partner and partner.name == "Sophie Lemaire"
    assert agents.agent_of(session=seeded, token=token, secret=SECRET) is None  # not an agent at /gestion
    clock.advance(seconds=31)
    with pytest.raises(DomainError, match="incorrect"):
        log_in(seeded, "as.nanterre", partner=False)  # the agents' entry does not know a partner's staff
    with pytest.raises(DomainError, match="incorrect"):
        log_in(seeded, "agent.92", partner=True)  # nor the partners' entry an agent
    agent_token = log_in(seeded, "superviseur.92", partner=False)
    assert agents.agent_of(session=seeded, token=agent_token, secret=SECRET, partner=True) is None


def test_a_habilitated_social_worker_reads_jonas_s_dossier_and_jonas_sees_it(seeded, caplog):
    assert cdap.services(session=seeded, actor=staff(seeded, "as.nanterre"), today=TODAY) == []
    done = habilitate(seeded)
    assert done == (f"{NANTERRE} est habilité(e) pour « CDAP : consultation des données de l'allocataire » "
                    "jusqu'au 31/12/2027.")
    [service] = cdap.services(session=seeded, actor=staff(seeded, "as.nanterre"), today=TODAY)
    assert (service.departement, service.until) == ("92", "31/12/2027")
    with caplog.at_level(logging.INFO, logger="caf_app.partenaires"):
        view = consult(seeded, numero=" 920 1001 ", name="Duchais")
    assert view.allocataire == "Jonas DUCHAIS" and view.purpose == PURPOSE
    assert [(line.label, line.detail) for line in view.members][:2] == [("Jonas DUCHAIS", "Allocataire"),
                                                                        ("Florence DUCHAIS", "Conjoint(e)")]
    assert view.droits and {line.detail for line in view.droits} <= {"Novembre 2026", "Octobre 2026",
                                                                     "Septembre 2026"}
    assert len(view.payments) == 3 and view.payments[0].label == "Paiement du 05/11/2026"
    assert "a consulté le dossier 9201001" in caplog.text
    for reader in (JONAS, FLORENCE):  # the allocataire, and the conjoint who manages the dossier with him
        [line] = cdap.consultations(session=seeded, actor=actor_of(seeded, reader.nir))
        assert (line.organisation, line.purpose) == (NANTERRE, PURPOSE) and line.at.startswith("le ")


def test_a_conjoint_without_delegation_does_not_see_who_consulted(seeded):
    with pytest.raises(Forbidden):
        cdap.consultations(session=seeded, actor=actor_of(seeded, ERIC.nir))


@pytest.mark.parametrize("case", ["pas encore habilité", "autre territoire", "nom différent", "numéro inconnu",
                                  "habilitation expirée", "habilitation retirée"])
def test_every_refusal_reads_no_such_dossier_records_nothing_and_is_logged(seeded, caplog, case):
    if case != "pas encore habilité":
        habilitate(seeded)
    login, numero, name, today = "as.nanterre", JONAS.dossier, "DUCHAIS", TODAY
    if case == "autre territoire":
        login = "asso.marseille"  # habilitated for CDAP, in the Bouches-du-Rhône
    elif case == "nom différent":
        name = "MARTIN"
    elif case == "numéro inconnu":
        numero = "9299999"
    elif case == "habilitation expirée":
        today = date(2028, 1, 1)
    elif case == "habilitation retirée":
        [row] = seeded.exec(select(m.Habilitation).where(
            m.Habilitation.organisation_id == organisation(seeded, NANTERRE).id)).all()
        habilitations.withdraw(session=seeded, actor=staff(seeded, "superviseur.92"), habilitation_id=row.id)
    before = recorded(seeded)
    with caplog.at_level(logging.WARNING, logger="caf_app.partenaires"), pytest.raises(DomainError) as refused:
        consult(seeded, login=login, numero=numero, name=name, today=today)
    assert (refused.value.field, refused.value.message) == ("numero", NOT_FOUND)
    assert "CDAP refusée" in caplog.text and numero in caplog.text
    assert recorded(seeded) == before


def test_a_caf_agent_never_consults_through_cdap(seeded):
    with pytest.raises(Forbidden):
        consult(seeded, login="superviseur.92")


@pytest.mark.parametrize(("numero", "name", "purpose", "field"), [
    ("92010", "DUCHAIS", PURPOSE, "numero"), (JONAS.dossier, " ", PURPOSE, "nom"),
    (JONAS.dossier, "DUCHAIS", "", "motif"), (JONAS.dossier, "DUCHAIS", "Par curiosité", "motif")])
def test_a_consultation_needs_a_number_a_name_and_a_purpose_of_the_list(seeded, numero, name, purpose, field):
    habilitate(seeded)
    with pytest.raises(DomainError) as refused:
        consult(seeded, numero=numero, name=name, purpose=purpose)
    assert refused.value.field == field
    assert recorded(seeded) == 0


def test_only_the_superviseur_of_its_caf_habilitates_an_organisation(seeded, caplog):
    nanterre = organisation(seeded, NANTERRE).id
    for login in ("agent.92", "superviseur.13", "editeur.92"):
        with caplog.at_level(logging.WARNING, logger="caf_app.partenaires"), pytest.raises(Forbidden):
            habilitations.habilitate(session=seeded, actor=staff(seeded, login), organisation_id=nanterre,
                                     service="cdap", valid_until=date(2027, 1, 1), today=TODAY)
    assert caplog.text.count("habilitation refusée") == 3
    with pytest.raises(Forbidden):
        habilitations.organisations(session=seeded, actor=staff(seeded, "agent.92"), today=TODAY)
    [marseille] = habilitations.organisations(session=seeded, actor=staff(seeded, "superviseur.13"), today=TODAY)
    assert marseille.name == "Association Logement Solidaire Marseille" and marseille.staff == 1
    assert [line.status for line in marseille.habilitations] == ["Active", "Active"]  # CDAP and AFAS


@pytest.mark.parametrize(("until", "message"), [
    (None, "Indiquez jusqu'à quand"), (TODAY - timedelta(days=1), "La date de fin est passée"),
    (TODAY + timedelta(days=4 * 365), "trois ans au plus")])
def test_a_habilitation_has_an_end_within_three_years(seeded, until, message):
    with pytest.raises(DomainError, match=message) as refused:
        habilitate(seeded, until=until)
    assert refused.value.field == "valid_until"


def test_the_superviseur_sees_a_withdrawn_and_an_expired_habilitation_as_such(seeded):
    habilitate(seeded, until=TODAY)
    [row] = seeded.exec(select(m.Habilitation).where(
        m.Habilitation.organisation_id == organisation(seeded, NANTERRE).id)).all()
    superviseur = staff(seeded, "superviseur.92")
    [line] = habilitations.organisations(session=seeded, actor=superviseur, today=TODAY)[0].habilitations
    assert line.active
    [line] = habilitations.organisations(session=seeded, actor=superviseur,
                                         today=TODAY + timedelta(days=1))[0].habilitations
    assert line.status == f"Expirée le {TODAY:%d/%m/%Y}" and not line.active
    habilitations.withdraw(session=seeded, actor=superviseur, habilitation_id=row.id)
    [line] = habilitations.organisations(session=seeded, actor=superviseur, today=TODAY)[0].habilitations
    assert line.status.startswith("Retirée le ")


def test_an_organisation_s_administrator_opens_and_closes_its_own_staff_s_accounts(seeded, clock):
    admin = staff(seeded, "admin.nanterre")
    lines = partner_staff.staff(session=seeded, actor=admin)  # by name: Nathalie Fournier, Sophie Lemaire
    assert [(line.login, line.me) for line in lines] == [("admin.nanterre", True), ("as.nanterre", False)]
    made = partner_staff.create(session=seeded, actor=admin, login="ES.Nanterre", name=" Emma Simon ",
                                password="Partenaire2026", confirmation="Partenaire2026", key=SECRET)
    assert made.login == "es.nanterre" and made.totp_secret
    new = staff(seeded, "es.nanterre")
    assert (new.role, new.organisation_id, new.name) == (AgentRole.PARTENAIRE, admin.organisation_id, "Emma Simon")
    token = agents.authenticate(session=seeded, login="es.nanterre", password="Partenaire2026",
                                code=pyotp.TOTP(made.totp_secret).now(), client="", secret=SECRET, partner=True)
    assert agents.agent_of(session=seeded, token=token, secret=SECRET, partner=True).name == "Emma Simon"
    assert partner_staff.disable(session=seeded, actor=admin, staff_id=new.agent_id) == \
        "Le compte de Emma Simon est désactivé."
    assert agents.agent_of(session=seeded, token=token, secret=SECRET, partner=True) is None  # ended at once
    with pytest.raises(DomainError, match="propre compte"):
        partner_staff.disable(session=seeded, actor=admin, staff_id=admin.agent_id)


@pytest.mark.parametrize(("login", "name", "password", "confirmation", "field"), [
    ("as.nanterre", "Emma Simon", "Partenaire2026", "Partenaire2026", "login"),  # taken
    ("e", "Emma Simon", "Partenaire2026", "Partenaire2026", "login"),
    ("es.nanterre", "", "Partenaire2026", "Partenaire2026", "name"),
    ("es.nanterre", "Emma Simon", "court", "court", "mot_de_passe"),
    ("es.nanterre", "Emma Simon", "Partenaire2026", "Partenaire2027", "confirmation")])
def test_a_new_account_is_refused_next_to_the_field_to_fix(seeded, login, name, password, confirmation, field):
    with pytest.raises(DomainError) as refused:
        partner_staff.create(session=seeded, actor=staff(seeded, "admin.nanterre"), login=login, name=name,
                             password=password, confirmation=confirmation, key=SECRET)
    assert refused.value.field == field


def test_nobody_else_manages_an_organisation_s_staff(seeded):
    nanterre_worker = staff(seeded, "as.nanterre")
    for login in ("as.nanterre", "asso.marseille", "superviseur.92"):  # a worker, another organisation's admin, the Caf
        with pytest.raises(Forbidden):
            partner_staff.disable(session=seeded, actor=staff(seeded, login), staff_id=nanterre_worker.agent_id)
    with pytest.raises(Forbidden):
        partner_staff.staff(session=seeded, actor=nanterre_worker)
    assert staff(seeded, "as.nanterre") == nanterre_worker



# AFAS: Elise (Caf 13) lets the association of Marseille (habilitated for AFAS in the 13) send documents for her.
MARSEILLE = "Association Logement Solidaire Marseille"


@pytest.fixture
def store(tmp_path) -> PrivateStore:
    return PrivateStore(tmp_path / "private")


def elise_consents(session) -> int:
    elise = actor_of(session, ELISE.nir)
    [choice] = afas.mine(session=session, actor=elise, today=TODAY).choices
    assert choice.name == MARSEILLE
    assert afas.give(session=session, actor=elise, organisation_id=choice.id, today=TODAY).startswith(MARSEILLE)
    [consent] = afas.mine(session=session, actor=elise, today=TODAY).consents
    return consent.id


def send(session, store, consent_id: int, files: list[bytes], doc_type: str = "attestation_loyer",
         login: str = "asso.marseille") -> str:
    return afas.send(session=session, actor=staff(session, login), consent_id=consent_id, doc_type=doc_type,
                     files=files, store=store, today=TODAY)


def test_elise_consents_the_association_sends_her_a_document_and_she_sees_who_sent_what(seeded, store, caplog):
    consent_id = elise_consents(seeded)
    [someone] = afas.consenting(session=seeded, actor=staff(seeded, "asso.marseille"), today=TODAY)
    assert (someone.numero, someone.allocataire) == (ELISE.dossier, "Elise LAMBERT")
    with caplog.at_level(logging.INFO, logger="caf_app.partenaires"):
        done = send(seeded, store, consent_id, [photo_with_exif(), photo_with_exif()])
    assert done.startswith("Document envoyé à la Caf (référence D")
    demarche = seeded.exec(select(m.Demarche).where(m.Demarche.partner_id != None)).one()  # noqa: E711
    assert demarche.title == f"Document envoyé par {MARSEILLE} : Attestation de loyer"
    assert demarche.status.value == "recue" and demarche.kind.value == "document"  # in the Caf's queue
    document = seeded.exec(select(m.Document).where(m.Document.demarche_id == demarche.id)).one()
    assert document.page_count == 2 and store.get(document.storage_key).startswith(b"%PDF-")
    [sent] = afas.mine(session=seeded, actor=actor_of(seeded, ELISE.nir), today=TODAY).sent
    assert (sent.organisation, sent.reference) == (MARSEILLE, demarche.reference)
    assert "a envoyé" in caplog.text


@pytest.mark.parametrize("case", ["sans consentement", "consentement retiré", "autre organisation", "pas d'AFAS"])
def test_without_a_standing_consent_and_afas_nothing_is_sent_and_it_is_logged(seeded, store, caplog, case):
    consent_id, login = elise_consents(seeded), "asso.marseille"
    if case == "sans consentement":
        consent_id = 0
    elif case == "consentement retiré":
        afas.withdraw(session=seeded, actor=actor_of(seeded, ELISE.nir), consent_id=consent_id)
    elif case == "autre organisation":
        login = "as.nanterre"
    elif case == "pas d'AFAS":
        seeded.exec(sqlmodel_update(m.Habilitation).where(m.Habilitation.service == "afas")
                    .values(valid_until=TODAY - timedelta(days=1)))
        seeded.commit()
    with caplog.at_level(logging.WARNING, logger="caf_app.partenaires"), pytest.raises(DomainError) as refused:
        send(seeded, store, consent_id, [pdf_document()], login=login)
    assert (refused.value.field, refused.value.message) == ("allocataire", afas.NO_CONSENT)
    assert "AFAS refusé" in caplog.text
    assert seeded.exec(select(func.count()).select_from(m.Demarche).where(
        m.Demarche.partner_id != None)).one() == 0  # noqa: E711


def test_a_partner_s_document_is_checked_as_the_allocataire_s_own(seeded, store):
    consent_id = elise_consents(seeded)
    for files, doc_type, field in (([pdf_with_javascript()], "attestation_loyer", "fichier"),
                                   ([], "attestation_loyer", "fichier"), ([pdf_document()], "rib", "type"),
                                   ([pdf_document(), photo_with_exif()], "autre", "fichier")):
        with pytest.raises(DomainError) as refused:
            send(seeded, store, consent_id, files, doc_type=doc_type)
        assert refused.value.field == field


def test_only_who_manages_the_dossier_chooses_its_partners(seeded):
    with pytest.raises(Forbidden):
        afas.mine(session=seeded, actor=actor_of(seeded, ERIC.nir), today=TODAY)
    jonas = actor_of(seeded, JONAS.nir)  # Caf 92: no organisation habilitated for AFAS in the Hauts-de-Seine
    assert afas.mine(session=seeded, actor=jonas, today=TODAY).choices == []
    marseille = organisation(seeded, MARSEILLE).id
    with pytest.raises(DomainError, match="Choisissez un partenaire de la liste"):
        afas.give(session=seeded, actor=jonas, organisation_id=marseille, today=TODAY)
    consent_id = elise_consents(seeded)
    with pytest.raises(DomainError, match="Choisissez un partenaire de la liste"):  # already chosen: once
        afas.give(session=seeded, actor=actor_of(seeded, ELISE.nir), organisation_id=marseille, today=TODAY)
    with pytest.raises(Forbidden):
        afas.withdraw(session=seeded, actor=jonas, consent_id=consent_id)
