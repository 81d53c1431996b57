"""Rendered reports in a real headless Chromium, network blocked: offline, phone, paper, one language.

The suite below is rendered once by the runner (``python -m analysis run``) into
a temporary folder: the briefs and overviews in both languages, one growth-gap
page in both languages, one projection and the index. Every page must fit a
390 px phone, print within A4's width with nothing cut off, keep to its own
language and never show a missing-value marker; the brief must print on at
most two A4 pages; every per-indicator page has a chart. Screenshots of the
brief and one indicator page at 390 px and 1280 px go to
``test-artifacts/screenshots/`` for a person to look at.
"""
import json
import os
import re
import shutil
import subprocess
import sys
from contextlib import contextmanager
from pathlib import Path

import pytest

import analysis
from conftest import ARTIFACTS
from pagecheck import language_problems, missing_markers

pytestmark = pytest.mark.slow

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
         "--disable-sync", "--no-first-run", "--disable-quic"]
PHONE = 390
DESKTOP = 1280
MAX_BRIEF_PAGES = 2

# name: (notebook, parameters beyond the defaults: district 万柏林区, lang zh, target year 2025)
SUITE = {
    "brief": ("brief", {}),
    "brief-en": ("brief", {"lang": "en"}),
    "overview": ("overview", {}),
    "overview-en": ("overview", {"lang": "en"}),
    "growth_gap-gdp": ("growth_gap", {"indicator": "gdp"}),
    "growth_gap-gdp-en": ("growth_gap", {"indicator": "gdp", "lang": "en"}),
    "projection-gdp": ("projection", {"indicator": "gdp"}),
}
PAGES = [*SUITE, "index"]
SCREENSHOT_PAGES = ["brief", "growth_gap-gdp"]


@pytest.fixture(scope="module")
def browser():
    if CHROMIUM is None:
        pytest.fail("Chromium is not installed: run `apt-get install chromium` (scripts/setup.sh does it as root)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS, headless=True)
        yield b
        b.close()


@pytest.fixture(scope="module")
def suite(tmp_path_factory):
    """{page name: html path} of the suite rendered by the runner, plus its manifest under 'manifest'."""
    work = tmp_path_factory.mktemp("suite")
    config = work / "reports.yaml"
    config.write_text(json.dumps({      # JSON is YAML: the runner's documented config format
        "defaults": {"district": "万柏林区", "lang": "zh", "target_year": 2025},
        "reports": [{"name": name, "notebook": notebook, "parameters": params}
                    for name, (notebook, params) in SUITE.items()],
    }, ensure_ascii=False), encoding="utf-8")
    out = work / "reports"
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(Path(analysis.__file__).parents[1]),
                                                       os.environ.get("PYTHONPATH", "")]))
    done = subprocess.run([sys.executable, "-m", "analysis", "run", "--config", str(config), "--out", str(out),
                           "--jobs", "2"], capture_output=True, text=True, env=env, timeout=500)
    assert done.returncode == 0, done.stdout + done.stderr
    keep = ARTIFACTS / "suite"            # the pages the tests saw, for a person to open
    shutil.rmtree(keep, ignore_errors=True)
    shutil.copytree(out, keep, ignore=shutil.ignore_patterns("notebooks", "*.lock"))
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    return {"manifest": manifest, **{name: out / f"{name}.html" for name in PAGES}}


@contextmanager
def opened(browser, path: Path, width: int = PHONE, height: int = 900, media: str = "screen"):
    """A page showing *path* at *width*; fails if it asked for anything beyond file: and data: URLs."""
    blocked = []
    page = browser.new_page(viewport={"width": width, "height": height})

    def guard(route):
        url = route.request.url
        if url.startswith(("file:", "data:")):
            route.continue_()
        else:
            blocked.append(url)
            route.abort()

    page.route("**/*", guard)
    page.emulate_media(media=media)
    page.goto(path.as_uri())
    page.wait_for_load_state("networkidle")
    try:
        yield page
    finally:
        page.close()
    assert blocked == [], f"{path.name} tried to reach the network: {blocked}"


def visible_text(page) -> str:
    return page.evaluate("document.body.innerText")


# --- phone ---------------------------------------------------------------------------

@pytest.mark.parametrize("name", PAGES)
def test_page_fits_a_phone(browser, suite, name):
    with opened(browser, suite[name], PHONE) as page:
        width = page.evaluate("document.documentElement.scrollWidth")
        images = page.evaluate("[...document.images].map(i => i.getBoundingClientRect().right)")
    assert width <= PHONE, f"{name}.html is {width} px wide on a {PHONE} px screen"
    assert all(right <= PHONE for right in images)


@pytest.mark.parametrize("name", PAGES)
def test_tables_keep_chinese_readable_on_a_phone(browser, suite, name):
    """No table cell stands one Chinese character a line: each cell is at least three characters wide."""
    with opened(browser, suite[name], PHONE) as page:
        narrow = page.evaluate("""() => {
            const em = parseFloat(getComputedStyle(document.querySelector('main table') || document.body).fontSize);
            return [...document.querySelectorAll('main td, main th')]
              .filter(c => /[\\u4e00-\\u9fff]{2}/.test(c.innerText))
              .filter(c => c.getBoundingClientRect().width - 12 < 2.9 * em)
              .map(c => c.innerText.trim());
        }""")
    assert narrow == [], f"{name}.html: cells too narrow for Chinese on a phone: {narrow[:5]}"


