"""Secrets the server must read back (an agent's authenticator key), kept sealed in the database.

AES-256-GCM under a key derived (HKDF-SHA256) from the app's secret key and the purpose, the purpose also bound
as associated data: a copy of the database alone gives neither the key nor a value usable for another purpose.
A sealed value reads `v1.` + base64url(nonce ‖ ciphertext ‖ tag); anything else is an older clear value, which
the caller seals again at its next use (`is_sealed`).
"""

from __future__ import annotations

import base64
import os

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

PREFIX = "v1."
AGENT_TOTP = "agent totp"  # the purpose of an agent's authenticator key (services/gestion/agents.py, the seed)


class UnsealError(ValueError):
    """A sealed value that this key and purpose cannot open (another key, another purpose, or altered)."""


def _aead(key: str, purpose: str) -> AESGCM:
    derived = HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=f"caf_app sealing {purpose}".encode())
    return AESGCM(derived.derive(key.encode()))


def seal(value: str, *, key: str, purpose: str) -> str:
    nonce = os.urandom(12)
    sealed = _aead(key, purpose).encrypt(nonce, value.encode(), purpose.encode())
    return PREFIX + base64.urlsafe_b64encode(nonce + sealed).decode()


def is_sealed(stored: str) -> bool:
    return stored.startswith(PREFIX)


def unseal(stored: str, *, key: str, purpose: str) -> str:
    """The value; an older clear value is returned as it is (see is_sealed)."""
    if not is_sealed(stored):
        return stored
    try:
        raw = base64.urlsafe_b64decode(stored[len(PREFIX):])
        return _aead(key, purpose).decrypt(raw[:12], raw[12:], purpose.encode()).decode()
    except Exception as error:  # InvalidTag, a truncated value, bad base64
        raise UnsealError(purpose) from error
