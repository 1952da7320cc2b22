"""Wording and editorial content, as data files read once."""

from __future__ import annotations

import functools
import json
from pathlib import Path
from typing import Any

DATA = Path(__file__).parent / "data"


@functools.cache
def load(name: str) -> dict[str, Any]:
    """The content file `data/<name>.json`."""
    return json.loads((DATA / f"{name}.json").read_text(encoding="utf-8"))
