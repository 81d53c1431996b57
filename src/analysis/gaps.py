"""The gap table: for each target, where we are, what growth it now takes, how likely it is.

Combines the pure pieces (growth, progress, prices, projection) into one
record per (district, indicator) with a target in the target year. Field
names are the JSON keys of ``python -m analysis gaps --format json``.
"""
from __future__ import annotations

import math

import pandas as pd

from .config import PLAN_BASE_YEAR, PLAN_TARGET_YEAR
from .exceptions import InsufficientDataError, UnknownSeriesError
from .growth import cagr, progress_linear, progress_log, required_growth, time_elapsed
from .prices import series_break_flags
from .progress import (STATUS_EN, STATUS_ZH, RatioThresholds, ScheduleThresholds, classify_ratio,
                       classify_schedule, target_met)
from .projection import DriftModel, simulate_target

FIELDS = ["district", "indicator", "indicator_zh", "base_year", "base_value", "latest_year", "latest_value",
          "target_year", "target_value", "bound", "cagr_observed", "cagr_required", "gap_pp", "tau",
          "progress_linear", "progress_log", "ratio_r", "status_en", "status_zh", "projected_value",
          "probability", "flags"]
NAN = math.nan


def _observed_levels(rows: pd.DataFrame, basis: str, target_year: int) -> pd.Series:
    levels = rows[(rows["kind"] == "level") & (rows["price_basis"] == basis) & (rows["year"] <= target_year)]
    return levels.set_index("year")["value"].sort_index()


def gap_record(rows: pd.DataFrame, target: pd.Series, base_year: int = PLAN_BASE_YEAR,
               ratio_thresholds: RatioThresholds = RatioThresholds(),
               schedule_thresholds: ScheduleThresholds = ScheduleThresholds(),
               sigma_pp: float | None = None, n_paths: int = 100_000, seed: int = 20210101,
               target_value: float | None = None) -> dict:
    """One gap record for the target row *target* given all rows of its (district, indicator)."""
    tv = float(target["value"] if target_value is None else target_value)
    ty, bound = int(target["year"]), target["bound"]
    rec = dict.fromkeys(FIELDS, NAN) | {
        "district": target["district"], "indicator": target["indicator"], "indicator_zh": target["indicator_zh"],
        "target_year": ty, "target_value": tv, "bound": bound, "base_year": None, "latest_year": None,
        "status_en": STATUS_EN["no_data"], "status_zh": STATUS_ZH["no_data"], "flags": []}
    flags = rec["flags"]
    if target_value is not None:
        flags.append(f"target overridden by the analyst: {tv:g} instead of {target['value']:g}")
    elif "override" in str(target.get("note", "")):
        flags.append("aspiration target read from the plan's wording; an analyst may override it")
    if not pd.isna(target.get("period_start")):
        flags.append(f"target is a total over {int(target['period_start'])}-{ty}; no observed totals to compare")
        return rec
    levels = _observed_levels(rows, target["price_basis"], ty)
    if levels.empty:
        flags.append("no observed level yet")
        return rec
    at_or_before = levels[levels.index <= base_year]
    by = int(at_or_before.index[-1] if not at_or_before.empty else levels.index[0])
    if by != base_year:
        flags.append(f"base year {by}: no observation for {base_year}")
    bv, ly, lv = float(levels[by]), int(levels.index[-1]), float(levels.iloc[-1])
    rec |= {"base_year": by, "base_value": bv, "latest_year": ly, "latest_value": lv}
    reached = target_met(lv, tv, bound, bv)
    rec["tau"] = time_elapsed(ly, base_year, ty)
    rec["progress_linear"] = progress_linear(bv, lv, tv)
    rec["progress_log"] = progress_log(bv, lv, tv)
    if ly < ty:
        rec["cagr_required"] = required_growth(lv, ly, tv, ty)
    if ly > by:
        rec["cagr_observed"] = cagr(bv, lv, ly - by)
        plan_rate = cagr(bv, tv, ty - by)
        rec["ratio_r"] = rec["cagr_observed"] / plan_rate if plan_rate else NAN
        if not math.isnan(rec["cagr_required"]):
            rec["gap_pp"] = rec["cagr_observed"] - rec["cagr_required"]
    else:
        flags.append("no observation after the base year: growth and progress cannot be measured yet")
    progress = rec["progress_log"] if not math.isnan(rec["progress_log"]) else rec["progress_linear"]
    if ly == by and not reached:
        progress = NAN
    rec["status_en"] = STATUS_EN["reached" if reached else classify_ratio(rec["ratio_r"], ratio_thresholds)]
    rec["status_zh"] = STATUS_ZH[classify_schedule(progress, rec["tau"], reached, schedule_thresholds)]
    if ly > by and ly < ty:
        drift = DriftModel(levels.loc[by:], base_year=by, sigma_pp=sigma_pp).fit(until_year=ty)
        rec["projected_value"] = float(drift.forecast(ty).loc[ty])
        sigma = sigma_pp if sigma_pp is not None else drift.sigma_log * 100
        mc = simulate_target(lv, ly, ty, rec["cagr_observed"], sigma, tv, bound, bv, n_paths=n_paths, seed=seed)
        rec["probability"] = mc.probability * 100
    elif reached:
        rec["probability"] = 100.0
    flags.extend(series_break_flags(rows, target["district"], target["indicator"]))
    return rec


def gap_table(data: pd.DataFrame, district: str | None = None, target_year: int = PLAN_TARGET_YEAR,
              indicators=None, target_overrides: dict | None = None, **options) -> pd.DataFrame:
    """Gap records for every target level in *target_year* (optionally one district / some indicators).

    Parameters
    ----------
    data : DataFrame
        A loaded indicator table.
    target_overrides : dict, optional
        ``{indicator: value}`` replacing a target (e.g. the GDP aspiration).
    **options
        Passed to :func:`gap_record` (thresholds, sigma_pp, n_paths, seed).
    """
    if district is not None and district not in set(data["district"]):
        raise UnknownSeriesError(f"unknown district '{district}'; accepted: {', '.join(sorted(set(data['district'])))}")
    targets = data[(data["kind"] == "target_level") & (data["year"] == target_year)]
    if district is not None:
        targets = targets[targets["district"] == district]
    if indicators is not None:
        targets = targets[targets["indicator"].isin(list(indicators))]
    overrides = target_overrides or {}
    records = []
    for _, target in targets.iterrows():
        rows = data[(data["district"] == target["district"]) & (data["indicator"] == target["indicator"])]
        try:
            records.append(gap_record(rows, target, target_value=overrides.get(target["indicator"]), **options))
        except InsufficientDataError as exc:
            records.append(dict.fromkeys(FIELDS, NAN) | {k: target[k] for k in ("district", "indicator", "indicator_zh", "bound")}
                           | {"target_year": target_year, "target_value": target["value"],
                              "status_en": STATUS_EN["no_data"], "status_zh": STATUS_ZH["no_data"], "flags": [str(exc)]})
    table = pd.DataFrame(records, columns=FIELDS)
    for column in ("base_year", "latest_year", "target_year"):
        table[column] = table[column].astype("Int64")
    return table


def to_records(table: pd.DataFrame) -> list[dict]:
    """JSON-ready records: NaN → None, numpy scalars → Python numbers."""
    out = []
    for rec in table.to_dict(orient="records"):
        clean = {}
        for key, value in rec.items():
            if value is pd.NA or (isinstance(value, float) and math.isnan(value)):
                value = None
            elif hasattr(value, "item"):
                value = value.item()
            clean[key] = value
        out.append(clean)
    return out
