"""Password hashing with argon2id (argon2-cffi defaults exceed the OWASP ASVS minimums), and the pool of threads
where event handlers run the work that hashes or verifies one."""

from __future__ import annotations

import asyncio
import contextvars
import functools
import os
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import TypeVar

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError


@functools.cache
def _hasher() -> PasswordHasher:
    return PasswordHasher()


@functools.cache
def _dummy_hash() -> str:
    # Verified against when the account does not exist, so both cases take the same time.
    return _hasher().hash("compte-inexistant-0000")


def hash_password(password: str) -> str:
    return _hasher().hash(password)


def verify_password(password_hash: str | None, password: str) -> bool:
    """True when `password` matches; with no hash, spends the same time and returns False."""
    try:
        return _hasher().verify(password_hash or _dummy_hash(), password) and password_hash is not None
    except (VerificationError, InvalidHashError):
        return False


T = TypeVar("T")


def cores() -> int:
    """The cores this process may run on (a container's limit included)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        return os.cpu_count() or 1


@functools.cache
def _pool() -> ThreadPoolExecutor:
    return ThreadPoolExecutor(max_workers=cores(), thread_name_prefix="argon2")


async def in_hashing_pool(work: Callable[..., T], /, *args) -> T:
    """Run work(*args), which hashes or verifies a password (64 MiB, about 0.1 s of CPU), in a pool of as many
    threads as cores: the event loop goes on serving every other tab meanwhile (argon2-cffi releases the GIL),
    and a burst of logins queues instead of taking every core and that much memory at once (asyncio's default
    executor would run cores + 4 of them)."""
    run = functools.partial(contextvars.copy_context().run, work, *args)
    return await asyncio.get_running_loop().run_in_executor(_pool(), run)
