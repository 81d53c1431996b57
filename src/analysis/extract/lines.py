"""Lines a PDF broke inside a sentence, joined again before extraction reads them.

In: the document's non-empty lines. Out: the lines to read (broken sentences joined). :func:`verbatim` finds a
quote again in the text as printed (line breaks, layout spaces, table cells), so that quotes stay verbatim.
"""
from __future__ import annotations

import re

_BREAK_END = re.compile(r"[\u4e00-\u9fff\d%,，、(（]$")
_VERB_FIRST = re.compile(r"(?:分别|均)?(?:同比|比上年)?(?:分别|均)?(?:增长|下降|达到|达|为|完成|实现)-?\d")
_FIGURE_END = re.compile(r"\d(?:%|[亿万]?[元人户家个吨亩斤]|亿|万)$")
_GOES_ON = re.compile(r"[和及与、,，;；。:：)）]|(?:分别|同比|比上年|较上年|增长|下降|增速|占)")
_TITLE_END = re.compile(r"(?:公报|报告|情况|规划|纲要|意见|通知|决定|讲话|回顾|目标|任务)$")
_CELLS = re.compile(r"\d\s+-?\d")
_PAGE_NUMBER = re.compile(r"^[-—–]\s*\d{1,3}\s*[-—–]$")
_LAYOUT = r"(?:[\s|]|\n\s*[-—–]\s*\d{1,3}\s*[-—–]\s*(?=\n))*"      # spaces, line breaks, cells, a page number's line
_NEW_ITEM = re.compile(r"^(?:[一二三四五六七八九十]+[、.．]|[(（][一二三四五六七八九十\d]+[)）]|\d+[、.．](?!\d)|第.{1,3}[章节篇部分]|[|\t])")


_NUMBER_LINE = re.compile(r"-?\d+(?:\.\d+)?%?")
_GOES_ON_AFTER_NUMBER = re.compile(r"[年倍亿万元%个家户人吨亩斤,，、。:：;；)）]")


def _numbers_set_apart(lines: list[str]) -> list[str]:
    """Prose a page printed with every number on a line of its own (实现服务业增加值 / 83.81 / 亿元,年均增长 / 17.3% / 。):
    five or more such lines, never two in a row, and most lines after them going on with the number (a unit, 年, a
    comma: not a table printed one cell a line, whose 序号 and values stand between names) are joined to the lines
    around them."""
    alone = [i for i, line in enumerate(lines) if _NUMBER_LINE.fullmatch(line.strip())]
    standing = set(alone)
    if len(alone) < 5 or any(b - a == 1 for a, b in zip(alone, alone[1:])):
        return lines
    going_on = sum(1 for i in alone if i + 1 < len(lines) and _GOES_ON_AFTER_NUMBER.match(lines[i + 1].strip()))
    if going_on < 0.8 * len(alone):
        return lines
    out: list[str] = []
    for i, line in enumerate(lines):
        if out and (i in standing or i - 1 in standing) and not _NEW_ITEM.match(line):
            out[-1] += line
        else:
            out.append(line)
    return out


def join_broken_lines(lines: list[str]) -> list[str]:
    """Lines a PDF broke inside a sentence (…实现地区生产总值158.6亿 / 元,增长6%; …的1. / 37倍) joined again: a long line that
    ends without a sentence's end, followed by one that starts no new item. Headings and table rows stay apart.
    A quote from a joined line is found again as printed by :func:`verbatim`."""
    lines = _numbers_set_apart(lines)
    groups: list[list[str]] = []
    for i, line in enumerate(lines):
        if _PAGE_NUMBER.match(line):
            continue                 # - 2 -: a PDF's page number, wherever the page broke (even inside a figure)
        prev = groups[-1][-1] if groups else ""
        before = groups[-1][-2] if groups and len(groups[-1]) > 1 else ""
        # a PDF's block of body text: lines of about the same width, each broken where the width ran out
        # (not a table's rows: 1全区生产总值(亿元) 1000 1008.5完成, numbers apart on one line)
        # (nor a title: 2022年某县国民经济和社会发展统计公报, the document's first line)
        block = len(prev) >= 20 and (_same_width(prev, line) or _same_width(prev, before)) and \
            not any(_CELLS.search(x) for x in (prev, line)) and len(groups) > 1 and not _TITLE_END.search(prev)
        split_figure = bool(re.search(r"[\d.亿万]$", prev) and re.match(r"[亿万元%人家个户吨亩]", line)) or bool(
            re.search(r"(?:增长|下降|达到|达)$", prev) and re.match(r"-?\d+(?:\.\d+)?(?:%|亿|万|元)", line)) or bool(
            re.search(r"\D\d+\.$", prev) and re.match(r"\d", line)) or bool(     # 是2011年的1. / 37倍: inside a decimal
            re.search(r"(?:增|下|提|上)$", prev) and re.match(r"(?:长|降|高|涨)\s*-?\d", line))   # 同比增 / 长6.0%
        # …总体向好。全市生产总值 / 增长7.6%,…: a short line of prose (a sentence ended in it) broken before its verb
        # (or a short line of one phrase, 全年GDP / 增长5.3%左右, as a page set one phrase a line prints it)
        split_clause = bool(re.search(r"(?:[。；;,，][^。；;]*[\u4e00-\u9fff]|^[^。；;,，\d]{2,16}[\u4e00-\u9fffA-Za-z])$", prev)
                            and _VERB_FIRST.match(line))
        # ——2024年1月9日在…会议上: a whole line (not ——过去的五年,…由“十五”末的 / 12.8亿元…, prose broken by the page)
        speech_line = bool(re.search(r"^——[^。]{0,12}?\d{1,2}月\d{1,2}日|会议上$", prev))
        # 全年GDP / 增长5.3%左右: a phrase a line, the label of the value on the next line, starts its own
        label = len(line) <= 16 and not re.search(r"[\d。；;,，]", line) and \
            i + 1 < len(lines) and bool(_VERB_FIRST.match(lines[i + 1]))
        # a line ending on a whole figure (…网络零售额突破600亿元) ended its clause: a PDF keeps the comma after it
        # (unless the next line goes on with it: 和15.3% / ,下降4.3% / 增长8%)
        whole = bool(_FIGURE_END.search(prev)) and not _GOES_ON.match(line)
        if (((len(prev) >= 30 or block) and _BREAK_END.search(prev) and not speech_line and not whole
             or split_figure or split_clause)
                and prev.count("|") < 2
                and "\t" not in prev and not _NEW_ITEM.match(line) and line.count("|") < 2 and not label):
            groups[-1].append(line)
        else:
            groups.append([line])
    return ["".join(group) for group in groups]


def _same_width(a: str, b: str) -> bool:
    return abs(len(a) - len(b)) <= 4


def verbatim(quote: str, text: str) -> str:
    """A quote as *text* prints it: the same characters in order with only layout between them (line breaks a PDF
    put inside a sentence, spaces around a decimal point or before %, the ``|`` and breaks of a table's cells read
    one a line). The quote unchanged when it is already verbatim or cannot be found."""
    if not quote or quote in text:
        return quote
    chars = [c for c in quote if not c.isspace() and c != "|"]
    found = re.search(_LAYOUT.join(map(re.escape, chars)), text)
    return found.group(0) if found else quote
