"""Nous contacter, for everyone: a person with no dossier writes; the message waits in the queue of the Caf of the
postal code typed (an agent of another Caf never sees it), one agent answers, and the answer leaves by mail saying
which message it answers. Sending is throttled per mail and per client address."""

from __future__ import annotations

import pytest
from sqlmodel import select

from caf_app import models as m
from caf_app.domain import contact_public as rules
from caf_app.domain.errors import DomainError, Forbidden
from caf_app.domain.gestion import PUBLIC_MESSAGE_KIND, AgentActor, AgentRole
from caf_app.services.communications import contact_public
from caf_app.services.gestion import queue
from caf_app.settings import get_settings

SECRET = get_settings().secret_key
HOSTILE = "<script>alert('x')</script> ' OR 1=1; -- \u202e ${7*7} {{7*7}}"
FORM = {"nom": "Martin", "prenom": "Léa", "courriel": "lea.martin@exemple.fr",
        "courriel_confirmation": "Lea.Martin@exemple.fr", "telephone": "01 23 45 67 89",
        "adresse": "12 rue des Lilas", "code_postal": "92000",
        "message": "Bonjour, je voudrais savoir si je peux demander une aide au logement. " + HOSTILE}


def agent(session, login: str) -> AgentActor:
    row = session.exec(select(m.Agent).where(m.Agent.login == login)).one()
    return AgentActor(row.id, row.caf_id, AgentRole(row.role), row.name)


def write(session, client="10.0.0.1", **changes) -> contact_public.Sent:
    message, errors = rules.check({**FORM, **changes})
    assert errors == {}
    return contact_public.send(session=session, message=message, client=client, secret=SECRET)


def test_every_field_says_what_is_wrong_in_french():
    message, errors = rules.check({"nom": "", "prenom": "J0hn", "courriel": "pas-un-courriel",
                                   "courriel_confirmation": "autre@exemple.fr", "telephone": "12 34",
                                   "adresse": "", "code_postal": "9200", "message": "x" * 10_000})
    assert message is None
    assert errors == {
        "nom": "Saisissez votre nom.",
        "prenom": "Votre prénom ne peut contenir que des lettres, des espaces, des apostrophes et des traits d'union.",
        "courriel": "Saisissez une adresse électronique valide, par exemple nom@exemple.fr.",
        "telephone": "Saisissez un numéro de téléphone français de 10 chiffres, par exemple 01 23 45 67 89.",
        "adresse": "Saisissez votre adresse : numéro et nom de la voie.",
        "code_postal": "Le code postal comporte 5 chiffres, par exemple 92000.",
        "message": "Votre message ne doit pas dépasser 4 000 caractères (il en compte 10 000).",
    }
    _, errors = rules.check({**FORM, "courriel_confirmation": "lea.martin@exemple.com", "message": "   "})
    assert errors == {"courriel_confirmation": "Les deux adresses électroniques saisies ne sont pas identiques.",
                      "message": "Écrivez votre message (10 caractères au moins)."}
    message, errors = rules.check({**FORM, "telephone": ""})  # the phone is optional
    assert errors == {} and message.phone == "" and message.email == "lea.martin@exemple.fr"


def test_the_message_waits_in_the_queue_of_the_caf_of_its_postal_code_only(seeded):
    sent = write(seeded)
    assert sent.caf == "Caf des Hauts-de-Seine"
    row = seeded.exec(select(m.MessagePublic)).one()
    assert row.text.endswith(HOSTILE) and row.city and row.postal_code == "92000"  # stored as typed, never run
    assert seeded.get(m.Caf, row.caf_id).department == "92"
    lines = queue.queue(session=seeded, actor=agent(seeded, "agent.92"))
    mine = [line for line in lines if line.public]
    assert [(line.id, line.allocataire, line.kind) for line in mine] == [
        (row.id, "Léa Martin", "Messages de non-allocataires")]
    only = queue.queue(session=seeded, actor=agent(seeded, "agent.92"), kind=PUBLIC_MESSAGE_KIND)
    assert [line.id for line in only] == [row.id]
    other = agent(seeded, "agent.13")  # another Caf: the message does not exist for them
    assert not [line for line in queue.queue(session=seeded, actor=other) if line.public]
    for service in (contact_public.item, contact_public.claim):
        with pytest.raises(Forbidden):
            service(session=seeded, actor=other, message_id=row.id)
    with pytest.raises(Forbidden):
        contact_public.answer(session=seeded, actor=other, message_id=row.id, text="Une réponse assez longue.")
    write(seeded, code_postal="13013", courriel="b@exemple.fr", courriel_confirmation="b@exemple.fr")
    assert [line.allocataire for line in queue.queue(session=seeded, actor=other) if line.public] == ["Léa Martin"]


