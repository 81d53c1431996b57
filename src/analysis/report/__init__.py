"""The report layer the notebooks call, split by job.

* ``context``     parameters, validated once, and the page's data (:func:`setup`, :class:`Context`)
* ``assessment``  the one adapter to the assessment engine (records with the contract's keys)
* ``tables``      DataFrames with typed cells (no HTML)
* ``text``        numbers, dates, statuses and the page header, every word from ``locales/report.yaml``
* ``messages``    key messages: one sentence per finding (required growth, chance), notes, the summary
* ``html``        fragments: escaped text, scrolling tables, status symbol + label
* ``charts``      figures in the page's display unit
* ``projections`` the projection page's models and tables
* ``explorer``    presets and JupyterLab widgets
* ``sections``    what a notebook cell shows: ``report.section(ctx, "progress_table")``
* ``export``      the progress table as .xlsx and .csv
* ``plotting``    the charts' palette, font, legend and source line; ``figures`` the charts drawn with them
* ``page``        executed notebook → one offline HTML page (the suite's stylesheet)
* ``index``       reports/index.html: the gap table and every report with its status

A notebook reads::

    from analysis import report
    ctx = report.setup(district=district, lang=lang, page="overview")
    report.section(ctx, "header")
    report.section(ctx, "progress_table")
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from analysis import lazy_exports

if TYPE_CHECKING:
    from .context import Context

# public name -> submodule that defines it, loaded on first use (PEP 562): the runner imports
# report.page and report.index on its fast path without pandas, which context and sections need
_LAZY = {"assessable_indicators": "assessment", "Context": "context", "setup": "context",
         "SECTIONS": "sections", "render": "sections", "section": "sections"}

__all__ = ["Context", "SECTIONS", "assessable_indicators", "chart_main_series", "chart_path", "record_for", "render",
           "section", "setup", "write_progress_workbook"]


__getattr__ = lazy_exports(__name__, _LAZY)


def record_for(ctx: Context, records: list[dict] | None = None) -> dict | None:
    """The record of ctx.indicator among *records* (default: the page's own)."""
    if records is None:
        return ctx.record
    return next((r for r in records if r["indicator"] == ctx.indicator), None)


def chart_path(ctx: Context, record: dict):
    """The path-to-target figure of *record* (see :func:`analysis.report.charts.path_to_target`)."""
    from .charts import path_to_target

    return path_to_target(ctx, record)


def chart_main_series(ctx: Context):
    """The main money series of the district (see :func:`analysis.report.charts.main_series`)."""
    from .charts import main_series

    return main_series(ctx)


def write_progress_workbook(*args, **kwargs):
    """See :func:`analysis.report.export.write_progress_workbook` (imported on use: openpyxl is heavy)."""
    from .export import write_progress_workbook as write

    return write(*args, **kwargs)
