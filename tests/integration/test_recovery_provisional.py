"""Issue 21, points 1 to 3: a person with a provisional identifier (Daniel MORVAN, P33392250) recovers it and their
password (by mail or by courrier), and keeps logging in once a NIR replaces it, for a transition period."""

import re
from datetime import timedelta

import pytest
from sqlmodel import select

from caf_app import models as m
from caf_app.content import recovery as WORDS
from caf_app.domain.errors import DomainError
from caf_app.services.communications import courriers
from caf_app.services.identity import auth, recovery, transition
from caf_app.services.situation import profil
from tests import factories
from tests.personas import DANIEL, DEMO_PASSWORD, SYLVIE

SECRET = factories.SECRET
DANIEL_NIR = "1620999352012"  # born in 1962, abroad (99): the NIR the Caf records for him in these tests


def by_identity(session, name="Morvan", first="Daniel", born="09/09/1962"):
    return recovery.start_by_identity(session=session, birth_name=name, first_names=first, birth_date=born,
                                      secret=SECRET)


def mail_code(message) -> str:
    return re.search(r"\b(\d{6})\b", message.body).group(1)


def letter_code(session) -> str:
    body = session.exec(select(m.OutboxLetter.body).order_by(m.OutboxLetter.id.desc())).first()
    return re.search(r"code de vérification : ([A-Z0-9]{4}-[A-Z0-9]{4})", body).group(1)


def daniel(session) -> m.Person:
    return session.exec(select(m.Person).where(m.Person.provisional_id == DANIEL.provisional_id)).one()


def login(session, identifier, provisional):
    return auth.login(session=session, identifier=identifier, password=DEMO_PASSWORD, provisional=provisional,
                      secret=SECRET)


# Point 1: Identifiant provisoire oublié ?


def test_point_1_identifiant_provisoire_oublie_found_with_the_etat_civil_and_a_code_to_the_mail_on_file(seeded):
    found = by_identity(seeded, name="morvan", first="DANIEL")
    assert found.person_id == daniel(seeded).id and found.forgotten_identifier
    message = recovery.send_code(session=seeded, recovery=found, channel="email", secret=SECRET)
    assert message.recipient == DANIEL.email
    with pytest.raises(PermissionError):  # no identifier before the code
        recovery.found_identifier(session=seeded, recovery=found)
    proven = recovery.check_code(session=seeded, recovery=found, code=mail_code(message), secret=SECRET)
    shown = recovery.found_identifier(session=seeded, recovery=proven)
    assert (shown.provisional_id, shown.accepted, shown.notice) == ("P33392250", True, "")
    # « Vous avez aussi oublié votre mot de passe ? »: the same proof sets a new one, which logs in.
    recovery.set_new_password(session=seeded, recovery=proven, password="Retrouve2026", confirmation="Retrouve2026",
                              secret=SECRET)
    assert auth.login(session=seeded, identifier="P33392250", password="Retrouve2026", provisional=True,
                      secret=SECRET).ticket


def test_point_1_identifiant_provisoire_oublie_answers_a_wrong_etat_civil_the_same_and_sends_nothing(seeded):
    real = by_identity(seeded)
    decoys = [by_identity(seeded, born="10/09/1962"), by_identity(seeded, first="Jean"),
              by_identity(seeded, name="Renaud", first="Sylvie", born="14/03/1966")]  # Sylvie: a NIR, no account
    assert all(d.person_id is None and d.channels == real.channels for d in decoys)
    assert all(recovery.send_code(session=seeded, recovery=d, channel="email", secret=SECRET) is None
               for d in decoys)
    with pytest.raises(DomainError, match="date de naissance au format JJ/MM/AAAA"):
        by_identity(seeded, born="9 septembre")


