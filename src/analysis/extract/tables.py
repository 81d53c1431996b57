"""Indicator tables written as text: ``指标 | 单位 | 2015年 | 2020年 | 2025年目标`` (``|`` or tab separated),
or a header naming years followed by rows of a name and numbers separated by spaces
(``1 全区生产总值(亿元) 1000 1008.5 完成`` under ``序号 指标名称 2020年目标值 2020年预计值``), or printed one cell
a line (:mod:`analysis.extract.cells` makes those into ``|`` lines first).

A header row names the columns (years, 目标, 预计, 单位); each following row whose
first cell is an indicator name gives one figure per year column. Columns
marked 目标/预期/规划, or (in a plan document) after its base year, are targets.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace

from analysis.extract.cells import rows_of_bare_cells, rows_of_cell_lines, rows_of_name_cells
from analysis.extract.context import YEAR, Span, plan_number
from analysis.extract.vocab import N, Vocabulary
from analysis.extract.years import average_start

_SEPARATOR = re.compile(r"\s*[|\t]\s*")
# a bound printed in a cell (≥8, 6.5%左右) as a row's bound
BOUNDS = {">": ">=", "≥": ">=", "<": "<=", "≤": "<=", "以上": ">=", "左右": "~", "以内": "<="}


@dataclass
class TableCell:
    name: str          # vocabulary key
    year: int
    target: bool
    value: float
    unit: str
    bound: str
    quote: str
    estimate: bool = False     # a 预计值 column
    kind: str = ""             # 'level' / 'growth' for a bulletin's 绝对数 / 比上年增长 columns ('' = by year)


def _cells(line: str) -> list[str] | None:
    if line.count("|") < 2 and line.count("\t") < 2:
        return None
    cells = _SEPARATOR.split(line.strip().strip("|").strip())
    return cells if len(cells) >= 2 else None


def _column(header: str, plan: Span | None, data_year: int | None = None, plan_span=None) -> tuple | None:
    """(year, is_target, kind) of a header cell, or None when it is not a year column. A bulletin's
    生产总值及其增长速度 table has no years: 绝对数 / 比上年增长 columns are levels and growth of its year;
    a “十三五”年均增长 column is the average growth over that plan (kind ``average:<first year>``), and a
    年均增长 column naming no plan, in a plan document, the average its plan sets as a target."""
    average = _PLAN_AVERAGE.search(header)
    if average and plan_span:
        span = plan_span(plan_number(average.group(1)))
        return span.last, False, f"average:{average_start(span.last, plan=span)}"
    if plan and re.search(r"年均增[长速]", header) and not re.search(YEAR, header):
        return plan.last, True, f"average:{average_start(plan.last, plan=plan)}"
    plan_last = plan.last if plan else None
    if data_year and re.search(r"增长|增速|增幅|比上年", header):
        return data_year, False, "growth"
    if data_year and re.search(r"绝对数|绝对值|总量|数值|金额|^增加值|^(?:亿元|万元|元)$|[(（](?:亿元|万元|元|万人|人|家|户)[)）]", header):
        return data_year, False, "level"
    found = re.search(rf"({YEAR})年?", header)
    target = bool(re.search(r"目标|预期|规划", header))
    if found:       # 2017年实绩总量 / 2017年目标比上年增长(%): a year's level or growth
        kind = "growth" if re.search(r"增长|增速|增幅", header) else "level" if re.search(r"总量|绝对", header) else ""
        return int(found.group(1)), target, kind
    if target and plan_last:
        return plan_last, True, ""
    return None


_SPACED_HEADER = re.compile(rf"({YEAR})\s*年\s*(目标值?|预计值?|实际值?|完成值?|规划目标|计划)?")
_SPACED_ROW = re.compile(rf"^\d{{0,3}}\s*(?P<label>[^\d\s(（]+)(?:[(（](?P<unit>[^)）]+)[)）])?\s*(?P<numbers>(?:-?{N}\s*)+)")


def _spaced_rows(lines: list[str], vocab: Vocabulary) -> list[TableCell]:
    """Rows of tables whose columns are separated by spaces only (a header with two or more years)."""
    out, columns = [], None
    for line in lines:
        header = list(_SPACED_HEADER.finditer(line))
        if len(header) >= 2 and not re.search(rf"{N}\s+{N}", line):
            columns = [(int(h.group(1)), bool(re.search(r"目标|规划|计划", h.group(2) or "")),
                        "预计" in (h.group(2) or "")) for h in header]
            continue
        row = _SPACED_ROW.match(line) if columns else None
        if row is None:
            columns = None                  # a line that is not a row ends the table
            continue
        numbers = re.findall(N, row["numbers"])
        match = vocab.pattern.search(row["label"])
        if len(numbers) != len(columns) or not match or len(row["label"]) - len(match.group(0)) > 2:
            continue
        for (year, target, estimate), number in zip(columns, numbers):
            out.append(TableCell(vocab.key(match.group(0)), year, target, float(number), row["unit"] or "", "",
                                 line.strip(), estimate))
    return out


_YEAR_HEAD = re.compile(r"年份|年度|年\s*份|时间")
_GROWTH_HEAD = re.compile(r"(?:比上年)?(?:增速|增长|增幅)率?")


def _year_rows(lines: list[str], vocab: Vocabulary) -> list[TableCell]:
    """A table with a year a row: ``年份 | GDP(亿元) | 增速(%)`` over ``2016年 | 2080.54 | 8.7``; a growth column
    right after a name's is that name's growth."""
    out, columns = [], None
    for line in lines:
        cells = _cells(line)
        if cells is None:
            columns = None
            continue
        if _YEAR_HEAD.fullmatch(cells[0].strip()):
            columns = {}
            for i, cell in enumerate(cells[1:], 1):
                label = re.sub(r"[(（][^)）]*[)）]", "", cell).strip()
                unit = re.search(r"[(（]([^)）]+)[)）]", cell)
                name = vocab.pattern.fullmatch(label)
                if name:
                    columns[i] = (name.group(0), "level", unit.group(1) if unit else "")
                elif _GROWTH_HEAD.fullmatch(label) and columns.get(i - 1, ("", "", ""))[1] == "level":
                    columns[i] = (columns[i - 1][0], "growth", "%")
            continue
        year = re.fullmatch(rf"\s*({YEAR})\s*年?\s*", cells[0]) if columns else None
        if year is None:
            columns = None
            continue
        for i, (name, kind, unit) in columns.items():
            value = re.fullmatch(rf"\s*(-?{N})\s*", cells[i]) if i < len(cells) else None
            if value:
                out.append(TableCell(name, int(year.group(1)), False, float(value.group(1)), unit, "", line.strip(),
                                     kind=kind))
    return out


_VALUE_CELL = re.compile(rf"[>≥<≤]?\s*-?{N}\s*%?\s*\*?\s*(?:以上|左右|以内)?")     # a row's value, never a header's


_PLAN_AVERAGE = re.compile(r"十([一二三四五六七八九])五[”\"]?(?:期间|时期)?年均增[长速]")


def table_cells(lines: list[str], vocab: Vocabulary, plan: Span | None = None,
                data_year: int | None = None, plan_span=None) -> list[TableCell]:
    """Figures of every text table in *lines* (normalised paragraphs). *plan* is the plan a plan document sets
    out; *plan_span* gives a plan's years from its ordinal (14 → 2021–2025), for a “十三五”年均增长 column."""
    lines = rows_of_name_cells(rows_of_bare_cells(rows_of_cell_lines(lines)))
    out, columns, unit_column, level_unit = _spaced_rows(lines, vocab) + _year_rows(lines, vocab), None, None, ""
    after_header = False
    for line in lines:
        cells = _cells(line)
        if cells is None:
            columns = None
            continue
        years = _year_subheader(cells)
        if years:                  # 2015年 | 2016年 with no label cell: under 现价, or the value columns themselves
            columns, after_header = _under_level(columns if after_header else None, years), False
            continue
        after_header = False
        if line.lstrip().startswith("|") and _column(cells[0], plan, data_year, plan_span):
            cells = ["", *cells]     # | 绝对数(亿元) | 比上年增长(%) |: a header with no cell over the names
        header = _plan_columns(cells, _done_columns(cells, {i: _column(c, plan, data_year, plan_span)
                                                            for i, c in enumerate(cells) if i > 0}))
        if any(header.values()) and not any(_VALUE_CELL.fullmatch(c) for c in cells):
            columns = {i: v for i, v in header.items() if v}
            unit_column = next((i for i, c in enumerate(cells) if "单位" in c), None)
            level_unit = next((re.sub(r".*[(（]|[)）].*", "", c) for i, c in enumerate(cells)
                               if columns.get(i, (0, 0, ""))[2] == "level" and re.search(r"[(（].+[)）]", c)), "")
            after_header = True
            continue
        if not columns:
            continue
        label = re.sub(r"[(（][^)）]*[)）]", "", cells[0]).strip()
        match = vocab.pattern.search(label)
        if not match or match.start() > 2 or len(label) - len(match.group(0)) > 2 or (
                "占" in label and "占" not in match.group(0)):
            continue
        unit = cells[unit_column] if unit_column is not None and unit_column < len(cells) else ""
        if not unit:
            bracket = re.search(r"[(（]([^)）]+)[)）]", cells[0])
            unit = bracket.group(1) if bracket else ""
        growth_row = bool(re.fullmatch(r"增速|增长|增幅|增长率", label[match.end():]))     # 规上工业增加值增速 | %
        if unit == "%" and vocab.name(match.group(0)).unit not in ("%", "") and not growth_row:
            continue          # 累计全社会固定资产投资(%): rates of an amount the row does not name, in every column
        for i, (year, target, kind) in columns.items():
            if i >= len(cells):
                continue
            kind = "growth" if growth_row and not kind else kind
            value = re.fullmatch(rf"(?P<b>[>≥<≤])?\s*(?P<v>-?{N})\s*(?:(?P<pct>%)|(?P<u>[万亿]?元|万?人|家|个|万?吨))?"
                                 rf"\s*(?P<p>以上|左右|以内)?", cells[i])      # 553.2亿元: the cell prints its unit
            growth = kind == "growth" or kind.startswith("average")
            if not value or (value["pct"] and not growth and unit != "%"):
                continue                 # 9.2% in an amount's year column: a rate the row does not name
            bound = BOUNDS.get(value["b"] or value["p"] or "", "")
            if value["u"] and (growth or not vocab.compatible(value["u"], vocab.name(match.group(0)).unit)):
                continue
            out.append(TableCell(match.group(0), year, target, float(value["v"]),
                                 "%" if growth else (value["u"] or unit or (level_unit if kind == "level" else "")),
                                 bound, line.strip(), kind=kind))
    return _rate_sized_targets(out)


