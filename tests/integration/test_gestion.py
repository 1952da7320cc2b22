"""The Caf's side: agents log in with a password and a TOTP code, take items of their Caf's queue (one agent per
item), decide, and every decision reaches the family (a piece to send, a courrier with its red dot, a mail)."""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta, timezone

import pyotp
import pytest
from sqlmodel import select

from caf_app import clock as app_clock, models as m
from caf_app.domain.errors import DomainError, Forbidden
from caf_app.domain.gestion import AgentActor, AgentRole, Decision
from caf_app.domain.money import format_euros
from caf_app.domain.statuses import (
    AlertKind,
    BankAccountStatus,
    CourrierKind,
    DemarcheKind,
    DemarcheStatus,
    SituationKind,
)
from caf_app.seed import DEMO_PASSWORD, demo_totp_secret
from caf_app.services.communications import courriers
from caf_app.services.gestion import agents, audit, decisions, dossier, queue
from caf_app.services.paperwork import demarches
from caf_app.settings import get_settings
from tests.factories import actor_of
from tests.personas import ELISE, JONAS, SAMIR

from .conftest import TODAY

SECRET = get_settings().secret_key  # the key the seed sealed the demo agents' authenticator keys with


def agent(session, login: str) -> AgentActor:
    row = session.exec(select(m.Agent).where(m.Agent.login == login)).one()
    return AgentActor(row.id, row.caf_id, AgentRole(row.role), row.name)


def message_from(session, persona, text="Bonjour, je voudrais savoir où en est mon dossier.") -> m.Demarche:
    dossier_row = session.exec(select(m.Dossier).where(m.Dossier.numero_allocataire == persona.dossier)).one()
    row = m.Demarche(dossier_id=dossier_row.id, kind=DemarcheKind.MESSAGE, title="Message à ma Caf", detail=text)
    session.add(row)
    session.commit()
    return row


def test_an_agent_logs_in_with_password_and_a_code_used_once(seeded, clock):
    code = pyotp.TOTP(demo_totp_secret("agent.92")).now()
    token = agents.authenticate(session=seeded, login="agent.92", password=DEMO_PASSWORD, code=code, client="1.2.3.4",
                                secret=SECRET)
    assert agents.agent_of(session=seeded, token=token, secret=SECRET).role is AgentRole.AGENT
    with pytest.raises(DomainError, match="incorrect"):  # the same code again: refused
        agents.authenticate(session=seeded, login="agent.92", password=DEMO_PASSWORD, code=code, client="1.2.3.4",
                            secret=SECRET)
    with pytest.raises(DomainError, match="incorrect"):
        agents.authenticate(session=seeded, login="agent.92", password="mauvais", code=code, client="1.2.3.4",
                            secret=SECRET)
    clock.advance(hours=8, seconds=1)
    assert agents.agent_of(session=seeded, token=token, secret=SECRET) is None  # 8 hours at most


def test_the_authenticator_key_is_stored_sealed_and_an_older_clear_key_is_sealed_at_login(seeded):
    row = seeded.exec(select(m.Agent).where(m.Agent.login == "agent.13")).one()
    assert demo_totp_secret("agent.13") not in row.totp_secret and row.totp_secret.startswith("v1.")
    row.totp_secret = demo_totp_secret("agent.13")  # as stored before sealing existed
    seeded.add(row)
    seeded.commit()
    code = pyotp.TOTP(demo_totp_secret("agent.13")).now()
    agents.authenticate(session=seeded, login="agent.13", password=DEMO_PASSWORD, code=code, client="", secret=SECRET)
    seeded.refresh(row)
    assert row.totp_secret.startswith("v1.") and demo_totp_secret("agent.13") not in row.totp_secret
    next_code = pyotp.TOTP(demo_totp_secret("agent.13")).at(app_clock.now() + timedelta(seconds=30))  # unused yet
    with pytest.raises(DomainError, match="incorrect"):  # under another secret key the key cannot be read
        agents.authenticate(session=seeded, login="agent.13", password=DEMO_PASSWORD, code=next_code, client="",
                            secret="x" * 40)
    agents.authenticate(session=seeded, login="agent.13", password=DEMO_PASSWORD, code=next_code, client="",
                        secret=SECRET)


