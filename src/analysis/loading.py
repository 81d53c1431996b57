"""Read, validate and type the indicator table.

Bad input never reaches the arithmetic: :func:`validate_file` returns one
line per problem (file, row, column, value, what is accepted) and
:func:`load_indicators` raises :class:`DataValidationError` carrying them.
Row numbers count the header as row 1, as a spreadsheet shows them.
"""
from __future__ import annotations

import csv
import io
import os
from pathlib import Path

import pandas as pd

from . import config
from .exceptions import DataFileError, DataValidationError, UnknownSeriesError
from .schema import (
    AMOUNT_KINDS, BOUNDS, COLUMNS, GROWTH_KINDS, INDICATOR_ID, KEY, KINDS, PERCENT_KINDS,
    PRICE_BASES, REQUIRED_TEXT, YEAR_RANGE, accepted, parse_finite, parse_year,
)


def read_text_table(path: Path) -> str:
    """The file's text; clear errors for missing, empty and non-UTF-8 files."""
    try:
        raw = Path(path).read_bytes()
    except FileNotFoundError:
        raise DataFileError(f"{path}: no such file; pass the path of an indicator CSV") from None
    except OSError as exc:
        raise DataFileError(f"{path}: cannot read ({exc.strerror})") from None
    if not raw.strip():
        raise DataFileError(f"{path}: the file is empty; expected a header line with columns {', '.join(COLUMNS)}")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise DataFileError(
            f"{path} row {line}: the file is not UTF-8 (byte 0x{raw[exc.start]:02x} at offset {exc.start}); "
            f"re-save it as UTF-8, e.g. `iconv -f GB18030 -t UTF-8 {Path(path).name} > fixed.csv`"
        ) from None


def _cell_checks():
    """pandera column checks on the raw strings; each error text says what is accepted."""
    import pandera.pandas as pa

    def element(fn, error):
        return pa.Check(fn, element_wise=True, error=error)

    year_text = f"is not a year between {YEAR_RANGE[0]} and {YEAR_RANGE[1]}"
    text = lambda what: element(lambda v: v != "", f"is empty; {what} is required")  # noqa: E731
    columns = {name: pa.Column(str, nullable=False) for name in COLUMNS}
    for name in REQUIRED_TEXT:
        columns[name] = pa.Column(str, text(f"a {name}"))
    columns["indicator"] = pa.Column(str, [
        text("an indicator id"),
        element(lambda v: v == "" or bool(INDICATOR_ID.match(v)),
                "is not a snake_case id; accepted: lower-case letters, digits and _, starting with a letter"),
    ])
    columns["year"] = pa.Column(str, element(lambda v: parse_year(v) is not None, year_text))
    columns["period_start"] = pa.Column(str, element(lambda v: v == "" or parse_year(v) is not None,
                                                     year_text + " (or empty)"))
    columns["value"] = pa.Column(str, element(lambda v: parse_finite(v) is not None,
                                              "is not a finite number; accepted: plain digits such as 620.5 or -3.1 (no units, commas or %)"))
    columns["kind"] = pa.Column(str, element(lambda v: v in KINDS, f"is not a kind; accepted: {accepted(KINDS)}"))
    columns["price_basis"] = pa.Column(str, element(lambda v: v in PRICE_BASES,
                                                    f"is not a price basis; accepted: {accepted(PRICE_BASES)}"))
    columns["bound"] = pa.Column(str, element(lambda v: v in BOUNDS, f"is not a bound; accepted: {accepted(BOUNDS)}"))
    return pa.DataFrameSchema(columns, strict=True, ordered=False)


def _schema_problems(frame: pd.DataFrame, name: str) -> list[str]:
    import pandera.errors

    try:
        _cell_checks().validate(frame, lazy=True)
    except pandera.errors.SchemaErrors as errors:
        problems = []
        for case in errors.failure_cases.itertuples():
            if case.check == "column_in_schema":
                problems.append(f"{name} row 1, column '{case.failure_case}': unexpected column; "
                                f"accepted columns: {', '.join(COLUMNS)}")
            elif case.check == "column_in_dataframe":
                problems.append(f"{name} row 1, column '{case.failure_case}': missing column; "
                                f"the header must have: {', '.join(COLUMNS)}")
            elif case.index is not None and not pd.isna(case.index):
                row = int(case.index) + 2
                reason = str(case.check)
                problems.append(f"{name} row {row}, column '{case.column}': '{case.failure_case}' {reason}")
        return problems
    return []


