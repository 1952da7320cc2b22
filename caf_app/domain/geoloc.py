"""« Me localiser » on Ma Caf: the commune a position falls in, from the communes' outlines (WKB polygons, longitude
then latitude, as IGN's ADMIN EXPRESS gives them; content/communes_geo.py reads them from their package).

Pure: the outlines come in as bytes; a grid of 0.1° cells keeps each lookup to the few communes whose box holds the
point, then the even-odd rule over every ring (holes included) decides. Paris, Lyon and Marseille are found by
their arrondissement (13213, Marseille 13e) before the commune that holds them all; the parts of a commune (its
communes déléguées) after the communes, for the few whose file gives only the parts' outlines."""

from __future__ import annotations

import math
import re
import struct
import sys
from array import array
from collections.abc import Iterable
from dataclasses import dataclass

from .errors import DomainError

FIELD = "localisation"
REFUSED = ("Vous n'avez pas autorisé la localisation. Autorisez-la dans les réglages de votre navigateur, "
           "ou saisissez votre code postal.")
UNAVAILABLE = "Votre position n'a pas pu être trouvée. Réessayez dans un instant, ou saisissez votre code postal."
UNSUPPORTED = "Votre navigateur ne sait pas donner votre position. Saisissez votre code postal."
OUTSIDE = ("Votre position n'est dans aucune commune de France où une Caf verse les prestations. "
           "Saisissez votre code postal.")

# What assets/ma_caf.js's cafLocate() answers when the browser gives no position: "erreur:<GeolocationPositionError
# code>" (1 refused, 2 unavailable, 3 too long), or "erreur:absent" (no geolocation in this browser).
ERRORS = {"erreur:1": REFUSED, "erreur:2": UNAVAILABLE, "erreur:3": UNAVAILABLE, "erreur:absent": UNSUPPORTED}

_POSITION = re.compile(r"(-?\d{1,3}(?:\.\d{1,12})?),(-?\d{1,3}(?:\.\d{1,12})?)")
CELL = 10  # cells per degree: 0.1° (about 11 km north to south)


def position(answer: str) -> tuple[float, float]:
    """"43.35,5.43" (latitude, longitude, as the browser gave them) -> (43.35, 5.43). DomainError with the words a
    person reads for the browser's own errors and for anything else sent."""
    text = (answer or "")[:60]
    if text in ERRORS:
        raise DomainError(FIELD, ERRORS[text])
    found = _POSITION.fullmatch(text)
    if not found:
        raise DomainError(FIELD, UNAVAILABLE)
    latitude, longitude = float(found[1]), float(found[2])
    if not (-90 <= latitude <= 90 and -180 <= longitude <= 180):
        raise DomainError(FIELD, UNAVAILABLE)
    return latitude, longitude


@dataclass(frozen=True)
class Commune:
    code: str  # INSEE: "13213"
    name: str  # "Marseille 13e Arrondissement"


def rings(wkb: bytes) -> list[array]:
    """Every ring of a WKB Polygon or MultiPolygon (EWKB's SRID skipped), each as [x0, y0, x1, y1...]."""
    found: list[array] = []
    _read(memoryview(wkb), 0, found)
    return found


def _read(data: memoryview, at: int, found: list[array]) -> int:
    order = "<" if data[at] == 1 else ">"
    (kind,) = struct.unpack_from(order + "I", data, at + 1)
    at += 5
    if kind & 0x20000000:  # EWKB: an SRID follows the type
        at += 4
        kind &= ~0x20000000
    if kind == 6:  # MultiPolygon: its polygons, each a whole WKB of its own
        (count,) = struct.unpack_from(order + "I", data, at)
        at += 4
        for _ in range(count):
            at = _read(data, at, found)
        return at
    if kind != 3:  # a Z or M outline (EWKB's flags, ISO's 1003...) has more than 2 numbers a point: refused too
        raise ValueError(f"WKB type {kind:#x}: a commune's outline is a 2D Polygon or MultiPolygon")
    (count,) = struct.unpack_from(order + "I", data, at)
    at += 4
    for _ in range(count):
        (points,) = struct.unpack_from(order + "I", data, at)
        at += 4
        if points < 3 or at + 16 * points > len(data):
            raise ValueError(f"a ring of {points} points at byte {at} of {len(data)}")
        ring = array("d")
        ring.frombytes(data[at:at + 16 * points])  # array("d", a memoryview) would read its bytes as numbers
        if (order == "<") != (sys.byteorder == "little"):
            ring.byteswap()
        found.append(ring)
        at += 16 * points
    return at


def _inside(x: float, y: float, ring: array) -> bool:
    """Whether a ray from (x, y) eastwards crosses the ring an odd number of times."""
    inside = False
    xj, yj = ring[-2], ring[-1]
    for i in range(0, len(ring), 2):
        xi, yi = ring[i], ring[i + 1]
        if (yi > y) != (yj > y) and x < (xj - xi) * (y - yi) / (yj - yi) + xi:
            inside = not inside
        xj, yj = xi, yi
    return inside


class CommuneMap:
    """The communes of the outlines given, found by position. outlines: (the commune, its rank: the lower is tried
    first where outlines overlap, WKB)."""

    def __init__(self, outlines: Iterable[tuple[Commune, int, bytes]]):
        self._communes: list[tuple[Commune, int, tuple[float, float, float, float], list[array]]] = []
        self._cells: dict[tuple[int, int], list[int]] = {}
        for commune, rank, wkb in outlines:
            shape = rings(wkb)
            if not shape:
                continue
            box = (min(min(r[0::2]) for r in shape), min(min(r[1::2]) for r in shape),
                   max(max(r[0::2]) for r in shape), max(max(r[1::2]) for r in shape))
            index = len(self._communes)
            self._communes.append((commune, rank, box, shape))
            for cx in range(math.floor(box[0] * CELL), math.floor(box[2] * CELL) + 1):
                for cy in range(math.floor(box[1] * CELL), math.floor(box[3] * CELL) + 1):
                    self._cells.setdefault((cx, cy), []).append(index)

    def __len__(self) -> int:
        return len(self._communes)

    def at(self, latitude: float, longitude: float) -> Commune | None:
        """The commune (its arrondissement in Paris, Lyon, Marseille) where the point is, or None outside all."""
        x, y = longitude, latitude
        holding = [self._communes[i] for i in self._cells.get((math.floor(x * CELL), math.floor(y * CELL)), ())]
        holding.sort(key=lambda c: c[1])
        for commune, _, (x0, y0, x1, y1), shape in holding:
            if x0 <= x <= x1 and y0 <= y <= y1 and sum(_inside(x, y, ring) for ring in shape) % 2:
                return commune
        return None
