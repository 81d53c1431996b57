"""Every word a report shows, in Chinese (default) and English."""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from .exceptions import ParameterError

LOCALES_DIR = Path(__file__).resolve().parent / "locales"

LANGS = ("zh", "en")

TEXT = {
    "zh": {
        "overview": "{district}经济运行与“十四五”目标进度概览",
        "growth_gap": "{district}{indicator}：“十四五”目标差距分析",
        "projection": "{district}{indicator}：2025年情景预测",
        "brief": "{district}“十四五”规划目标进度简报",
        "explorer": "{district}{indicator}：情景探索",
        "how_to_read": "阅读说明：时序进度=规划期已过时间占比；任务进度=目标完成程度（对数尺度）。"
                       "任务进度低于时序进度5个百分点以上即“滞后于预期”。增速单位为%，差距单位为百分点。",
        "source": "数据来源：{sources}",
        "generated": "生成时间",
        "data_version": "数据版本",
        "package_version": "程序版本",
        "year": "年份", "value": "数值", "unit": "单位", "indicator": "指标", "latest": "最新值",
        "latest_year": "最新年份", "target": "目标", "target_year": "目标年份", "status": "进度判断",
        "ratio_status": "增速判断", "observed_growth": "年均增速(%)", "required_growth": "所需年均增速(%)",
        "gap": "增速差距(百分点)", "tau": "时序进度(%)", "progress": "任务进度(%)", "probability": "达成概率(%)",
        "projected": "预测值（中位/均值）", "interval": "区间", "prediction_interval": "{pct}%预测区间",
        "simulated_interval": "{pct}%模拟区间（5%–95%分位）", "lower": "下限", "upper": "上限", "actual": "实际值", "required_path": "实现目标所需路径",
        "plan_path": "规划匀速路径", "target_band": "目标区间", "growth_rate": "增速(%)",
        "price_basis": "价格口径", "current": "现价（名义）", "comparable": "可比价（实际）",
        "scorecard": "年度目标完成情况", "pending": "待公布", "met": "完成", "not met": "未完成",
        "caveats": "口径与注意事项", "key_messages": "主要结论", "traffic_light": "目标进度一览",
        "drift": "按既往年均增速", "plan_rate": "按年度计划增速", "trend": "对数线性趋势", "monte_carlo": "蒙特卡洛模拟",
        "backtest": "回测（留出最后一个观测值）", "model": "模型", "error_pct": "误差(%)", "note": "说明",
        "fan": "90%模拟区间（5%–95%分位）", "scenario": "情景", "growth_assumption": "增速假设(%)", "deflator": "价格指数假设(%)",
        "no_targets": "该地区在目标年份没有可比较的数值目标。",
        "main_series": "主要经济指标", "growth_table": "最新增速",
        "aspiration": "注：该目标为规划中的方向性表述，可由分析人员调整。",
        "flags": "数据提示", "data_note": "数据表注释", "not_assessed": "另有{n}项目标尚无任何实际数据，未列入上表（详见概览报告）。",
    },
    "en": {
        "overview": "{district}: economy and progress toward the 14th five-year plan goals",
        "growth_gap": "{district}, {indicator}: gap to the 14th five-year plan target",
        "projection": "{district}, {indicator}: scenarios to 2025",
        "brief": "{district}: five-year plan progress brief",
        "explorer": "{district}, {indicator}: scenario explorer",
        "how_to_read": "How to read: time elapsed = share of the plan period gone; task progress = share of the way "
                       "to the target (log scale). Progress more than 5 points behind time elapsed is 'behind "
                       "schedule'. Growth in %, gaps in percentage points.",
        "source": "Source: {sources}",
        "generated": "Generated",
        "data_version": "Data version",
        "package_version": "Software version",
        "year": "Year", "value": "Value", "unit": "Unit", "indicator": "Indicator", "latest": "Latest",
        "latest_year": "Latest year", "target": "Target", "target_year": "Target year", "status": "Schedule status",
        "ratio_status": "Growth status", "observed_growth": "Observed growth (%/yr)",
        "required_growth": "Required growth (%/yr)", "gap": "Gap (pp)", "tau": "Time elapsed (%)",
        "progress": "Task progress (%)", "probability": "Probability (%)", "projected": "Projected (central)", "interval": "Interval",
        "prediction_interval": "{pct}% prediction interval", "simulated_interval": "{pct}% simulated range (5th–95th percentile)",
        "lower": "Lower", "upper": "Upper",
        "actual": "Actual", "required_path": "Path required to hit target", "plan_path": "Even plan path",
        "target_band": "Target band", "growth_rate": "Growth (%)", "price_basis": "Price basis",
        "current": "current prices (nominal)", "comparable": "comparable prices (real)",
        "scorecard": "Annual targets", "pending": "pending", "met": "met", "not met": "not met",
        "caveats": "Definitions and caveats", "key_messages": "Key messages", "traffic_light": "Targets at a glance",
        "drift": "Past average growth", "plan_rate": "Annual plan rates", "trend": "Log-linear trend",
        "monte_carlo": "Monte Carlo", "backtest": "Backtest (last observation held out)", "model": "Model",
        "error_pct": "Error (%)", "note": "Note", "fan": "90% simulated range (5th–95th percentile)", "scenario": "Scenario",
        "growth_assumption": "Growth assumption (%)", "deflator": "Price assumption (%)",
        "no_targets": "This district has no numeric target to compare in the target year.",
        "main_series": "Main economic indicators", "growth_table": "Latest growth rates",
        "aspiration": "Note: this target paraphrases an aspiration in the plan; analysts may override it.",
        "flags": "Data notes", "data_note": "Data note", "not_assessed": "{n} more targets have no actual figure at all yet and are not listed (see the overview report).",
    },
}

