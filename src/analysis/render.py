"""Executed notebook → one self-contained, offline HTML page.

nbconvert's ``HTMLExporter`` with the package's ``report`` template (which
drops every CDN script and the lab stylesheet), input cells hidden, cells
tagged ``analyst-only`` removed, images embedded as data URIs. Writes are
atomic: a temporary file in the target folder renamed into place.
"""
from __future__ import annotations

import hashlib
import os
import tempfile
from datetime import datetime, timezone
from pathlib import Path

from . import __version__, config
from .i18n import t

TEMPLATE_DIR = config.PACKAGE_DIR / "templates"
TITLE_KEY = "analysis_title"
SOURCES_NOTE = {
    "zh": "数据来源：各区县国民经济和社会发展规划纲要及年度计划执行报告；每个数字的原文引文见 data/indicators.csv 与 data/README.md。",
    "en": "Data source: the districts' five-year plan outlines and annual plan-execution reports; the source sentence "
          "of every figure is quoted in data/indicators.csv (see data/README.md).",
}


def file_digest(path: Path, length: int = 12) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()[:length]


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
    return exporter


def report_title(nb) -> str | None:
    """The title a notebook announced (display metadata) or its first h1, if any."""
    for cell in nb.cells:
        for output in cell.get("outputs", []):
            title = output.get("metadata", {}).get(TITLE_KEY)
            if title:
                return title
    return None


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
        "sources": SOURCES_NOTE[lang],
    }}
    body, _ = _exporter(lang).from_notebook_node(nb, resources=resources)
    return body


def write_atomic(path: Path, text: str | bytes) -> None:
    """Write to a temporary file beside *path*, then rename: readers never see half a file."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(text.encode("utf-8") if isinstance(text, str) else text)
        # mkstemp makes the file private (0600); a report is meant to be read by others.
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