def _row_problems(frame: pd.DataFrame, name: str) -> list[str]:
    """Rules across rows; only run on rows whose cells are individually valid."""
    problems = []
    rows = frame.assign(row_no=frame.index + 2, num=frame["value"].map(parse_finite))
    for r in rows.itertuples():
        if r.kind in AMOUNT_KINDS and r.num is not None and r.num < 0:
            problems.append(f"{name} row {r.row_no}, column 'value': '{r.value}' is negative; "
                            f"a {r.kind} is an amount or count and must be 0 or more")
        if r.kind in PERCENT_KINDS and r.unit != "%":
            problems.append(f"{name} row {r.row_no}, column 'unit': '{r.unit}' is not a unit for a {r.kind}; accepted: %")
        if r.kind in GROWTH_KINDS and r.price_basis == "":
            problems.append(f"{name} row {r.row_no}, column 'price_basis': '' is empty for a {r.kind}; "
                            "accepted: current (nominal) or comparable (real)")
    amounts = rows[rows["kind"].isin(AMOUNT_KINDS)]
    for indicator, group in amounts.groupby("indicator", sort=False):
        first = group.iloc[0]
        for r in group.itertuples():
            if r.unit != first["unit"]:
                problems.append(f"{name} row {r.row_no}, column 'unit': '{r.unit}' differs from '{first['unit']}' "
                                f"in row {first['row_no']} for indicator '{indicator}'; one indicator uses one unit")
    for indicator, group in rows.groupby("indicator", sort=False):
        first = group.iloc[0]
        for r in group.itertuples():
            if r.indicator_zh != first["indicator_zh"]:
                problems.append(f"{name} row {r.row_no}, column 'indicator_zh': '{r.indicator_zh}' differs from "
                                f"'{first['indicator_zh']}' in row {first['row_no']} for indicator '{indicator}'; "
                                "use one Chinese name per indicator (put wording variants in note)")
    for key, group in rows.groupby(KEY, sort=False):
        if len(group) > 1:
            first = group.iloc[0]
            for r in group.iloc[1:].itertuples():
                if r.num != first["num"]:
                    problems.append(f"{name} row {r.row_no}, column 'value': '{r.value}' conflicts with "
                                    f"'{first['value']}' in row {first['row_no']} for the same "
                                    f"({', '.join(str(k) for k in key[:5])}); keep one of the two rows")
                else:
                    problems.append(f"{name} row {r.row_no}: repeats row {first['row_no']}; delete one of the two")
    return problems


def _source_problems(frame: pd.DataFrame, name: str, sources_dir: Path) -> list[str]:
    """Quotes must be verbatim in their normalised source (checked when the sources are present)."""
    problems, texts = [], {}
    for i, r in enumerate(frame.itertuples(), start=2):
        if r.source not in texts:
            p = sources_dir / r.source
            texts[r.source] = p.read_text(encoding="utf-8") if p.is_file() else None
        text = texts[r.source]
        if text is None:
            problems.append(f"{name} row {i}, column 'source': '{r.source}' is not a file in {sources_dir}; "
                            "accepted: a normalised document name (see `python -m analysis normalize`)")
        elif r.quote and r.quote not in text:
            problems.append(f"{name} row {i}, column 'quote': '{r.quote[:30]}…' is not verbatim in {r.source}; "
                            "copy the sentence from the normalised source")
    return problems


def parse_table(text: str, name: str) -> tuple[pd.DataFrame, list[str]]:
    """Parse CSV *text* into a frame of stripped strings, plus row-shape problems."""
    records = list(csv.reader(io.StringIO(text)))
    header = [h.strip() for h in records[0]]
    problems, body = [], []
    for number, record in enumerate(records[1:], start=2):
        if not any(cell.strip() for cell in record):
            continue
        if len(record) != len(header):
            problems.append(f"{name} row {number}: has {len(record)} cells but the header has {len(header)}; "
                            "quote cells that contain commas")
            record = (record + [""] * len(header))[: len(header)]
        body.append([cell.strip() for cell in record])
    frame = pd.DataFrame(body, columns=header, dtype=str)
    return frame, problems


def validate_file(path: str | os.PathLike | None = None, sources_dir: Path | None = None) -> tuple[pd.DataFrame, list[str]]:
    """Validate an indicator CSV; returns ``(raw string frame, problems)``.

    Raises :class:`DataFileError` when the file cannot be read as text at all.
    *sources_dir* defaults to ``sources/`` beside the table, checked only if it exists.
    """
    path = config.indicators_path(path)
    name = os.path.relpath(path) if Path(path).is_absolute() and str(path).startswith(os.getcwd()) else str(path)
    text = read_text_table(path)
    frame, problems = parse_table(text, name)
    if frame.empty and not problems:
        raise DataFileError(f"{name}: has a header but no rows; add at least one indicator row")
    problems += _schema_problems(frame, name)
    if set(COLUMNS) <= set(frame.columns) and not problems:
        problems += _row_problems(frame, name)
        sources_dir = Path(sources_dir) if sources_dir else Path(path).parent / "sources"
        if sources_dir.is_dir():
            problems += _source_problems(frame, name, sources_dir)
    return frame, sorted(problems, key=_row_of)


