"""Indicator tables written as text: ``指标 | 单位 | 2015年 | 2020年 | 2025年目标`` (``|`` or tab separated).

A header row names the columns (years, 目标, 单位); each following row whose
first cell is an indicator name gives one figure per year column. Columns
of years after the document's own year, or marked 目标/预期, are targets.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from .extract_context import YEAR
from .extract_vocab import N, Vocabulary

_SEPARATOR = re.compile(r"\s*[|\t]\s*")


@dataclass
class TableCell:
    name: str          # vocabulary key
    year: int
    target: bool
    value: float
    unit: str
    bound: str
    quote: str


def _cells(line: str) -> list[str] | None:
    if line.count("|") < 2 and line.count("\t") < 2:
        return None
    cells = _SEPARATOR.split(line.strip().strip("|").strip())
    return cells if len(cells) >= 2 else None


def _column(header: str, plan_last: int | None) -> tuple[int | None, bool] | None:
    """(year, is_target) of a header cell, or None when it is not a year column."""
    found = re.search(rf"({YEAR})年?", header)
    target = bool(re.search(r"目标|预期|规划", header))
    if found:
        return int(found.group(1)), target
    if target and plan_last:
        return plan_last, True
    return None


def table_cells(lines: list[str], vocab: Vocabulary, plan_last: int | None = None) -> list[TableCell]:
    """Figures of every text table in *lines* (normalised paragraphs)."""
    out, columns, unit_column = [], None, None
    for line in lines:
        cells = _cells(line)
        if cells is None:
            columns = None
            continue
        header = {i: _column(c, plan_last) for i, c in enumerate(cells)}
        if any(header.values()) and not any(re.fullmatch(N, c) for c in cells):
            columns = {i: v for i, v in header.items() if v}
            unit_column = next((i for i, c in enumerate(cells) if "单位" in c), None)
            continue
        if not columns:
            continue
        label = re.sub(r"[(（][^)）]*[)）]", "", cells[0]).strip()
        match = vocab.pattern.search(label)
        if not match or match.start() > 2 or len(label) - len(match.group(0)) > 2 or "占" in label:
            continue
        unit = cells[unit_column] if unit_column is not None and unit_column < len(cells) else ""
        if not unit:
            bracket = re.search(r"[(（]([^)）]+)[)）]", cells[0])
            unit = bracket.group(1) if bracket else ""
        for i, (year, target) in columns.items():
            if i >= len(cells):
                continue
            value = re.fullmatch(rf"(?P<b>[>≥<≤])?\s*(?P<v>-?{N})\s*(?P<p>以上|左右|以内)?", cells[i])
            if not value:
                continue
            bound = {">": ">=", "≥": ">=", "<": "<=", "≤": "<=", "以上": ">=", "左右": "~", "以内": "<="}.get(
                value["b"] or value["p"] or "", "")
            out.append(TableCell(match.group(0), year, target, float(value["v"]), unit, bound, line.strip()))
    return out
