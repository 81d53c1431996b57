"""The gap table: for every target, where we are, what it now takes, how likely it is.

One record per target of every type (see :mod:`analysis.engine.targets`), with the
arithmetic of :mod:`analysis.engine.assess`, the closed-form probability of
:mod:`analysis.engine.probability`, and flags as codes with parameters. Field names
are the JSON keys of ``python -m analysis gaps --format json`` (README, "The
gap table"). Vectorised across districts: the whole country costs a few
merges, not a loop of per-target DataFrame filters.
"""
from __future__ import annotations

import math

import numpy as np
import pandas as pd

from analysis.engine import assess, targets, timeline
from analysis.exceptions import UnknownSeriesError
from analysis.i18n import status_label
from analysis.engine.prices import series_break_flags, series_break_table
from analysis.engine.probability import probability_reach, sigma_from_rates, tolerance_threshold
from analysis.data.registry import registry_of
from analysis.data.schema import ESTIMATE_MARK

FIELDS = ["district", "indicator", "indicator_zh", "unit", "plan", "target_type", "qualifier", "direction",
          "price_basis", "growth_basis", "assessment_date", "data_year", "plan_ended", "deadline_passed", "base_year",
          "base_value", "latest_year", "latest_value", "as_of_year", "target_year", "target_value", "bound",
          "period_start", "cagr_observed", "cagr_required", "cagr_required_tolerance", "gap_pp", "change_observed_pp", "change_required_pp", "tau",
          "progress", "progress_linear", "progress_log", "completion_rate", "ratio_r", "observed_total",
          "required_per_year", "status", "final", "trend_status", "status_zh", "status_en", "missing_years",
          "projected_value", "probability", "probability_tolerance", "sigma_pp", "sigma_source", "flags"]
INT_FIELDS = ("base_year", "latest_year", "as_of_year", "data_year", "target_year", "period_start")
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


# The kind of the actual row a target type is checked against (for the bound of the latest figure).
_OBSERVED_KIND = {"level": "level", "share": "share", "growth_annual": "growth"}


def _flags(rec: dict, breaks: dict, bounds: dict, registry, basis_unstated: set,
           observed_bounds: dict | None = None, estimates: frozenset = frozenset()) -> list[dict]:
    """The record's notes as codes with parameters (words come from i18n)."""
    row = _Row(rec)
    flags = []
    if row.override is not None:
        flags.append({"code": "target_override", "params": {"value": row.override, "original": row.value}})
    if rec["qualifier"] in ("aspiration", "forecast", "directional"):
        value = rec["target_value"]
        value = int(value) if isinstance(value, float) and value.is_integer() else value
        flags.append({"code": f"{rec['qualifier']}_target", "params": {"value": value}})
    if rec["status"] in ("not_entered", "pending") and rec["trend_status"]:
        flags.append({"code": "trend_estimate", "params": {"data_year": rec["latest_year"],
                                                           "target_year": rec["target_year"]}})
    if registry.sources.get(row.source, {}).get("status") == "draft":
        flags.append({"code": "draft_source", "params": {}})
    if row.undecided_grade:
        target = rec["target_value"]
        target = int(target) if isinstance(target, float) and target.is_integer() else target
        flags.append({"code": "bound_undecided", "params": {"year": rec["latest_year"], "target": target,
                                                           "grade": row.undecided_grade}})
    elif rec["status"] == "insufficient_data":
        flags.append({"code": "no_observation" if rec["latest_year"] is None else "no_growth_yet", "params": {}})
    if _true(row.substituted_base):
        flags.append({"code": "base_year_substitute", "params": {"base_year": rec["base_year"],
                                                                 "wanted": row.plan_base_year}})
    if row.missing_from is not None and math.isfinite(row.missing_from):
        code = "missing_flows" if rec["target_type"] == "cumulative" else "missing_rates"
        flags.append({"code": code, "params": {"years": [int(row.missing_from)]}})
    if _true(row.converted):
        flags.append({"code": "unit_converted", "params": {"unit": "", "target_unit": rec["unit"]}})
    if rec["tid"] in bounds:
        checked, outside = bounds[rec["tid"]]
        if rec["period_start"] is not None and checked:
            flags.append({"code": "bound_every_year", "params": {"years": checked}})
        if outside:
            flags.append({"code": "breached_years", "params": {"years": outside}})
    if rec["growth_basis"] == "current" and rec["cagr_observed"] is not None:
        flags.append({"code": "nominal_growth", "params": {}})
    if (rec["district"], rec["indicator"]) in basis_unstated:
        flags.append({"code": "basis_not_stated", "params": {
            "basis": registry.indicators[rec["indicator"]].growth_basis or "comparable"}})
    if rec["sigma_source"] == "assumed":
        flags.append({"code": "sigma_assumed", "params": {"sigma_pp": rec["sigma_pp"]}})
    elif rec["sigma_source"] == "estimated":
        flags.append({"code": "sigma_estimated", "params": {"sigma_pp": round(rec["sigma_pp"], 1), "n": row.n_rates}})
    kind = _OBSERVED_KIND.get(rec["target_type"])
    if kind and rec["latest_year"] is not None and observed_bounds:
        limit = observed_bounds.get((rec["district"], rec["indicator"], rec["latest_year"], kind))
        if limit and not row.undecided_grade:          # an undecided judgement says so in its own flag
            code = "latest_at_least" if limit == ">=" else "latest_at_most"
            flags.append({"code": code, "params": {"year": rec["latest_year"]}})
    if kind and (rec["district"], rec["indicator"], rec["latest_year"], kind) in estimates:
        flags.append({"code": "latest_estimate", "params": {"year": rec["latest_year"]}})
    if rec["final"]:
        flags.append({"code": "final_assessment", "params": {"as_of_year": rec["as_of_year"]}})
    flags.extend(breaks.get((rec["district"], rec["indicator"]), []))
    return flags


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
    if not target_year:
        target_year = timeline.current_plan(registry, as_of).last_year
    target_year = int(target_year)
    plan = registry.plan_for(target_year)
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
    guessed = actual[actual["note"].fillna("").astype(str).str.contains(ESTIMATE_MARK, regex=False)]
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
    return _output(table, breaks, bounds, registry, basis_unstated, observed_bounds, estimates)