def test_logout_ends_the_agent_session(seeded):
    code = pyotp.TOTP(demo_totp_secret("superviseur.13")).now()
    token = agents.authenticate(session=seeded, login="superviseur.13", password=DEMO_PASSWORD, code=code,
                                client="", secret=SECRET)
    agents.logout(session=seeded, token=token, secret=SECRET)
    assert agents.agent_of(session=seeded, token=token, secret=SECRET) is None


def test_the_queue_holds_only_the_agent_s_caf_oldest_first(seeded):
    message_from(seeded, JONAS)
    message_from(seeded, ELISE)
    lines = queue.queue(session=seeded, actor=agent(seeded, "agent.92"))
    assert lines and all(line.numero.startswith("92") for line in lines)
    assert [line.days for line in lines] == sorted((line.days for line in lines), reverse=True)
    only = queue.queue(session=seeded, actor=agent(seeded, "agent.13"), kind="message")
    assert [line.numero for line in only] == [ELISE.dossier]


def test_two_agents_racing_for_an_item_one_gets_it(seeded):
    item = message_from(seeded, ELISE)
    first, second = agent(seeded, "agent.13"), agent(seeded, "superviseur.13")
    queue.claim(session=seeded, actor=first, demarche_id=item.id)
    with pytest.raises(DomainError, match="Un autre agent"):
        queue.claim(session=seeded, actor=second, demarche_id=item.id)
    assert queue.queue(session=seeded, actor=second, kind="message")[0].taken_by == first.name


def test_an_agent_of_another_caf_finds_nothing(seeded):
    item = message_from(seeded, JONAS)
    other = agent(seeded, "agent.13")
    with pytest.raises(Forbidden):
        queue.claim(session=seeded, actor=other, demarche_id=item.id)
    with pytest.raises(Forbidden):
        dossier.item(session=seeded, actor=other, demarche_id=item.id)
    jonas_dossier = seeded.exec(select(m.Dossier).where(m.Dossier.numero_allocataire == JONAS.dossier)).one()
    with pytest.raises(Forbidden):
        dossier.open_dossier(session=seeded, actor=other, dossier_id=jonas_dossier.id, reason="Contrôle")
    assert queue.search(session=seeded, actor=other, text=JONAS.dossier) == []


def test_opening_a_dossier_is_recorded_with_its_reason_for_the_superviseur(seeded):
    gestionnaire = agent(seeded, "agent.92")
    found = queue.search(session=seeded, actor=gestionnaire, text=JONAS.nir)
    assert [line.numero for line in found] == [JONAS.dossier]
    with pytest.raises(DomainError):
        dossier.open_dossier(session=seeded, actor=gestionnaire, dossier_id=found[0].id, reason="")
    view = dossier.open_dossier(session=seeded, actor=gestionnaire, dossier_id=found[0].id, reason="Contrôle")
    assert view.numero == JONAS.dossier and "FR" not in view.bank  # never a full IBAN here
    with pytest.raises(Forbidden):
        audit.team(session=seeded, actor=gestionnaire)
    team = audit.team(session=seeded, actor=agent(seeded, "superviseur.92"))
    assert (team.consultations[0].agent, team.consultations[0].reason) == (gestionnaire.name, "Contrôle")


def test_answering_a_message_puts_a_courriel_with_its_red_dot_and_a_mail(seeded):
    item = message_from(seeded, ELISE)
    gestionnaire, elise = agent(seeded, "agent.13"), actor_of(seeded, ELISE.nir)
    unread = courriers.unread_count(session=seeded, actor=elise)
    queue.claim(session=seeded, actor=gestionnaire, demarche_id=item.id)
    with pytest.raises(DomainError):
        decisions.answer(session=seeded, actor=gestionnaire, demarche_id=item.id, text="court", today=TODAY)
    decisions.answer(session=seeded, actor=gestionnaire, demarche_id=item.id, today=TODAY,
                     text="Votre dossier est complet : il sera traité cette semaine.")
    assert courriers.unread_count(session=seeded, actor=elise) == unread + 1
    latest = next(c for c in courriers.courriers(session=seeded, actor=elise) if not c.sent)
    assert latest.kind == CourrierKind.COURRIEL.label and "complet" in latest.body
    seeded.refresh(item)
    assert (item.status, item.decision) == (DemarcheStatus.TRAITEE, Decision.REPONDU.value)
    assert seeded.exec(select(m.OutboxMessage).where(m.OutboxMessage.recipient == ELISE.email)).all()


