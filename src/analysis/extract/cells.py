"""Tables printed one cell a line, made into one ``|``-separated line a row for :mod:`analysis.extract.tables`.

In: a document's paragraphs. Out: the same paragraphs with each such table's header and rows as ``|`` lines:
cells closed by ``|`` on lines of their own (:func:`rows_of_cell_lines`), or bare cells under ``序号`` with rows
numbered 1, 2, 3 … and a header of one or two rows (:func:`rows_of_bare_cells`), or bare cells with no 序号: a
title naming the year, header cells, then rows of a name and one number a header cell (:func:`rows_of_name_cells`).
"""
from __future__ import annotations

import re

from analysis.extract.context import YEAR


def rows_of_cell_lines(lines: list[str]) -> list[str]:
    """A table printed one cell a line (``地区生产总值(亿元) |`` then ``300.41 |`` …, each row closed by a line
    of ``|`` only) as one ``|``-separated line a row; other lines unchanged."""
    out, row = [], []

    def close():
        if len(row) > 1:                 # a row of one cell (一、经济发展) heads a group of rows: not a row
            out.append(" | ".join(row) + " |")
        row.clear()

    for line in lines:
        cell = line.strip()
        if re.fullmatch(r"\|+", cell):
            close()
        elif cell.endswith("|") and cell.count("|") == 1:
            row.append(cell[:-1].strip())
        else:
            close()
            out.append(line)
    close()
    return out


_ROW_UNIT = re.compile(r"[(（][^()（）]{1,8}[)）]")
_HEADER_TAIL = re.compile(r"基数|目标值?|属性|预计值?|完成值?|实际值?|规划目标|实绩")


def rows_of_bare_cells(lines: list[str]) -> list[str]:
    """A table printed one cell a paragraph without ``|`` (``序号`` / ``指标名称`` / ``2020年`` / ``基数`` / … then
    ``1`` / ``常住人口城镇化率(%)`` / ``99.49%`` / …, rows numbered 1, 2, 3 …) as one ``|``-separated line for its
    header and for each row; other lines unchanged. A header cell split over two paragraphs (2020年 / 基数) is
    joined; a row's unit on a paragraph of its own (``(亿元)``) goes to its name."""
    out, i = [], 0
    while i < len(lines):
        header, j = _bare_header(lines, i)
        rows, k = _bare_rows(lines, j) if header else ([], i)
        if not rows:
            out.append(lines[i])
            i += 1
            continue
        out += [" | ".join(["指标名称", *header]), *rows]
        i = k
    return out


def short_cell(line: str) -> bool:
    return len(line) <= 24 and not re.search(r"[。；;，,|]", line)


def _bare_header(lines: list[str], i: int) -> tuple[list[str] | None, int]:
    """(header cells after the name column, index of row 1) of a bare-cell table starting at *i* (序号), or None."""
    if lines[i].strip() != "序号":
        return None, i
    header, j, done = [], i + 1, False
    while j < len(lines) and short_cell(lines[j]) and lines[j].strip() != "1":
        cell = lines[j].strip()
        if re.search(r"\d", re.sub(rf"{YEAR}年", "", cell)):
            done = True                   # 提前完成(11个): a group label between the header and row 1
        elif not done and header and _HEADER_TAIL.fullmatch(cell) and re.search(r"年$|^指标$", header[-1]):
            header[-1] += cell            # 2020年 / 基数 → 2020年基数; 指标 / 属性 → 指标属性
        elif not done:
            header.append(cell)
        j += 1
    header = _spread_subheader([c for c in header if c not in ("指标名称", "指标", "项目")])
    if j >= len(lines) or lines[j].strip() != "1" or not any(re.search(rf"{YEAR}年", c) for c in header):
        return None, i
    return header, j


_SUBHEADER = re.compile(r"(?P<level>总量|绝对数|绝对值|数值)|(?P<growth>(?:比上年)?(?:增长|增速|增幅)率?)(?:[(（]%[)）])?")