def test_an_unknown_postal_code_is_refused_next_to_its_field(seeded):
    message, _ = rules.check({**FORM, "code_postal": "99999"})
    with pytest.raises(DomainError) as refused:
        contact_public.send(session=seeded, message=message, client="10.0.0.1", secret=SECRET)
    assert refused.value.field == "code_postal" and "n'existe pas" in refused.value.message
    assert seeded.exec(select(m.MessagePublic)).all() == []


def test_one_agent_takes_it_and_the_answer_goes_back_by_mail(seeded):
    write(seeded)
    row = seeded.exec(select(m.MessagePublic)).one()
    claire, paul = agent(seeded, "agent.92"), agent(seeded, "superviseur.92")
    with pytest.raises(DomainError, match="plus entre vos mains"):
        contact_public.answer(session=seeded, actor=claire, message_id=row.id, text="Bonjour, voici la réponse.")
    contact_public.claim(session=seeded, actor=claire, message_id=row.id)
    with pytest.raises(DomainError, match="Un autre agent"):
        contact_public.claim(session=seeded, actor=paul, message_id=row.id)
    with pytest.raises(DomainError, match="10 caractères"):
        contact_public.answer(session=seeded, actor=claire, message_id=row.id, text="Oui.")
    assert contact_public.answer(session=seeded, actor=claire, message_id=row.id,
                                 text="Bonjour, vous pouvez faire une simulation puis votre demande en ligne.") \
        == "Réponse envoyée par courriel."
    seeded.refresh(row)
    assert row.answered_by_id == claire.agent_id and row.answered_at is not None and row.claimed_by_id is None
    mail = seeded.exec(select(m.OutboxMessage).where(m.OutboxMessage.recipient == "lea.martin@exemple.fr")).one()
    written = contact_public.item(session=seeded, actor=claire, message_id=row.id).received_on
    assert mail.subject == f"Réponse de la Caf des Hauts-de-Seine à votre message du {written}"
    assert f"à votre message du {written}" in mail.body and "simulation puis votre demande" in mail.body
    assert "> Bonjour, je voudrais savoir" in mail.body
    assert not [line for line in queue.queue(session=seeded, actor=claire) if line.public]  # out of the queue
    with pytest.raises(DomainError, match="déjà reçu une réponse"):
        contact_public.answer(session=seeded, actor=claire, message_id=row.id, text="Une seconde réponse ici.")
    assert len(seeded.exec(select(m.OutboxMessage).where(
        m.OutboxMessage.recipient == "lea.martin@exemple.fr")).all()) == 1


def test_sending_is_throttled_per_mail_and_per_client_address(seeded, clock):
    for _ in range(3):
        write(seeded)
    with pytest.raises(DomainError, match="Patientez"):  # the same mail, from another address too
        write(seeded, client="10.0.0.2")
    assert len(seeded.exec(select(m.MessagePublic)).all()) == 3
    clock.advance(seconds=31)
    write(seeded, client="10.0.0.3")
    clock.advance(minutes=2)
    with pytest.raises(DomainError, match="Réessayez dans une heure"):  # the fifth: locked for an hour
        write(seeded)
    clock.advance(hours=1, minutes=1)
    write(seeded)
    # One address, many mails: ten go, then it waits, then it is locked.
    for n in range(10):
        write(seeded, client="10.9.9.9", courriel=f"p{n}@exemple.fr", courriel_confirmation=f"p{n}@exemple.fr")
    with pytest.raises(DomainError):
        write(seeded, client="10.9.9.9", courriel="p10@exemple.fr", courriel_confirmation="p10@exemple.fr")
    assert len(seeded.exec(select(m.MessagePublic)).all()) == 15