def test_point_1_mot_de_passe_oublie_accepts_a_provisional_identifier(seeded):
    found = recovery.start(session=seeded, nir="p33392250", birth_name="Morvan", secret=SECRET,
                           provisional=True)
    assert found.person_id == daniel(seeded).id and not found.forgotten_identifier
    with pytest.raises(DomainError, match="la lettre P suivie de 8 chiffres"):
        recovery.start(session=seeded, nir=DANIEL_NIR, birth_name="Morvan", secret=SECRET, provisional=True)
    for n in range(3):  # its requests are counted against the identifier typed, as a NIR's are
        recovery.admit(session=seeded, nir="P33392250", client=f"192.0.2.{n}", secret=SECRET)
    with pytest.raises(DomainError, match="Réessayez dans"):
        recovery.admit(session=seeded, nir="P33392250", client="192.0.2.9", secret=SECRET)


# Point 2: the courrier channel, and what to do when the contacts on file changed


def test_point_2_a_code_by_courrier_valid_15_days_is_posted_and_recorded_in_the_dossier_without_the_code(seeded):
    found = by_identity(seeded)
    assert recovery.send_code(session=seeded, recovery=found, channel="courrier", secret=SECRET) is None
    letter = seeded.exec(select(m.OutboxLetter)).one()
    assert (letter.recipient, letter.address_line, letter.postal_code, letter.city) == (
        "MONSIEUR DANIEL MORVAN", "18 RUE DE FRANCE", "06000", "NICE")
    assert letter.subject == WORDS.LETTER_SUBJECT and "Identifiant provisoire oublié" in letter.body
    code = letter_code(seeded)
    row = seeded.exec(select(m.LetterCode)).one()
    valid_for = m.aware(row.expires_at) - m.aware(row.created_at)
    assert row.purpose == "recuperation" and abs(valid_for - timedelta(days=15)) < timedelta(seconds=1)
    reader = factories.actor(seeded, factories.open_session(seeded, DANIEL.provisional_id, provisional=True))
    recorded = [c for c in courriers.courriers(session=seeded, actor=reader)
                if c.subject == WORDS.LETTER_RECORD_SUBJECT]
    assert len(recorded) == 1 and "Daniel MORVAN" in recorded[0].body and code not in recorded[0].body
    # A second request while the letter is valid posts nothing, and answers the same.
    assert recovery.send_code(session=seeded, recovery=by_identity(seeded), channel="courrier", secret=SECRET) is None
    assert len(seeded.exec(select(m.OutboxLetter)).all()) == 1
    with pytest.raises(DomainError, match="8 lettres et chiffres"):
        recovery.check_letter_code(session=seeded, recovery=found, code="ABC", secret=SECRET)
    with pytest.raises(DomainError) as wrong:
        recovery.check_letter_code(session=seeded, recovery=found, code="AAAA-AAAA", secret=SECRET)
    assert wrong.value.message == WORDS.LETTER_CODE_REFUSED
    proven = recovery.check_letter_code(session=seeded, recovery=found, code=code.lower(), secret=SECRET)
    assert recovery.found_identifier(session=seeded, recovery=proven).provisional_id == "P33392250"
    with pytest.raises(DomainError):  # single use
        recovery.check_letter_code(session=seeded, recovery=found, code=code, secret=SECRET)


def test_point_2_a_decoy_asking_for_a_letter_gets_nothing_posted_and_the_same_refusal(seeded):
    decoy = by_identity(seeded, first="Jean")
    assert recovery.send_code(session=seeded, recovery=decoy, channel="courrier", secret=SECRET) is None
    assert not seeded.exec(select(m.OutboxLetter)).all() and not seeded.exec(select(m.LetterCode)).all()
    with pytest.raises(DomainError) as refused:
        recovery.check_letter_code(session=seeded, recovery=decoy, code="ACDE-3467", secret=SECRET)
    assert refused.value.message == WORDS.LETTER_CODE_REFUSED


def test_point_2_the_guidance_when_the_contacts_changed_says_what_to_do_and_whom_to_call():
    text = " ".join(WORDS.CONTACTS_CHANGED_LINES)
    assert "courrier" in text and "3230" in text and "mettre à jour" in text
    assert "Par courrier" in [c.label for c in recovery.CHANNELS][2]


# Point 3: a NIR assigned to a person who had a provisional identifier


def test_point_3_the_transition_connexion_announces_is_the_one_applied():
    assert "pendant 6 mois" in WORDS.CONNEXION_TRANSITION and round(transition.TRANSITION.days / 30.5) == 6


