"""Rendez-vous (issue 22, point 4) on a real database: an agent opens slots, a person with no account books one
and gets the mail with its .ics, two people racing for one slot (one gets it), moving and cancelling from the
mail's link free the old slot, an allocataire books from Mon Compte and sees it in Mon agenda, nobody else reaches
it, and tomorrow's reminder leaves once."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta, timezone

import pytest
from sqlmodel import select

from caf_app import models as m
from caf_app.domain.errors import DomainError, Forbidden
from caf_app.domain.gestion import AgentActor, AgentRole
from caf_app.domain.rendez_vous import Contact, check_contact, parse_opening
from caf_app.services.communications import agenda, rendez_vous
from tests.factories import actor_of
from tests.personas import ELISE, JONAS

from .test_demandes import at_once

NOW = datetime(2026, 12, 1, 9, 0, tzinfo=timezone.utc)  # a Tuesday
LEA = Contact("MARTIN", "Léa", "lea.martin@exemple.fr", "0123456789")


def agent(session, login: str) -> AgentActor:
    row = session.exec(select(m.Agent).where(m.Agent.login == login)).one()
    return AgentActor(row.id, row.caf_id, AgentRole(row.role), row.name)


def caf_of(session, departement: str) -> int:
    return session.exec(select(m.Caf.id).where(m.Caf.department == departement)).one()


def mails(session, recipient: str) -> list[m.OutboxMessage]:
    return session.exec(select(m.OutboxMessage).where(m.OutboxMessage.recipient == recipient)
                        .order_by(m.OutboxMessage.id)).all()


@pytest.fixture
def opened(seeded, clock):
    """Caf 92's agent opens three slots at the accueil on Thursday 3 December 2026 (the seed's own are removed)."""
    clock.now = NOW
    for row in seeded.exec(select(m.Creneau)).all():
        seeded.delete(row)
    seeded.commit()
    day, times = parse_opening("03/12/2026", "09:00, 09h30 10:00")
    assert rendez_vous.open_slots(session=seeded, actor=agent(seeded, "agent.92"), day=day, times=times,
                                  mode="accueil", place="Nanterre, 70 rue Paul Lescop") == 3
    assert rendez_vous.open_slots(session=seeded, actor=agent(seeded, "agent.92"), day=day, times=times[:1],
                                  mode="accueil", place="Nanterre") == 0  # already open
    return seeded


def test_an_agent_opens_slots_and_a_person_without_account_books_one_with_its_ics(opened):
    caf = caf_of(opened, "92")
    free = rendez_vous.free_slots(session=opened, caf_id=caf, mode="accueil", now=NOW)
    assert [(slot.day, slot.time) for slot in free] == [("jeudi 3 décembre 2026", "09h00"),
                                                       ("jeudi 3 décembre 2026", "09h30"),
                                                       ("jeudi 3 décembre 2026", "10h00")]
    assert rendez_vous.free_slots(session=opened, caf_id=caf, mode="visio", now=NOW) == []
    booked = rendez_vous.book(session=opened, actor=None, caf_id=caf, creneau_id=free[1].id, reason="logement",
                              mode="accueil", contact=LEA, now=NOW)
    assert booked.when == "jeudi 3 décembre 2026 à 09h30" and booked.reference.startswith("RDV") and booked.token
    assert [slot.id for slot in rendez_vous.free_slots(session=opened, caf_id=caf, mode="accueil", now=NOW)] == [
        free[0].id, free[2].id]
    [mail] = mails(opened, LEA.email)
    assert mail.subject == "Votre rendez-vous avec la Caf est confirmé"
    assert "le jeudi 3 décembre 2026 à 09h30" in mail.body and "Nanterre, 70 rue Paul Lescop" in mail.body
    assert f"/mon-rendez-vous?jeton={booked.token}" in mail.body and "[Pièce jointe : rendez-vous.ics]" in mail.body
    row = opened.get(m.RendezVous, booked.id)
    assert row.token_hash and booked.token not in row.token_hash and row.dossier_id is None
    with pytest.raises(DomainError, match="vient d'être réservé"):
        rendez_vous.book(session=opened, actor=None, caf_id=caf, creneau_id=free[1].id, reason="autre",
                         mode="accueil", contact=LEA, now=NOW)
    slots = rendez_vous.slots_of_caf(session=opened, actor=agent(opened, "agent.92"), now=NOW)
    assert [slot.taken for slot in slots] == [False, True, False]
    assert rendez_vous.slots_of_caf(session=opened, actor=agent(opened, "agent.13"), now=NOW) == []


def test_two_people_racing_for_the_last_slot_one_gets_it(engine, opened):
    caf = caf_of(opened, "92")
    slot = rendez_vous.free_slots(session=opened, caf_id=caf, mode="accueil", now=NOW)[0].id
    results = at_once(engine, 2, lambda session: rendez_vous.book(
        session=session, actor=None, caf_id=caf, creneau_id=slot, reason="autre", mode="accueil", contact=LEA,
        now=NOW))
    assert sorted(type(result).__name__ for result in results) == ["Booked", "DomainError"], results
    opened.expire_all()
    assert len(opened.exec(select(m.RendezVous).where(m.RendezVous.creneau_id == slot)).all()) == 1


def test_moving_and_cancelling_from_the_mail_s_link_free_the_old_slot(opened):
    caf = caf_of(opened, "92")
    first, second, _ = rendez_vous.free_slots(session=opened, caf_id=caf, mode="accueil", now=NOW)
    booked = rendez_vous.book(session=opened, actor=None, caf_id=caf, creneau_id=first.id, reason="paiement",
                              mode="accueil", contact=LEA, now=NOW)
    token = booked.token
    assert [slot.id for slot in rendez_vous.choices_for(session=opened, token=token, now=NOW)] != [first.id]
    moved = rendez_vous.move(session=opened, token=token, creneau_id=second.id, now=NOW)
    assert moved.when == "jeudi 3 décembre 2026 à 09h30"
    assert opened.get(m.Creneau, first.id).taken is False and opened.get(m.Creneau, second.id).taken is True
    cancelled = rendez_vous.cancel(session=opened, token=token, now=NOW)
    assert cancelled.cancelled and opened.get(m.Creneau, second.id).taken is False
    assert [mail.subject for mail in mails(opened, LEA.email)] == [
        "Votre rendez-vous avec la Caf est confirmé", "Votre rendez-vous avec la Caf a changé",
        "Votre rendez-vous avec la Caf est annulé"]
    with pytest.raises(DomainError, match="annulé"):
        rendez_vous.move(session=opened, token=token, creneau_id=first.id, now=NOW)
    with pytest.raises(DomainError, match="aucun rendez-vous"):
        rendez_vous.find(session=opened, token=token[:-2] + "xx")


def test_an_allocataire_books_from_mon_compte_sees_it_in_mon_agenda_and_nobody_else_reaches_it(opened):
    elise, jonas = actor_of(opened, ELISE.nir), actor_of(opened, JONAS.nir)
    caf = caf_of(opened, "92")
    start = rendez_vous.booking(session=opened, actor=elise, departement="92", now=NOW)
    assert start.allocataire and start.caf_id == caf and (str(caf), "Caf des Hauts-de-Seine") in start.cafs
    slot = rendez_vous.free_slots(session=opened, caf_id=caf, mode="accueil", now=NOW)[0]
    booked = rendez_vous.book(session=opened, actor=elise, caf_id=caf, creneau_id=slot.id, reason="dette",
                              mode="accueil", contact=None, now=NOW)
    row = opened.get(m.RendezVous, booked.id)
    assert row.dossier_id == elise.dossier_id and row.email == ELISE.email and row.last_name == "LAMBERT"
    assert [b.reference for b in rendez_vous.mine(session=opened, actor=elise, now=NOW)] == [booked.reference]
    lines = agenda.agenda(session=opened, actor=elise, today=date(2026, 12, 1))
    assert any(line.link == f"/mon-rendez-vous?id={booked.id}" and "Une dette" in line.what for line in lines)
    assert rendez_vous.find(session=opened, actor=elise, rendez_vous_id=booked.id).reference == booked.reference
    with pytest.raises(Forbidden):
        rendez_vous.find(session=opened, actor=jonas, rendez_vous_id=booked.id)
    with pytest.raises(Forbidden):
        rendez_vous.cancel(session=opened, actor=jonas, rendez_vous_id=booked.id, now=NOW)
    rendez_vous.cancel(session=opened, actor=elise, rendez_vous_id=booked.id, now=NOW)
    assert rendez_vous.mine(session=opened, actor=elise, now=NOW) == []


def test_tomorrow_s_reminder_leaves_once(opened):
    caf = caf_of(opened, "92")
    slot = rendez_vous.free_slots(session=opened, caf_id=caf, mode="accueil", now=NOW)[0]
    rendez_vous.book(session=opened, actor=None, caf_id=caf, creneau_id=slot.id, reason="autre", mode="accueil",
                     contact=LEA, now=NOW)
    assert rendez_vous.remind(session=opened, now=NOW) == 0  # Thursday is not tomorrow yet
    evening = datetime(2026, 12, 2, 17, 0, tzinfo=timezone.utc)
    assert rendez_vous.remind(session=opened, now=evening) == 1
    assert rendez_vous.remind(session=opened, now=evening + timedelta(minutes=5)) == 0
    assert [mail.subject for mail in mails(opened, LEA.email)][-1] == "Rappel : votre rendez-vous avec la Caf demain"


def test_bad_input_gets_its_message_next_to_each_field():
    contact, errors = check_contact({"nom": "", "prenom": "Léa<script>", "courriel": "lea@", "telephone": ""})
    assert contact is None and set(errors) == {"nom", "prenom", "courriel", "telephone"}
    for day, hours, field in (("31/02/2026", "09:00", "jour"), ("03/12/2026", "25:00", "heures"),
                              ("03/12/2026", "", "heures"), ("demain", "09:00", "jour")):
        with pytest.raises(DomainError) as error:
            parse_opening(day, hours)
        assert error.value.field == field
    assert parse_opening("3/12/2026", "9h, 14h30")[1] == [time(9, 0), time(14, 30)]


def test_a_person_booking_again_and_again_is_made_to_wait_and_the_slot_stays_free(opened):
    caf = caf_of(opened, "92")
    day, times = parse_opening("03/12/2026", "10:30")
    rendez_vous.open_slots(session=opened, actor=agent(opened, "agent.92"), day=day, times=times, mode="accueil",
                           place="Nanterre")
    slots = rendez_vous.free_slots(session=opened, caf_id=caf, mode="accueil", now=NOW)
    for slot in slots[:3]:
        rendez_vous.book(session=opened, actor=None, caf_id=caf, creneau_id=slot.id, reason="autre", mode="accueil",
                         contact=LEA, client="10.0.0.9", now=NOW)
    with pytest.raises(DomainError, match="Patientez 30 secondes"):
        rendez_vous.book(session=opened, actor=None, caf_id=caf, creneau_id=slots[3].id, reason="autre",
                         mode="accueil", contact=LEA, client="10.0.0.9", now=NOW)
    assert opened.get(m.Creneau, slots[3].id).taken is False
    other = Contact("DURAND", "Paul", "paul.durand@exemple.fr", "0612345678")
    assert rendez_vous.book(session=opened, actor=None, caf_id=caf, creneau_id=slots[3].id, reason="autre",
                            mode="accueil", contact=other, client="10.0.0.10", now=NOW).reference
