import re
from datetime import date, datetime, timedelta, timezone
from urllib.parse import urlencode
from zoneinfo import ZoneInfo

import pytest
from reflex.state import State
from sqlmodel import select

from caf_app import models as m
from caf_app.api import local_path
from caf_app.domain.errors import DomainError
from caf_app.domain.signup import check_etat_civil
from caf_app.security.passwords import hash_password, verify_password
from caf_app.seed import seed
from caf_app.services.identity import auth, login, signup
from caf_app.state.signup import SignupState
from tests import factories, personas

from .conftest import TODAY

FORM = {"possede_nir": "oui", "nir": personas.NEWCOMER.nir, "civilite": "Madame", "nom_naissance": "Martin",
        "prenoms": "Claire", "date_naissance": "14/02/1995", "lieu_naissance": "france",
        "departement_naissance": "75", "commune_naissance": "Paris", "reside_france": "non",
        "piece_identite": "passeport", "numero_piece": "18AB12345", "date_delivrance": "01/02/2020"}


def etat(**changes):
    value, errors = check_etat_civil({**FORM, **changes}, today=date(2026, 11, 26))
    assert errors == {}
    return value


def test_a_new_person_gets_an_account_with_the_confirmed_contact(seeded):
    identifier = signup.create_account(session=seeded, etat=etat(), channel="email", for_demande=True,
                                       destination="claire@example.fr", password_hash=hash_password("Bienvenue2026"))
    person = seeded.exec(select(m.Person).where(m.Person.nir == identifier)).one()
    assert person.email == "claire@example.fr" and person.email_verified
    account = seeded.exec(select(m.Account).where(m.Account.person_id == person.id)).one()
    assert verify_password(account.password_hash, "Bienvenue2026")


def test_without_nir_a_unique_provisional_identifier_is_made_and_sent(seeded):
    identifier = signup.create_account(session=seeded, etat=etat(possede_nir="non", nir="", nom_parent1="A",
                                                                 prenoms_parent1="B", nom_parent2="C",
                                                                 prenoms_parent2="D"),
                                       channel="sms", destination="0698765432", password_hash="x",
                                       for_demande=True)
    assert identifier.startswith("P") and len(identifier) == 9
    sent = seeded.exec(select(m.OutboxMessage).where(m.OutboxMessage.recipient == "0698765432")).all()
    assert identifier in sent[-1].body


def test_a_person_the_caf_does_not_know_creates_an_account_only_inside_a_demande(seeded):
    """The seed: « Tout primo demandeur doit obligatoirement faire une demande de prestation pour pouvoir créer son
    compte »: with or without NIR, no stand-alone account."""
    without_nir = etat(possede_nir="non", nir="", nom_parent1="A", prenoms_parent1="B", nom_parent2="C",
                       prenoms_parent2="D")
    for identity in (etat(), without_nir):
        with pytest.raises(signup.FirstDemandeNeeded) as error:
            signup.check_can_register(session=seeded, etat=identity)
        assert error.value.message.startswith("Tout primo demandeur doit obligatoirement faire une demande")
        with pytest.raises(signup.FirstDemandeNeeded):
            signup.create_account(session=seeded, etat=identity, channel="sms", destination="0698765432",
                                  password_hash="x")
        assert signup.check_can_register(session=seeded, etat=identity, for_demande=True).known is False
    assert seeded.exec(select(m.Person).where(m.Person.birth_name == "MARTIN",
                                              m.Person.first_names == "Claire")).first() is None


def test_an_account_created_for_a_demande_opens_its_session_on_that_demande_in_this_browser(seeded):
    identifier = signup.create_account(session=seeded, etat=etat(possede_nir="non", nir="", nom_parent1="A",
                                                                 prenoms_parent1="B", nom_parent2="C",
                                                                 prenoms_parent2="D"),
                                       channel="sms", destination="0698765432", password_hash="x",
                                       for_demande=True)
    browser = login.Browser(ip="127.0.0.1", user_agent="Firefox", binding="b" * 32)
    ticket = login.after_signup(session=seeded, identifier=identifier, browser=browser,
                                target="/demandes/aide-logement", secret=factories.SECRET)
    assert ticket.target == "/demandes/aide-logement"
    token = auth.exchange_ticket(session=seeded, ticket=ticket.ticket, secret=factories.SECRET, browser="b" * 32)
    actor = auth.session_actor(session=seeded, token=token, secret=factories.SECRET)
    person = seeded.exec(select(m.Person).where(m.Person.provisional_id == identifier)).one()
    assert actor.person_id == person.id and actor.dossier_id is None
    assert seeded.exec(select(m.TrustedDevice).where(m.TrustedDevice.account_id == actor.account_id)).first()
    with pytest.raises(DomainError):
        login.after_signup(session=seeded, identifier="P00000000", browser=browser, target="/", secret="s")


