"""Tuteur moral (issue 23): the UDAF des Hauts-de-Seine's staff member, from Mon Compte Partenaire, opens the Mon
Compte of Nadia LEVESQUE, whom the UDAF protects, and acts there as she would: her AAH's quarterly declaration sent,
recorded as made by the tuteur; the opening shown in « Qui a consulté mon dossier ». Never on an account (password,
devices), never in another dossier; refused, with a log line, to another organisation, a Caf agent, a tutelle
physique's mesure, an expired habilitation; a habilitation withdrawn or a staff account closed ends the sessions."""

from __future__ import annotations

import asyncio
import logging
from datetime import datetime, time, timedelta

import pytest
from sqlmodel import select, update as sqlmodel_update

from caf_app import clock, models as m
from caf_app.domain.errors import Forbidden
from caf_app.domain.roles import MemberRole, TutelleKind
from caf_app.domain.statuses import DraftStatus
from caf_app.security.tokens import new_token, token_hash
from caf_app.services.gestion import agents
from caf_app.services.identity import account, auth, devices, dossiers, header, session_cache
from caf_app.services.paperwork import demarches
from caf_app.services.partenaires import afas, cdap, habilitations, staff as partner_staff, tutelles
from caf_app.services.situation import declarations, profil, profil_edits
from caf_app.settings import get_settings
from tests.factories import SECRET, actor, actor_of
from tests.personas import JOSEPHINE, NADIA

from .conftest import TODAY
from .test_declarations import all_no
from .test_partenaires import staff

UDAF = "UDAF des Hauts-de-Seine"


def nadia_s_mesure(session) -> m.Tutelle:
    return session.exec(select(m.Tutelle).where(m.Tutelle.kind == TutelleKind.MORAL.value)).one()


def partner_session(session, login: str, secret: str = SECRET) -> str:
    """The token of a live Mon Compte Partenaire session of `login` (as its login page opens one)."""
    token = new_token()
    session.add(m.AgentSession(token_hash=token_hash(token, key=secret), agent_id=staff(session, login).agent_id,
                               expires_at=clock.now() + agents.LIFETIME))
    session.commit()
    return token


def opened(session, login: str = "udaf.92", tutelle_id: int | None = None, partner_token: str = "") -> str:
    return tutelles.open_mon_compte(session=session, actor=staff(session, login),
                                    partner_token=partner_token or partner_session(session, login),
                                    tutelle_id=tutelle_id or nadia_s_mesure(session).id, secret=SECRET, today=TODAY)


