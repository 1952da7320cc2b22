"""Build caf_app/content/data/communes.json from the npm package @etalab/decoupage-administratif (MIT).

Run once when the package changes: `npm pack @etalab/decoupage-administratif`, extract it, then
`python scripts/make_communes.py path/to/package/data/communes.json`. The app reads the result, no network.
"""

from __future__ import annotations

import json
import sys
from collections import defaultdict
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "caf_app" / "content" / "data" / "communes.json"


def main(source: str) -> None:
    by_code: dict[str, set[str]] = defaultdict(set)
    for commune in json.loads(Path(source).read_text(encoding="utf-8")):
        if commune.get("type") != "commune-actuelle":
            continue
        for code in commune.get("codesPostaux", []):
            by_code[code].add(commune["nom"])
    data = {"source": "@etalab/decoupage-administratif 6.0.0 (licence MIT)",
            "codes": {code: sorted(names) for code, names in sorted(by_code.items())}}
    OUT.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
    print(f"{len(data['codes'])} codes postaux, {OUT.stat().st_size // 1024} Kio")


if __name__ == "__main__":
    main(sys.argv[1])