def test_asking_for_a_piece_shows_it_to_send_with_the_alert_and_a_courrier(seeded):
    item = message_from(seeded, ELISE, "Voici ma situation")
    gestionnaire, elise = agent(seeded, "agent.13"), actor_of(seeded, ELISE.nir)
    queue.claim(session=seeded, actor=gestionnaire, demarche_id=item.id)
    decisions.ask_piece(session=seeded, actor=gestionnaire, demarche_id=item.id,
                        label="Attestation de loyer de novembre 2026", today=TODAY)
    pieces = demarches.pieces_to_send(session=seeded, actor=elise)
    assert "Attestation de loyer de novembre 2026" in [p.label for p in pieces]
    dossier_id = elise.dossier_id
    assert seeded.exec(select(m.Alerte).where(m.Alerte.dossier_id == dossier_id,
                                              m.Alerte.kind == AlertKind.PIECE_DEMANDEE)).first()
    latest = next(c for c in courriers.courriers(session=seeded, actor=elise) if not c.sent)
    assert latest.subject == "Demande de pièce justificative"


def test_refusing_needs_a_motif_and_sends_the_ways_to_contest(seeded):
    item = message_from(seeded, ELISE)
    gestionnaire, elise = agent(seeded, "agent.13"), actor_of(seeded, ELISE.nir)
    queue.claim(session=seeded, actor=gestionnaire, demarche_id=item.id)
    with pytest.raises(DomainError) as error:
        decisions.refuse(session=seeded, actor=gestionnaire, demarche_id=item.id, motif="Autre motif", detail="",
                         today=TODAY)
    assert error.value.field == "motif_detail"
    decisions.refuse(session=seeded, actor=gestionnaire, demarche_id=item.id, today=TODAY,
                     motif="La demande a déjà été traitée", detail="")
    latest = next(c for c in courriers.courriers(session=seeded, actor=elise) if not c.sent)
    assert latest.subject.startswith("Refus de") and latest.unread


def test_new_bank_details_need_a_second_agent(seeded):
    samir = actor_of(seeded, SAMIR.nir)
    old = seeded.exec(select(m.BankAccount).where(m.BankAccount.dossier_id == samir.dossier_id)).one()
    seeded.add(m.BankAccount(dossier_id=samir.dossier_id, iban="FR7630006000011234567890189", bic="AGRIFRPP",
                             holder="SAMIR GHOMDI", status=BankAccountStatus.PENDING))
    item = m.Demarche(dossier_id=samir.dossier_id, kind=DemarcheKind.CHANGEMENT_SITUATION,
                      title="Changement de coordonnées bancaires", detail="IBAN se terminant par 0189")
    seeded.add(item)
    seeded.commit()
    first, second = agent(seeded, "agent.92"), agent(seeded, "superviseur.92")
    queue.claim(session=seeded, actor=first, demarche_id=item.id)
    assert dossier.item(session=seeded, actor=first, demarche_id=item.id).bank.iban.endswith("0189")
    decisions.accept(session=seeded, actor=first, demarche_id=item.id, today=TODAY)
    seeded.refresh(old)
    assert old.status == BankAccountStatus.ACTIVE  # still paid there until the second agent validates
    with pytest.raises(DomainError, match="un autre agent"):
        queue.claim(session=seeded, actor=first, demarche_id=item.id)
    assert [line.second_check for line in queue.queue(session=seeded, actor=second) if line.id == item.id] == [True]
    queue.claim(session=seeded, actor=second, demarche_id=item.id)
    decisions.accept(session=seeded, actor=second, demarche_id=item.id, today=TODAY)
    seeded.refresh(old)
    accounts = {a.iban[-4:]: a.status for a in seeded.exec(select(m.BankAccount).where(
        m.BankAccount.dossier_id == samir.dossier_id))}
    assert old.status == BankAccountStatus.REPLACED and accounts["0189"] == BankAccountStatus.ACTIVE


