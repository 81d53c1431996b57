"""Bound-aware 'met' for single values, and the annual-target scorecard.

The status of plan targets (one vocabulary of keys: achieved, ahead,
on_track, behind, off_track, breached, not_achieved, insufficient_data,
pending) is decided in :mod:`analysis.engine.assess`; its words, in the Chinese
schedule reading and the Eurostat/UN SDG-style classes, come from
:mod:`analysis.i18n` (README, "Methods and assumptions").
"""
from __future__ import annotations

import math

import pandas as pd

from analysis.engine.probability import APPROX_TOLERANCE, APPROX_TOLERANCE_PP


def direction(base_value: float | None, target_value: float, bound: str) -> int:
    """+1 when more is better (growth targets, '>='), −1 when less is better ('<=' or a falling target)."""
    if bound == "<=":
        return -1
    if bound != ">=" and base_value is not None and not math.isnan(base_value) and target_value < base_value:
        return -1
    return 1


def target_met(value: float, target_value: float, bound: str, base_value: float | None = None,
               tolerance: float = APPROX_TOLERANCE, tolerance_pp: float | None = None) -> bool:
    """Whether *value* satisfies the target given its bound.

    ``<=`` is met at or below the target; ``>=`` and exact targets of a rising
    series at or above it; ``~`` within ``tolerance`` (share of the target) short
    of it, or within ``tolerance_pp`` points when given (for growth rates).

    >>> target_met(3.8, 4.0, "<=")
    True
    >>> target_met(960, 1000, "~")
    True
    """
    sign = direction(base_value, target_value, bound)
    slack = 0.0
    if bound == "~":
        slack = tolerance_pp if tolerance_pp is not None else abs(target_value) * tolerance
    return sign * (value - target_value) >= -slack - 1e-12


def scorecard(data: pd.DataFrame, district: str | None = None) -> pd.DataFrame:
    """Annual targets against actual growth, per (district, indicator, year, price basis).

    A target whose actual is not yet in the table is ``pending``, not a failure.
    """
    rows = data if district is None else data[data["district"] == district]
    targets = rows[rows["kind"] == "target_growth"]
    actual = rows[(rows["kind"] == "growth") & rows["period_start"].isna()]
    actual = actual.set_index(["district", "indicator", "year", "price_basis"])["value"]
    out = []
    for t in targets.itertuples():
        key = (t.district, t.indicator, t.year, t.price_basis)
        value = actual.get(key, math.nan)
        pending = math.isnan(value)
        met = None if pending else target_met(value, t.value, t.bound, tolerance_pp=APPROX_TOLERANCE_PP)
        out.append({
            "district": t.district, "indicator": t.indicator, "indicator_zh": t.indicator_zh, "year": t.year,
            "price_basis": t.price_basis, "target": t.value, "bound": t.bound, "actual": value,
            "diff_pp": math.nan if pending else value - t.value,
            "met": met, "status": "pending" if pending else ("achieved" if met else "not_achieved"),
        })
    columns = ["district", "indicator", "indicator_zh", "year", "price_basis", "target", "bound", "actual",
               "diff_pp", "met", "status"]
    return pd.DataFrame(out, columns=columns)
