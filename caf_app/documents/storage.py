"""Private file storage: names made by the server, files readable by the server only, never under a public
folder. Writes are atomic (a temporary file renamed), so nothing half-written is ever seen or left."""

from __future__ import annotations

import os
import secrets
import tempfile
from pathlib import Path

from ..settings import get_settings


class PrivateStore:
    def __init__(self, root: Path):
        self.root = root

    def _path(self, key: str) -> Path:
        if not key or "/" in key or "\\" in key or key.startswith("."):
            raise ValueError("clé de fichier invalide")
        return self.root / key

    def put(self, data: bytes, suffix: str) -> str:
        """Store bytes under a new random name; returns its key."""
        self.root.mkdir(parents=True, exist_ok=True, mode=0o700)
        key = f"{secrets.token_hex(16)}{suffix}"
        fd, temporary = tempfile.mkstemp(dir=self.root, prefix=".tmp-")
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
            os.chmod(temporary, 0o600)
            os.replace(temporary, self._path(key))
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
        return key

    def get(self, key: str) -> bytes:
        return self._path(key).read_bytes()

    def delete(self, key: str) -> None:
        self._path(key).unlink(missing_ok=True)


def private_store() -> PrivateStore:
    return PrivateStore(get_settings().private_dir)
