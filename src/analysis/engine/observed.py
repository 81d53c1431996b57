"""What has been observed for each target: matched rows, in the target's unit and price basis.

Joins the classified targets (one row each, with a ``tid``) to the actual rows
of the table (levels, shares, annual growth rates, one-year flows), keeps
what lies inside the assessment window and converts units through
``data/units.csv`` (6 万人 and 18830 人 are one quantity). Vectorised: one
merge per kind of observation for every district at once.
"""
from __future__ import annotations

import numpy as np
import pandas as pd

KEYS = ["district", "indicator"]


def _unit_factors(registry) -> tuple[dict, dict]:
    base = {u.unit: u.base_unit for u in registry.units.values()}
    factor = {u.unit: u.factor for u in registry.units.values()}
    return base, factor


def convert_units(frame: pd.DataFrame, registry, unit_col: str = "unit", to_col: str = "target_unit") -> pd.DataFrame:
    """Rows whose unit converts to the target's unit, with ``value`` in the target's unit."""
    if frame.empty:
        return frame
    base, factor = _unit_factors(registry)
    same = frame[unit_col].eq(frame[to_col])
    from_base, to_base = frame[unit_col].map(base), frame[to_col].map(base)
    convertible = same | (from_base.notna() & from_base.eq(to_base))
    frame = frame[convertible].copy()
    scale = frame[unit_col].map(factor) / frame[to_col].map(factor)
    frame["value"] = np.where(frame[unit_col].eq(frame[to_col]), frame["value"], frame["value"] * scale)
    frame["converted"] = ~frame[unit_col].eq(frame[to_col])
    return frame


def match(targets: pd.DataFrame, data: pd.DataFrame, kinds, registry, same_basis: bool = True,
          annual_only: bool = False) -> pd.DataFrame:
    """Observed rows of *kinds* for each target (columns tid, year, value, unit, converted), up to its year."""
    rows = data[data["kind"].isin(kinds)]
    if annual_only:
        rows = rows[rows["period_start"].isna()]
    cols = KEYS + (["price_basis"] if same_basis else []) + ["year", "value", "unit", "period_start"]
    left = targets.rename_axis("tid").reset_index()[["tid", *KEYS, "price_basis", "year", "unit"]].rename(
        columns={"year": "target_year", "unit": "target_unit"})
    merged = left.merge(rows[cols], on=KEYS + (["price_basis"] if same_basis else []), how="inner")
    merged = merged[merged["year"] <= merged["target_year"]]
    return convert_units(merged, registry).sort_values(["tid", "year"], kind="stable")


def base_and_latest(obs: pd.DataFrame, base_year: int) -> pd.DataFrame:
    """Per target: base (the last observation at or before *base_year*, else the first) and latest observation."""
    if obs.empty:
        return pd.DataFrame(columns=["base_year", "base_value", "latest_year", "latest_value", "n_obs"])
    grouped = obs.groupby("tid")
    first = grouped[["year", "value"]].first()
    last = grouped[["year", "value"]].last()
    before = obs[obs["year"] <= base_year].groupby("tid")[["year", "value"]].last()
    base = before.reindex(first.index).combine_first(first)
    out = pd.DataFrame({"base_year": base["year"], "base_value": base["value"],
                        "latest_year": last["year"], "latest_value": last["value"], "n_obs": grouped.size()})
    return out


def contiguous_prefix(obs: pd.DataFrame, start: pd.Series) -> tuple[pd.DataFrame, pd.Series]:
    """Rows forming an unbroken run of years from ``start[tid]`` on, and the first missing year
    where later rows exist (NaN when none is missing)."""
    if obs.empty:
        return obs, pd.Series(dtype=float)
    obs = obs.drop_duplicates(["tid", "year"], keep="last")
    expected = obs["tid"].map(start) + obs.groupby("tid").cumcount()
    in_run = obs["year"].eq(expected).astype(int).groupby(obs["tid"]).cummin().astype(bool)
    run = obs[in_run]
    after_gap = obs[~in_run]
    first_missing = expected[~in_run].groupby(after_gap["tid"]).first()
    return run, first_missing


def annual_log_rates(targets: pd.DataFrame, data: pd.DataFrame, registry) -> pd.DataFrame:
    """Observed annual log growth per target on its price basis: annual growth rows, else
    consecutive-year levels (tid, year, log_rate)."""
    growth = match(targets, data, ["growth"], registry, annual_only=True)
    growth = growth.assign(log_rate=np.log1p(growth["value"] / 100.0))[["tid", "year", "log_rate"]]
    # levels are in the indicator's own unit (亿元), a growth target's in %: match on the level unit
    level_unit = {i.indicator: i.unit for i in registry.indicators.values()}
    nominal = targets[targets["price_basis"].ne("comparable")]
    nominal = nominal.assign(unit=nominal["indicator"].map(level_unit).fillna(nominal["unit"]))
    levels = match(nominal, data, ["level"], registry)
    levels = levels.assign(prev_year=levels.groupby("tid")["year"].shift(), prev=levels.groupby("tid")["value"].shift())
    levels = levels[levels["year"].sub(levels["prev_year"]).eq(1) & (levels["prev"] > 0) & (levels["value"] > 0)]
    levels = levels.assign(log_rate=np.log(levels["value"] / levels["prev"]))[["tid", "year", "log_rate"]]
    both = pd.concat([growth, levels], ignore_index=True)
    return both.drop_duplicates(["tid", "year"], keep="first")