def _spread_subheader(header: list[str]) -> list[str]:
    """A two-row header read cell by cell (2017年目标 | 2017年实绩 | 评价 | 比上年增长(%) | 总量 | 比上年增长(%)) as one row:
    the second row's cells, in groups (a group starts at a level, or at a growth after a growth), go in order under
    the first row's year columns (2017年目标比上年增长(%) | 2017年实绩总量 | 2017年实绩比上年增长(%) | 评价)."""
    first = next((k for k, c in enumerate(header) if _SUBHEADER.fullmatch(c)), len(header))
    subs = header[first:]
    if len(subs) < 2 or not all(_SUBHEADER.fullmatch(c) for c in subs):
        return header
    groups: list[list[str]] = []
    for cell in subs:
        growth = _SUBHEADER.fullmatch(cell)["growth"]
        if not groups or not growth or _SUBHEADER.fullmatch(groups[-1][-1])["growth"]:
            groups.append([cell])
        else:
            groups[-1].append(cell)
    tops = [c for c in header[:first] if re.search(rf"{YEAR}年", c)]
    if len(groups) != len(tops):
        return header
    spread = iter(groups)
    return [cell for top in header[:first] for cell in ([top + sub for sub in next(spread)] if top in tops else [top])]


def _bare_rows(lines: list[str], j: int) -> tuple[list[str], int]:
    """The numbered rows of a bare-cell table from *j* (its row 1), as ``|`` lines, and the index after them."""
    rows, number = [], 1

    def starts_row(k, n):
        return k + 1 < len(lines) and lines[k].strip() == str(n) and re.match(r"[\u4e00-\u9fff]", lines[k + 1].strip())

    while starts_row(j, number):
        name, j = lines[j + 1].strip(), j + 2
        if j < len(lines) and _ROW_UNIT.fullmatch(lines[j].strip()):
            name, j = name + lines[j].strip(), j + 1
        cells = []
        while j < len(lines) and short_cell(lines[j]) and not starts_row(j, number + 1):
            cells.append(lines[j].strip())
            j += 1
        rows.append(" | ".join([name, *cells]) + " |")
        number += 1
    return rows, j


_NUMBER_CELL = re.compile(r"[>≥<≤]?\s*-?\d+(?:\.\d+)?\s*%?\s*(?:以上|左右|以内)?")
_NAME_CELL = re.compile(r"[\u4e00-\u9fff][^\d。；;，,|]{1,15}")


def rows_of_name_cells(lines: list[str]) -> list[str]:
    """A table printed one cell a paragraph with no 序号 (明光市's plan report: ``2023年…主要指标预计完成情况`` /
    ``全年预期目标(增速%`` / ``预计全年完成情况`` / ``(增速%`` / ``地区生产总值`` / ``8.5`` / ``7.5`` / …) as one
    ``|`` line for its header and for each row. A header cell opening with a bracket continues the cell before (its
    closing bracket may be lost); the title's year goes to header cells naming none. At least two rows of a name
    and as many numbers as header cells; other lines unchanged."""
    out, i = [], 0
    while i < len(lines):
        header, j = _name_cells_header(lines, i)
        rows, k = _name_cells_rows(lines, j, len(header)) if header else ([], i)
        if len(rows) < 2:
            out.append(lines[i])
            i += 1
            continue
        year = re.search(rf"({YEAR})年", lines[i - 1]) if i else None
        named = [c if re.search(rf"{YEAR}年", c) or not year else year.group(0) + c for c in header]
        out += [" | ".join(["指标名称", *named]) + " |", *rows]
        i = k
    return out


def _name_cells_header(lines: list[str], i: int) -> tuple[list[str], int]:
    header, j = [], i
    while j < len(lines) and short_cell(lines[j]) and not re.search(r"\d", lines[j]):
        cell = lines[j].strip()
        if re.match(r"[(（]", cell) and header:
            header[-1] += cell
        else:
            first_row = j + 1 < len(lines) and _NUMBER_CELL.fullmatch(lines[j + 1].strip())
            if header and _NAME_CELL.fullmatch(cell) and first_row:
                break                               # the first row's name, not a header cell
            header.append(cell)
        j += 1
    header = [c + ")" if c.count("(") > c.count(")") else c for c in header]
    return (header, j) if len(header) >= 2 and any(re.search(r"目标|预计|完成|增速|增长", c) for c in header) else ([], i)


def _name_cells_rows(lines: list[str], j: int, width: int) -> tuple[list[str], int]:
    rows = []
    while j + width < len(lines) and _NAME_CELL.fullmatch(lines[j].strip()) and \
            all(_NUMBER_CELL.fullmatch(lines[j + k].strip()) for k in range(1, width + 1)):
        rows.append(" | ".join(lines[j + k].strip() for k in range(width + 1)) + " |")
        j += width + 1
    return rows, j
