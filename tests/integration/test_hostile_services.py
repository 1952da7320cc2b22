import pytest
from sqlmodel import select

from caf_app import models as m
from caf_app.domain.errors import DomainError
from caf_app.services.identity import auth, recovery
from tests.hostile import HOSTILE
from tests.personas import JONAS

SECRET = "s" * 40


@pytest.mark.parametrize("text", HOSTILE)
def test_login_answers_hostile_input_with_a_french_message_and_stores_none_of_it(seeded, text):
    for provisional in (False, True):
        with pytest.raises(DomainError):
            auth.login(session=seeded, identifier=text, password=text, provisional=provisional, secret=SECRET,
                       ip="203.0.113.5")
        with pytest.raises(DomainError):
            auth.login(session=seeded, identifier=JONAS.nir, password=text, provisional=provisional,
                       secret=SECRET, ip="203.0.113.6")
    stored = " ".join(f"{row.key} {row.failures}" for row in seeded.exec(select(m.ThrottleCounter)))
    stored += " ".join(row.detail for row in seeded.exec(select(m.AuditEvent)))
    assert text.strip() == "" or text not in stored


@pytest.mark.parametrize("text", HOSTILE)
def test_recovery_refuses_hostile_identity(seeded, text):
    with pytest.raises(DomainError):
        recovery.start(session=seeded, nir=text, birth_name=text, secret=SECRET)
