"""Benchmark: the logged-in Accueil on a phone profile, and the time a tap takes to paint.

- cold load (Slow 4G 150 ms / 1.6 Mb/s, CPU x4, cache disabled): bytes, LCP, first working tap;
- repeat visit with the service worker (same throttling, cache kept): LCP;
- 50 taps opening and closing a payment's detail, no throttling: p50 and p95 from click to paint;
- the smallest Reflex app (bench/home_load.py), built and loaded cold the same way in the same run: the reference
  for the transferred bytes.
Prints the figures and, for each, the budget of the issue and whether it is held; asserts nothing.
`python bench/accueil_load.py [runs]`
"""

from __future__ import annotations

import re
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

import sqlalchemy

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _harness import (  # noqa: E402
    CPU_SLOWDOWN,
    LCP_SCRIPT,
    SLOW_4G,
    cold_load,
    env_for,
    launch_browser,
    medians,
    serve,
    sync_playwright,
)
from home_load import reference_app  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True}
TAP_SCRIPT = """async () => {
  const button = document.querySelector('button.payment-toggle');
  const timings = [];
  for (let i = 0; i < 50; i++) {
    const before = button.getAttribute('aria-expanded');
    const start = performance.now();
    button.click();
    await new Promise((resolve) => {
      const check = () => button.getAttribute('aria-expanded') !== before
        ? requestAnimationFrame(() => resolve()) : requestAnimationFrame(check);
      check();
    });
    timings.push(performance.now() - start);
  }
  return timings;
}"""


def session_cookie(browser, url: str, db_url: str) -> list[dict]:
    """Samir's session (and device) cookies: a login from a new device, with the code read from the outbox."""
    context = browser.new_context(base_url=url, **PHONE)
    page = context.new_page()
    page.goto("/connexion?suivant=/mon-compte")
    page.get_by_label("Numéro de Sécurité sociale").fill("1920792050077")
    page.get_by_label("Mot de passe").fill("Allocataire2026")
    page.get_by_role("button", name="Se connecter", exact=True).click()
    page.get_by_label("Code reçu").wait_for()
    engine = sqlalchemy.create_engine(db_url)
    with engine.connect() as connection:
        last = sqlalchemy.text("SELECT body FROM outboxmessage ORDER BY id DESC LIMIT 1")
        body = connection.execute(last).scalar_one()
    engine.dispose()
    page.get_by_label("Code reçu").fill(re.search(r"\b(\d{6})\b", body).group(1))
    page.get_by_role("button", name="Valider").click()
    page.get_by_text("497,01").wait_for()
    cookies = context.cookies()
    context.close()
    return cookies


def throttled(context, page, *, cache: bool):
    cdp = context.new_cdp_session(page)
    cdp.send("Network.enable")
    cdp.send("Network.setCacheDisabled", {"cacheDisabled": not cache})
    cdp.send("Network.emulateNetworkConditions", SLOW_4G)
    cdp.send("Emulation.setCPUThrottlingRate", {"rate": CPU_SLOWDOWN})
    return cdp


def cold(browser, url: str, cookies) -> dict[str, float]:
    context = browser.new_context(base_url=url, **PHONE)
    context.add_cookies(cookies)
    page = context.new_page()
    cdp = throttled(context, page, cache=False)
    sizes = []
    cdp.on("Network.loadingFinished", lambda event: sizes.append(event["encodedDataLength"]))
    page.add_init_script(LCP_SCRIPT)
    page.goto("/mon-compte/", wait_until="commit")
    link = ".card--payment a[href='/allocations']"  # "Voir le détail de mes allocations"
    page.wait_for_function("sel => { const el = document.querySelector(sel); return !!el && "
                           "Object.keys(el).some(k => k.startsWith('__reactFiber')); }", arg=link, polling=50,
                           timeout=60_000)
    page.get_by_text("497,01").wait_for(timeout=60_000)
    page.get_by_role("link", name="Voir le détail de mes allocations").tap()
    page.get_by_role("heading", level=1, name="Mes allocations").wait_for(timeout=60_000)
    first_tap = page.evaluate("performance.now()")  # since the navigation started (a client-side tap keeps it)
    page.wait_for_load_state("networkidle")
    figures = {"bytes": sum(sizes), "lcp_ms": page.evaluate("window.__lcp"), "first_tap_ms": first_tap}
    context.close()
    return figures


