"""Merge a reviewed file into the curated table: the only way rows get into it.

:func:`merge_review` appends the rows of a review file (``extract``'s output)
whose ``status`` is ``accepted`` to the indicator table, after the same
validation as ``validate`` on the combined table, under the table's write lock
(:mod:`analysis.data.write`), so two merges at once keep every row. A row
whose key is already in the table with the same value is left out; one with
another value is a conflict; one of indicator ``unknown`` (a name the registry
does not list) is refused until mapped or registered. Nothing is written unless everything passes;
otherwise :class:`DataValidationError` carries one line per problem.
"""
from __future__ import annotations

import csv
import io
import os
import unicodedata
from pathlib import Path

from analysis import config
from analysis.exceptions import DataValidationError

REVIEW_COLUMNS_EXTRA = ["confidence", "status"]
"""Columns a review file has after the table's: the extractor's confidence and the reviewer's status."""
UNKNOWN_INDICATOR = "unknown"
"""``indicator`` of a proposed figure whose Chinese name no registered indicator has; merge refuses it."""


def _key(row, columns) -> tuple:
    return tuple(unicodedata.normalize("NFC", str(row[k])) for k in columns)


def _unregistered(review_name: str, line: int, zh: str) -> str:
    where = f"{review_name} row {line}, column 'indicator': '{UNKNOWN_INDICATOR}'"
    if not zh:          # a number the extractor listed as not read (status not_read): nothing but its value is known
        return (f"{where} is a number no proposed row carried; give its indicator (an id of "
                "data/indicator_names.csv), year and kind by hand, or set its status to 'rejected', then merge again")
    return (f"{where} ({zh}) is not a registered indicator; set it to an id of data/indicator_names.csv, or add a "
            f"line there for {zh}, then merge again")


def _unlisted_sources(accepted, data_path: Path, review_name: str) -> list[str]:
    """One line per document the accepted rows cite that sources.csv beside the table does not list:
    a chart would cite a file name, and whether the document is adopted or a draft would be unknown."""
    from analysis.cli.extract import source_line
    from analysis.data.registry import load_registry

    registry = load_registry(data_path)
    sources = Path(data_path).parent / "sources.csv"
    out = []
    for source in dict.fromkeys(accepted["source"]):
        if registry.source_districts(source) is None:
            line = int(accepted.index[accepted["source"] == source][0]) + 2
            district = accepted.loc[accepted["source"] == source, "district"].iloc[0]
            out.append(f"{review_name} row {line}, column 'source': {source} is not listed in {sources}; "
                       f"add a line there, then merge again: {source_line(source, district)}")
    return out


def merge_review(review_path: str | os.PathLike, data_path: str | os.PathLike | None = None) -> int:
    """Append the accepted rows of *review_path* to the table *data_path*; returns how many were appended.

    Parameters
    ----------
    review_path : path-like
        A review CSV as ``extract`` writes it, ``status`` set to ``accepted`` on the rows to keep.
    data_path : path-like, optional
        The table to extend (default: ``$ANALYSIS_DATA`` or ``data/indicators.csv``).

    Raises
    ------
    DataValidationError
        One line per problem (missing columns, nothing accepted, a conflict with an existing
        row, any rule ``validate`` applies to the combined table); the table is unchanged.
    DataFileError
        Either file cannot be read as a CSV table.
    LockHeldError
        Another writer held the table's lock for longer than :data:`analysis.data.lock.LOCK_WAIT_S`.
    """
    from analysis.data import tableio
    from analysis.data.loading import _validate_raw, parse_table, read_text_table
    from analysis.data.schema import COLUMNS, KEY, NUMBER_FORMS, OPTIONAL_COLUMNS, parse_number
    from analysis.data.lock import table_lock
    from analysis.data.write import replace_table

    data_path = Path(config.indicators_path(data_path))
    review_name = str(review_path)
    from analysis.data.write import from_spreadsheet

    review_frame, problems = parse_table(read_text_table(Path(review_path)), review_name)
    review_frame = review_frame.map(from_spreadsheet)     # the apostrophe extract put before a formula-like cell
    missing = [c for c in COLUMNS + ["status"] if c not in review_frame.columns and c not in OPTIONAL_COLUMNS]
    if missing:
        raise DataValidationError([f"{review_name} row 1: missing column(s) {', '.join(missing)}; "
                                   "use the file `extract` wrote"])
    accepted = review_frame[review_frame["status"].str.lower() == "accepted"]
    if accepted.empty:
        raise DataValidationError([f"{review_name}: no row has status 'accepted'; mark the rows to merge, "
                                   "then run merge again"])
    unregistered = [_unregistered(review_name, i + 2, row["indicator_zh"])
                    for i, row in accepted.iterrows() if row["indicator"] == UNKNOWN_INDICATOR]
    if unregistered:
        raise DataValidationError(unregistered)
    unlisted = _unlisted_sources(accepted, data_path, review_name)
    if unlisted:
        raise DataValidationError(unlisted)
    with table_lock(data_path):
        existing_text = read_text_table(data_path)
        existing, _ = parse_table(existing_text, str(data_path))
        known = set(existing.columns)
        # the table's own columns: an optional column (qualifier) it lacks is not added by a merge
        columns = [c for c in COLUMNS if c in known or c not in OPTIONAL_COLUMNS]
        index = ({_key(r, KEY): (i + 2, r["value"]) for i, r in existing.iterrows()}
                 if set(KEY) | {"value"} <= known else {})
        new_rows = []
        for i, row in accepted.iterrows():
            key = _key(row, KEY)
            if key in index:
                line, value = index[key]
                mine, theirs = parse_number(row["value"]), parse_number(value)
                if mine is None:
                    problems.append(f"{review_name} row {i + 2}, column 'value': "
                                    f"'{tableio.visible(row['value'])}' is not a number in an accepted form; "
                                    + NUMBER_FORMS)
                elif theirs is None or mine != theirs:
                    problems.append(f"{review_name} row {i + 2}, column 'value': '{row['value']}' conflicts with "
                                    f"'{value}' in {data_path} row {line} for ({', '.join(key[:5])}); "
                                    "correct one of them or set the review row's status to 'rejected'")
                continue        # already in the table with the same value
            new_rows.append({c: row.get(c, "") for c in columns})
        if problems:
            raise DataValidationError(problems)
        buffer = io.StringIO()
        writer = csv.DictWriter(buffer, fieldnames=columns, lineterminator="\n")
        writer.writerows(new_rows)
        combined = existing_text.rstrip("\r\n") + "\n" + buffer.getvalue()
        # Validated exactly as `validate` would, from memory: quotes against sources/ beside the table,
        # names against the name files beside it. Nothing replaces the table unless it passes.
        name = f"{data_path} + {review_name}"
        _, problems = _validate_raw(combined.encode("utf-8"), name, data_path.parent / "sources",
                                    registry_path=data_path)
        if problems:
            first_new = len(existing) + 2
            raise DataValidationError(problems + [f"(rows from {first_new} on are the accepted review rows, "
                                                  "in order)"])
        if new_rows:
            replace_table(data_path, combined)
    return len(new_rows)
