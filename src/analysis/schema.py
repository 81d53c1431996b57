"""What a valid indicator table looks like: columns, vocabularies, rules.

Kept apart from the loader so the extractor (``analysis extract``) and the
merger share one definition of a row.
"""
from __future__ import annotations

import re

from .config import YEAR_RANGE

COLUMNS = [
    "district", "indicator", "indicator_zh", "year", "kind", "value", "unit",
    "price_basis", "bound", "period_start", "source", "quote", "note",
]

KINDS = {
    "level": "value at the end of the year",
    "growth": "% change on the previous year (or average annual % over period_start..year)",
    "target_level": "target value for the year (a total over period_start..year when period_start is set)",
    "target_growth": "target % change on the previous year",
    "cumulative": "sum over period_start..year",
    "share": "% of a whole",
}
PRICE_BASES = {"": "does not apply", "current": "nominal, current prices", "comparable": "real, comparable prices"}
BOUNDS = {"": "exact", ">=": "at least (以上/不低于)", "<=": "at most (以内/控制在)", "~": "approximately (左右)"}

# Kinds whose value is an amount or a count: negative values are errors and
# all rows of one indicator must share one unit.
AMOUNT_KINDS = frozenset({"level", "target_level", "cumulative"})
# Kinds whose value is a percentage.
PERCENT_KINDS = frozenset({"growth", "target_growth", "share"})
GROWTH_KINDS = frozenset({"growth", "target_growth"})

KEY = ["district", "indicator", "year", "kind", "price_basis", "period_start"]
REQUIRED_TEXT = ["district", "indicator", "indicator_zh", "unit", "source", "quote"]
INDICATOR_ID = re.compile(r"^[a-z][a-z0-9_]*$")


def accepted(vocabulary: dict) -> str:
    """'a, b or empty' for error messages."""
    names = [k for k in vocabulary if k]
    text = ", ".join(names)
    return text + " or empty" if "" in vocabulary else text


def parse_year(text: str) -> int | None:
    """The year in *text* if it is an integer within YEAR_RANGE, else None."""
    try:
        year = int(text)
    except (TypeError, ValueError):
        return None
    return year if YEAR_RANGE[0] <= year <= YEAR_RANGE[1] else None


def parse_finite(text: str) -> float | None:
    """*text* as a finite float, else None (rejects 'nan', 'inf', '1,000', '5%')."""
    import math

    try:
        value = float(text)
    except (TypeError, ValueError):
        return None
    return value if math.isfinite(value) else None
