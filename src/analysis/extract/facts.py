"""Figures in a paragraph: which indicator, which number, and what the words around it say.

In: a normalised paragraph and the :class:`~analysis.extract.vocab.Vocabulary`. Out: its
:class:`~analysis.extract.numbers.Fact` s in order (:func:`paragraph_facts`); when each is from (year, target
or actual) is decided later, from its position (:mod:`analysis.extract.years`).

A mention of an indicator owns the text up to the next mention or the end of its sentence
(:mod:`analysis.extract.clauses`); each number with a unit or % in it becomes a fact
(:mod:`analysis.extract.numbers`). Also read here: 分别 lists (A、B分别增长7%、8%; one list per 分别:
分别增长X%和Y%,分别达A元和B元; 分别达A元、B元,增长X%、Y%: a clause listing as many values after the list goes
to the same names; 城、乡 / 第一、二、三产业 / X和Y), a total after a flow (净增106万户、总量突破465万户), 累计完成 before a name (a total), and a number before its name (新创1个4A级景区). A 分别 clause after
differently named clauses and quoted targets are paired in :mod:`analysis.extract.pairing`; figures no
registered name reaches are named by the words before them (:mod:`analysis.extract.unnamed`), proposed as
indicator ``unknown`` for review, so no figure is dropped silently. Numbers may be Chinese numerals (cn2an).
"""
from __future__ import annotations

import re
from dataclasses import replace

from analysis.extract.clauses import find_mentions, group_mentions, mask_brackets, owned_text, readable, value_pattern
from analysis.extract.context import YEAR, back_to, plan_number, usual_plan_span
from analysis.extract.scope import SHARE_OF
from analysis.extract.numbers import (FLOW_CUE, STEP, Fact, CHANGE, INCREMENT, STOCK_CUE, from_to, index_level,
                                      rate_named_after, read_number)
from analysis.extract.pairing import (RANGE_BEFORE, mark_quoted_targets, merge_mixed_lists, one_value_a_year,
                                      respectively_across)
from analysis.extract.unnamed import unnamed_facts
from analysis.extract.vocab import N, Vocabulary, number, unit_of

__all__ = ["Fact", "paragraph_facts"]
_THRESHOLD = re.compile(r"新?(?:大关|关口|台阶)")      # a round mark passed (突破200亿元大关), not the figure itself
# the base year a sentence names before an average: 是2020年的1.4倍 / 比2020年增长40%
_STRETCH = re.compile(r"(?:力争|争取|确保|最高|最多)(?:达到|达|实现)?")
_PLAN_BASE = re.compile(r"(?:比|较|与)[“\"]?十([一二三四五六七八九])五[”\"]?末(?:相比)?[,，]?(?:年均|平均)")   # 较“十三五”末年均增长4%
_BASIS_WORD = re.compile(r"现价|可比价|不变价")
_NAMED_TARGET = re.compile(r"(?:以内|以下|左右)?的(?:预期|年度|调控)?目标")
_EACH = re.compile(r"[,，]均(?:比上年|同比)?(?:增长|下降|提高|增加|减少)$")   # ,均增长8.3%: the same rate for every name
# 财政总收入、地方财政收入均增长7%: one value right after a list of names, with 均, is every name's
_ALL_SAME = re.compile(r"(?:同比|比上年)?均(?:比上年|同比)?(?:增长|下降|提高|增加|减少|达到|超过)$")
_STEPS = re.compile(r"(?:[两二三四五六七八九十几]{1,3}|\d+)个[^，,。；;\d]{0,6}?(?:台阶|关口)")     # 跨越3个十亿级台阶
_DOLLARS = re.compile(r"\d\s*(?:亿|万)?美元")
_ASIDE = re.compile(r"[(（][^()（）]*[)）]")
_LIST_FLOW = re.compile(r"(?:全年|当年|其中)?(?:新增|净增|新认定|新培育|新登记)")
# 新增国家级专精特新“小巨人”企业4家,高新技术企业101家: a count right after a 新增 clause of counts is one more flow
_FLOW_CLAUSE_BEFORE = re.compile(r"(?:^|[，,；;。:：])\s*(?:全年|当年|其中)?(?:新增|新认定|新培育|新登记)[^，,。；;]{1,30}?"
                                 r"[\d.]+余?(?:家|户|个|项)[，,]\s*$")
