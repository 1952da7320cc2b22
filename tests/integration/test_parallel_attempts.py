"""Attempts that arrive at the same time, from real threads, each with its own database session (on the SQLite
file and on PostgreSQL): every one is counted, and no more are checked than the rules let through."""

import threading
from collections import Counter

import pytest
from sqlmodel import Session, select

from caf_app import models as m
from caf_app.domain import throttle
from caf_app.domain.errors import DomainError
from caf_app.security import letter_codes, otp
from caf_app.services.identity import account, auth, throttling
from tests.factories import SECRET, open_session
from tests.personas import ELISE, JONAS

NO_LONGER_VALID = "Ce code n'est plus valable. Demandez un nouveau code."


def at_once(engine, count: int, work) -> list:
    """work(session) in `count` threads released together; what each returned or raised."""
    barrier, results = threading.Barrier(count), [None] * count

    def run(index: int) -> None:
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


def failures(engine, key: str) -> int:
    with Session(engine) as session:
        row = session.exec(select(m.ThrottleCounter).where(m.ThrottleCounter.key == key)).first()
        return row.failures if row else 0


def messages(results) -> Counter:
    assert all(isinstance(result, DomainError) for result in results), results
    return Counter(result.message.split(" Réessayez")[0] for result in results)


def test_twenty_wrong_passwords_at_once_are_all_counted_and_at_most_three_checked(engine, seeded, checks):
    results = at_once(engine, 20, lambda session: auth.check_password(
        session=session, identifier=JONAS.nir, password="Mauvais2026xx", provisional=False, secret=SECRET,
        ip="192.0.2.20"))
    assert sum(messages(results).values()) == 20
    identifier, client = (key for key, _ in throttling.keys(JONAS.nir, "192.0.2.20", secret=SECRET))
    assert failures(engine, identifier) == 20 and failures(engine, client) == 20
    assert 1 <= len(checks) <= throttle.IDENTIFIER_RULE.free_failures
    assert messages(results)[auth.WRONG_CREDENTIALS] == len(checks)


def test_twenty_wrong_current_passwords_at_once_count_on_the_person_s_login_counters(engine, seeded, checks):
    token = open_session(seeded, ELISE.nir)
    checks.clear()

    def change(session):
        actor = auth.session_actor(session=session, token=token, secret=SECRET, touch=False)
        account.change_password(session=session, actor=actor, current="Mauvais2026xx", new="Nouveau2026ab",
                                confirmation="Nouveau2026ab", keep_token=token, secret=SECRET, ip="192.0.2.21")

    results = at_once(engine, 20, change)
    assert sum(messages(results).values()) == 20 and all(result.field == "actuel" for result in results)
    assert failures(engine, throttling.keys(ELISE.nir, "", secret=SECRET)[0][0]) == 20
    assert 1 <= len(checks) <= throttle.IDENTIFIER_RULE.free_failures


def issue(engine) -> str:
    with Session(engine) as session:
        return otp.issue(session, purpose="test", subject="personne-1", channel="email",
                         destination="a@example.fr", secret=SECRET)


def answer(code: str):
    """The id of the code used, or the DomainError saying why not."""
    return lambda session: otp.verify(session, purpose="test", subject="personne-1", code=code, secret=SECRET).id


def the_code(engine) -> m.OneTimeCode:
    with Session(engine) as session:
        return session.exec(select(m.OneTimeCode)).one()


def test_a_code_allows_three_attempts_even_when_ten_arrive_at_once(engine):
    code = issue(engine)
    results = at_once(engine, 10, answer("000000" if code != "000000" else "111111"))
    assert messages(results) == {"Code incorrect. Il vous reste 2 essais.": 1,
                                 "Code incorrect. Il vous reste 1 essai.": 1,
                                 "Code incorrect, 3 fois. Ce code n'est plus valable : demandez un nouveau code.": 1,
                                 NO_LONGER_VALID: 7}
    row = the_code(engine)
    assert row.attempts == otp.MAX_ATTEMPTS and row.used_at is not None
    with Session(engine) as session, pytest.raises(DomainError, match="plus valable"):
        answer(code)(session)


def test_a_right_code_sent_ten_times_at_once_is_used_once(engine):
    code = issue(engine)
    results = at_once(engine, 10, answer(code))
    used = [result for result in results if isinstance(result, int)]
    assert used == [the_code(engine).id] and the_code(engine).used_at is not None
    assert messages([result for result in results if result not in used]) == {NO_LONGER_VALID: 9}


def test_a_letter_code_allows_five_attempts_even_when_ten_arrive_at_once(engine, seeded, monkeypatch):
    """The code par courrier (issue 15, point 2) is counted before it is compared, as the 6-digit codes are."""
    compared = []
    real = letter_codes.hmac.compare_digest
    monkeypatch.setattr(letter_codes.hmac, "compare_digest", lambda a, b: compared.append(1) or real(a, b))
    person = seeded.exec(select(m.Person).where(m.Person.nir == JONAS.nir)).one()
    code, _ = letter_codes.issue(seeded, purpose="creation", person_id=person.id, secret=SECRET)
    seeded.commit()
    wrong = "AAAA2222" if letter_codes._normalize(code) != "AAAA2222" else "BBBB3333"
    results = at_once(engine, 10, lambda session: letter_codes.verify(
        session, purpose="creation", person_id=person.id, code=wrong, secret=SECRET))
    assert all(isinstance(result, DomainError) for result in results)
    assert len(compared) == letter_codes.MAX_ATTEMPTS
    with Session(engine) as session:
        row = session.exec(select(m.LetterCode).where(m.LetterCode.person_id == person.id)).one()
        assert row.attempts == letter_codes.MAX_ATTEMPTS and row.used_at is not None
        with pytest.raises(DomainError):
            letter_codes.verify(session, purpose="creation", person_id=person.id, code=code, secret=SECRET)