def test_point_3_both_identifiers_log_in_during_the_transition_then_only_the_nir(seeded, clock):
    until = transition.assign_nir(session=seeded, person_id=daniel(seeded).id, nir=DANIEL_NIR)
    assert until == (clock.now + transition.TRANSITION).astimezone(transition.PARIS).date()
    assert login(seeded, DANIEL_NIR, provisional=False).ticket
    assert login(seeded, "P33392250", provisional=True).ticket
    clock.advance(days=transition.TRANSITION.days + 1)
    assert login(seeded, DANIEL_NIR, provisional=False).ticket
    with pytest.raises(DomainError) as refused:
        login(seeded, "P33392250", provisional=True)
    assert "n'est plus accepté" in refused.value.message and "numéro de Sécurité sociale" in refused.value.message
    with pytest.raises(DomainError) as wrong:  # a wrong password never learns of the NIR
        auth.login(session=seeded, identifier="P33392250", password="Mauvais2026", provisional=True, secret=SECRET)
    assert wrong.value.message == auth.WRONG_CREDENTIALS
    # Recovery with the provisional identifier is over too; with the NIR it works (the seed's way).
    assert recovery.start(session=seeded, nir="P33392250", birth_name="Morvan", secret=SECRET,
                          provisional=True).person_id is None
    assert recovery.start(session=seeded, nir=DANIEL_NIR, birth_name="Morvan", secret=SECRET).person_id


def test_point_3_the_person_is_told_which_identifier_to_use(seeded):
    person = daniel(seeded)
    assert transition.identifier_notice(person) == WORDS.PROVISIONAL_ONLY
    until = transition.assign_nir(session=seeded, person_id=person.id, nir=DANIEL_NIR)
    view = profil.own_profile(session=seeded, actor=factories.actor_of(seeded, DANIEL_NIR))
    assert view.identifier == DANIEL_NIR and "connectez-vous désormais avec lui" in view.identifier_notice
    assert f"{until:%d/%m/%Y}" in view.identifier_notice and "P33392250" in view.identifier_notice
    letter = seeded.exec(select(m.Courrier).where(m.Courrier.subject == WORDS.NIR_ASSIGNED_SUBJECT)).one()
    assert "P33392250" in letter.body and DANIEL_NIR not in letter.body
    mail = seeded.exec(select(m.OutboxMessage).where(m.OutboxMessage.recipient == DANIEL.email)).all()[-1]
    assert mail.subject == WORDS.NIR_ASSIGNED_SUBJECT and DANIEL_NIR not in mail.body
    # Identifiant provisoire oublié now says which one to use.
    found = by_identity(seeded)
    message = recovery.send_code(session=seeded, recovery=found, channel="email", secret=SECRET)
    shown = recovery.found_identifier(session=seeded, recovery=recovery.check_code(
        session=seeded, recovery=found, code=mail_code(message), secret=SECRET))
    assert shown.accepted and "connectez-vous désormais avec lui" in shown.notice


def test_point_3_a_nir_is_assigned_once_and_never_someone_else_s(seeded):
    person = daniel(seeded)
    with pytest.raises(DomainError, match="déjà celui d'une autre personne"):
        transition.assign_nir(session=seeded, person_id=person.id, nir=SYLVIE.nir)
    transition.assign_nir(session=seeded, person_id=person.id, nir=DANIEL_NIR)
    with pytest.raises(DomainError, match="déjà un numéro"):
        transition.assign_nir(session=seeded, person_id=person.id, nir="1620999352013")


def test_point_3_guesses_at_either_identifier_add_up_on_one_counter(seeded):
    transition.assign_nir(session=seeded, person_id=daniel(seeded).id, nir=DANIEL_NIR)
    answers = []
    for identifier, provisional in [("P33392250", True), (DANIEL_NIR, False)] * 2:
        try:
            auth.login(session=seeded, identifier=identifier, password="Mauvais2026", provisional=provisional,
                       secret=SECRET, ip="192.0.2.1")
        except DomainError as error:
            answers.append(error.message)
    assert answers[:3] == [auth.WRONG_CREDENTIALS] * 3 and answers[3] != auth.WRONG_CREDENTIALS
