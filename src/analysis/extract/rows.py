"""What a dated fact is as a row of the table: indicator, kind, unit, price basis and period_start.

In: a :class:`~analysis.extract.facts.Fact`, the :class:`~analysis.extract.context.Context` that dates it
(:mod:`analysis.extract.years`), the paragraph, the vocabulary and the document; or the cells of a text
table (:mod:`analysis.extract.tables`). Out: row dicts in the ``indicators.csv`` schema plus
``confidence`` and ``status`` (``proposed``, or ``needs_review`` for partial-year figures and unregistered
names), or None when the words say the number is not a row (growth over several years, a unit the
indicator is not measured in …).

A reading the grammar is unsure of carries a lower confidence and a code in ``note`` that says what to
check: ``check:year_from_document`` (no cue places it, the document's own year was used; status ``needs_review``
when that is the year the page is dated, not the year before it reviews: at their first measurement 32 of the 33
such proposals in eight fresh pools of documents were wrong),
``check:year_from_earlier_paragraph`` (the year is from a cue in an earlier paragraph),
``check:paired_across_clauses`` (a 分别 value paired with a name in another clause),
``check:period_total`` (完成 + an amount in a review of a plan period read as the period's total),
``check:forecast`` (预计到2025年… written before that year: status ``needs_review``, neither actual nor target),
``check:average_over_plan`` (a 年均 growth naming no span, read as over the plan ending in its year),
``check:part_of_place`` (区属/县属…: the units a place administers; status ``needs_review``),
``check:short_average`` (两年平均增长: an average over the two or three years around a shock, neither a year's rate
nor a plan's; status ``needs_review``), ``check:total_over_years`` (累计完成… with no word making it one year's and
no period framing it: a running total over years not named; status ``needs_review``),
``check:implausible_magnitude`` (an amount a head printed at a million 元 or more, 人均GDP约23131万元: a misprinted
unit; status ``needs_review``).
A year carried from an earlier paragraph takes nothing off: on the in-sample rounds its readings were as right
as the others (53 labelled of 62; the other 9 are figures outside the labelled list), so it is only named.
"""
from __future__ import annotations

import re
from dataclasses import replace

from analysis.data.merge import UNKNOWN_INDICATOR as UNKNOWN   # a name not registered; merge refuses it until mapped
from analysis.extract.clauses import CLAUSE_END, SENTENCE_END
from analysis.extract.context import ANNUAL_RE, ESTIMATE_RE, PARTIAL_RE, Context, Document, back_to, still_ahead
from analysis.extract.partial import partial_at
from analysis.extract.numbers import Fact
from analysis.extract.results import result_cells
from analysis.extract.tables import table_cells
from analysis.extract.vocab import Vocabulary
from analysis.extract.years import average_start, plan_ending

# flows a year that a review of a plan period sums (固定资产投资完成853亿元 in 五年来…): spending and sales, not
# output, income or revenue, whose figure in a review is the last year's level
_SUMMED = re.compile(r"投资|零售|销售|进出口|出口|进口")
_SET_TARGET = re.compile(r"力争|确保|争取|目标|预期|计划(?:20|19)\d\d年")     # words that make a 预计 sentence state a target after all
_SHARE_OF = re.compile(r"(占[^，,。；;\d]{0,14}?(?:比重|比例|份额)|占比)")
UNSURE = {"year_from_document": 0.1, "year_from_earlier_paragraph": 0.0, "paired_across_clauses": 0.0,
          "period_total": 0.2, "forecast": 0.3, "average_over_plan": 0.1, "part_of_place": 0.3, "short_average": 0.3,
          "total_over_years": 0.3, "implausible_magnitude": 0.3,
          "ceiling_kept": 0.3}     # confidence taken off for each reason to check (across clauses: set by facts)


# a year's rate, whatever the passage reviews (全年…,同比增长7%; 去年…增长5%)
_ONE_YEAR = re.compile(r"同比|比上年|较上年|比去年|较去年|全年|今年|去年|当年|上年")


