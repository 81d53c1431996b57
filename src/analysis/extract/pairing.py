"""Values paired with names across clauses and lists: a 分别 clause after clauses of different names, a 分别 list
naming things no one registered (:func:`merge_mixed_lists`), one value a year of a range (:func:`one_value_a_year`),
and quoted targets.

In: a masked paragraph, its subjects in order ((position, registered name, unregistered name) of each clause
that names one) and the positions already read. Out: more :class:`~analysis.extract.numbers.Fact` s
(:func:`respectively_across`); :func:`mark_quoted_targets` marks facts inside a quoted target
(“地区生产总值增长7%、投资增长10%”目标) as targets.
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right

from analysis.extract.clauses import SENTENCE_END, readable
from analysis.extract.context import YEAR, back_to
from analysis.extract.numbers import Fact, read_number
from analysis.extract.vocab import unit_of

# a quoted passage named a target right after its closing mark (“…增长7%…”目标 / 的目标任务 / 的要求)
_QUOTED_TARGET = re.compile(r"[“\"]([^“”\"]{1,200})[”\"](?:的|等)?(?:发展|奋斗|预期|年度|主要)?(?:目标|任务|要求)")


def mark_quoted_targets(text: str, facts: list[Fact]) -> None:
    """Facts inside a quoted passage named a target right after it (围绕“…增长7%…”目标) are targets."""
    ordered = sorted(facts, key=lambda f: f.pos)
    positions = [f.pos for f in ordered]
    for quoted in _QUOTED_TARGET.finditer(text):
        for f in ordered[bisect_right(positions, quoted.start()):bisect_left(positions, quoted.end(1))]:
            f.target = True


def respectively_across(text: str, subjects, taken: set, value_re) -> list[Fact]:
    """A 分别 clause after clauses of different names (财政总收入50.8亿元,其中一般预算收入18.8亿元,分别增长26.7%和
    18.9%): its values go, in order, to the last names of its sentence, one per clause."""
    out = []
    for found in re.finditer(r"(?:^|(?<=[,，;；]))\s*(?:年均|同比|比上年)?(?:增速|增幅)?分别", text):   # ,年均分别增长…: averages
        clause_end = next((i for i in range(found.end(), min(len(text), found.end() + 80)) if text[i] in "，,；;。"),
                          min(len(text), found.end() + 80))
        values = [m for m in value_re.finditer(text, found.end(), clause_end) if readable(m)]
        if not values or any(m.start() in taken for m in values):
            continue
        sentence = back_to(text, found.start(), SENTENCE_END)
        named, last_clause, last_pos = [], None, None
        for pos, name, unnamed in subjects:
            if sentence <= pos < found.start():
                clause = back_to(text, pos, ",，;；")
                # 第一产业增加值A亿元、第二产业增加值B亿元: a name after another's value and 、 is an item of its own
                listed = last_pos is not None and re.search(r"\d[^\d、,，;；]{0,4}、\s*$", text[last_pos:pos])
                last_pos = pos
                if clause == last_clause and not listed:
                    named[-1] = (name, unnamed)            # one subject a clause: its last name
                else:
                    named.append((name, unnamed))
                last_clause = clause
        if len(named) < len(values):
            continue
        first = None
        for (name, unnamed), m in zip(named[-len(values):], values):
            lead = text[found.start():m.start()].strip() if first is None else ""
            fact = read_number(text, m, lead or "", m.start(), (sentence, m.end()))
            if fact is None:
                break
            if first is None:
                first = fact
            fact.kind, fact.average, fact.target = first.kind, first.average, first.target
            if first.value < 0 < fact.value:
                fact.value = -fact.value
            fact.name, fact.unnamed = name, unnamed
            fact.confidence, fact.across = (0.3 if unnamed else 0.75), True
            out.append(fact)
    return out


# the words between a list of names and its 分别 (…收入,预计分别增长…)
_BEFORE_RESPECTIVELY = re.compile(r"[,，]?\s*(?:预计|同比|比上年|较上年)?\s*$")


def merge_mixed_lists(text: str, mentions, groups) -> tuple[list, dict]:
    """地区生产总值、规模工业增加值、社会消费品零售总额、规模以上服务业营业收入和城镇居民人均可支配收入,预计分别增长
    5.8%、5%、4%、35%和6.5%: a 分别 list whose items include names no one registered (not only at its end) is read by
    position, each registered name taking the value in its place. Returns the groups with each such list's mentions
    made one group, and {its first mention's start: (where its values' text starts, [name or None per item])}."""
    orders = {}
    for found in re.finditer("分别", text):
        seg_end = _BEFORE_RESPECTIVELY.search(text, 0, found.start()).start()
        seg_start = max(text.rfind(ch, 0, seg_end) for ch in ",，;；。:：\n") + 1
        items = [(m.start(), m.end()) for m in re.finditer(r"[^、和与及]+", text[seg_start:seg_end])]
        if len(items) < 3 or re.search(r"\d", text[seg_start:seg_end]):
            continue                             # names only (…达到A亿元和B亿元,分别增长… lists values)
        order, inside = [], []
        for a, b in items:
            a, b = seg_start + a, seg_start + b
            hit = [x for x in mentions if a <= x[0] and x[1] <= b and not x[3]]
            order.append(hit[-1] if hit else None)
            inside += hit[-1:]
        unnamed = [(a, b) for (a, b), x in zip(items, order) if x is None]
        if not inside or not unnamed or any(b - a < 4 for a, b in unnamed):
            continue
        first = inside[0][0]
        merged = [x for g in groups if inside[0][0] <= g[0][0] <= inside[-1][0] for x in g if x in inside]
        groups = [g for g in groups if not inside[0][0] <= g[0][0] <= inside[-1][0]]
        groups = sorted(groups + [merged], key=lambda g: g[0][0])
        orders[first] = (seg_end, [x[2] if x else None for x in order])
    return groups, orders


def one_value_a_year(owned, name, mention_start, start, value_re, claimed, years) -> list[Fact]:
    """2016-2020年,全县地区生产总值分别为245.95亿元、279.71亿元、…、316.3亿元: one value a year of the range before the
    name, in order, when the 分别 clause lists as many values as the range has years."""
    listed = re.search(r"分别(?:为|是|达到|达|完成|实现)?", owned)
    if not years or not listed:
        return []
    stop = next((i for i in range(listed.end(), len(owned)) if owned[i] in "，,；;。"), len(owned))
    values = [m for m in value_re.finditer(owned, listed.end(), stop) if readable(m) and unit_of(m) != "%"]
    if len(values) != years[1] - years[0] + 1:
        return []
    out = []
    for k, m in enumerate(values):
        fact = read_number(owned, m, owned[listed.start():m.start()], start + m.start(), (mention_start, start + m.end()))
        if fact is not None:
            fact.name, fact.year = name, years[0] + k
            claimed.add(start + m.start())
            out.append(fact)
    return out


# 2016-2020年,(全县)… before a name: a range of years a 分别 list may give one value a year of
RANGE_BEFORE = re.compile(rf"({YEAR})\s*[-—–~～至到]\s*({YEAR})年[,，]?\s*(?:全[县市区旗州盟])?$")
