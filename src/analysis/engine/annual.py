"""Annual plan targets against last year's actual: the acceleration a year's plan asks for.

Each spring the execution report sets next year's targets (地区生产总值增长6.5%左右)
beside last year's actuals. For every such target this lists the actual it
follows, the acceleration it needs in percentage points, the 两年平均增速
(geometric mean of the last two years' growth) where it can be computed, and
the target year's actual, once published, graded as a final assessment
(:func:`analysis.engine.rules.final_grade`). Without it the target is
``pending`` until the figure is due (:mod:`analysis.engine.timeline`) and
``not_entered`` after. Listed whether or not the plan also has a target for its final year.
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from analysis.data.schema import estimated
from analysis.engine import rules, timeline

COLUMNS = ["district", "indicator", "indicator_zh", "year", "target", "bound", "price_basis", "last_year",
           "last_actual", "acceleration_pp", "two_year_average", "two_year_basis", "actual", "actual_bound",
           "actual_estimate", "status"]


def two_year_average(rows: pd.DataFrame, year: int, basis: str) -> float:
    """两年平均增速 into *year*, percent: √((1+g₁)(1+g₂)) − 1 from the two annual rates on *basis*,
    or, for nominal series, from the levels two years apart. NaN when neither is known.

    >>> rows = pd.DataFrame({"kind": ["level", "level"], "year": [2020, 2022], "value": [183.2, 205.2],
    ...                      "price_basis": ["current", "current"], "period_start": [pd.NA, pd.NA]})
    >>> round(float(two_year_average(rows, 2022, "current")), 2)
    5.83
    """
    annual = rows[(rows["kind"] == "growth") & rows["period_start"].isna() & (rows["price_basis"] == basis)]
    rates = annual.set_index("year")["value"]
    if year in rates.index and year - 1 in rates.index:
        return (np.sqrt((1 + rates[year] / 100) * (1 + rates[year - 1] / 100)) - 1) * 100
    if basis == "current":
        levels = rows[(rows["kind"] == "level") & (rows["price_basis"] == "current")].set_index("year")["value"]
        if year in levels.index and year - 2 in levels.index and levels[year - 2] > 0:
            return (np.sqrt(levels[year] / levels[year - 2]) - 1) * 100
    return np.nan


def annual_targets(data: pd.DataFrame, district: str | None = None, as_of=None, due=timeline.DEFAULT_DUE) -> pd.DataFrame:
    """One row per annual growth target (kind target_growth without period_start); see the module text.
    *as_of*: the assessment date (default today); *due*: (month, day) of the next year by which a
    year's figures are published."""
    as_of = timeline.as_of_date(as_of)
    rows = data if district is None else data[data["district"] == district]
    targets = rows[(rows["kind"] == "target_growth") & rows["period_start"].isna()]
    out = []
    for key, group in rows[rows["indicator"].isin(targets["indicator"])].groupby(["district", "indicator"], sort=False):
        annual = group[(group["kind"] == "growth") & group["period_start"].isna()]
        for t in targets[(targets["district"] == key[0]) & (targets["indicator"] == key[1])].itertuples():
            rows_same = annual[annual["price_basis"] == t.price_basis].set_index("year")
            same = rows_same["value"]
            last = same[same.index < t.year]
            last_year = int(last.index.max()) if not last.empty else None
            last_actual = float(last[last_year]) if last_year else np.nan
            actual = float(same[t.year]) if t.year in same.index else np.nan
            # the year's figure as the source gives it: only a bound (增长8%以上), an estimate (预计)
            year_rows = rows_same.loc[[t.year]] if t.year in same.index else rows_same.iloc[:0]
            actual_bound = next((b for b in year_rows["bound"] if isinstance(b, str) and b), "")
            actual_estimate = bool(estimated(year_rows).any())
            if np.isnan(actual):
                status = "not_entered" if timeline.is_due(t.year, as_of, due) else "pending"
            else:
                status = str(rules.final_grade([actual], [t.value], [t.bound or ""], [t.bound == "<="], "points")[0])
                if rules.undecided_by_bound(status, actual_bound, "lower" if t.bound == "<=" else "higher"):
                    status = "insufficient_data"
            average = two_year_average(group, last_year, t.price_basis) if last_year else np.nan
            out.append({"district": t.district, "indicator": t.indicator, "indicator_zh": t.indicator_zh,
                        "year": int(t.year), "target": float(t.value), "bound": t.bound, "price_basis": t.price_basis,
                        "last_year": last_year, "last_actual": last_actual, "acceleration_pp": t.value - last_actual,
                        "two_year_average": average, "two_year_basis": t.price_basis if np.isfinite(average) else "",
                        "actual": actual, "actual_bound": actual_bound, "actual_estimate": actual_estimate,
                        "status": status})
    frame = pd.DataFrame(out, columns=COLUMNS)
    frame["last_year"] = frame["last_year"].astype("Int64")
    return frame