def _year_subheader(cells: list[str]) -> list[int]:
    """The years of a header row made of year cells only (2015年 | 2016年 under a 现价 cell), else []."""
    found = [re.fullmatch(rf"\s*({YEAR})\s*年?\s*", c) for c in cells if c.strip()]
    return [int(m.group(1)) for m in found] if found and all(found) and len(found) >= 2 else []


def _under_level(columns: dict | None, years: list[int]) -> dict:
    """The header's first level column split into one column per year of the row under it, the columns after it
    moved right: 项目 | 现价(亿元) | 增速 over 2015年 | 2016年 reads 项目 | 2015 | 2016 | 增速. With no such header
    (a bulletin whose year is not known, so 现价 names none) the years are the first value columns."""
    level = min((i for i, v in (columns or {}).items() if v[2] == "level"), default=None)
    if level is None:
        return {k + 1: (year, False, "") for k, year in enumerate(years)}
    out = {i: v for i, v in columns.items() if i < level}
    out.update({level + k: (year, columns[level][1], "level") for k, year in enumerate(years)})
    out.update({i + len(years) - 1: v for i, v in columns.items() if i > level})
    return out


_DONE_HEADER = re.compile(r"(?:实际)?完成(?:情况|值|数)?|实绩|执行情况")


def _done_columns(cells: list[str], header: dict) -> dict:
    """指标 | 单位 | 2025年目标 | 完成情况: a results column naming no year is of the year its target column names."""
    years = {v[0] for v in header.values() if v and v[1]}
    if len(years) != 1:
        return header
    year = years.pop()
    return {i: (year, False, "") if v is None and _DONE_HEADER.fullmatch(cells[i].strip()) else v
            for i, v in header.items()}