# words that make a 累计 amount one year's (全年…累计完成136.6亿元, 2023年累计…)
_A_YEAR = re.compile(r"全年|本年|当年|今年|去年|上年|年内|(?:19|20)\d\d年(?!以来|至|到|-|—|～)")
_ON_LAST_YEAR = re.compile(r"同比|比上年|较上年|比去年|较去年")
_FROM_PLAN_END = re.compile(r"(?:较|比|与)[“\"]?十[一二三四五六七八九]五[”\"]?(?:期)?末")


def _over_the_review(ctx: Context) -> bool:
    """The figure's words are a review of several years, no single year printed with it."""
    return ctx.mode == "review" and ctx.plan is not None and ctx.plan.last > ctx.plan.first and not ctx.explicit


def _row(district, source, indicator, zh, year, kind, value, unit, basis, bound, period_start, quote, note,
         confidence, status="proposed"):
    return {"district": district, "indicator": indicator, "indicator_zh": zh, "year": year, "kind": kind,
            "value": value, "unit": unit, "price_basis": basis, "bound": bound,
            "period_start": "" if period_start is None else period_start, "source": source, "quote": quote,
            "note": note, "confidence": round(min(max(confidence, 0.05), 1.0), 2), "status": status}


def reading(fact: Fact, ctx: Context, vocab: Vocabulary, doc: Document):
    """(indicator Name, kind, unit, price basis, period_start) of a fact, or None when it is not a row."""
    name = vocab.name(fact.name)
    target = ctx.mode == "target"
    if fact.vs_year is not None and fact.vs_year != ctx.year - 1:
        return None                  # 同比2015年增长67.86%: growth over several years, not a rate a year
    if fact.vs_plan and not fact.average and doc.plan_span(fact.vs_plan).last != ctx.year - 1:
        return None                  # 较“十三五”末提高32%: the same, measured from that plan's last year
    if fact.kind == "amount" and re.search(r"增量[^，,。；;]{0,6}$", fact.lead):
        return None                  # 五年累计增量预计超48.9亿元: the level's increase over the years, not a sum of them
    if fact.kind == "growth":
        if not name.basis or re.search(r"累计(?:增长|提高|增加)了?$", fact.lead):
            return None              # 累计增长61.2%: growth over several years (累计同比 is a year to date's)
        printed = fact.period_start or (doc.plan_span(fact.base_plan).last if fact.base_plan else None)
        start = average_start(ctx.year, printed, fact.span, ctx.plan) if fact.average else None
        if fact.average and start is None and ctx.mode == "actual" and plan_ending(ctx.year, doc):
            start = plan_ending(ctx.year, doc).first        # check:average_over_plan (fact_row)
        if fact.average and start is None:
            return None
        return name, "target_growth" if target else "growth", "%", fact.basis or name.basis, start
    if fact.kind == "rate":
        if name.unit != "%":
            return None
        if name.basis:               # 居民消费价格指数控制在3.5%以内: an indicator published only as a growth rate
            return name, "target_growth" if target else "growth", "%", fact.basis or name.basis, None
        # a ceiling or floor stated for the plan period (“十四五”期间…控制在4.0%以内) holds in every year from its first
        every_year = target and fact.bound in ("<=", ">=") and ctx.plan is not None and ctx.period
        return name, "target_level" if target else "share", "%", "", ctx.plan.first if every_year else None
    if name.unit == "%" or not vocab.compatible(fact.unit, name.unit) or (fact.hold and not target):
        return None
    indicator = name
    if fact.flow and not name.flow:
        indicator = vocab.flow_of(fact.name)
        if indicator is None:
            if not fact.cumulative:
                return None          # an addition to something the vocabulary does not count
            indicator = name
    nbn_flow = fact.before_name and (target or bool(re.search(r"新增|新创|新建|新培育|累计", fact.lead)))
    counted = target and ctx.period and vocab.counts(fact.unit)
    is_flow = not fact.stock and (indicator.flow or fact.flow or fact.cumulative or nbn_flow or counted)
    if fact.stock:
        indicator = vocab.stock_of(fact.name) if name.flow else name
        if indicator is None:
            return None
    unit = vocab.canonical_unit(fact.unit, indicator.unit)
    basis = "current" if vocab.unit_bases.get(unit) == "元" else ""
    period_flow = ctx.plan and not fact.per_year        # 每年新增…: a year's flow, whatever the period around it
    if target:
        start = (ctx.plan.first if period_flow and (ctx.period or doc.plan or fact.cumulative) else ctx.year) if is_flow else None
        return indicator, "target_level", unit, basis, start
    review_stock = ctx.mode == "review" and fact.before_name and not (indicator.flow or fact.flow or fact.cumulative)
    if period_total(fact, ctx, indicator, unit, vocab):
        return indicator, "cumulative", unit, basis, ctx.plan.first
    # 全年财政收入…累计完成136.6亿元 in a year's account: the year's figure of an indicator measured by the year
    year_total = fact.cumulative and not (indicator.flow or fact.flow or nbn_flow or counted) and ctx.plan is None \
        and ctx.mode == "actual"
    if is_flow and not review_stock and not year_total:
        period = period_flow and (ctx.period or fact.cumulative or ctx.mode == "review")
        return indicator, "cumulative", unit, basis, ctx.plan.first if period else ctx.year
    return indicator, "level", unit, basis, None


