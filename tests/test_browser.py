"""Open rendered reports in headless Chromium with the network blocked."""
import shutil

import pytest

from conftest import ARTIFACTS

pytestmark = pytest.mark.slow     # runs notebooks / a browser: `pytest -m "not slow"` leaves it out

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
         "--disable-sync", "--no-first-run", "--disable-quic"]


@pytest.fixture(scope="module")
def browser():
    if CHROMIUM is None:
        pytest.fail("Chromium is not installed: run `apt-get install chromium` (scripts/setup.sh does it as root)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS, headless=True)
        yield b
        b.close()


@pytest.mark.parametrize("name", ["overview", "growth_gap", "projection", "brief", "explorer"])
def test_report_opens_offline(browser, rendered, name):
    requests, blocked = [], []
    page = browser.new_page(viewport={"width": 1100, "height": 1400})

    def guard(route):
        url = route.request.url
        requests.append(url)
        if url.startswith(("file:", "data:")):
            route.continue_()
        else:
            blocked.append(url)
            route.abort()

    page.route("**/*", guard)
    page.on("request", lambda r: requests.append(r.url))
    path = rendered[(name, "default")]
    page.goto(path.as_uri())
    page.wait_for_load_state("networkidle")
    heading = page.locator("h1#report-title")
    assert heading.is_visible() and heading.inner_text().strip()
    shots = ARTIFACTS / "screenshots"
    shots.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(shots / f"{name}.png"), full_page=True)
    page.close()
    assert blocked == []
    assert all(u.startswith(("file:", "data:")) for u in requests)
