"""The cues in a paragraph that say when its figures are from, in order.

In: a normalised paragraph and the :class:`~analysis.extract.context.Document`. Out: :class:`Cue` s — a position
and the :class:`~analysis.extract.context.Context` it sets: a clause-leading 2023年, 到2025年, 今年 / 去年 / 明年
(relative to the document's year), 一年来 / 据统计预测 (the year reviewed), 2012—2016年 and 2021年以来 (ranges
of years), 从2015年的…到2020年的…, 过去五年 / 今后五年, and “十四五”期间 / 末 / 规划 (a plan, reviewed when it is
over). A plan named after 与/比 (与“十三五”末相比) is a base, not a cue. A year inside the plan period a cue
before it frames keeps that plan (:func:`_within_frames`).
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from analysis.extract.clauses import SENTENCE_END
from analysis.extract.context import (PLAN_RE, TARGET_WORDS, YEAR, Context, Document, Span, back_to, plan_number,
                                      plan_ordinal)

# a year that starts a clause, not one compared with (比2020年), ranged (2020至) or pointed to (到2025年)
# 按2020年不变价格: a price base, not a date; 2021—2024年 a range, but 指出——2024年,… a year; 继2021年突破…之后 an earlier
# event, not the date of what follows
# a year after 、 is one of a list (2019、2020年), unless the 、 closes a list item's number (10、2016年,…)
_FREE = r"(?<![比较与在从由至到于和按~～\d继])(?<!\d[\-—–])(?<!\d\d\d、)(?<!年、)(?<![^\d\n]、)(?<![^\n]\d\d\d\d、)"
# (是1978年的190和192倍, 是1949年(18.2万元)的15.6万倍, 是1978年1.3亿元的143倍: a base year of a multiple and its level)
# (2023年1-9月, / 2023年前三季度,: the year, then a part of it; not 2020年前 before a year, nor a date 2023年9月15日)
_YEAR_CUE = re.compile(rf"{_FREE}({YEAR})年(?:(?=\d{{1,2}}\s*[\-—–~～至到]\s*\d{{1,2}}月|前(?:三季度|两季度|[2-9一二三四五六七八九十]{{1,2}}个?月))|"
                       r"(?!的基础上|同期|以来|[至到\-—~～\d]|以前|前|"
                       r"(?:末|底)?(?:[(（][^()（）]{0,16}[)）]|[\d.]+[万亿]?元)?的[\d.]+(?:[和、与][\d.]+)*万?倍))")
_PLANS_PART = re.compile(r"(?:政府)?(?:主要工作|工作安排|工作任务|工作部署|重点工作|工作打算|主要目标|主要预期目标|预期目标|"
                         r"工作(?=[;；。,，、]|$))")       # 二、扎实做好2025年工作;: the plans, not 2024年工作回顾
# 截至2024年底,… / 截至2022年,…: the figures of 2024 / 2022; 截至2020年11月1日零时 (a census's moment): the census year's
_AS_AT_CUE = re.compile(rf"(?:截至|截止到?|到)({YEAR})年(?:底|末|11月1日零时|(?=[,，]))(?![的前])|"
                        rf"截[至止]({YEAR})年(?=\d{{1,2}}月(?!\d))")          # 截至2025年9月: as at a month of 2025
_TO_CUE = re.compile(rf"(?<![长加高升至提])到({YEAR})年(?:底|末)?")
# 全年… / 年末… opening a clause of a statistics bureau's publication: the year its figures are for
# (also after a chart's caption the layout glued on: …2018-2022年末全市常住人口数全年新增…)
_BULLETIN_YEAR_CUE = re.compile(r"(?:^|(?<=[，,。；;：:、\s数重度况成]))(?:全年|年末|年底)|(?<=[一二三四五六七八九十]、)(?:[\u4e00-\u9fff]{2,8}?)(?=全年|年末)")
_REL_CUE = re.compile(r"(?<![比较与同于])(今年|去年|明年)(?!同期)|(?:^|(?<=[，,。；;：:]))(上年)(?!同期|末)")
_LAST_YEAR = re.compile(r"过去(?:的)?一年|一年(?:以)?来|据统计预测|据初步预测|据初步统计|据统计快报|据初步测算")
_YEAR_DESCRIBED = re.compile(rf"({YEAR})年是[^。；;]{{0,60}}?(?:之年|的一年)[。；;，,]\s*$")
_YEAR_REVIEWED = re.compile(rf"({YEAR})年(?:工作)?回顾\s*(?:即将)?$")
# 2012—2016年 (年均增长 …): a span of years, read as a plan-like period whose base is the year before its first
_RANGE_CUE = re.compile(rf"(?<!\d)({YEAR})\s*(?:年)?\s*[-—–~～至到]\s*({YEAR})年(?:间|期间)?")
# 与“十三五”末相比 / 比“十三五”末: the plan named is the base a change is measured from, not when the figure is
_BASE_BEFORE = re.compile(r"(?:与|比|较|同)[“\"]?$")
# 是“十一五”末的2倍 / 是“十一五”的3.1倍: the plan named is the base of a ratio, not when the figure is
_RATIO_BASE = re.compile(r"[”\"]?的[\d.]+倍")
# 为2014年以来首次高于…: a record since then, not a span of years
_SINCE_CUE = re.compile(rf"{_FREE}({YEAR})年以来(?!首次|最高|最好|最快|最大|最低|新高)")
# 过去五年 / 五年来 / 这是…的五年 (a sentence naming what the five years were, in a review of a government's term)
# (过去四年 / 三年来: a government's shorter term, reviewed the same way)
_COMPARED_CUE = re.compile(rf"({YEAR})年(?:末|底)?与({YEAR})年(?:末|底)?相比")
_FIVE_YEARS = re.compile(r"过去(?:的)?([2-5两二三四五])年|([三四五])年来|这([三四五])年|([三四五])年间|"
                         r"(?:^|(?<=[。；;]))这是[^。；;\d]{0,40}?的五年|"
                         r"(?<=——)五年(?=[\u4e00-\u9fff])(?![后内中前里计规])|"  # ——五年奋勇争先,…: a term review's heading
                         # 一、本届人民政府工作回顾: the term's five years (not 2021年及本届…: the year first)
                         r"(?<![及和与])本届(?:人民)?政府(?=(?:的)?工作回顾|以来)")
# “十四五”前四年: the plan's first years, reviewed
_FIRST_YEARS = re.compile(r"十([一二三四五六七八九])五[”\"]?前([两二三四234])年")
_COUNT = {"两": 2, "二": 2, "三": 3, "四": 4, "五": 5, "2": 2, "3": 3, "4": 4, "5": 5}
# 2016年是“十三五”规划开局之年,全年完成…: the plan describes the year, the year frames the figures
_YEAR_OF_PLAN = re.compile(rf"{YEAR}年(?:是|为)[“\"]?$")
_NEXT_FIVE = re.compile(r"今后(?:5|五)年|未来(?:5|五)年")
# news citing a dated work report (遂平县人民政府2022年政府工作报告中提到,…过去五年里): the five years before that report
_CITED_REPORT = re.compile(rf"({YEAR})年(?:县|区|市|旗)?(?:人民)?政府工作报告")
_REVIEW_STATEMENT = re.compile(r"十([一二三四五六七八九])五[”\"]?(?:时期|期间)?[,，]?是.{0,40}?的五年")
# “十四五”时期,…取得新成效 / 发展成就 / 交出答卷, in the plan's last year: a review of the plan before it is over
_ACHIEVED = re.compile(r"[”\"]?(?:时期|期间|以来)?[^。；;]{0,160}?(?:取得|成效|成就|成绩|答卷|回顾|硕果|累计完成|累计实现|累计新增|圆满句号|圆满收官|胜利收官)")


def _achieved(text: str, pos: int) -> bool:
    """The sentence after a plan's name says what it achieved (取得显著成效, 累计完成 …) and sets no target on the way
    (“十五五”时期主要目标是:…取得显著成效 is a goal)."""
    found = _ACHIEVED.match(text, pos)
    return found is not None and not TARGET_WORDS.search(text, pos, found.end())


_FROM_TO_CUE = re.compile(rf"(?:从|由)({YEAR})年(?:末|底)?的[^。；;]{{0,30}}?(?:到|至|攀升|跃升|增长|提高)({YEAR})年(?:末|底)?的")


@dataclass(frozen=True)
class Cue:
    pos: int
    end: int
    context: Context
    carries: bool = False             # holds for the following paragraphs too
    sentence: bool = False            # holds only within its own sentence


def paragraph_cues(text: str, doc: Document) -> list[Cue]:
    """Year and period cues of one paragraph, in order."""
    cues = []
    # plans first: a plan this paragraph reviews (“十四五”发展成就) frames its 五年来 and its 预计到2025年末
    for m in _FIRST_YEARS.finditer(text):
        span = doc.plan_span(plan_number(m.group(1)))
        last = span.first + _COUNT[m.group(2)] - 1
        cues.append(Cue(m.start(), m.end(), Context("review", last, Span(span.first, last), True)))
    plans = [m for m in PLAN_RE.finditer(text) if not _FIRST_YEARS.match(text, m.start())
             and not _YEAR_OF_PLAN.search(text, max(0, m.start() - 8), m.start())]
    latest = max((plan_ordinal(m) for m in plans), default=0)
    for m in plans:
        if not _BASE_BEFORE.search(text, max(0, m.start() - 3), m.start()) and not _RATIO_BASE.match(text, m.end()) \
                and not _PLAN_EVENT.match(text, m.end()):
            cues.append(_plan_cue(m, text, doc, plan_ordinal(m) < latest))
    for m in _YEAR_CUE.finditer(text):
        # 报告共分两部分:2017年工作回顾;2018年主要工作: a year naming a part of plans is that year's targets
        # (计划2023年地区生产总值增长8.5%以上: the year's plan)
        mode = "target" if _PLANS_PART.match(text, m.end()) or text.endswith("计划", 0, m.start()) else "actual"
        cues.append(Cue(m.start(), m.end(), Context(mode, int(m.group(1)), explicit=True)))
    for m in _AS_AT_CUE.finditer(text):
        year = int(m.group(1) or m.group(2))
        # 截至2022年,: done; 截至2022年末 on a page with no date and no plan of its own (a profile page): as of then
        undated_as_of = doc.year is None and doc.plan is None and not m.group(0).startswith("到")
        if (doc.year and year < doc.year) or year < doc.settled or m.group(0).endswith("年") or undated_as_of or \
                m.group(2):
            # 截至2021年10月,…下辖3个街道: a date for its own sentence's facts, not for the sentences after it
            cues.append(Cue(m.start(), m.end(), Context("actual", year, explicit=True), sentence=bool(m.group(2))))
    for m in _TO_CUE.finditer(text):
        year = int(m.group(1))
        past = (doc.year and year < doc.year) or (doc.plan and year <= doc.plan.base) or year < doc.settled
        # 预计到2025年末,… written late in 2025 (not at a January congress), or in a review of the plan ending
        # then: an estimate of the year, not a target
        this_year = year == doc.year or (doc.year is None and any(s.last == year for s in doc.reviewed))
        estimate = not past and this_year and text.endswith("预计", 0, m.start()) and not doc.congress \
            and (doc.month or 12) >= 7
        plan = next((s for s in ([doc.plan] if doc.plan else []) + list(doc.plans.values()) if s.last == year), None)
        cues.append(Cue(m.start(), m.end(), Context("actual" if past or estimate else "target", year, plan,
                                                    explicit=True, estimate=estimate)))
    if doc.data_year:
        for m in _BULLETIN_YEAR_CUE.finditer(text):
            cues.append(Cue(m.start(), m.end(), Context("actual", doc.data_year)))
    for m in _REL_CUE.finditer(text):
        word = m.group(1) or m.group(2)
        offset = {"今年": 0, "去年": -1, "上年": -1, "明年": 1}[word]
        year = doc.year + offset if doc.year else None
        cues.append(Cue(m.start(), m.end(), Context("target" if offset > 0 else "actual", year)))
    for m in _LAST_YEAR.finditer(text):
        # 2024年是…之年。一年来 / 一、2019年工作回顾即将过去的一年 (a heading run into the text): that year
        named = _YEAR_DESCRIBED.search(text, max(0, m.start() - 80), m.start()) or \
            _YEAR_REVIEWED.search(text, max(0, m.start() - 12), m.start())
        ending = text.endswith("即将", 0, m.start()) and doc.year       # 即将过去的一年: the year the speech is given in
        year = int(named.group(1)) if named else doc.year if ending else doc.review_year or doc.closing_year
        cues.append(Cue(m.start(), m.end(), Context("actual", year)))
    for m in _FROM_TO_CUE.finditer(text):
        first, last = int(m.group(1)), int(m.group(2))
        settled = (doc.plan is not None and last <= doc.plan.base) or (doc.year is not None and last < doc.year)
        if first < last and settled:   # 从2015年的…跃升至2020年的…: the paragraph reviews those years
            cues.append(Cue(m.end(), m.end(), Context("actual", last, Span(first + 1, last), False, explicit=True)))
    for m in _COMPARED_CUE.finditer(text):   # 2015年与2010年相比,…: the paragraph reviews the years from 2011 to 2015
        last, base = int(m.group(1)), int(m.group(2))
        if base < last <= base + 15:
            cues.append(Cue(m.start(), m.end(), Context("review", last, Span(base + 1, last), True, explicit=True)))
    for m in _RANGE_CUE.finditer(text):
        first, last = int(m.group(1)), int(m.group(2))
        if first < last <= first + 15:
            # 回顾“十四五”时期以来,…,2021-2024年年均增长7.4%: a range inside a plan this paragraph reviews is past
            past = (doc.year is not None and last < doc.year) or last < doc.settled or any(
                c.context.mode == "review" and c.context.plan and c.context.plan.first <= last <= c.context.plan.last
                and c.pos < m.start() for c in cues)
            # 2020年至2024年间 starts at a plan's base year (2010, 2015, 2020 …: the figures run from its level);
            # 2012—2016年 names the years grown, so the base is the year before
            span = Span(first + 1, last) if first % 5 == 0 and last - first >= 2 else Span(first, last)
            cues.append(Cue(m.start(), m.end(), Context("actual" if past else "target", last, span, True,
                                                        explicit=True), sentence=not past))
        elif last > first + 15 and (doc.year is None or last <= doc.year):
            # 1978年至2018年,…由2.5亿元跃升至420亿元,年均增长10.8%: a long review, from its first year's level
            cues.append(Cue(m.start(), m.end(), Context("review", last, Span(first + 1, last), True, explicit=True)))
    for m in _SINCE_CUE.finditer(text):   # 2021年以来 in a 2024 document: the years 2021–2023, reviewed
        first = int(m.group(1))
        if doc.year and first < doc.year - 1:
            cues.append(Cue(m.start(), m.end(), Context("review", doc.year - 1, Span(first, doc.year - 1), True)))
        elif doc.year and first == doc.year - 1:     # 2018年以来,…。全年… in 2019: the year just ended, as 2018年,…
            cues.append(Cue(m.start(), m.end(), Context("actual", first, explicit=True)))
    for m in _FIVE_YEARS.finditer(text):
        # 五年来 in a review of a plan (the paragraph's, or one an earlier paragraph reviewed): that plan's years
        reviewed = [c.context.plan for c in cues if c.context.mode == "review" and c.context.plan and c.pos < m.start()]
        reviewed = reviewed or sorted(doc.reviewed, key=lambda s: s.last)
        cited = list(_CITED_REPORT.finditer(text, back_to(text, m.start(), SENTENCE_END), m.start()))
        last = int(cited[-1].group(1)) - 1 if cited else doc.closing_year
        years = _COUNT.get(next((g for g in m.groups() if g), "5"), 5)
        span = reviewed[-1] if reviewed and years == 5 else Span(last - years + 1, last) if last else None
        cues.append(Cue(m.start(), m.end(), Context("review", span.last if span else None, span, True), carries=True))
    for m in _NEXT_FIVE.finditer(text):
        # 今后五年 at a congress of November or December (a new government's first session): from the next year,
        # unless its sentence names the year the five end (今后五年,力争…年均增长10.5%,到2025年达到…: 2021–2025)
        first = doc.year + 1 if doc.year and (doc.month or 0) >= 11 else doc.year
        named = re.search(rf"到({YEAR})年", text[m.end():_sentence_end(text, m.end())])
        first = int(named.group(1)) - 4 if named and first and abs(int(named.group(1)) - 4 - first) <= 1 else first
        span = Span(first, first + 4) if first else None
        cues.append(Cue(m.start(), m.end(), Context("target", span.last if span else None, span, True), carries=True))
    return _within_frames(sorted(cues, key=lambda c: c.pos))


def _sentence_end(text: str, pos: int) -> int:
    return next((i for i in range(pos, len(text)) if text[i] in "。！？"), len(text))


def _within_frames(cues: list[Cue]) -> list[Cue]:
    """A year inside the plan period a cue before it frames (“十四五”时期,…,2025年达到…) keeps that plan: a 累计
    figure after it is the period's total, not the year's."""
    out, frame = [], None
    for c in cues:
        ctx = c.context
        if ctx.plan is not None and ctx.mode in ("review", "actual"):
            frame = ctx.plan
        elif frame and ctx.plan is None and ctx.explicit and ctx.year and frame.first <= ctx.year <= frame.last:
            c = Cue(c.pos, c.end, Context(ctx.mode, ctx.year, frame, False, ctx.partial, True), c.carries, c.sentence)
        out.append(c)
    return out


_REVIEW_BEFORE = re.compile(r"回顾[“\"]?$")
# “十三五”规划胜利收官,“十四五”规划顺利开局: events of a year in a review, not frames for the figures after them
_PLAN_EVENT = re.compile(r"[”\"]?(?:规划)?(?:胜利|圆满|顺利|全面|良好)?(?:收官|开局|起步)(?![之的])")


def _plan_cue(m: re.Match, text: str, doc: Document, later_named: bool = False) -> Cue:
    """The cue of a plan named in a paragraph: reviewed when it is over, when the document sets out a later one,
    or when the paragraph names a later one too (“十五五”规划建议提出…。“十四五”时期,…年均增长5.9%)."""
    span = doc.plan_span(plan_ordinal(m))
    word = m.group(2) or ""
    statement = _REVIEW_STATEMENT.match(text, m.start())
    reviewed_here = bool(_REVIEW_BEFORE.search(text, max(0, m.start() - 3), m.start()))   # 回顾“十四五”时期
    review = bool(statement) or reviewed_here or word == "以来" or (doc.year is not None and doc.year > span.last) or (
        doc.year in (None, span.last) and (_achieved(text, m.end()) or span in doc.reviewed)) or (
        doc.plan is not None and span.last < doc.plan.first) or span.last < doc.settled or (
        later_named and doc.year is not None and doc.year >= span.last)
    period = word in ("时期", "期间", "以来", "")
    if review:
        doc.reviewed.add(span)          # the document reviews this plan: its later mentions do too
        # “十四五”以来 runs to the year before the document's: unknown (asked for) when the document has no year
        year = span.last if word != "以来" else min(span.last, doc.year - 1) if doc.year else None
        # in a plan document, “十三五”期间… reviews the plan before it for the rest of the paragraph
        in_plan_review = doc.plan is not None and span.last < doc.plan.first and period
        # a paragraph or a sentence opening “十四五”期间,…: its frame (综合实力实现历史性跨越。“十四五”期间,…;…从A增长到B)
        before = text[:m.start()].rstrip("“\"\u3000 ")
        opening = (not before or before[-1] in "。！？!?") and word in ("时期", "期间", "以来")
        return Cue(m.start(), m.end(), Context("review", year, span, period), carries=bool(statement),
                   sentence=not (statement or in_plan_review or opening))
    return Cue(m.start(), m.end(), Context("target", span.last, span, word in ("时期", "期间")), sentence=True)
