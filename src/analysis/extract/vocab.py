"""The words extraction knows: indicator names and printed units, read from data.

Indicator names, aliases, growth bases and units come from the registry
(``data/indicator_names.csv`` and ``data/units.csv`` beside the table in use)
plus the Chinese names already in that table. Nothing here names a place or a
document; the few word lists below are Chinese grammar (flow verbs, modifiers
that make a sub-aggregate), not vocabulary.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

N = r"(?<![\d.])\d+(?:\.\d+)?"   # a whole number: never starts inside a longer one (and never backtracks into it)
# A number written in Chinese numerals before a unit (新增就业三千二百人, 两万亩); cn2an reads it.
CN_DIGITS = "零〇一二两三四五六七八九十百千"
# 千亿 / 百万: 千 and 百 alone before a magnitude are one thousand, one hundred
CN_NUMBER = rf"(?:[零〇一二两三四五六七八九十][{CN_DIGITS}]{{0,11}}(?:点[零〇一二三四五六七八九]{{1,6}})?|[百千](?=[万亿]))"


def number(match: re.Match) -> float:
    """The value of a figure matched with groups ``num``/``unit`` (Arabic) or ``cn``/``cnunit`` (Chinese numerals)."""
    if match["num"] is not None:
        return float(match["num"])
    import cn2an

    try:
        cn = match["cn"]
        return float(cn2an.cn2an("一" + cn if cn[0] in "百千" else cn, "smart"))
    except ValueError:                  # not a number cn2an can read (一二三): NaN, and the caller skips it
        return float("nan")


def unit_of(match: re.Match) -> str:
    """The printed unit of a figure matched as in :func:`number`."""
    if match["num"] is None:
        return match["cnunit"]
    return match["unit"] or (match.groupdict().get("shared") or "")
# Words before an indicator that make the figure an addition in a period, not a stock.
FLOW_PREFIXES = ("新增", "新认定", "新培育", "新登记", "新注册", "新设", "新创", "新建", "新晋", "认定通过", "增加", "净增")
FLOW_NAME = re.compile(r"新增|新认定|新培育|新创|新建|新晋|新登记|新注册|新设")
# Modifiers that turn an aggregate into a part of it: 高技术工业增加值 is not 工业增加值.
SUB_AGGREGATE = re.compile(r"(?:营利性|非营利性|其他|其它|高技术|高新技术|战略性新兴|新兴|先进制造业|装备制造业?|数字经济|民营经济|现代|限额以上|限上|"
                           r"中心城区|主城区|(?:^|(?<=[^\u4e00-\u9fff]))城区|城镇|乡村|"
                           r"春收|夏收|秋收|夏季|秋季|早稻|中稻|晚稻|"            # 春收粮食产量: one harvest, not the year's grain
                           r"来源地|"                  # 来源地一般公共预算收入: all revenue raised in the place, shares passed up included
                           r"户籍|平均|人均|"         # 户籍人均生产总值, (年)平均常住人口, 人均一般公共预算收入: another measure
                           # 农村常住居民年人均可支配收入 when no registered name covers it: not the whole population's
                           r"(?:城镇|农村|乡村|城市|农民|农村牧区|牧区|农牧民|牧民)(?:常住)?(?:居民)?年?)$")    # not 源城区 (a place)
# Units printed in documents that units.csv may not list (measure words, not vocabulary).
PRINTED_UNITS = ("万亿元", "亿元", "万元", "元", "万人次", "人次", "万人", "人", "万户", "户", "万家", "家", "个",
                 "张", "座", "块", "条", "栋", "部", "所", "公里", "万亩", "亩", "万吨", "吨", "亿斤", "万斤", "岁", "项")
_VALUE_WORDS = ("增加值", "总产值")
# 第一、二、三产业增加值 / 一、二产业: ordinals listed before the last one, which the mention carries
_ORDINAL_LIST = re.compile(r"(?:第?[一二三](?:产业?)?、)+$")
# 户 and 家 both count firms; the tables use 家.
UNIT_ALIASES = {("户", "家"): "家", ("亿", "亿元"): "亿元"}
_ENTITIES = {"户", "家"}          # entities (market entities, firms) are counted in either
# 跨上2000亿台阶 / 突破千亿, / 超2000亿,增长28%: 亿 alone before a threshold word or a clause's end is 亿元 when it
# follows an amount in 元 (Vocabulary.compatible; elsewhere it may count people, tonnes, dollars)
BARE_YI = "亿(?=新?(?:台阶|大关|关口)|[,，;；。、)）”’\"']|目标|$|(?:增加|增长|提高|跃升|上升|攀升)(?:到|至))"    # 由0.24亿增加到14.6亿元; (0.18亿)
# 常住人口110.7万, / 市场主体达12.3万。: 万 alone closing a clause is ten thousand of the indicator's own unit
BARE_WAN = "万(?=[,，;；。、]|$)"


@dataclass(frozen=True)
class Name:
    """One indicator as extraction needs it."""
    indicator: str
    zh: str                 # canonical Chinese name (indicator_zh of proposed rows)
    basis: str              # price basis of its growth rates; '' = growth rates are not proposed
    unit: str               # unit in the registry ('' = unknown)
    flow: bool              # the indicator counts additions in a period (城镇新增就业 …)


class Vocabulary:
    """Names → indicators, the printed-unit pattern and unit arithmetic for one table."""

    def __init__(self, names: dict[str, Name], unit_bases: dict[str, str], count_units=frozenset(), place: str = ""):
        self.names = names
        self.unit_bases = unit_bases
        self.count_units = frozenset(count_units)
        self.places = place_forms(place)   # the document's place as printed (武宣县, 武宣): not a word glued to a name
        self.scope = place_scope(place)
        ordered = sorted(names, key=len, reverse=True)
        # bulletins write 第一产业实现增加值47.24亿元: a verb inside the name
        # and 农村常住居民年人均可支配收入: 年 before 人均 inside a longer name (not 2022年人均…, a year before the name)
        alternatives = [re.escape(n[:-3]) + "(?:实现|完成)?" + re.escape(n[-3:]) if n.endswith(_VALUE_WORDS) and len(n) > 3
                        else re.escape(n).replace("人均", "年?人均") if "人均" in n[1:] else re.escape(n) for n in ordered]
        self.pattern = re.compile("|".join(alternatives)) if ordered else re.compile(r"(?!)")
        units = sorted({u for u in (*unit_bases, *PRINTED_UNITS) if u and u != "%"}, key=len, reverse=True)
        # 余 may sit after 万/亿 (2.7万余户) or before the unit (58余家); 个 is not 个百分点.
        alternatives = [re.escape(u[0]) + "余?" + re.escape(u[1:]) if len(u) > 1 and u[0] in "万亿" else re.escape(u)
                        for u in units]
        self.unit_re = "(?:" + "|".join([*alternatives, BARE_YI, BARE_WAN]) + ")(?!百分点|月|季度|[万亿])"

    def key(self, text: str) -> str:
        """The vocabulary key of a matched mention (第一产业实现增加值 → 第一产业增加值, 农村居民年人均… → 农村居民人均…)."""
        return text if text in self.names else re.sub(r"(?:实现|完成)(?=增加值|总产值)|(?<=.)年(?=人均)", "", text)

    def name(self, text: str) -> Name:
        return self.names[self.key(text)]

    def flow_of(self, text: str) -> Name | None:
        """The flow indicator of a stock name: 新认定 + 高新技术企业 → high_tech_firms_certified."""
        stock = self.names[text]
        if stock.flow:
            return stock
        for base in (text, stock.zh):
            for prefix in FLOW_PREFIXES:
                found = self.names.get(prefix + base)
                if found and found.flow:
                    return found
        return None

    def stock_of(self, text: str) -> Name | None:
        """The stock indicator of a flow name: 新认定高新技术企业 → high_tech_firms (for 总数达到 …)."""
        flow = self.names[text]
        for base in (text, flow.zh):
            for prefix in FLOW_PREFIXES:
                found = self.names.get(base[len(prefix):]) if base.startswith(prefix) else None
                if found and not found.flow:
                    return found
        return None

    def compatible(self, printed: str, indicator_unit: str) -> bool:
        """False when both units are known and measure different things (2个 is not GDP)."""
        if printed.replace("余", "") == "亿":
            return self.unit_bases.get(indicator_unit) == "元"       # 亿 alone: 亿元 of an amount in 元 only
        if printed.replace("余", "") == "万":
            return self._wan_of(indicator_unit)                      # 万 alone: 万人, 万户, 万家, 万元 (per head)
        if not indicator_unit or printed == indicator_unit:
            return True
        a, b = self.unit_bases.get(printed), self.unit_bases.get(indicator_unit)
        if (printed, indicator_unit) in UNIT_ALIASES or {a, b} == _ENTITIES:
            return True                                              # 市场主体16万家 of an indicator in 户
        return a is None or b is None or a == b

    def counts(self, printed: str) -> bool:
        """True when the unit counts whole things (家, 个, 人次; 万人 counts 人)."""
        unit = printed.replace("余", "")
        return unit in self.count_units or self.unit_bases.get(unit) in self.count_units

    def _wan_of(self, indicator_unit: str) -> bool:
        """万 alone can be ten thousand of a count, or of 元 per head (人均5.6万), never of an amount in 亿元."""
        base = self.unit_bases.get(indicator_unit)
        return base in ("人", "户", "家") or indicator_unit == "元"

    def canonical_unit(self, printed: str, indicator_unit: str) -> str:
        printed = printed.replace("余", "")
        if printed == "万" and self._wan_of(indicator_unit):
            return "万" + self.unit_bases[indicator_unit]
        return UNIT_ALIASES.get((printed, indicator_unit), printed)

    def expand(self, text: str, start: int, mention: str) -> list[str]:
        """Names a mention stands for with the words before it: 城乡居民… → 城镇居民…, 农村居民…;
        城镇居民、农村居民人均可支配收入 → both. Returns [mention] when nothing applies."""
        before = text[max(0, start - 30):start]
        after = text[start + len(mention):start + len(mention) + 4]
        # 城乡居民…, 城、乡居民…; 城乡居民收入…,人均可支配收入分别达A元和B元 (城乡 earlier in the sentence)
        rest = re.split(r"[。；;！？]", text[start + len(mention):start + len(mention) + 120])[0]
        # two figures follow (分别 / A元、B元 / X%和Y%); one alone is the whole population's (城乡居民人均可支配收入41950元)
        # (城乡居民人均可支配收入均增长7%: 均 gives both the one value)
        two = "分别" in rest or re.search(rf"{N}\s*[^\d，,。；;]{{0,3}}[、和与及]\s*{N}", rest) or \
            re.match(r"(?:同比|比上年)?均", rest)
        if (re.search(r"城、?乡(?:常住)?$", before) and two) or ("分别" in after and re.search(r"城乡[^。；;！？]*$", before)):
            for pair in (["城镇" + mention, "农村" + mention], ["城镇居民" + mention, "农村居民" + mention]):
                if all(p in self.names for p in pair):
                    return pair
        ordinals = _ORDINAL_LIST.search(text[max(0, start - 12):start])
        # 第一、二、三产业 → the three; 第一产业、第二产业、第三产业 names each (a listed name is a mention of its own)
        if ordinals and mention[0] in "第一二三" and not re.search(r"产业?、$", ordinals.group(0)):
            lead = "第" if mention.startswith("第") else ""
            digit = mention[len(lead)]
            listed = [lead + o + mention[len(lead) + 1:] for o in re.findall(r"[一二三]", ordinals.group(0))]
            if digit in "一二三" and all(n in self.names for n in listed):
                return listed + [mention]
        match = re.search(r"([\u4e00-\u9fff]{2,6})(?:、|和|与|及)$", text[max(0, start - 8):start])
        if match:          # 全年城镇和农村居民…: the head is the end of the words before 和 that makes a name
            for head in (match.group(1)[cut:] for cut in range(len(match.group(1)) - 1)):
                for k in range(1, len(mention)):
                    if head + mention[k:] in self.names and head + mention[k:] != mention:
                        return [head + mention[k:], mention]
        return [mention]


def place_scope(place: str) -> str:
    """The word after 全 that means the document's own place (全县 for 武宣县, 全区 for 喀什地区); "" when the name
    does not say its level (then no 全X is taken for another place's)."""
    level = re.search(r"[省市区县州盟旗]$", place or "")
    return level.group(0) if level else ""


def place_forms(place: str) -> tuple:
    """武宣县 → (武宣县, 武宣): a place's name with and without 县/区/市/旗 …, each of at least two characters."""
    short = re.sub(r"(?:自治县|自治旗|新区|县|区|市|旗|州|盟)$", "", place or "")
    return tuple(p for p in dict.fromkeys((place, short)) if p and len(p) >= 2)


def build_vocabulary(registry, table_names: dict[str, str] | None = None, place: str = "") -> Vocabulary:
    """Vocabulary from a :class:`analysis.data.registry.Registry` and the table's own ``indicator_zh`` names, for a
    document of *place* (whose name before a short alias does not glue it: 武宣经济增长).

    >>> from analysis.data.registry import load_registry
    >>> vocab = build_vocabulary(load_registry())
    >>> vocab.name("规上工业增加值").indicator, vocab.flow_of("高新技术企业").indicator
    ('industrial_value_added', 'high_tech_firms_certified')
    """
    names: dict[str, Name] = {}
    for ind in registry.indicators.values():
        entry = Name(ind.indicator, ind.name_zh, ind.growth_basis, ind.unit, bool(FLOW_NAME.search(ind.name_zh)))
        for text in (ind.name_zh, *ind.aliases):
            names.setdefault(text, entry)
    for text, indicator in (table_names or {}).items():
        known = registry.indicators.get(indicator)
        if text and text not in names:
            names[text] = Name(indicator, known.name_zh if known else text, known.growth_basis if known else "",
                               known.unit if known else "", bool(FLOW_NAME.search(text)))
    unit_bases = {u.unit: u.base_unit for u in registry.units.values()}
    return Vocabulary(names, unit_bases, {u.unit for u in registry.units.values() if u.count}, place)
