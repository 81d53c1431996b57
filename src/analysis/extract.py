"""Propose indicator rows from a new official document, for a person to review.

The yearly plan-execution report follows a predictable style: "X完成N亿元，同比
增长Y%" in the execution section, "X增长Y%左右" in the targets section, "到2025年
…达到N家" in a plan. This module finds those sentences and proposes rows in the
``indicators.csv`` schema plus ``confidence`` and ``status`` (= ``proposed``),
each with its verbatim quote. It never writes the curated table; ``merge``
does, after review.

The year of a fact comes from the document's structure: the execution section
is the report year, the targets section the next year, a five-year plan's
review is its base year and its goals the plan's end year; ``year=`` overrides.
"""
from __future__ import annotations

import re
from dataclasses import dataclass


N = r"\d+(?:\.\d+)?"

# name → (indicator id, canonical Chinese name, price basis of its growth rates)
ALIASES = {
    "地区生产总值": ("gdp", "地区生产总值", "comparable"),
    "GDP": ("gdp", "地区生产总值", "comparable"),
    "经济总量": ("gdp", "地区生产总值", "comparable"),
    "规模以上工业增加值": ("industrial_value_added", "规模以上工业增加值", "comparable"),
    "规上工业增加值": ("industrial_value_added", "规模以上工业增加值", "comparable"),
    "服务业增加值": ("services_value_added", "服务业增加值", "comparable"),
    "第三产业增加值": ("services_value_added", "服务业增加值", "comparable"),
    "社会消费品零售总额": ("retail_sales", "社会消费品零售总额", "current"),
    "社零额": ("retail_sales", "社会消费品零售总额", "current"),
    "社零": ("retail_sales", "社会消费品零售总额", "current"),
    "全社会固定资产投资": ("fixed_asset_investment", "固定资产投资", "current"),
    "固定资产投资": ("fixed_asset_investment", "固定资产投资", "current"),
    "一般公共预算收入": ("budget_revenue", "一般公共预算收入", "current"),
    "高新技术企业": ("high_tech_firms", "高新技术企业", ""),
    "新认定高新技术企业": ("high_tech_firms_certified", "新认定高新技术企业", ""),
    "“专精特新”企业": ("specialised_smes_new", "新培育专精特新企业", ""),
    "专精特新企业": ("specialised_smes_new", "新培育专精特新企业", ""),
    "科技型中小企业": ("tech_smes", "科技型中小企业", ""),
    "规上工业企业数": ("industrial_firms_above_scale", "规上工业企业数", ""),
    "规模以上工业企业数": ("industrial_firms_above_scale", "规上工业企业数", ""),
    "5G基站": ("base_stations_5g", "5G基站", ""),
    "国家级重点实验室": ("national_key_labs_new", "新增国家级重点实验室", ""),
    "新型研发机构": ("rd_institutions_new", "新培育市级以上新型研发机构", ""),
    "城镇登记失业率": ("registered_unemployment_rate", "城镇登记失业率", ""),
    "城镇调查失业率": ("surveyed_unemployment_rate", "城镇调查失业率", ""),
    "城镇新增劳动力": ("new_urban_labour_force", "城镇新增劳动力", ""),
    "城镇新增就业人员": ("new_urban_employment", "城镇新增就业人员", ""),
    "城镇新增就业": ("new_urban_employment", "城镇新增就业人员", ""),
    "培训": ("vocational_training", "职业技能培训", ""),
    "就业困难人员享受社保补贴": ("hardship_employment_subsidy", "就业困难人员享受社保补贴", ""),
    "基本养老保险参保人数": ("pension_insured", "基本养老保险参保人数", ""),
    "企业基本养老保险": ("enterprise_pension_insured", "企业基本养老保险参保人数", ""),
    "机关事业单位养老保险": ("public_sector_pension_insured", "机关事业单位养老保险参保人数", ""),
    "城乡居民养老保险": ("resident_pension_insured", "城乡居民养老保险参保人数", ""),
    "失业保险参保人数": ("unemployment_insured", "失业保险参保人数", ""),
    "工伤保险参保人数": ("work_injury_insured", "工伤保险参保人数", ""),
    "千名老人拥有床位数": ("elderly_beds_per_1000", "千名老人拥有养老床位数", ""),
    "床位数": ("elderly_care_beds", "养老床位数", ""),
    "4A级景区": ("scenic_4a_new", "新创4A级景区", ""),
    "3A级景区": ("scenic_3a_new", "新创3A级景区", ""),
    "国家级旅游度假区": ("national_resorts_new", "新创国家级旅游度假区", ""),
    "旅游类特色小镇": ("tourism_towns_new", "新创旅游类特色小镇", ""),
    "社会足球场地": ("football_pitches_new", "社会足球场地建设", ""),
    "健身步道": ("fitness_trails_new", "健身步道或骑行道建设", ""),
    "森林覆盖率": ("forest_coverage", "森林覆盖率", ""),
    "建成区绿地率": ("green_space_ratio", "建成区绿地率", ""),
    "绿地率": ("green_space_ratio", "建成区绿地率", ""),
    "绿化覆盖率": ("green_coverage_ratio", "建成区绿化覆盖率", ""),
    "二产占比": ("secondary_industry_share", "第二产业占比", ""),
    "第二产业占比": ("secondary_industry_share", "第二产业占比", ""),
    "新增市场主体": ("new_market_entities", "新增市场主体", ""),
    "居民人均可支配收入": ("disposable_income", "居民人均可支配收入", "current"),
}
# Flow words: the number counts what was added in the period, not a stock.
FLOW = re.compile(r"新增|新认定|新培育|新创|新建|累计|培育|期间")
COUNT_UNITS = "家|户|个|张|所|座|块|条|栋|部|亩|公里|人次|万人|人|万户"
AMOUNT_UNITS = "亿元|万元"
UNIT_CANON = {"户": "家", "万余户": "万户"}


