from datetime import date

import pytest
from sqlmodel import select

from caf_app import models as m
from caf_app.domain.errors import DomainError
from caf_app.domain.signup import check_etat_civil
from caf_app.security.passwords import hash_password, verify_password
from caf_app.services import signup

FORM = {"possede_nir": "oui", "nir": "2950275112083", "civilite": "Madame", "nom_naissance": "Martin",
        "prenoms": "Claire", "date_naissance": "14/02/1995", "lieu_naissance": "france",
        "departement_naissance": "75", "commune_naissance": "Paris", "reside_france": "non",
        "piece_identite": "passeport", "numero_piece": "18AB12345", "date_delivrance": "01/02/2020"}


def etat(**changes):
    value, errors = check_etat_civil({**FORM, **changes}, today=date(2026, 11, 26))
    assert errors == {}
    return value


def test_a_new_person_gets_an_account_with_the_confirmed_contact(seeded):
    identifier = signup.create_account(session=seeded, etat=etat(), channel="email",
                                       destination="claire@example.fr", password_hash=hash_password("Bienvenue2026"))
    person = seeded.exec(select(m.Person).where(m.Person.nir == identifier)).one()
    assert person.email == "claire@example.fr" and person.email_verified
    account = seeded.exec(select(m.Account).where(m.Account.person_id == person.id)).one()
    assert verify_password(account.password_hash, "Bienvenue2026")


def test_without_nir_a_unique_provisional_identifier_is_made_and_sent(seeded):
    identifier = signup.create_account(session=seeded, etat=etat(possede_nir="non", nir="", nom_parent1="A",
                                                                 prenoms_parent1="B", nom_parent2="C",
                                                                 prenoms_parent2="D"),
                                       channel="sms", destination="0698765432", password_hash="x")
    assert identifier.startswith("P") and len(identifier) == 9
    sent = seeded.exec(select(m.OutboxMessage).where(m.OutboxMessage.recipient == "0698765432")).all()
    assert identifier in sent[-1].body


def test_someone_with_an_account_is_told_so_only_when_the_identity_matches(seeded):
    with pytest.raises(signup.AlreadyRegistered):
        signup.check_can_register(session=seeded, etat=etat(nir="1850375112042", nom_naissance="Duchais",
                                                            date_naissance="12/03/1985"))
    with pytest.raises(DomainError) as error:
        signup.check_can_register(session=seeded, etat=etat(nir="1850375112042"))
    assert not isinstance(error.value, signup.AlreadyRegistered)
    assert error.value.message == signup.NOT_MATCHING


def test_a_member_of_a_foyer_without_account_gets_one_on_the_known_person(seeded):
    lea = seeded.exec(select(m.Person).where(m.Person.first_names == "Léa")).one()
    lea.nir = "2160413055077"
    seeded.add(lea)
    seeded.commit()
    signup.create_account(session=seeded, etat=etat(nir="2160413055077", nom_naissance="Lambert", prenoms="Léa",
                                                    date_naissance="02/04/2016", date_delivrance="01/02/2021"),
                          channel="email", destination="lea@example.fr", password_hash="x")
    assert seeded.exec(select(m.Account).where(m.Account.person_id == lea.id)).one()
