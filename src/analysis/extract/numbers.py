"""One number and the words around it: what kind of figure it is (a :class:`Fact`), or that it is none.

In: the text a name owns (:mod:`analysis.extract.clauses`), one number matched in it and the words between the
name (or the previous number) and it. Out: a :class:`Fact` — an amount, a growth rate (增长/下降/涨幅 …, 年均
for an average) or a rate, with its bound, and the marks the words give (target, flow, stock, a printed year,
a base year) — or None for a rank (第4位), a multiple (1.5倍), a threshold (两大台阶), a completion ratio
(…的89.4%). Also 从A增长到B pairs (:func:`from_to`).
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from analysis.extract.context import YEAR, plan_number
from analysis.extract.vocab import N, number, unit_of

# 比增 = 比上年增长; 比上年增6% / 同比增 the same
GROWTH_VERB = re.compile(r"(增长|增幅|增速|比增|上年增|同比增|(?:(?<![\u4e00-\u9fff])|(?<=均))增|上涨|涨幅|提高|提升|递增|增加|下降|降低|减少|下跌|回落|下滑|递减)"
                          r"(?:同比)?(?:分别)?(?:预期目标|目标)?(?:了|约|为|是|达|达到|保持在|稳定在|维持在|控制在)?$")   # 增长同比7.1%, 增长目标5.5%
NEGATIVE = ("下降", "降低", "减少", "下跌", "回落", "下滑", "递减")
# 比上年增加14545元; 超预期目标8.57亿元 / 超出年度目标2亿元: a change or a margin, not the figure
INCREMENT = re.compile(r"(?:(?:比|较)(?:上年|去年|上年末|年初)(?:同期)?(?:增加|减少|净增|多|少|提高|下降)|"
                       r"超(?:出|过|额完成)?(?:预期|年初|年度|全年|计划|序时)?(?:目标|任务|进度))$")     # 超额完成年度任务2.1亿元
CHANGE = re.compile(r"(?<![新净])(?:增长|增加|提高|减少|下降|扩大)了?(?:约|近)?$")    # 增长220亿元: a change in 元
_VS_LAST_YEAR = re.compile(r"(?:比|较)(?:上年|去年)$")
_VS_YEAR = re.compile(rf"(?:同比|比|较)({YEAR})年(?:末|底)?(?:分别)?(?:增长|下降|提高|增加|净增)$")
# 较“十三五”末分别提高32%、52%: growth over the years since that plan's end, not a rate a year; 累计完成3374亿元,
# 较“十三五”时期增长7%: a plan's sum over the one before, not a rate a year either
_VS_PLAN = re.compile(r"(?:同比|比|较|与)[“\"]?十([一二三四五六七八九])五[”\"]?(?:(?:期)?末|时期|期间)(?:相比)?[,，]?(?:分别)?"
                      r"(?:增长|下降|提高|增加|净增)了?$")
FLOW_CUE = re.compile(r"(?:新增|净增|新认定|认定通过|获批|新登记|新注册|新设|新培育|新晋|增加)(?:国家级?|省级|市级)?$")
STOCK_CUE = re.compile(r"^(?:年末|年底)?(?:总数|总量|总计|共有|累计达|累计达到|总规模|实有)")
_TARGET_AFTER = re.compile(r"(?:的)?(?:控制|预期)?(?:年度任务|目标任务|目标|任务)")     # 低于4%(的)控制目标
_TARGET_LEAD = re.compile(r"(?:年计划|计划|目标|预期|力争|(?:全年|年度)任务)[(（]?(?:达到|增长|为|年均增长)?$")   # 规划目标(年均增长7%)
# 年均增长 / 平均年增速 / 两年平均增长 / 五年年均增长 (an average over years; the number of years when printed)
_AVERAGE = re.compile(r"(?:(?:近|(?<![十第]))(?P<recent>两|二|三|四|五)年来?)?(?:年均|平均年)|(?P<span>两|二|三|四|五)年平均|"
                      r"平均(?=增长|增速|增$)")      # 近三年年均 / 五年年均 (not 十三五 or 第五年)
_SPAN_YEARS = {"两": 2, "二": 2, "三": 3, "四": 4, "五": 5}
STEP = re.compile(r"(?:、[^，,。；;]{0,10}?)?(?:两|三|四|[2-9])(?:大|个)(?:[十百千万亿元级]{0,4})(?:台阶|关口)")   # 5000亿元、6000亿元两大台阶
# marks crossed one after another or year after year, not the level of any one year
_MARKS_CROSSED = re.compile(r"(?:接连|相继|先后|连续(?:[两二三四五六七八九十\d]{1,2}年)?)(?:突破|跨越|跨上|迈上|超过|超)[^，,。；;]*$|"
                            r"(?:迈上|跨上|跃上|登上|跨越)了?(?:一个)?新的?$")      # 再迈上新的百亿: one more step
# a number that qualifies the places or units after it (增速达到8%以上的乡镇给予表彰), not a figure of the place
# (36家企业跻身全市500强: the count of firms a clause is about, not a figure of the name before it)
_ATTRIBUTE = re.compile(r"的(?:乡镇|街道|村|社区|企业|项目|单位|地区|县|区|市|园区|行业|镇)|企业(?=[\u4e00-\u9fff])")
_FIRMS_AFTER = re.compile(r"[^\d，,。；;、()（）]{2,16}?企业(?=[，,。；;、)）]|$)")     # a count opening its clause
_HOLD = re.compile(r"(?:稳定在|保持在|维持在)$")
# 以7.6%的增速领跑全市 / 实现了7.6%的增长: the rate a growth noun after it names (the verb follows the number);
# 连续多年保持5%以上的增长 / 近三年始终保持9%以上的高速增长: a floor over years, no year's rate
_BY_RATE = re.compile(r"(?<!连续|始终|一直|持续|多年|年来|三年|五年)(?:以|实现了?|保持了?)$")
_GROWTH_NOUN_AFTER = re.compile(r"的(?:高速|较快|快速|稳定|稳步)?(?:增速|增幅|增长)")
# (是1978年(0.18亿)的278倍 / 比1950年(16.91万元)增长: that year's level, in brackets)
_YEAR_AFTER = re.compile(rf"\s*[(（]({YEAR})年(?:末|底)?(?:数据|第[一二三四五六七八]次全国人口普查|人口普查)?[)）]")
_LEAD_YEAR = re.compile(rf"(?:于)?({YEAR})年(?:底|末)?(?:达到|达|为|完成|实现|突破|历史性突破|共|的|[(（])?$")
# the longer word first: 不超过 is a ceiling although it ends in 超过; 过千亿元 and 破百亿元 are round marks passed,
# 通过 and 打破 are not
_BOUND_BEFORE = (("不低于", ">="), ("不超过", "<="), ("超过", ">="), ("突破", ">="), ("打破", ""), ("破", ">="),
                 ("迈上", ">="), ("跨上", ">="), ("站上", ">="), ("跃上", ">="), ("跨越", ">="), ("逾", ">="), ("超", ">="),
                 ("通过", ""), ("经过", ""), ("过", ">="), ("控制在", "<="), ("约", "~"), ("近", "~"))
_BOUND_AFTER = {"以上": ">=", "左右": "~", "以内": "<=", "以下": "<=", "多": ">="}
# 从2015年的347亿元增长到2020年的486亿元; 从2020年的451亿元稳步攀升2025年的550亿元 (到 left out before a year)
_FROM_TO = re.compile(rf"(?:从|由|较)(?:(?P<y1>{YEAR})年(?:末|底)?的|(?P<now>现在的)|(?P<prev>上年|去年)的|[“\"]?十(?P<p1>[一二三四五六七八九]?)五[”\"]?末的)?(?P<v1>{N})(?P<u1>[^\d,，、]{{1,3}}?)"
                      rf"(?:预计)?(?:稳步|快速|持续|大幅|逐步)?(?:增长|提高|增加|提升|上升|扩大|跃升|攀升|发展|增)"
                      rf"(?:到|至|(?={YEAR}年))(?:(?P<y2>{YEAR})年(?:末|底)?的?|[“\"]?十[一二三四五六七八九]五[”\"]?末的?)?"
                      rf"(?P<v2>{N})")     # 到2020年61.95亿元 (的 left out); 至“十四五”末的134亿元: the end of the plan the sentence is in




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
    period_start: int | None = None  # 从2015年的A…年均: the base year printed (average_start gives the row its first year)
    span: int = 0             # 两年平均增长: the average is over this many years up to the figure's year
    short_average: bool = False  # printed 两年平均 / 三年平均 (around a shock), not 年均 over a plan
    base_plan: int = 0        # 较“十三五”末年均增长4%: measured from that plan's last year (its ordinal, 13)
    role: str = ""            # 'from' / 'to' / 'now' / 'prev' (上年的) of a 从A到B pair without printed years
    pair: str = ""            # 'from' / 'to' of any 从A到B pair, years printed or not
    basis: str = ""           # price basis the words give (可比增长 → comparable), else the indicator's
    vs_year: int | None = None  # 比2021年增长: growth on that year, annual only when it is the year before
    vs_plan: int = 0          # 较“十三五”末提高32%: growth on that plan's last year (its ordinal, 13)
    confidence: float = 0.8
    unnamed: str = ""         # a name the vocabulary does not know (proposed as indicator 'unknown', for review)
    across: bool = False      # a 分别 value paired with a name in another clause (a reading to check)
    per_year: bool = False    # 每年新增城镇就业5000人: a flow each year of a period, not the period's total
    plan_target: bool = False  # 规划目标(350亿元): the five-year plan's own target, for its last year



def bound(lead: str, post: str | None) -> str:
    if post:
        return _BOUND_AFTER[post]
    for word, bound in _BOUND_BEFORE:
        if lead.endswith(word) or lead.endswith(word + "了"):
            return bound
    return ""



# 城乡居民人均可支配收入从25475元和8892元增加到32432元和12787元: two names, each from its own value to its own value
_FROM_TO_TWO = re.compile(rf"(?:从|由)(?P<a1>{N})(?P<u>[^\d,，、和与]{{1,3}}?)(?:和|、|与)(?P<b1>{N})(?P=u)"
                          rf"(?:预计)?(?:稳步|快速|持续|大幅|逐步)?(?:增长|提高|增加|提升|上升)(?:到|至)"
                          rf"(?P<a2>{N})(?P=u)(?:和|、|与)(?P<b2>{N})(?P=u)")


def _two_from_to(owned, names, mention_start, start, claimed) -> list:
    found = _FROM_TO_TWO.search(owned)
    if not found:
        return []
    facts = []
    for name, pair in zip(names, (("a1", "a2"), ("b1", "b2"))):
        for group, role in zip(pair, ("from", "to")):
            facts.append(Fact(name, float(found[group]), found["u"], "amount", "", start + found.start(group),
                              (mention_start, start + found.end()), role=role, confidence=0.9, pair=role))
            claimed.add(start + found.start(group))
    return facts


def _plan_of(ordinal: str) -> int:
    """十一五 → 11 …; “十五” (the tenth plan, 2001–2005) has no ordinal between 十 and 五."""
    return plan_number(ordinal) if ordinal else 10


def from_to(owned, names, mention_start, start, claimed) -> tuple[list[Fact], tuple]:
    """从2015年的347亿元增长到2020年的486亿元 (or 由现在的25家增加到60家; 城镇化率由2020年的50.5%提高到2024年的55.2%:
    two rates; 较“十三五”末的3.4万元增长到3.9万元: from that plan's last year): two figures, and (first year, last
    year)."""
    if len(names) == 2:
        return _two_from_to(owned, names, mention_start, start, claimed), (None, None)
    found = _FROM_TO.search(owned)
    if not found or len(names) != 1 or not found["u1"].replace("余", ""):
        return [], (None, None)
    facts = []
    # 由上年的45009元提高到50234元: the year before the figure's, and the figure
    first = "now" if found["now"] else "prev" if found["prev"] else "from"
    for value, year, role, pos in ((found["v1"], found["y1"], first, found.start("v1")),
                                   (found["v2"], found["y2"], "" if found["prev"] else "to", found.start("v2"))):
        facts.append(Fact(names[0], float(value), found["u1"], "rate" if found["u1"] == "%" else "amount", "", start + pos,
                          (mention_start, start + found.end()), year=int(year) if year else None,
                          role="" if year else role, confidence=0.95, pair=role,
                          base_plan=_plan_of(found["p1"]) if found["p1"] is not None and role == "from" else 0))
        claimed.add(start + pos)
    return facts, (int(found["y1"]) if found["y1"] else None, int(found["y2"]) if found["y2"] else None)



def index_level(fact, words: str) -> bool:
    """居民消费价格指数102.2%(上年=100): an index's level, not its rise (上涨2.2% after it is the figure)."""
    return fact.kind == "rate" and 80 <= fact.value <= 130 and "指数" in words


