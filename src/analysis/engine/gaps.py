"""The gap table: for every target, where we are, what it now takes, how likely it is.

One record per target of every type (see :mod:`analysis.engine.targets`), with the
arithmetic of :mod:`analysis.engine.assess`, the closed-form probability of
:mod:`analysis.engine.probability`, and flags as codes with parameters. Field names
are the JSON keys of ``python -m analysis gaps --format json`` (README, "The
gap table"). Vectorised across districts: the whole country costs a few
merges, not a loop of per-target DataFrame filters.
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from analysis.engine import assess, rules, targets, timeline
from analysis.exceptions import UnknownSeriesError
from analysis.i18n import status_label
from analysis.engine.prices import series_break_flags, series_break_table
from analysis.engine.probability import probability_reach, sigma_from_rates, tolerance_threshold
from analysis.data.registry import registry_of
from analysis.data.schema import estimated
from analysis.engine.records import FIELDS, INT_FIELDS, OBSERVED_KIND, public_frame

ACTUAL_KINDS = ("level", "growth", "share", "cumulative")


def _probabilities(tg: pd.DataFrame, m: pd.DataFrame, data: pd.DataFrame, registry, sigma_pp) -> pd.DataFrame:
    """Probability as written and within tolerance, for open level and average-growth targets."""
    from analysis.engine import observed

    rates = observed.annual_log_rates(tg, data, registry)
    by_tid = rates.groupby("tid")["log_rate"]
    counts = by_tid.count().reindex(tg.index).fillna(0)
    spread = (by_tid.std(ddof=1) * 100).reindex(tg.index)
    estimated = counts >= 3
    sigma = np.where(estimated, spread, np.nan)
    source = np.where(estimated, "estimated", "assumed")
    if sigma_pp is not None:
        sigma, source = np.full(len(tg), float(sigma_pp)), np.full(len(tg), "given", dtype=object)
    sigma = np.where(np.isfinite(sigma), sigma, sigma_from_rates([])[0])
    ttype, ty = tg["target_type"].to_numpy(), tg["year"].to_numpy(dtype=float)
    lower = tg["direction"].eq("lower").to_numpy()
    level = (ttype == "level") & np.isfinite(m["cagr_observed"]) & (m["latest_year"] < ty)
    avg = (ttype == "growth_average") & np.isfinite(m["cagr_observed"]) & ~m["final"].astype(bool)
    tv = tg["target_value"].to_numpy(dtype=float)
    lv, mu, h = m["latest_value"].to_numpy(dtype=float), m["cagr_observed"].to_numpy(dtype=float), ty - m["latest_year"]
    p_level = probability_reach(lv, h, mu, sigma, tv, lower)
    p_level_tol = probability_reach(lv, h, mu, sigma, tolerance_threshold(tv, lower), lower)
    # average growth: the remaining years' log growth must make up ln(1+g)·n − ln(index so far)
    n_left = ty - m["latest_year"]
    still_needed = np.exp(n_left * np.log1p(np.nan_to_num(m["cagr_required"].to_numpy(dtype=float)) / 100))
    p_avg = probability_reach(1.0, n_left, mu, sigma, still_needed, False)
    approx = tg["bound"].eq("~").to_numpy()
    prob = np.where(level, p_level, np.where(avg, p_avg, np.nan)) * 100
    tol = np.where(level & approx, p_level_tol, np.nan) * 100
    used = level | avg
    return pd.DataFrame({"probability": prob, "probability_tolerance": tol,
                         "sigma_pp": np.where(used, sigma, np.nan), "sigma_source": np.where(used, source, None),
                         "n_rates": counts}, index=tg.index)


def _measures(tg: pd.DataFrame, data: pd.DataFrame, registry, plan, band_pp: float):
    parts, bounds = [], {}
    group = tg["target_type"].map({k: t.assess for k, t in targets.TYPES.items()})
    # a ceiling or floor without period_start binds in its target year only: before then it is a level target
    group = group.where(~(group.eq("bounds") & tg["period_start"].isna()), "levels")
    for name, sub in tg.groupby(group, sort=False):
        if name == "levels":
            parts.append(assess.assess_levels(sub, data, registry, plan.base_year, band_pp))
        elif name == "bounds":
            frame, bounds = assess.assess_bounds(sub, data, registry, plan.base_year)
            parts.append(frame)
        elif name == "average":
            parts.append(assess.assess_growth_average(sub, data, registry, band_pp))
        elif name == "annual":
            parts.append(assess.assess_growth_annual(sub, data, registry))
        else:
            parts.append(assess.assess_cumulative(sub, data, registry, band_pp))
    measures = pd.concat(parts).reindex(tg.index) if parts else pd.DataFrame(index=tg.index)
    for column in ("cagr_observed", "cagr_required", "latest_year", "latest_value", "missing_from", "final",
                   "converted", "substituted_base", "observed_total", "completion_rate"):
        if column not in measures:
            measures[column] = np.nan
    measures["final"] = measures["final"].fillna(False).astype(bool)
    return measures, bounds


def gap_table(data: pd.DataFrame, district: str | None = None, target_year: int | None = None, indicators=None,
              target_overrides: dict | None = None, band_pp: float = assess.SCHEDULE_BAND_PP,
              sigma_pp: float | None = None, registry=None, as_of=None, **_ignored) -> pd.DataFrame:
    """Gap records for every target due in *target_year* (and the plan's annual growth targets).

    Parameters
    ----------
    data : DataFrame
        A loaded indicator table (``load_indicators``), which carries its name files.
    district, indicators : optional
        Restrict to one district and/or some indicator ids.
    target_year : int, optional
        The plan's end year (default: the current plan as of *as_of*, see :mod:`analysis.engine.timeline`).
    target_overrides : dict, optional
        ``{indicator: value}`` replacing a target due in *target_year* (e.g. the GDP aspiration).
    band_pp : float
        Band around τ within which progress is on schedule (points).
    sigma_pp : float, optional
        Spread of annual growth to use instead of the estimate or the default.
    as_of : date or 'YYYY-MM-DD', optional
        The assessment date (default today): what is due, pending or not entered, whether the plan has ended.
    registry : Registry, optional
        The name files (directions, units, plans) to assess with; default: the ones *data* carries.

    Returns
    -------
    DataFrame with columns :data:`FIELDS`, one row per target.
    """
    registry = registry or registry_of(data)     # the name files of this table, never the project's
    if district is not None:
        if district not in set(data["district"]):
            raise UnknownSeriesError(f"unknown district '{district}'; accepted: {', '.join(sorted(set(data['district'])))}")
        data = data[data["district"] == district]
    if indicators is not None:
        data = data[data["indicator"].isin(list(indicators))]
    as_of = timeline.as_of_date(as_of)
    data = timeline.published_by(data, registry, as_of)           # what could be known on the assessment date
    plan = timeline.assessed_plan(registry, target_year, as_of)
    target_year = plan.last_year
    tg = targets.select(data, target_year, plan.first_year)
    tg = targets.classify(tg, {k: v.direction for k, v in registry.indicators.items()}).reset_index(drop=True)
    tg.index.name = "tid"
    tg["qualifier"] = targets.qualifiers(tg, {k: v.attribute for k, v in registry.indicators.items()})
    if tg.empty:
        return pd.DataFrame(columns=FIELDS).astype({key: "Int64" for key in INT_FIELDS})
    overrides = target_overrides or {}
    tg["override"] = [overrides.get(i) if y == target_year else None for i, y in zip(tg["indicator"], tg["year"])]
    tg["target_value"] = np.where(tg["override"].notna(), tg["override"].astype(float), tg["value"])
    tg["override"] = tg["override"].astype(object).where(tg["override"].notna(), None)
    measures, bounds = _measures(tg, data, registry, plan, band_pp)
    actual_years = data[data["kind"].isin(ACTUAL_KINDS)].groupby("district")["year"].max()
    dated = timeline.judge(tg, measures, plan, as_of, tg["district"].map(actual_years))
    measures = measures.drop(columns=["status", "final"]).join(dated)
    probs = _probabilities(tg, measures, data, registry, sigma_pp)
    probs.loc[tg["qualifier"].eq("forecast").to_numpy(), ["probability", "probability_tolerance"]] = np.nan
    actual = data[data["kind"].isin(ACTUAL_KINDS)]
    latest_actual = actual.groupby("district")["year"].max()
    breaks = series_break_flags(series_break_table(data))
    unstated = data[data["kind"].eq("growth") & data["price_basis"].eq("unstated")]
    basis_unstated = set(zip(unstated["district"], unstated["indicator"]))
    # Actual figures the source gives only as a bound (突破700亿元, 跨上2000亿台阶: at least): the assessment
    # uses the bound, and the record says so.
    one_year = data["kind"].isin(["level", "share"]) | (data["kind"].eq("growth") & data["period_start"].isna())
    limits = data[one_year & data["bound"].isin([">=", "<="])]
    observed_bounds = {(d, i, int(y), k): b for d, i, y, k, b in
                       zip(limits["district"], limits["indicator"], limits["year"], limits["kind"], limits["bound"])}
    # Actual figures the source gives as an estimate (noted so by the analyst): a judgement on them is
    # provisional until the statistical figure is published.
    guessed = actual[estimated(actual)]
    estimates = frozenset((d, i, int(y), k) for d, i, y, k in
                          zip(guessed["district"], guessed["indicator"], guessed["year"], guessed["kind"]))
    table = pd.concat([tg, measures.drop(columns=["growth_basis"], errors="ignore"), probs], axis=1)
    table["growth_basis"] = measures.get("growth_basis", "")
    table["target_year"] = tg["year"]
    table["plan"] = plan.plan
    table["plan_base_year"] = plan.base_year
    table["as_of_year"] = table["district"].map(latest_actual)
    table["data_year"] = table["as_of_year"]
    table["assessment_date"] = as_of.isoformat()
    table["plan_ended"] = timeline.plan_ended(plan, as_of)
    _undecided_by_bound(table, observed_bounds)
    pairs = list(zip(table["status"], table["final"]))
    words = {(s, f): (status_label(s, "zh", f), status_label(s, "en", f)) for s, f in set(pairs)}
    table["status_zh"] = [words[p][0] for p in pairs]
    table["status_en"] = [words[p][1] for p in pairs]
    return public_frame(table, breaks, bounds, registry, basis_unstated, observed_bounds, estimates)


# A final grade the bound of the latest figure cannot decide (rules.undecided_by_bound). (A mid-plan reading keeps
# the bound and says so: flag latest_at_least.)


def _undecided_by_bound(table: pd.DataFrame, observed_bounds: dict) -> None:
    """Where the latest figure is only a bound on the side that could reverse the judgement, the status is
    unknown (insufficient_data); the judgement the bound itself gives is kept in ``undecided_grade``."""
    kinds = table["target_type"].map(OBSERVED_KIND)
    bound = [observed_bounds.get((d, i, int(y), k)) if isinstance(k, str) and pd.notna(y) else None
             for d, i, y, k in zip(table["district"], table["indicator"], table["latest_year"], kinds)]
    undecided = [bool(f) and rules.undecided_by_bound(s, b, direction) for b, direction, s, f in
                 zip(bound, table["direction"], table["status"], table["final"])]
    table["latest_bound"] = [b or "" for b in bound]       # the latest figure as the source gives it: at least / at most
    table["undecided_grade"] = table["status"].where(undecided, None)
    table.loc[undecided, "status"] = "insufficient_data"
    if "trend_status" in table:
        table.loc[undecided, "trend_status"] = None