def test_accepting_jonas_declaration_recomputes_his_rsa_and_notifies_why(seeded, rules_url):
    from caf_app.services.situation import declarations
    from tests.integration.test_declarations import all_no

    jonas, gestionnaire = actor_of(seeded, JONAS.nir), agent(seeded, "agent.92")
    draft = declarations.open_draft(session=seeded, actor=jonas, prestation="rsa", today=TODAY)
    answers = all_no(draft)
    me = draft.people[0].id
    answers |= {f"{me}:salaires:recu": "oui", f"{me}:salaires:0": "900", f"{me}:salaires:1": "900",
                f"{me}:salaires:2": "900"}
    declarations.save(session=seeded, actor=jonas, draft_id=draft.id, answers=answers)
    sent = declarations.send(session=seeded, actor=jonas, draft_id=draft.id, confirmed=True)
    item = seeded.exec(select(m.Demarche).where(m.Demarche.reference == sent.reference)).one()
    assert item.id in [line.id for line in queue.queue(session=seeded, actor=gestionnaire,
                                                       kind="declaration_trimestrielle")]
    queue.claim(session=seeded, actor=gestionnaire, demarche_id=item.id)
    view = dossier.item(session=seeded, actor=gestionnaire, demarche_id=item.id)
    assert any(f.category == "Salaires" and "900,00\xa0€" in f.declared for f in view.figures)
    said = decisions.accept(session=seeded, actor=gestionnaire, demarche_id=item.id, today=TODAY)
    assert said.startswith("Acceptée. Droits recalculés")
    changes = seeded.exec(select(m.DroitChange).where(m.DroitChange.dossier_id == jonas.dossier_id,
                                                      m.DroitChange.demarche_id == item.id)).all()
    assert changes and all(c.after_cents != c.before_cents for c in changes)
    causes = [json.loads(c.causes_json) for c in changes]
    assert all(sum(cause["cents"] for cause in found) == c.after_cents - c.before_cents
               for found, c in zip(causes, changes, strict=True))  # the causes add up to the cent
    assert any("revenus d'activité" in cause["text"] for found in causes for cause in found), causes
    latest = courriers.courriers(session=seeded, actor=jonas)
    assert "Notification de droits" in [c.subject for c in latest if c.unread]


def test_a_first_time_applicant_s_demande_accepted_opens_her_aide_au_logement(seeded, rules_url):
    from caf_app.services.paperwork import demandes
    from tests import factories
    from tests.integration.test_demandes import NEWCOMER, claire_martin, fill

    # The Caf's day is TODAY while she sends it and the Caf decides (the démarche is dated by the clock):
    # her droits start the month she sent it, whatever the day the suite runs.
    with app_clock.frozen(datetime(2026, 11, 26, 10, 0, tzinfo=timezone.utc)):
        token, claire = claire_martin(seeded)
        draft = demandes.start(session=seeded, actor=claire, kind="aide_logement", today=TODAY)
        fill(seeded, claire, draft, NEWCOMER)
        receipt = demandes.send(session=seeded, actor=claire, demande_id=draft.id, confirmed=True, today=TODAY)
        agents.create_agent(session=seeded, login="agent.33", name="Léa Fabre", departement="33", role="agent",
                            password="Gironde2026", totp_secret=demo_totp_secret("agent.33"),
                            key=get_settings().secret_key)
        gironde = agent(seeded, "agent.33")
        (line,) = queue.queue(session=seeded, actor=gironde, kind="demande_prestation")
        assert line.numero == receipt.numero
        queue.claim(session=seeded, actor=gironde, demarche_id=line.id)
        assert any(topic == "Votre logement" for topic, _ in dossier.item(session=seeded, actor=gironde,
                                                                    demarche_id=line.id).answers)
        said = decisions.accept(session=seeded, actor=gironde, demarche_id=line.id, today=TODAY)
        now = factories.actor(seeded, token)
        droits = seeded.exec(select(m.Droit).where(m.Droit.dossier_id == now.dossier_id)).all()
        assert droits and {d.prestation.value for d in droits} == {"aide_logement"}, said
        assert all(d.inputs_json for d in droits)
        assert "Notification de droits" in [c.subject for c in courriers.courriers(session=seeded, actor=now)]
        # The payment run of December pays her November; the attestation of the month shows it.
        from caf_app.services.payments import run, statements

        december = date(2026, 12, 1)
        paid = run.pay_batch(session=seeded, dossier_ids=[now.dossier_id], month=december)
        november = next(d.amount_cents for d in droits if d.month == date(2026, 11, 1))
        assert (paid.paid, paid.total_cents) == (1, november) and november > 0
        attestation = statements.payment_attestation(session=seeded, actor=now, start=december, end=december,
                                                     today=date(2026, 12, 6), last_only=True)
        assert attestation.period_label == "Paiement du 04/12/2026" and attestation.total == format_euros(november)


