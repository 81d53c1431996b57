"""Lines a PDF broke inside a sentence, joined again before extraction reads them.

In: the document's non-empty lines. Out: the lines to read (broken sentences joined). :func:`verbatim` finds a
quote again in the text as printed (line breaks, layout spaces, table cells), so that quotes stay verbatim.
"""
from __future__ import annotations

import re

_BREAK_END = re.compile(r"[\u4e00-\u9fff\d%,，、]$")
_VERB_FIRST = re.compile(r"(?:同比|比上年)?(?:增长|下降|达到|达|为|完成|实现)-?\d")
_NEW_ITEM = re.compile(r"^(?:[一二三四五六七八九十]+[、.．]|[(（][一二三四五六七八九十\d]+[)）]|\d+[、.．](?!\d)|第.{1,3}[章节篇部分]|[|\t])")


def join_broken_lines(lines: list[str]) -> list[str]:
    """Lines a PDF broke inside a sentence (…实现地区生产总值158.6亿 / 元,增长6%; …的1. / 37倍) joined again: a long line that
    ends without a sentence's end, followed by one that starts no new item. Headings and table rows stay apart.
    A quote from a joined line is found again as printed by :func:`verbatim`."""
    groups: list[list[str]] = []
    for line in lines:
        prev = groups[-1][-1] if groups else ""
        split_figure = bool(re.search(r"[\d.亿万]$", prev) and re.match(r"[亿万元%人家个户吨亩]", line)) or bool(
            re.search(r"(?:增长|下降|达到|达)$", prev) and re.match(r"-?\d+(?:\.\d+)?(?:%|亿|万|元)", line)) or bool(
            re.search(r"\D\d+\.$", prev) and re.match(r"\d", line)) or bool(     # 是2011年的1. / 37倍: inside a decimal
            re.search(r"(?:增|下|提|上)$", prev) and re.match(r"(?:长|降|高|涨)\s*-?\d", line))   # 同比增 / 长6.0%
        # …总体向好。全市生产总值 / 增长7.6%,…: a short line of prose (a sentence ended in it) broken before its verb
        split_clause = bool(re.search(r"[。；;,，][^。；;]*[\u4e00-\u9fff]$", prev) and _VERB_FIRST.match(line))
        speech_line = bool(re.search(r"^——|会议上$", prev))     # ——2024年1月9日在…会议上: a whole line
        if ((len(prev) >= 30 and _BREAK_END.search(prev) and not speech_line or split_figure or split_clause)
                and prev.count("|") < 2
                and "\t" not in prev and not _NEW_ITEM.match(line) and line.count("|") < 2):
            groups[-1].append(line)
        else:
            groups.append([line])
    return ["".join(group) for group in groups]


def verbatim(quote: str, text: str) -> str:
    """A quote as *text* prints it: the same characters in order with only layout between them (line breaks a PDF
    put inside a sentence, spaces around a decimal point or before %, the ``|`` and breaks of a table's cells read
    one a line). The quote unchanged when it is already verbatim or cannot be found."""
    if not quote or quote in text:
        return quote
    chars = [c for c in quote if not c.isspace() and c != "|"]
    found = re.search(r"[\s|]*".join(map(re.escape, chars)), text)
    return found.group(0) if found else quote
