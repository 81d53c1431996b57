"""Rendered reports in a real headless Chromium, network blocked: offline, phone, paper, one language.

The default suite (``reports.yaml``) and a few English pages it does not hold
(overview, one growth-gap page and one projection) are rendered once by the
runner (``python -m analysis run``) into a temporary folder. Every page must
fit a 390 px phone, print within A4's width with nothing cut off, keep to its
own language and never show a missing-value marker; the brief must print on
at most two A4 pages; every per-indicator page has a chart. Each check looks
at every page and lists all that fail. Screenshots of the brief and one
indicator page at 390 px and 1280 px go to ``test-artifacts/screenshots/``.
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
from analysis import config as project_config
from conftest import ARTIFACTS
from pagecheck import language_problems, missing_markers

pytestmark = pytest.mark.slow     # runs notebooks / a browser: `pytest -m "not slow"` leaves it out

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
         "--disable-sync", "--no-first-run", "--disable-quic"]
PHONE = 390
DESKTOP = 1280
MAX_BRIEF_PAGES = 2

# English pages the default suite does not hold: name: (notebook, parameters beyond the defaults)
ENGLISH_EXTRAS = {
    "overview-en": ("overview", {"lang": "en"}),
    "growth_gap-gdp-en": ("growth_gap", {"indicator": "gdp", "lang": "en"}),
    "projection-gdp-en": ("projection", {"indicator": "gdp", "lang": "en"}),
}
SCREENSHOT_PAGES = ["overview-万柏林区", "brief-万柏林区", "growth_gap-万柏林区-gdp", "explorer-万柏林区-gdp"]
PHONE_HEIGHT = 844          # a 390 × 844 phone screen (iPhone 12-15)


@pytest.fixture(scope="module")
def browser():
    if CHROMIUM is None:
        pytest.fail("Chromium is not installed: run `apt-get install chromium` (scripts/setup.sh does it as root)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS, headless=True)
        yield b
        b.close()


def run_suite(config: Path, out: Path) -> dict:
    """Render the reports *config* lists into *out* with the runner; its manifest."""
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(Path(analysis.__file__).parents[1]),
                                                       os.environ.get("PYTHONPATH", "")]))
    done = subprocess.run([sys.executable, "-m", "analysis", "run", "--config", str(config), "--out", str(out),
                           "--jobs", "2"], capture_output=True, text=True, env=env, timeout=900)
    assert done.returncode == 0, done.stdout + done.stderr
    return json.loads((out / "manifest.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def suite(tmp_path_factory):
    """{'pages': {name: html path}, 'reports': {name: manifest entry}} of the rendered suite."""
    work = tmp_path_factory.mktemp("suite")
    extras = work / "english.yaml"
    extras.write_text(json.dumps({      # JSON is YAML: the runner's documented config format
        "defaults": {"district": "万柏林区", "lang": "zh", "target_year": 2025},
        "reports": [{"name": name, "notebook": notebook, "parameters": params}
                    for name, (notebook, params) in ENGLISH_EXTRAS.items()],
    }, ensure_ascii=False), encoding="utf-8")
    pages, reports = {}, {}
    for folder, config in (("default", project_config.DEFAULT_REPORTS_CONFIG), ("english", extras)):
        out = work / folder
        manifest = run_suite(Path(config), out)
        reports.update(manifest["reports"])
        pages.update({r["html"][:-len(".html")]: out / r["html"] for r in manifest["reports"].values()
                      if r.get("status") == "ok"})
        pages["index" if folder == "default" else f"index-{folder}"] = out / "index.html"
    keep = ARTIFACTS / "suite"            # the pages the tests saw, for a person to open
    shutil.rmtree(keep, ignore_errors=True)
    shutil.copytree(work, keep, ignore=shutil.ignore_patterns("notebooks", "*.lock", "*.ipynb"))
    assert {"brief-万柏林区", "brief-en-万柏林区", "overview-万柏林区", "overview-en", "index"} <= set(pages)
    return {"pages": pages, "reports": reports}


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


def each_page(browser, suite, check, width=PHONE, media="screen", names=None) -> dict:
    """{page: what *check* found} for every page (or *names*) where it found something."""
    found = {}
    for name, path in suite["pages"].items():
        if names is None or name in names:
            with opened(browser, path, width, media=media) as page:
                result = check(page, name)
            if result:
                found[name] = result
    return found


# --- phone ---------------------------------------------------------------------------

def test_every_page_fits_a_phone(browser, suite):
    def too_wide(page, name):
        width = page.evaluate("document.documentElement.scrollWidth")
        return width if width > PHONE else None

    wide = each_page(browser, suite, too_wide)
    assert wide == {}, f"pages wider than a {PHONE} px screen (px): {wide}"


def test_tables_fit_a_desktop_screen_without_scrolling_sideways(browser, suite):
    """At 1280 px the progress table and its 说明 column are whole, not cut at the column's edge."""
    def clipped(page, name):
        return page.evaluate("""[...document.querySelectorAll('.table-scroll')]
            .filter(e => e.scrollWidth > e.clientWidth + 1).length""") or None

    found = each_page(browser, suite, clipped, width=1280, names={"overview-万柏林区", "brief-万柏林区", "index"})
    assert found == {}, f"tables that scroll sideways at 1280 px: {found}"


