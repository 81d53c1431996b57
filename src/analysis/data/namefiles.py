"""The name files, read and checked: their columns and vocabularies, one line per problem.

In: the five CSV files beside a table (see :mod:`analysis.data.registry`) and, for
:func:`table_problems`, the table's rows. Out: lists of rows as dicts of strings, and problems as
lines naming file, row, column, value and what is accepted. :class:`~analysis.data.registry.Registry`
is built from what passes.
"""
from __future__ import annotations

import csv
import datetime as _dt
import os
from pathlib import Path
from typing import TYPE_CHECKING

from analysis import config
from analysis.exceptions import DataFileError, DataValidationError

if TYPE_CHECKING:
    from analysis.data.registry import Registry

FILES = {
    "indicators": ("indicator_names.csv",
                   ["indicator", "name_zh", "aliases", "name_en", "unit", "direction", "growth_basis", "attribute", "note"]),
    "districts": ("districts.csv", ["district", "name_en", "city", "city_en", "province", "level"]),
    "sources": ("sources.csv", ["file", "title_zh", "title_en", "date", "status", "note"]),
    "plans": ("plans.csv", ["plan", "name_zh", "name_en", "first_year", "last_year", "base_year"]),
    "units": ("units.csv", ["unit", "name_en", "base_unit", "factor", "count"]),
}
DIRECTIONS = ("higher", "lower")
GROWTH_BASES = ("", "current", "comparable")
ATTRIBUTES = ("", "预期性", "约束性")
# 属性 → the qualifier a target gets when its row does not say (data/README.md, column qualifier)
ATTRIBUTE_QUALIFIER = dict(zip(ATTRIBUTES[1:], ("expected", "binding")))
LEVELS = ("district", "county", "city", "province")
SOURCE_STATUSES = ("adopted", "draft", "news", "report")


def parse_source_date(text: str) -> _dt.date | None:
    """The first day a document's ``date`` in sources.csv (YYYY, YYYY-MM or YYYY-MM-DD) can mean, or None when it
    is none of these (validation refuses it; an empty date is allowed and means unknown).

    >>> parse_source_date("2023"), parse_source_date("2026-01"), parse_source_date("2026-1-5x")
    (datetime.date(2023, 1, 1), datetime.date(2026, 1, 1), None)
    """
    parts = str(text or "").strip().split("-")
    if not 1 <= len(parts) <= 3 or not all(p.isdigit() for p in parts) or len(parts[0]) != 4:
        return None
    try:
        return _dt.date(*(int(p) for p in parts), *([1] * (3 - len(parts))))
    except ValueError:
        return None


def parse_due(text: str) -> tuple[int, int] | None:
    """'04-30' → (4, 30): the day of the following year by which a year's figures are published;
    None when *text* is not a valid MM-DD (29 February is refused)."""
    try:
        month, day = (int(p) for p in str(text).split("-"))
        _dt.date(2001, month, day)
    except (ValueError, TypeError):
        return None
    return month, day



def read_name_file(path: Path, columns: list[str]) -> list[dict]:
    from analysis.data.files import read_limited

    if not os.path.lexists(path):
        raise DataFileError(f"{path}: no such file; a table's name files ({', '.join(f for f, _ in FILES.values())}) "
                            f"live beside it: copy data/{path.name} into {path.parent} and add this table's names "
                            "(see data/README.md)")
    try:
        text = read_limited(path, 10 * 1024 * 1024, "name file (CSV)", str(path)).decode("utf-8-sig")
    except UnicodeDecodeError:
        raise DataFileError(f"{path}: not UTF-8; re-save it as UTF-8") from None
    reader = csv.DictReader(text.splitlines())
    header = reader.fieldnames or []
    missing = [c for c in columns if c not in header]
    if missing or len(set(header)) != len(header):
        raise DataValidationError([f"{path.name} row 1: header must be {','.join(columns)}; "
                                   f"missing: {', '.join(missing) or 'none'}; duplicates: "
                                   f"{', '.join(sorted({h for h in header if header.count(h) > 1})) or 'none'}"])
    return [{k: (v or "").strip() for k, v in row.items() if k} for row in reader]


def _check(rows: list[dict], name: str, key: str, rules: dict) -> list[str]:
    """Unique non-empty key, and for each column a predicate with its 'accepted' text."""
    problems, seen = [], set()
    for line, row in enumerate(rows, start=2):
        if not row[key]:
            problems.append(f"{name} row {line}, column '{key}': empty; every row needs one")
        elif row[key] in seen:
            problems.append(f"{name} row {line}, column '{key}': '{row[key]}' appears twice; keep one row")
        seen.add(row[key])
        for column, (ok, accepted) in rules.items():
            if not ok(row[column]):
                problems.append(f"{name} row {line}, column '{column}': '{row[column]}' is not accepted; accepted: {accepted}")
    return problems


