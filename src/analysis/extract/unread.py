"""Numbers a document prints as amounts that no proposed row carries: listed, so that nothing is dropped silently.

In: the paragraphs the extractor read, the values of the rows it kept from each paragraph (any status), the rows
of its text tables and the vocabulary. Out: one row per number printed as an amount (with a unit, 余/多 before one,
万 or 亿 alone, a magnitude in words before 亿 (双千亿, 百亿级), whatever follows it, or none; not a date, a year, an
ordinal or a rank) that no kept row of its paragraph carries, with
indicator ``unknown``, status ``not_read``, confidence 0, no year or kind, and its clause as the quote. The review
file lists them after the proposals: a reviewer who finds a figure the table tracks among them adds its row by
hand (``merge`` refuses these rows as they are: their indicator is unknown and they have no year).

A number counts as carried when a kept row of the same paragraph has its value (a fall, 下降3.4%, is carried by
-3.4). What is not a row is listed: a multiple, growth over several years, a figure under a name the grammar did
not attach, a second reading of a figure that ``_dedupe`` set aside, a figure of an undated paragraph.
"""
from __future__ import annotations

import re

from analysis.data.merge import UNKNOWN_INDICATOR as UNKNOWN
from analysis.extract.clauses import CLAUSE_END, SENTENCE_END, value_pattern
from analysis.extract.context import back_to
from analysis.extract.vocab import CN_NUMBER, N, Vocabulary, number, unit_of

NOT_READ = "not_read"
NOTE = "check:not_read (a number no proposed row carries; add its row by hand if the table tracks it)"


def _clause(para: str, start: int, end: int) -> str:
    """The number's clause and the one before it in its sentence (增长6.8% alone does not say what grew)."""
    stop = min((i for i in (para.find(ch, end) for ch in CLAUSE_END) if i >= 0), default=len(para))
    first = back_to(para, start, CLAUSE_END)
    if first > 0 and para[first - 1] not in SENTENCE_END:
        first = back_to(para, first - 1, CLAUSE_END)
    return para[first:stop].strip()


# any other number printed as an amount, whatever follows it: with 余/多 before its unit (7500余户), with 万/亿 alone
# (户籍人口86.3万,), with none (常住人口766579, or a text table's cell: 地区生产总值 | 亿元 | 120.5 | 6.1), at a line's end
# (16883 / - 2 - / 元) or before words no unit reads (8.5虬比全市…, a page whose % was lost); not a date (2023年, 6月, 15日,
# 2023-02-22, 11:06), an ordinal (第3, 表1), a clause number (1.), a multiple's base year or a ratio (11.1:46.8:42.1), a
# change in points (2.5个百分点: never a figure of the table), part of an address or a code (art_7588), and never a number
# inside another; a minus sign not after a digit (| -0.3 |, a table's fall) is the number's
_OTHER = re.compile(rf"(?:(?<![\d.\-−–－])(?P<minus>[-−–－])|(?<![第表图:：\-−–－A-Za-z_/]))(?P<num>{N})(?![A-Za-z_/:：]|个百分点)"
                    rf"(?:(?P<unit>(?:余|多)?[\u4e00-\u9fff]{{0,2}}?)(?=[，,；;。、）)\n\t|]|\s|$)|"
                    rf"(?P<big>余?[万亿])(?![元人户家个吨亩斤])|(?P<words>(?:余|多)?[\u4e00-\u9fff]{{0,2}}))")
# a magnitude in words before 亿 whatever follows it (双千亿目标, 迈上新的百亿, 千亿级): an amount the value pattern may not reach
_IN_WORDS = re.compile(rf"(?P<num>(?!))?(?P<cn>{CN_NUMBER})亿")      # (num: never, so number() reads cn)
_NOT_AMOUNT = re.compile(r"^(?:年|月|日|号|时|季度|周|批|届|次会议|个月|位|名|强|百分)")     # 3个月, 第4位, 前10名, 百强


def _numbers(para: str, pattern: re.Pattern):
    """(value, printed unit, start, end) of the numbers in *para*: with a unit, then those printed otherwise."""
    seen = set()
    for m in pattern.finditer(para):
        value = number(m)
        if value == value:                                   # NaN: Chinese numerals that are not a number
            seen.add(m.start())
            yield value, unit_of(m), m.start(), m.end()
    for m in _OTHER.finditer(para):
        unit = next(u for u in (m["unit"], m["big"], m["words"]) if u is not None)
        if m.start("num") not in seen and not _NOT_AMOUNT.match(unit) and not para[m.end():m.end() + 1] == "." \
                and not (unit == "" and "." not in m["num"] and 1900 <= float(m["num"]) <= 2100):     # 2080.54: no year
            yield float(m["num"]) * (-1 if m["minus"] else 1), unit, m.start(), m.end()     # | -0.3 |: a fall
    for m in _IN_WORDS.finditer(para):
        value = number(m)
        if m.start() not in seen and value == value:
            yield value, "亿", m.start(), m.end()


def unread_rows(paragraphs: list[str], read: dict[int, set], rows: list[dict], vocab: Vocabulary, district: str,
                source: str) -> list[dict]:
    """Rows (status ``not_read``) for the numbers in *paragraphs* that no row carries: *read* maps a
    paragraph's index to the values of the rows made from its sentences; a row of *rows* (a text table's) carries
    the values of the paragraphs its quote is in."""
    pattern = value_pattern(vocab.unit_re)
    out = []
    for i, para in enumerate(paragraphs):
        carried = {abs(float(v)) for v in read.get(i, set())} | {
            abs(float(r["value"])) for r in rows if r["quote"] and r["quote"] in para}
        for value, unit, start, end in _numbers(para, pattern):
            if abs(value) in carried:
                continue
            out.append({"district": district, "indicator": UNKNOWN, "indicator_zh": "", "year": "", "kind": "",
                        "value": value, "unit": unit, "price_basis": "", "bound": "", "period_start": "",
                        "source": source, "quote": _clause(para, start, end), "note": NOTE,
                        "confidence": 0.0, "status": NOT_READ})
    return out
