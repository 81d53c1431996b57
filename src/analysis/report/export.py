"""The plan implementation progress table as offices exchange it: .xlsx (numbers as numbers) and a CSV
twin with a BOM.

One row per target: number, indicator, unit, attribute (the target's qualifier), base value, one
column per plan year (blank where not entered), target, target and actual average growth with their
price basis, completion rate, time elapsed, assessment, remark (every caveat in words), sources, and
empty columns for the office to fill in (responsible unit, reasons, next steps); headers from the
catalogue (``col.*``). Each bound is kept: in the .xlsx as the cell's number format (the cell holds
1000, Excel shows the bound before it), in the CSV as text. The .xlsx has a frozen header, column
widths, number formats and an A4 landscape print setup with the title and the assessment date in
the page header.
"""
from __future__ import annotations

import csv
import io
from pathlib import Path

import pandas as pd

from analysis import config, i18n
from analysis.data import write as disk
from analysis.report import text
from analysis.report.tables import Quantity, Status, _value, observed_cell, observed_figures, unit_text


def _context(data, district: str, target_year: int, lang: str, data_path=None, as_of=None):
    from analysis.data.loading import load_indicators
    from analysis.report.context import Context

    path = Path(data_path) if data_path else config.indicators_path(None if isinstance(data, pd.DataFrame) or data is None
                                                                    else data)
    frame = data if isinstance(data, pd.DataFrame) else load_indicators(path)
    from analysis.engine.timeline import as_of_date

    return Context(district, lang, frame, path, None, target_year, as_of=as_of_date(as_of))


def _number_format(value: Quantity, lang: str) -> str:
    body = "0" if i18n.is_count(value.unit) else "General"
    bound = i18n.bound_label(value.bound, lang)
    return f'"{bound}"{body}' if bound else body


def progress_frame(data, district: str, records: list[dict] | None = None, target_year: int | None = None,
                   lang: str = "zh", data_path=None, as_of=None) -> pd.DataFrame:
    """The progress table of *district* with typed cells (see :mod:`analysis.report.tables`), as of *as_of*
    (a date or YYYY-MM-DD; default today)."""
    ctx = _context(data, district, target_year, lang, data_path, as_of)
    if records is not None:
        records = [r for r in records if r["district"] == district and r["target_year"] == ctx.target_year]
    return office_table(ctx, ctx.records if records is None else records)


def _target_rate(ctx, r: dict):
    """Target average growth: the average growth the target implies from the plan's base value (levels), or the
    average it states (average-growth targets); None for other types."""
    if r["target_type"] == "growth_average":
        return _value(r["target_value"])
    base, years = r.get("base_value"), r["target_year"] - ctx.plan.base_year
    if r["target_type"] != "level" or r.get("base_year") != ctx.plan.base_year or not base or base <= 0 \
            or r["target_value"] <= 0 or years <= 0:
        return None
    return ((r["target_value"] / base) ** (1 / years) - 1) * 100


def _sources(ctx, r: dict) -> str | None:
    """The documents the row's figures come from: the target's and the observations' inside the plan."""
    rows = ctx.district_rows
    rows = rows[(rows["indicator"] == r["indicator"]) & rows["year"].between(ctx.plan.base_year, r["target_year"])]
    files = list(dict.fromkeys(rows["source"]))
    return ctx.t("sep.clause").join(ctx.registry.source_title(f, ctx.lang) for f in files) or None


def _remark(ctx, r: dict) -> str | None:
    """Every caveat of the row in words: what is missing (and where), then each flag."""
    parts = [text.remark(ctx, r)] + [i18n.flag_text(f, ctx.lang) for f in r.get("flags", [])]
    return ctx.t("sep.clause").join(p for p in parts if p) or None


def office_table(ctx, records: list[dict]) -> pd.DataFrame:
    """The progress table in the layout offices exchange (see the module text), typed cells."""
    from analysis.report.tables import frame_of

    plan = ctx.plan
    rows = []
    for i, r in enumerate(records, start=1):
        obs = observed_figures(ctx, r)
        base = (Quantity(_value(r.get("base_value")), r["unit"]) if r.get("base_year") == plan.base_year
                else observed_cell(obs, plan.base_year, r["unit"]))
        qualifier = r.get("qualifier")
        row = {ctx.t("col.seq"): i, ctx.t("col.indicator"): text.record_name(ctx, r),
               ctx.t("col.unit"): unit_text(ctx, r["unit"]),
               ctx.t("col.attribute"): i18n.t(f"qualifier.{qualifier}", ctx.lang) if qualifier else None,
               ctx.t("col.base_value", year=plan.base_year): base}
        for y in range(plan.first_year, plan.last_year + 1):
            row[ctx.t("col.year", year=y)] = observed_cell(obs, y, r["unit"])
        row |= {ctx.t("col.target_value", year=r["target_year"]):
                Quantity(_value(r["target_value"]), r["unit"], r["bound"] or ""),
                ctx.t("col.target_rate"): _target_rate(ctx, r),
                ctx.t("col.actual_rate"): _value(r.get("cagr_observed")),
                ctx.t("col.growth_basis"): i18n.basis_label(r.get("growth_basis", ""), ctx.lang) or None,
                ctx.t("col.completion"): _value(r.get("completion_rate")),
                ctx.t("col.tau"): _value(r.get("tau")),
                ctx.t("col.outcome"): text.status(ctx, r),
                ctx.t("col.remark"): _remark(ctx, r),
                ctx.t("col.sources"): _sources(ctx, r),
                ctx.t("col.owner"): None, ctx.t("col.reasons"): None, ctx.t("col.next_steps"): None}
        rows.append(row)
    return frame_of(rows)