def rate_named_after(masked: str, m: re.Match, starts: dict) -> Fact | None:
    """以7.6%的GDP增速位居全省首位: a rate whose name and growth noun follow it (``starts``: mentions by start)."""
    mention = starts.get(m.end() + 1) if masked[m.end():m.end() + 1] == "的" else None
    if not mention or unit_of(m) != "%" or not masked.endswith("以", 0, m.start()) \
            or not re.match(r"增速|增幅", masked[mention[1]:mention[1] + 2]):
        return None
    return Fact(mention[2], number(m), "%", "growth", "", m.start(), (m.start(), mention[1] + 2), lead="以",
                before_name=True)


def read_number(owned: str, m: re.Match, lead: str, pos: int, quote: tuple) -> Fact | None:
    """What the words around one number say it is, or None when it is not a figure (rank, ratio …)."""
    minus = lead.endswith(("-", "－", "−"))
    lead = lead.rstrip("-－−")
    if lead.endswith("第") or owned[m.end():m.end() + 1] in ("位", "名", "倍"):
        return None                                          # 居全省第4位, 1.5倍
    if STEP.match(owned, m.end()):
        return None                                          # 迈上5000亿元、6000亿元两大台阶: thresholds
    if _MARKS_CROSSED.search(owned, 0, m.start()):
        return None                                          # 接连突破300亿元、400亿元 / 连续七年超140亿斤: marks passed
    if _ATTRIBUTE.match(owned, m.end()) or (not lead.strip(",， ") and _FIRMS_AFTER.match(owned, m.end())):
        return None              # 增速达到8%以上的乡镇: a condition; …高新技术企业,190家小巨人企业: other firms
    percent = unit_of(m) == "%"
    if percent and lead.endswith("的"):
        return None                                          # 完成年计划710亿元的89.4%
    verb = GROWTH_VERB.search(lead)
    growth = percent and bool(verb) and not re.search(r"(?:提高|提升)(?:到|至)$", lead)
    noun_after = percent and not verb and _BY_RATE.search(lead) and _GROWTH_NOUN_AFTER.match(owned, m.end())
    growth = growth or bool(noun_after)
    kind = "growth" if growth else "rate" if percent else "amount"
    negative = (growth and bool(verb) and verb.group(1) in NEGATIVE) or (percent and minus)     # 分别增长5.6%、-24.4%
    post = m["post"] or ("多" if m.groupdict().get("about") else None)          # 7600余户: at least 7600
    fact = Fact("", number(m) * (-1 if negative else 1), unit_of(m), kind, bound(lead, post), pos, quote,
                lead=lead)
    vs_year, year = _VS_YEAR.search(lead), _LEAD_YEAR.search(lead)
    fact.vs_year = int(vs_year.group(1)) if vs_year else None
    vs_plan = _VS_PLAN.search(lead)
    fact.vs_plan = plan_number(vs_plan.group(1)) if vs_plan else 0
    year = year or _YEAR_AFTER.match(owned, m.end())       # 地区生产总值288.52亿元(2022年): an infobox's year after it
    fact.year = int(year.group(1)) if year else None
    if not percent and fact.year is None and _VS_LAST_YEAR.search(lead):
        fact.role = "prev"                                   # 44798元,比上年40793元增加4005元: last year's level
    average = _AVERAGE.search(lead) if growth else None
    fact.average = bool(average)
    count = average and (average["recent"] or average["span"])        # 近三年年均 / 两年平均: over that many years
    fact.span = _SPAN_YEARS.get(count, 0) if count else 0
    fact.short_average = bool(average and average["span"] in ("两", "二", "三"))     # 两年平均: neither a year's nor a plan's
    if growth:
        # 按可比价格 / 实际增长 (real terms) are comparable prices; 按可比口径 / 同口径实际增长 (like for like) are not
        fact.basis = "comparable" if re.search(r"可比(?!口径)|不变价|(?<!口径)实际(?:比|同比|增长)", lead) else \
            "current" if re.search(r"现价|名义", lead) else ""
    fact.cumulative = "累计" in lead
    fact.target = bool(_TARGET_LEAD.search(lead)) or bool(_TARGET_AFTER.match(owned[m.end():m.end() + 6]))
    fact.plan_target = fact.target and bool(re.search(r"规划(?:确定的|提出的)?目标[(（]?[^,，;；]{0,6}$", lead))
    fact.hold = bool(_HOLD.search(lead))
    return fact

