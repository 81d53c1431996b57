"""Paths and defaults: the one place that knows where things live.

Every other module asks here instead of hard-coding ``../data``. The
``ANALYSIS_DATA`` environment variable points the whole package (CLI,
notebooks, runner) at another indicator table without editing code.
"""
from __future__ import annotations

import os
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
PROJECT_DIR = PACKAGE_DIR.parent.parent

DATA_DIR = PROJECT_DIR / "data"
SOURCES_DIR = DATA_DIR / "sources"
RAW_SOURCES_DIR = SOURCES_DIR / "raw"
DEFAULT_INDICATORS = DATA_DIR / "indicators.csv"
NOTEBOOKS_DIR = PROJECT_DIR / "notebooks"
REPORTS_DIR = PROJECT_DIR / "reports"
DEFAULT_REPORTS_CONFIG = PROJECT_DIR / "reports.yaml"
FONTS_DIR = PACKAGE_DIR / "fonts"

# No plan calendar here: the plans (first, last and base year) are rows of data/plans.csv, and the plan
# an assessment covers is analysis.engine.timeline.assessed_plan (target_year None: the current plan).

YEAR_RANGE = (1949, 2100)


def indicators_path(path: str | os.PathLike | None = None) -> Path:
    """The indicator table to use: *path*, else ``$ANALYSIS_DATA``, else the curated table."""
    if path is not None:
        return Path(path)
    env = os.environ.get("ANALYSIS_DATA")
    return Path(env) if env else DEFAULT_INDICATORS