def write_progress_workbook(data, district: str, out_dir, records: list[dict] | None = None,
                            target_year: int | None = None, data_path=None,
                            stem: str | None = None, as_of=None) -> dict[str, Path]:
    """Write ``{stem}.xlsx`` and ``{stem}.csv`` (UTF-8 with BOM) into *out_dir*.

    Parameters
    ----------
    data : DataFrame, path or None
        The indicator table (None: the default table).
    district : str
    out_dir : path
        Output folder; nothing is written outside it.
    records : list of dict, optional
        Gap records already computed (e.g. the runner's summary); else computed here.
    stem : str, optional
        File name without extension; default ``progress-{district}``.
    as_of : date or 'YYYY-MM-DD', optional
        The assessment date (default today).

    Returns
    -------
    dict
        ``{"xlsx": path, "csv": path}``.
    """
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    lang = "zh"
    ctx = _context(data, district, target_year, lang, data_path, as_of)
    if records is not None:
        records = [r for r in records if r["district"] == district and r["target_year"] == ctx.target_year]
    frame = office_table(ctx, ctx.records if records is None else records)
    out_dir = Path(out_dir)
    stem = stem or f"progress-{district}"
    book = Workbook()
    sheet = book.active
    sheet.title = i18n.t("heading.progress_table", lang)[:31]
    _print_setup(sheet, ctx)
    sheet.append(list(frame.columns))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    for row in frame.itertuples(index=False):
        values = []
        for value in row:
            if isinstance(value, Quantity):
                values.append(value.number(lang))
            elif isinstance(value, Status):
                values.append(value.text(lang))
            elif isinstance(value, float):
                values.append(None if value != value else round(value, 4))
            else:
                values.append(value)
        sheet.append(values)
        for cell, value in zip(sheet[sheet.max_row], row):
            cell.alignment = Alignment(wrap_text=True, vertical="top")
            if isinstance(value, str) and cell.data_type == "f":      # text that starts like a formula: text
                cell.data_type, cell.quotePrefix = "s", True
            if isinstance(value, Quantity) and value.value is not None:
                cell.number_format = _number_format(value, lang)
            elif isinstance(value, float):
                cell.number_format = "0.0"
    sheet.freeze_panes = "C2"          # the header, the number and the indicator stay in view
    wide = {ctx.t("col.remark"): 60, ctx.t("col.sources"): 36, ctx.t("col.outcome"): 24, ctx.t("col.indicator"): 22,
            ctx.t("col.reasons"): 30, ctx.t("col.next_steps"): 30, ctx.t("col.owner"): 14}
    for column, header in zip(sheet.columns, frame.columns):
        width = max([len(str(header))] + [len(str(c.value or "")) for c in column])
        sheet.column_dimensions[column[0].column_letter].width = wide.get(header) or min(20, max(6, width * 1.6))
    buffer = io.BytesIO()
    book.save(buffer)
    xlsx, csv_path = out_dir / f"{stem}.xlsx", out_dir / f"{stem}.csv"
    disk.write_atomic(xlsx, buffer.getvalue())
    disk.write_atomic(csv_path, _csv_text(frame, lang).encode("utf-8-sig"))
    return {"xlsx": xlsx, "csv": csv_path}


def _print_setup(sheet, ctx) -> None:
    """A4 landscape, fitted to the page width, the header row repeated, title and date in the page header."""
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight = 1, 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.print_title_rows = "1:1"
    sheet.oddHeader.center.text = ctx.t("export.title", district=ctx.district_name, plan=ctx.plan_name)
    sheet.oddHeader.right.text = text.as_of(ctx)
    sheet.oddFooter.center.text = "&P / &N"


def _csv_text(frame: pd.DataFrame, lang: str) -> str:
    from analysis.data.write import spreadsheet_safe

    text = io.StringIO()
    writer = csv.writer(text, lineterminator="\r\n")
    writer.writerow(frame.columns)
    for row in frame.itertuples(index=False):
        cells = []
        for value in row:
            if isinstance(value, Quantity):
                cells.append("" if value.value is None else value.text(lang))   # no thousands separators in zh
            elif isinstance(value, Status):
                cells.append(value.text(lang))
            elif isinstance(value, float):
                cells.append("" if value != value else f"{value:.1f}")
            else:
                cells.append("" if value is None else spreadsheet_safe(str(value)))
        writer.writerow(cells)
    return text.getvalue()