def test_the_udaf_opens_nadia_s_mon_compte_and_sends_her_aah_declaration_as_her_tuteur(seeded, caplog):
    udaf = staff(seeded, "udaf.92")
    [protege] = tutelles.proteges(session=seeded, actor=udaf, today=TODAY)
    assert (protege.name, protege.numero, protege.since) == ("Nadia LEVESQUE", NADIA.dossier, "01/03/2024")
    with caplog.at_level(logging.INFO, logger="caf_app.partenaires"):
        token = opened(seeded, tutelle_id=protege.tutelle_id)
    assert "ouvre le Mon Compte" in caplog.text
    tuteur = actor(seeded, token)
    nadia = actor_of(seeded, NADIA.nir)
    assert (tuteur.person_id, tuteur.dossier_id, tuteur.role) == (nadia.person_id, nadia.dossier_id,
                                                                  MemberRole.ALLOCATAIRE)
    assert (tuteur.account_id, tuteur.partner_id, tuteur.tuteur_id) == (None, udaf.agent_id, None)
    shown = header.header(session=seeded, actor=tuteur)
    assert shown.display_name == f"Martine Leroy ({UDAF}), tuteur de Nadia LEVESQUE"
    assert [choice.label for choice in shown.dossiers] == [
        "N° 9206006 - Caf des Hauts-de-Seine - tutelle de Nadia LEVESQUE"]
    assert dossiers.dossiers_of(session=seeded, actor=tuteur) == shown.dossiers

    # Her AAH's quarter, declared by the tuteur as she would: the démarche says who made it.
    assert [p.value for p in declarations.prestations_due(session=seeded, actor=tuteur, today=TODAY)] == ["aah"]
    draft = declarations.open_draft(session=seeded, actor=tuteur, prestation="aah", today=TODAY)
    declarations.save(session=seeded, actor=tuteur, draft_id=draft.id, answers=all_no(draft))
    sent = declarations.send(session=seeded, actor=tuteur, draft_id=draft.id, confirmed=True)
    assert sent.status == DraftStatus.ENVOYE
    made = seeded.exec(select(m.Demarche).where(m.Demarche.reference == sent.reference)).one()
    assert (made.person_id, made.acted_by_id, made.partner_id) == (nadia.person_id, None, udaf.agent_id)
    [line] = [line for line in demarches.history(session=seeded, actor=nadia, today=TODAY)
              if line.reference == sent.reference]
    assert line.made_by == f"Faite par Martine Leroy ({UDAF})"  # what Nadia reads in Suivre mes démarches
    assert afas.mine(session=seeded, actor=nadia, today=TODAY).sent == []  # not a document sent under AFAS

    # A consent to an AFAS partner given by the tuteur names them (a service of the 92 habilitated for it here).
    nanterre = seeded.exec(select(m.Organisation).where(m.Organisation.name.startswith("Service social"))).one()
    seeded.add(m.Habilitation(organisation_id=nanterre.id, service="afas", departement="92",
                              valid_until=TODAY + timedelta(days=365)))
    seeded.commit()
    afas.give(session=seeded, actor=tuteur, organisation_id=nanterre.id, today=TODAY)
    [consent] = afas.mine(session=seeded, actor=nadia, today=TODAY).consents
    assert consent.given_by == f"Donnée par Martine Leroy ({UDAF}), tuteur"

    # Nadia sees who opened her dossier, and why; the audit keeps it.
    [line] = cdap.consultations(session=seeded, actor=nadia)
    assert (line.organisation, line.purpose) == (UDAF, tutelles.PURPOSE)
    assert seeded.exec(select(m.AuditEvent).where(m.AuditEvent.kind == "tuteur_moral")).one()


def test_the_tuteur_never_touches_an_account_nor_another_dossier(seeded):
    token = opened(seeded)
    tuteur = actor(seeded, token)
    with pytest.raises(Forbidden):
        account.change_password(session=seeded, actor=tuteur, current="x", new="y", confirmation="y",
                                keep_token=token, secret=SECRET)
    with pytest.raises(Forbidden):
        devices.list_devices(session=seeded, actor=tuteur)
    with pytest.raises(Forbidden):
        account.last_events(session=seeded, actor=tuteur)
    with pytest.raises(Forbidden):  # new bank details need the account's password: not the tuteur's to give
        profil_edits.change_bank(session=seeded, actor=tuteur, iban="FR7630006000011234567890189", bic="",
                                 holder="Nadia LEVESQUE", password="x", rib=b"", store=None, secret=SECRET)
    shown = profil.own_profile(session=seeded, actor=tuteur)  # her profile, without the account's edits
    assert not shown.account_edits and "vous ne les modifiez pas ici" in shown.tutelle_notice
    nadia = profil.own_profile(session=seeded, actor=actor_of(seeded, NADIA.nir))
    assert nadia.account_edits and nadia.tutelle_notice == ""
    josephine = seeded.exec(select(m.Dossier).where(m.Dossier.numero_allocataire == JOSEPHINE.dossier)).one()
    with pytest.raises(Forbidden):
        dossiers.switch(session=seeded, actor=tuteur, dossier_id=josephine.id, token=token, secret=SECRET)


@pytest.mark.parametrize("case", ["autre organisation", "agent de la Caf", "tutelle physique", "habilitation expirée",
                                  "aucune mesure"])
