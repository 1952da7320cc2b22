"""Issue 21, point 15: the rules the app had invented are gone or sourced. A change older than two years is
declared (Code de la sécurité sociale, art. L. 553-1 prescribes the payment, not the declaration); the quarterly
declaration has no due day of its own: Mon agenda says from when it is made (caf.fr)."""

from sqlmodel import select

from caf_app import models as m
from caf_app.services.communications import agenda
from caf_app.services.situation import changes
from tests.factories import actor, open_session
from tests.personas import JONAS, NADIA

from .conftest import TODAY


def test_point_15_a_change_older_than_two_years_is_declared_with_the_l553_1_notice(seeded):
    """L. 553-1 prescribes the payment after two years, not the declaration: the change is accepted, flagged."""
    from caf_app.domain.changes import PRESCRIPTION_NOTICE

    jonas = actor(seeded, open_session(seeded, JONAS.nir))
    old = changes.check(session=seeded, actor=jonas, kind="salarie", form={"date_effet": "25/11/2024"}, today=TODAY)
    recent = changes.check(session=seeded, actor=jonas, kind="salarie", form={"date_effet": "26/11/2024"}, today=TODAY)
    assert old.late and not recent.late
    assert "L. 553-1" in PRESCRIPTION_NOTICE
    reference = changes.declare(session=seeded, actor=jonas, kind="chomage", form={"date_effet": "01/01/2020"},
                                today=TODAY)
    demarche = seeded.exec(select(m.Demarche).where(m.Demarche.reference == reference)).one()
    assert demarche.detail == "Chômage le 01/01/2020"



def test_point_15_the_agenda_says_from_when_the_quarterly_declaration_is_made_and_no_15th(seeded):
    nadia = actor(seeded, open_session(seeded, NADIA.nir))
    lines = [line for line in agenda.agenda(session=seeded, actor=nadia, today=TODAY)
             if "Déclaration trimestrielle" in line.what]
    assert [(line.day, line.what) for line in lines] == [("À partir du 01/11/2026", "Déclaration trimestrielle de "
                                                          "ressources (Allocation aux adultes handicapés) à faire")]
    assert "Mon Compte" in agenda.DECLARATION_HELP and not hasattr(agenda, "DECLARATION_DAY")