@pytest.mark.parametrize(("suivant", "kept"), [
    ("/demandes/aide-logement", "/demandes/aide-logement"),
    ("//evil.example/demandes/x", ""), ("https://evil.example", ""), ("/\\evil.example", ""),
    ("/\t/evil.example", ""), ("javascript:alert(1)", ""), ("/demandes/rsa?x=1", "/demandes/rsa?x=1"),
    ("/" + "a" * 300, ""), ("", ""), (None, ""),
])
def test_creer_mon_compte_keeps_only_a_path_of_this_site_as_its_destination(suivant, kept):
    assert local_path(suivant) == kept


def test_someone_with_an_account_is_told_so_only_when_the_identity_matches(seeded):
    with pytest.raises(signup.AlreadyRegistered):
        signup.check_can_register(session=seeded, etat=etat(nir=personas.JONAS.nir, nom_naissance="Duchais",
                                                            date_naissance="12/03/1985"))
    with pytest.raises(DomainError) as error:
        signup.check_can_register(session=seeded, etat=etat(nir=personas.JONAS.nir))
    assert not isinstance(error.value, signup.AlreadyRegistered)
    assert error.value.message == signup.NOT_MATCHING


# Sylvie RENAUD, Daniel MORVAN's conjointe in the demo: known to the Caf (NIR, e-mail and mobile on file), no
# account. Her NIR, birth name and birth date are exactly what an ex-partner knows.
SYLVIE = {"nir": personas.SYLVIE.nir, "nom_naissance": "Renaud", "prenoms": "Sylvie", "date_naissance": "14/03/1966",
          "departement_naissance": "06", "commune_naissance": "Nice"}
SYLVIE_EMAIL, SYLVIE_MOBILE = personas.SYLVIE.email, personas.SYLVIE.mobile
SECRET = "s" * 40


def sylvie(session) -> m.Person:
    return session.exec(select(m.Person).where(m.Person.nir == SYLVIE["nir"])).one()


def sent_to(session, recipient: str) -> list[m.OutboxMessage]:
    return session.exec(select(m.OutboxMessage).where(m.OutboxMessage.recipient == recipient)
                        .order_by(m.OutboxMessage.id)).all()


def code_in(message: m.OutboxMessage) -> str:
    return re.search(r"\b(\d{6})\b", message.body).group(1)


def test_an_ex_partner_who_knows_her_identity_cannot_create_the_conjoint_s_account(seeded):
    """Point 2 of the issue: NIR + birth name + birth date, and a contact the attacker types, open nothing."""
    attacker = "ex.conjoint@example.org"
    signup.send_contact_code(session=seeded, draft_key="brouillon-ex", channel="email", destination=attacker,
                             secret=SECRET)
    with pytest.raises(DomainError) as error:
        signup.create_account(session=seeded, etat=etat(**SYLVIE), channel="email", destination=attacker,
                              password_hash=hash_password("Piratage2026"))
    assert error.value.message == signup.NOT_MATCHING
    with pytest.raises(DomainError):  # the code of the contact he typed proves nothing about her
        signup.check_dossier_code(session=seeded, etat=etat(**SYLVIE), draft_key="brouillon-ex",
                                  code=code_in(sent_to(seeded, attacker)[-1]), secret=SECRET, today=TODAY)
    person = sylvie(seeded)
    assert seeded.exec(select(m.Account).where(m.Account.person_id == person.id)).first() is None
    assert (person.email, person.mobile) == (SYLVIE_EMAIL, SYLVIE_MOBILE)
    registration = signup.check_can_register(session=seeded, etat=etat(**SYLVIE), today=TODAY)
    assert registration == signup.Registration(known=True, proofs=("email", "sms", "courrier"))


@pytest.mark.parametrize("channel, contact, how", [("email", SYLVIE_EMAIL, "courriel"),
                                                   ("sms", SYLVIE_MOBILE, "SMS")])
def test_the_conjoint_creates_her_account_with_a_code_sent_to_her_contact_on_file(seeded, channel, contact, how):
    signup.send_dossier_code(session=seeded, etat=etat(**SYLVIE), draft_key="brouillon-1", channel=channel,
                             secret=SECRET, today=TODAY)
    code = code_in(sent_to(seeded, contact)[-1])
    proof = signup.check_dossier_code(session=seeded, etat=etat(**SYLVIE), draft_key="brouillon-1", code=code,
                                      secret=SECRET, today=TODAY)
    assert proof == signup.Proof(person_id=sylvie(seeded).id, how=how)
    identifier = signup.create_account(session=seeded, etat=etat(**SYLVIE), proof=proof, today=TODAY,
                                       password_hash=hash_password("Bienvenue2026"))
    assert identifier == SYLVIE["nir"]
    person = sylvie(seeded)
    account = seeded.exec(select(m.Account).where(m.Account.person_id == person.id)).one()
    assert verify_password(account.password_hash, "Bienvenue2026")
    assert (person.email, person.mobile) == (SYLVIE_EMAIL, SYLVIE_MOBILE)  # never overwritten
    assert seeded.exec(select(m.AuditEvent.detail).where(m.AuditEvent.kind == "account_created")).one() == (
        f"vérifié par {how}")
    assert sent_to(seeded, SYLVIE_EMAIL)[-1].subject == "Votre compte Mon Compte a été créé"


