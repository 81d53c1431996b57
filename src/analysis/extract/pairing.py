"""Values paired with names across clauses: a 分别 clause after clauses of different names, and quoted targets.

In: a masked paragraph, its subjects in order ((position, registered name, unregistered name) of each clause
that names one) and the positions already read. Out: more :class:`~analysis.extract.numbers.Fact` s
(:func:`respectively_across`); :func:`mark_quoted_targets` marks facts inside a quoted target
(“地区生产总值增长7%、投资增长10%”目标) as targets.
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right

from analysis.extract.clauses import SENTENCE_END, readable
from analysis.extract.context import back_to
from analysis.extract.numbers import Fact, read_number

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
    for found in re.finditer(r"(?:^|(?<=[,，;；]))\s*(?:年均|同比|比上年)?分别", text):   # ,年均分别增长…: averages
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

