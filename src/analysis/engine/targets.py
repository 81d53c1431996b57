"""The target model: what kind of target each row is, classified once.

A plan states targets in several ways, and each needs its own arithmetic
(``analysis.engine.assess``):

=================  ==========================================  ===========================
target_type        how the plan says it                        row in indicators.csv
=================  ==========================================  ===========================
level              到2025年达到227家 / 向千亿元迈进              target_level
ceiling            城镇登记失业率控制在4.0%以内                   target_level, bound ``<=``
floor              就业率不低于25%                               target_level of a rate, ``>=``
growth_average     “十四五”期间年均增长6.5%                      target_growth, period_start = first year
growth_annual      2023年地区生产总值增长6.5%左右                 target_growth, no period_start
cumulative         “十四五”期间累计培训3万人                      target_level, period_start = first year
share              第二产业占比达到55%                            target_level of a % without a bound
annual_task        （2022年）完成1000亩高标准农田建设              target_level, period_start = year
=================  ==========================================  ===========================

A ceiling or floor with ``period_start`` holds for every year from then on;
without it, in the target year only (before then it is read as a reduction or
growth target toward the bound). ``direction`` says which way is better: from
the bound when there is one, else from ``data/indicator_names.csv``.
Everything here is vectorised over all districts at once.

:data:`TYPES` is the one table of target types: ``gaps``, the reports and the
charts loop over it instead of keeping their own lists.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

RATE_UNITS = frozenset({"%", "‰"})


@dataclass(frozen=True)
class TargetType:
    """What the engine and the pages need to know about one kind of target.

    ``assess``: which assessment in :mod:`analysis.engine.assess` measures it; ``scale``: how 'met' and
    the final grade measure the distance to the target (``relative`` share of it, ``points`` for
    rates); ``annual``: a one-year target listed beside the plan's own; ``chartable``: the path chart
    applies; ``order``: its place on a page (levels first); ``message``: the catalogue key of its headline.
    """
    key: str
    assess: str
    scale: str
    annual: bool
    chartable: bool
    order: int
    message: str


TYPES = {t.key: t for t in (
    TargetType("level", "levels", "relative", False, True, 0, "msg.level"),
    TargetType("ceiling", "bounds", "relative", False, False, 1, "msg.ceiling"),
    TargetType("floor", "bounds", "relative", False, False, 2, "msg.ceiling"),
    TargetType("share", "levels", "relative", False, True, 3, "msg.level"),
    TargetType("growth_average", "average", "points", False, False, 4, "msg.growth_average"),
    TargetType("cumulative", "cumulative", "relative", False, False, 5, "msg.cumulative"),
    TargetType("growth_annual", "annual", "points", True, False, 6, "msg.growth_annual"),
    TargetType("annual_task", "cumulative", "relative", True, False, 7, "msg.annual_task"),
)}
TARGET_TYPES = tuple(TYPES)
ANNUAL_TYPES = tuple(k for k, t in TYPES.items() if t.annual)
QUALIFIERS = ("binding", "expected", "aspiration", "forecast", "directional")
from analysis.data.namefiles import ATTRIBUTE_QUALIFIER  # noqa: E402  (属性 → qualifier, a data vocabulary)


def qualifiers(rows: pd.DataFrame, attributes: dict[str, str]) -> pd.Series:
    """How each target is meant (the ``qualifier`` column, else the indicator's 属性 in
    data/indicator_names.csv: 约束性 → binding, 预期性 → expected; None when neither says)."""
    given = (rows["qualifier"].astype(object).where(rows["qualifier"].notna(), "") if "qualifier" in rows
             else pd.Series("", index=rows.index))   # an all-empty column reads as float: no str fill on it
    default = rows["indicator"].map(lambda i: ATTRIBUTE_QUALIFIER.get(attributes.get(i, ""), None))
    return given.where(given.ne(""), default).astype(object).where(lambda s: s.notna() & s.ne(""), None)


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
    >>> rows = pd.DataFrame({"indicator": ["u", "g", "f"], "kind": ["target_level", "target_growth", "target_level"],
    ...                      "unit": ["%", "%", "亩"], "bound": ["<=", "~", ""], "period_start": [2021, 2021, 2022],
    ...                      "year": [2025, 2025, 2022]})
    >>> classify(rows, {"u": "lower"})[["target_type", "direction"]].values.tolist()
    [['ceiling', 'lower'], ['growth_average', 'higher'], ['annual_task', 'higher']]
    """
    out = targets.copy()
    growth = out["kind"].eq("target_growth")
    has_period = out["period_start"].notna().to_numpy()
    one_year = (out["period_start"].astype("Float64") == out["year"]).fillna(False).to_numpy(dtype=bool)
    rate = out["unit"].isin(RATE_UNITS)
    bound = out["bound"].fillna("")
    conditions = [
        growth & has_period,
        growth,
        bound.eq("<="),
        bound.eq(">=") & rate,
        one_year,
        has_period,
        rate,
    ]
    choices = ["growth_average", "growth_annual", "ceiling", "floor", "annual_task", "cumulative", "share"]
    out["target_type"] = np.select(conditions, choices, default="level")
    registry_direction = out["indicator"].map(directions).fillna("higher")
    out["direction"] = np.where(bound.eq("<="), "lower", np.where(bound.eq(">="), "higher", registry_direction))
    # a ceiling is "lower is better" by definition, a floor "higher"
    out.loc[out["target_type"].eq("ceiling"), "direction"] = "lower"
    out.loc[out["target_type"].eq("floor"), "direction"] = "higher"
    return out


def select(data: pd.DataFrame, target_year: int, plan_first_year: int) -> pd.DataFrame:
    """The targets one assessment covers: every target due in *target_year*, plus the plan's one-year
    targets (the 2023 annual growth targets, 杏花岭区's 2022 tasks), which the reports list too."""
    is_target = data["kind"].isin(("target_level", "target_growth"))
    due = data["year"].eq(target_year)
    one_year = (data["kind"].eq("target_growth") & data["period_start"].isna()) | \
        (data["kind"].eq("target_level") & (data["period_start"].astype("Float64") == data["year"]).fillna(False))
    annual = one_year & data["year"].between(plan_first_year, target_year - 1)
    return data[is_target & (due | annual)]