def _row_of(problem: str) -> int:
    import re

    match = re.search(r" row (\d+)", problem)
    return int(match.group(1)) if match else 0


def to_typed(frame: pd.DataFrame) -> pd.DataFrame:
    """Convert a validated string frame to typed columns (year int, value float, period_start Int64)."""
    typed = frame[COLUMNS].copy()
    typed["year"] = typed["year"].astype(int)
    typed["value"] = typed["value"].astype(float)
    typed["period_start"] = pd.array([int(v) if v else pd.NA for v in typed["period_start"]], dtype="Int64")
    return typed.reset_index(drop=True)


# Validated tables by content: a report suite in warm kernels loads the same
# table once per report, and validation (pandera, quote checks) costs ~170 ms.
_VALIDATED: dict = {}


def _content_key(path: Path):
    """Identity of a table and the sources its quotes are checked against; None if unreadable."""
    import hashlib

    try:
        digest = hashlib.sha256(Path(path).read_bytes()).hexdigest()
    except OSError:
        return None
    sources = Path(path).parent / "sources"
    stamps = tuple(sorted((p.name, p.stat().st_mtime_ns) for p in sources.glob("*.txt"))) if sources.is_dir() else ()
    return str(Path(path).resolve()), digest, stamps


def load_indicators(path: str | os.PathLike | None = None) -> pd.DataFrame:
    """Load and validate the indicator table.

    Parameters
    ----------
    path : path-like, optional
        CSV file; defaults to ``$ANALYSIS_DATA`` or the curated ``data/indicators.csv``.

    Returns
    -------
    DataFrame
        One fact per row, columns :data:`analysis.schema.COLUMNS`, ``year`` int,
        ``value`` float, ``period_start`` nullable int.

    Raises
    ------
    DataValidationError
        With one line per problem when any rule is broken.

    Examples
    --------
    >>> load_indicators().query("indicator == 'gdp' and kind == 'level'")["value"].tolist()
    [347.0, 486.0, 620.5]
    """
    path = config.indicators_path(path)
    key = _content_key(path)
    if key is not None and key in _VALIDATED:
        return _VALIDATED[key].copy()        # a copy: callers may modify their frame
    frame, problems = validate_file(path)
    if problems:
        raise DataValidationError(problems)
    typed = to_typed(frame)
    if key is not None:
        if len(_VALIDATED) >= 8:
            _VALIDATED.clear()
        _VALIDATED[key] = typed
    return typed.copy()


def _suggest(value: str, choices) -> str:
    import difflib

    close = difflib.get_close_matches(str(value), [str(c) for c in choices], n=3)
    listed = close or sorted(str(c) for c in choices)[:12]
    return ", ".join(listed)


def series(district: str, indicator: str, kind: str = "level", data: pd.DataFrame | None = None,
           price_basis: str | None = None) -> pd.Series:
    """One indicator of one district as a Series indexed by year.

    Parameters
    ----------
    district, indicator : str
        E.g. ``"万柏林区"``, ``"gdp"``.
    kind : str
        One of :data:`analysis.schema.KINDS`.
    data : DataFrame, optional
        A loaded table; loaded from the default path when omitted.
    price_basis : str, optional
        Keep only this basis; required when the kind has rows on both bases.

    Examples
    --------
    >>> series("万柏林区", "gdp").to_dict()
    {2015: 347.0, 2020: 486.0, 2022: 620.5}
    """
    data = load_indicators() if data is None else data
    if district not in set(data["district"]):
        raise UnknownSeriesError(f"unknown district '{district}'; accepted: {_suggest(district, set(data['district']))}")
    rows = data[data["district"] == district]
    if indicator not in set(rows["indicator"]):
        raise UnknownSeriesError(f"unknown indicator '{indicator}' for {district}; "
                                 f"did you mean: {_suggest(indicator, set(rows['indicator']))}")
    rows = rows[(rows["indicator"] == indicator) & (rows["kind"] == kind)]
    if price_basis is not None:
        rows = rows[rows["price_basis"] == price_basis]
    if rows.empty:
        return pd.Series(dtype=float, name=indicator).rename_axis("year")
    if rows["year"].duplicated().any():
        bases = sorted(set(rows["price_basis"]))
        raise UnknownSeriesError(f"{district}/{indicator} has several {kind} rows per year "
                                 f"(price bases {bases}, or different periods); pass price_basis=")
    return rows.set_index("year")["value"].sort_index().rename(indicator)
