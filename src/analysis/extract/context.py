"""When a figure is from: the document (its year, plan, kind), its section headings and partial-year cues.

In: the normalised text (:func:`document`), a line (:func:`heading`). Out: a :class:`Document` and the
:class:`Context` a heading sets. The cues inside a paragraph are found in :mod:`analysis.extract.cues`; how they
date one fact is decided in :mod:`analysis.extract.years`; the partial-year cue in force at a figure in
:mod:`analysis.extract.partial`.

A figure's year is read, in this order, from: a year printed next to it
(社会消费品零售总额2020年达到…, 于2024年突破…); the nearest cue before it in its
paragraph (:mod:`analysis.extract.cues`: a clause-leading 2023年, 到2025年, 今年 / 去年 / 明年 relative to the
document's year, 过去五年, “十四五”期间 / 末 / 规划); the section heading
(2022年…执行情况 → actual 2022, 2023年主要预期目标 → target 2023, “十五五”时期主要目标 → target
2030, the plan's last year in the registry's plans; a statistical bulletin's title); a five-year plan document's own period; and last the
document's year (``--year``, a date line, or 今年是“十四五”收官之年). A figure
with none of these has no year and is not proposed.

Partial-year cues (1—11月, 前三季度, 上半年, 一季度, 截至9月, 今年以来 …) mark the rest of
their paragraph, or the whole document when its title or opening sentence says so;
全年 in a clause lifts the mark for that clause.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

YEAR = r"(?:19|20)\d{2}"
SENTENCE_END = "。；;！!？?"
LOOK_BACK = 600          # characters a sentence or clause is looked for before a figure: keeps extraction linear


def back_to(text: str, pos: int, marks: str) -> int:
    """Start of the stretch before *pos* that none of *marks* ends (a sentence, a clause), within LOOK_BACK."""
    floor = max(0, pos - LOOK_BACK)
    return max(max(text.rfind(ch, floor, pos) for ch in marks) + 1, floor)
_ORDINAL = "一二三四五六七八九"
PLAN_RE = re.compile(rf"十([{_ORDINAL}])五[”\"]?(规划|时期|期间|末期|末|以来)?|第十([{_ORDINAL}])个五年规划")
# A month before December, in digits or Chinese numerals (九月, 十一月; 十二月 ends the year, so never)
_MONTH = r"(?:[2-9]|1[01]|十一|十(?![一二])|[二三四五六七八九])"
PARTIAL_RE = re.compile(      # (较前三季度提高1.5个百分点: a comparison with the period, not the period of the figures)
    r"(?<![较比与])(?:"
    r"(?<!\d)(?:1|一)\s*[-—–~～至到]\s*(?:[2-9]|1[01])月份?|(?<![\d-])(?:[1-9]|1[01])月份?(?:至|到)(?:[2-9]|1[01])月份?"
    rf"|(?<!\d)(?:一|元)月?(?:份)?\s*[-—–~～至到]\s*{_MONTH}月份?"   # 一至九月, 元至九月, 元月至十一月
    rf"|截至{_MONTH}月|截[至止](?:19|20)\d{{2}}年\s*{_MONTH}月(?!\d)"        # 截至2025年9月: a stock at a month's date
    r"|前三季度|前两季度|上半年|(?<![前第])[一二三四]季度|第[一二三四]季度|当季"
    r"|(?<![上下近多一两])半年(?=成绩单|经济运行|报|盘点|答卷)"       # 【半年成绩单】 in a headline
    r"|截至(?:[1-9]|1[01])月(?:末|底)?|(?<![\d年])(?:[1-9]|1[01])月(?:末|底)|今年以来|年初以来"
    # 半年来, 时间过半、任务过半 / 双过半, 首季(度), 前5个月: a half year, a first quarter, the first months
    r"|(?<![多两])半年(?:以)?来|时间过半|双过半|首季度?|前(?:[两二三四五六七八九十]|[2-9]|1[01])个月"
    r"|前(?:[2-9]|1[01])月|(?<![\d.])1\s*[-—–~～至到]\s*[23]季度|前[23]季度|(?<![\d.])[1-4]季度)")      # 1-3季度, 第1季度
ANNUAL_RE = re.compile(r"全年")
TARGET_WORDS = re.compile(r"预期目标|(?<![超于出])预期(?!因素|之外)|力争|争取|目标是|主要目标|要实现|将实现|将达到|确保(?!了)|(?<!即)将(?!我|其)|"
                          rf"增长目标(?:为|是)?(?=\d)|计划(?={YEAR}年)")       # 增长目标5.5%; 计划2023年地区生产总值增长8.5%以上
ESTIMATE_RE = re.compile(r"预计|预估")
_ORIGINAL_TITLE = re.compile(r"(?:^|\n)\s*原标题[:：]\s*([^\n]{2,80})")
_BULLETIN_OPENING = re.compile(r"(?:^|\n)\s*(?:初步核算|据初步核算|经初步核算)?[,，]?全年")
_DATA_YEAR_NAMED = re.compile(rf"按({YEAR})年(?:人民币)?(?:平均|年平均)汇率|据({YEAR})年(?:全国)?人口(?:变动)?抽样调查")
# 2022年全区生产总值及其增长速度 / 图1 2018-2022年地区生产总值及其增长速度 (a chart of five years: the last is the bulletin's)
_BULLETIN_TABLE = re.compile(rf"(?:^|\n)(?:图\s*\d{{1,2}}\s*)?(?:{YEAR}\s*[-—–~至]\s*)?({YEAR})年[^\n]{{0,12}}生产总值及其增长速度")
DATE_RE = re.compile(rf"({YEAR})年\d{{1,2}}月\d{{1,2}}日|(?:^|\n)[(（]({YEAR})年\d{{1,2}}月[)）]|(?:时间|日期)[:：]?\s*({YEAR})[-/.]\d{{1,2}}|({YEAR})-\d{{2}}-\d{{2}}|"
                     rf"({YEAR})([/.])(?:0?[1-9]|1[0-2])\6(?:0?[1-9]|[12]\d|3[01])(?!\d)")      # 2024/01/15, 2024.1.15


@dataclass(frozen=True)
class Span:
    """A five-year plan's years."""
    first: int
    last: int

    @property
    def base(self) -> int:
        return self.first - 1


