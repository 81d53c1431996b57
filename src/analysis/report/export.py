"""The plan implementation progress table as a spreadsheet: .xlsx (numbers as numbers) and a CSV with a BOM.

Chinese headers, units in their own column, each bound kept: in the .xlsx as
the cell's number format (the cell holds 1000, Excel shows the bound before it), in the CSV
as text beside the number it qualifies.
"""
from __future__ import annotations

import csv
import io
from pathlib import Path

import pandas as pd

from analysis import config, i18n
from analysis.data.write import write_atomic
from analysis.report.tables import Quantity, Status, progress_table


def _context(data, district: str, target_year: int, lang: str, data_path=None, as_of=None):
    from analysis.data.loading import load_indicators
    from analysis.report.context import Context

    path = Path(data_path) if data_path else config.indicators_path(None if isinstance(data, pd.DataFrame) or data is None
                                                                    else data)
    frame = data if isinstance(data, pd.DataFrame) else load_indicators(path)
    from analysis.engine.timeline import as_of_date

    return Context(district, lang, frame, path, None, int(target_year), as_of=as_of_date(as_of))


def _number_format(value: Quantity, lang: str) -> str:
    body = "0" if i18n.is_count(value.unit) else "General"
    bound = i18n.bound_label(value.bound, lang)
    return f'"{bound}"{body}' if bound else body


def progress_frame(data, district: str, records: list[dict] | None = None, target_year: int = config.PLAN_TARGET_YEAR,
                   lang: str = "zh", data_path=None, as_of=None) -> pd.DataFrame:
    """The progress table of *district* with typed cells (see :mod:`analysis.report.tables`), as of *as_of*
    (a date or YYYY-MM-DD; default today)."""
    ctx = _context(data, district, target_year, lang, data_path, as_of)
    if records is not None:
        records = [r for r in records if r["district"] == district and r["target_year"] == ctx.target_year]
    return progress_table(ctx, records)


def write_progress_workbook(data, district: str, out_dir, records: list[dict] | None = None,
                            target_year: int = config.PLAN_TARGET_YEAR, data_path=None,
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
    frame = progress_frame(data, district, records, target_year, lang, data_path, as_of)
    out_dir = Path(out_dir)
    stem = stem or f"progress-{district}"
    book = Workbook()
    sheet = book.active
    sheet.title = i18n.t("heading.progress_table", lang)[:31]
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
            if isinstance(value, Quantity) and value.value is not None:
                cell.number_format = _number_format(value, lang)
            elif isinstance(value, float):
                cell.number_format = "0.0"
    sheet.freeze_panes = "B2"
    for column, header in zip(sheet.columns, frame.columns):
        width = max([len(str(header))] + [len(str(c.value or "")) for c in column])
        sheet.column_dimensions[column[0].column_letter].width = min(60, max(8, width * 1.8 if width < 12 else width))
    buffer = io.BytesIO()
    book.save(buffer)
    xlsx, csv_path = out_dir / f"{stem}.xlsx", out_dir / f"{stem}.csv"
    write_atomic(xlsx, buffer.getvalue())
    write_atomic(csv_path, _csv_text(frame, lang).encode("utf-8-sig"))
    return {"xlsx": xlsx, "csv": csv_path}


def _csv_text(frame: pd.DataFrame, lang: str) -> str:
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
                cells.append("" if value is None else value)
        writer.writerow(cells)
    return text.getvalue()