def period_total(fact: Fact, ctx: Context, name, unit: str, vocab: Vocabulary) -> bool:
    """True for 完成 + an amount in 元 of a summed flow inside a review of a plan period (五年来, “十四五”时期):
    the total over the period, ``cumulative`` from its first year."""
    return bool(ctx.mode == "review" and ctx.plan and ctx.period and vocab.unit_bases.get(unit) == "元"
                and re.search(r"完成(?:了)?$", fact.lead) and _SUMMED.search(name.zh) and "人均" not in name.zh)


def _quote(para: str, start: int, end: int) -> str:
    cut = back_to(para, start, "。；;！？，,")
    return para[cut:end].strip()


# a figure of the units a place administers (区属, 县属 …), a part of its total and not the total
_PART_OF_PLACE = re.compile(r"(?:区|县|市|旗|州|盟)属$")
# 区属主要经济指标(不含金华经济技术开发区) opening a paragraph: every figure in it is of those units
_PART_PARAGRAPH = re.compile(r"\s*(?:[一二三四五六七八九十]、)?(?:区|县|市|旗|州|盟)属[^，,。；;\d]{0,12}?指标")
# a stock counted as of the day a document speaks (现有, 目前, 截至目前), not at the end of its year
_HAS_NOW = re.compile(r"现有|目前|截至目前|截止目前")
# a period of part of a year opening a sentence (一季度, / 1-9月, / 上半年,), not one so far (今年以来)
_PERIOD_OPENING = re.compile(rf"\s*(?:\d{{4}}年)?((?!今年以来|年初以来)(?:{PARTIAL_RE.pattern}))\s*[,，]")


def _partial(para: str, fact: Fact, doc: Document, target: bool, undated: bool = False, year: int | None = None) -> str:
    """The partial-year cue in force at *fact* ('' for an annual figure or a target); *undated*: the figure is dated
    only by the document, whose page may be of a part of the year (``Document.partial_undated``)."""
    if target:          # 一季度,全县地区生产总值完成26.7亿元 after a sentence of 确保…: the quarter's, whatever frames it
        opening = _PERIOD_OPENING.match(para, back_to(para, fact.pos, "。！？!?"))
        return opening.group(1) if opening and not ANNUAL_RE.search(para, opening.end(), fact.pos) else ""
    return partial_at(para, fact.pos, doc, para[back_to(para, fact.pos, CLAUSE_END):fact.pos], year) or (
        doc.partial_undated if undated else "")


_POPULATION_KIND = re.compile(r"(?:\[注?\d{1,2}\])?[(（]((?:户籍|常住)人口)[)）]")