@dataclass
class Context:
    """When the figures of a stretch of text are from."""
    mode: str | None = None           # 'actual', 'target' or 'review'
    year: int | None = None
    plan: Span | None = None          # plan whose period a flow totals over
    period: bool = False              # figures are totals over the plan period (“十四五”期间 …)
    partial: str = ""                 # partial-year cue in force
    explicit: bool = False            # the year is printed next to the figure or its clause
    estimate: bool = False            # 预计到2025年末 in 2025: the year's estimate, an actual however early


@dataclass
class Document:
    year: int | None                  # the year the document was issued (今年)
    plan: Span | None                 # the plan a plan document sets out
    partial: str = ""                 # partial-year cue for the whole document
    plans: dict = field(default_factory=dict)
    data_year: int | None = None      # a statistics bureau's publication: the year its figures are for
    review_year: int | None = None    # the year an execution report's title reviews (2021年…计划执行情况)
    month: int | None = None          # the month of its date line, when printed
    congress: bool = False            # a work report, or news of a 人民代表大会 session (held early in its year)
    assessment: bool = False          # an assessment of a plan (中期评估, 实施情况): it states the plan, it is not it
    reviewed: set = field(default_factory=set)   # plans an earlier paragraph reviewed (“十四五”以来…取得的成就)
    partial_undated: str = ""         # the period of a page naming no whole year: its figures dated only by the page

    @property
    def settled(self) -> int:
        """Years before the first plan the registry lists are history, whatever the document's date."""
        return min((span.first for span in self.plans.values()), default=0)

    @property
    def closing_year(self) -> int | None:
        """The year a review in the document ends with: the year before it in a report of January–September (一年来
        in January is the year just ended), its own year in one of October–December (a congress at the year's end)."""
        return (self.year if (self.month or 0) >= 10 else self.year - 1) if self.year else None

    def plan_span(self, ordinal: int) -> Span:
        return self.plans.get(ordinal) or usual_plan_span(ordinal)


