"""Demandes de prestation: the draft across devices, sent once, the démarche, the accusé, the mail, the pieces in
« À transmettre », the dossier of a first-time applicant, the policy and the dossier's contradictions, the purge."""

import io
import json
import threading
from datetime import date

import pytest
from pypdf import PdfReader
from sqlmodel import Session, select

from caf_app import models as m
from caf_app.clock import now as clock_now
from caf_app.domain.errors import DomainError, Forbidden
from caf_app.domain.statuses import AlertKind, DemarcheKind, DemarcheStatus, DraftStatus
from caf_app.services.paperwork import demandes, demarches
from caf_app.services.situation import changes
from tests import factories
from tests.factories import actor_of
from tests.personas import ELISE, ERIC, JONAS

from .conftest import TODAY

IBAN = "FR7630003012340009201001023"


def fill(session, actor, draft, screens: dict[str, dict[str, str]]):
    """Answer screen after screen as the pages do; every screen must come back without errors."""
    for topic, answers in screens.items():
        draft = demandes.save(session=session, actor=actor, demande_id=draft.id, topic=topic, answers=answers,
                              today=TODAY)
        assert draft.errors == {}, (topic, draft.errors)
    return draft


def outbox(session, recipient):
    return session.exec(select(m.OutboxMessage).where(m.OutboxMessage.recipient == recipient)).all()


CMG = {"situation": {"nationalite": "francaise"}, "foyer": {},
       "garde": {"mode_garde": "assmat", "garde_prenom": "Noé", "garde_naissance": "01/03/2025",
                 "assmat_nom": "Martine Roux", "assmat_agrement": "AG-13-2021", "debut_garde": "02/11/2026"},
       "ressources": {"revenus_activite": "1400", "autres_revenus": "0", "conjoint_revenus": "1800"},
       "banque": {}}


def test_elise_s_demande_is_prefilled_from_her_dossier_and_resumed_on_another_device(seeded):
    phone, desktop = actor_of(seeded, ELISE.nir), actor_of(seeded, ELISE.nir)
    draft = demandes.start(session=seeded, actor=phone, kind="cmg", today=TODAY)
    assert draft.answers["situation_familiale"] == "marie" and draft.answers["date_naissance"] == "14/05/1990"
    assert draft.answers["conjoint_prenom"] == "Antoine" and draft.answers["enfants"] == "1"
    assert draft.answers["enfant_1_prenom"] == "Léa" and draft.answers["compte"] == "actuel"
    assert draft.answers["statut_demandeur"] == "allocataire" and "compte" in draft.prefilled
    assert draft.bank_account.startswith("•••• ")
    saved = demandes.save(session=seeded, actor=phone, demande_id=draft.id, topic="situation",
                          answers={"nationalite": "francaise"}, today=TODAY)
    assert saved.errors == {} and saved.topic == "foyer"
    again = demandes.start(session=seeded, actor=desktop, kind="cmg", today=TODAY)
    assert again.id == draft.id and again.answers["nationalite"] == "francaise" and again.topic == "foyer"
    assert [key for key, _ in again.topics] == ["situation", "foyer", "garde", "ressources", "banque"]


def test_saving_the_same_answers_twice_changes_nothing(seeded, clock):
    elise = actor_of(seeded, ELISE.nir)
    draft = demandes.start(session=seeded, actor=elise, kind="cmg", today=TODAY)
    demandes.save(session=seeded, actor=elise, demande_id=draft.id, topic="situation",
                  answers={"nationalite": "ue"}, today=TODAY)
    before = seeded.get(m.Demande, draft.id).updated_at
    clock.advance(minutes=5)
    demandes.save(session=seeded, actor=elise, demande_id=draft.id, topic="situation",
                  answers={"nationalite": "ue", "inconnu": "x"}, today=TODAY)
    row = seeded.get(m.Demande, draft.id)
    assert row.updated_at == before and "inconnu" not in json.loads(row.answers_json)


