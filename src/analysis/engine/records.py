"""The gap table's public form: its fields, the notes as codes with parameters, JSON-ready records.

In: the assembled frame of :func:`analysis.engine.gaps.gap_table` (targets, measures, probabilities) and
the facts the flag rules need (series breaks, bound checks, estimates). Out: a frame with columns
:data:`FIELDS` (integer years as Int64, unknown numbers NaN, ``flags`` a list of ``{code, params}``),
records for JSON, and the rule for which records carry a judgement. Words come later, from i18n.
"""
from __future__ import annotations

import math

import numpy as np
import pandas as pd

FIELDS = ["district", "indicator", "indicator_zh", "unit", "plan", "target_type", "qualifier", "direction",
          "price_basis", "growth_basis", "assessment_date", "data_year", "plan_ended", "deadline_passed", "base_year",
          "base_value", "latest_year", "latest_value", "latest_bound", "as_of_year", "target_year", "target_value", "bound",
          "period_start", "cagr_observed", "cagr_required", "cagr_required_tolerance", "gap_pp", "change_observed_pp", "change_required_pp", "tau",
          "progress", "progress_linear", "progress_log", "completion_rate", "ratio_r", "observed_total",
          "required_per_year", "status", "final", "trend_status", "status_zh", "status_en", "missing_years",
          "projected_value", "probability", "probability_tolerance", "sigma_pp", "sigma_source", "flags"]
INT_FIELDS = ("base_year", "latest_year", "as_of_year", "data_year", "target_year", "period_start")

# The kind of the actual row a target type is checked against (for the bound of the latest figure).
OBSERVED_KIND = {"level": "level", "share": "share", "growth_annual": "growth"}


def _flags(rec: dict, breaks: dict, bounds: dict, registry, basis_unstated: set,
           observed_bounds: dict | None = None, estimates: frozenset = frozenset()) -> list[dict]:
    """The record's notes as codes with parameters (words come from i18n)."""
    row = _Row(rec)
    flags = []
    if row.override is not None:
        flags.append({"code": "target_override", "params": {"value": row.override, "original": row.value,
                                                             "unit": rec["unit"]}})
    if rec["qualifier"] in ("aspiration", "forecast", "directional"):
        value = rec["target_value"]
        value = int(value) if isinstance(value, float) and value.is_integer() else value
        flags.append({"code": f"{rec['qualifier']}_target", "params": {"value": value, "unit": rec["unit"]}})
    if rec["status"] in ("not_entered", "pending") and rec["trend_status"]:
        flags.append({"code": "trend_estimate", "params": {"data_year": rec["latest_year"],
                                                           "target_year": rec["target_year"]}})
    if registry.sources.get(row.source, {}).get("status") == "draft":
        flags.append({"code": "draft_source", "params": {}})
    if row.undecided_grade:
        target = rec["target_value"]
        target = int(target) if isinstance(target, float) and target.is_integer() else target
        flags.append({"code": "bound_undecided", "params": {"year": rec["latest_year"], "target": target, "unit": rec["unit"],
                                                           "grade": row.undecided_grade}})
    elif rec["status"] == "insufficient_data":
        flags.append({"code": "no_observation" if rec["latest_year"] is None else "no_growth_yet", "params": {}})
    # another base year than the plan's, when there is one before the latest figure (a lone figure is no base)
    if _true(row.substituted_base) and rec["base_year"] is not None and rec["latest_year"] is not None \
            and rec["base_year"] < rec["latest_year"]:
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
    kind = OBSERVED_KIND.get(rec["target_type"])
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

# The record fields the flag rules read, and the columns they read besides FIELDS.
_FLAG_FIELDS = ["district", "indicator", "unit", "target_type", "growth_basis", "base_year", "latest_year",
                "as_of_year", "period_start", "cagr_observed", "status", "final", "sigma_pp", "sigma_source",
                "qualifier", "trend_status", "target_value", "target_year"]
_FLAG_INPUTS = ["override", "value", "note", "source", "substituted_base", "plan_base_year", "missing_from",
                "converted", "n_rates", "undecided_grade"]


def public_frame(table: pd.DataFrame, breaks: dict, bounds: dict, registry, basis_unstated: set,
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
