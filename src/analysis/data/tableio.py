"""The one reader of CSV tables of untrusted origin (indicator tables, review files).

Everything that reads a table goes through here: the loader, the runner's
fast path, ``extract``/``merge``. A file is refused in one line naming file,
row, column and the fix when it is not a regular file, larger than
:data:`analysis.data.files.MAX_FILE_BYTES`, not UTF-8 (with or without BOM), contains NUL bytes,
has a cell longer than :data:`MAX_FIELD_CHARS`, an empty, invisible or
repeated header name, or looks ``;``- or tab-delimited. CR-only line endings
(old Mac) are read like LF and CRLF. Row numbers are the file's line numbers
(the header is row 1), counting the lines inside quoted cells, as an editor
shows them. Cells and header names are stripped of surrounding whitespace.

Only the standard library is imported at module level, so the runner's fast
path stays light; :func:`read_frame` imports pandas when called.

>>> from analysis import config
>>> from analysis.data.tableio import read_table
>>> read_table(config.DEFAULT_INDICATORS)[0]["district"]
'万柏林区'
"""
from __future__ import annotations

import csv
import io
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

# Re-exported: the file-level checks and names live in analysis.data.files.
from analysis.data.files import MAX_FILE_BYTES, display_name, invisible_characters, read_bytes, visible  # noqa: F401
from analysis.exceptions import DataFileError, DataValidationError

MAX_FIELD_CHARS = 4000
"""Longest cell accepted; the longest quote in the curated table is ~150 characters."""
_LINE_BREAK = re.compile(r"\r\n|\r|\n")
_RESAVE = ("re-save it as UTF-8 (spreadsheet: Save As › CSV UTF-8; or `iconv -f GB18030 -t UTF-8 {file} > fixed.csv` "
           "for a GBK file, `-f WINDOWS-1252` for a Western one)")


@dataclass
class Table:
    """A parsed CSV file: header, rows of stripped strings and the line each row starts on.

    ``problems`` lists rows whose number of cells differs from the header's
    (those rows are padded or cut to the header's length).
    """

    name: str
    header: list[str]
    rows: list[list[str]]
    lines: list[int]
    problems: list[str] = field(default_factory=list)


def _locate(text_before: str) -> tuple[int, int, list[str] | None]:
    """(line, 1-based cell number, header or None) of the position just after *text_before*."""
    _ensure_field_limit()
    line = len(_LINE_BREAK.findall(text_before)) + 1
    # A sentinel marks the position: the record holding it is the current one, its length the cell number.
    records = list(csv.reader(io.StringIO(text_before + "\x01", newline="")))
    header = records[0] if len(records) > 1 else None
    return line, len(records[-1]), header


def _where(name: str, text_before: str) -> str:
    """'file row N, column 'x'' for a position in the file."""
    line, cell, header = _locate(text_before)
    column = f"'{header[cell - 1].strip()}'" if header and cell <= len(header) else str(cell)
    return f"{name} row {line}, column {column}"


def decode(raw: bytes, name: str) -> str:
    """*raw* as text: UTF-8 with or without BOM, no NUL bytes; :class:`DataFileError` naming the spot otherwise."""
    file = Path(name).name
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise DataFileError(f"{name}: is UTF-16, not UTF-8: re-save it as UTF-8 (spreadsheet: Save As › CSV UTF-8; "
                            f"or `iconv -f UTF-16 -t UTF-8 {file} > fixed.csv`)")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        where = _where(name, raw[: exc.start].decode("utf-8-sig", errors="replace"))
        raise DataFileError(f"{where}: not UTF-8 (byte 0x{raw[exc.start]:02x} at offset {exc.start}): "
                            + _RESAVE.format(file=file)) from None
    nul = text.find("\0")
    if nul >= 0:
        raise DataFileError(f"{_where(name, text[:nul])}: contains a NUL byte; this is a binary file, "
                            "not a CSV table: export the table again as CSV UTF-8")
    return text


def _ensure_field_limit() -> None:
    # Cells are measured after parsing (to name the row and column); the csv module's own
    # limit (128 kB by default) only has to let any cell of an accepted file through.
    if csv.field_size_limit() < MAX_FILE_BYTES:
        csv.field_size_limit(MAX_FILE_BYTES)


def _check_header(header: list[str], name: str) -> None:
    if len(header) == 1:
        for delimiter, label in ((";", "';'"), ("\t", "tab"), ("|", "'|'")):
            if delimiter in header[0]:
                raise DataFileError(f"{name} row 1: the file seems to use {label} as delimiter; "
                                    "save it with ',' (spreadsheet: Save As › CSV UTF-8, comma-separated)")
    seen: dict[str, int] = {}
    for number, title in enumerate(header, start=1):
        if title == "":
            raise DataFileError(f"{name} row 1, column {number}: the header cell is empty; name the column "
                                "or delete it (a trailing comma?)")
        hidden = invisible_characters(title)
        if hidden:
            raise DataFileError(f"{name} row 1, column '{visible(title)}': the header name contains "
                                f"{', '.join(hidden)}; retype the name")
        if title in seen:
            raise DataFileError(f"{name} row 1, column '{title}': appears twice in the header (columns "
                                f"{seen[title]} and {number}); delete or rename one")
        seen[title] = number