def test_each_wrong_answer_gets_its_french_message_and_is_kept(seeded):
    jonas = actor_of(seeded, JONAS.nir)
    draft = demandes.start(session=seeded, actor=jonas, kind="aide_logement", today=TODAY)
    saved = demandes.save(session=seeded, actor=jonas, demande_id=draft.id, topic="logement", today=TODAY,
                          answers={"statut_logement": "locataire", "loyer": "0", "date_entree": "31/02/2020"})
    assert saved.errors["loyer"].startswith("Un locataire paie un loyer")
    assert saved.errors["date_entree"] == "Cette date n'existe pas : vérifiez le jour et le mois."
    assert saved.answers["loyer"] == "0" and saved.topic == "logement"
    saved = demandes.save(session=seeded, actor=jonas, demande_id=draft.id, topic="foyer", today=TODAY,
                          answers={"enfants": "1", "enfant_1_prenom": "Zoé", "enfant_1_naissance": "01/01/2030"})
    assert "dans le futur" in saved.errors["enfant_1_naissance"]
    saved = demandes.save(session=seeded, actor=jonas, demande_id=draft.id, topic="banque", today=TODAY,
                          answers={"compte": "nouveau", "iban": "FR76 1234"})
    assert saved.errors["iban"].startswith("Un IBAN français commence par FR")


def at_once(engine, count, work):
    barrier, results = threading.Barrier(count), [None] * count

    def run(index):
        with Session(engine) as session:
            barrier.wait()
            try:
                results[index] = work(session)
            except Exception as error:  # noqa: BLE001 (what each thread met is the result)
                results[index] = error

    threads = [threading.Thread(target=run, args=(index,)) for index in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    return results


def test_elise_s_cmg_is_sent_once_when_two_tabs_send_at_once(engine, seeded):
    elise = actor_of(seeded, ELISE.nir)
    draft = fill(seeded, elise, demandes.start(session=seeded, actor=elise, kind="cmg", today=TODAY), CMG)
    with pytest.raises(DomainError) as error:
        demandes.send(session=seeded, actor=elise, demande_id=draft.id, confirmed=False, today=TODAY)
    assert error.value.field == "confirmation"
    results = at_once(engine, 2, lambda session: demandes.send(session=session, actor=elise, demande_id=draft.id,
                                                               confirmed=True, today=TODAY))
    assert all(isinstance(result, demandes.Receipt) for result in results), results
    assert results[0].reference == results[1].reference and results[0].reference.startswith("DP")
    seeded.expire_all()
    sent = seeded.exec(select(m.Demarche).where(m.Demarche.kind == DemarcheKind.DEMANDE_PRESTATION)).all()
    assert len(sent) == 1 and sent[0].status is DemarcheStatus.EN_COURS
    assert sent[0].title == "Demande de complément de libre choix du mode de garde"
    assert len(outbox(seeded, ELISE.email)) == 1
    assert seeded.get(m.Demande, draft.id).status is DraftStatus.ENVOYE
    again = demandes.send(session=seeded, actor=elise, demande_id=draft.id, confirmed=True, today=TODAY)
    assert again.reference == results[0].reference and len(outbox(seeded, ELISE.email)) == 1
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(demandes.receipt_pdf(
        session=seeded, actor=elise, demande_id=draft.id, today=TODAY))).pages)
    assert "Accusé de réception" in text and again.reference in text and "AG-13-2021" in text
    assert "Caf des Bouches-du-Rhône" in text and "au plus tard le" in text
    lines = demarches.history(session=seeded, actor=elise, today=TODAY)
    assert lines[0].title == sent[0].title and lines[0].status == "En cours de traitement"


JONAS_LOGEMENT = {
    "situation": {"nationalite": "autre"}, "foyer": {},
    "logement": {"statut_logement": "locataire", "adresse": "12 rue des Lilas", "code_postal": "92000",
                 "commune": "Nanterre", "date_entree": "01/09/2020", "loyer": "780"},
    "ressources": {"activite": "etudiant", "revenus_activite": "300", "autres_revenus": "0", "conjoint_revenus": "0"},
    "banque": {"compte": "actuel"}}


def test_the_pieces_not_sent_with_the_demande_wait_in_a_transmettre_with_an_alert(seeded):
    jonas = actor_of(seeded, JONAS.nir)
    draft = fill(seeded, jonas, demandes.start(session=seeded, actor=jonas, kind="aide_logement", today=TODAY),
                 JONAS_LOGEMENT)
    review = demandes.review(session=seeded, actor=jonas, demande_id=draft.id, today=TODAY)
    assert review.errors == {} and review.pieces == [
        "Titre de séjour en cours de validité", "Bail ou attestation de loyer signée par votre bailleur",
        "Certificat de scolarité de l'année en cours"]
    assert ("Votre loyer par mois, sans les charges", "780,00\u00a0€") in dict(
        (key, lines) for key, _, lines in review.rows)["logement"]
    receipt = demandes.send(session=seeded, actor=jonas, demande_id=draft.id, confirmed=True, today=TODAY)
    assert receipt.pieces == review.pieces
    waiting = [piece.label for piece in demarches.pieces_to_send(session=seeded, actor=jonas)]
    assert "Bail ou attestation de loyer signée par votre bailleur (Demande d'aide au logement)" in waiting
    assert seeded.exec(select(m.Alerte).where(m.Alerte.kind == AlertKind.PIECE_DEMANDEE,
                                              m.Alerte.title == "Pièces à transmettre")).one()