def test_tables_keep_chinese_readable_on_a_phone(browser, suite):
    """No table cell stands one Chinese character a line: each cell holds at least three characters a line."""
    def narrow_cells(page, name):
        return page.evaluate("""() => [...document.querySelectorAll('main td, main th')]
            .filter(c => /[\\u4e00-\\u9fff]{2}/.test(c.innerText))
            .filter(c => getComputedStyle(c).display !== 'none')        // a cell the phone does not show
            .filter(c => { const s = getComputedStyle(c);
                           const inner = c.clientWidth - parseFloat(s.paddingLeft) - parseFloat(s.paddingRight);
                           return inner < 2.9 * parseFloat(s.fontSize); })
            .map(c => c.innerText.trim()).slice(0, 5)""")

    narrow = each_page(browser, suite, narrow_cells)
    assert narrow == {}, f"cells too narrow for Chinese on a phone: {narrow}"


def test_every_status_is_on_screen_at_phone_width(browser, suite):
    """Each indicator's judgement is visible without scrolling sideways: every status label's box lies
    inside the 390 px viewport (labels folded away in a closed <details> have no box and are not shown)."""
    def off_screen(page, name):
        return page.evaluate("""() => [...document.querySelectorAll('.status')]
            .map(e => [e, e.getBoundingClientRect()]).filter(([e, r]) => r.width > 0 && r.height > 0)
            .filter(([e, r]) => r.left < 0 || r.right > innerWidth + 0.5)
            .map(([e, r]) => `${e.innerText.trim()} @ ${Math.round(r.left)}-${Math.round(r.right)} px`).slice(0, 5)""")

    found = each_page(browser, suite, off_screen)
    assert found == {}, f"status labels outside a {PHONE} px screen: {found}"
    labels = each_page(browser, suite, lambda page, name: page.locator(".status").count(), names=["overview-万柏林区"])
    assert labels.get("overview-万柏林区", 0) >= 2, "the overview shows statuses at all"


@pytest.mark.parametrize("name", ["overview-万柏林区", "overview-en"])
def test_overview_first_screen_holds_the_finding_and_the_count_per_status(browser, suite, name):
    """On a 390 × 844 screen, before any scrolling: the count of targets per status, whole, and the start
    of the key finding (its first three lines)."""
    with opened(browser, suite["pages"][name], PHONE, PHONE_HEIGHT) as page:
        found = page.evaluate(r"""() => {
            const counts = document.querySelector('.status-counts');
            // the key finding: the first paragraph or item after the title block (under "Key messages")
            const header = document.querySelector('.report-header');
            const finding = [...document.querySelectorAll('main p, main li')].find(e => !header.contains(e)
                && e.getBoundingClientRect().top >= header.getBoundingClientRect().bottom);
            const line = finding ? parseFloat(getComputedStyle(finding).lineHeight) : 0;
            const statuses = counts ? [...counts.querySelectorAll('.status')] : [];
            return {counts: counts && counts.getBoundingClientRect().bottom, finding: finding &&
                    finding.getBoundingClientRect().top + 3 * line, n: statuses.length,
                    total: counts ? [...counts.querySelectorAll('.count')]
                           .map(c => parseInt(c.innerText.replace(/^\D*/, ''))).reduce((a, b) => a + b, 0) : 0,
                    lead: counts ? parseInt(counts.innerText.match(/(\d+)\s*(项|targets)/)[1]) : -1};
        }""")
    assert found["counts"] is not None and found["counts"] <= PHONE_HEIGHT, f"{name}: counts end at {found['counts']} px"
    assert found["finding"] is not None and found["finding"] <= PHONE_HEIGHT, f"{name}: finding at {found['finding']} px"
    assert found["n"] >= 2 and found["total"] == found["lead"], found