def number(value, digits: int = 1) -> str:
    """A table cell: '1,234.5', or '–' for a missing value (None or NaN)."""
    if value is None or (isinstance(value, float) and value != value):
        return "–"
    return f"{value:,.{digits}f}" if isinstance(value, float) else str(value)


def check_lang(lang: str) -> str:
    if lang not in LANGS:
        raise ParameterError(f"lang '{lang}' is not supported; accepted: {', '.join(LANGS)}")
    return lang


@lru_cache(maxsize=1)
def catalog() -> dict[str, dict[str, str]]:
    """Every ``locales/*.yaml`` catalogue merged with TEXT: {lang: {key: template}}.

    A key defined twice, or present in one language only, is an error: a page
    must never fall back to the other language.
    """
    import yaml

    merged = {lang: dict(TEXT[lang]) for lang in LANGS}
    for path in sorted(LOCALES_DIR.glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        if set(data) != set(LANGS) or set(data["zh"]) != set(data["en"]):
            raise ParameterError(f"{path.name}: needs the same keys under zh and en")
        for lang in LANGS:
            clash = set(data[lang]) & set(merged[lang])
            if clash:
                raise ParameterError(f"{path.name}: key(s) {', '.join(sorted(clash))} defined twice")
            merged[lang].update({k: "" if v is None else str(v) for k, v in data[lang].items()})
    return merged


def t(key: str, lang: str = "zh", **values) -> str:
    """The text for *key* in *lang*, formatted with *values*."""
    text = catalog()[check_lang(lang)].get(key, key)
    return text.format(**values) if values else text


def has(key: str) -> bool:
    """Whether a catalogue defines *key*."""
    return key in catalog()["zh"]


def status_label(status: str, lang: str, final: bool = True) -> str:
    """The schedule reading of a status key: 'behind' → 滞后于预期; 'achieved' before the end → 提前实现."""
    if status == "achieved" and not final:
        return t("status_early.achieved", lang)
    return t(f"status.{status}", lang)


def status_class(status: str, lang: str) -> str:
    """The Eurostat/UN SDG-style class of the same judgement: 'behind' → moderate progress."""
    return t(f"class.{status}", lang)


def basis_label(price_basis: str, lang: str) -> str:
    """现价（名义） / 可比价（实际）, or '' when the basis does not apply."""
    return t(f"basis.{price_basis or ''}", lang)


def _registry():
    from .registry import load_registry

    return load_registry()


def district_name(district: str, lang: str) -> str:
    """The district's name in *lang*, from data/districts.csv."""
    return _registry().district_name(district, lang)


def indicator_label(indicator: str, indicator_zh: str, lang: str) -> str:
    """The indicator's name in *lang* (English falls back to the id in words)."""
    if lang == "zh":
        return indicator_zh
    return _registry().indicator_name(indicator, lang, indicator_zh)


def flag_text(flag, lang: str) -> str:
    """A gap-table flag in the report language.

    Flags are ``{"code": ..., "params": {...}}`` and become words here only:
    ``{"code": "draft_source", "params": {}}`` → 数据来源为规划草案….
    """
    if isinstance(flag, dict):
        params = {k: _param_text(v, lang) for k, v in (flag.get("params") or {}).items()}
        text = t(f"flag.{flag['code']}", lang, **params)
        if flag["code"] == "series_break" and flag.get("params", {}).get("years_assumed"):
            text += t("flag.series_break_assumed", lang, **params)
        return text
    return str(flag)




def unit_label(unit: str, lang: str) -> str:
    return _registry().unit_name(unit, lang)


def bound_label(bound: str, lang: str) -> str:
    """How a target's bound reads in front of its value: ≥227, ≤4, 约1000 / ~1000."""
    return {">=": "≥", "<=": "≤", "~": "约" if lang == "zh" else "~"}.get(bound or "", "")


def amount(value: float, unit: str, lang: str) -> str:
    """A value with its unit for running text: '620.5亿元' / '62.05 bn yuan'."""
    def plain(v: float, digits: int) -> str:
        return f"{round(v, digits):.{digits}f}".rstrip("0").rstrip(".")

    if lang == "zh":                       # no thousands separators in Chinese running text
        return f"{plain(value, 2)}{unit}"
    if unit == "亿元":                     # 1 亿 = 100 million: say billions in English
        return f"{plain(value / 10, 2)} bn yuan"
    return f"{plain(value, 2)} {unit_label(unit, lang)}".rstrip()


def _param_text(value, lang: str) -> str:
    """A flag parameter as text: floats to one decimal, lists of years joined, a price basis in words."""
    if isinstance(value, float):
        return f"{value:.1f}"
    if isinstance(value, (list, tuple)):
        return ("、" if lang == "zh" else ", ").join(str(v) for v in value)
    if value in ("current", "comparable"):
        return basis_label(value, lang)
    return str(value)
