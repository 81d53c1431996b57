"""Every notebook runs through papermill with default and other parameters, renders to offline HTML,
and fails with a one-line message on bad parameters (the notebooks' source: tests/test_report_notebooks.py)."""
import re
from html.parser import HTMLParser

import pytest

from analysis import config

from conftest import NOTEBOOKS, OTHER_PARAMETERS, execute

pytestmark = pytest.mark.slow     # runs notebooks / a browser: `pytest -m "not slow"` leaves it out

MAX_BYTES = 1_500_000

def test_notebooks_are_clean_and_parameterised():
    import nbformat
    import papermill

    for name in NOTEBOOKS:
        nb = nbformat.read(config.NOTEBOOKS_DIR / f"{name}.ipynb", as_version=4)
        code = [c for c in nb.cells if c.cell_type == "code"]
        assert not any(c.outputs or c.execution_count for c in code), f"{name} has outputs"
        assert nb.metadata["kernelspec"]["name"] == "python3"
        params = papermill.inspect_notebook(str(config.NOTEBOOKS_DIR / f"{name}.ipynb"))
        assigned = re.findall(r"^(\w+) = ", code[0].source, flags=re.M)
        assert list(params) == assigned, f"{name}: papermill cannot parse some parameter lines"
        assert {"district", "lang", "data_path", "target_year"} <= set(params)
        assert all(p["help"] for p in params.values()), f"{name}: every parameter needs a comment"
        assert "parameters" in code[0].metadata["tags"]        # the first code cell
        assert "report.setup(" in code[1].source


@pytest.mark.parametrize("name", NOTEBOOKS)
def test_pages_keep_to_one_language_and_show_no_missing_markers(rendered, name):
    from test_report_sections import language_problems

    for variant, params in (("default", {}), ("other", OTHER_PARAMETERS[name])):
        text = rendered[(name, variant)].read_text(encoding="utf-8")
        main = text[text.index("<body"):text.index('<footer class="report-footer">')]
        main = re.sub(r"<(style|script)[^>]*>.*?</\1>", " ", main, flags=re.S)
        assert language_problems([main], params.get("lang", "zh")) == [], (name, variant)


@pytest.mark.parametrize("name", NOTEBOOKS)
def test_html_is_offline_small_and_titled(rendered, name):
    for variant in ("default", "other"):
        path = rendered[(name, variant)]
        text = path.read_text(encoding="utf-8")
        assert path.stat().st_size <= MAX_BYTES, f"{path.name}: {path.stat().st_size} bytes"
        assert external_references(text) == [], path.name
        assert re.search(r"<title>[^<]+</title>", text) and 'id="report-title"' in text
        assert "sha256:" in text and "analysis 0." in text           # footer: data and version
        assert "how-to-read" in text
        assert "ipykernel" not in text and "Traceback" not in text


def test_every_report_exists_in_both_languages(rendered):
    for name in ("overview", "growth_gap", "projection", "brief"):
        pages = [rendered[(name, v)].read_text(encoding="utf-8") for v in ("default", "other")]
        assert any('lang="zh-CN"' in p for p in pages) and any('lang="en"' in p for p in pages), name


def test_html_languages(rendered):
    assert "滞后于预期" in rendered[("overview", "default")].read_text(encoding="utf-8")
    english = rendered[("overview", "other")].read_text(encoding="utf-8")
    assert "behind schedule" in english and 'lang="en"' in english
    assert "<img" in rendered[("projection", "default")].read_text(encoding="utf-8")


class _References(HTMLParser):
    def __init__(self):
        super().__init__()
        self.found, self._in_style = [], False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        for key in ("src", "href", "data", "poster", "srcset"):
            value = (attrs.get(key) or "").strip()
            if re.match(r"(https?:)?//", value):
                self.found.append(f"<{tag} {key}={value}>")
        if tag == "style":
            self._in_style = True
        style = attrs.get("style") or ""
        self.found += [f"style url({u})" for u in re.findall(r"url\(\s*['\"]?((?:https?:)?//[^)'\"]+)", style)]

    def handle_endtag(self, tag):
        if tag == "style":
            self._in_style = False

    def handle_data(self, data):
        if self._in_style:
            self.found += [f"css url({u})" for u in re.findall(r"url\(\s*['\"]?(?!data:)([^)'\"]+)", data)]
            self.found += [f"@import {m}" for m in re.findall(r"@import\s+([^;]+)", data)]


def external_references(text: str) -> list[str]:
    parser = _References()
    parser.feed(text)
    return parser.found


def test_reference_checker_catches_cdn_links():
    page = ('<script src="https://cdn.example/require.js"></script><link href="//fonts.example/x.css">'
            '<style>@import "x.css"; body{background:url(http://x/y.png)}</style><img src="data:image/png;base64,AA">')
    assert len(external_references(page)) == 4


@pytest.mark.parametrize("name,params,message", [
    ("growth_gap", {"indicator": "gpd"}, "parameter indicator='gpd' is not an indicator of 万柏林区; did you mean: gdp"),
    ("overview", {"district": "西城区"}, "parameter district='西城区' is not in indicators.csv"),
    ("projection", {"n_paths": 10}, "parameter n_paths=10 is out of range; accepted: 1000 to 1000000"),
])
def test_bad_parameters_stop_with_a_clear_message(tmp_path, name, params, message):
    import papermill

    with pytest.raises(papermill.PapermillExecutionError) as info:
        execute(name, params, tmp_path / "bad.ipynb")
    assert info.value.ename == "ParameterError"
    assert message in info.value.evalue
