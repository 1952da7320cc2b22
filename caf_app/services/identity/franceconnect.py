"""FranceConnect+ on our side: the round trips (state, nonce, the browser they started in), the accounts linked
on the provider's `sub`, and the identity of a first login kept for the one step that links it to an account
(Connexion) or creates the account (Créer Mon Compte)."""

from __future__ import annotations

import functools
import json
import unicodedata
from dataclasses import dataclass
from datetime import date, timedelta

from sqlmodel import Session, delete, select, update

from ... import clock, models as m
from ...content import load
from ...domain.errors import DomainError
from ...domain.names import check_name
from ...security.franceconnect import FranceConnectError, Identity, random_value
from ...security.tokens import token_hash
from . import auth

FLOW_LIFETIME = timedelta(minutes=10)
BROWSER_COOKIE = "caf_fc"  # HttpOnly: binds a round trip (and a first login's identity) to the browser
NOT_THIS_PERSON = ("L'identité FranceConnect+ ne correspond pas à ce compte : connectez-vous avec le compte de la "
                   "personne identifiée, ou sans FranceConnect+.")


@dataclass(frozen=True)
class Outcome:
    """After a login at the provider: a session (linked account), or the step that comes first."""

    next: str  # "session" | "lier" | "creer"
    account: m.Account | None = None


def _hash(value: str, secret: str) -> str:
    return token_hash(value, key=secret)


KEPT = timedelta(days=1)  # a round trip's row (identity, ID token) is deleted a day after it started


def start(session: Session, *, purpose: str, browser: str, secret: str) -> tuple[str, str]:
    """A new round trip: (state, nonce), the state stored hashed and tied to the browser's cookie. The rows of
    round trips older than a day go at the same time: a certified identity is kept no longer than needed."""
    session.exec(delete(m.OidcFlow).where(m.OidcFlow.created_at < clock.now() - KEPT))
    state, nonce = random_value(), random_value()
    session.add(m.OidcFlow(purpose=purpose, state_hash=_hash(state, secret), nonce=nonce,
                           browser_hash=_hash(browser, secret)))
    session.commit()
    return state, nonce


def take(session: Session, *, purpose: str, state: str, browser: str, secret: str) -> m.OidcFlow:
    """The round trip a callback answers, once: a state altered, replayed, too old or from another browser
    is refused."""
    row = session.exec(select(m.OidcFlow).where(m.OidcFlow.state_hash == _hash(state or "-", secret),
                                                m.OidcFlow.purpose == purpose)).first()
    now = clock.now()
    if (row is None or not browser or row.browser_hash != _hash(browser, secret)
            or m.aware(row.created_at) + FLOW_LIFETIME < now):
        raise FranceConnectError("etat", "state")
    taken = session.exec(update(m.OidcFlow).where(m.OidcFlow.id == row.id, m.OidcFlow.used_at.is_(None))
                         .values(used_at=now))
    session.commit()
    if taken.rowcount != 1:
        raise FranceConnectError("etat", "state already used")
    session.refresh(row)
    return row