def _unnamed_row(fact: Fact, ctx: Context, para: str, doc: Document, place: str, source: str) -> dict:
    """A figure under a name the registry does not list: proposed for review, never as a value to merge."""
    target = ctx.mode == "target"
    kind = {"growth": "target_growth" if target else "growth", "rate": "target_level" if target else "share",
            "amount": "target_level" if target else "level"}[fact.kind]
    partial = _partial(para, fact, doc, target, year=ctx.year)
    unit = "%" if fact.kind != "amount" else fact.unit.replace("余", "")
    note = f"unregistered name: {fact.unnamed}" + (f"; partial year: {partial} — not an annual value" if partial else "")
    return _row(place, source, UNKNOWN, fact.unnamed, ctx.year, kind, fact.value, unit, "", fact.bound, None,
                _quote(para, *fact.quote), note, fact.confidence, "needs_review")


def fact_row(fact: Fact, ctx: Context, para: str, vocab: Vocabulary, doc: Document, place: str, source: str,
             unsure: tuple = ()) -> dict | None:
    """The row of a dated fact, or None. *unsure* names what about its dating is to check (keys of UNSURE)."""
    kind_named = _POPULATION_KIND.match(para, fact.quote[1]) if fact.unnamed.endswith("总人口") else None
    if kind_named and vocab.pattern.fullmatch(kind_named.group(1)):    # 总人口11.14万人[注3](户籍人口): that population
        fact = replace(fact, name=vocab.key(kind_named.group(1)), unnamed="", confidence=0.8)
    if fact.unnamed:
        return _unnamed_row(fact, ctx, para, doc, place, source)
    found = reading(fact, ctx, vocab, doc)
    share = _SHARE_OF.match(fact.lead.strip("\u3000 ")) if found is None and fact.kind == "rate" else None
    if share:           # 第三产业增加值占地区生产总值的比重52.3%: a share no registered name holds, for review
        return _unnamed_row(replace(fact, unnamed=fact.name + share.group(1), confidence=0.3), ctx, para, doc, place,
                            source)
    if found is None:
        return None
    indicator, kind, unit, basis, start = found
    sentence_before = para[back_to(para, fact.pos, "。！？!?"):fact.pos]
    if kind == "growth" and not fact.average and not _ONE_YEAR.search(fact.lead + sentence_before) and (
            _over_the_review(ctx) or _FROM_PLAN_END.search(sentence_before)):
        return None              # 过去五年,…收入达到38504元,增长38.4%: over the five years, not a year's rate;
        # 2020年,地区生产总值233亿元、较“十二五”末增长27%;…收入…分别增长38.4%、49%: from the same plan's end
    partial = _partial(para, fact, doc, kind.startswith("target"), "year_from_document" in unsure, ctx.year)
    sentence = para[back_to(para, fact.pos, SENTENCE_END):fact.pos]
    now = _HAS_NOW.search(sentence) if kind == "level" and doc.data_year is None else None
    if not partial and now and (not ctx.explicit or unsure):
        partial = now.group(0)           # 全市现有…企业达736家, its year not printed with it: as of the document's day
    notes = (["预计 (estimate)"] if ESTIMATE_RE.search(sentence) else []) + (
        [f"partial year: {partial} — not an annual value"] if partial else [])
    if kind in ("growth", "target_growth") and not fact.basis:
        notes.append(f"basis not stated: {basis} is the indicator's usual basis; "
                     "record unstated if the document does not settle it")
    # 预计到2025年…可达到330亿元, written in 2023: a forecast, neither an actual nor a target the plan set
    forecast = kind.startswith("target") and bool(ESTIMATE_RE.search(sentence)) and not _SET_TARGET.search(sentence) \
        and still_ahead(ctx.year, doc) and (doc.plan is None or doc.assessment)    # a plan's own 预计 states its targets
    # 区属规模以上工业增加值: the units the district administers, its published total in some places, a part of
    # it in others (雁塔区 prints both): for review
    part = bool(_PART_OF_PLACE.search(para, max(fact.quote[0] - 3, 0), fact.quote[0]) or _PART_PARAGRAPH.match(para))
    short = kind == "growth" and fact.short_average
    # no word dates it and the year is the one the page is dated in or was given (not the year before, a report's
    # review; not a congress at the year's end): when a page was posted says little about which year its figures are of
    page_year = "year_from_document" in unsure and ctx.year == doc.year and (doc.month or 0) < 10
    # 累计完成固定资产投资2719亿元,年均增长6.5%: a total over years no word names, not a year's level
    rest = re.split(f"[{SENTENCE_END}]", para[fact.pos:], maxsplit=1)[0]
    over_years = kind == "level" and fact.cumulative and not (_A_YEAR.search(sentence) or _ON_LAST_YEAR.search(rest))
    implausible = kind == "level" and "人均" in indicator.zh and unit == "万元" and fact.value >= 100    # 23131万元 a head
    # 居民消费价格指数控制在3%以内 in a review: the ceiling was kept, the year's rise is not printed
    ceiling = kind == "growth" and indicator.indicator == "cpi" and fact.bound == "<="
    unsure = [*unsure, *(["paired_across_clauses"] if fact.across else []), *(["part_of_place"] if part else []),
              *(["period_total"] if kind == "cumulative" and period_total(fact, ctx, indicator, unit, vocab) else []),
              *(["forecast"] if forecast else []), *(["short_average"] if short else []),
              *(["total_over_years"] if over_years else []), *(["implausible_magnitude"] if implausible else []),
              *(["ceiling_kept"] if ceiling else []),
              *(["average_over_plan"] if fact.average and not (fact.period_start or fact.span or ctx.plan) else [])]
    notes += [f"check:{code}" for code in unsure]
    bound = fact.bound or (">=" if "余" in fact.unit else "")
    confidence = fact.confidence - sum(UNSURE[code] for code in unsure) - (0.3 if partial else 0)
    return _row(place, source, indicator.indicator, indicator.zh, ctx.year, kind, fact.value, unit, basis, bound, start,
                _quote(para, *fact.quote), "; ".join(notes), confidence,
                "needs_review" if partial or forecast or part or short or over_years or page_year or implausible or ceiling
                else "proposed")


