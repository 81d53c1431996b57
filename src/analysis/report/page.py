"""Executed notebook → one self-contained, offline HTML page.

nbconvert's ``HTMLExporter`` with the package's ``report`` template (which
drops every CDN script and the lab stylesheet for ``static/report.css``),
input cells hidden, cells tagged ``analyst-only`` removed, images embedded as
data URIs. Every table is put in its own horizontal scroll box and numeric
cells are marked so they never wrap (:func:`responsive_tables`), which keeps a
page within a phone's width. Writes are atomic: a temporary file in the
target folder renamed into place.
"""
from __future__ import annotations

import re
from datetime import datetime, timezone
from pathlib import Path

from analysis import __version__, config
from analysis.data.files import file_digest
from analysis.i18n import t

TEMPLATE_DIR = config.PACKAGE_DIR / "templates"
STYLESHEET = TEMPLATE_DIR / "report" / "static" / "report.css"
SCROLL_CLASS = "table-scroll"
NUMBER_CLASS = "num"
# A cell that reads as one value: an optional bound, a number, an optional unit and year,
# e.g. "13.0", "~1000", "\u2265227", "620.5 (2022)", "62.05 bn yuan", "–"; a CJK unit or a full-width
# bracket and the Chinese bound "about" (\u7ea6) count too. Such a cell never wraps.
NUMBER_CELL = re.compile(r"^(?:[–—-]|(?:[≥≤<>~≈\u7ea6+\-−]\s*)?\d[\d,.]*"
                         r"(?:\s*(?:[^\x00-\x7f\s\d\uff08()]{1,4}|[A-Za-z%‰/]{1,8})){0,2}"   # a unit
                         r"(?:\s*[\uff08(]\d{4}[)\uff09])?)$")
TITLE_KEY = "analysis_title"
SOURCES_KEY = "analysis_sources"        # the page's footer: its source documents, by title


def stylesheet() -> str:
    """The CSS every page of the suite shares (reports and the index)."""
    return STYLESHEET.read_text(encoding="utf-8")


def responsive_tables(fragment: str) -> str:
    """Wrap every table not already in a ``div.table-scroll`` in one; mark numeric cells ``num``.

    The scroll box lets a wide table scroll inside itself on a phone instead of
    widening the page; a ``num`` cell keeps a value and its unit on one line.

    Parameters
    ----------
    fragment : str
        HTML text (a fragment or a whole page).

    Returns
    -------
    str
        The same HTML, tables wrapped and numeric cells classed; unchanged if it has no table.

    Examples
    --------
    >>> responsive_tables("<table><tr><td>GDP</td><td>13.0</td></tr></table>")
    '<div class="table-scroll"><table><tr><td>GDP</td><td class="num">13.0</td></tr></table></div>'
    """
    if "<table" not in fragment:
        return fragment
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(fragment, "html.parser")
    for table in soup.find_all("table"):
        if not table.find_parent("div", class_=SCROLL_CLASS):
            table.wrap(soup.new_tag("div", attrs={"class": SCROLL_CLASS}))
        for cell in table.find_all("td"):
            if NUMBER_CELL.match(cell.get_text(" ", strip=True)):
                cell["class"] = list(dict.fromkeys([*cell.get("class", []), NUMBER_CLASS]))
    return str(soup)


def _responsive_outputs():
    """An nbconvert preprocessor applying :func:`responsive_tables` to every HTML output."""
    from nbconvert.preprocessors import Preprocessor

    class ResponsiveTables(Preprocessor):
        def preprocess_cell(self, cell, resources, index):
            for output in cell.get("outputs", []):
                data = output.get("data", {})
                if "text/html" in data:
                    text = data["text/html"]
                    data["text/html"] = responsive_tables("".join(text) if isinstance(text, list) else text)
            return cell, resources

    return ResponsiveTables()


def _exporter(lang: str = "zh"):
    from nbconvert import HTMLExporter
    from nbconvert.preprocessors import TagRemovePreprocessor

    exporter = HTMLExporter(template_name="report", extra_template_basedirs=[str(TEMPLATE_DIR)],
                            exclude_input=True, exclude_input_prompt=True, exclude_output_prompt=True,
                            embed_images=True)
    # Belt and braces: the template drops these, and empty URLs mean nothing can be fetched.
    # <html lang>: browsers pick CJK fonts and line breaking by it; the exporter
    # sets it from this trait, overriding any value passed in resources.
    exporter.language_code = "zh-CN" if lang == "zh" else "en"
    exporter.mathjax_url = ""
    exporter.require_js_url = ""
    exporter.register_preprocessor(TagRemovePreprocessor(remove_cell_tags={"analyst-only", "parameters", "injected-parameters"}), enabled=True)
    exporter.register_preprocessor(_responsive_outputs(), enabled=True)
    return exporter


def _announced(nb, key: str) -> str | None:
    """The first value a notebook's outputs announced under *key* (display metadata), if any."""
    for cell in nb.cells:
        for output in cell.get("outputs", []):
            value = output.get("metadata", {}).get(key)
            if value:
                return value
    return None


def report_title(nb) -> str | None:
    """The title a notebook announced (display metadata), if any."""
    return _announced(nb, TITLE_KEY)


def report_sources(nb) -> str | None:
    """The footer line a notebook announced (display metadata): its source documents and its method."""
    return _announced(nb, SOURCES_KEY)


def render_html(nb, lang: str = "zh", data_path: Path | None = None) -> str:
    """HTML text of an executed notebook node."""
    data_path = Path(data_path or config.indicators_path())
    nb.metadata["title"] = report_title(nb) or nb.metadata.get("title", "report")
    resources = {"report": {
        "generated_label": t("generated", lang), "data_label": t("data_version", lang),
        "version_label": t("package_version", lang),
        "generated": datetime.now(timezone.utc).astimezone().strftime("%Y-%m-%d %H:%M %Z"),
        "data": f"{data_path.name} sha256:{file_digest(data_path)}" if data_path.exists() else str(data_path),
        "version": f"analysis {__version__}",
        "sources": report_sources(nb) or t("page.sources", lang),
        "chart_alt": t("page.chart_alt", lang),
    }}
    body, _ = _exporter(lang).from_notebook_node(nb, resources=resources)
    return body
