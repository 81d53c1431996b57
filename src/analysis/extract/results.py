"""A plan-execution report's table printed one cell a paragraph under a header of a target and a result column
(``指标名称`` / ``预期目标`` / ``实际完成`` / ``备注``, or ``指标`` / ``年度目标`` / ``完成情况``), then rows of a name
(``1.地区生产总值``) and its cells (``增长6.5%左右`` / ``增长4.8%`` / ``1347.1亿元``).

Cells go to the header's columns in order: the target column's figures are the year's targets, every later
column's (完成 / 备注) its results. A cell says its own kind: 增长 / 下降 X% a growth (下降 negative), a number
with a printed unit a level. The year is the one the table's caption or the report's title names.
"""
from __future__ import annotations

import re

from analysis.extract.cells import short_cell
from analysis.extract.context import YEAR
from analysis.extract.tables import BOUNDS, TableCell
from analysis.extract.vocab import N, Vocabulary

_NAME_HEADER = {"指标名称", "指标", "项目", "主要指标"}
_TARGET_HEADER = re.compile(r"(?:预期|年度|全年|计划|年初|人代会)目标(?:值)?|目标值?")
_RESULT_HEADER = re.compile(r"实际完成(?:值|情况)?|完成情况|完成值|执行情况|备注")
_CELL = re.compile(rf"(?P<verb>增长|下降|减少)?\s*(?P<b>[>≥<≤])?\s*(?P<v>-?{N})\s*(?P<unit>%|[万亿]?元|万人|人|家|个)?"
                   rf"\s*(?P<p>以上|左右|以内)?")
_NUMBERED = re.compile(r"^\d{1,2}\s*[.、．]\s*")


def _header(lines: list[str], i: int) -> tuple[list[bool] | None, int]:
    """(is-target of each column after the name, index after the header) of a header at *i*, or None."""
    if lines[i].strip() not in _NAME_HEADER:
        return None, i
    columns, j = [], i + 1
    while j < len(lines) and (_TARGET_HEADER.fullmatch(lines[j].strip()) or _RESULT_HEADER.fullmatch(lines[j].strip())):
        columns.append(bool(_TARGET_HEADER.fullmatch(lines[j].strip())))
        j += 1
    if True not in columns or False not in columns[columns.index(True):]:
        return None, i                      # a target column and a result after it, or not this table
    return columns, j


def _year(lines: list[str], i: int, review_year: int | None) -> int | None:
    for line in reversed(lines[max(0, i - 2):i]):     # its caption (表1:2024年…主要指标完成情况)
        found = re.search(rf"({YEAR})年", line)
        if found:
            return int(found.group(1))
    return review_year


def result_cells(lines: list[str], vocab: Vocabulary, review_year: int | None = None) -> list[TableCell]:
    """Figures of every target-and-result table printed one cell a paragraph in *lines*, or a row a line."""
    out, i = _ruled_cells(lines, vocab, review_year), 0
    while i < len(lines):
        columns, j = _header(lines, i)
        year = _year(lines, i, review_year) if columns else None
        if not columns or year is None:
            i += 1
            continue
        rows, name = [], None
        while j < len(lines) and short_cell(lines[j].strip()):
            cell = lines[j].strip()
            if _CELL.fullmatch(cell) or re.fullmatch(rf"-?{N}\s*\S{{0,4}}", cell):
                if name is not None:
                    rows[-1][1].append(cell)
            else:
                name = _NUMBERED.sub("", cell)
                rows.append((name, []))
            j += 1
        for name, cells in rows:
            out += _row_cells(name, cells, columns, year, vocab)
        i = j
    return out


def _row_cells(name: str, cells: list[str], columns: list[bool], year: int, vocab: Vocabulary) -> list[TableCell]:
    label = re.sub(r"[(（][^)）]*[)）]", "", name).strip()
    match = vocab.pattern.search(label)
    if not match or match.start() > 2 or len(label) - len(match.group(0)) > 2:
        return []
    bracket = re.search(r"[(（]([^)）]+)[)）]", name)
    out = []
    for target, cell in zip(columns, cells):
        value = _CELL.fullmatch(cell)
        if value is None:
            continue
        bound = BOUNDS.get(value["b"] or value["p"] or "", "")
        number = float(value["v"]) * (-1 if value["verb"] in ("下降", "减少") else 1)
        if value["verb"] and value["unit"] == "%":
            out.append(TableCell(match.group(0), year, target, number, "%", bound, cell, kind="growth"))
        elif not value["verb"] and (value["unit"] or bracket):
            unit = value["unit"] or bracket.group(1)
            out.append(TableCell(match.group(0), year, target, number, unit, bound, cell,
                                 kind="" if unit == "%" else "level"))
    return out


_ATTRIBUTE = re.compile(r"预期性|约束性")
_RULED_CELL = re.compile(rf"(?P<b>[>≥<≤])?\s*(?P<v>-?{N})\s*(?P<unit>%|[万亿]?元|[万亿])?\s*(?P<p>以上|左右|以内)?\s*(?:[(（]\*[)）]|\*)?")


def _ruled_cells(lines: list[str], vocab: Vocabulary, review_year: int | None) -> list[TableCell]:
    """属性 | 指标名称 | 人代会目标 | 完成情况 (over 增幅 | 绝对值 | 评价), then rows such as 预期性 | 地区生产总值 | 8%左右 |
    9.7 | 853.2亿元 | 完成: a row's first figure is the year's target, the two after it (before 完成 / 未完成) its results:
    an amount with its unit a level, a bare number or a rate a growth (the rate itself, of an indicator in %)."""
    out, year = [], None
    for i, line in enumerate(lines):
        cells = [c.strip() for c in line.split("|") if c.strip()]
        if len(cells) >= 3 and any(c in _NAME_HEADER for c in cells) and any(_TARGET_HEADER.fullmatch(c) for c in cells) \
                and any(_RESULT_HEADER.fullmatch(c) for c in cells):
            year = _year(lines, i, review_year)
            continue
        if year is None or "|" not in line:
            year = None if "|" not in line else year
            continue
        cells = cells[1:] if cells and _ATTRIBUTE.fullmatch(cells[0]) else cells
        match = vocab.pattern.fullmatch(cells[0]) if cells else None
        values = [_RULED_CELL.fullmatch(c) for c in cells[1:]]
        if match is None or not values or values[0] is None:
            continue
        rate = vocab.name(match.group(0)).unit == "%"
        for k, value in enumerate(values[:min(3, next((k for k, v in enumerate(values) if v is None), len(values)))]):
            unit = (value["unit"] + "元" if value["unit"] in ("万", "亿") else value["unit"]) or ""
            amount = unit not in ("", "%")
            out.append(TableCell(match.group(0), year, k == 0, float(value["v"]), unit if amount else "%",
                                 BOUNDS.get(value["b"] or value["p"] or "", ""), line.strip(),
                                 kind="level" if amount else "" if rate else "growth"))
    return out