@pytest.mark.parametrize("name", SCREENSHOT_PAGES)
def test_screenshots_for_review(browser, suite, name):
    shots = ARTIFACTS / "screenshots"
    shots.mkdir(parents=True, exist_ok=True)
    for width in (PHONE, DESKTOP):
        target = shots / f"{name}-{width}.png"
        with opened(browser, suite[name], width) as page:
            page.screenshot(path=str(target), full_page=True)
        assert target.stat().st_size > 10_000


# --- paper ---------------------------------------------------------------------------

def a4_content_width(page) -> float:
    """CSS px between the @page side margins of an A4 sheet, as the page's own stylesheet sets them."""
    return page.evaluate("""() => {
        const rule = [...document.styleSheets].flatMap(s => [...s.cssRules]).find(r => r instanceof CSSPageRule);
        const probe = document.createElement('div');
        probe.style.width = `calc(210mm - ${rule.style.marginLeft} - ${rule.style.marginRight})`;
        document.body.append(probe);
        const width = probe.getBoundingClientRect().width;
        probe.remove();
        return width;
    }""")


@pytest.mark.parametrize("name", PAGES)
def test_nothing_is_cut_off_on_paper(browser, suite, name):
    with opened(browser, suite[name], 800, media="print") as page:
        width = a4_content_width(page)
        assert 600 < width < 794, "the stylesheet's @page rule sets A4 side margins"
        page.set_viewport_size({"width": int(width), "height": 1100})
        page_width = page.evaluate("document.documentElement.scrollWidth")
        clipped = page.evaluate("""[...document.querySelectorAll('main table, .table-scroll')]
            .filter(e => e.scrollWidth > e.clientWidth + 1 || e.getBoundingClientRect().right > innerWidth + 1)
            .map(e => e.innerText.slice(0, 40))""")
    assert page_width <= int(width), f"{name}.html is {page_width} px wide on paper ({int(width)} px between margins)"
    assert clipped == [], f"{name}.html: tables cut off on paper: {clipped}"


@pytest.mark.parametrize("name", ["brief", "brief-en"])
def test_brief_prints_on_at_most_two_a4_pages(browser, suite, name):
    with opened(browser, suite[name], 800) as page:
        pdf = page.pdf(format="A4", print_background=True)
    (ARTIFACTS / "screenshots").mkdir(parents=True, exist_ok=True)
    (ARTIFACTS / "screenshots" / f"{name}.pdf").write_bytes(pdf)
    pages = len(re.findall(rb"/Type\s*/Page\b", pdf))
    declared = [int(n) for n in re.findall(rb"/Type\s*/Pages\b[^>]*?/Count\s+(\d+)", pdf)]
    assert declared == [pages], "page objects and the page tree's count agree"
    assert 1 <= pages <= MAX_BRIEF_PAGES, f"{name} prints on {pages} A4 pages"


@pytest.mark.parametrize("name", PAGES)
def test_status_marks_print(browser, suite, name):
    """A coloured status mark keeps its colour on paper (print-color-adjust), or carries a symbol."""
    with opened(browser, suite[name], 800, media="print") as page:
        marks = page.evaluate("""[...document.querySelectorAll('.light, .status')].map(e => [
            e.className, getComputedStyle(e).printColorAdjust || getComputedStyle(e).webkitPrintColorAdjust,
            e.innerText.trim()])""")
    assert all(adjust == "exact" or text for _, adjust, text in marks), marks


# --- content -------------------------------------------------------------------------

@pytest.mark.parametrize("name", list(SUITE))
def test_page_keeps_to_one_language(browser, suite, name):
    with opened(browser, suite[name], DESKTOP) as page:
        lang = page.evaluate("document.documentElement.lang")
        text = visible_text(page)
    assert lang in ("zh-CN", "en")
    problems = language_problems(text, lang)
    assert problems == [], f"{name}.html ({lang}) shows text in the other language: {problems}"


@pytest.mark.parametrize("name", PAGES)
def test_page_shows_no_missing_value_marker(browser, suite, name):
    with opened(browser, suite[name], DESKTOP) as page:
        found = missing_markers(visible_text(page))
    assert found == [], f"{name}.html shows missing-value markers: {found}"


def test_every_indicator_page_has_a_chart(browser, suite):
    indicator_pages = [name for name, r in suite["manifest"]["reports"].items()
                       if (r.get("parameters") or {}).get("indicator")]
    assert indicator_pages, "the suite has per-indicator pages"
    for name in indicator_pages:
        with opened(browser, suite[name], DESKTOP) as page:
            charts = page.evaluate("[...document.querySelectorAll('main img')].filter(i => i.naturalWidth > 0).length")
        assert charts >= 1, f"{name}.html has no chart"


# --- every notebook, offline (the shared notebook fixture) -----------------------------

@pytest.mark.parametrize("name", ["overview", "growth_gap", "projection", "brief", "explorer"])
def test_report_opens_offline(browser, rendered, name):
    with opened(browser, rendered[(name, "default")], 1100, 1400) as page:
        heading = page.locator("h1#report-title")
        assert heading.is_visible() and heading.inner_text().strip()
        shots = ARTIFACTS / "screenshots"
        shots.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(shots / f"{name}.png"), full_page=True)