def usual_plan_span(ordinal: int) -> Span:
    """十四五 → 2021–2025: a plan's years when the registry lists no other."""
    return Span(2021 + 5 * (ordinal - 14), 2025 + 5 * (ordinal - 14))


def plan_number(ordinal: str) -> int:
    """四 → 14: the plan a 十X五 names, by its ordinal character."""
    return 10 + _ORDINAL.index(ordinal) + 1


def plan_ordinal(match: re.Match) -> int:
    return plan_number(match.group(1) or match.group(3))


def document(text: str, year: int | None, registry_plans=()) -> Document:
    """Document-level facts: its year (given, a date line, a title, 今年是…收官之年), plan and partial period."""
    plans = {}
    for p in registry_plans:
        found = PLAN_RE.search(p.name_zh)
        if found:
            plans[plan_ordinal(found)] = Span(p.first_year, p.last_year)
    doc = Document(year, None, plans=plans)
    lines = [line for line in text.split("\n") if line.strip()]
    head = "\n".join(lines[:3])
    for line in lines[:3]:
        found = PLAN_RE.search(line)
        if found and len(line) <= 80 and re.search(r"规划(?:纲要|[(（]|$)|规划和.{0,8}远景目标|规划的建议|规划建议", line) \
                and not re.search(r"计划执行|工作报告|统计公报", head):
            doc.plan = doc.plan_span(plan_ordinal(found))
            break
    if re.search(r"统计局|统计公报", head):
        first = re.search(rf"({YEAR}|{_CN_YEAR})年(?!\d{{1,2}}月)", "\n".join(lines[:4])[:600])   # not (2024年4月)
        doc.data_year = _year_number(first.group(1)) if first else None
    executed = re.search(rf"({YEAR})年(?:国民经济和社会发展|经济社会发展)?计划执行情况", head)
    doc.review_year = int(executed.group(1)) if executed else None     # 一年来 in it is that year, however dated
    if doc.data_year is None:      # a bulletin's own table (2022年全区生产总值及其增长速度) names the year of its figures
        table = _BULLETIN_TABLE.search(text[:6000])
        doc.data_year = int(table.group(1)) if table else None
    if doc.data_year is None and _BULLETIN_OPENING.search(text[:300]) and \
            not re.search(r"政府工作报告|人民代表大会|计划执行", text[:300]):
        # a bulletin stored without its title (初步核算,全年全市地区生产总值…): the year its exchange rate or its sample
        # survey names (按2022年平均汇率计算, 据2022年人口抽样调查) is the year of its figures
        named = _DATA_YEAR_NAMED.search(text[:3000])
        # otherwise the year before the one it was issued in (the year given is the issue year, as --year asks)
        # (初步核算,全年…: a bulletin's own words; a page opening on 全年 alone may be news of the year not yet over)
        fallback = year - 1 if year and re.search(r"初步核算", text[:300]) else None
        doc.data_year = int(named.group(1) or named.group(2)) if named else fallback
    opening = "\n".join(lines[:2])[:160]
    first_sentence = re.split(r"[。；;！？]", opening)[0]      # a cue later in the opening marks its paragraph only
    partial = PARTIAL_RE.search(first_sentence)
    # 关于2019年上半年…计划执行情况的报告: a period right after the title's year is the document's, whatever kind it is
    # (…2025年国民经济和社会发展计划上半年执行情况的报告: the period right before 执行情况 too)
    of_title = partial and re.search(rf"{YEAR}年\s*{re.escape(partial.group(0))}[^。，,；;]*?(?:执行|运行)情况|"
                                     rf"{YEAR}年[^。，,；;]{{0,20}}?{re.escape(partial.group(0))}\s*(?:执行|运行)情况",
                                     lines[0] if lines else "")
    # 今年以来 alone (no month, no quarter) opens year-end reviews too: a period only where nothing names a whole year
    weak = partial and re.fullmatch(r"今年以来|年初以来", partial.group(0)) and re.search(_WHOLE_YEAR, text)
    # 原标题:金堂县一季度GDP58.4亿元…: a reposted page's own headline, printed at its foot, names its period too
    original = _ORIGINAL_TITLE.search(text)
    if not partial and original and not re.search(r"统计公报|执行情况|工作报告|全年", original.group(1)):
        partial = PARTIAL_RE.search(original.group(1))
        weak = False
    if partial and not weak and not dates_a_fact(partial) and (
            of_title or not re.search(r"统计公报|执行情况|工作报告|全年", opening)):
        doc.partial = partial.group(0)
    elif not re.search(_WHOLE_YEAR, _TOWARD_YEAR.sub("", text)) and (partial := next(
            (p for p in PARTIAL_RE.finditer(text[:1500]) if not dates_a_fact(p)), None)):
        doc.partial_undated = partial.group(0)    # a page on 前三季度 whose headline lacks it, and never a whole year
    doc.assessment = bool(re.search(r"评估|实施情况|进展情况", head))
    date = re.search(rf"(?:{YEAR})年(\d{{1,2}})月\d{{1,2}}日|(?:{YEAR})-(\d{{2}})-\d{{2}}|^\s*(\d{{1,2}})月\d{{1,2}}日|"
                     rf"(?:{YEAR})([/.])(0?[1-9]|1[0-2])\4(?:0?[1-9]|[12]\d|3[01])(?!\d)", text[:600])
    doc.month = int(date.group(1) or date.group(2) or date.group(3) or date.group(5)) if date else None   # 12月27日,…大会开幕
    speech = _SPEECH_DATE.search(text[:800])
    doc.month = int(speech.group(2)) if speech else doc.month
    doc.congress = bool(re.search(r"政府工作报告|人民代表大会(?!常务委员会)|人代会|两会", text[:300])) and not doc.data_year and \
        doc.review_year is None and (doc.month is None or doc.month <= 6)
    if doc.year is None:
        doc.year = _detect_year(text, doc) or (doc.data_year + 1 if doc.data_year else None)
    # a bulletin whose title's year is unreadable (?023年), or one stored without its title and dated in its first half
    # (光泽县统计局 / (2018年3月20日) / 初步核算,全年…): of the year before the one it was issued in
    if doc.data_year is None and doc.year and (re.search(r"统计公报", head) or (
            (doc.month or 12) <= 6 and _BULLETIN_OPENING.search(text[:300]) and re.search(r"初步核算|统计局", text[:300])
            and not re.search(r"政府工作报告|人民代表大会|计划执行", text[:300]))):
        doc.data_year = doc.year - 1
    return doc