# A final grade the bound of the latest figure cannot decide: "at least 2000" against 2300 may be either side.
# (A mid-plan reading keeps the bound and says so: flag latest_at_least.)
_SHORT = {"not_completed", "basically_completed"}
_UNDECIDED = {(">=", "higher"): _SHORT, ("<=", "lower"): _SHORT | {"breached"}}


def _undecided_by_bound(table: pd.DataFrame, observed_bounds: dict) -> None:
    """Where the latest figure is only a bound on the side that could reverse the judgement, the status is
    unknown (insufficient_data); the judgement the bound itself gives is kept in ``undecided_grade``."""
    kinds = table["target_type"].map(_OBSERVED_KIND)
    bound = [observed_bounds.get((d, i, int(y), k)) if isinstance(k, str) and pd.notna(y) else None
             for d, i, y, k in zip(table["district"], table["indicator"], table["latest_year"], kinds)]
    undecided = [bool(f) and s in _UNDECIDED.get((b, direction), ()) for b, direction, s, f in
                 zip(bound, table["direction"], table["status"], table["final"])]
    table["undecided_grade"] = table["status"].where(undecided, None)
    table.loc[undecided, "status"] = "insufficient_data"
    if "trend_status" in table:
        table.loc[undecided, "trend_status"] = None


# The record fields the flag rules read, and the columns they read besides FIELDS.
_FLAG_FIELDS = ["district", "indicator", "unit", "target_type", "growth_basis", "base_year", "latest_year",
                "as_of_year", "period_start", "cagr_observed", "status", "final", "sigma_pp", "sigma_source",
                "qualifier", "trend_status", "target_value", "target_year"]
_FLAG_INPUTS = ["override", "value", "note", "source", "substituted_base", "plan_base_year", "missing_from",
                "converted", "n_rates", "undecided_grade"]


def _output(table: pd.DataFrame, breaks: dict, bounds: dict, registry, basis_unstated: set,
            observed_bounds: dict | None = None, estimates: frozenset = frozenset()) -> pd.DataFrame:
    """The public frame: FIELDS, integer years as Int64, NaN for unknown numbers, flags as lists.

    Columnar on purpose: a record-by-record DataFrame walk cost 10× more at 28,000 targets.
    """
    missing = [c for c in FIELDS + _FLAG_INPUTS if c not in table and c != "flags"]
    table = table.assign(**{c: np.nan for c in missing})
    out = table[[f for f in FIELDS if f != "flags"]].copy()
    out = out.astype({key: "Int64" for key in INT_FIELDS})
    for key in ("qualifier", "trend_status"):
        out[key] = out[key].astype(object).where(out[key].notna(), None)
    columns = {c: table[c].astype(object).where(table[c].notna(), None).tolist() for c in _FLAG_FIELDS + _FLAG_INPUTS}
    columns["tid"] = table.index.tolist()
    for key in ("base_year", "latest_year", "as_of_year", "period_start"):
        columns[key] = [None if v is None else int(v) for v in columns[key]]
    names = list(columns)
    out["flags"] = [_flags(dict(zip(names, values)), breaks, bounds, registry, basis_unstated, observed_bounds or {},
                           estimates)
                    for values in zip(*columns.values())]
    return out.reset_index(drop=True)


class _Row:
    """Attribute access to a record dict (the flag rules read like the columns they test)."""

    def __init__(self, rec: dict):
        self.__dict__.update(rec)


def _true(value) -> bool:
    return isinstance(value, (bool, np.bool_)) and bool(value)


def _clean(value):
    if value is None or value is pd.NA:
        return None
    if isinstance(value, (float, np.floating)):
        return None if math.isnan(value) else float(value)
    if isinstance(value, np.bool_):
        return bool(value)
    if isinstance(value, np.integer):
        return int(value)
    return value


def to_records(table: pd.DataFrame) -> list[dict]:
    """JSON-ready records: NaN → None, numpy scalars → Python numbers."""
    return [{k: _clean(v) if not isinstance(v, list) else v for k, v in rec.items()}
            for rec in table.to_dict(orient="records")]


NOT_ASSESSED = ("insufficient_data", "pending", "not_entered", "not_assessed")


def assessable(records: list[dict]) -> list[dict]:
    """Records with a judgement: the status, for a figure not yet entered the trend of the latest data, or a
    final figure known only as a bound that cannot decide the grade (shown as such, flag ``bound_undecided``)."""
    return [r for r in records if r["status"] not in NOT_ASSESSED or r.get("trend_status")
            or any(f.get("code") == "bound_undecided" for f in r.get("flags") or [] if isinstance(f, dict))]
