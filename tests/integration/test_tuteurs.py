"""Issue 21, point 5: a tuteur physique who completes « Première connexion » reaches the dossier of each person they
protect and acts there as that person would (consult, declare, request), the démarches recording who acted; a tuteur
moral reaches nothing from Mon Compte (the partner space)."""

from datetime import date

import pytest
from sqlmodel import select

from caf_app import models as m
from caf_app.domain import policy
from caf_app.domain.errors import DomainError, Forbidden
from caf_app.domain.roles import MemberRole, TutelleKind
from caf_app.seed import TUTEUR
from caf_app.services.communications import agenda
from caf_app.services.identity import delegation, dossiers, header
from caf_app.services.paperwork import demarches
from caf_app.services.payments import dossier
from caf_app.services.situation import declarations, profil
from tests.factories import SECRET, actor, open_session
from tests.personas import DANIEL, JOSEPHINE, NADIA, SAMIR

from .conftest import TODAY


def person(session, identifier: str) -> m.Person:
    column = m.Person.provisional_id if identifier.startswith("P") else m.Person.nir
    return session.exec(select(m.Person).where(column == identifier)).one()


def dossier_of(session, numero: str) -> m.Dossier:
    return session.exec(select(m.Dossier).where(m.Dossier.numero_allocataire == numero)).one()


def test_point_5_a_tuteur_physique_reaches_the_dossiers_of_the_people_he_protects_with_their_rights(seeded):
    token = open_session(seeded, TUTEUR.nir)
    bernard, josephine = person(seeded, TUTEUR.nir), person(seeded, JOSEPHINE.nir)
    tuteur = actor(seeded, token)
    # No dossier of his own: he lands in the first dossier he protects, in Joséphine's place.
    assert (tuteur.dossier_id, tuteur.person_id, tuteur.role, tuteur.tuteur_id) == (
        dossier_of(seeded, JOSEPHINE.dossier).id, josephine.id, MemberRole.ALLOCATAIRE, bernard.id)
    assert tuteur.logged_in_person_id == bernard.id
    assert dossier.payments(session=seeded, actor=tuteur)  # consult
    shown = profil.own_profile(session=seeded, actor=tuteur)
    assert shown.name == "Joséphine MASSICOT" and shown.tutelle_notice.startswith(
        "Vous êtes le tuteur de Joséphine MASSICOT : ce profil est le sien")
    assert declarations.prestations_due(session=seeded, actor=tuteur, today=TODAY)  # declare: RSA, prime d'activité
    assert all(policy.can_request(tuteur, kind) for kind in ("rsa", "aah", "prime_activite"))  # request
    shown = header.header(session=seeded, actor=tuteur)
    assert shown.display_name == "Bernard ROUSSEL, tuteur de Joséphine MASSICOT"
    assert [choice.label for choice in shown.dossiers] == [
        "N° 9204004 - Caf des Hauts-de-Seine - tutelle de Joséphine MASSICOT",
        "N° 0605005 - Caf des Alpes-Maritimes - tutelle de Daniel MORVAN"]
    assert dossiers.dossiers_of(session=seeded, actor=tuteur) == shown.dossiers

    # Mes dossiers: Daniel's, where Bernard acts as Daniel would; what he does records him as who acted.
    dossiers.switch(session=seeded, actor=tuteur, dossier_id=dossier_of(seeded, DANIEL.dossier).id, token=token,
                    secret=SECRET)
    tuteur = actor(seeded, token)
    assert (tuteur.person_id, tuteur.role) == (person(seeded, DANIEL.provisional_id).id, MemberRole.ALLOCATAIRE)
    delegation.set_delegation(session=seeded, actor=tuteur, grant=False)
    made = seeded.exec(select(m.Demarche).where(m.Demarche.kind == "autorisation")).one()
    assert (made.person_id, made.acted_by_id) == (tuteur.person_id, bernard.id)
    reference = agenda.write_to_caf(session=seeded, actor=tuteur, subject="Mon dossier", message="Une question.")
    written = seeded.exec(select(m.Demarche).where(m.Demarche.reference == reference)).one()
    assert (written.person_id, written.acted_by_id) == (tuteur.person_id, bernard.id)  # every démarche says who acted
    [line] = [line for line in demarches.history(session=seeded, actor=tuteur, today=TODAY)
              if line.reference == reference]
    assert line.made_by == "Faite par Bernard ROUSSEL, tuteur"