def _refuse_long_cell(record: list[str], header: list[str] | None, line: int, name: str) -> None:
    number, cell = next((n, c) for n, c in enumerate(record, start=1) if len(c) > MAX_FIELD_CHARS)
    column = f"'{header[number - 1]}'" if header and number <= len(header) else str(number)
    raise DataFileError(f"{name} row {line}, column {column}: a cell of {len(cell):,} characters is longer than the "
                        f"{MAX_FIELD_CHARS:,} accepted; shorten it (or close the quotation mark opened there)")


def parse_text(text: str, name: str) -> Table:
    """Parse decoded CSV *text* into a :class:`Table` (see the module docstring for the rules)."""
    _ensure_field_limit()
    reader = csv.reader(io.StringIO(text, newline=""))
    header, rows, lines, problems = None, [], [], []
    start = 1
    # no cell can be longer than the whole text: skip measuring cells of ordinary files
    measure = len(text) > MAX_FIELD_CHARS
    try:
        for record in reader:
            line, start = start, reader.line_num + 1
            if measure and max(map(len, record), default=0) > MAX_FIELD_CHARS:
                _refuse_long_cell(record, header, line, name)
            if header is None:
                header = [h.strip() for h in record]
                _check_header(header, name)
                continue
            cells = [cell.strip() for cell in record]
            if not any(cells):
                continue
            if len(cells) != len(header):
                problems.append(f"{name} row {line}: has {len(cells)} cells but the header has {len(header)}; "
                                "quote cells that contain commas")
                cells = (cells + [""] * len(header))[: len(header)]
            rows.append(cells)
            lines.append(line)
    except csv.Error as exc:     # not expected with these settings; still one line, not a traceback
        raise DataFileError(f"{name} row {start}: cannot be read as CSV ({exc}); export the table again as CSV UTF-8") \
            from None
    if header is None:
        raise DataFileError(f"{name}: the file is empty; expected a header line of column names")
    return Table(name, header, rows, lines, problems)


def read_records(path: str | os.PathLike, name: str | None = None) -> Table:
    """Read and parse the CSV file *path* into a :class:`Table`; file-level problems raise :class:`DataFileError`."""
    name = name or display_name(path)
    raw = read_bytes(path, name)
    if not raw.strip():
        raise DataFileError(f"{name}: the file is empty; expected a header line of column names")
    return parse_text(decode(raw, name), name)


def header_problems(header: list[str], expected: list[str], name: str) -> list[str]:
    """One line per header name that is not in *expected* or missing from it (names compared exactly)."""
    problems, explained = [], set()
    missing = [c for c in expected if c not in header]
    for title in header:
        if title in expected:
            continue
        near = [c for c in missing if c.casefold() == title.casefold().strip()]
        if near:
            explained.add(near[0])
            problems.append(f"{name} row 1, column '{title}': unexpected column; header names are compared "
                            f"exactly (lower-case): rename it '{near[0]}'")
        else:
            problems.append(f"{name} row 1, column '{visible(title)}': unexpected column; "
                            f"accepted columns: {', '.join(expected)}")
    problems += [f"{name} row 1, column '{c}': missing column; the header must have: {', '.join(expected)}"
                 for c in missing if c not in explained]
    return problems


def _strict(path, columns) -> Table:
    table = read_records(path)
    problems = (header_problems(table.header, list(columns), table.name) if columns is not None else []) + table.problems
    if problems:
        raise DataValidationError(problems)
    return table


def read_table(path: str | os.PathLike, columns: list[str] | None = None) -> list[dict[str, str]]:
    """The rows of the CSV file *path* as dicts of stripped strings.

    Parameters
    ----------
    path : path-like
        A CSV file of untrusted origin.
    columns : list of str, optional
        Header names the file must have, exactly (no more, no fewer).

    Returns
    -------
    list of dict
        One dict per non-blank row, keyed by header name.

    Raises
    ------
    DataFileError
        The file cannot be read as a CSV table (one line: file, row, column, fix).
    DataValidationError
        Header names differ from *columns*, or rows have the wrong number of cells.

    Examples
    --------
    >>> from analysis import config
    >>> from analysis.data.schema import COLUMNS
    >>> read_table(config.DEFAULT_INDICATORS, columns=COLUMNS)[0]["indicator"]
    'gdp'
    """
    table = _strict(path, columns)
    return [dict(zip(table.header, row)) for row in table.rows]


def read_frame(path: str | os.PathLike, columns: list[str] | None = None):
    """Like :func:`read_table`, as a DataFrame of strings indexed by line number (index name ``line``).

    Examples
    --------
    >>> from analysis import config
    >>> read_frame(config.DEFAULT_INDICATORS).loc[2, "value"]    # row 2: the first line after the header
    '347'
    """
    table = _strict(path, columns)
    return to_frame(table)


def to_frame(table: Table):
    """A :class:`Table` as a DataFrame of strings indexed by line number."""
    import pandas as pd

    return pd.DataFrame(table.rows, columns=table.header, index=pd.Index(table.lines, name="line"), dtype=str)
