"""The only client of the OpenFisca-France Web API: POST /calculate and GET /parameter, over HTTP with timeouts.

The service runs in its own process and virtualenv (caf_app/rules/server.py); the app reaches it at the setting
CAF_OPENFISCA_URL. Calls are asynchronous (httpx), so a computation never holds the app's event loop: other
tabs go on while a simulation waits. When the service is down, slow or answers an error, the caller gets
RulesUnavailable, whose message is the French sentence the page shows.
"""

from __future__ import annotations

import asyncio
import logging
import weakref

import httpx

from ..settings import get_settings

log = logging.getLogger(__name__)

# One household, every prestation, warm: about 0.6 s here; 20 variants in one request about 1 s. A worker that
# has just started needs several seconds for its first computation (the app warms it at start).
CONNECT_TIMEOUT = 2.0
READ_TIMEOUT = 20.0


class RulesUnavailable(RuntimeError):
    """The rules service did not answer in time, or answered an error."""

    def __init__(self, detail: str):
        super().__init__(detail)
        self.detail = detail
        self.message = ("Le calcul est momentanément indisponible. Vos réponses sont conservées : réessayez dans "
                        "quelques instants.")


_clients: weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, httpx.AsyncClient] = weakref.WeakKeyDictionary()


def _client() -> httpx.AsyncClient:
    """One pooled client per event loop (Reflex runs one loop per process; tests may run several)."""
    loop = asyncio.get_running_loop()
    client = _clients.get(loop)
    if client is None or client.is_closed:
        client = httpx.AsyncClient(base_url=get_settings().openfisca_url,
                                   timeout=httpx.Timeout(READ_TIMEOUT, connect=CONNECT_TIMEOUT),
                                   limits=httpx.Limits(max_connections=16, max_keepalive_connections=8))
        _clients[loop] = client
    return client


async def calculate(case: dict, *, timeout: float | None = None) -> dict:
    """The test case with its asked values filled in. RulesUnavailable when the service cannot answer."""
    try:
        response = await _client().post("/calculate", json=case,
                                         **({"timeout": httpx.Timeout(timeout, connect=CONNECT_TIMEOUT)}
                                            if timeout else {}))
    except httpx.HTTPError as error:
        log.warning("rules service unreachable: %r", error)
        raise RulesUnavailable(repr(error)) from error
    if response.status_code != 200:
        log.error("rules service answered %s: %s", response.status_code, response.text[:500])
        raise RulesUnavailable(f"HTTP {response.status_code}")
    return response.json()


_parameters: dict[str, dict[str, float]] = {}


async def parameter_values(name: str) -> dict[str, float]:
    """A parameter's values by start date ({"2026-04-01": 651.69, …}), read once per process."""
    if name not in _parameters:
        try:
            response = await _client().get(f"/parameter/{name}")
        except httpx.HTTPError as error:
            raise RulesUnavailable(repr(error)) from error
        if response.status_code != 200:
            raise RulesUnavailable(f"HTTP {response.status_code} for {name}")
        values = response.json().get("values") or {}
        _parameters[name] = {day: value for day, value in values.items() if isinstance(value, int | float)}
    return _parameters[name]


def calculate_blocking(case: dict, *, timeout: float = 120.0) -> dict:
    """The same, for code that runs outside an event loop (scripts, batch jobs, tests' reference tables)."""
    try:
        response = httpx.post(get_settings().openfisca_url + "/calculate", json=case,
                              timeout=httpx.Timeout(timeout, connect=CONNECT_TIMEOUT))
    except httpx.HTTPError as error:
        raise RulesUnavailable(repr(error)) from error
    if response.status_code != 200:
        raise RulesUnavailable(f"HTTP {response.status_code}: {response.text[:300]}")
    return response.json()


async def warm(attempts: int = 30, pause: float = 2.0) -> bool:
    """At the app's start: one computation and the barèmes read, so the first person to simulate does not wait
    for the service's caches. The service may still be starting (make run starts both at once): it tries again
    for about a minute, then gives up quietly (the simulator then says the calculation is unavailable)."""
    from .catalogue import RULES
    from .server import warm_case
    for _ in range(attempts):
        try:
            await calculate(warm_case(), timeout=60.0)
            for rule in RULES:
                await parameter_values(rule.bareme)
            return True
        except RulesUnavailable:
            await asyncio.sleep(pause)
    log.warning("rules service not reached at start: the simulators will say so until it answers")
    return False
