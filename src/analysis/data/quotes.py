"""Does the quote show the value? The numbers a quote prints, with their magnitude and unit.

In: a row's value, unit, kind and quote (a sentence of the source). Out: ``None`` when the quote shows
the value (in digits, with 万/亿 magnitudes, grouped thousands or Chinese numerals), else the kind of
mismatch (``absent``, ``unit``, ``sign``). The validator applies it to every row of a table (and so
to every row ``merge`` adds).
"""
from __future__ import annotations

import functools
import math
import re

from analysis.data.schema import GROWTH_KINDS

_MAGNITUDE = {"万亿": 1e12, "千亿": 1e11, "百亿": 1e10, "亿": 1e8, "千万": 1e7, "百万": 1e6, "万": 1e4}
_MAG = "|".join(_MAGNITUDE)
_PLAIN = re.compile(rf"(?<![0-9.])(?P<sign>[-−](?=[0-9]))?(?P<num>[0-9]+(?:\.[0-9]+)?)(?P<mag>{_MAG})?")
_GROUPED = re.compile(rf"(?<![0-9.,])(?P<sign>[-−](?=[0-9]))?(?P<num>[0-9]{{1,3}}(?:,[0-9]{{3}})+(?:\.[0-9]+)?)"
                      rf"(?![0-9])(?P<mag>{_MAG})?")
_CHINESE = re.compile(r"(?P<num>[零〇一二两三四五六七八九十百千]+)(?P<mag>万亿|亿|万)?"
                      r"(?=[元人户家个项条所座张块亩栋部公里次名位台辆])")
_DECLINE = re.compile(r"(?:下降|减少|下滑|回落|降低|下跌|负增长|缩减)了?$")


# What may sit between a number (and its 万/亿) and its unit: 2.7万余户, 600多人, 4%左右.
_APPROX = re.compile(r"^(?:余|多|近|约)+")
# Units a quote prints after a number, by what they measure: a number followed by a unit of another
# kind than the row's is another quantity (2.5% is not 2.5 亿元; 5家 is not 5 亿元). 户 and 家 both
# count firms (227户 for 227 家).
_UNIT_KINDS = (("percent", ("%", "％", "个百分点", "百分点")), ("money", ("元", "美元")),
               ("people", ("人", "名", "位")),
               ("count", ("家", "户", "个", "项", "所", "座", "条", "张", "块", "栋", "部", "辆", "件", "套", "间", "处")),
               ("area", ("亩", "平方", "公顷")), ("length", ("公里", "千米", "米")), ("mass", ("吨",)),
               ("year", ("年",)), ("times", ("倍",)))
# Invisible formatting characters between a digit and the number: 7<U+200B>20.5 is not 20.5.
_JOINED = re.compile(r"[0-9][\u00ad\u200b-\u200f\u2060-\u206f\ufeff]+$")


def unit_kind(text: str) -> str | None:
    """What the unit at the start of *text* measures (``money``, ``percent``, ``count`` …), or None.

    >>> unit_kind("亿元"), unit_kind("%左右"), unit_kind("户以上"), unit_kind("台阶")
    ('money', 'percent', 'count', None)
    """
    text = _APPROX.sub("", text.lstrip(" \u00a0"))
    for prefix in sorted(_MAGNITUDE, key=len, reverse=True):
        if text.startswith(prefix) and len(text) > len(prefix):
            text = text[len(prefix):]
            break
    for kind, words in _UNIT_KINDS:
        if text.startswith(words):
            return kind
    return None


def unit_agrees(unit: str, after: str) -> bool:
    """Whether a number followed by *after* can be a figure in *unit*: no unit printed (a table
    cell), or one that measures the same thing.

    >>> unit_agrees("亿元", "%,同比"), unit_agrees("%", "%左右"), unit_agrees("亿元", "家"), unit_agrees("万户", "余户")
    (False, True, False, True)
    """
    printed = unit_kind(after)
    return printed is None or printed == unit_kind(unit)