def test_every_other_opening_is_refused_and_logged(seeded, caplog, case):
    login, tutelle_id = "udaf.92", None
    if case == "autre organisation":
        login = "asso.marseille"
    elif case == "agent de la Caf":
        login = "agent.92"
    elif case == "tutelle physique":  # Bernard ROUSSEL's mesure for Joséphine: his own Mon Compte, not a partner's
        tutelle_id = seeded.exec(select(m.Tutelle.id).where(m.Tutelle.kind == TutelleKind.PHYSIQUE.value)).first()
    elif case == "habilitation expirée":
        seeded.exec(sqlmodel_update(m.Habilitation).where(m.Habilitation.service == "tuteur")
                    .values(valid_until=TODAY - timedelta(days=1)))
        seeded.commit()
        assert tutelles.proteges(session=seeded, actor=staff(seeded, login), today=TODAY) == []
    elif case == "aucune mesure":
        tutelle_id = 999_999
    sessions_before = len(seeded.exec(select(m.UserSession)).all())
    with caplog.at_level(logging.WARNING, logger="caf_app.partenaires"), pytest.raises(Forbidden):
        opened(seeded, login, tutelle_id)
    assert "tuteur moral refusé" in caplog.text
    assert len(seeded.exec(select(m.UserSession)).all()) == sessions_before


def check(engine, token: str):
    live = asyncio.run(session_cache.live_session(engine=engine, token=token, secret=SECRET))
    return live.actor if live else None


@pytest.mark.parametrize("how", ["habilitation retirée", "compte fermé", "mesure levée", "déconnexion partenaire"])
def test_the_session_ends_at_the_next_event_when_the_habilitation_the_account_the_mesure_or_the_partner_session_goes(
        engine, seeded, monkeypatch, how):
    """Even remembered between events (session_cache.py): the staff member's epoch changes with what ends it."""
    monkeypatch.setattr(session_cache, "_redis_url", lambda: None)
    monkeypatch.setattr(session_cache, "TRUST_LOCAL_EPOCHS", True)
    session_cache.forget_all()
    checked = []
    real_check = auth.live_session
    monkeypatch.setattr(auth, "live_session", lambda **kwargs: checked.append(1) or real_check(**kwargs))
    partner_token = partner_session(seeded, "udaf.92")
    token = opened(seeded, partner_token=partner_token)
    for _ in range(3):
        assert check(engine, token).partner_id is not None
    assert len(checked) == 2  # the third check was answered from memory
    if how == "déconnexion partenaire":  # Mon Compte Partenaire's « Se déconnecter » closes the protégé's too
        agents.logout(session=seeded, token=partner_token, secret=SECRET)
        assert check(engine, token) is None
    elif how == "habilitation retirée":
        row = seeded.exec(select(m.Habilitation).where(m.Habilitation.service == "tuteur")).one()
        habilitations.withdraw(session=seeded, actor=staff(seeded, "superviseur.92"), habilitation_id=row.id)
        assert check(engine, token) is None
    elif how == "compte fermé":
        udaf = staff(seeded, "udaf.92")
        seeded.add(m.Agent(login="mjpm.udaf92", name="Paul Henry", caf_id=udaf.caf_id,
                           organisation_id=udaf.organisation_id, role="partenaire", password_hash="x"))
        seeded.commit()
        token = opened(seeded, "mjpm.udaf92")
        for _ in range(3):
            assert check(engine, token).partner_id is not None
        colleague = seeded.exec(select(m.Agent.id).where(m.Agent.login == "mjpm.udaf92")).one()
        partner_staff.disable(session=seeded, actor=staff(seeded, "udaf.92"), staff_id=colleague)
        assert check(engine, token) is None
    else:
        seeded.delete(nadia_s_mesure(seeded))
        seeded.commit()
        assert check(engine, token) is None
    session_cache.forget_all()


def test_the_session_acts_for_the_mesure_it_was_opened_on_and_ends_with_the_habilitation_s_last_day(seeded):
    """Two mesures of the UDAF in one dossier (Nadia, and Eric her conjoint): each opening acts for its own person;
    a habilitation that ends today ends the session at midnight, Paris time (opened at 20:00, not at 8:00 the
    next morning)."""
    with clock.frozen(datetime.combine(TODAY, time(20, 0), clock.PARIS)):
        _two_mesures(seeded)