def test_point_5_a_tuteur_reaches_no_other_dossier_and_the_protected_person_keeps_her_own_access(seeded):
    token = open_session(seeded, TUTEUR.nir)
    with pytest.raises(Forbidden):
        dossiers.switch(session=seeded, actor=actor(seeded, token), dossier_id=dossier_of(seeded, NADIA.dossier).id,
                        token=token, secret=SECRET)
    josephine = actor(seeded, open_session(seeded, JOSEPHINE.nir))
    assert josephine.tuteur_id is None and josephine.logged_in_person_id == josephine.person_id
    assert header.header(session=seeded, actor=josephine).display_name == "Joséphine MASSICOT"
    assert profil.own_profile(session=seeded, actor=josephine).tutelle_notice == ""


def test_point_5_a_tuteur_moral_reaches_no_dossier_from_mon_compte(seeded):
    """Even recorded against a person with an account, a tutelle by an organisation opens nothing here: « vous
    pouvez vous connecter sur votre espace partenaire pour accéder aux comptes de vos protégés »."""
    samir_dossier = dossier_of(seeded, SAMIR.dossier)
    bernard = person(seeded, TUTEUR.nir)
    seeded.add(m.Tutelle(dossier_id=samir_dossier.id, protected_id=samir_dossier.allocataire_id, tuteur_id=bernard.id,
                         organisme="UDAF des Hauts-de-Seine", kind=TutelleKind.MORAL.value, since=date(2024, 1, 1)))
    seeded.commit()
    token = open_session(seeded, TUTEUR.nir)
    assert samir_dossier.id not in {c.id for c in dossiers.dossiers_of(session=seeded, actor=actor(seeded, token))}
    with pytest.raises(Forbidden):
        dossiers.switch(session=seeded, actor=actor(seeded, token), dossier_id=samir_dossier.id, token=token,
                        secret=SECRET)


def test_point_5_a_tutelle_that_ends_closes_the_dossier_at_the_tuteur_s_next_event(engine, seeded, monkeypatch):
    """The session check remembered between events (session_cache.py) sees the tutelle go at once."""
    import asyncio

    from caf_app.services.identity import session_cache

    monkeypatch.setattr(session_cache, "_redis_url", lambda: None)
    monkeypatch.setattr(session_cache, "TRUST_LOCAL_EPOCHS", True)
    session_cache.forget_all()
    token = open_session(seeded, TUTEUR.nir)

    def check():
        return asyncio.run(session_cache.live_session(engine=engine, token=token, secret=SECRET)).actor

    for _ in range(3):  # the third check is answered from memory
        assert check().tuteur_id is not None
    for tutelle in seeded.exec(select(m.Tutelle)).all():
        seeded.delete(tutelle)
    seeded.commit()
    after = check()
    assert (after.dossier_id, after.role, after.tuteur_id) == (None, None, None)
    session_cache.forget_all()


def test_point_5_a_tuteur_physique_without_an_account_may_create_one_a_tuteur_moral_may_not(seeded):
    """« Première connexion » des tuteurs: « Vous êtes tuteur physique et vous n'avez pas d'espace Mon Compte : vous
    pouvez créer votre compte ». Known to the Caf, in no foyer: only a tutelle physique opens Créer Mon Compte."""
    from caf_app.services.identity import signup
    from tests.integration.test_signup import etat

    claire = m.Person(nir="2950275112083", civilite="Madame", birth_name="MARTIN", first_names="Claire",
                      birth_date=date(1995, 2, 14), email="claire.martin@example.fr", email_verified=True)
    seeded.add(claire)
    seeded.commit()
    with pytest.raises(DomainError) as refused:  # in no foyer, protecting nobody
        signup.check_can_register(session=seeded, etat=etat(), today=TODAY)
    assert refused.value.message == signup.NOT_MATCHING
    josephine = dossier_of(seeded, JOSEPHINE.dossier)
    moral = m.Tutelle(dossier_id=josephine.id, protected_id=josephine.allocataire_id, tuteur_id=claire.id,
                      kind=TutelleKind.MORAL.value, since=date(2024, 1, 1))
    seeded.add(moral)
    seeded.commit()
    with pytest.raises(DomainError):  # a tuteur moral goes through the partner space
        signup.check_can_register(session=seeded, etat=etat(), today=TODAY)
    moral.kind = TutelleKind.PHYSIQUE.value
    seeded.add(moral)
    seeded.commit()
    assert signup.check_can_register(session=seeded, etat=etat(), today=TODAY) == signup.Registration(
        known=True, proofs=("email",))
