from datetime import date

import pytest
from sqlmodel import select

from caf_app import models as m
from caf_app.domain.errors import DomainError, Forbidden
from caf_app.services import changes, profile

from .conftest import TODAY
from .test_auth_and_access import open_session
from .test_delegation_and_account import actor


def test_the_allowed_changes_follow_the_access_table(seeded):
    eric = actor(seeded, open_session(seeded, "1900692024103"))
    jonas = actor(seeded, open_session(seeded, "1850375112042"))
    assert changes.allowed(session=seeded, actor=eric) == ["separation"]
    assert {"mariage", "naissance", "retraite", "separation"} <= set(changes.allowed(session=seeded, actor=jonas))
    with pytest.raises(Forbidden):
        changes.declare(session=seeded, actor=eric, kind="mariage", form={"date_effet": "01/11/2026"}, today=TODAY)


def test_a_professional_change_shows_en_cours_and_is_a_demarche(seeded):
    jonas = actor(seeded, open_session(seeded, "1850375112042"))
    reference = changes.declare(session=seeded, actor=jonas, kind="salarie", form={"date_effet": "02/11/2026"},
                                today=TODAY)
    assert profile.own_profile(session=seeded, actor=jonas).work == (
        "J'ai une activité salariée depuis le 02/11/2026 (en cours de traitement)")
    assert seeded.exec(select(m.Demarche).where(m.Demarche.reference == reference)).one().status == "en_cours"


@pytest.mark.parametrize("kind, form, field", [
    ("salarie", {"date_effet": "2026-11-02"}, "date_effet"), ("salarie", {"date_effet": "01/01/2020"}, "date_effet"),
    ("grossesse", {"date_effet": "01/01/2026"}, "date_effet"), ("naissance", {"date_effet": "01/11/2026"},
                                                                "prenoms_enfant"),
    ("depart_enfant", {"date_effet": "01/11/2026", "enfant": "999"}, "enfant"),
])
def test_each_form_checks_its_fields(seeded, kind, form, field):
    elise = actor(seeded, open_session(seeded, "2900513055031"))
    with pytest.raises(DomainError) as error:
        changes.check(session=seeded, actor=elise, kind=kind, form=form, today=date(2026, 11, 26))
    assert error.value.field == field