@functools.lru_cache(maxsize=65536)
def quote_tokens(quote: str) -> tuple[tuple[float, float, bool, str], ...]:
    """Every whole number printed in *quote*: ``(number, magnitude, after a decline word, text after it)``.

    Arabic digits (with or without thousands separators, a sign) and Chinese
    numerals before a measure word; the magnitude is that of a following 万/亿;
    the text after is up to six characters following the number and its magnitude.
    A run of digits split by an invisible character or a space is not a whole number.

    >>> quote_tokens("完成141.1亿元,同比下降10.5%")
    ((141.1, 100000000.0, False, '元,同比下降'), (10.5, 1.0, True, '%'))
    """
    from analysis.data.numerals import chinese_numeral

    found = []
    for pattern in (_PLAIN, _GROUPED):
        for m in pattern.finditer(quote):
            if _JOINED.search(quote[max(0, m.start() - 8):m.start()]):
                continue
            number = float(m["num"].replace(",", "")) * (-1 if m["sign"] else 1)
            declined = bool(_DECLINE.search(quote[max(0, m.start() - 4):m.start()]))
            found.append((number, _MAGNITUDE.get(m["mag"], 1.0), declined, quote[m.end():m.end() + 6]))
    for m in _CHINESE.finditer(quote):
        declined = bool(_DECLINE.search(quote[max(0, m.start() - 4):m.start()]))
        found.append((float(chinese_numeral(m["num"])), _MAGNITUDE.get(m["mag"], 1.0), declined,
                      quote[m.end():m.end() + 6]))
    return tuple(dict.fromkeys(found))


def quote_numbers(quote: str) -> tuple[tuple[float, float, bool], ...]:
    """Every number printed in *quote*: ``(number, magnitude, after a decline word)``.

    >>> quote_numbers("固定资产投资实现141.1亿元,同比下降10.5%")
    ((141.1, 100000000.0, False), (10.5, 1.0, True))
    >>> quote_numbers("经济总量向千亿元规模迈进")
    ((1000.0, 100000000.0, False),)
    """
    return tuple(dict.fromkeys(t[:3] for t in quote_tokens(quote)))


@functools.lru_cache(maxsize=1024)
def unit_magnitude(unit: str) -> float:
    """10,000 for 万人/万元/万户, 100 million for 亿元, … ; 1 for other units."""
    for prefix, magnitude in _MAGNITUDE.items():
        if unit.startswith(prefix):
            return magnitude
    return 1.0


def _same(a: float, b: float) -> bool:
    return math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-12)


def value_in_quote(value: float, unit: str, kind: str, quote: str) -> str | None:
    """Why *quote* does not show *value*, or None when it does in an accepted form.

    Accepted: the number as printed (620.5 in 完成620.5亿元; 4 matches 4.0),
    with thousands separators (18830 in 18,830人), the absolute value of a
    decline printed after 下降/减少/… (-10.5 in 下降10.5%), the figure scaled
    to the unit by 万/亿 (6 万人 in 6万人, 60000 人 in 6万人), a Chinese numeral
    before a measure word (1000 亿元 in 千亿元, 2 万人 in 两万人), and 0 for 持平.
    The number must be a whole number of the quote (not part of a longer one, nor split from
    one by an invisible character) and what follows it must agree with *unit* (a percentage
    for %, neither a percentage nor another unit otherwise; :func:`unit_agrees`).
    Returns ``"absent"``, ``"sign"`` for a positive growth rate printed as a decline, or
    ``"unit"`` when the number is printed only as another quantity (2.5% for a level in 亿元).

    >>> value_in_quote(-10.5, "%", "growth", "同比下降10.5%") is None
    True
    >>> value_in_quote(720.5, "亿元", "level", "地区生产总值完成620.5亿元")
    'absent'
    """
    if value == 0 and "持平" in quote:
        return None
    own = unit_magnitude(unit)
    scaled = value * own
    sign_problem = unit_problem = False
    for number, magnitude, declined, after in quote_tokens(quote):
        shown = (_same(number, value) and magnitude in (1.0, own)) or _same(number * magnitude, scaled)
        negated = value < 0 and declined and ((_same(number, -value) and magnitude in (1.0, own))
                                              or _same(number * magnitude, -scaled))
        if not (shown or negated):
            continue
        if not unit_agrees(unit, after):
            unit_problem = True
            continue
        if shown and declined and value > 0 and kind in GROWTH_KINDS:
            sign_problem = True
            continue
        return None
    return "sign" if sign_problem else "unit" if unit_problem else "absent"

