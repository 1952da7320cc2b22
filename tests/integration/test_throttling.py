import pytest
from sqlmodel import select

from caf_app import models as m
from caf_app.domain.errors import DomainError
from caf_app.services import auth

SECRET = "s" * 40


@pytest.fixture
def waits(monkeypatch):
    """The delays the server would wait before answering (recorded instead of slept)."""
    recorded = []
    monkeypatch.setattr(auth.time, "sleep", recorded.append)
    return recorded


def attempt(session, identifier, password, ip="192.0.2.1"):
    try:
        auth.login(session=session, identifier=identifier, password=password, provisional=False,
                   secret=SECRET, ip=ip)
        return "ok"
    except DomainError as error:
        return error.message


def test_delays_grow_then_the_identifier_is_locked_even_for_the_right_password(seeded, waits):
    answers = [attempt(seeded, "1850375112042", "Mauvais2026xx") for _ in range(5)]
    assert answers == [auth.WRONG_CREDENTIALS] * 5
    assert waits == [2.0, 4.0]
    locked = attempt(seeded, "1850375112042", "Allocataire2026")
    assert "bloquée pendant 15 minutes" in locked
    assert seeded.exec(select(m.AuditEvent).where(m.AuditEvent.kind == "lock")).first()


def test_an_unknown_identifier_is_answered_and_locked_exactly_the_same_way(seeded, waits):
    known = [attempt(seeded, "1850375112042", "Mauvais2026xx", ip="192.0.2.7") for _ in range(6)]
    unknown = [attempt(seeded, "1990175112042", "Mauvais2026xx", ip="192.0.2.8") for _ in range(6)]
    assert [a.split("Réessayez")[0] for a in known] == [a.split("Réessayez")[0] for a in unknown]


def test_a_success_resets_the_identifier_counter(seeded, waits):
    for _ in range(3):
        attempt(seeded, "2900513055031", "Mauvais2026xx")
    assert attempt(seeded, "2900513055031", "Allocataire2026") == "ok"
    assert attempt(seeded, "2900513055031", "Mauvais2026xx") == auth.WRONG_CREDENTIALS
    assert waits == [2.0]  # only before the fourth attempt, the successful one


def test_one_client_trying_many_identifiers_is_slowed_then_locked(seeded, waits):
    nirs = [f"1850375{n:06d}" for n in range(31)]
    answers = [attempt(seeded, nir, "Mauvais2026xx", ip="198.51.100.9") for nir in nirs]
    assert "bloquée" in answers[-1]
    assert attempt(seeded, "1920792050077", "Allocataire2026", ip="198.51.100.10") == "ok"