@pytest.mark.parametrize("name", SCREENSHOT_PAGES)
def test_screenshots_for_review(browser, suite, name):
    shots = ARTIFACTS / "screenshots"
    shots.mkdir(parents=True, exist_ok=True)
    for width in (PHONE, DESKTOP):
        target = shots / f"{name}-{width}.png"
        with opened(browser, suite["pages"][name], width) as page:
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


def test_nothing_is_cut_off_on_paper(browser, suite):
    def cut_off(page, name):
        width = a4_content_width(page)
        assert 600 < width < 794, "the stylesheet's @page rule sets A4 side margins"
        page.set_viewport_size({"width": int(width), "height": 1100})
        page_width = page.evaluate("document.documentElement.scrollWidth")
        clipped = page.evaluate("""[...document.querySelectorAll('main table, .table-scroll')]
            .filter(e => e.scrollWidth > e.clientWidth + 1 || e.getBoundingClientRect().right > innerWidth + 1)
            .map(e => e.innerText.slice(0, 40))""")
        if page_width > int(width) or clipped:
            return {"page_px": page_width, "paper_px": int(width), "clipped_tables": clipped}
        return None

    problems = each_page(browser, suite, cut_off, width=800, media="print")
    assert problems == {}, f"pages wider than A4 or with tables cut off on paper: {problems}"


@pytest.mark.parametrize("name", ["brief-万柏林区", "brief-en-万柏林区", "brief-杏花岭区"])
def test_brief_prints_on_at_most_two_a4_pages(browser, suite, name):
    # print media, as a browser's Print does (page.pdf after emulate_media("screen") would print the screen layout)
    with opened(browser, suite["pages"][name], 800, media="print") as page:
        pdf = page.pdf(format="A4", print_background=True)
    (ARTIFACTS / "screenshots").mkdir(parents=True, exist_ok=True)
    (ARTIFACTS / "screenshots" / f"{name}.pdf").write_bytes(pdf)
    pages = len(re.findall(rb"/Type\s*/Page\b", pdf))
    declared = [int(n) for n in re.findall(rb"/Type\s*/Pages\b[^>]*?/Count\s+(\d+)", pdf)]
    assert declared == [pages], "page objects and the page tree's count agree"
    assert 1 <= pages <= MAX_BRIEF_PAGES, f"{name} prints on {pages} A4 pages"


@pytest.mark.parametrize("name", ["brief-en-万柏林区", "brief-万柏林区", "brief-en-杏花岭区"])
def test_the_footer_is_never_alone_on_a_printed_page(browser, suite, name):
    """A brief whose content ends on its first A4 page ends there, footer included (it used to push the
    3-line footer onto a second sheet of its own)."""
    with opened(browser, suite["pages"][name], 800, media="print") as page:
        width = a4_content_width(page)
        page.set_viewport_size({"width": int(width), "height": 400})
        found = page.evaluate("""() => {
            const rule = [...document.styleSheets].flatMap(s => [...s.cssRules]).find(r => r instanceof CSSPageRule);
            const probe = document.createElement('div');
            probe.style.height = `calc(297mm - ${rule.style.marginTop} - ${rule.style.marginBottom})`;
            document.body.append(probe);
            const sheet = probe.getBoundingClientRect().height;
            probe.remove();
            const main = document.querySelector('main').getBoundingClientRect().bottom + scrollY;
            const footer = document.querySelector('footer').getBoundingClientRect().bottom + scrollY;
            return {sheet, main, all: footer};
        }""")
    if found["main"] <= found["sheet"] - 40:          # the content leaves room for a footer on its first sheet
        assert found["all"] <= found["sheet"], f"{name}: the footer spills onto a second sheet: {found}"


