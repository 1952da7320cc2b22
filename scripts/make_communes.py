"""Build caf_app/content/data/communes.json (postal code -> communes, for addresses) and communes_insee.json
(INSEE code -> name, every code a commune had, for a birthplace FranceConnect+ gives as a code) from the npm
package @etalab/decoupage-administratif (MIT).

Run once when the package changes: `npm pack @etalab/decoupage-administratif`, extract it, then
`python scripts/make_communes.py path/to/package/data/communes.json`. The app reads the result, no network.
"""

from __future__ import annotations

import json
import sys
from collections import defaultdict
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "caf_app" / "content" / "data" / "communes.json"
OUT_INSEE = OUT.with_name("communes_insee.json")
SOURCE = "@etalab/decoupage-administratif 6.0.0 (licence MIT)"


def insee_names(communes: list[dict]) -> dict[str, str]:
    """Every INSEE code -> the commune's name: current communes, Paris, Lyon and Marseille's arrondissements,
    communes déléguées and associées, and the codes they had before (a birth long ago keeps its code)."""
    rank = {"commune-actuelle": 0, "arrondissement-municipal": 1, "commune-deleguee": 2, "commune-associee": 3}
    current = {c["code"]: c["nom"] for c in communes if c.get("type") == "commune-actuelle"}
    names: dict[str, tuple[int, str]] = {}
    for commune in communes:
        level = rank.get(commune.get("type"), 9)
        # A birth in "Paris 12e Arrondissement" is a birth in Paris (a commune's name has no digits).
        name = current.get(commune.get("commune", ""), commune["nom"]) if level == 1 else commune["nom"]
        for code in [commune["code"], *commune.get("anciensCodes", [])]:
            if code not in names or level < names[code][0]:
                names[code] = (level, name)
    return {code: name for code, (_level, name) in sorted(names.items())}


def main(source: str) -> None:
    communes = json.loads(Path(source).read_text(encoding="utf-8"))
    by_code: dict[str, set[str]] = defaultdict(set)
    for commune in communes:
        if commune.get("type") != "commune-actuelle":
            continue
        for code in commune.get("codesPostaux", []):
            by_code[code].add(commune["nom"])
    data = {"source": SOURCE, "codes": {code: sorted(names) for code, names in sorted(by_code.items())}}
    OUT.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
    print(f"{len(data['codes'])} codes postaux, {OUT.stat().st_size // 1024} Kio")
    insee = {"source": SOURCE, "codes": insee_names(communes)}
    OUT_INSEE.write_text(json.dumps(insee, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
    print(f"{len(insee['codes'])} codes INSEE, {OUT_INSEE.stat().st_size // 1024} Kio")


if __name__ == "__main__":
    main(sys.argv[1])
