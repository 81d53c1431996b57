"""The partial-year cue in force at a figure: 1—11月, 前三季度, 上半年, 截至9月, 今年以来 … mark the rest of their
paragraph (or only their clause, or their sentence, see :func:`_partial_cues`), or the whole document when its title
or opening sentence says so (``Document.partial``); 全年 in a clause lifts the mark for that clause.

In: a paragraph, a position in it, the :class:`~analysis.extract.context.Document` and the words of the figure's
clause. Out: the cue's words ('' for an annual figure).
"""
from __future__ import annotations

import re
from bisect import bisect_right
from functools import lru_cache

from analysis.extract.context import ANNUAL_RE, PARTIAL_RE, YEAR, Document, back_to, dates_a_fact


def partial_at(text: str, pos: int, doc: Document, clause: str, year: int | None = None) -> str:
    """The partial-year cue in force at *pos* of a paragraph ('' for an annual figure); *year*: the figure's, when
    read (今年以来 in a report on a year delivered after it is that whole year)."""
    if ANNUAL_RE.search(clause) and not PARTIAL_RE.search(clause):
        return ""
    ends, cues, limits, asides, bracketed = _partial_cues(text)
    i = bisect_right(ends, pos) - 1          # the last cue that ends by pos (one scan per paragraph, not per figure)
    while i >= 0 and bracketed[i] and pos > limits[i]:
        i -= 1                               # (1-7月份,…) / 截至2021年10月,…。 ended before pos: the cue before it holds
    if i >= 0 and _WHOLE_YEAR_AFTER.search(text, ends[i], pos):
        return ""            # 截至2025年9月,…。截至2023年末,常住人口10.25万人: a year's end named after the cue
    annual_account = doc.data_year is not None and not doc.partial       # a year's bulletin
    if i >= 0 and (_whole_year_estimate(text, ends[i], pos, cues[i] in ("今年以来", "年初以来"))
                   or ((annual_account or asides[i]) and pos > limits[i])):
        return ""            # 年初以来,…。预计2025年末,地区生产总值… : the estimate is of the whole year
    if i >= 0 and cues[i] in ("今年以来", "年初以来") and year is not None and doc.year is not None and year < doc.year:
        return ""            # a report on 2022 delivered in January 2023: its 今年以来 was the whole of 2022
    if i < 0 and year is not None and doc.year is not None and year < doc.year and \
            text[back_to(text, pos, "。"):pos].lstrip().startswith(f"{year}年"):
        return ""            # a page on this year's first half: 2020年,…实现地区生产总值703.4亿元 is an earlier whole year
    return cues[i] if i >= 0 else doc.partial


# a year's end or a year opening a sentence or clause (not 按其2019年末常住人口…计算, an aside inside one)
_WHOLE_YEAR_AFTER = re.compile(rf"(?:^|(?<=[。；;,，]))\s*(?:截至|截止)?{YEAR}年(?:末|底)|(?:^|(?<=[。；;]))\s*{YEAR}年[,，]")

# after a partial-year cue, an estimate that opens a sentence (。预计2025年末 / 。预计(下同)) is of the whole year for the
# rest of the paragraph, as a plan-execution report or a year-end speech gives them after 年初以来 / 今年以来 / 上半年;
# one inside a sentence that names the whole year (…,预计全年突破…) only up to the next ；or 。
# (after 第一季度,… an estimate naming no year, 预计全县完成…, is the quarter's; after 今年以来 it is the year's)
_OPENING_ESTIMATE = re.compile(r"(?:^|(?<=[。；;！？!?]))\s*预计")
_YEAR_NAMED = re.compile(r"[^。；;]{0,8}?(?:[(（]下同[)）]|\d{4}年|全年|年末|年底|到年)")
_NAMED_ESTIMATE = re.compile(r"预计[^。；;]{0,12}?(?:全年|年末|年底)")


def _whole_year_estimate(text: str, start: int, pos: int, so_far: bool = True) -> bool:
    """An estimate after the cue (ending at *start*) is of the whole year; *so_far*: the cue is 今年以来 / 年初以来,
    after which any estimate opening a sentence is; after a quarter or months only one naming the year is."""
    if any(so_far or _YEAR_NAMED.match(text, m.end()) for m in _OPENING_ESTIMATE.finditer(text, start, pos)):
        return True
    named = [m.end() for m in _NAMED_ESTIMATE.finditer(text, start, pos)]
    return bool(named) and not re.search(r"[。；;]", text[named[-1]:pos])


@lru_cache(maxsize=8)
def _partial_cues(text: str) -> tuple[list[int], list[str], list[int], list[bool], list[bool]]:
    """Ends and words of the partial-year cues of a paragraph, how far each holds and whether it is an aside: to the
    paragraph's end, only to its clause's end after 全年 (an aside), only inside its brackets ((1-7月份,…): the cue before
    them holds after), only to its sentence's end when it dates a fact (截至2021年10月,…下辖3个街道。: the cue before it
    holds after), and only to its sentence's end in a breakdown of a
    year's bulletin by period (分季度看,GDP一季度…上半年…前三季度…。
    人均GDP 51525元: the sentence after it is the year's again)."""
    found = list(PARTIAL_RE.finditer(text))
    limits, asides, bracketed = [], [], []
    for m in found:
        start, stop = back_to(text, m.start(), "。"), _sentence_stop(text, m.end())
        sentence = text[start:stop]
        breakdown = sentence.lstrip().startswith(("分季度", "分月", "分时段")) or len(
            {c.group(0) for c in PARTIAL_RE.finditer(sentence)}) >= 2
        # 预计全年实现…,三季度三次产业比重为…;财政收入…: an aside inside a whole year's account holds to its clause
        aside = "全年" in text[start:m.start()] and not PARTIAL_RE.search(text, 0, m.start())     # in its sentence
        closing = _bracket_close(text, start, m.start())      # (增速由上半年-5.5%转为增长1.1%): only inside its brackets
        dated = dates_a_fact(m)                                # 截至2021年10月,…: its sentence
        limits.append(closing if closing is not None else _clause_stop(text, m.end()) if aside else stop if breakdown
                      or dated else len(text))
        asides.append(aside)
        bracketed.append(closing is not None or dated)       # past its limit, the cue before it holds again
    return [m.end() for m in found], [m.group(0) for m in found], limits, asides, bracketed


def _bracket_close(text: str, start: int, pos: int) -> int | None:
    """The end of the bracket *pos* is inside (opened after *start*), or None when it is in none."""
    opened = max(text.rfind("(", start, pos), text.rfind("（", start, pos))
    if opened < 0 or max(text.rfind(")", opened, pos), text.rfind("）", opened, pos)) >= 0:
        return None
    ends = [i for i in (text.find(")", pos), text.find("）", pos)) if i >= 0]
    return min(ends) if ends else None


def _clause_stop(text: str, pos: int) -> int:
    return min((i for i in (text.find(ch, pos) for ch in "；;。") if i >= 0), default=len(text))


def _sentence_stop(text: str, pos: int) -> int:
    stop = text.find("。", pos)
    return len(text) if stop < 0 else stop