def _fold(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", text or "") if not unicodedata.combining(c)).upper().strip()


def same_person(person: m.Person, identity: dict) -> bool:
    """The identity the provider certified is this person's: birth name, first given name and birth date."""
    birth = identity.get("birthdate", "")
    given = _fold(identity.get("given_name", "")).split(" ")[0]
    names = {_fold(person.birth_name or ""), _fold(person.usage_name or "")} - {""}
    return (_fold(identity.get("family_name", "")) in names and _fold(person.first_names or "").split(" ")[0] == given
            and birth == (person.birth_date.isoformat() if isinstance(person.birth_date, date) else ""))


def after_login(session: Session, *, flow: m.OidcFlow, identity: Identity) -> Outcome:
    """The account linked to this `sub`; else the identity is kept on the round trip for the next step: linking
    (someone with this identity has an account) or creating the account."""
    account = session.exec(select(m.Account).where(m.Account.fc_sub == identity.sub)).first()
    if account is not None:
        flow.finished_at = clock.now()
        session.add(flow)
        session.commit()
        return Outcome("session", account)
    flow.sub, flow.identity_json, flow.id_token = identity.sub, json.dumps(identity.as_dict()), identity.id_token
    session.add(flow)
    session.commit()
    candidates = session.exec(select(m.Person, m.Account).join(m.Account, m.Account.person_id == m.Person.id)
                              .where(m.Person.birth_date == _date(identity.birthdate))).all()
    if any(same_person(person, identity.as_dict()) for person, _ in candidates):
        return Outcome("lier")
    return Outcome("creer")


def _date(text: str) -> date | None:
    try:
        return date.fromisoformat(text)
    except ValueError:
        return None


def pending(session: Session, *, browser: str, secret: str) -> m.OidcFlow | None:
    """The identity of a first FranceConnect+ login in this browser, not linked or used yet (10 minutes)."""
    if not browser:
        return None
    row = session.exec(select(m.OidcFlow).where(m.OidcFlow.browser_hash == _hash(browser, secret),
                                                m.OidcFlow.purpose == "connexion", m.OidcFlow.sub.is_not(None),
                                                m.OidcFlow.finished_at.is_(None))
                       .order_by(m.OidcFlow.id.desc())).first()
    if row is None or m.aware(row.created_at) + FLOW_LIFETIME < clock.now():
        return None
    return row


def identity_of(flow: m.OidcFlow) -> dict[str, str]:
    return json.loads(flow.identity_json or "{}")


def link(session: Session, *, flow: m.OidcFlow, account: m.Account, secret: str, ip: str = "",
         user_agent: str = "", browser: str | None = None) -> auth.LoginTicket:
    """The person proved both identities (NIR and password, then FranceConnect+): the account is linked, and
    this login goes on as a FranceConnect+ one (no device code, logout at the provider too)."""
    person = session.get(m.Person, account.person_id)
    holder = session.exec(select(m.Account).where(m.Account.fc_sub == flow.sub)).first()
    if (not same_person(person, identity_of(flow)) or (holder is not None and holder.id != account.id)
            or (account.fc_sub and account.fc_sub != flow.sub)):
        raise DomainError("", NOT_THIS_PERSON)
    if holder is None:
        account.fc_sub = flow.sub
        session.add(account)
        session.add(m.AuditEvent(kind="franceconnect_lie", account_id=account.id, ip=ip, detail="sub lié"))
    flow.finished_at = clock.now()
    session.add(flow)
    session.commit()
    return auth.open_session(session=session, account=account, secret=secret, ip=ip, user_agent=user_agent,
                             how="FranceConnect+ (liaison)", fc_id_token=flow.id_token, browser=browser)


@functools.cache
def birth_communes() -> dict[str, str]:
    """INSEE code -> commune name, every code a commune had (scripts/make_communes.py)."""
    return load("communes_insee")["codes"]


def signup_fields(identity: dict[str, str]) -> dict[str, str]:
    """Créer Mon Compte's fields that the certified identity fills (and locks): civilité, names, birth date,
    and where the person was born as the provider says (the country; in France, the département and the
    commune of the INSEE code; a code the list does not know, or a name the form's rule refuses, leaves the
    commune to the person)."""
    fields = {"nom_naissance": identity.get("family_name", "").upper(), "prenoms": identity.get("given_name", "")}
    civilite = {"male": "Monsieur", "female": "Madame"}.get(identity.get("gender", ""))
    if civilite:
        fields["civilite"] = civilite
    born = _date(identity.get("birthdate", ""))
    if born:
        fields["date_naissance"] = born.strftime("%d/%m/%Y")
    place, country = identity.get("birthplace", ""), identity.get("birthcountry", "")
    if country == "99100" and len(place) == 5:
        fields["lieu_naissance"] = "france"
        fields["departement_naissance"] = place[:3] if place.startswith("97") else place[:2]
        commune = birth_communes().get(place, "")
        try:
            fields["commune_naissance"] = check_name(commune, field="commune_naissance", label="la commune")
        except DomainError:
            pass
    elif country and country != "99100":
        fields["lieu_naissance"] = "etranger"
    return fields


def finish_pending(session: Session, *, flow: m.OidcFlow) -> None:
    flow.finished_at = clock.now()
    session.add(flow)
    session.commit()
