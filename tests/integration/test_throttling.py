"""Login throttling, one attempt after the other (in parallel: test_parallel_attempts.py). Every attempt counts
before the password is checked; one that comes before its wait is over is refused at once, unchecked, with the
time to wait; nothing sleeps. A password typed again once logged in counts on the same counters."""

import time

import pytest
from sqlmodel import select

from caf_app import models as m
from caf_app.documents.storage import PrivateStore
from caf_app.domain.bank import make_iban
from caf_app.domain.errors import DomainError
from caf_app.services.identity import account, auth, passkeys, throttling
from caf_app.services.situation import profil_edits
from tests import files
from tests.factories import PASSKEY_SETTINGS, SECRET, open_session
from tests.personas import ELISE, JONAS, SAMIR, UNKNOWN_NIR

WAIT_4_S = "Trop de tentatives. Réessayez dans 4 secondes."


@pytest.fixture
def no_sleep(monkeypatch):
    def sleep(seconds):
        raise AssertionError(f"the server slept {seconds} s")

    monkeypatch.setattr(time, "sleep", sleep)


def attempt(session, identifier, password, ip="192.0.2.1"):
    try:
        auth.login(session=session, identifier=identifier, password=password, provisional=False,
                   secret=SECRET, ip=ip)
        return "ok"
    except DomainError as error:
        return error.message


def failures(session, key) -> int:
    row = session.exec(select(m.ThrottleCounter).where(m.ThrottleCounter.key == key)).first()
    session.expire_all()
    return row.failures if row else 0


def test_an_attempt_before_the_wait_is_refused_at_once_unchecked_then_the_identifier_locks(seeded, clock, no_sleep,
                                                                                         checks):
    assert [attempt(seeded, JONAS.nir, "Mauvais2026xx") for _ in range(3)] == [auth.WRONG_CREDENTIALS] * 3
    assert attempt(seeded, JONAS.nir, "Mauvais2026xx") == WAIT_4_S  # counted: the next wait doubles
    assert len(checks) == 3
    clock.advance(seconds=4)
    assert attempt(seeded, JONAS.nir, "Mauvais2026xx") == auth.WRONG_CREDENTIALS  # the fifth: locks
    locked = attempt(seeded, JONAS.nir, "Allocataire2026")
    assert "bloquée pendant 15 minutes" in locked and len(checks) == 4
    assert seeded.exec(select(m.AuditEvent).where(m.AuditEvent.kind == "lock")).first()
    clock.advance(minutes=15, seconds=1)
    assert attempt(seeded, JONAS.nir, "Allocataire2026") == "ok"


def test_attempts_that_keep_coming_before_their_wait_lock_without_being_checked(seeded, clock, checks):
    answers = [attempt(seeded, JONAS.nir, "Mauvais2026xx") for _ in range(6)]
    assert answers[3] == WAIT_4_S and "bloquée pendant 15 minutes" in answers[4] == answers[5]
    assert len(checks) == 3
    assert seeded.exec(select(m.AuditEvent).where(m.AuditEvent.kind == "lock")).one().account_id is not None


def test_an_unknown_identifier_is_answered_and_locked_exactly_the_same_way(seeded, clock):
    known = [attempt(seeded, JONAS.nir, "Mauvais2026xx", ip="192.0.2.7") for _ in range(6)]
    unknown = [attempt(seeded, UNKNOWN_NIR, "Mauvais2026xx", ip="192.0.2.8") for _ in range(6)]
    assert [a.split("Réessayez")[0] for a in known] == [a.split("Réessayez")[0] for a in unknown]


def test_a_success_clears_the_identifier_counter_and_is_not_counted_against_the_address(seeded, clock):
    for _ in range(3):
        attempt(seeded, ELISE.nir, "Mauvais2026xx")
    clock.advance(seconds=2)  # the wait after three failures
    assert attempt(seeded, ELISE.nir, "Allocataire2026") == "ok"
    assert attempt(seeded, ELISE.nir, "Mauvais2026xx") == auth.WRONG_CREDENTIALS  # counted afresh
    assert failures(seeded, "client:192.0.2.1") == 4


def test_old_failures_are_forgotten_after_the_window(seeded, clock):
    for _ in range(3):
        attempt(seeded, ELISE.nir, "Mauvais2026xx")
    clock.advance(minutes=31)
    assert attempt(seeded, ELISE.nir, "Mauvais2026xx") == auth.WRONG_CREDENTIALS
    assert failures(seeded, throttling.keys(ELISE.nir, "", secret=SECRET)[0][0]) == 1