def test_a_proof_for_someone_else_does_not_open_her_account(seeded):
    other = signup.Proof(person_id=sylvie(seeded).id + 1, how="courriel")
    with pytest.raises(DomainError):
        signup.create_account(session=seeded, etat=etat(**SYLVIE), proof=other, password_hash="x", today=TODAY)


def test_the_conjoint_can_prove_it_with_a_letter_code_valid_15_days(seeded):
    until = signup.send_letter_code(session=seeded, etat=etat(**SYLVIE), secret=SECRET, today=TODAY)
    letter = seeded.exec(select(m.OutboxLetter)).one()
    assert (letter.recipient, letter.address_line, letter.postal_code, letter.city) == (
        "MADAME SYLVIE RENAUD", "18 RUE DE FRANCE", "06000", "NICE")
    assert until == (datetime.now(ZoneInfo("Europe/Paris")) + timedelta(days=15)).date()
    assert f"valable jusqu'au {until:%d/%m/%Y}" in letter.body
    code = re.search(r"code de vérification : ([A-Z0-9]{4}-[A-Z0-9]{4})", letter.body).group(1)
    with pytest.raises(DomainError, match="déjà été envoyé par courrier"):  # one letter at a time
        signup.send_letter_code(session=seeded, etat=etat(**SYLVIE), secret=SECRET, today=TODAY)
    with pytest.raises(DomainError, match="Il vous reste 4 essais") as error:
        signup.check_letter_code(session=seeded, etat=etat(**SYLVIE), code="AAAA-AAAA", secret=SECRET, today=TODAY)
    assert error.value.field == "code_courrier"
    # She comes back days later, types the same ÉTAT CIVIL, then the code (any case, with or without the dash).
    proof = signup.check_letter_code(session=seeded, etat=etat(**SYLVIE), code=code.lower().replace("-", " "),
                                     secret=SECRET, today=TODAY)
    assert proof.how == "courrier"
    assert signup.create_account(session=seeded, etat=etat(**SYLVIE), proof=proof, password_hash="x",
                                 today=TODAY) == SYLVIE["nir"]


def test_a_letter_code_expires_after_15_days_and_dies_after_5_wrong_tries(seeded):
    signup.send_letter_code(session=seeded, etat=etat(**SYLVIE), secret=SECRET, today=TODAY)
    row = seeded.exec(select(m.LetterCode)).one()
    row.expires_at = datetime.now(timezone.utc) - timedelta(seconds=1)
    seeded.add(row)
    seeded.commit()
    with pytest.raises(DomainError, match="expiré : il était valable 15 jours"):
        signup.check_letter_code(session=seeded, etat=etat(**SYLVIE), code="ACDE-3467", secret=SECRET, today=TODAY)
    signup.send_letter_code(session=seeded, etat=etat(**SYLVIE), secret=SECRET, today=TODAY)  # a new one now
    messages = []
    for _ in range(5):
        with pytest.raises(DomainError) as error:
            signup.check_letter_code(session=seeded, etat=etat(**SYLVIE), code="AAAA-AAAA", secret=SECRET,
                                     today=TODAY)
        messages.append(error.value.message)
    assert "Il vous reste 1 essai." in messages[3] and "n'est plus valable" in messages[4]


def test_a_franceconnect_identity_that_is_hers_proves_it(seeded):
    hers = {"family_name": "RENAUD", "given_name": "Sylvie Marie", "birthdate": "1966-03-14"}
    proof = signup.proof_by_franceconnect(session=seeded, etat=etat(**SYLVIE), identity=hers, today=TODAY)
    assert proof == signup.Proof(person_id=sylvie(seeded).id, how="FranceConnect+")
    someone_else = {**hers, "family_name": "MORVAN"}
    assert signup.proof_by_franceconnect(session=seeded, etat=etat(**SYLVIE), identity=someone_else,
                                         today=TODAY) is None


def give_nir(session, first_names: str, nir: str) -> m.Person:
    person = session.exec(select(m.Person).where(m.Person.first_names == first_names)).one()
    person.nir = nir
    session.add(person)
    session.commit()
    return person