_SHARE_OF_PLAN = re.compile(r"完成(?:年度|全年)?计划")


def _plan_columns(cells: list[str], header: dict) -> dict:
    """指标 | 1季度累计 | 同比增速 | 2016年 | 完成年度计划(%): beside a column of the share of the plan done, a year column
    naming no result is the year's plan, a target."""
    if not any(_SHARE_OF_PLAN.search(c) for c in cells):
        return header
    return {i: (v[0], True, v[2]) if v and not v[1] and not _DONE_HEADER.search(cells[i]) and re.fullmatch(
        rf"\s*{YEAR}\s*年?\s*", cells[i]) else v for i, v in header.items()}


def _rate_sized_targets(cells: list[TableCell]) -> list[TableCell]:
    """A year's target printed in an amount's row (地区生产总值 | 亿元 | 6 | 312.5) that is a rate's size (≤ 30)
    and under a tenth of that year's figure in the same row is its growth target, not a level."""
    levels = {(c.quote, c.year): c.value for c in cells if not c.target and c.kind in ("", "level") and c.unit != "%"}
    out = []
    for c in cells:
        done = levels.get((c.quote, c.year))
        if c.target and c.kind == "" and c.unit != "%" and done and 0 < c.value <= 30 and done >= 10 * c.value:
            c = replace(c, kind="growth", unit="%")
        out.append(c)
    return out