_LIST_TOTAL = re.compile(r"累计(?:完成|实现)?[^、，,。；;]{2,16}?[\d.]+(?:万|亿)?元、$")
# 累计实施固定资产投资项目269个,完成固定资产投资88亿元: a clause with no subject after a 累计 clause is one more total
_TOTAL_CLAUSE_BEFORE = re.compile(r"(?:^|[。；;])\s*累计(?:实施|完成|实现|新增|建成|开工)[^，,。；;]{1,30}?[\d.]+余?(?:个|家|项|万|亿)?"
                                  r"(?:元)?[，,]\s*(?:完成|实现)$")
_NAMED_BASE = re.compile(rf"(?:是|为|相当于)[^,，。；;\d]{{0,8}}?({YEAR})年(?:末|底)?(?:[(（][^()（）]{{0,16}}[)）]|[\d.]+[万亿]?元)?的[\d.]+万?倍|"
                         rf"(?:比|较)({YEAR})年(?:末|底)?(?:增长|提高|增加)")


def paragraph_facts(text: str, vocab: Vocabulary) -> list[Fact]:
    """Every fact of one (normalised) paragraph, in order."""
    masked = mask_brackets(text)
    mentions = find_mentions(masked, vocab)
    value_re = value_pattern(vocab.unit_re)
    facts, claimed = [], set()
    # a number before its name: 新创1个4A级景区、3个3A级景区; 完成35块社会足球场地
    starts = {m[0]: m for m in mentions if not m[3]}
    for m in value_re.finditer(masked):
        mention, rate = starts.get(m.end()), rate_named_after(masked, m, starts)      # 以7.6%的GDP增速
        facts += [rate] if rate else []
        if mention and unit_of(m) != "%" and not masked[max(0, m.start() - 1):m.start()] == "第" and readable(m):
            facts.append(Fact(mention[2], number(m), unit_of(m), "amount", "", m.start(), (m.start(), mention[1]),
                              lead=masked[max(0, m.start() - 12):m.start()], before_name=True, confidence=0.65))
            claimed.add(m.start())
    groups, covered, subjects = group_mentions(masked, mentions), [], []
    groups, orders = merge_mixed_lists(masked, mentions, groups)
    # where each group's text stops: the next group, unless it comes after 占 (…占地区生产总值的比重: the whole a
    # share is of does not end the text before it); filled from the end, so one pass
    stops, stop = [0] * len(groups), len(masked)
    for i in range(len(groups) - 1, -1, -1):
        stops[i] = stop
        if not SHARE_OF.search(masked, 0, groups[i][0][0]):
            stop = groups[i][0][0]
    for i, group in enumerate(groups):
        if group[-1][3]:
            continue
        start = group[-1][1]
        stop = stops[i]
        names = [name for mention in group for name in vocab.expand(masked, mention[0], mention[2])]
        order = orders.get(group[0][0])
        if order:                            # a 分别 list naming some things no one registered: by position
            names, start = [mention[2] for mention in group], order[0]
        # …城镇居民人均可支配收入、农民人均纯收入同比分别增长…: names no one registered close the list; their values are
        # passed over (and listed unread), so the registered names keep theirs
        trailing = _UNREGISTERED_TAIL.match(masked, start, stop)
        unnamed_after = trailing.group(0).count("、") if trailing else 0
        start = trailing.end() if trailing else start
        end = owned_text(masked, start, stop)
        before = re.split(r"[,，、。；;：:]", masked[max(0, group[0][0] - 10):group[0][0]])[-1]
        head = re.split(r"[,，。；;：:]", masked[max(0, group[0][0] - 120):group[0][0]])[-1]     # its clause
        # 新增省级专精特新企业26家、高新技术企业29家: a 、 list after 新增 lists flows
        pre_flow = bool(FLOW_CUE.search(before)) or (head.endswith("、") and bool(_LIST_FLOW.match(head))) or \
            bool(_FLOW_CLAUSE_BEFORE.search(masked, max(0, group[0][0] - 60), group[0][0]))
        # 累计完成固定资产投资800亿元: a total; 累计完成固定资产投资A亿元、社会消费品零售总额B亿元: each item of the list
        pre_total = bool(re.search(r"累计(?:完成|实现)?$", before)) or (head.endswith("、") and bool(_LIST_TOTAL.search(head))) \
            or bool(_TOTAL_CLAUSE_BEFORE.search(masked, max(0, group[0][0] - 60), group[0][0]))
        listed = masked.find("分别", start, end)
        # …一般预算收入18.8亿元,分别增长…: the list is the sentence's (not when names no one registered close the
        # name's own list: 固定资产投资、工业投资分别增长6.2%、19.3%)
        span = RANGE_BEFORE.search(masked, back_to(masked, group[0][0], "。；;"), group[0][0])
        if len(names) == 1 and listed >= 0 and not unnamed_after and not order and not span:
            end = max(back_to(masked, listed, ",，;；"), start)
        # 年计划完成地区生产总值617亿元以上,1—9月完成…: the first clause after the name is the year's plan
        planned = next((k for k in range(start, end) if masked[k] in "，,；;。"), end) if _PLAN_BEFORE.search(before) else 0
        found = _facts_in(masked, names, group[0][0], start, end, value_re, claimed, vocab, pre_flow, planned,
                          unnamed_after, order[1] if order else None,
                          (int(span.group(1)), int(span.group(2))) if span and len(group) == 1 else None)
        per_year = bool(re.search(r"(?:每年|年均)(?:新增|净增|新培育|新认定|新建|新登记|新注册)?$", before))
        for fact in found:
            fact.cumulative = fact.cumulative or (pre_total and fact.kind == "amount")
            fact.per_year = fact.kind == "amount" and (per_year or bool(re.search(r"每年|年均", fact.lead)))
        facts += found
        covered.append((group[0][0], end))
        subjects.append((group[0][0], names[-1], ""))
    unnamed = unnamed_facts(masked, mentions, covered, value_re, {f.pos for f in facts})
    facts += unnamed
    subjects += [(f.quote[0], "", f.unnamed) for f in unnamed]
    facts += respectively_across(masked, sorted(subjects), {f.pos for f in facts}, value_re)
    mark_quoted_targets(masked, facts)
    _same_base_below(text, facts)
    return _pairs_share_years(sorted(facts, key=lambda f: f.pos), masked)


