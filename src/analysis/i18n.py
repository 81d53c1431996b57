"""Every word a report shows, in Chinese (default) and English.

The words live in catalogues (``locales/*.yaml``: ``assessment.yaml`` for the
engine's status and flag keys, ``report.yaml`` for the report pages, ``suite.yaml``
for the frame around them: footer, charts, index page, terminal table); this
module looks them up and formats numbers, amounts and units for a page.
"""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from analysis.exceptions import CatalogueKeyError, ParameterError

LOCALES_DIR = Path(__file__).resolve().parent / "locales"

LANGS = ("zh", "en")


def number(value, digits: int = 1) -> str:
    """A table cell: '1,234.5', or '–' for a missing value (None or NaN)."""
    if value is None or (isinstance(value, float) and value != value):
        return "–"
    return f"{value:,.{digits}f}" if isinstance(value, float) else str(value)


def check_lang(lang: str) -> str:
    if lang not in LANGS:
        raise ParameterError(f"lang '{lang}' is not supported; accepted: {', '.join(LANGS)}", parameter="lang",
                             value=lang, accepted=LANGS)
    return lang


@lru_cache(maxsize=1)
def catalog() -> dict[str, dict[str, str]]:
    """Every ``locales/*.yaml`` catalogue merged: {lang: {key: template}}.

    A key defined twice, or present in one language only, is an error: a page
    must never fall back to the other language.
    """
    import yaml

    merged = {lang: {} for lang in LANGS}
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
    """The text for *key* in *lang*, formatted with *values*; :class:`CatalogueKeyError` if no catalogue has it."""
    try:
        text = catalog()[check_lang(lang)][key]
    except KeyError:
        raise CatalogueKeyError(key, lang) from None
    return text.format(**values) if values else text


def has(key: str) -> bool:
    """Whether a catalogue defines *key*."""
    return key in catalog()["zh"]


def status_label(status: str, lang: str, final: bool = True) -> str:
    """The schedule reading of a status key: 'behind' → 滞后于预期; 'achieved' before the end → 提前实现."""
    if status == "achieved" and not final:
        return t("status_early.achieved", lang)
    if status == "breached" and final:
        return t("status_final.breached", lang)
    return t(f"status.{status}", lang)


def status_text(status: str, lang: str, final: bool = True, trend: str | None = None,
                data_year: int | None = None) -> str:
    """:func:`status_label`, and for a figure not yet entered or published the reading of the latest
    data beside it: 未录入（按截至2022年数据推算：滞后于预期）."""
    label = status_label(status, lang, final)
    if trend and status in ("not_entered", "pending"):
        return t("status_trend.label", lang, status=label, trend=status_label(trend, lang, False), data_year=data_year)
    return label


def status_class(status: str, lang: str) -> str:
    """The Eurostat/UN SDG-style class of the same judgement: 'behind' → moderate progress."""
    return t(f"class.{status}", lang)


def basis_label(price_basis: str, lang: str) -> str:
    """现价（名义） / 可比价（实际）, or '' when the basis does not apply."""
    return t(f"basis.{price_basis or ''}", lang)


_REGISTRY: list = []       # the name files of the table being shown: set by use_registry()


def use_registry(registry) -> None:
    """Name districts, indicators and units from *registry* (the name files of the table a page shows).

    :func:`analysis.report.setup` calls it with the registry beside its table; until something
    does, the registry of the table in use (``$ANALYSIS_DATA`` or ``data/indicators.csv``) is read.
    """
    _REGISTRY[:] = [registry]


def _registry():
    if _REGISTRY:
        return _REGISTRY[0]
    from analysis.data.registry import load_registry

    return load_registry()


def district_name(district: str, lang: str) -> str:
    """The district's name in *lang*, from data/districts.csv."""
    return _registry().district_name(district, lang)


def indicator_label(indicator: str, indicator_zh: str, lang: str) -> str:
    """The indicator's name in *lang* (English falls back to the id in words)."""
    if lang == "zh":
        return indicator_zh
    return _registry().indicator_name(indicator, lang, indicator_zh)


AMOUNT_PARAMS = ("value", "original", "target")     # flag parameters that are amounts when a unit is given