def repeat(browser, url: str, cookies) -> float:
    context = browser.new_context(base_url=url, **PHONE)
    context.add_cookies(cookies)
    page = context.new_page()
    page.goto("/mon-compte/")
    page.wait_for_function("navigator.serviceWorker.ready.then(() => true)")
    page.get_by_text("497,01").wait_for()
    page.close()
    page = context.new_page()
    throttled(context, page, cache=True)
    page.add_init_script(LCP_SCRIPT)
    page.goto("/mon-compte/")
    page.get_by_text("497,01").wait_for(timeout=60_000)
    page.wait_for_timeout(500)
    lcp = page.evaluate("window.__lcp")
    context.close()
    return lcp


def taps(browser, url: str, cookies) -> list[float]:
    context = browser.new_context(base_url=url, **PHONE)
    context.add_cookies(cookies)
    page = context.new_page()
    page.goto("/allocations/")
    page.get_by_role("tab", name="Mes paiements").click()
    page.locator("button.payment-toggle").first.wait_for()
    timings = page.evaluate(TAP_SCRIPT)
    context.close()
    return timings


def main(runs: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        base = Path(tmp)
        env = env_for(base)
        subprocess.run([sys.executable, "-m", "caf_app.migrations", "--seed-if-empty"], cwd=ROOT, env=env,
                       check=True, capture_output=True)
        with sync_playwright() as playwright:
            browser = launch_browser(playwright)
            with serve(ROOT, env, base / "app.log") as url:
                cookies = session_cookie(browser, url, env["REFLEX_DB_URL"])
                cold_runs = [cold(browser, url, cookies) for _ in range(runs)]
                repeats = [repeat(browser, url, cookies) for _ in range(runs)]
                tap_times = taps(browser, url, cookies)
            with serve(reference_app(base), env, base / "hello.log") as url:
                reference = medians([cold_load(browser, url + "/", tap_selector="#suite", expect_heading="Suite")
                                     for _ in range(runs)])
            browser.close()
    median = {key: statistics.median(run[key] for run in cold_runs) for key in cold_runs[0]}
    tap_times.sort()
    p95 = tap_times[int(len(tap_times) * 0.95) - 1]
    ratio = median["bytes"] / reference["bytes"]
    print(f"Accueil connecté (Samir), profil téléphone, médianes de {runs} chargements")
    print(f"  à froid (Slow 4G, CPU x4) : {median['bytes']:.0f} octets (Reflex minimal : "
          f"{reference['bytes']:.0f}), LCP {median['lcp_ms']:.0f} ms, 1re tape utile {median['first_tap_ms']:.0f} ms")
    print(f"  nouvelle visite avec le service worker : LCP {statistics.median(repeats):.0f} ms")
    print(f"  50 tapes (détail d'un paiement), sans ralentissement : p50 {statistics.median(tap_times):.1f} ms, "
          f"p95 {p95:.1f} ms")
    print("Budget :")
    for label, value, limit, unit in (
            ("octets / Reflex minimal", ratio, 1.3, ""), ("LCP à froid", median["lcp_ms"], 2500, " ms"),
            ("1re tape utile", median["first_tap_ms"], 4000, " ms"),
            ("LCP nouvelle visite", statistics.median(repeats), 1000, " ms"), ("tape p95", p95, 100, " ms")):
        verdict = "tenu" if value <= limit else "DÉPASSÉ"
        print(f"  {label:26}{value:>10.2f}{unit:4} limite {limit}{unit} : {verdict}")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 3)