def _two_mesures(seeded) -> None:
    dossier = seeded.exec(select(m.Dossier).where(m.Dossier.numero_allocataire == NADIA.dossier)).one()
    eric = seeded.exec(select(m.Member).where(m.Member.dossier_id == dossier.id, m.Member.role == "conjoint")).one()
    nadia_s = nadia_s_mesure(seeded)
    mesure = m.Tutelle(dossier_id=dossier.id, protected_id=eric.person_id, organisme=UDAF, kind="moral",
                       organisation_id=nadia_s.organisation_id, since=TODAY)
    seeded.add(mesure)
    seeded.exec(sqlmodel_update(m.Habilitation).where(m.Habilitation.service == "tuteur").values(valid_until=TODAY))
    seeded.commit()
    for tutelle_id, person_id, role in ((mesure.id, eric.person_id, MemberRole.CONJOINT),
                                        (nadia_s.id, dossier.allocataire_id, MemberRole.ALLOCATAIRE)):
        token = opened(seeded, tutelle_id=tutelle_id)
        tuteur = actor(seeded, token)
        assert (tuteur.person_id, tuteur.role) == (person_id, role)
    row = seeded.exec(select(m.UserSession).where(m.UserSession.tutelle_id == mesure.id)).one()
    assert m.aware(row.expires_at) == datetime.combine(TODAY + timedelta(days=1), time.min, clock.PARIS)


@pytest.fixture
def client(engine, seeded, monkeypatch):
    from starlette.testclient import TestClient

    from caf_app.api import api, gestion, session as session_routes
    for module in (gestion, session_routes):
        monkeypatch.setattr(module, "engine", lambda: engine)
    monkeypatch.setattr(clock, "today", lambda: TODAY)
    return TestClient(api, base_url="http://testserver", follow_redirects=False)


def test_the_opening_route_sets_the_mon_compte_cookie_only_for_a_partner_session_posted_from_the_app(client, seeded):
    form = {"tutelle": str(nadia_s_mesure(seeded).id)}
    same_site = {"Sec-Fetch-Site": "same-origin", "Origin": "http://localhost:3000"}
    assert client.post("/api/partenaires/protege", data=form, headers={**same_site, "Sec-Fetch-Site": "cross-site"}
                       ).status_code == 403
    assert client.post("/api/partenaires/protege", data=form, headers={"Origin": "https://evil.example"}
                       ).status_code == 403
    nobody = client.post("/api/partenaires/protege", data=form, headers=same_site)
    assert nobody.status_code == 303 and nobody.headers["location"].startswith("/partenaires/connexion")
    server_secret = get_settings().secret_key  # the routes' own
    same_site["Cookie"] = f"caf_partenaire={partner_session(seeded, 'udaf.92', server_secret)}"
    for wrong in ("²", "999999", ""):
        refused = client.post("/api/partenaires/protege", data={"tutelle": wrong}, headers=same_site)
        assert refused.status_code == 303 and refused.headers["location"] == "/partenaires?erreur=tutelle"
        assert "caf_session" not in refused.headers.get("set-cookie", "")
    opened_here = client.post("/api/partenaires/protege", data=form, headers=same_site)
    assert opened_here.status_code == 303 and opened_here.headers["location"] == "/mon-compte"
    cookie = opened_here.headers["set-cookie"]
    assert "caf_session=" in cookie and "HttpOnly" in cookie
    token = opened_here.cookies["caf_session"]
    tuteur = auth.session_actor(session=seeded, token=token, secret=server_secret)
    assert tuteur.partner_id == staff(seeded, "udaf.92").agent_id
    again = client.post("/api/partenaires/protege", data=form, headers={**same_site, "Cookie": same_site["Cookie"]
                                                                        + f"; caf_session={token}"})
    assert auth.session_actor(session=seeded, token=token, secret=server_secret) is None  # the one it replaces ends
    token = again.cookies["caf_session"]
    closed = client.get("/api/session/fermer", headers={"Sec-Fetch-Site": "same-origin",
                                                         "Cookie": f"caf_session={token}"})
    assert closed.status_code == 303 and closed.headers["location"] == "/partenaires"  # back to their own space
    assert auth.session_actor(session=seeded, token=token, secret=server_secret) is None