def _int(text: str) -> bool:
    return text.isdigit() and config.YEAR_RANGE[0] <= int(text) <= config.YEAR_RANGE[1]


def _positive(text: str) -> bool:
    try:
        return float(text) > 0
    except ValueError:
        return False


def validate_tables(tables: dict[str, list[dict]]) -> list[str]:
    """One line per problem in the five name files."""
    problems = []
    problems += _check(tables["indicators"], FILES["indicators"][0], "indicator", {
        "name_zh": (bool, "a Chinese name"), "direction": (lambda v: v in DIRECTIONS, ", ".join(DIRECTIONS)),
        "growth_basis": (lambda v: v in GROWTH_BASES, "current, comparable or empty"),
        "attribute": (lambda v: v in ATTRIBUTES, ", ".join(filter(None, ATTRIBUTES)) + " or empty"),
        "unit": (lambda v: v == "" or v in {u["unit"] for u in tables["units"]}, "a unit listed in units.csv")})
    problems += _check(tables["districts"], FILES["districts"][0], "district", {
        "name_en": (bool, "an English name"), "level": (lambda v: v in LEVELS, ", ".join(LEVELS))})
    from analysis.data.schema import place_name_problem

    for line, row in enumerate(tables["districts"], start=2):
        why = row["district"] and place_name_problem(row["district"])
        if why:
            problems.append(f"{FILES['districts'][0]} row {line}, column 'district': '{row['district']}' {why}")
    problems += _check(tables["sources"], FILES["sources"][0], "file", {
        "title_zh": (bool, "a Chinese title"), "title_en": (bool, "an English title"),
        "status": (lambda v: v in SOURCE_STATUSES, ", ".join(SOURCE_STATUSES)),
        "date": (lambda v: not v or parse_source_date(v) is not None, "YYYY, YYYY-MM or YYYY-MM-DD (the day the "
                 "document was issued, as far as known), or empty")})
    problems += _check(tables["plans"], FILES["plans"][0], "plan", {
        "first_year": (_int, "a year"), "last_year": (_int, "a year"), "base_year": (_int, "a year")})
    for line, row in enumerate(tables["plans"], start=2):
        if row.get("figures_due") and parse_due(row["figures_due"]) is None:
            problems.append(f"plans.csv row {line}, column 'figures_due': '{row['figures_due']}' is not accepted; "
                            "accepted: MM-DD (the day of the following year by which a year's figures are "
                            "published, e.g. 04-30) or empty")
        if all(_int(row[c]) for c in ("first_year", "last_year", "base_year")) and not (
                int(row["base_year"]) == int(row["first_year"]) - 1 < int(row["last_year"])):
            problems.append(f"plans.csv row {line}: base_year must be first_year − 1 and before last_year, got "
                            f"{row['base_year']}, {row['first_year']}, {row['last_year']}")
    problems += _check(tables["units"], FILES["units"][0], "unit", {
        "factor": (_positive, "a positive number"), "count": (lambda v: v in ("yes", "no"), "yes or no"),
        "base_unit": (bool, "the unit it converts to")})
    return problems


def table_problems(frame, registry: Registry, name: str = "indicators.csv") -> list[str]:
    """Rows of the indicator table (indexed by line number) whose district, indicator or source
    the name files do not list: onboarding a district is one line in districts.csv."""
    problems = coverage_problems(frame, registry, name)
    # sources.csv is optional per document (a report then names the file); districts and indicators are not
    checks = (("district", registry.districts, "districts.csv"), ("indicator", registry.indicators, "indicator_names.csv"))
    for column, known, file in checks:
        for value in sorted(set(frame[column]) - set(known)):
            line = int(frame.index[frame[column] == value][0])      # the frame is indexed by the file's line
            problems.append(f"{name} row {line}, column '{column}': '{value}' is not listed in {file}; add one line there")
    return problems


def coverage_problems(frame, registry: Registry, name: str = "indicators.csv") -> list[str]:
    """Rows whose district the document in ``source`` does not cover (sources.csv ``districts``, or the
    districts its title names): a figure belongs to the places its document is about."""
    problems = []
    pairs = frame[["district", "source"]].drop_duplicates()
    for line, district, source in zip(pairs.index.tolist(), pairs["district"].tolist(), pairs["source"].tolist()):
        covered = registry.source_districts(source)
        if covered is None or district in covered:
            continue
        where = ", ".join(sorted(covered)) if covered else "no district (its title names none)"
        problems.append(f"{name} row {int(line)}, column 'district': '{district}' is not a place {source} covers "
                        f"({where}, per sources.csv column 'districts' or its title); correct the district or the "
                        "source, or add the district to that document's 'districts' in sources.csv")
    return problems