@dataclass
class Context:
    mode: str | None          # 'actual', 'target', 'review' or None
    year: int | None
    period_start: int | None = None


def _names_pattern(names) -> str:
    return "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))


def detect_years(text: str) -> tuple[int | None, int | None, bool]:
    """(report year, next/target year, is a five-year plan) from the document's title lines."""
    head = text[:600]
    plan = bool(re.search(r"十四五|第十四个五年规划", head)) and "计划执行" not in head
    match = re.search(r"(\d{4})年(?:国民经济和社会发展)?计划执行情况", text)
    if match:
        year = int(match.group(1))
        return year, year + 1, plan
    return None, None, plan


def _heading_context(line: str, report_year, target_year, plan: bool, current: Context) -> Context:
    short = len(line) <= 60
    years = [int(y) for y in re.findall(r"(\d{4})年", line)]
    if short and re.search(r"执行情况|完成情况", line):
        return Context("actual", years[0] if years else report_year)
    if short and re.search(r"预期目标|主要目标|目标任务|主要任务", line):
        return Context("target", years[0] if years else target_year)
    if plan and re.search(r"^第.{1,3}[章节]", line):
        return Context("target", 2025, 2021)
    if plan and "十三五" in line and ("时期" in line or "期间" in line):
        return Context("review", 2020, 2016)
    return current


def _row(indicator, zh, year, kind, value, unit, basis, bound, period_start, quote, confidence, district, source):
    return {"district": district, "indicator": indicator, "indicator_zh": zh, "year": year, "kind": kind,
            "value": value, "unit": unit, "price_basis": basis, "bound": bound,
            "period_start": "" if period_start is None else period_start, "source": source, "quote": quote,
            "note": "", "confidence": round(confidence, 2), "status": "proposed"}


def _num(text: str, sign_word: str = "") -> float:
    value = float(text)
    return -value if sign_word in ("下降", "减少") else value


def extract_text(text: str, district: str, source: str = "", year: int | None = None,
                 vocabulary: dict | None = None) -> list[dict]:
    """Proposed rows from normalised *text* (see module docstring)."""
    aliases = dict(ALIASES)
    for zh, indicator in (vocabulary or {}).items():
        aliases.setdefault(zh, (indicator, zh, ""))
    names = _names_pattern(aliases)
    report_year, target_year, plan = detect_years(text)
    if year is not None:
        report_year, target_year = year, year + 1
    ctx = Context("target", 2025, 2021) if plan else Context(None, report_year)
    proposals: dict[tuple, dict] = {}

    def add(name, year_, kind, value, unit, bound, period_start, quote, confidence):
        indicator, zh, basis = aliases[name]
        if kind in ("growth", "target_growth"):
            unit, price = "%", basis or "current"
        elif kind == "share":
            unit, price = "%", ""
        else:
            price = "current" if unit in ("亿元", "万元") else ""
        if year_ is None:
            year_, confidence = report_year or 0, confidence - 0.3
        row = _row(indicator, zh, int(year_), kind, value, UNIT_CANON.get(unit, unit), price, bound,
                   period_start, quote, confidence, district, source)
        key = (indicator, row["year"], kind, price)
        if key not in proposals or proposals[key]["confidence"] < row["confidence"]:
            proposals[key] = row

    for line in text.split("\n"):
        ctx = _heading_context(line.strip(), report_year, target_year, plan, ctx)
        for sentence in re.split(r"(?<=[。；;!！?？])", line):
            _extract_sentence(sentence, names, aliases, ctx, plan, add, target_year)
    return sorted(proposals.values(), key=lambda r: (r["indicator"], r["year"], r["kind"]))