def table_rows(paragraphs, vocab, doc, district, source) -> list[dict]:
    """Rows of the text tables among *paragraphs* (:func:`analysis.extract.tables.table_cells`)."""
    rows = []
    cells = table_cells(paragraphs, vocab, doc.plan, doc.data_year, doc.plan_span)
    for cell in cells + result_cells(paragraphs, vocab, doc.review_year or doc.data_year):
        name = vocab.name(cell.name)
        target = cell.target or bool(doc.plan and cell.year > doc.plan.base)
        start = None
        if "美元" in cell.unit:
            continue                   # 进出口总额(亿美元): a foreign currency, not the indicator's 元
        if cell.kind == "growth" or cell.kind.startswith("average"):
            if not name.basis or name.unit == "%":
                continue
            kind, unit, basis = "target_growth" if target else "growth", "%", name.basis
            start = int(cell.kind.split(":")[1]) if cell.kind.startswith("average") else None
        elif cell.unit == "%" and name.unit not in ("%", ""):
            continue                   # 累计全社会固定资产投资(%): a rate of an amount the row does not say
        elif cell.unit == "%" or name.unit == "%":
            kind, unit, basis = ("target_level" if target else "share"), "%", ""
        else:
            unit = vocab.canonical_unit(cell.unit or name.unit, name.unit)
            kind, basis = ("target_level" if target else "level"), ("current" if vocab.unit_bases.get(unit) == "元" else "")
        note = "table row" + ("; 预计 (estimate)" if cell.estimate else "")
        rows.append(_row(district, source, name.indicator, name.zh, cell.year, kind, cell.value, unit, basis, cell.bound,
                         start, cell.quote, note, 0.85))
    return rows