_PLAN_BEFORE = re.compile(r"(?:年|年度)计划(?:完成|实现|达到)?$")
_UNREGISTERED_TAIL = re.compile(r"(?:、[\u4e00-\u9fff]{2,12}?)+(?=(?:同比|比上年)?分别)")
_BASE_BELOW = re.compile(rf"(?:比|较)({YEAR})年[(（]下同[)）]")


def _same_base_below(text: str, facts: list[Fact]) -> None:
    """比2012年(下同)增长47.7%;固定资产投资…增长125.1%: every growth after the mark is on that year too."""
    for m in _BASE_BELOW.finditer(text):
        for f in facts:
            if f.pos > m.start() and f.kind == "growth" and f.vs_year is None and not f.average:
                f.vs_year = int(m.group(1))


def _pairs_share_years(facts: list[Fact], text: str) -> list[Fact]:
    """从2016年的695.7亿元增加到2021年的1144.2亿元…。规上工业总产值从742亿元增加到1550.2亿元: a pair without years
    after one with years in the same paragraph spans the same years (由“十二五”末的A: that plan's last year); and an
    average naming no years in the rest of its sentence (…增加到2020年的B,年均增长6.2%;固定资产投资年均增长6.16%) is over
    them too; so is one after an average whose base year its sentence named (是2012年…的1.56倍,年均增长11%;…年均增长8.07%)."""
    years: dict = {}
    sentence_of_pair, based = -1, None
    for f in facts:
        bare = f.average and not (f.period_start or f.span or f.base_plan or f.short_average)
        if based and bare and f.year in (None, based.year) and not re.search("[。！？]", text[based.pos:f.pos]):
            f.period_start = based.period_start
        based = f if f.average and f.period_start else based
        if f.pair and f.year is not None and not f.role:
            years[f.pair] = f.year
            sentence_of_pair = f.pos
        elif f.pair == "from" and f.base_plan:
            years["from"] = usual_plan_span(f.base_plan).last
        elif f.role in ("from", "to") and not f.base_plan and f.role in years and years.keys() >= {"from", "to"}:
            f.year, f.role = years[f.role], ""
        elif f.average and f.year is None and not (f.period_start or f.span or f.base_plan or f.short_average) and \
                years.keys() >= {"from", "to"} and sentence_of_pair >= 0 and not re.search("[。！？]", text[sentence_of_pair:f.pos]):
            f.year, f.period_start = years["to"], years["from"]          # the base year (as 从2015年的… gives)
    return facts


