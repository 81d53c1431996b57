"""The context a heading line sets: a year's review, a plan's record, the targets of a year or of a plan.

In: one normalised line, the :class:`~analysis.extract.context.Document` and the context in force. Out: the
:class:`~analysis.extract.context.Context` the line sets (the one in force when the line is not a heading).
"""
from __future__ import annotations

import re

from analysis.extract.context import PARTIAL_RE, PLAN_RE, YEAR, Context, Document, Span, plan_ordinal


def heading(line: str, doc: Document, current: Context) -> Context:
    """The context a heading line sets (or *current* when the line is not a heading).

    In a plan document a paragraph opening on the previous plan (“十三五”时期, …) starts its review.
    """
    opening = PLAN_RE.match(line.lstrip("“\"")) or PLAN_RE.match(line)
    if doc.plan and opening and opening.group(2) in ("时期", "期间"):
        span = doc.plan_span(plan_ordinal(opening))
        if span.last < doc.plan.first:
            return Context("review", span.last, span)
    if len(line) > 60:
        return current
    figure = _FIGURE.search(line)

    def says(pattern):        # heading words before any figure: 固定资产投资增长8%,低于预期目标 is no heading
        found = re.search(pattern, line)
        return found is not None and (figure is None or found.start() < figure.start())

    if figure and says(r"预期目标|主要目标|目标任务|发展目标") and re.search(r"[:：]", line[:figure.start()]):
        return current      # (二)主要目标:地区生产总值增长11%;…: a list of targets under the heading before it
    years = [int(y) for y in re.findall(rf"({YEAR})年", line)]
    earlier = [doc.plan_span(plan_ordinal(m)) for m in PLAN_RE.finditer(line)]
    if doc.plan and (says(r"发展基础|发展成就|取得的成就|成就回顾|发展回顾|回顾") or (
            earlier and earlier[0].last < doc.plan.first and says(r"时期|期间|成就|回顾|成绩"))):
        span = earlier[0] if earlier and earlier[0].last < doc.plan.first else previous_plan(doc)
        return Context("review", span.last, span, True)     # a plan's 发展基础: the previous plan's record
    if earlier and doc.year and earlier[0].last < doc.year and says(r"时期|期间|成就|回顾|成绩|完成情况"):
        if years and years[0] == earlier[0].last and says(rf"{years[0]}年(?:[\u4e00-\u9fff]{{0,6}}?)?[及和]"):
            # 一、2020年及“十三五”工作回顾 / 2025年主要工作和“十四五”时期发展回顾: the year first (五年来 cues the plan)
            return Context("actual", years[0])
        return Context("review", earlier[0].last, earlier[0], True)     # 一、“十四五”发展成就 in a report of 2026
    if says(r"执行情况|完成情况|回顾|成绩单|统计公报"):
        # 主要经济指标预计完成情况: under 一、2025年…执行情况 (or in the report on 2025's execution), that year's
        # 【半年成绩单】 / 上半年…执行情况: a part of the document's own year, not the year before it
        own = 0 if PARTIAL_RE.search(line) else 1
        year = years[0] if years else current.year if current.mode == "actual" and current.year else \
            doc.review_year or (doc.year - own if doc.year else None)
        return Context("actual", year)
    if _DONE.search(line):         # 圆满完成了全年主要目标任务: a review line, not a heading of targets
        return current
    if says(r"预期目标|主要目标|目标任务|主要任务") or (
            says(rf"{YEAR}年(?:国民经济和社会发展|经济社会发展)?计划(?!执行)") and years):
        named = next(PLAN_RE.finditer(line), None) if not years else None
        if named and not (doc.year and doc.year > earlier[0].last):     # “十五五”时期主要目标: its last year's
            return Context("target", earlier[0].last, earlier[0], named.group(2) in ("时期", "期间"))
        year = years[0] if years else (current.year + 1 if current.mode == "actual" and current.year else
                                       current.year if current.mode == "target" else doc.year)
        return Context("target", year)
    relative = doc.year + 1 if doc.year and "明年" in line else doc.year if "今年" in line else None
    ahead = years[0] if years else relative
    if says(r"工作安排|工作部署|重点工作|主要工作|工作任务|总体要求|工作思路") and ahead and doc.year and ahead >= doc.year:
        return Context("target", ahead)    # 二、2024年工作安排 / 今年重点工作 in a report of 2024: its plans
    if doc.plan and re.match(r"第.{1,3}[章节篇]", line):
        return Context("target", doc.plan.last, doc.plan)
    return current


_DONE = re.compile(r"完成了|圆满完成|超额完成|一年(?:以)?来|过去(?:的)?一年")
_FIGURE = re.compile(r"\d(?:\.\d+)?\s*(?:%|亿|万|元|个百分点|人|家|户)")


def previous_plan(doc: Document) -> Span:
    """The five-year plan before the one a plan document sets out (its 发展基础 reviews it)."""
    ordinal = next((k for k, span in doc.plans.items() if span == doc.plan), None)
    if ordinal is not None:
        return doc.plan_span(ordinal - 1)
    return Span(doc.plan.first - 5, doc.plan.first - 1)
