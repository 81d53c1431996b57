"""Values the table implies but does not state, flagged as derived (or missing, with why)."""
from __future__ import annotations

import pandas as pd

from analysis.exceptions import PriceBasisError
from analysis.engine.growth import implied_previous_level


def implied_previous_levels(data: pd.DataFrame) -> pd.DataFrame:
    """For every one-year growth rate whose year has a level, the implied previous-year level.

    Returns one row per (district, indicator, year): ``value`` is NaN where the
    growth rate is real (comparable prices), with ``reason`` saying why;
    ``derived`` is True for every row (none of these are in the documents).

    >>> from analysis import load_indicators
    >>> implied_previous_levels(load_indicators()).query("indicator == 'retail_sales'")["value"].round(1).tolist()
    [200.2]
    """
    growth = data[(data["kind"] == "growth") & data["period_start"].isna()]
    levels = data[data["kind"] == "level"].set_index(["district", "indicator", "year"])["value"]
    rows = []
    for g in growth.itertuples():
        key = (g.district, g.indicator, g.year)
        if key not in levels.index or (g.district, g.indicator, g.year - 1) in levels.index:
            continue
        try:
            value, reason = implied_previous_level(levels[key], g.value, g.price_basis), ""
        except PriceBasisError:
            value = float("nan")
            reason = "growth is at comparable prices (real); a nominal level cannot be derived without a deflator"
        rows.append({"district": g.district, "indicator": g.indicator, "indicator_zh": g.indicator_zh,
                     "year": g.year - 1, "kind": "level", "value": value, "price_basis": "current",
                     "derived": True, "from": f"{g.year} level ÷ (1 + {g.year} growth)", "reason": reason})
    return pd.DataFrame(rows, columns=["district", "indicator", "indicator_zh", "year", "kind", "value",
                                       "price_basis", "derived", "from", "reason"])