def test_status_marks_print(browser, suite):
    """A coloured status mark keeps its colour on paper (print-color-adjust), or carries a symbol."""
    def lost_on_paper(page, name):
        return page.evaluate("""[...document.querySelectorAll('.light, .status')]
            .filter(e => getComputedStyle(e).printColorAdjust !== 'exact' && !e.innerText.trim())
            .map(e => e.className)""")

    assert each_page(browser, suite, lost_on_paper, width=800, media="print") == {}


# --- content -------------------------------------------------------------------------

def test_every_page_keeps_to_one_language(browser, suite):
    """The index is a bilingual catalogue by design (it lists reports in both languages); every report is checked."""
    def other_language(page, name):
        lang = page.evaluate("document.documentElement.lang")
        assert lang in ("zh-CN", "en"), f"{name}: <html lang={lang!r}>"
        return language_problems(visible_text(page), lang)

    reports = [n for n in suite["pages"] if not n.startswith("index")]
    mixed = each_page(browser, suite, other_language, DESKTOP, names=reports)
    assert mixed == {}, f"pages showing text in the other language: {mixed}"


def test_no_page_shows_a_missing_value_marker(browser, suite):
    found = each_page(browser, suite, lambda page, name: missing_markers(visible_text(page)), DESKTOP)
    assert found == {}, f"pages showing missing-value markers: {found}"


def test_every_indicator_page_has_a_chart(browser, suite):
    indicator_pages = [name for name, r in suite["reports"].items()
                       if (r.get("parameters") or {}).get("indicator") and name in suite["pages"]]
    assert indicator_pages, "the suite has per-indicator pages"

    def no_chart(page, name):
        charts = page.evaluate("[...document.querySelectorAll('main img')].filter(i => i.naturalWidth > 0).length")
        return charts == 0

    chartless = sorted(each_page(browser, suite, no_chart, DESKTOP, names=indicator_pages))
    assert chartless == [], f"{len(chartless)} of {len(indicator_pages)} per-indicator pages have no chart: {chartless}"


def test_charts_are_sharp_and_legible(browser, suite):
    """No chart is a bitmap stretched past its pixels: an SVG, or a PNG of at least the displayed width at
    1280 px and twice it on a phone; on a 390 px phone its text reads at 11 px or more and its source line
    at 10 px or more (the figure's sizes in points, scaled as the page shows it)."""
    measure = """() => [...document.querySelectorAll('main img')].filter(i => i.getBoundingClientRect().width > 0)
        .map(i => ({svg: i.src.startsWith('data:image/svg+xml'), shown: i.getBoundingClientRect().width,
                    natural: i.naturalWidth, d: {...i.dataset}, alt: i.alt}))"""

    def blurry(page, name, density):
        return [f"{c['alt']}: {c['natural']} px shown at {c['shown']:.0f}" for c in page.evaluate(measure)
                if not c["svg"] and c["natural"] < density * c["shown"] - 0.5]

    def small_text(page, name):
        found = []
        for c in page.evaluate(measure):
            if "widthPt" not in c["d"]:
                found.append(f"{c['alt']}: no text sizes")
                continue
            scale = c["shown"] / float(c["d"]["widthPt"])
            text, source = float(c["d"]["textPt"]) * scale, float(c["d"].get("sourcePt", 99)) * scale
            if text < 11 or source < 10:
                found.append(f"{c['alt']}: text {text:.1f} px, source {source:.1f} px")
        return found

    charted = [n for n, r in suite["reports"].items() if n in suite["pages"] and (r.get("parameters") or {}).get("indicator")]
    assert each_page(browser, suite, lambda page, name: blurry(page, name, 1), DESKTOP) == {}
    assert each_page(browser, suite, lambda page, name: blurry(page, name, 2)) == {}
    assert each_page(browser, suite, small_text) == {}
    assert charted and all(each_page(browser, suite, lambda page, name: len(page.evaluate(measure)) or None,
                                     names=charted).values())


# --- every notebook, offline (the shared notebook fixture) -----------------------------

@pytest.mark.parametrize("name", ["overview", "growth_gap", "projection", "brief", "explorer"])
def test_report_opens_offline(browser, rendered, name):
    with opened(browser, rendered[(name, "default")], 1100, 1400) as page:
        heading = page.locator("h1#report-title")
        assert heading.is_visible() and heading.inner_text().strip()
        shots = ARTIFACTS / "screenshots"
        shots.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(shots / f"{name}.png"), full_page=True)