def test_a_revalorisation_recomputes_every_dossier_in_batches_of_one_request(engine, seeded, rules_url, monkeypatch):
    """The job Celery runs on 1 April (caf_app/jobs/revalorisation.py), here in this process: each batch of
    dossiers is one request to the rules service per month, and a second pass changes nothing. A dossier holding
    only what the rules do not compute (an aide au BAFA) is not read."""
    from caf_app import db, settings
    from caf_app.domain.prestations import Prestation
    from caf_app.jobs import revalorisation
    from caf_app.rules import client
    from caf_app.services.droits.compute import RULE_OF
    from tests import factories

    monkeypatch.setenv("REFLEX_DB_URL", str(engine.url.render_as_string(hide_password=False)))
    settings.get_settings.cache_clear()
    db.engine.cache_clear()
    sent = []
    real = client.calculate_blocking
    monkeypatch.setattr(client, "calculate_blocking", lambda *a, **k: sent.append(1) or real(*a, **k))
    try:
        month = TODAY.replace(day=1)
        bafa = factories.dossier(seeded, allocataire=factories.person(seeded, nir="2050113055999"), numero="1399999")
        seeded.add(m.Droit(dossier_id=bafa.id, month=month, prestation=Prestation.BAFA, amount_cents=91_47))
        seeded.commit()
        held = {row.dossier_id for row in seeded.exec(select(m.Droit)) if row.prestation in RULE_OF}
        active = set(seeded.exec(select(m.Dossier.id).where(m.Dossier.active)))
        bounds = revalorisation.batches(month, size=3)
        assert len(bounds) >= 2
        first = [revalorisation.recompute_range(a, b, month) for a, b in bounds]
        assert sum(done.dossiers for done in first) == len(held & active) >= 5 and len(sent) == len(bounds)
        assert bafa.id not in held and bounds[-1][1] < bafa.id
        again = [revalorisation.recompute_range(a, b, month) for a, b in bounds]
        assert sum(done.changed for done in again) == 0
    finally:
        db.engine().dispose()
        settings.get_settings.cache_clear()
        db.engine.cache_clear()


def elise_sends(seeded, kind: str, screens: dict[str, dict[str, str]]):
    """Elise sends a demande of `kind` answered screen by screen; Sonia, agent of her Caf, takes it from the queue.
    Returns Elise, Sonia and the item."""
    from caf_app.services.paperwork import demandes
    from tests.integration.test_demandes import fill

    elise = actor_of(seeded, ELISE.nir)
    draft = fill(seeded, elise, demandes.start(session=seeded, actor=elise, kind=kind, today=TODAY), screens)
    demandes.send(session=seeded, actor=elise, demande_id=draft.id, confirmed=True, today=TODAY)
    sonia = agent(seeded, "agent.13")
    (line,) = [item for item in queue.queue(session=seeded, actor=sonia, kind="demande_prestation")
               if item.numero == ELISE.dossier]
    queue.claim(session=seeded, actor=sonia, demarche_id=line.id)
    return elise, sonia, line


@pytest.mark.parametrize("antoine", ["non_salarie", "sans_activite"])
def test_elise_s_cmg_accepted_is_computed_by_the_rules_from_her_mode_of_care(seeded, rules_url, antoine):
    """Elise, with Noé born in March 2025, employs an assistante maternelle: accepting her demande de CMG computes
    the complément de libre choix du mode de garde with OpenFisca (paje_cmg), its household kept with each month;
    with her husband without activity, the CMG is not due (both parents must work)."""
    from caf_app.domain.prestations import Prestation
    from tests import factories
    from tests.integration.test_demandes import CMG

    with app_clock.frozen(datetime(2026, 11, 26, 10, 0, tzinfo=timezone.utc)):
        elise = actor_of(seeded, ELISE.nir)
        noe = factories.person(seeded, birth_name="LAMBERT", first_names="Noé", birth_date=date(2025, 3, 1))
        factories.member(seeded, dossier=seeded.get(m.Dossier, elise.dossier_id), person=noe)
        husband = seeded.exec(select(m.Situation).join(m.Member, m.Member.id == m.Situation.member_id).where(
            m.Member.dossier_id == elise.dossier_id, m.Member.role == "conjoint",
            m.Situation.kind == SituationKind.PROFESSIONNELLE)).one()
        husband.code = antoine
        seeded.commit()
        _, sonia, line = elise_sends(seeded, "cmg", CMG)
        said = decisions.accept(session=seeded, actor=sonia, demarche_id=line.id, today=TODAY)
    cmg = seeded.exec(select(m.Droit).where(m.Droit.dossier_id == elise.dossier_id,
                                            m.Droit.prestation == Prestation.CMG)).all()
    november = next(d for d in cmg if d.month == date(2026, 11, 1))
    assert json.loads(november.inputs_json)["garde"] == "assmat"
    if antoine == "sans_activite":
        assert not november.amount_cents and november.motif_sans_droit, said
        return
    assert november.amount_cents and november.amount_cents > 0, said
    assert "Notification de droits" in [c.subject for c in courriers.courriers(session=seeded, actor=elise)]


