"""Random tokens and their hashes: the database never stores a usable token."""

from __future__ import annotations

import hashlib
import hmac
import secrets


def new_token() -> str:
    """256 random bits, URL-safe."""
    return secrets.token_urlsafe(32)


def token_hash(token: str, *, key: str) -> str:
    """Keyed hash of a token (HMAC-SHA256 with the app's secret key)."""
    return hmac.new(key.encode(), token.encode(), hashlib.sha256).hexdigest()
