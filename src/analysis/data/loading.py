"""Read, validate and type the indicator table.

Bad input never reaches the arithmetic: :func:`validate_file` returns one
line per problem (file, row, column, value, what is accepted) and
:func:`load_indicators` raises :class:`DataValidationError` carrying them.
Reading is :mod:`analysis.data.tableio`'s (size, encoding, NUL, header rules);
the rules are :mod:`analysis.data.validation`'s. Row numbers are the file's line
numbers, the header being row 1, as an editor or spreadsheet shows them.
"""
from __future__ import annotations

import os
import re
from pathlib import Path

import pandas as pd
import hashlib
import difflib

from analysis import config
from analysis.data import tableio
from analysis.exceptions import DataFileError, DataValidationError, UnknownSeriesError
from analysis.data.schema import COLUMNS, OPTIONAL_COLUMNS
from analysis.data.tableio import read_frame, read_table


def read_text_table(path: Path) -> str:
    """The file's text, read by :mod:`analysis.data.tableio` (size cap, regular file, UTF-8, no NUL)."""
    name = tableio.display_name(path)
    raw = tableio.read_bytes(path, name)
    if not raw.strip():
        raise DataFileError(f"{name}: the file is empty; expected a header line with columns {', '.join(COLUMNS)}")
    return tableio.decode(raw, name)


def parse_table(text: str, name: str) -> tuple[pd.DataFrame, list[str]]:
    """Parse CSV *text* into a frame of stripped strings (0-based index), plus row-shape problems.

    Kept for ``merge``; new code reads files with :func:`analysis.data.tableio.read_frame`.
    """
    table = tableio.parse_text(text, name)
    frame = pd.DataFrame(table.rows, columns=table.header, dtype=str)
    return frame, table.problems


def _validate_raw(raw: bytes, name: str, sources_dir: Path | None,
                  registry_path: Path | None = None) -> tuple[pd.DataFrame, list[str]]:
    from analysis.data.validation import name_problems, normalize_keys, period_start_problems, table_problems

    if not raw.strip():
        raise DataFileError(f"{name}: the file is empty; expected a header line with columns {', '.join(COLUMNS)}")
    table = tableio.parse_text(tableio.decode(raw, name), name)
    frame = tableio.to_frame(table)
    if frame.empty and not table.problems:
        raise DataFileError(f"{name}: has a header but no rows; add at least one indicator row")
    for column in OPTIONAL_COLUMNS:       # a table from before the column existed: read it as empty
        if column not in table.header and column not in frame:
            frame[column] = ""
    header = table.header + [c for c in OPTIONAL_COLUMNS if c not in table.header]
    problems = tableio.header_problems(header, COLUMNS, name) + table.problems
    if not problems:
        problems = name_problems(frame, name)          # as written: a look-alike is refused before NFC folds it
    if not problems:
        frame = normalize_keys(frame)
        problems = table_problems(frame, name, sources_dir)
    if not problems and registry_path is not None:
        from analysis.data.namefiles import table_problems as unlisted_names
        from analysis.data.registry import load_registry

        registry = load_registry(registry_path)
        problems = unlisted_names(frame, registry, name) + period_start_problems(frame, registry.plans, name)
    return frame, sorted(problems, key=_row_of)


def validate_file(path: str | os.PathLike | None = None, sources_dir: Path | None = None) -> tuple[pd.DataFrame, list[str]]:
    """Validate an indicator CSV; returns ``(string frame indexed by line number, problems)``.

    Raises :class:`DataFileError` when the file cannot be read as a CSV table at all.
    *sources_dir* defaults to ``sources/`` beside the table, checked only if it exists.
    """
    path = config.indicators_path(path)
    name = tableio.display_name(path)
    raw = tableio.read_bytes(path, name)
    sources_dir = Path(sources_dir) if sources_dir else Path(path).parent / "sources"
    return _validate_raw(raw, name, sources_dir, registry_path=path)


_ROW = re.compile(r" row (\d+)")


def _row_of(problem: str) -> int:
    match = _ROW.search(problem)
    return int(match.group(1)) if match else 0


def to_typed(frame: pd.DataFrame) -> pd.DataFrame:
    """Convert a validated string frame to typed columns (year int, value float, period_start Int64)."""
    typed = frame[COLUMNS].copy()
    typed["year"] = typed["year"].astype(int)
    typed["value"] = typed["value"].astype(float)
    typed["period_start"] = pd.array([int(v) if v else pd.NA for v in typed["period_start"]], dtype="Int64")
    return typed.reset_index(drop=True)


def with_registry(frame: pd.DataFrame, path) -> pd.DataFrame:
    """*frame* carrying the name files beside *path* (``frame.attrs``: ``registry``, ``data_path``)."""
    from analysis.data.registry import load_registry

    frame.attrs["registry"] = load_registry(path)
    frame.attrs["data_path"] = str(Path(path).absolute())
    return frame


# Validated tables by content: a report suite in warm kernels loads the same
# table once per report, and validation (pandera, quote checks) costs ~170 ms.
_VALIDATED: dict = {}


def _sources_stamp(path: Path) -> tuple:
    """Names and modification times of the sources the quotes are checked against."""
    sources = Path(path).parent / "sources"
    if not sources.is_dir():
        return ()
    stamps = []
    for p in sources.glob("*.txt"):
        try:
            stamps.append((p.name, p.stat().st_mtime_ns))
        except OSError:                   # a dangling link: validation refuses it
            stamps.append((p.name, -1))
    return tuple(sorted(stamps))


def _names_stamp(path: Path) -> tuple:
    """Modification times of the name files beside the table (they are part of validation)."""
    from analysis.data.namefiles import FILES

    here = Path(path).parent
    return tuple((here / f).stat().st_mtime_ns if (here / f).exists() else 0 for f, _ in FILES.values())


def load_indicators(path: str | os.PathLike | None = None) -> pd.DataFrame:
    """Load and validate the indicator table (validated once per content: :mod:`analysis.data.cache`).

    Parameters
    ----------
    path : path-like, optional
        CSV file; defaults to ``$ANALYSIS_DATA`` or the curated ``data/indicators.csv``.

    Returns
    -------
    DataFrame
        One fact per row, columns :data:`analysis.data.schema.COLUMNS`, ``year`` int,
        ``value`` float, ``period_start`` nullable int; ``attrs["registry"]`` holds the name
        files beside the table (:func:`analysis.data.registry.registry_of`).

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
    name = tableio.display_name(path)
    raw = tableio.read_bytes(path, name)         # checked: a regular file within the size cap
    key = str(Path(path).resolve()), hashlib.sha256(raw).hexdigest(), _sources_stamp(path), _names_stamp(path)
    if key in _VALIDATED:
        return _VALIDATED[key].copy()        # a copy: callers may modify their frame
    from analysis.data import cache

    content = cache.content_key(path, raw) if cache.enabled() else None
    typed = cache.get(content) if content else None          # validated once per content (analysis.data.cache)
    if typed is None:
        frame, problems = _validate_raw(raw, name, Path(path).parent / "sources", registry_path=path)
        if problems:
            raise DataValidationError(problems)
        typed = to_typed(frame)
        if content:
            cache.put(content, typed)
    typed = with_registry(typed, path)
    if len(_VALIDATED) >= 8:
        _VALIDATED.clear()
    _VALIDATED[key] = typed
    return typed.copy()


def _suggest(value: str, choices) -> str:
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
        One of :data:`analysis.data.schema.KINDS`.
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