BAFA = {"situation": {"nationalite": "francaise"},
        "formation": {"session": "approfondissement", "petite_enfance": "oui", "organisme": "UFCV Provence",
                      "fin_session": "20/11/2026"},
        "banque": {}}


def test_an_aide_au_bafa_accepted_is_the_caf_s_amount_notified_with_its_why_and_paid_by_the_next_run(seeded):
    """The aide au BAFA is the Caf's own rule (domain/gestion.bafa_cents), not OpenFisca's: 106,71 € for a session
    d'approfondissement on the accueil du jeune enfant, a droit of the month the Caf decides with its why, the
    notification de droits read back from its PDF, and the run of the next month pays it."""
    from caf_app.domain.prestations import Prestation
    from caf_app.services.payments import run
    from tests.files import pdf_text

    with app_clock.frozen(datetime(2026, 11, 26, 10, 0, tzinfo=timezone.utc)):
        elise, sonia, line = elise_sends(seeded, "bafa", BAFA)
        said = decisions.accept(session=seeded, actor=sonia, demarche_id=line.id, today=TODAY)
    assert said.startswith("Acceptée. Droits recalculés : 1 montant(s) modifié(s)"), said
    droit = seeded.exec(select(m.Droit).where(m.Droit.dossier_id == elise.dossier_id,
                                              m.Droit.prestation == Prestation.BAFA)).one()
    assert (droit.month, droit.amount_cents) == (date(2026, 11, 1), 106_71)
    change = seeded.exec(select(m.DroitChange).where(m.DroitChange.demarche_id == line.id)).one()
    assert (change.before_cents, change.after_cents) == (0, 106_71)
    assert json.loads(change.causes_json) == [{"text": "Aide nationale au BAFA, session d'approfondissement sur "
                                                       "l'accueil du jeune enfant", "cents": 106_71}]
    (notification,) = [c for c in courriers.courriers(session=seeded, actor=elise)
                       if c.unread and c.subject == "Notification de droits"]
    text = " ".join(pdf_text(courriers.courrier_pdf(session=seeded, actor=elise,
                                                    courrier_id=notification.id)).split())
    assert "Aide au BAFA" in text and "106,71" in text and "accueil du jeune enfant" in text, text

    paid = run.pay_batch(session=seeded, dossier_ids=[elise.dossier_id], month=date(2026, 12, 1))
    payment = seeded.exec(select(m.Paiement).where(m.Paiement.dossier_id == elise.dossier_id,
                                                   m.Paiement.run_month == date(2026, 12, 1))).one()
    lines = seeded.exec(select(m.PaiementLigne).where(m.PaiementLigne.paiement_id == payment.id)).all()
    assert paid.paid == 1 and [(x.prestation, x.amount_cents) for x in lines if x.prestation == Prestation.BAFA] == [
        (Prestation.BAFA, 106_71)]

    # The notification lists the month's other droits too, as after any recomputation.
    assert "Aide personnalisée au logement" in text, text

    with app_clock.frozen(datetime(2026, 11, 27, 10, 0, tzinfo=timezone.utc)):  # once for a person
        _, _, again = elise_sends(seeded, "bafa", BAFA)
        with pytest.raises(DomainError, match="déjà été accordée à cette personne"):
            decisions.accept(session=seeded, actor=sonia, demarche_id=again.id, today=TODAY)