def _sentence_context(sentence: str, ctx: Context, plan: bool) -> Context:
    # "到2025年" announces a target; "增长到2020年的486亿元" does not
    match = re.search(r"(?<![长加高升至])到(\d{4})年", sentence)
    if match:
        y = int(match.group(1))
        return Context("target", y, y - 4 if plan else None)
    if re.search(r"十四五.{0,3}(期间|末期|末)", sentence):
        return Context("target", 2025, 2021)
    if "十三五" in sentence and ctx.mode != "target":
        return Context("review", 2020, 2016)
    return ctx


def _kind_for(ctx: Context, flow: bool, sentence: str) -> tuple[str, int | None, int | None]:
    """(kind, year, period_start) of a level-like number under the sentence's context."""
    if ctx.mode == "target":
        period = ctx.period_start if flow and "期间" in sentence or flow and ctx.period_start else None
        if flow and period is None and ctx.year is not None:
            period = ctx.year
        return "target_level", ctx.year, period
    if flow and ctx.mode == "actual":
        return "cumulative", ctx.year, ctx.year
    return "level", ctx.year, None


def _extract_sentence(sentence, names, aliases, ctx, plan, add, target_year):
    ctx = _sentence_context(sentence, ctx, plan)
    taken = []          # spans already explained by a more specific pattern

    def free(m):
        return all(m.end() <= a or m.start() >= b for a, b in taken)

    def claim(m):
        taken.append((m.start(), m.end()))

    # "X从2015年的347亿元增长到2020年的486亿元(,年均增幅10%以上)"
    for m in re.finditer(rf"(?P<name>{names})从(?P<y1>\d{{4}})年的(?P<v1>{N})(?P<u>{AMOUNT_UNITS}|{COUNT_UNITS})"
                         rf"增长到(?P<y2>\d{{4}})年的(?P<v2>{N})(?P=u)"
                         rf"(?:[^。；;]{{0,3}}年均(?:增长|增幅)(?P<g>{N})%(?P<b>以上|左右)?)?", sentence):
        # in a goals section the end point is a target ("从2020年的486亿元增长到2025年的800亿元")
        end_kind = "target_level" if ctx.mode == "target" and int(m["y2"]) >= (ctx.year or 9999) else "level"
        add(m["name"], int(m["y1"]), "level", float(m["v1"]), m["u"], "", None, m.group(0), 0.95)
        add(m["name"], int(m["y2"]), end_kind, float(m["v2"]), m["u"], "", None, m.group(0), 0.95)
        if m["g"]:
            add(m["name"], int(m["y2"]), "growth", float(m["g"]), "%", {"以上": ">=", "左右": "~"}.get(m["b"] or "", ""),
                int(m["y1"]), m.group(0), 0.8)
        claim(m)
    # "X由现在的25家增加到60家"
    for m in re.finditer(rf"(?P<name>{names})由现在的(?P<v1>{N})(?P<u>{COUNT_UNITS})增加到(?P<v2>{N})(?P=u)", sentence):
        if free(m) and ctx.year:
            add(m["name"], ctx.year - 5, "level", float(m["v1"]), m["u"], "", None, m.group(0), 0.7)
            add(m["name"], ctx.year, "target_level", float(m["v2"]), m["u"], "", None, m.group(0), 0.9)
            claim(m)
    # "X完成620.5亿元,同比增长2.5%" (level and growth together)
    for m in re.finditer(rf"(?P<name>{names})(?P<y>\d{{4}}年)?(?:完成|实现|达到|为|达)?(?P<v>{N})(?P<u>{AMOUNT_UNITS})"
                         rf"[,，]?(?:同比|比上年)?(?P<dir>增长|下降|减少)(?P<g>{N})%", sentence):
        if free(m):
            year = int(m["y"][:4]) if m["y"] else ctx.year
            add(m["name"], year, "level", float(m["v"]), m["u"], "", None, m.group(0), 0.95)
            add(m["name"], year, "growth", _num(m["g"], m["dir"]), "%", "", None, m.group(0), 0.95)
            claim(m)
    # "X“十三五”累计完成1160.1亿元"
    for m in re.finditer(rf"(?P<name>{names})[^,，。；]{{0,8}}累计完成(?P<v>{N})(?P<u>{AMOUNT_UNITS}|{COUNT_UNITS})", sentence):
        if free(m):
            start = 2016 if "十三五" in m.group(0) else (2021 if "十四五" in m.group(0) else ctx.period_start)
            end = 2020 if "十三五" in m.group(0) else (2025 if "十四五" in m.group(0) else ctx.year)
            add(m["name"], end, "cumulative", float(m["v"]), m["u"], "", start, m.group(0), 0.9)
            claim(m)
    # "X控制在4.0%以内"
    for m in re.finditer(rf"(?P<name>{names})控制在(?P<v>{N})%以内", sentence):
        if free(m) and ctx.year:
            add(m["name"], ctx.year, "target_level", float(m["v"]), "%", "<=", None, m.group(0), 0.9)
            claim(m)
    # "A、B分别为38.75%、44.83%"
    for m in re.finditer(rf"(?P<names>(?:{names})(?:、(?:{names}))+)分别(?:为|达到|达)(?P<vals>{N}%(?:、{N}%)+)", sentence):
        if free(m):
            for name, value in zip(m["names"].split("、"), re.findall(N, m["vals"])):
                if name in aliases:
                    add(name, ctx.year, "share", float(value), "%", "", None, m.group(0), 0.85)
            claim(m)
    # "X达38%" / "X达到52.8%": a rate or share
    for m in re.finditer(rf"(?P<name>{names})(?:达到|达|为)(?P<v>{N})%", sentence):
        if free(m):
            add(m["name"], ctx.year, "share", float(m["v"]), "%", "", None, m.group(0), 0.8)
            claim(m)
    # "X增长6.5%左右" (targets) / "X增长4.7%" (actuals, growth alone)
    for m in re.finditer(rf"(?P<name>{names})(?:年均)?(?P<dir>增长|下降)(?P<g>{N})%(?P<b>左右|以上)?", sentence):
        if free(m):
            bound = {"以上": ">=", "左右": "~"}.get(m["b"] or "", "")
            kind = "target_growth" if ctx.mode == "target" else "growth"
            add(m["name"], ctx.year, kind, _num(m["g"], m["dir"]), "%", bound, None, m.group(0), 0.85)
            claim(m)
    # "X达到227户以上" / "X预计达到6万人" / "X166家" / "X2.7万余户"
    for m in re.finditer(rf"(?P<name>{names})(?:数)?(?P<y>\d{{4}}年)?(?:预计)?(?:达到|达|增加到|增至|为)?(?P<v>{N})(?P<u>万余户|{COUNT_UNITS}|{AMOUNT_UNITS})(?P<b>以上)?", sentence):
        if free(m):
            flow = bool(FLOW.search(m["name"])) or bool(FLOW.search(sentence[max(0, m.start() - 4): m.start()]))
            kind, year, period = _kind_for(ctx, flow, sentence)
            if m["y"]:
                # an explicit year: a target if it is the target year, else an observed level
                stated = int(m["y"][:4])
                if not (ctx.mode == "target" and stated == ctx.year):
                    kind, period = "level", None
                year = stated
            bound = ">=" if m["b"] or "余" in m["u"] else ""
            add(m["name"], year, kind, float(m["v"]), m["u"].replace("余", ""), bound, period, m.group(0), 0.75)
            claim(m)
    # "新创1个4A级景区、3个3A级景区" / "完成35块社会足球场地" (number before the name)
    for m in re.finditer(rf"(?P<v>{N})(?P<u>{COUNT_UNITS})(?P<name>{names})", sentence):
        if free(m):
            before = sentence[max(0, m.start() - 12): m.start()]
            flow = bool(FLOW.search(before + m["name"])) or ctx.mode == "target"
            kind, year, period = _kind_for(ctx, flow, sentence)
            if ctx.mode == "review":
                kind, period = "level", None
            add(m["name"], year, kind, float(m["v"]), m["u"], "", period, m.group(0), 0.65)
            claim(m)


def detect_district(text: str, known=()) -> str:
    """The district a document is about: a known one it names first, else the 区 after 市/县 in its title."""
    positions = [(text.find(d), d) for d in known if d and d in text]
    if positions:
        return min(positions)[1]
    found = re.search(r"(?:市|县)([\u4e00-\u9fff]{2,4}?区)", text) or re.search(r"([\u4e00-\u9fff]{2,4}?区)", text)
    return found.group(1) if found else ""


def extract_file(path, district: str | None = None, year: int | None = None,
                 vocabulary: dict | None = None, known_districts=()) -> tuple[list[dict], str, str]:
    """Read, decode (UTF-8 or GB18030), normalise and extract; returns (rows, encoding, normalised text)."""
    from pathlib import Path

    from .normalize import normalize_file

    normalized, encoding = normalize_file(path)
    if district is None:
        district = detect_district(normalized, known_districts)
    return extract_text(normalized, district, Path(path).name, year, vocabulary), encoding, normalized
