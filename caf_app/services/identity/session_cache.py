"""The session check of every event, remembered between a tab's events, and exact all the same.

Every event of a private page checks its session (auth.live_session): one query, on the event loop, which was
most of a logged-in event's cost (bench/load.py). A checked session is remembered here, in this process, with the
"epochs" of its account and of its dossier: random values kept in Redis, which every instance shares (or in this
process when there is no Redis: one process then). Whatever changes what the check answers gives the account or
the dossier a new epoch right after its commit: a logout, a password change that ends the other sessions, a device
removed, a dossier switched (the session rows), a role or a délégation changed (the dossier's members). An ORM
hook does it, so no service can forget it. The next event of any tab then sees its epoch differ and goes back to
the database. A tuteur moral's session (no account) has its staff member's epoch instead of an account's. The ends
in time (30 minutes idle, 12 hours) are computed from the remembered times; the last
activity is still written every TOUCH_EVERY, through the database.

A session is remembered only after a check whose epochs were read before its query, so that a change committed
between the query and the reading of the epochs cannot be missed: the first event of a session checks the
database, and so does the second, the third on uses the memory.
"""

from __future__ import annotations

import asyncio
import secrets
from collections import OrderedDict
from dataclasses import dataclass, replace
from datetime import datetime

from sqlalchemy import event, inspect
from sqlalchemy.orm import Session as OrmSession
from sqlmodel import Session

from ... import clock, models as m
from ...security.tokens import token_hash
from . import auth

MAX_ENTRIES = 50_000  # sessions remembered per process, the least recently used forgotten first
EPOCH_TTL = int(auth.ABSOLUTE_LIFETIME.total_seconds()) + 3600  # an evicted epoch only means one more query
# What, in a session row, changes the check's answer (not last_seen_at: a touch).
SESSION_FIELDS = ("revoked_at", "ticket_hash", "expires_at", "dossier_id", "account_id")


@dataclass(frozen=True)
class _Entry:
    live: auth.LiveSession
    epochs: tuple[str, str] | None  # None: checked once, not yet trusted (see the module's docstring)

    @property
    def keys(self) -> tuple[str, str]:
        actor = self.live.actor
        return _owner_key(actor.account_id, actor.partner_id), _key("dossier", actor.dossier_id or 0)


def _key(kind: str, number: int) -> str:
    return f"caf:epoque:{kind}:{number}"


def _owner_key(account_id: int | None, partner_agent_id: int | None) -> str:
    """Whose session it is: an account, or a tuteur moral's staff member (no account: Mon Compte Partenaire)."""
    return _key("account", account_id) if account_id is not None else _key("partenaire", partner_agent_id or 0)


# Without Redis (make run, the e2e server: one process and no shared store), nothing is remembered unless told:
# a write made behind the app's back (a script, a test's SQL) could not give new epochs. The tests of this module
# and of the query budget turn it on; production always has Redis.
TRUST_LOCAL_EPOCHS = False
_entries: OrderedDict[str, _Entry] = OrderedDict()
_local_epochs: dict[str, str] = {}  # without Redis
_clients: dict[int, object] = {}  # the async Redis client of each event loop
_sync_client: list = []  # the one for the hook (services are synchronous)


def _redis_url() -> str | None:
    from reflex.utils.prerequisites import parse_redis_url
    return parse_redis_url()


def _async_redis():
    url = _redis_url()
    if url is None:
        return None
    loop = asyncio.get_running_loop()
    client = _clients.get(id(loop))
    if client is None:
        import redis.asyncio
        client = _clients[id(loop)] = redis.asyncio.Redis.from_url(url)
    return client


async def _epochs(keys: tuple[str, str]) -> tuple[str, str]:
    """The current epochs of these keys; a missing one (never set, evicted, Redis restarted) gets a new value,
    which matches nothing remembered."""
    redis = _async_redis()
    if redis is None:
        return tuple(_local_epochs.setdefault(key, secrets.token_hex(8)) for key in keys)
    values = [value.decode() if value else None for value in await redis.mget(keys)]
    for index, value in enumerate(values):
        if value is None:  # set once, whoever comes first: two processes agree on the value
            await redis.set(keys[index], secrets.token_hex(8), ex=EPOCH_TTL, nx=True)
            values[index] = ((await redis.get(keys[index])) or b"").decode()
    return tuple(values)


