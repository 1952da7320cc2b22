"""Benchmark: cold load of the public home page on a phone profile, next to the smallest Reflex app.

Slow 4G (150 ms, 1.6 Mb/s) and a 4x slower CPU, cache disabled, median of RUNS runs of each.
Prints the figures; asserts nothing. `python bench/home_load.py [runs]`
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _harness import cold_load, env_for, launch_browser, medians, serve, sync_playwright  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent

REFERENCE_CONFIG = """import reflex as rx
config = rx.Config(app_name="hello", telemetry_enabled=False, plugins=[],
                   disable_plugins=[rx.plugins.SitemapPlugin])
"""
REFERENCE_APP = """import reflex as rx

def index():
    return rx.el.main(rx.el.h1("Bonjour"), rx.el.a("Suite", href="/suite", id="suite"))

def suite():
    return rx.el.main(rx.el.h1("Suite"))

app = rx.App()
app.add_page(index, route="/")
app.add_page(suite, route="/suite")
"""


def reference_app(base: Path) -> Path:
    """The smallest Reflex app with two pages, built the same way as ours (no Radix Themes)."""
    app_dir = base / "hello"
    (app_dir / "hello").mkdir(parents=True)
    (app_dir / "rxconfig.py").write_text(REFERENCE_CONFIG)
    (app_dir / "hello" / "__init__.py").write_text("")
    (app_dir / "hello" / "hello.py").write_text(REFERENCE_APP)
    return app_dir


def measure(browser, url: str, runs: int, *, tap: str, heading: str) -> dict[str, float]:
    return medians([cold_load(browser, url, tap_selector=tap, expect_heading=heading) for _ in range(runs)])


def main(runs: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        base = Path(tmp)
        env = env_for(base)
        subprocess.run([sys.executable, "-m", "caf_app.migrations", "--seed-if-empty"], cwd=ROOT, env=env,
                       check=True, capture_output=True)
        with sync_playwright() as playwright:
            browser = launch_browser(playwright)
            with serve(ROOT, env, base / "caf_app.log") as url:
                ours = measure(browser, url + "/", runs, tap="main a[href='/connexion']", heading="Connexion")
            with serve(reference_app(base), env, base / "hello.log") as url:
                ref = measure(browser, url + "/", runs, tap="#suite", heading="Suite")
            browser.close()
    print(f"Accueil Allocataires, profil téléphone (Slow 4G, CPU x4), médiane de {runs} chargements à froid")
    print(f"{'':24}{'caf_app':>12}{'Reflex minimal':>16}{'rapport':>10}")
    for key, label in (("bytes", "octets transférés"), ("lcp_ms", "LCP (ms)"),
                       ("first_tap_ms", "1re tape utile (ms)")):
        print(f"{label:24}{ours[key]:>12.0f}{ref[key]:>16.0f}{ours[key] / ref[key]:>10.2f}")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 3)
