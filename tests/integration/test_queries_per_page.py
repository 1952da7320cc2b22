"""Every private page of the route registry opens with at most QUERY_BUDGET database queries, whatever the size
of the dossier (24 months of droits and payments, 50 courriers, 50 démarches): a page added to the registry later
is held to it without a line added here. The page's loaders run as the app runs them (the registry's on_load,
after the login check), on a tab that has already opened a page, with the real session check."""

from __future__ import annotations

import asyncio
import sys
from datetime import date, datetime, timedelta, timezone

import pytest
from reflex.state import State
from sqlalchemy import event
from sqlmodel import Session, select

from caf_app import db, models as m, routes, settings
from caf_app.security.tokens import new_token, token_hash
from caf_app.services.identity import session_cache
from caf_app.state.private import loaders_of
from tests.factories import SECRET, open_session
from tests.personas import ELISE

QUERY_BUDGET = 6
ORIGIN = "http://localhost:3000"


def _state_class(handler):
    return getattr(sys.modules[handler.fn.__module__], handler.fn.__qualname__.split(".")[0])


class Tab:
    def __init__(self, token: str, cookie: str = "caf_session"):
        self.root = State(_reflex_internal_init=True)
        self.token, self.cookie = token, cookie

    async def open(self, address: str, **params: str) -> None:
        """params: a dynamic route's part, as the router gives it (demarche_ref="12")."""
        path, _, query = address.partition("?")
        data = {"pathname": path, "asPath": address,
                "query": dict(p.split("=", 1) for p in query.split("&") if p) | params,
                "headers": {"cookie": f"{self.cookie}={self.token}", "origin": ORIGIN}}
        self.root.router_data = self.root._update_router_vars(data, self.root.router_data or {})
        page = next(p for p in routes.PAGES if address in p.addresses)
        for handler in loaders_of(page):
            state = await self.root.get_state(_state_class(handler))
            result = handler.fn(state)
            if asyncio.iscoroutine(result):
                await result


@pytest.fixture
def app_database(engine, seeded, monkeypatch):
    """The app's own engine() pointed at the test database (as REFLEX_DB_URL does)."""
    monkeypatch.setenv("REFLEX_DB_URL", str(engine.url.render_as_string(hide_password=False)))
    monkeypatch.setenv("CAF_SECRET_KEY", SECRET)
    settings.get_settings.cache_clear()
    db.engine.cache_clear()
    monkeypatch.setattr(session_cache, "_redis_url", lambda: None)
    monkeypatch.setattr(session_cache, "TRUST_LOCAL_EPOCHS", True)
    session_cache.forget_all()
    yield db.engine()
    db.engine().dispose()
    settings.get_settings.cache_clear()
    db.engine.cache_clear()
    session_cache.forget_all()


def _big_dossier(session: Session) -> None:
    """Elise's dossier grown to what a long-standing allocataire has: 50 courriers and 50 démarches beside the
    seed's 24 months of droits and payments."""
    person = session.exec(select(m.Person).where(m.Person.nir == ELISE.nir)).one()
    member = session.exec(select(m.Member).where(m.Member.person_id == person.id)).first()
    dossier_id = member.dossier_id
    months = len(session.exec(select(m.Droit.month).where(m.Droit.dossier_id == dossier_id).distinct()).all())
    payments = len(session.exec(select(m.Paiement.id).where(m.Paiement.dossier_id == dossier_id)).all())
    assert months >= 24 and payments >= 24, (months, payments)
    today = date(2026, 11, 26)
    for index in range(50):
        session.add(m.Courrier(dossier_id=dossier_id, subject=f"Information n° {index}", body="Bonjour.",
                               sent_on=today - timedelta(days=7 * index), read_at=None))
        session.add(m.Demarche(dossier_id=dossier_id, person_id=person.id, kind="changement_situation",
                               title=f"Changement de situation n° {index}", reference=f"REF{index:05d}"))
    session.commit()


def test_every_private_page_opens_within_the_query_budget(app_database, seeded):
    _big_dossier(seeded)
    token = open_session(seeded, ELISE.nir)
    for page in routes.PAGES:  # every state class imported before the tab's state tree is made
        loaders_of(page)
    tab = Tab(token)
    counted: list[str] = []
    event.listen(app_database, "before_cursor_execute", lambda *args: counted.append(args[2]))

    asyncio.run(tab.open(routes.ACCUEIL.path))  # the tab's first page: the login landed here
    first = len(counted)  # its session checked in the database (not yet remembered: session_cache.py)
    asyncio.run(tab.open(routes.ALLOCATIONS.path))
    assert first <= QUERY_BUDGET, f"la première page après la connexion : {first} requêtes"
    counts = {}
    for page in routes.PAGES:
        if not page.private:
            continue
        for address in page.addresses:
            counted.clear()
            asyncio.run(tab.open(address))
            counts[address] = len(counted)
    print("requêtes à l'ouverture :", counts)  # pytest -s shows them
    over = {address: count for address, count in counts.items() if count > QUERY_BUDGET}
    assert over == {}, f"au-delà de {QUERY_BUDGET} requêtes à l'ouverture : {over}"


def _staff_pages(app_database, seeded, login: str, cookie: str, space, **params: str) -> dict[str, int]:
    """The queries of opening each page of a staff space, as `login` (a session made for the test) would."""
    agent = seeded.exec(select(m.Agent).where(m.Agent.login == login)).one()
    token = new_token()
    seeded.add(m.AgentSession(token_hash=token_hash(token, key=SECRET), agent_id=agent.id,
                              expires_at=datetime.now(timezone.utc) + timedelta(hours=1)))
    seeded.commit()
    for page in routes.PAGES:
        loaders_of(page)
    tab = Tab(token, cookie=cookie)
    counted: list[str] = []
    event.listen(app_database, "before_cursor_execute", lambda *args: counted.append(args[2]))
    counts = {}
    for page in routes.PAGES:
        if page.space is space:
            counted.clear()
            asyncio.run(tab.open(page.addresses[0], **params))
            counts[page.path] = len(counted)
    print(f"requêtes à l'ouverture ({space.value}) :", counts)
    assert counts and all(counts.values()), counts  # every page ran its loader and read the database
    over = {address: count for address, count in counts.items() if count > QUERY_BUDGET}
    assert over == {}, f"au-delà de {QUERY_BUDGET} requêtes à l'ouverture : {over}"
    return counts


def test_every_page_of_the_agents_opens_within_the_query_budget(app_database, seeded):
    """The Caf's side is held to the same budget: a superviseur of Elise's Caf, a queue of 50 démarches, and the
    processing screen of one of them (the dossier's situation and lists included)."""
    _big_dossier(seeded)
    caf_13 = seeded.exec(select(m.Caf.id).where(m.Caf.department == "13")).one()
    item = seeded.exec(select(m.Demarche).join(m.Dossier, m.Dossier.id == m.Demarche.dossier_id)
                       .where(m.Dossier.caf_id == caf_13)).first()
    counts = _staff_pages(app_database, seeded, "superviseur.13", "caf_agent", routes.Space.GESTION,
                          demarche_ref=str(item.id))
    assert len(counts) >= 4


@pytest.mark.parametrize("login", ["asso.marseille", "bailleur.06"])
def test_every_page_of_the_partners_opens_within_the_query_budget(app_database, seeded, login):
    """Mon Compte Partenaire is held to it too: the administrators of an organisation habilitated for CDAP and AFAS,
    and of a bailleur (a year of its tenant's payments), their staff's accounts shown as well."""
    _staff_pages(app_database, seeded, login, "caf_partenaire", routes.Space.PARTENAIRES)