def flag_text(flag, lang: str) -> str:
    """A flag in the report language.

    Flags are ``{"code": ..., "params": {...}}`` and become words here only:
    ``{"code": "draft_source", "params": {}}`` → 数据来源为规划草案…. A plain
    string (an engine note without a code) is returned unchanged.
    """
    if not isinstance(flag, dict):
        return str(flag)
    raw = flag.get("params") or {}
    params = {k: _param_text(v, lang) for k, v in raw.items()}
    if raw.get("unit") is not None:             # amounts of the target's unit: 1000亿元 / 100 bn yuan, as on the page
        for key in AMOUNT_PARAMS:
            if isinstance(raw.get(key), (int, float)) and not isinstance(raw.get(key), bool):
                params[key] = amount(raw[key], raw["unit"], lang)
    if "grade" in params:                       # a status key carried as a parameter: its label
        params["grade"] = status_label(flag["params"]["grade"], lang, True)
    text = t(f"flag.{flag['code']}", lang, **params)
    if flag["code"] == "series_break" and flag.get("params", {}).get("years_assumed"):
        text += t("flag.series_break_assumed", lang, **params)
    return text


# A unit shown in another unit on a page: in English, 亿 (100 million) yuan read as billions.
DISPLAY_UNITS = {"en": {"亿元": ("unit.bn_yuan", 0.1)}}


def display_unit(unit: str, lang: str) -> tuple[str, float]:
    """The unit a page shows for *unit*, and the factor to apply: ('bn yuan', 0.1) for 亿元 in English."""
    key, factor = DISPLAY_UNITS.get(lang, {}).get(unit, (None, 1.0))
    return (t(key, lang) if key else unit_label(unit, lang)), factor


def unit_label(unit: str, lang: str) -> str:
    """The unit's name in *lang* (data/units.csv); a count with no English name reads 'number'."""
    name = _registry().unit_name(unit, lang)
    if not name and unit:
        return t("unit.count", lang) if lang != "zh" else unit
    return name


def bound_label(bound: str, lang: str) -> str:
    """How a target's bound reads in front of its value: ≥227, ≤4, 约1000 / ~1000."""
    return t(f"bound.{bound}", lang) if bound in (">=", "<=", "~") else ""


MONEY = "元"   # the base unit of money amounts in data/units.csv


def is_money(unit: str) -> bool:
    """Whether *unit* is an amount of money (its base unit in data/units.csv is yuan)."""
    row = _registry().units.get(unit)
    return bool(row and row.base_unit == MONEY)


def is_count(unit: str) -> bool:
    """Whether *unit* counts whole things (shown as integers)."""
    return _registry().is_count(unit)


def value_text(value, unit: str, lang: str, bound: str = "", digits: int | None = None) -> str:
    """A value in the page's display unit, without the unit: '约1000', '62.05', '166'; '–' if unknown.

    Counts are integers; other values keep up to two decimals, trailing zeros
    dropped (figures as published), or exactly *digits* decimals (model
    outputs); one more once scaled to billions. English uses thousands
    separators, Chinese does not. Tables and running text use this one
    function, so a page shows one amount one way.
    """
    if value is None or (isinstance(value, float) and value != value):
        return "–"
    _, factor = display_unit(unit, lang)
    value = float(value) * factor
    if digits is None:
        digits = 0 if is_count(unit) else 2 + (factor < 1)
        text = f"{round(value, digits):{',' if lang != 'zh' else ''}.{digits}f}"
        text = text.rstrip("0").rstrip(".") if "." in text else text
    else:
        digits = 0 if is_count(unit) else digits + (factor < 1)
        text = f"{value:{',' if lang != 'zh' else ''}.{digits}f}"
    return bound_label(bound, lang) + ("0" if text in ("-0", "") else text)


def amount(value, unit: str, lang: str, bound: str = "", digits: int | None = None) -> str:
    """A value with its unit for running text: '620.5亿元' / '62.05 bn yuan', '约1000亿元'."""
    number_text = value_text(value, unit, lang, bound, digits)
    label, factor = display_unit(unit, lang)
    if factor == 1.0 and not _registry().unit_name(unit, lang):
        label = ""                          # '2', not '2 number': a count's noun is the indicator's name
    if not label or label == "%":
        return f"{number_text}{label}"
    return t("fmt.amount", lang, value=number_text, unit=label)


def _param_text(value, lang: str) -> str:
    """A flag parameter as text: floats to one decimal, lists of years joined, a price basis in words."""
    if isinstance(value, float):
        return f"{value:.1f}"
    if isinstance(value, (list, tuple)):
        return t("sep.list", lang).join(str(v) for v in value)
    if value in ("current", "comparable"):
        return basis_label(value, lang)
    return str(value)