def test_an_aide_au_logement_for_another_address_than_the_dossier_s_is_refused_with_the_reason(seeded):
    jonas = actor_of(seeded, JONAS.nir)
    draft = demandes.start(session=seeded, actor=jonas, kind="aide_logement", today=TODAY)
    moved = {**JONAS_LOGEMENT["logement"], "adresse": "4 place Carnot", "code_postal": "92100",
             "commune": "Boulogne-Billancourt"}
    saved = demandes.save(session=seeded, actor=jonas, demande_id=draft.id, topic="logement", answers=moved,
                          today=TODAY)
    assert saved.errors == {"adresse": saved.errors["adresse"]} and "déclarez" in saved.errors["adresse"]
    fill(seeded, jonas, draft, {key: value for key, value in JONAS_LOGEMENT.items() if key != "logement"})
    with pytest.raises(DomainError, match="pas celle de votre dossier"):
        demandes.send(session=seeded, actor=jonas, demande_id=draft.id, confirmed=True, today=TODAY)


RSA = {"situation": {"nationalite": "francaise", "enceinte": "non"}, "foyer": {},
       "ressources": {"revenus_activite": "200", "autres_revenus": "0", "conjoint_revenus": "300"}, "banque": {}}


def test_a_second_rsa_demande_while_one_is_processed_and_an_rsa_already_paid_are_refused(seeded):
    with pytest.raises(DomainError, match="percevez déjà"):
        demandes.start(session=seeded, actor=actor_of(seeded, JONAS.nir), kind="rsa", today=TODAY)
    elise = actor_of(seeded, ELISE.nir)
    draft = fill(seeded, elise, demandes.start(session=seeded, actor=elise, kind="rsa", today=TODAY), RSA)
    demandes.send(session=seeded, actor=elise, demande_id=draft.id, confirmed=True, today=TODAY)
    with pytest.raises(DomainError, match="en cours de traitement"):
        demandes.start(session=seeded, actor=elise, kind="rsa", today=TODAY)


def test_eric_without_delegation_may_ask_the_aah_and_no_other_demande(seeded):
    eric = actor_of(seeded, ERIC.nir)
    cards = {card.kind: card.allowed for theme in demandes.catalogue(actor=eric) for card in theme.cards}
    assert {kind for kind, allowed in cards.items() if allowed} == {"aah", "ajpa", "bafa", "pala"}
    draft = demandes.start(session=seeded, actor=eric, kind="aah", today=TODAY)
    assert draft.answers == {"date_naissance": "11/06/1990", "statut_demandeur": "allocataire"}
    for kind in ("rsa", "aide_logement", "prime_activite", "cmg"):
        with pytest.raises(Forbidden):
            demandes.start(session=seeded, actor=eric, kind=kind, today=TODAY)
    nadia = actor_of(seeded, "2910992024088")
    with pytest.raises(Forbidden):  # another member's draft is theirs alone
        demandes.save(session=seeded, actor=nadia, demande_id=draft.id, topic="situation", answers={}, today=TODAY)
    refused = demandes.save(session=seeded, actor=eric, demande_id=draft.id, topic="handicap",
                            answers={"mdph": "non"}, today=TODAY)
    assert refused.refusal.startswith("L'AAH est attribuée après une décision de la MDPH")


NEWCOMER = {
    "situation": {"date_naissance": "14/02/1995", "nationalite": "francaise", "situation_familiale": "pacse"},
    "foyer": {"conjoint_prenom": "Hugo", "conjoint_nom": "Petit", "conjoint_naissance": "03/07/1994",
              "enfants": "2", "enfant_1_prenom": "Lina", "enfant_1_naissance": "2021-05-10",
              "enfant_2_prenom": "Tom", "enfant_2_naissance": "2024-01-20"},
    "logement": {"statut_logement": "locataire", "adresse": "8 cours de l'Intendance", "code_postal": "33000",
                 "commune": "Bordeaux", "date_entree": "01/10/2026", "loyer": "850,50"},
    "ressources": {"activite": "salarie", "revenus_activite": "1500", "autres_revenus": "0",
                   "conjoint_revenus": "900"},
    "banque": {"iban": "FR76 3000 3012 3400 0920 1001 023"}}