def test_a_child_of_15_may_create_an_account_and_a_younger_one_may_not(seeded):
    give_nir(seeded, "Hugo", "1100992044123")  # born 15/09/2010: 16 years old
    hugo = etat(nir="1100992044123", civilite="Monsieur", nom_naissance="Massicot", prenoms="Hugo",
                date_naissance="15/09/2010", date_delivrance="01/02/2021")
    assert signup.check_can_register(session=seeded, etat=hugo, today=TODAY).known
    give_nir(seeded, "Léa", "2160413055077")  # born 02/04/2016: 10 years old
    lea = etat(nir="2160413055077", nom_naissance="Lambert", prenoms="Léa", date_naissance="02/04/2016",
               date_delivrance="01/02/2021")
    with pytest.raises(DomainError) as error:
        signup.check_can_register(session=seeded, etat=lea, today=TODAY)
    assert error.value.message == signup.NOT_MATCHING


def test_someone_the_caf_knows_outside_any_current_foyer_gets_the_neutral_refusal(seeded):
    anne = factories.person(seeded, nir="2700175112077", civilite="Madame", birth_name="DURAND", first_names="Anne",
                            birth_date=date(1970, 1, 1), email="anne@example.fr", email_verified=True)
    seeded.commit()
    with pytest.raises(DomainError) as error:
        signup.check_can_register(session=seeded, etat=etat(nir="2700175112077", nom_naissance="Durand",
                                                            prenoms="Anne", date_naissance="01/01/1970"), today=TODAY)
    assert error.value.message == signup.NOT_MATCHING
    dossier = seeded.exec(select(m.Dossier).where(m.Dossier.active == False)).first()  # noqa: E712 (Jonas's old one)
    factories.member(seeded, dossier=dossier, person=anne, role="conjoint")
    seeded.commit()
    with pytest.raises(DomainError):
        signup.check_can_register(session=seeded, etat=etat(nir="2700175112077", nom_naissance="Durand",
                                                            prenoms="Anne", date_naissance="01/01/1970"), today=TODAY)


def test_a_demo_database_seeded_before_the_conjoint_existed_gets_her_on_the_next_seed(seeded):
    person = sylvie(seeded)
    member = seeded.exec(select(m.Member).where(m.Member.person_id == person.id)).one()
    for situation in seeded.exec(select(m.Situation).where(m.Situation.member_id == member.id)):
        seeded.delete(situation)
    seeded.flush()
    seeded.delete(member)
    seeded.flush()
    seeded.delete(person)
    seeded.commit()
    assert seed(seeded, today=TODAY) == 0
    member = seeded.exec(select(m.Member).where(m.Member.person_id == sylvie(seeded).id)).one()
    assert member.role == "conjoint"
    assert seed(seeded, today=TODAY) == 0
    assert len(seeded.exec(select(m.Person).where(m.Person.nir == SYLVIE["nir"])).all()) == 1

def signup_tab(query: dict[str, str]) -> SignupState:
    """Créer Mon Compte opened in a tab at /creer-mon-compte?<query>, started, its security check answered."""
    root = State(_reflex_internal_init=True)
    address = "/creer-mon-compte" + (f"?{urlencode(query)}" if query else "")
    root.router_data = root._update_router_vars({"pathname": "/creer-mon-compte", "asPath": address,
                                                 "query": query, "headers": {}}, {})
    state = root.get_substate(SignupState.get_full_name().split(".")[1:])
    SignupState.event_handlers["load"].fn(state)
    SignupState.event_handlers["start"].fn(state)
    state.security_passed = True  # the security check itself is tested with the page
    return state


@pytest.mark.parametrize(("query", "suivant", "for_demande"), [
    ({"suivant": "/demandes/aide-logement"}, "/demandes/aide-logement", True),
    ({"suivant": "https://evil.example/demandes/x"}, "", False),
    ({"suivant": "/mes-paiements"}, "/mes-paiements", False),
    ({}, "", False),
])
def test_creer_mon_compte_opens_for_a_demande_only_from_a_path_of_this_site(query, suivant, for_demande):
    state = signup_tab(query)
    assert (state.suivant, state.for_demande) == (suivant, for_demande)


@pytest.mark.parametrize(("query", "step", "first_demande"), [
    ({}, "etat_civil", True), ({"suivant": "/demandes/aide-logement"}, "coordonnees", False)])
def test_etat_civil_of_a_new_person_goes_on_only_inside_a_demande(engine, seeded, monkeypatch, query, step,
                                                                   first_demande):
    monkeypatch.setattr("caf_app.state.signup.engine", lambda: engine)
    state = signup_tab(query)
    SignupState.event_handlers["submit_etat_civil"].fn(state, dict(FORM))
    assert (state.step, state.first_demande) == (step, first_demande)
    assert (state.errors.get("", "").startswith("Tout primo demandeur")) is first_demande
