"""What the browser shows when an event handler fails: a French message instead of Reflex's English default.

The database or Redis out of reach (a restart, a failover) is a temporary unavailability; anything else is an
unexpected error, logged with its traceback. Each handler writes in one transaction, so a failure leaves no
partial write, and the drafts are on the server already: the message says what was typed is kept."""

from __future__ import annotations

import logging
import traceback

import reflex as rx
import sqlalchemy.exc

from ..content.shell import STATE_LOST, UNAVAILABLE, UNEXPECTED
from .session import TabStateLost

log = logging.getLogger("caf_app")


def _unavailable(exception: BaseException) -> bool:
    if isinstance(exception, (sqlalchemy.exc.OperationalError, sqlalchemy.exc.InterfaceError)):
        return True
    try:
        import redis.exceptions
    except ImportError:  # pragma: no cover (redis comes with reflex)
        return False
    return isinstance(exception, (redis.exceptions.ConnectionError, redis.exceptions.TimeoutError))


def backend_exception_handler(exception: Exception):
    if isinstance(exception, TabStateLost):
        log.warning("État d'onglet perdu (Redis) : la page se recharge")
        return [rx.toast(STATE_LOST, level="info", id="etat-perdu", position="top-center", duration=4000,
                         fallback_to_alert=True),
                rx.call_script("setTimeout(function () { window.location.reload(); }, 2500)")]
    unavailable = _unavailable(exception)
    log.error("%s\n%s", "Service indisponible" if unavailable else "Erreur inattendue",
              "".join(traceback.format_exception(type(exception), exception, exception.__traceback__)))
    return rx.toast(UNAVAILABLE if unavailable else UNEXPECTED, level="error", id="erreur-serveur",
                    position="top-center", duration=15000, fallback_to_alert=True)