# words that put a whole year in a text (a partial-year page has none of them)
_WHOLE_YEAR = r"全年|年末|年底|年度|一年来|一年以来|过去一年|过去的一年|统计公报|工作报告|执行情况|规划"
# 为全年经济目标打下了坚实基础 / 占全年任务的55.1%: the year still ahead of a report on part of it, not a whole year
_TOWARD_YEAR = re.compile(r"(?:为|向|对|占|完成|实现|冲刺)(?:全年|年度)[^，,。；;]{0,12}?(?:目标|任务|基础|计划)|"
                          r"(?:确保|力争|争取)(?:全年|年度)")       # 确保全年完成固定资产投资320亿元: a target ahead


def dates_a_fact(partial: re.Match) -> bool:
    """截至2025年9月,…总面积…,常住人口10.3万人: a profile's date for the facts of its sentence, not the page's period."""
    return partial.group(0).startswith(("截至", "截止")) and bool(re.search(YEAR, partial.group(0)))


def still_ahead(year: int | None, doc: Document) -> bool:
    """True when an annual figure for *year* cannot yet be an actual where the document was written: a year after
    the document's own, or the document's own year in a work report or congress news (held in its first months)."""
    return bool(year and doc.year and (year > doc.year or (year == doc.year and doc.congress)))


