"""Progress against targets: classification, bound-aware 'met', annual scorecard.

Two established readings of the same numbers:

* Eurostat / UN SDG style, from R = observed CAGR / CAGR required over the
  whole plan (base year → target year): on track, moderate progress,
  insufficient progress, moving away.
* Chinese mid-term evaluation style (时序进度 vs 任务进度), from task
  progress P minus elapsed plan time τ: 提前实现, 快于预期, 基本符合预期, 滞后于预期.
"""
from __future__ import annotations

import math
from dataclasses import dataclass

import pandas as pd

# Tolerance for '~' (左右 / aspiration) targets: a level is met within 5 % of
# the target; a growth rate ("增长6.5%左右") within 0.5 percentage points.
APPROX_TOLERANCE = 0.05
APPROX_TOLERANCE_PP = 0.5


@dataclass(frozen=True)
class RatioThresholds:
    """Eurostat SDG thresholds on R = observed / required growth."""
    on_track: float = 0.95
    moderate: float = 0.60
    insufficient: float = 0.0


@dataclass(frozen=True)
class ScheduleThresholds:
    """Band in percentage points around time elapsed within which progress is 'as expected'."""
    band_pp: float = 5.0


STATUS_EN = {
    "reached": "target reached", "on_track": "on track", "moderate": "moderate progress",
    "insufficient": "insufficient progress", "away": "moving away", "no_data": "insufficient data",
    "pending": "pending",
}
STATUS_ZH = {
    "reached": "提前实现", "ahead": "快于预期", "as_expected": "基本符合预期", "behind": "滞后于预期",
    "no_data": "数据不足", "pending": "待公布",
}


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


def classify_ratio(ratio: float, thresholds: RatioThresholds = RatioThresholds()) -> str:
    """Eurostat category key for R (see STATUS_EN)."""
    if ratio is None or math.isnan(ratio):
        return "no_data"
    if ratio >= thresholds.on_track:
        return "on_track"
    if ratio >= thresholds.moderate:
        return "moderate"
    if ratio >= thresholds.insufficient:
        return "insufficient"
    return "away"


def classify_schedule(progress_pct: float, tau_pct: float, reached: bool = False,
                      thresholds: ScheduleThresholds = ScheduleThresholds()) -> str:
    """Chinese category key from task progress P and elapsed time τ (both percent; see STATUS_ZH)."""
    if reached:
        return "reached"
    if progress_pct is None or math.isnan(progress_pct):
        return "no_data"
    diff = progress_pct - tau_pct
    if diff >= thresholds.band_pp:
        return "ahead"
    if diff <= -thresholds.band_pp:
        return "behind"
    return "as_expected"


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
            "met": met, "status": "pending" if pending else ("met" if met else "not met"),
        })
    columns = ["district", "indicator", "indicator_zh", "year", "price_basis", "target", "bound", "actual",
               "diff_pp", "met", "status"]
    return pd.DataFrame(out, columns=columns)
