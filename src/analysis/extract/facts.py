"""Figures in a paragraph: which indicator, which number, and what the words around it say.

A mention of an indicator owns the text up to the next mention or the end of
its sentence, clause by clause while each next clause continues it (starts
with 同比, 增长, 居, 总量, a number …). In that text each number with a unit or
% becomes a :class:`Fact`: an amount, a growth rate (增长/下降/涨幅 …, 年均 for
an average) or a rate. Ranks (第4位), increments (比上年增加…), growth against a
named year (同比2015年增长) and completion ratios (…的89.4%) are not figures.
Also read: 分别 lists (A、B分别增长7%、8%; one list per 分别: 分别增长X%和Y%,分别达A元和B元;
城、乡 / 第一、二、三产业 / X和Y), a 分别 clause after differently named clauses (财政总收入…,其中
一般预算收入…,分别增长X%和Y%: the last names of the sentence, one a clause), 从A增长到B, averages
(年均, 两年平均 with its span), a total after a flow (净增106万户、总量突破465万户) and a number
before its name (新创1个4A级景区). Numbers may be Chinese numerals (cn2an reads them). A figure in
a clause no registered name reaches becomes a fact named by the words before it (``unnamed``),
proposed as indicator ``unknown`` for review, so no figure is dropped silently.
When a fact is from (year, target or actual) is decided later, from its position.
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from functools import lru_cache

from analysis.extract.context import YEAR, back_to
from analysis.extract.vocab import CN_DIGITS, CN_NUMBER, N, SUB_AGGREGATE, Vocabulary, number, unit_of

SENTENCE_END = "。；;！!？?"
_CLAUSE = re.compile(r"[,，、:：]")
_CONTINUES = re.compile(
    r"^(?:同比|比|较|与上年|增长|下降|减少|上涨|下跌|回落|涨幅|增幅|增速|按|可比|同口径|剔除|完成|实现|达到|达|为|"
    r"占|居|位居|位列|排名|排|总量|总数|总计|共计|共|累计|预计|年均|分别|提高|提升|突破|超过|超|首次|历史性|再创|创|连续|高于|低于|并|"
    r"约|近|从|由|冲刺|力争|争取|确保|迈上|跨越|站上|两年|三年|平均|与|增加值|自然|\d|"
    r"[“\"]?十[一二三四五六七八九]五[”\"]?(?:时期|期间|以来)[,，]?(?:年均|平均))")    # ,“十三五”期间年均增长7%
_GROWTH_VERB = re.compile(r"(增长|增幅|增速|上涨|涨幅|提高|提升|递增|下降|减少|下跌|回落|下滑|递减)"
                          r"(?:了|约|为|达|达到|保持在|稳定在|维持在)?$")
_NEGATIVE = ("下降", "减少", "下跌", "回落", "下滑", "递减")
_INCREMENT = re.compile(r"(?:比|较)(?:上年|去年|上年末|年初)(?:同期)?(?:增加|减少|净增|多|少|提高|下降)$")
_CHANGE = re.compile(r"(?<![新净])(?:增长|增加|提高|减少|下降|扩大)了?(?:约|近)?$")    # 增长220亿元: a change in 元
_VS_YEAR = re.compile(rf"(?:同比|比|较)({YEAR})年(?:末|底)?(?:增长|下降|提高|增加|净增)$")
_FLOW_CUE = re.compile(r"(?:新增|净增|新认定|认定通过|新登记|新培育|增加)(?:国家级?|省级|市级)?$")
_STOCK_CUE = re.compile(r"^(?:总数|总量|总计|共有|累计达|累计达到|总规模)")
_TARGET_AFTER = re.compile(r"(?:的)?(?:年度任务|目标任务|目标|任务)")
_TARGET_LEAD = re.compile(r"(?:年计划|计划|目标|预期|力争)(?:达到|增长|为)?$")
# 年均增长 / 平均年增速 / 两年平均增长 (an average over years; the number of years when printed)
_AVERAGE = re.compile(r"年均|平均年|(两|二|三|四|五)年平均|平均(?=增长|增速)")
_SPAN_YEARS = {"两": 2, "二": 2, "三": 3, "四": 4, "五": 5}
_GOES_ON = re.compile(rf"与{YEAR}年(?:同期)?相比|两年平均|三年平均")
_STEP = re.compile(r"(?:、[^，,。；;]{0,10}?)?(?:两|三|四|[2-9])(?:大|个)台阶")   # 5000亿元、6000亿元两大台阶
_HOLD = re.compile(r"(?:稳定在|保持在|维持在)$")
_LEAD_YEAR = re.compile(rf"(?:于)?({YEAR})年(?:底|末)?(?:达到|达|为|完成|实现|突破|历史性突破|共|的)?$")
_BOUND_BEFORE = (("不低于", ">="), ("超过", ">="), ("突破", ">="), ("迈上", ">="), ("逾", ">="), ("超", ">="), ("不超过", "<="),
                 ("控制在", "<="), ("约", "~"), ("近", "~"))
_BOUND_AFTER = {"以上": ">=", "左右": "~", "以内": "<=", "以下": "<=", "多": ">="}
_FROM_TO = re.compile(rf"(?:从|由)(?:(?P<y1>{YEAR})年(?:末|底)?的|(?P<now>现在的))?(?P<v1>{N})(?P<u1>[^\d,，、]{{1,3}}?)"
                      rf"(?:增长|提高|增加|提升|上升|扩大|跃升|攀升)(?:到|至)(?:(?P<y2>{YEAR})年(?:末|底)?的)?(?P<v2>{N})")


@dataclass
class Fact:
    name: str                 # vocabulary key of the mention
    value: float
    unit: str                 # printed unit, or '%'
    kind: str                 # 'amount', 'growth' or 'rate'
    bound: str
    pos: int                  # where the number is in the paragraph
    quote: tuple              # (start, end) in the paragraph
    lead: str = ""            # words between the mention and the number
    flow: bool = False        # an addition in a period (新增, 净增, 累计 …)
    stock: bool = False       # a total after a flow (总数达到 …)
    cumulative: bool = False
    average: bool = False     # 年均
    target: bool = False      # the words next to the number make it a target (年计划, 目标, 预期, 力争)
    hold: bool = False        # 稳定在/保持在: a floor, a figure only as a target
    before_name: bool = False  # the number came before the name (新创1个4A级景区)
    year: int | None = None   # year printed next to the number
    period_start: int | None = None
    span: int = 0             # 两年平均增长: the average is over this many years up to the figure's year
    role: str = ""            # 'from' / 'to' / 'now' of a 从A到B pair without printed years
    basis: str = ""           # price basis the words give (可比增长 → comparable), else the indicator's
    vs_year: int | None = None  # 比2021年增长: growth on that year, annual only when it is the year before
    confidence: float = 0.8
    unnamed: str = ""         # a name the vocabulary does not know (proposed as indicator 'unknown', for review)


def mask_brackets(text: str) -> str:
    """Blank out bracketed asides without figures (主要是…, GDP, 人民币,下同) keeping every position;
    brackets holding a figure (GDP增长5.9%) stay."""
    return re.sub(r"[(（][^()（）\d]*[)）]", lambda m: "\u3000" * len(m.group(0)), text)


_JOINS = set("省市区县州旗年月度现成计争保动中及和与的为达全我本该增进升至到是将使让算划")   # 全省, 实现, 预计, 力争, 其中 … before a name


def _mentions(text: str, vocab: Vocabulary):
    """(start, end, name, blocked) of each indicator name; blocked ones only end the previous mention's text.

    A short alias glued to a word before it is a different thing (海洋生产总值, 万元GDP能耗): it counts only
    after punctuation, a number or a joining word (全省生产总值, 实现GDP, 其中出口 …).
    """
    out = []
    for m in vocab.pattern.finditer(text):
        before = text[max(0, m.start() - 6):m.start()]
        key = vocab.key(m.group(0))
        glued = bool(before) and "\u4e00" <= before[-1] <= "\u9fff" and before[-1] not in _JOINS
        short_alias = len(key) <= 4 and key != vocab.name(key).zh
        blocked = before.endswith("占") or bool(SUB_AGGREGATE.search(before)) or (short_alias and glued) or \
            _within_part(text, m.start())
        out.append((m.start(), m.end(), key, blocked))
    return out


# A sentence about a part of the economy (民营经济实现增加值…, 其中第一产业…): its 三次产业 figures are the part's.
_PART_OF_ECONOMY = re.compile(r"(?:民营|非公有制|非公|县域|数字|海洋|文化|旅游)经济")


def _within_part(text: str, pos: int) -> bool:
    start = back_to(text, pos, SENTENCE_END)
    if text.startswith("其中", start) or text.startswith("其中", start + 1):
        start = back_to(text, max(start - 1, 0), SENTENCE_END)
    return bool(_PART_OF_ECONOMY.search(text, start, pos))


def _groups(text: str, mentions):
    """Mentions joined only by 、/和/与/及 form one group that shares the text after the last one."""
    groups, current = [], []
    for mention in mentions:
        if current and re.fullmatch(r"[、和与及\s]*", text[current[-1][1]:mention[0]]) and not current[-1][3] and not mention[3]:
            current.append(mention)
        else:
            if current:
                groups.append(current)
            current = [mention]
    if current:
        groups.append(current)
    return groups


def _owned_text(text: str, start: int, stop: int) -> int:
    """End of the text a mention owns: its sentence, clauses after the first only while they continue it."""
    cut = next((i for i in range(start, stop) if text[i] in SENTENCE_END), stop)
    while cut < stop and text[cut] in "；;" and _GOES_ON.match(text, cut + 1):     # ;与2020年相比,两年平均增长2.5%
        cut = next((i for i in range(cut + 1, stop) if text[i] in SENTENCE_END), stop)
    end = start
    for k, piece in enumerate(_CLAUSE.split(text[start:cut])):
        clause = piece.strip("\u3000 ")
        if k > 0 and clause and not _CONTINUES.match(clause):
            break
        end += len(piece) + 1
    return min(end, cut)


@lru_cache(maxsize=4)
def _value_re(unit_re: str) -> re.Pattern:
    """A number with its unit (Arabic, or Chinese numerals before a unit) and a bound printed after it."""
    return re.compile(rf"(?:(?P<num>{N})(?P<unit>%|{unit_re})|(?<![{CN_DIGITS}第])(?P<cn>{CN_NUMBER})"
                      rf"(?P<cnunit>{unit_re}))(?P<post>左右|以上|以内|以下|多)?")


def paragraph_facts(text: str, vocab: Vocabulary) -> list[Fact]:
    """Every fact of one (normalised) paragraph, in order."""
    masked = mask_brackets(text)
    mentions = _mentions(masked, vocab)
    value_re = _value_re(vocab.unit_re)
    facts, claimed = [], set()
    # a number before its name: 新创1个4A级景区、3个3A级景区; 完成35块社会足球场地
    starts = {m[0]: m for m in mentions if not m[3]}
    for m in value_re.finditer(masked):
        mention = starts.get(m.end())
        if mention and unit_of(m) != "%" and not masked[max(0, m.start() - 1):m.start()] == "第" and _readable(m):
            facts.append(Fact(mention[2], number(m), unit_of(m), "amount", "", m.start(), (m.start(), mention[1]),
                              lead=masked[max(0, m.start() - 12):m.start()], before_name=True, confidence=0.65))
            claimed.add(m.start())
    groups, covered, subjects = _groups(masked, mentions), [], []
    for i, group in enumerate(groups):
        if group[-1][3]:
            continue
        start = group[-1][1]
        stop = groups[i + 1][0][0] if i + 1 < len(groups) else len(masked)
        end = _owned_text(masked, start, stop)
        names = [name for mention in group for name in vocab.expand(masked, mention[0], mention[2])]
        before = re.split(r"[,，、。；;：:]", masked[max(0, group[0][0] - 10):group[0][0]])[-1]
        pre_flow = bool(_FLOW_CUE.search(before))
        pre_total = bool(re.search(r"累计(?:完成|实现)?$", before))       # 累计完成固定资产投资800亿元: a total
        listed = masked.find("分别", start, end)
        if len(names) == 1 and listed >= 0:     # …一般预算收入18.8亿元,分别增长…: the list is the sentence's
            end = max(back_to(masked, listed, ",，;；"), start)
        found = _facts_in(masked, names, group[0][0], start, end, value_re, claimed, vocab, pre_flow)
        for fact in found:
            fact.cumulative = fact.cumulative or (pre_total and fact.kind == "amount")
        facts += found
        covered.append((group[0][0], end))
        subjects.append((group[0][0], names[-1], ""))
    unnamed = _unnamed(masked, mentions, covered, value_re, {f.pos for f in facts})
    facts += unnamed
    subjects += [(f.quote[0], "", f.unnamed) for f in unnamed]
    facts += _respectively_across(masked, sorted(subjects), {f.pos for f in facts}, value_re)
    for quoted in _QUOTED_TARGET.finditer(masked):       # 围绕“地区生产总值增长7%、投资增长10%”目标: targets
        for f in facts:
            if quoted.start() < f.pos < quoted.end(1):
                f.target = True
    return sorted(facts, key=lambda f: f.pos)


# a quoted passage named a target right after its closing mark (“…增长7%…”目标 / 的目标任务 / 的要求)
_QUOTED_TARGET = re.compile(r"[“\"]([^“”\"]{1,200})[”\"](?:的|等)?(?:发展|奋斗|预期|年度|主要)?(?:目标|任务|要求)")


def _respectively_across(text: str, subjects, taken: set, value_re) -> list[Fact]:
    """A 分别 clause after clauses of different names (财政总收入50.8亿元,其中一般预算收入18.8亿元,分别增长26.7%和
    18.9%): its values go, in order, to the last names of its sentence, one per clause."""
    out = []
    for found in re.finditer(r"(?:^|(?<=[,，;；]))\s*分别", text):
        clause_end = next((i for i in range(found.end(), min(len(text), found.end() + 80)) if text[i] in "，,；;。"),
                          min(len(text), found.end() + 80))
        values = [m for m in value_re.finditer(text, found.end(), clause_end) if _readable(m)]
        if not values or any(m.start() in taken for m in values):
            continue
        sentence = back_to(text, found.start(), SENTENCE_END)
        named, last_clause = [], None
        for pos, name, unnamed in subjects:
            if sentence <= pos < found.start():
                clause = back_to(text, pos, ",，;；")
                if clause == last_clause:
                    named[-1] = (name, unnamed)            # one subject a clause: its last name
                else:
                    named.append((name, unnamed))
                last_clause = clause
        if len(named) < len(values):
            continue
        first = None
        for (name, unnamed), m in zip(named[-len(values):], values):
            lead = text[found.end():m.start()] if first is None else ""
            fact = _reading(text, m, lead or "", m.start(), (sentence, m.end()))
            if fact is None:
                break
            if first is None:
                first = fact
            fact.kind, fact.average, fact.target = first.kind, first.average, first.target
            if first.value < 0 < fact.value:
                fact.value = -fact.value
            fact.name, fact.unnamed = name, unnamed
            fact.confidence = 0.3 if unnamed else 0.75
            out.append(fact)
    return out


def _bound(lead: str, post: str | None) -> str:
    if post:
        return _BOUND_AFTER[post]
    for word, bound in _BOUND_BEFORE:
        if lead.endswith(word) or lead.endswith(word + "了"):
            return bound
    return ""


def _from_to(owned, names, mention_start, start, claimed) -> tuple[list[Fact], tuple]:
    """从2015年的347亿元增长到2020年的486亿元 (or 由现在的25家增加到60家): two amounts, and (first year, last year)."""
    found = _FROM_TO.search(owned)
    if not found or len(names) != 1 or not found["u1"].replace("余", ""):
        return [], (None, None)
    facts = []
    for value, year, role, pos in ((found["v1"], found["y1"], "now" if found["now"] else "from", found.start("v1")),
                                   (found["v2"], found["y2"], "to", found.start("v2"))):
        facts.append(Fact(names[0], float(value), found["u1"], "amount", "", start + pos,
                          (mention_start, start + found.end()), year=int(year) if year else None,
                          role="" if year else role, confidence=0.95))
        claimed.add(start + pos)
    return facts, (int(found["y1"]) if found["y1"] else None, int(found["y2"]) if found["y2"] else None)


def _reading(owned: str, m: re.Match, lead: str, pos: int, quote: tuple) -> Fact | None:
    """What the words around one number say it is, or None when it is not a figure (rank, ratio …)."""
    minus = lead.endswith(("-", "－"))
    lead = lead.rstrip("-－")
    if lead.endswith("第") or owned[m.end():m.end() + 1] in ("位", "名", "倍"):
        return None                                          # 居全省第4位, 1.5倍
    if _STEP.match(owned, m.end()):
        return None                                          # 迈上5000亿元、6000亿元两大台阶: thresholds
    percent = unit_of(m) == "%"
    if percent and lead.endswith("的"):
        return None                                          # 完成年计划710亿元的89.4%
    verb = _GROWTH_VERB.search(lead)
    growth = percent and bool(verb) and not re.search(r"(?:提高|提升)(?:到|至)$", lead)
    kind = "growth" if growth else "rate" if percent else "amount"
    negative = growth and (verb.group(1) in _NEGATIVE or minus)
    fact = Fact("", number(m) * (-1 if negative else 1), unit_of(m), kind, _bound(lead, m["post"]), pos, quote,
                lead=lead)
    vs_year, year = _VS_YEAR.search(lead), _LEAD_YEAR.search(lead)
    fact.vs_year = int(vs_year.group(1)) if vs_year else None
    fact.year = int(year.group(1)) if year else None
    average = _AVERAGE.search(lead) if growth else None
    fact.average = bool(average)
    fact.span = _SPAN_YEARS.get(average.group(1), 0) if average and average.group(1) else 0
    if growth:
        fact.basis = "comparable" if re.search(r"可比|不变价", lead) else "current" if re.search(r"现价|名义", lead) else ""
    fact.cumulative = "累计" in lead
    fact.target = bool(_TARGET_LEAD.search(lead)) or bool(_TARGET_AFTER.match(owned[m.end():m.end() + 6]))
    fact.hold = bool(_HOLD.search(lead))
    return fact


def _facts_in(text, names, mention_start, start, end, value_re, claimed, vocab, pre_flow=False) -> list[Fact]:
    """Facts in the text *names* own (text[start:end]); names are several for a 分别 list."""
    owned = text[start:end]
    unit = vocab.name(names[-1]).unit
    facts, (first_year, last_year) = _from_to(owned, names, mention_start, start, claimed)
    if "分别" in owned and len(names) == 1:
        return facts                                         # a list whose names we do not know
    listed_values = re.search(rf"{N}%?(?:和|、|与){N}", owned)        # 年均增长8.9%和9.6%: a list without 分别
    respectively = len(names) > 1 and ("分别" in owned or bool(listed_values))
    queue, seen, previous_end = list(names), set(), 0
    lists, segment = [[]], 0            # one list per 分别: 分别增长7%和8%,分别达A元和B元 → two lists of two
    flow_seen = vocab.name(names[-1]).flow                   # 新认定高新技术企业58家，总数达到231家
    verb = re.search(r"(增长|增速)$", names[-1])             # a name that ends in its verb: 经济增长6%左右
    for m in value_re.finditer(owned):
        if start + m.start() in claimed or not _readable(m):
            continue
        lead = (verb.group(1) if verb and previous_end == 0 else "") + owned[previous_end:m.start()].replace("\u3000", "")
        previous_end = m.end()
        printed = unit_of(m).replace("余", "")
        if printed != "%" and not vocab.compatible(printed, unit) and not _STEP.match(owned, m.end()):
            break                                            # 旅游接待人数519.8万人次 after 零售总额: another subject
        if printed != "%" and (_INCREMENT.search(lead) or not vocab.compatible(printed, unit) or (
                _CHANGE.search(lead) and vocab.unit_bases.get(printed) == "元")):
            continue                                         # 比上年增加14545元; 2个万亿元台阶; 增长220亿元
        fact = _reading(owned, m, lead, start + m.start(), (mention_start, start + m.end()))
        if fact is None:
            continue
        if fact.average:
            fact.period_start = first_year
            if first_year and last_year and fact.year is None:
                fact.year = last_year                        # 从2015年的A增加到2020年的B,年均递增X%: 2015→2020
        clause_lead = re.split(r"[,，、]", fact.lead)[-1]
        flow_cue = bool(_FLOW_CUE.search(clause_lead))
        fact.stock = fact.kind == "amount" and not fact.target and (flow_seen or pre_flow) and not flow_cue and (
            bool(_STOCK_CUE.match(clause_lead)) or any(f.flow for f in facts + [f for group in lists for f in group]))
        fact.flow = fact.kind == "amount" and not fact.stock and ((pre_flow and not flow_seen) or flow_cue)
        flow_seen = flow_seen or fact.flow
        if respectively:
            now = owned.count("分别", 0, m.start())
            if now != segment and lists[-1]:
                lists.append([])
                queue = list(names)
            segment = now
            if not queue:
                continue
            fact.name = queue.pop(0)
            lists[-1].append(fact)
            continue
        role = (fact.kind, fact.average, fact.target, fact.stock, fact.year, "全年" in clause_lead, fact.basis)
        if role not in seen:                                 # the first figure of each reading; later ones repeat
            seen.add(role)
            fact.name = names[-1]
            facts.append(fact)
    for listed in lists:    # a 分别 list shares its first value's reading and any bound printed once
        if not listed:
            continue
        first, bound = listed[0], next((f.bound for f in listed if f.bound), "")
        for f in listed:
            f.kind, f.bound, f.average, f.target = first.kind, bound, first.average, first.target
            if first.value < 0 < f.value:
                f.value = -f.value
        facts += listed
    return facts


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
_UNNAMED_GROWTH = re.compile(r"(增长|增幅|增速|上涨|涨幅|提高|递增|下降|减少|下跌|回落|下滑|递减)(?:了|约|为|达)?$")


def _unnamed(text: str, mentions, covered, value_re, taken) -> list[Fact]:
    """Figures in clauses no registered name reaches (金融机构存款余额320亿元,增长8%): each becomes a fact
    named by the words before it, to be proposed as indicator 'unknown' for review, never dropped silently."""
    out, last_name, sentence_start = [], "", 0
    marks = sorted({m[0] for m in mentions if not m[3]} | {m[1] - 1 for m in mentions if not m[3]})
    spans = sorted(covered)
    position = 0
    for piece in _CLAUSE_SPLIT.finditer(text + "。"):
        start, end = position, piece.start()
        position = piece.end()
        clause = text[start:end]
        values = [m for m in value_re.finditer(clause) if start + m.start() not in taken and _readable(m)]
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
            if not name and last_name and (not bare or _UNNAMED_GROWTH.search(bare)):
                name = last_name                                  # 增长8%: the clause continues the previous name
            after = clause[m.end():m.end() + 2]
            if name and not re.match(r"[位名倍]|个百", after) and not lead.endswith(("第", "的")):
                percent = unit_of(m) == "%"
                growth = percent and bool(_UNNAMED_GROWTH.search(lead))
                negative = growth and _UNNAMED_GROWTH.search(lead).group(1) in _NEGATIVE
                fact = Fact("", number(m) * (-1 if negative else 1), unit_of(m),
                            "growth" if growth else "rate" if percent else "amount",
                            _bound(lead, m["post"]), start + m.start(), (start, start + m.end()), lead=lead,
                            confidence=0.3, unnamed=name)
                out.append(fact)
                last_name = name
            else:
                last_name = ""
        if piece.group(0) in SENTENCE_END or piece.start() >= len(text):
            last_name = ""
    return out


def _readable(m: re.Match) -> bool:
    value = number(m)
    return value == value                                    # NaN: Chinese numerals that are not a number


def _any_between(marks: list[int], start: int, end: int) -> bool:
    i = bisect_left(marks, start)
    return i < len(marks) and marks[i] < end


def _covered(spans: list[tuple[int, int]], pos: int) -> bool:
    """True when *pos* is in one of the sorted, non-overlapping (start, end) spans."""
    i = bisect_right(spans, (pos, float("inf"))) - 1
    return i >= 0 and spans[i][0] <= pos < spans[i][1]
