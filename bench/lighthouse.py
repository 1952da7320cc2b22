"""Lighthouse (mobile, its simulated Slow 4G and 4x slower processor) on every public page of the route registry,
served as in production: the recipe's nginx, precompressed files, the app instances behind.

    python bench/lighthouse.py                 # starts the recipe itself (a build, a few minutes)
    python bench/lighthouse.py --url http://127.0.0.1:8080 --runs 3
    python bench/lighthouse.py --pages /recherche,/prendre-rendez-vous   # a sample of the public pages

Prints, for each page, the Performance score (median of --runs), its LCP, TBT and CLS, whether it holds the
budget (score ≥ 95), and its Accessibility and Best practices scores (the lowest of the runs; bar 100).
Lighthouse 12.2.3 comes from npm (bench/lighthouse/package-lock.json); Chromium is the system's (CAF_CHROMIUM or
`chromium`).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from caf_app import routes  # noqa: E402
from caf_app.deploy.supervised import Supervised  # noqa: E402

HERE = Path(__file__).resolve().parent / "lighthouse"
BUDGET = 95


def lighthouse() -> Path:
    tool = HERE / "node_modules" / ".bin" / "lighthouse"
    if not tool.exists():
        subprocess.run(["npm", "ci", "--no-audit", "--no-fund", "--loglevel=error"], cwd=HERE, check=True)
    return tool


def chromium() -> str:
    found = os.environ.get("CAF_CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")
    if not found:
        raise SystemExit("Chromium est nécessaire : apt-get install chromium, ou CAF_CHROMIUM=chemin")
    return found


def audit(tool: Path, url: str, attempts: int = 3) -> dict | None:
    """One Lighthouse run, mobile (its default), performance only; Lighthouse sometimes fails to record a trace
    (NO_NAVSTART): tried again, None after `attempts`."""
    for _ in range(attempts):
        try:
            return _audit(tool, url)
        except RuntimeError as error:
            print(f"  ({error.args[0].splitlines()[0][:160]} ; nouvel essai)", file=sys.stderr)
    return None


def _audit(tool: Path, url: str) -> dict:
    result = subprocess.run(
        ["node", str(tool), url, "--only-categories=performance,accessibility,best-practices", "--output=json",
         "--output-path=stdout", "--quiet",
         "--chrome-flags=--headless=new --no-sandbox --disable-gpu --disable-dev-shm-usage"],
        capture_output=True, text=True, timeout=300, env={**os.environ, "CHROME_PATH": chromium()})
    if result.returncode != 0:
        raise RuntimeError(f"lighthouse {url} : {result.stderr[-2000:]}")
    report = json.loads(result.stdout)
    audits = report["audits"]
    categories = report["categories"]
    return {"score": round(categories["performance"]["score"] * 100),
            "a11y": round(categories["accessibility"]["score"] * 100),
            "practices": round(categories["best-practices"]["score"] * 100),
            "lcp": audits["largest-contentful-paint"]["numericValue"],
            "tbt": audits["total-blocking-time"]["numericValue"],
            "cls": audits["cumulative-layout-shift"]["numericValue"]}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--url", help="an already running recipe (nginx); else one is started here")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--pages", default="", help="addresses, comma-separated (default: every public page)")
    args = parser.parse_args()
    sample = [address.strip() for address in args.pages.split(",") if address.strip()]
    tool = lighthouse()
    supervised = None
    if args.url:
        base = args.url.rstrip("/")
    else:
        supervised = Supervised.start(Path(tempfile.mkdtemp(prefix="caf-lighthouse-")), environment="demo")
        base = supervised.url
    try:
        print(f"Lighthouse mobile (Slow 4G simulé, processeur ÷4), {args.runs} passages par page, via nginx : {base}")
        print("page                              | score | LCP ms | TBT ms |  CLS  | budget ≥ 95 | accessibilité | "
              "bonnes pratiques")
        for page in routes.PAGES:
            if page.space is not routes.Space.PUBLIC:
                continue
            for address in page.addresses:
                if sample and address not in sample:
                    continue
                runs = [run for run in (audit(tool, base + address) for _ in range(args.runs)) if run]
                if not runs:
                    print(f"{address:33s} | Lighthouse n'a pas pu mesurer la page")
                    continue
                middle = sorted(runs, key=lambda run: run["score"])[len(runs) // 2]
                score = statistics.median(run["score"] for run in runs)
                print(f"{address:33s} | {score:5.0f} | {middle['lcp']:6.0f} | {middle['tbt']:6.0f} | "
                      f"{middle['cls']:5.3f} | {'tenu' if score >= BUDGET else 'DÉPASSÉ':11s} | "
                      f"{min(run['a11y'] for run in runs):13d} | {min(run['practices'] for run in runs):3d}")
                sys.stdout.flush()
    finally:
        if supervised is not None:
            supervised.stop()


if __name__ == "__main__":
    main()
