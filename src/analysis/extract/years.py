"""When a fact is from: its year, and whether it is an actual, a target or part of a review.

In: a :class:`~analysis.extract.facts.Fact` (its position in its paragraph), the paragraph's cues
(:func:`~analysis.extract.context.paragraph_cues`), the section's context (headings), the year earlier
paragraphs were about, and the :class:`~analysis.extract.context.Document`. Out: a
:class:`~analysis.extract.context.Context` (mode, year, plan span), or None when no year can be read.

Also here, in one place, the first year an average growth rate covers (:func:`average_start`): the
``period_start`` of a 年均 row (data/README.md: the first year a figure covers, for every kind).
"""
from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import replace

from analysis.extract.context import ESTIMATE_RE, TARGET_WORDS, Context, Document, Span, back_to, still_ahead
from analysis.extract.partial import partial_at
from analysis.extract.clauses import CLAUSE_END, SENTENCE_END
from analysis.extract.numbers import Fact


def average_start(year: int, printed: int | None = None, span_years: int = 0, plan: Span | None = None) -> int | None:
    """The first year an average growth rate (年均, 两年平均) reaching *year* covers: the ``period_start``
    of its row (it is measured from the year before, the base year).

    *printed* is a base year the text names (从2015年的… → 2016); *span_years* the years an average says
    it is over (两年平均 reaching 2022 → 2021); *plan* the plan or range of years it is stated for
    (十四五 → 2021). None when nothing says over which years the average runs.
    """
    if printed:
        return printed + 1
    if span_years:
        return year - span_years + 1
    return plan.first if plan else None


