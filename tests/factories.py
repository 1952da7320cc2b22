"""Plain functions making what the integration tests need on a given SQLModel session: people, dossiers and their
members, accounts, and live sessions (logged in through the real services). Keyword-only, with defaults that make
a valid row; the demo people themselves are in tests/personas.py."""

from __future__ import annotations

from contextlib import contextmanager
from datetime import date

from sqlalchemy import event
from sqlmodel import Session, select

from caf_app import models as m
from caf_app.security.passwords import hash_password
from caf_app.seed import CAFS
from caf_app.services.identity import auth
from caf_app.settings import load_settings
from tests.personas import DEMO_PASSWORD, JONAS, Persona

SECRET = "s" * 40  # the server secret of the integration tests
VISA_TEST = "4111 1111 1111 1111"  # the usual test card number: passes the Luhn check
# The settings of the passkey tests: a relying party that is a domain, as WebAuthn requires.
PASSKEY_SETTINGS = load_settings({"CAF_ENV": "demo", "CAF_SECRET_KEY": SECRET, "CAF_DATA_DIR": "/tmp/caf-passkeys",
                                  "CAF_WEBAUTHN_RP_ID": "mon-compte.example",
                                  "CAF_WEBAUTHN_ORIGIN": "https://mon-compte.example"})


# People, dossiers, members, accounts


def person(session: Session, *, nir: str | None = None, provisional_id: str | None = None, civilite: str = "Madame",
           birth_name: str = "DURAND", first_names: str = "Anne", birth_date: date = date(1970, 1, 1),
           **fields) -> m.Person:
    """A person known to the Caf (flushed: she has an id)."""
    row = m.Person(nir=nir, provisional_id=provisional_id, civilite=civilite, birth_name=birth_name,
                   first_names=first_names, birth_date=birth_date, **fields)
    session.add(row)
    session.flush()
    return row


def caf(session: Session, *, department: str = "92") -> m.Caf:
    """The Caf of a department, created if the database has none yet."""
    found = session.exec(select(m.Caf).where(m.Caf.department == department)).first()
    if found:
        return found
    name, address = CAFS[department]
    row = m.Caf(department=department, name=name, address=address)
    session.add(row)
    session.flush()
    return row


def dossier(session: Session, *, allocataire: m.Person, numero: str = "9209009", department: str = "92",
            active: bool = True, **fields) -> m.Dossier:
    """A dossier of `allocataire`, who is made its member as allocataire."""
    row = m.Dossier(numero_allocataire=numero, caf_id=caf(session, department=department).id,
                    allocataire_id=allocataire.id, active=active, **fields)
    session.add(row)
    session.flush()
    member(session, dossier=row, person=allocataire, role="allocataire")
    return row


def dossier_of(session: Session, persona: Persona) -> m.Dossier:
    """A demo person's dossier, from the seed."""
    return session.exec(select(m.Dossier).where(m.Dossier.numero_allocataire == persona.dossier)).one()


def member(session: Session, *, dossier: m.Dossier, person: m.Person, role: str = "enfant",
           pending: bool = False) -> m.Member:
    row = m.Member(dossier_id=dossier.id, person_id=person.id, role=role, pending=pending)
    session.add(row)
    session.flush()
    return row


def account(session: Session, *, person: m.Person, password: str = DEMO_PASSWORD) -> m.Account:
    row = m.Account(person_id=person.id, password_hash=hash_password(password))
    session.add(row)
    session.flush()
    return row


# Live sessions, opened as the app opens them: login, then the ticket exchanged for the session token


def open_session(session: Session, identifier: str = JONAS.nir, password: str = DEMO_PASSWORD,
                 provisional: bool = False) -> str:
    """The token of a new live session of `identifier`."""
    ticket = auth.login(session=session, identifier=identifier, password=password, provisional=provisional,
                        secret=SECRET)
    return auth.exchange_ticket(session=session, ticket=ticket.ticket, secret=SECRET)


def actor(session: Session, token: str):
    """Who the session of `token` is (None once it has ended)."""
    return auth.session_actor(session=session, token=token, secret=SECRET)


def actor_of(session: Session, identifier: str, password: str = DEMO_PASSWORD):
    """A new live session of `identifier`, as the actor the services take."""
    return actor(session, open_session(session, identifier, password))


@contextmanager
def queries(engine):
    """The SQL statements sent while inside."""
    sent = []

    def record(conn, cursor, statement, parameters, context, executemany):
        sent.append(statement)

    event.listen(engine, "before_cursor_execute", record)
    try:
        yield sent
    finally:
        event.remove(engine, "before_cursor_execute", record)