def test_one_client_trying_many_identifiers_is_slowed_then_locked(seeded, clock):
    nirs = [f"1850375{n:06d}" for n in range(31)]
    answers = [attempt(seeded, nir, "Mauvais2026xx", ip="198.51.100.9") for nir in nirs]
    assert answers[:10] == [auth.WRONG_CREDENTIALS] * 10 and answers[10].startswith("Trop de tentatives")
    assert "bloquée" in answers[-1]
    assert attempt(seeded, SAMIR.nir, "Allocataire2026", ip="198.51.100.10") == "ok"


def retype(session, nir: str, password: str, tmp_path, ip: str = "192.0.2.1"):
    """Each way of typing one's password again once logged in: (field, message) of the refusal, or "ok"."""
    def check(how: str) -> None:
        person = auth.session_actor(session=session, token=token, secret=SECRET)
        if how == "mot de passe":
            account.change_password(session=session, actor=person, current=password, new="Nouveau2026ab",
                                    confirmation="Nouveau2026ab", keep_token=token, secret=SECRET, ip=ip)
        elif how == "coordonnées":
            profil_edits.start_contact_change(session=session, actor=person, channel="mobile",
                                               value="0731234567", confirmation="0731234567", password=password,
                                               secret=SECRET, ip=ip)
        elif how == "banque":
            profil_edits.change_bank(session=session, actor=person, iban=make_iban("20041", "01005", "0500013M026"),
                                      bic="PSSTFRPPMAR", holder="Elise Lambert", password=password,
                                      rib=files.png_page(), store=PrivateStore(tmp_path), secret=SECRET, ip=ip)
        else:
            passkeys.registration_options(session=session, actor=person, settings=PASSKEY_SETTINGS, password=password,
                                          ip=ip)

    token = open_session(session, nir)

    def run(how: str):
        try:
            check(how)
            return "ok"
        except DomainError as error:
            return error.field, error.message

    return run


RETYPES = {"mot de passe": "actuel", "coordonnées": "mot_de_passe_actuel", "banque": "mot_de_passe_actuel",
           "clé d'accès": "mot_de_passe_cle"}


@pytest.mark.parametrize("how", RETYPES)
def test_a_password_typed_again_counts_with_the_logins_of_the_same_person(seeded, clock, checks, tmp_path, how):
    run = retype(seeded, ELISE.nir, "Mauvais2026xx", tmp_path)
    checks.clear()  # the login of open_session
    wrong = [run(how) for _ in range(3)]
    assert [field for field, _ in wrong] == [RETYPES[how]] * 3 and len(checks) == 3
    assert attempt(seeded, ELISE.nir, "Allocataire2026") == WAIT_4_S  # the login's counters: refused, unchecked
    field, message = run(how)  # the fifth attempt of this person locks
    assert field == RETYPES[how] and message.startswith("Après plusieurs erreurs, la connexion est bloquée")
    assert len(checks) == 3


@pytest.mark.parametrize("how", RETYPES)
def test_the_right_password_typed_again_clears_the_person_s_counter(seeded, clock, tmp_path, how):
    for _ in range(2):
        attempt(seeded, ELISE.nir, "Mauvais2026xx")
    assert retype(seeded, ELISE.nir, "Allocataire2026", tmp_path)(how) == "ok"
    assert failures(seeded, throttling.keys(ELISE.nir, "", secret=SECRET)[0][0]) == 0


def test_a_success_on_a_busy_shared_address_does_not_make_the_next_person_wait(seeded, clock):
    for n in range(10):  # ten failures from one address (a mobile operator's): past its free ones
        attempt(seeded, f"1850375{n:06d}", "Mauvais2026xx", ip="198.51.100.20")
    clock.advance(seconds=1)
    assert attempt(seeded, ELISE.nir, "Allocataire2026", ip="198.51.100.20") == "ok"
    assert attempt(seeded, SAMIR.nir, "Allocataire2026", ip="198.51.100.20") == "ok"
    assert attempt(seeded, JONAS.nir, "Mauvais2026xx", ip="198.51.100.20") == auth.WRONG_CREDENTIALS
    assert attempt(seeded, JONAS.nir, "Mauvais2026xx", ip="198.51.100.20").startswith("Trop de tentatives")
    assert failures(seeded, "client:198.51.100.20") == 12
