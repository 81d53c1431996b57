"""Figures no registered name reaches, named by the words before them, so that none is dropped silently.

In: a masked paragraph, its mentions, the spans the registered names own and the positions already read.
Out: :class:`~analysis.extract.numbers.Fact` s with ``unnamed`` set (金融机构存款余额320亿元 → 金融机构存款余额),
proposed as indicator ``unknown`` with status ``needs_review``; a clause of growth alone (增长8%) continues
the name before it.
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right

from analysis.extract.clauses import SENTENCE_END, readable
from analysis.extract.context import YEAR
from analysis.extract.numbers import GROWTH_VERB, NEGATIVE, Fact, bound
from analysis.extract.vocab import number, unit_of

_CLAUSE_SPLIT = re.compile(r"[,，；;。：:！？!?]")
# words before an unregistered name that are not part of it (scope, time, connectives)
_UNNAMED_PREFIX = re.compile(rf"^(?:其中|特别是|尤其是|全年|今年|去年|明年|上年|年末|年底|截至年末|截至年底|全(?:省|市|区|县|镇|州|旗)|本年|当年|({YEAR})年(?:末|底)?|"
                             r"共|累计|预计|初步核算|据统计|据初步核算|按可比价格计算|并|及|和|与|同时|此外|另外|其|"
                             r"我(?:省|市|区|县)|实现|完成)+")
_UNNAMED = re.compile(r"^(?P<name>[\u4e00-\u9fffA-Za-z&]{2,14}?)"
                      r"(?:分别)?(?:实现|完成|达到|达|为|增长|下降|增加|减少|突破|超过|共计|共|总计|累计|上涨|提高|回落|下滑)?了?"
                      r"(?:约|近|超|逾|同比|比上年|较上年)?(?:增长|下降|上涨|提高)?$")
_NOT_A_NAME = re.compile(r"^(?:比|较|同比|与|占|增长|下降|增速|增幅|其中|分别|合计|总量|总数|以上|左右|达到|达|为)|"
                         r"第|位|名|倍|百分点|同期|基础上|之一|以来|期间|平均|年均|^(?:增加|可比|全球|全国|企业|开发区|贡献|特别是)|"
                         r"季度|上半年|下半年|月份|^[一二三四五六七八九十两]+大")


def unnamed_facts(text: str, mentions, covered, value_re, taken) -> list[Fact]:
    """Figures in clauses no registered name reaches (金融机构存款余额320亿元,增长8%): each becomes a fact
    named by the words before it, to be proposed as indicator 'unknown' for review, never dropped silently."""
    out, last_name = [], ""
    marks = sorted({m[0] for m in mentions if not m[3]} | {m[1] - 1 for m in mentions if not m[3]})
    spans = sorted(covered)
    position = 0
    for piece in _CLAUSE_SPLIT.finditer(text + "。"):
        start, end = position, piece.start()
        position = piece.end()
        clause = text[start:end]
        values = [m for m in value_re.finditer(clause) if start + m.start() not in taken and readable(m)]
        inside = _any_between(marks, start, end) or bool(values and _covered(spans, start + values[0].start()))
        if not values or inside or clause.lstrip("\u3000 ").startswith("分别"):
            last_name = "" if inside else last_name
        else:
            m = values[0]
            lead = clause[:m.start()].strip("\u3000 ")
            bare = _UNNAMED_PREFIX.sub("", lead)
            named = _UNNAMED.match(bare)
            name = named.group("name") if named and not _NOT_A_NAME.search(named.group("name")) else ""
            name = re.sub(r"(?<=.)(?:实现|完成)(?=.)", "", name)       # 零售业完成销售额 → 零售业销售额
            if not name and last_name and (not bare or GROWTH_VERB.search(bare)):
                name = last_name                                  # 增长8%: the clause continues the previous name
            after = clause[m.end():m.end() + 2]
            if name and not re.match(r"[位名倍]|个百", after) and not lead.endswith(("第", "的")):
                percent = unit_of(m) == "%"
                growth = percent and bool(GROWTH_VERB.search(lead))
                negative = growth and GROWTH_VERB.search(lead).group(1) in NEGATIVE
                fact = Fact("", number(m) * (-1 if negative else 1), unit_of(m),
                            "growth" if growth else "rate" if percent else "amount",
                            bound(lead, m["post"]), start + m.start(), (start, start + m.end()), lead=lead,
                            confidence=0.3, unnamed=name)
                out.append(fact)
                last_name = name
            else:
                last_name = ""
        if piece.group(0) in SENTENCE_END or piece.start() >= len(text):
            last_name = ""
    return out



def _any_between(marks: list[int], start: int, end: int) -> bool:
    i = bisect_left(marks, start)
    return i < len(marks) and marks[i] < end


def _covered(spans: list[tuple[int, int]], pos: int) -> bool:
    """True when *pos* is in one of the sorted, non-overlapping (start, end) spans."""
    i = bisect_right(spans, (pos, float("inf"))) - 1
    return i >= 0 and spans[i][0] <= pos < spans[i][1]