def plan_ending(year: int | None, doc: Document) -> Span | None:
    """The five-year plan whose last year *year* is (2020 → 十三五, 2016–2020), or None: a 年均 growth reaching a
    plan's last year, in a review naming no span (地区生产总值达到680亿元、年均增长8.4% at the end of 2020), is over
    that plan's years."""
    if not year or (year - 2025) % 5:
        return None
    return doc.plan_span(14 + (year - 2025) // 5)


# 其中,… / 同时,…: a sentence or paragraph that continues the one before it (and keeps its frame)
CONTINUING = re.compile(r"\s*(?:其中|同时|此外|另外|另外,|并且)[,，:：]?")


def _aside_closed(para: str, start: int, end: int) -> bool:
    """True when text[start:end] closes a bracket opened before *start*: a cue at *start* is inside an aside that
    ended before *end* ((经最终核实,2021年…修订为…)。按常住人口计算,人均…: not the per-head figure's year)."""
    part = para[start:end]
    return part.count(")") + part.count("）") > part.count("(") + part.count("（")


def _last_cue(cues, fact: Fact, sentence_start: int, doc: Document, para: str = "") -> list:
    """``[the last cue before *fact* that places it]`` or ``[]``; *cues* are sorted by position, so this
    looks back from the fact instead of through every cue of the paragraph (linear documents stay linear).
    An average naming no span is placed only by a plan's cue, or by the review of a plan's last year
    (今年以来,… in 2020: the average is over 十三五, :func:`plan_ending`)."""

    for i in range(bisect_left(cues, fact.pos, key=lambda c: c.pos) - 1, -1, -1):
        c = cues[i]
        ending = c.context.mode == "actual" and plan_ending(c.context.year, doc) is not None
        if para and c.pos >= 0 and _aside_closed(para, c.pos, fact.pos):
            continue
        if (c.pos >= sentence_start or not c.sentence) and not (
                fact.average and not fact.span and not fact.period_start and not fact.base_plan
                and c.context.plan is None and not ending):
            return [c]
    return []


def fact_context(fact: Fact, para: str, cues, section: Context, doc: Document,
                 carried: Context | None = None, reviewing: bool = False) -> tuple[Context | None, tuple]:
    """When *fact* is from, and what about that is unsure: ``("year_from_document",)`` when only the document's
    year places it, ``("year_from_earlier_paragraph",)`` when the cue that dates it is in an earlier paragraph
    (carried over, or a 同时,… paragraph continuing the one before), else ``()``.

    *carried* is the year earlier paragraphs were about (经初步核算,2023年,…), used before the document's
    own year when neither a cue nor a heading places the figure. *reviewing*: the paragraph before reviewed the
    year just ended (过去一年,… / 一年以来,…) and no heading came between.
    """
    sentence_start = back_to(para, fact.pos, SENTENCE_END)
    for _ in range(3):          # 其中,… / 同时,… continue the sentence before them (its 到“十四五”末 holds)
        if sentence_start > 0 and CONTINUING.match(para, sentence_start):
            sentence_start = back_to(para, sentence_start - 1, SENTENCE_END)
    before = _last_cue(cues, fact, sentence_start, doc, para)
    ctx, from_default = _dated(fact, para, before, sentence_start, section, doc, carried, reviewing)
    if from_default:
        return ctx, ("year_from_document",)
    far = bool(before) and before[-1].pos < 0 or (not before and not section.year and carried is not None)
    return ctx, ("year_from_earlier_paragraph",) if far and ctx is not None and fact.year is None else ()


def _dated(fact: Fact, para: str, before: list, sentence_start: int, section: Context, doc: Document,
           carried: Context | None, reviewing: bool = False) -> tuple[Context | None, bool]:
    """When *fact* is from (given the cue *before* it, if any), and whether that came only from the document's year."""
    base = before[-1].context if before else (section if section.year or not carried else carried)
    if fact.plan_target and doc.plan:       # 低于规划目标(年均增长7%) in an assessment of the plan: its own target
        return Context("target", doc.plan.last, doc.plan), False
    census = _CENSUS.search(para, sentence_start, fact.pos) if fact.year is None and not fact.role else None
    # 第七次全国人口普查公报,常住人口1382713人: the census year's count (not 按七普常住人口计算,…2023年人均…: a basis)
    day = census and census.lastindex > 2
    if census and not para.endswith("按", 0, census.start()) and not re.search(r"\d{4}年", para[census.end():fact.pos]) \
            and (not day or "人口" in fact.name):
        return Context("actual", _CENSUS_YEAR[census.group(census.lastindex)], explicit=True), False
    if fact.year is not None:
        mode = "target" if fact.target or (base.mode == "target" and base.year == fact.year) else "actual"
        return _ahead(Context(mode, fact.year, base.plan, base.period, explicit=True), fact, para, sentence_start,
                      doc), False
    if fact.role == "prev":                  # 由上年的45009元提高到…: the year before the one the sentence is about
        ctx, weak = _dated(replace(fact, role=""), para, before, sentence_start, section, doc, carried, reviewing)
        return (Context("actual", ctx.year - 1) if ctx is not None and ctx.year else None), weak
    if fact.role:
        if fact.base_plan:                   # 较“十三五”末的3.4万元: that plan's last year
            return Context("actual", doc.plan_span(fact.base_plan).last), False
        if fact.role == "to" and base.mode == "actual" and base.explicit and base.year:
            return Context("actual", base.year, base.plan), False       # 截至2024年底,…增长到3.9万元
        if base.plan and base.mode in ("review", "target"):
            year = base.plan.base if fact.role != "to" else base.plan.last
            mode = "target" if fact.role == "to" and base.mode == "target" else "actual"
            return Context(mode, year, base.plan), False
        if fact.role == "now" and base.year:
            return Context("actual", base.year - 5), False
        return (Context("target", base.year), False) if fact.role == "to" and base.mode == "target" else (None, False)
    if base.year is None:
        if not doc.year:          # undated; a plan's frame is kept so the figure is still counted (and asked for)
            return (Context(base.mode, None, base.plan, base.period) if base.plan else None), False
        if reviews_last_year(para, fact.pos, sentence_start, doc, reviewing):
            return Context("actual", doc.year - 1), True
        wanted = fact.target or _sets_target(para, sentence_start, fact.pos, sentence_start)   # not 预计…将超过
        return _ahead(Context("target" if wanted else "actual", doc.year), fact, para, sentence_start, doc), True
    if not before and base is carried and doc.year and base.year < doc.year and _STRONG_TARGET.search(
            para, sentence_start, fact.pos):
        return Context("target", doc.year), False      # 主要预期目标建议为…, after a paragraph on last year
    mode = base.mode or "actual"
    past = mode == "review" or (doc.year is not None and base.year < doc.year)
    start = before[-1].end if before else sentence_start
    if fact.target or (mode == "actual" and not past and _sets_target(para, start, fact.pos, sentence_start,
                                                                              base.estimate)):
        mode = "target"
    return _ahead(Context(mode, base.year, base.plan, base.period, base.partial, base.explicit,
                          base.estimate and mode == "actual"), fact, para, sentence_start, doc), False


# (截至2020年11月1日,常住人口为485252人: the census day, printed without 零时 or 普查, before a population)
_CENSUS = re.compile(r"第([五六七])次(?:全国)?人口普查|([五六七])普|(?:截至|截止)(?:(2000)|(2010)|(2020))年11月1日")
_CENSUS_YEAR = {"五": 2000, "六": 2010, "七": 2020, "2000": 2000, "2010": 2010, "2020": 2020}
_STRONG_TARGET = re.compile(r"预期目标|主要目标|目标是|目标为|建议为|力争|争取")


def _sets_target(para: str, start: int, end: int, sentence_start: int, estimate: bool = False) -> bool:
    """Whether the words before a figure make it a target: 力争, 预期目标 … do; 将 alone does not after 预计 in the
    same sentence (预计到2025年末,全县地区生产总值将突破140亿元: an estimate)."""
    # 对照年初确定的…预期目标 / 符合预期目标: the results measured against targets, not targets set
    found = [m.group(0) for m in TARGET_WORDS.finditer(para, start, end)
             if not _AGAINST.search(para, back_to(para, m.start(), CLAUSE_END), m.start())]
    # (二)主要目标:地区生产总值增长11%;…;城镇登记失业率控制在4.2%以内: the lead before a colon holds over its ;-list
    opened = para.rfind("。", 0, end) + 1
    listed = _TARGET_LIST.search(para, opened, end)
    # 较好地完成了…确定的目标任务:经济持续较快发展,实现…: the results against the targets, not the targets
    listed = listed if listed is None or not _MET.search(para, opened, listed.start()) else None
    return bool(listed) or bool(found) and not (set(found) == {"将"} and (
        estimate or ESTIMATE_RE.search(para, sentence_start, end)))


_TARGET_LIST = re.compile(r"目标(?:任务)?(?:是|为)?[:：]")       # 主要目标: / 努力目标为: / 预期目标是:
_AGAINST = re.compile(r"对照|比照|对比|符合|好于|优于")
_MET = re.compile(r"完成|实现了|达到了|超额")


# in a congress's report (held in January–March), words that say a paragraph reviews the year just ended
_REVIEWING = re.compile(r"预计|过去(?:的)?一年|一年(?:以)?来|回顾")


def reviews_last_year(para: str, pos: int, sentence_start: int, doc: Document, reviewing: bool = False) -> bool:
    """True when a figure dated only by the document is the year just ended: in a work report or congress news of
    January–March (or a reading of it published by June: ``Document.congress``), its paragraph (or the one before,
    *reviewing*) reviews (预计…, 过去一年, 一年以来, 回顾) and its
    sentence sets no target (力争, 预期)."""
    # a reading of the report published by June (文昌市's of 14 May 2020) still speaks of the year before it
    return doc.congress and (reviewing or bool(_REVIEWING.search(para, 0, pos)) or bool(_MARKED_ESTIMATE.match(para, pos))) \
        and not TARGET_WORDS.search(para, sentence_start, pos)


# 1500亿元(预计,下同): the figure itself is marked an estimate
_MARKED_ESTIMATE = re.compile(r"[\d.]+[^\d,，;；。(（]{0,4}[(（]预计")


def _ahead(ctx: Context, fact: Fact, para: str, sentence_start: int, doc: Document) -> Context:
    """An actual of a year not yet over where the document was written is a target (“2026年,地区生产总值增长5%左右。”
    in news of a January congress), unless the sentence says it is an estimate (预计) or the figure is partial-year."""
    if ctx.mode != "actual" or ctx.estimate or not still_ahead(ctx.year, doc) or \
            ESTIMATE_RE.search(para, sentence_start, fact.pos) or _MARKED_ESTIMATE.match(para, fact.pos):
        return ctx
    if partial_at(para, fact.pos, doc, para[back_to(para, fact.pos, CLAUSE_END):fact.pos]):
        return ctx
    return Context("target", ctx.year, ctx.plan, ctx.period, ctx.partial, ctx.explicit)
