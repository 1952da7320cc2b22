"""Benchmark: cleaning a 12-megapixel phone photo (orientation, metadata, 2000 px, JPEG), median of 20.

Prints figures; asserts nothing. `python bench/photo_processing.py [runs]`
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from caf_app.documents.processing import process  # noqa: E402
from tests.files import photo_with_exif  # noqa: E402


def main(runs: int) -> None:
    photo = photo_with_exif(orientation=6, width=3000, height=4000)  # 12 000 000 pixels, EXIF and GPS
    timings, size = [], 0
    for _ in range(runs):
        began = time.perf_counter()
        size = len(process(photo).data)
        timings.append(time.perf_counter() - began)
    print(f"Photo de 12 mégapixels (3000 x 4000, {len(photo) / 1024:.0f} Kio en entrée)")
    print(f"  médiane de {runs} traitements : {statistics.median(timings) * 1000:.0f} ms "
          f"(min {min(timings) * 1000:.0f}, max {max(timings) * 1000:.0f})")
    print(f"  taille en sortie : {size / 1024:.0f} Kio (2000 x 1500, JPEG qualité 85, sans métadonnées)")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 20)
