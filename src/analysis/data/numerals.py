"""Numbers as official documents write them: '620.5', '2.7万', '千亿'."""
from __future__ import annotations

import re

_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_UNITS = {"十": 10, "百": 100, "千": 1000}
ARABIC = re.compile(r"\d+(?:\.\d+)?")
# A Chinese numeral directly before a magnitude or measure word, e.g. 千亿元, 三个.
CHINESE = re.compile(r"([零〇一二两三四五六七八九十百千]+)(?=[亿万个家项条所座张元人])")


def chinese_numeral(text: str) -> int:
    """Value of a simple Chinese numeral below 10,000: '千' → 1000, '二十五' → 25."""
    total, digit = 0, None
    for ch in text:
        if ch in _DIGITS:
            digit = _DIGITS[ch]
        else:
            total += (1 if digit is None else digit) * _UNITS[ch]
            digit = None
    return total + (digit or 0)


def numbers_in(text: str) -> list[float]:
    """Every number written in *text*, Arabic or Chinese.

    >>> numbers_in("经济总量向千亿元规模迈进")
    [1000.0]
    >>> numbers_in("同比下降10.5%")
    [10.5]
    """
    found = [float(m) for m in ARABIC.findall(text)]
    found += [float(chinese_numeral(m)) for m in CHINESE.findall(text)]
    return found