def claire_martin(session):
    """A person the Caf does not know, with an account and no dossier (a first-time applicant), logged in:
    her session's token and her actor."""
    person = factories.person(session, nir="2950275112083", birth_name="MARTIN", first_names="Claire",
                              birth_date=date(1995, 2, 14), email="claire.martin@example.fr")
    factories.account(session, person=person)
    session.commit()
    token = factories.open_session(session, "2950275112083")
    return token, factories.actor(session, token)


def test_a_first_time_applicant_s_demande_creates_her_dossier_with_its_household(seeded):
    token, claire = claire_martin(seeded)
    assert claire.dossier_id is None
    with pytest.raises(Forbidden):
        demandes.start(session=seeded, actor=claire, kind="cmg", today=TODAY)
    draft = demandes.start(session=seeded, actor=claire, kind="aide_logement", today=TODAY,
                           carried={"loyer": "850", "ignored": "x"})
    assert draft.answers["statut_demandeur"] == "nouveau" and draft.answers["loyer"] == "850"
    assert [key for key, _ in draft.topics] == ["situation", "foyer", "logement", "ressources", "banque"]
    fill(seeded, claire, draft, NEWCOMER)
    receipt = demandes.send(session=seeded, actor=claire, demande_id=draft.id, confirmed=True, today=TODAY)
    assert receipt.dossier_created and receipt.numero.startswith("33")
    assert receipt.pieces[:2] == ["Pièce d'identité (carte d'identité ou passeport)",
                                  "Relevé d'identité bancaire (RIB) à votre nom"]
    dossier = seeded.exec(select(m.Dossier).where(m.Dossier.numero_allocataire == receipt.numero)).one()
    assert seeded.get(m.Caf, dossier.caf_id).name == "Caf de la Gironde"
    assert (dossier.address_line, dossier.postal_code, dossier.city) == ("8 COURS DE L'INTENDANCE", "33000",
                                                                        "BORDEAUX")
    household = seeded.exec(select(m.Member.role, m.Person.first_names).join(m.Person).where(
        m.Member.dossier_id == dossier.id).order_by(m.Member.id)).all()
    assert household == [("allocataire", "Claire"), ("conjoint", "Hugo"), ("enfant", "Lina"), ("enfant", "Tom")]
    assert seeded.exec(select(m.BankAccount).where(m.BankAccount.dossier_id == dossier.id)).one().iban == IBAN
    now = factories.actor(seeded, token)  # her session is on her dossier, as the allocataire
    assert now.dossier_id == dossier.id and now.role.value == "allocataire"
    assert [line.title for line in demarches.history(session=seeded, actor=now, today=TODAY)] == [
        "Demande d'aide au logement"]
    assert len(outbox(seeded, "claire.martin@example.fr")) == 1
    text = PdfReader(io.BytesIO(demandes.receipt_pdf(session=seeded, actor=now, demande_id=draft.id,
                                                     today=TODAY))).pages[0].extract_text()
    assert receipt.numero in text and "Claire MARTIN" in text


def test_drafts_untouched_are_warned_a_week_before_then_deleted_after_30_days(seeded, clock):
    elise = actor_of(seeded, ELISE.nir)
    draft = demandes.start(session=seeded, actor=elise, kind="cmg", today=TODAY)
    clock.advance(days=22)
    assert demandes.purge(session=seeded) == demandes.Purged(0, 0)
    clock.advance(days=2)
    assert demandes.purge(session=seeded) == demandes.Purged(1, 0)
    assert demandes.purge(session=seeded) == demandes.Purged(0, 0)  # warned once
    mails = outbox(seeded, ELISE.email)
    assert len(mails) == 1 and "sera supprimée le" in mails[0].body
    clock.advance(days=7)
    assert demandes.purge(session=seeded).deleted == 1
    assert seeded.get(m.Demande, draft.id) is None
    fresh = demandes.start(session=seeded, actor=elise, kind="cmg", today=TODAY)  # a new one, started now
    assert m.aware(seeded.get(m.Demande, fresh.id).created_at) == clock_now()


def test_the_nightly_task_beat_starts_purges_the_drafts(engine, seeded, clock, monkeypatch):
    """The task of celery_app's beat schedule, run as a worker runs it (apply: its body in this process), on the
    test's database: the draft of 24 days is warned once, whatever the number of runs."""
    from caf_app import db, settings
    from caf_app.jobs import tasks

    demandes.start(session=seeded, actor=actor_of(seeded, ELISE.nir), kind="cmg", today=TODAY)
    clock.advance(days=24)
    monkeypatch.setenv("REFLEX_DB_URL", str(engine.url.render_as_string(hide_password=False)))
    settings.get_settings.cache_clear()
    db.engine.cache_clear()
    try:
        assert tasks.purge_demande_drafts.apply().get() == {"warned": 1, "deleted": 0}
        assert tasks.purge_demande_drafts.apply().get() == {"warned": 0, "deleted": 0}
    finally:
        db.engine().dispose()
        settings.get_settings.cache_clear()
        db.engine.cache_clear()
    assert len(outbox(seeded, ELISE.email)) == 1


