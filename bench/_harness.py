"""Start a Reflex app in production mode and measure a cold load in Chromium under a phone profile."""

from __future__ import annotations

import os
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path

from playwright.sync_api import sync_playwright

CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
SLOW_4G = {"offline": False, "latency": 150, "downloadThroughput": 1.6e6 / 8, "uploadThroughput": 750e3 / 8}
CPU_SLOWDOWN = 4

LCP_SCRIPT = """
window.__lcp = 0;
new PerformanceObserver(list => { for (const e of list.getEntries()) window.__lcp = e.startTime; })
  .observe({type: 'largest-contentful-paint', buffered: true});
"""


def env_for(data_dir: Path) -> dict[str, str]:
    return {**os.environ, "REFLEX_TELEMETRY_ENABLED": "false", "REFLEX_CHECK_LATEST_VERSION": "0",
            "REFLEX_USE_SYSTEM_BUN": "1", "CAF_DATA_DIR": str(data_dir), "CAF_ENV": "demo",
            "REFLEX_DB_URL": f"sqlite:///{data_dir / 'caf.db'}",
            "PATH": f"{Path(sys.executable).parent}:{os.environ.get('PATH', '')}"}


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def serve(app_dir: Path, env: dict[str, str], log_path: Path):
    """`reflex run --env prod --single-port` in app_dir, output to log_path; yields the base URL."""
    port = free_port()
    log = open(log_path, "w")
    env = {**env, "CAF_PUBLIC_URL": f"http://127.0.0.1:{port}"}  # the only origin the app then answers
    process = subprocess.Popen([sys.executable, "-m", "reflex", "run", "--env", "prod", "--single-port",
                                "--frontend-port", str(port), "--backend-port", str(port)],
                               cwd=app_dir, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 300
        while True:
            try:
                urllib.request.urlopen(f"{url}/", timeout=2)
                break
            except OSError:
                if process.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(log_path.read_text()[-3000:]) from None
                time.sleep(0.5)
        yield url
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=30)
        log.close()


def cold_load(browser, url: str, *, tap_selector: str, expect_heading: str) -> dict[str, float]:
    """One cold load: bytes transferred, LCP, and the first tap that works (client-side navigation)."""
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    cdp.send("Network.enable")
    cdp.send("Network.setCacheDisabled", {"cacheDisabled": True})
    cdp.send("Network.emulateNetworkConditions", SLOW_4G)
    cdp.send("Emulation.setCPUThrottlingRate", {"rate": CPU_SLOWDOWN})
    transferred = []
    cdp.on("Network.loadingFinished", lambda event: transferred.append(event["encodedDataLength"]))
    page.add_init_script(LCP_SCRIPT)
    start = time.monotonic()
    page.goto(url, wait_until="commit")
    target = page.locator(tap_selector).first
    target.wait_for(state="visible", timeout=60_000)
    # A tap works once React has hydrated the element (its fiber is attached): poll, then tap.
    page.wait_for_function("sel => { const el = document.querySelector(sel);"
                           " return !!el && Object.keys(el).some(k => k.startsWith('__reactFiber')); }",
                           arg=tap_selector, polling=50, timeout=60_000)
    target.tap()
    page.get_by_role("heading", level=1, name=expect_heading).wait_for(timeout=60_000)
    first_tap = time.monotonic() - start
    page.wait_for_load_state("networkidle")
    lcp = page.evaluate("window.__lcp")
    context.close()
    return {"bytes": sum(transferred), "lcp_ms": lcp, "first_tap_ms": first_tap * 1000}


def medians(runs: list[dict[str, float]]) -> dict[str, float]:
    return {key: statistics.median(run[key] for run in runs) for key in runs[0]}


def launch_browser(playwright):
    executable = os.environ.get("CAF_CHROMIUM") or shutil.which("chromium")
    return playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)


__all__ = ["cold_load", "env_for", "launch_browser", "medians", "serve", "sync_playwright"]