def _facts_in(text, names, mention_start, start, end, value_re, claimed, vocab, pre_flow=False, planned=0,
              unnamed_after=0, listed=None, years=None) -> list[Fact]:
    """Facts in the text *names* own (text[start:end]); names are several for a 分别 list; those before *planned*
    are the year's plan (targets)."""
    owned = text[start:end]
    unit = vocab.name(names[-1]).unit
    facts, (first_year, last_year) = from_to(owned, names, mention_start, start, claimed)
    listed_names = list(listed) if listed else list(names) + [None] * unnamed_after
    if "分别" in owned and len(listed_names) == 1:
        by_year = one_value_a_year(owned, names[-1], mention_start, start, value_re, claimed, years)
        if not by_year:
            return facts                                     # a list whose names we do not know
        facts += by_year
    listed_values = re.search(rf"{N}(?:%|[^\d，,。；;、和与]{{1,3}})?(?:和|、|与){N}", owned)  # 增长8.9%和9.6% / 1.9亿元、1.2亿元: a list without 分别
    respectively = len(listed_names) > 1 and ("分别" in owned or bool(listed_values))
    queue, seen, previous_end = list(listed_names), {}, 0
    lone_value = "分别" in owned and not listed and sum(readable(v) for v in value_re.finditer(owned)) == 1
    lists, segment = [[]], 0            # one list per 分别: 分别增长7%和8%,分别达A元和B元 → two lists of two
    flow_seen = vocab.name(names[-1]).flow                   # 新认定高新技术企业58家，总数达到231家
    verb = re.search(r"(增长|增速)$", names[-1])             # a name that ends in its verb: 经济增长6%左右
    steps = [x.span() for x in _STEPS.finditer(owned)]
    dollars = _DOLLARS.search(_ASIDE.sub(lambda x: " " * len(x.group(0)), owned))
    for m in value_re.finditer(owned):
        if start + m.start() in claimed or not readable(m):
            continue
        lead = (verb.group(1) if verb and previous_end == 0 else "") + owned[previous_end:m.start()].replace("\u3000", "")
        previous_end = m.end()
        printed = unit_of(m).replace("余", "")
        if any(a <= m.start() < b for a, b in steps):
            continue                    # 五年跨越3个十亿级台阶 / 跨越两个百亿台阶: the steps' count or size, same subject
        if printed == "%" and dollars is not None and dollars.start() < m.start():
            continue            # 进出口总额10.6亿美元,增长32.5%: a growth of dollars (not 元(折算为11162美元),增长7.8%)
        if printed != "%" and not vocab.compatible(printed, unit) and not STEP.match(owned, m.end()):
            if printed == "万":
                continue                                     # 万 alone after an amount it cannot be: not read
            break                                            # 旅游接待人数519.8万人次 after 零售总额: another subject
        if "投资" in lead and "投资" not in names[-1]:
            break                                            # 第一产业完成投资18987万元: the sector's investment
        if printed != "%" and (INCREMENT.search(lead) or not vocab.compatible(printed, unit) or (
                CHANGE.search(lead) and vocab.unit_bases.get(printed) == "元")):
            continue                                         # 比上年增加14545元; 2个万亿元台阶; 增长220亿元
        fact = read_number(owned, m, lead, start + m.start(), (mention_start, start + m.end()))
        if fact is None or index_level(fact, names[-1] + lead):
            continue
        # 失业率为3.8%,控制在4.5%的目标范围内: a value named a target right after it is the target
        fact.target = fact.target or fact.pos < planned or bool(_NAMED_TARGET.match(owned, m.end()))
        if fact.kind == "growth" and not fact.basis:       # 地区生产总值(现价)完成…,同比增长10.67%: the basis named before
            named = _BASIS_WORD.findall(owned, 0, m.start())
            fact.basis = ("current" if named[-1] == "现价" else "comparable") if named else ""
        if fact.kind == "rate" and fact.target and any(f.kind == "growth" for f in facts):
            fact.kind = "growth"                             # 增长5.5%(年初目标6%): the target of that growth
        if fact.average:
            named = _NAMED_BASE.findall(owned, 0, m.start())     # 是2020年的1.4倍,年均增长6.1%: from 2020
            fact.period_start = first_year or (int(next(y for y in named[-1] if y)) if named else None)
            plan_base = _PLAN_BASE.search(fact.lead[-16:])
            # 从“十三五”末的117亿元增长至2025年的163亿元,年均增长6.4%: from that plan's end to the pair's last year
            paired = next((f.base_plan for f in facts if f.base_plan and f.role == "from"), 0)
            fact.base_plan = 0 if fact.period_start else \
                plan_number(plan_base.group(1)) if plan_base else paired
            if paired and last_year and fact.year is None:
                fact.year = last_year
            if first_year and last_year and fact.year is None:
                fact.year = last_year                        # 从2015年的A增加到2020年的B,年均递增X%: 2015→2020
        clause_lead = re.split(r"[,，、]", fact.lead)[-1]
        flow_cue = bool(FLOW_CUE.search(clause_lead))
        fact.stock = fact.kind == "amount" and not fact.target and (flow_seen or pre_flow) and not flow_cue and (
            bool(STOCK_CUE.match(clause_lead)) or any(f.flow for f in facts + [f for group in lists for f in group]))
        # 确保新增规上工业企业40户,力争50户: a stretch target of the same flow
        again = flow_seen and bool(facts) and facts[-1].flow and bool(_STRETCH.fullmatch(clause_lead))
        fact.flow = fact.kind == "amount" and not fact.stock and ((pre_flow and not flow_seen) or flow_cue or again)
        flow_seen = flow_seen or fact.flow
        if len(names) > 1 and not facts and not any(lists) and _ALL_SAME.fullmatch(lead.strip()) and \
                _clause_values(owned, m, value_re) == 1:
            lists.append([replace(fact, name=name) for name in names])
            continue
        if respectively and lone_value:    # 城镇、农村居民人均可支配收入预计分别同比增长8%左右: one value, each name's
            lists.append([replace(fact, name=name) for name in names])
            continue
        if respectively:
            now = owned.count("分别", 0, m.start())
            if now != segment and lists[-1]:
                lists.append([])
                queue = list(listed_names)
            segment = now
            if not queue and re.search(r"[,，、]", lead) and _clause_values(owned, m, value_re) == len(listed_names):
                lists.append([])                             # 分别达到A元、B元,增长X%、Y%: the same names again
                queue = list(listed_names)
            if not queue and _EACH.search(lead) and _clause_values(owned, m, value_re) == 1:
                lists.append([replace(fact, name=name) for name in names])     # 分别达到A元和B元,均增长8.3%: each
                continue
            if not queue:
                continue
            fact.name = queue.pop(0)
            if fact.name is None:
                continue
            lists[-1].append(fact)
            continue
        role = (fact.kind, fact.average, fact.target, fact.stock, fact.flow, fact.year, fact.role, "全年" in clause_lead, fact.basis)
        fact.name = names[-1]
        if role not in seen:                                 # the first figure of each reading; later ones repeat
            seen[role] = len(facts)
            facts.append(fact)
        elif (_THRESHOLD.match(owned, facts[seen[role]].quote[1] - start) and not _THRESHOLD.match(owned, m.end())) \
                or _exact_after_mark(facts[seen[role]], fact):
            facts[seen[role]] = fact                         # 突破200亿元大关,达到203.5亿元: the figure, not the mark
    for listed in lists:    # a 分别 list shares its first value's reading and any bound printed once
        if not listed:
            continue
        first, bound = listed[0], next((f.bound for f in listed if f.bound), "")
        for f in listed:
            f.kind, f.bound, f.average, f.target = first.kind, bound, first.average, first.target
            f.short_average, f.span = first.short_average, first.span    # 两年平均分别增长A和B: both over the two years
            f.vs_year, f.vs_plan = first.vs_year, first.vs_plan   # 比2015年增长43.1%、48.8%: both over five years
            if first.value < 0 < f.value:
                f.value = -f.value
        facts += listed
    return facts


def _exact_after_mark(mark, fact) -> bool:
    """突破千亿元,达1082.18亿元: an exact figure after a round mark passed (at least X) in the same reading is the
    figure; the mark only says which round number it passed."""
    return mark.bound == ">=" and not fact.bound and fact.value >= mark.value


def _clause_values(owned: str, m: re.Match, value_re) -> int:
    """How many readable numbers the clause starting at *m* lists (增长5.4%、5.6% → 2)."""
    end = next((i for i in range(m.start(), len(owned)) if owned[i] in "，,；;。"), len(owned))
    return sum(readable(v) for v in value_re.finditer(owned, m.start(), end))
