from datetime import date

import pytest
from sqlmodel import select

from caf_app import models as m
from caf_app.domain.errors import DomainError, Forbidden
from caf_app.domain.statuses import DemarcheStatus
from caf_app.services.situation import changes, profil
from tests.factories import SECRET, actor, open_session
from tests.personas import ELISE, ERIC, JONAS

from .conftest import TODAY


def test_the_allowed_changes_follow_the_access_table(seeded):
    eric = actor(seeded, open_session(seeded, ERIC.nir))
    jonas = actor(seeded, open_session(seeded, JONAS.nir))
    assert changes.allowed(session=seeded, actor=eric) == ["separation"]
    assert {"mariage", "naissance", "retraite", "separation"} <= set(changes.allowed(session=seeded, actor=jonas))
    with pytest.raises(Forbidden):
        changes.declare(session=seeded, actor=eric, kind="mariage", form={"date_effet": "01/11/2026"}, today=TODAY)


def test_a_professional_change_shows_en_cours_and_is_a_demarche(seeded):
    jonas = actor(seeded, open_session(seeded, JONAS.nir))
    reference = changes.declare(session=seeded, actor=jonas, kind="salarie", form={"date_effet": "02/11/2026"},
                                today=TODAY)
    assert profil.own_profile(session=seeded, actor=jonas).work == (
        "J'ai une activité salariée depuis le 02/11/2026 (en cours de traitement)")
    demarche = seeded.exec(select(m.Demarche).where(m.Demarche.reference == reference)).one()
    assert demarche.status == DemarcheStatus.EN_COURS


@pytest.mark.parametrize("kind, form, field", [
    ("salarie", {"date_effet": "2026-11-02"}, "date_effet"), ("salarie", {"date_effet": "01/01/1899"}, "date_effet"),
    ("grossesse", {"date_effet": "01/01/2026"}, "date_effet"), ("naissance", {"date_effet": "01/11/2026"},
                                                                "prenoms_enfant"),
    ("depart_enfant", {"date_effet": "01/11/2026", "enfant": "999"}, "enfant"),
    ("adoption", {"date_effet": "01/11/2026", "prenoms_enfant": "Ana", "nom_enfant": "Lambert",
                  "naissance_enfant": "02/11/2026"}, "naissance_enfant"),
    ("arrivee_personne", {"date_effet": "01/11/2026", "prenoms_personne": "Rose", "nom_personne": "Lambert",
                          "naissance_personne": "01/02/1950"}, "lien"),
    ("depart_personne", {"date_effet": "01/11/2026", "personne": "1"}, "personne"),
])
def test_each_form_checks_its_fields(seeded, kind, form, field):
    elise = actor(seeded, open_session(seeded, ELISE.nir))
    with pytest.raises(DomainError) as error:
        changes.check(session=seeded, actor=elise, kind=kind, form=form, today=date(2026, 11, 26))
    assert error.value.field == field


def test_jonas_switches_to_his_former_dossier_and_nobody_reaches_one_not_theirs(seeded):
    from caf_app.services.identity import auth, dossiers
    from caf_app.services.payments import dossier

    token = open_session(seeded, JONAS.nir)
    jonas = actor(seeded, token)
    choices = dossiers.dossiers_of(session=seeded, actor=jonas)
    assert [c.label for c in choices] == ["N° 9201001 - Caf des Hauts-de-Seine",
                                          "N° 1309001 - Caf des Bouches-du-Rhône (ancien dossier)"]
    # The header of every private page says the same, with his name and the red dot, in one query.
    from caf_app.services.communications import courriers
    from caf_app.services.identity import header
    shown = header.header(session=seeded, actor=jonas)
    assert shown.display_name == "Jonas DUCHAIS" and shown.dossiers == choices
    assert shown.unread == courriers.unread_count(session=seeded, actor=jonas)
    dossiers.switch(session=seeded, actor=jonas, dossier_id=choices[1].id, token=token, secret=SECRET)
    jonas = auth.session_actor(session=seeded, token=token, secret=SECRET)
    assert [p.amount for p in dossier.payments(session=seeded, actor=jonas)] == ["210,40\u00a0€"] * 3
    elise_dossier = seeded.exec(select(m.Dossier).where(m.Dossier.numero_allocataire == "1302002")).one()
    with pytest.raises(Forbidden):
        dossiers.switch(session=seeded, actor=jonas, dossier_id=elise_dossier.id, token=token, secret=SECRET)


def test_point_14_an_adopted_child_and_a_parent_arrive_en_cours_and_a_dependent_person_leaves(seeded):
    elise = actor(seeded, open_session(seeded, ELISE.nir))
    changes.declare(session=seeded, actor=elise, kind="adoption", today=TODAY, form={
        "date_effet": "02/11/2026", "prenoms_enfant": "Ana", "nom_enfant": "Lambert", "naissance_enfant": "14/03/2022"})
    reference = changes.declare(session=seeded, actor=elise, kind="arrivee_personne", today=TODAY, form={
        "date_effet": "05/11/2026", "prenoms_personne": "Rose", "nom_personne": "Martin",
        "naissance_personne": "01/02/1950", "lien": "parent"})
    demarche = seeded.exec(select(m.Demarche).where(m.Demarche.reference == reference)).one()
    assert demarche.detail == "Arrivée de Rose MARTIN (père ou mère) le 05/11/2026, né(e) le 01/02/1950"
    members = {line.name: (line.role, line.detail) for line in profil.own_profile(session=seeded, actor=elise).members}
    assert members["Ana LAMBERT"] == ("Enfant", "en cours de traitement")
    assert members["Rose MARTIN"] == ("Autre personne à charge", "en cours de traitement")
    rose = changes.dependents(session=seeded, actor=elise)["autre"]
    assert list(rose.values()) == ["Rose MARTIN"]
    with pytest.raises(DomainError) as error:  # a child of the foyer is not "another dependent person"
        changes.check(session=seeded, actor=elise, kind="depart_personne", today=TODAY,
                      form={"date_effet": "20/11/2026", "personne": str(next(iter(changes.children(
                          session=seeded, actor=elise))))})
    assert error.value.field == "personne"
    reference = changes.declare(session=seeded, actor=elise, kind="depart_personne", today=TODAY,
                                form={"date_effet": "20/11/2026", "personne": str(next(iter(rose)))})
    demarche = seeded.exec(select(m.Demarche).where(m.Demarche.reference == reference)).one()
    assert demarche.detail == "Départ de Rose MARTIN le 20/11/2026"
    assert demarche.title == "Déclarer un changement : Départ d'une autre personne à charge"