def test_a_change_of_situation_found_in_a_demande_is_declared_once_through_declarer_un_changement(seeded):
    """Elise answers « Séparé(e) » and two children where her dossier says married with one: the review names both
    changes, the demande waits for them, and once declared through the changes path they are no longer asked."""
    elise = actor_of(seeded, ELISE.nir)
    draft = demandes.start(session=seeded, actor=elise, kind="cmg", today=TODAY)
    assert demandes.review(session=seeded, actor=elise, demande_id=draft.id, today=TODAY).changes == []
    second_child = {"enfants": "2", "enfant_2_prenom": "Noé", "enfant_2_naissance": "01/03/2025"}
    fill(seeded, elise, draft, {**CMG, "situation": {"nationalite": "francaise", "situation_familiale": "separe"},
                                "foyer": second_child})
    review = demandes.review(session=seeded, actor=elise, demande_id=draft.id, today=TODAY)
    assert [(found.kind, found.label) for found in review.changes] == [
        ("separation", "Séparation"), ("naissance", "Déclarer une naissance")]
    assert review.changes[0].sentence == "Vous indiquez « Séparé(e) » ; votre dossier indique « Marié(e) »."
    assert "votre dossier en compte 1" in review.changes[1].sentence
    with pytest.raises(DomainError, match="déclarez d'abord ce changement \\(Séparation, Déclarer une naissance\\)"):
        demandes.send(session=seeded, actor=elise, demande_id=draft.id, confirmed=True, today=TODAY)

    def declared():
        return sorted(seeded.exec(select(m.Demarche.title).where(
            m.Demarche.kind == DemarcheKind.CHANGEMENT_SITUATION, m.Demarche.dossier_id == elise.dossier_id)).all())

    before = declared()
    changes.declare(session=seeded, actor=elise, kind="separation", form={"date_effet": "01/11/2026"}, today=TODAY)
    changes.declare(session=seeded, actor=elise, kind="naissance", today=TODAY, form={
        "date_effet": "01/03/2025", "prenoms_enfant": "Noé", "nom_enfant": "Lambert"})
    assert demandes.review(session=seeded, actor=elise, demande_id=draft.id, today=TODAY).changes == []
    receipt = demandes.send(session=seeded, actor=elise, demande_id=draft.id, confirmed=True, today=TODAY)
    assert receipt.reference.startswith("DP")
    assert declared() == sorted([*before, "Déclarer un changement : Déclarer une naissance",
                                 "Déclarer un changement : Séparation"])  # once each: the demande added none


def test_a_postal_code_that_does_not_exist_or_a_commune_without_it_gets_its_message_next_to_the_field(seeded):
    jonas = actor_of(seeded, JONAS.nir)
    draft = demandes.start(session=seeded, actor=jonas, kind="aide_logement", today=TODAY)
    logement = JONAS_LOGEMENT["logement"]
    unknown = demandes.save(session=seeded, actor=jonas, demande_id=draft.id, topic="logement",
                            answers={**logement, "code_postal": "99999"}, today=TODAY)
    assert unknown.errors == {"code_postal": "Ce code postal n'existe pas."} and unknown.topic == "logement"
    elsewhere = demandes.save(session=seeded, actor=jonas, demande_id=draft.id, topic="logement",
                              answers={**logement, "commune": "Marseille"}, today=TODAY)
    assert list(elsewhere.errors) == ["commune"]
    assert elsewhere.errors["commune"].startswith("Cette commune n'a pas le code postal 92000. Communes de ce code :")
    assert elsewhere.answers["commune"] == "Marseille"  # kept, to be corrected
    fill(seeded, jonas, draft, {key: value for key, value in JONAS_LOGEMENT.items() if key != "logement"})
    with pytest.raises(DomainError, match="Cette commune n'a pas le code postal 92000"):
        demandes.send(session=seeded, actor=jonas, demande_id=draft.id, confirmed=True, today=TODAY)
    fixed = demandes.save(session=seeded, actor=jonas, demande_id=draft.id, topic="logement", answers=logement,
                          today=TODAY)
    assert fixed.errors == {}
