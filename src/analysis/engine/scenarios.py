"""A scenario grid: the level in the target year under real growth × price change.

When the spread of growth is assumed rather than estimated, one probability
says more than the data can; a grid of plain what-ifs says what it would
take. For a target at current prices (nominal), value = latest ×
((1 + r)(1 + p))^h; for a real or count target, prices do not enter.
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from analysis.engine.rules import met as level_met
from analysis.options import OPTIONS

REAL_GROWTH = (0.0, 2.5, 5.0, 6.5, 8.0, 10.0)
PRICE_CHANGE = OPTIONS.price_change


def scenario_grid(latest_value: float, latest_year: int, target_year: int, target_value: float, bound: str = "",
                  price_basis: str = "current", direction: str = "higher", real_growth=REAL_GROWTH,
                  price_change=PRICE_CHANGE) -> pd.DataFrame:
    """Levels in *target_year* (rows: real growth %, columns: price change %); ``.attrs['met']`` says which
    meet the target as :func:`analysis.engine.rules.met` reads it.

    >>> grid = scenario_grid(620.5, 2022, 2025, 1000, "~", real_growth=(5.0,), price_change=(2.0,))
    >>> round(float(grid.iloc[0, 0]), 1)     # 620.5 × (1.05 × 1.02)³
    762.3
    """
    h = target_year - latest_year
    real = np.asarray(real_growth, dtype=float)[:, None] / 100
    prices = np.asarray(price_change if price_basis == "current" else (0.0,), dtype=float)[None, :] / 100
    values = latest_value * ((1 + real) * (1 + prices)) ** h
    grid = pd.DataFrame(values, index=pd.Index(real_growth, name="real_growth_pct"),
                        columns=pd.Index(price_change if price_basis == "current" else (0.0,), name="price_change_pct"))
    met = level_met(values, target_value, np.full(values.shape, bound or ""), direction == "lower")
    grid.attrs["met"] = pd.DataFrame(met, index=grid.index, columns=grid.columns)
    grid.attrs.update(latest_year=latest_year, target_year=target_year, target_value=target_value, bound=bound)
    return grid