# 2020年12月24日在…人民代表大会第五次会议上: the day a report was given, before any date the page was posted on
_SPEECH_DATE = re.compile(rf"({YEAR})年(\d{{1,2}})月\d{{1,2}}日\s*在[^。\n]{{0,60}}?(?:代表大会|人代会|会议)上")


def _dates_the_page(head: str, pos: int) -> bool:
    """A date printed as 2020年2月28日 dates the page near its top (not after 截至), at a line's start or after 发布 / 时间 / 日期 / 来源 /
    于; inside a sentence further on (…。2020年2月28日,省政府批准…) it is an event's."""
    line_start = head.rfind("\n", 0, pos) + 1
    if re.search(r"(?:截至|截止|至)\s*$", head[max(0, pos - 3):pos]):
        return False                # 截至2020年11月1日零时,…常住人口: the day a count was taken (a census), not the page's
    return pos < 150 or not head[line_start:pos].strip() or bool(re.search(r"(?:发布|时间|日期|来源|于)[:：]?\s*$", head[max(0, pos - 8):pos]))


def _detect_year(text: str, doc: Document) -> int | None:
    head = text[:600]
    date = _SPEECH_DATE.search(text[:800]) or next(
        (d for d in DATE_RE.finditer(head) if d.group(1) is None or _dates_the_page(head, d.start())), None)
    if date:
        return int(next(g for g in date.groups() if g))
    # a review is heard the year after, except at a congress of late December (12月27日: 一、2024年工作回顾 is of 2024)
    review = 0 if (doc.month or 0) >= 11 else 1
    for pattern, offset in ((rf"({YEAR})年(?:国民经济和社会发展)?计划执行情况", 1), (rf"({YEAR})年[^\n]{{0,20}}统计公报", 1),
                            (rf"(?:^|\n|[:：;；])\s*(?:[一二三四五六七八九十]、|一是)({YEAR})年(?:以来)?工作回顾", review),
                            (rf"(?:^|\n)[ \t\u3000]*({YEAR})年工作回顾[ \t\u3000]*(?:\n|$)", review)):   # a heading line alone
        found = re.search(pattern, text[:3000])
        if found:
            return int(found.group(1)) + offset
    estimated = re.search(rf"({YEAR})年[^。；;\n]{{0,30}}?预计|预计到?({YEAR})年", text[:3000])     # 预计到2022年底
    if doc.congress and estimated:      # a congress hears last year's 预计 figures: 2025年…预计 → held in 2026
        return int(estimated.group(1) or estimated.group(2)) + 1
    if estimated and not review and re.search(r"人民代表大会|政府工作报告", text[:300]):
        return int(estimated.group(1) or estimated.group(2))     # one of late December estimates its own year
    closing = re.search(r"今年是[“\"]?十([一二三四五六七八九])五[”\"]?(?:规划)?(收官|开局|起步)之年", text)
    if closing:
        span = doc.plan_span(plan_number(closing.group(1)))
        return span.last if closing.group(2) == "收官" else span.first
    return None


_CN_YEAR = "[一二][〇零○一二三四五六七八九]{3}"          # 二〇二三年 in a bulletin's title


def _year_number(text: str) -> int:
    """2023 from 2023 or 二〇二三."""
    return int(text) if text.isdigit() else int("".join(str("〇一二三四五六七八九".index(c.replace("零", "〇").replace(
        "○", "〇"))) for c in text))
