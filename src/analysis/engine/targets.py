"""The target model: what kind of target each row is, classified once.

A plan states targets in several ways, and each needs its own arithmetic
(``analysis.engine.assess``):

=================  ==========================================  ===========================
target_type        how the plan says it                        row in indicators.csv
=================  ==========================================  ===========================
level              到2025年达到227家 / 向千亿元迈进              target_level
ceiling            城镇登记失业率控制在4.0%以内                   target_level, bound ``<=``
floor              就业率不低于25%                               target_level of a rate, ``>=``
growth_average     “十四五”期间年均增长6.5%                      target_growth, period_start = base year
growth_annual      2023年地区生产总值增长6.5%左右                 target_growth, no period_start
cumulative         “十四五”期间累计培训3万人                      target_level, period_start = first year
share              第二产业占比达到55%                            target_level of a % without a bound
=================  ==========================================  ===========================

A ceiling or floor with ``period_start`` holds for every year from then on;
without it, in the target year. ``direction`` says which way is better: from
the bound when there is one, else from ``data/indicator_names.csv``.
Everything here is vectorised over all districts at once.
"""
from __future__ import annotations

import numpy as np
import pandas as pd

TARGET_TYPES = ("level", "ceiling", "floor", "growth_average", "growth_annual", "cumulative", "share")
RATE_UNITS = frozenset({"%", "‰"})


def classify(targets: pd.DataFrame, directions: dict[str, str]) -> pd.DataFrame:
    """Add ``target_type`` and ``direction`` to target rows (kinds target_level / target_growth).

    Parameters
    ----------
    targets : DataFrame
        Rows of the indicator table whose kind starts with ``target_``.
    directions : dict
        indicator id → ``higher`` or ``lower`` (is better), from the registry.

    Examples
    --------
    >>> rows = pd.DataFrame({"indicator": ["u", "g"], "kind": ["target_level", "target_growth"],
    ...                      "unit": ["%", "%"], "bound": ["<=", "~"], "period_start": [2021, 2020]})
    >>> classify(rows, {"u": "lower"})[["target_type", "direction"]].values.tolist()
    [['ceiling', 'lower'], ['growth_average', 'higher']]
    """
    out = targets.copy()
    growth = out["kind"].eq("target_growth")
    has_period = out["period_start"].notna().to_numpy()
    rate = out["unit"].isin(RATE_UNITS)
    bound = out["bound"].fillna("")
    conditions = [
        growth & has_period,
        growth,
        bound.eq("<="),
        bound.eq(">=") & rate,
        has_period,
        rate,
    ]
    choices = ["growth_average", "growth_annual", "ceiling", "floor", "cumulative", "share"]
    out["target_type"] = np.select(conditions, choices, default="level")
    registry_direction = out["indicator"].map(directions).fillna("higher")
    out["direction"] = np.where(bound.eq("<="), "lower", np.where(bound.eq(">="), "higher", registry_direction))
    # a ceiling is "lower is better" by definition, a floor "higher"
    out.loc[out["target_type"].eq("ceiling"), "direction"] = "lower"
    out.loc[out["target_type"].eq("floor"), "direction"] = "higher"
    return out


def select(data: pd.DataFrame, target_year: int, plan_first_year: int) -> pd.DataFrame:
    """The targets one assessment covers: every target due in *target_year*, plus the plan's annual
    growth targets (e.g. the 2023 annual plan inside the 14th plan), which the reports list too."""
    is_target = data["kind"].isin(("target_level", "target_growth"))
    due = data["year"].eq(target_year)
    annual = data["kind"].eq("target_growth") & data["period_start"].isna() \
        & data["year"].between(plan_first_year, target_year - 1)
    return data[is_target & (due | annual)]