def _remember(key: str, entry: _Entry) -> None:
    _entries[key] = entry
    _entries.move_to_end(key)
    while len(_entries) > MAX_ENTRIES:
        _entries.popitem(last=False)


def forget_all() -> None:
    """Tests, and a process that wants to start cold."""
    _entries.clear()
    _local_epochs.clear()
    _clients.clear()
    _sync_client.clear()


def _still_live(live: auth.LiveSession, now: datetime) -> auth.LiveSession | None:
    """The remembered session at `now`: None when it ended in time, or when its last activity must be written."""
    if live.last_seen is None or live.expires is None:
        return None
    if live.last_seen + auth.TOUCH_EVERY <= now or live.expires <= now:
        return None
    ends = min(live.last_seen + auth.IDLE_TIMEOUT, live.expires)
    return replace(live, seconds_left=max(0, int((ends - now).total_seconds())))


async def live_session(*, engine, token: str, secret: str) -> auth.LiveSession | None:
    """auth.live_session for an event, remembered between events (see the module's docstring)."""
    if not token:
        return None
    if not TRUST_LOCAL_EPOCHS and _redis_url() is None:
        with Session(engine) as session:
            return auth.live_session(session=session, token=token, secret=secret)
    hashed = token_hash(token, key=secret)
    entry = _entries.get(hashed)
    epochs = await _epochs(entry.keys) if entry is not None else None
    if entry is not None and entry.epochs is not None and entry.epochs == epochs:
        live = _still_live(entry.live, clock.now())
        if live is not None:
            _entries.move_to_end(hashed)
            return live
    with Session(engine) as session:
        live = auth.live_session(session=session, token=token, secret=secret)
    if live is None:
        _entries.pop(hashed, None)
        return None
    # Trusted only if the epochs read before the query are those of this session's account and dossier.
    trusted = epochs if entry is not None and entry.keys == _Entry(live, None).keys else None
    _remember(hashed, _Entry(live, trusted))
    return live


# The hook: which accounts and dossiers a flush changed, given new epochs once the transaction is committed.
def _changed_keys(session: OrmSession) -> set[str]:
    keys = set()
    for row in list(session.dirty) + list(session.deleted):
        if isinstance(row, m.UserSession):
            state = inspect(row)
            if row in session.deleted or any(state.attrs[name].history.has_changes() for name in SESSION_FIELDS):
                keys.add(_owner_key(row.account_id, row.partner_agent_id))
        elif isinstance(row, m.Account):
            keys.add(_key("account", row.id))
        elif isinstance(row, m.Agent) and row.organisation_id is not None:  # a partner's staff member disabled
            keys.add(_key("partenaire", row.id))
        elif isinstance(row, m.AgentSession):  # a logout of Mon Compte Partenaire: the protégés' sessions with it
            keys.add(_key("partenaire", row.agent_id))
    for row in list(session.new) + list(session.dirty) + list(session.deleted):
        if isinstance(row, (m.Member, m.Tutelle)):  # a role in the dossier, a tuteur's included
            keys.add(_key("dossier", row.dossier_id))
        elif isinstance(row, m.Dossier) and row not in session.new:
            keys.add(_key("dossier", row.id))
    return keys


@event.listens_for(OrmSession, "before_flush")
def _collect(session: OrmSession, flush_context, instances) -> None:
    keys = _changed_keys(session)
    if keys:
        session.info.setdefault("caf_epoques", set()).update(keys)


@event.listens_for(OrmSession, "after_commit")
def _bump(session: OrmSession) -> None:
    keys = session.info.pop("caf_epoques", None)
    if keys:
        bump(keys)


@event.listens_for(OrmSession, "after_rollback")
def _drop(session: OrmSession) -> None:
    session.info.pop("caf_epoques", None)


def bump(keys: set[str]) -> None:
    """New epochs for these keys: every process's memory of their sessions is void at its next event."""
    for key in keys:
        _local_epochs[key] = secrets.token_hex(8)
    url = _redis_url()
    if url is None:
        return
    if not _sync_client:
        import redis
        _sync_client.append(redis.Redis.from_url(url))
    with _sync_client[0].pipeline(transaction=False) as pipe:
        for key in keys:
            pipe.set(key, secrets.token_hex(8), ex=EPOCH_TTL)
        pipe.execute()
