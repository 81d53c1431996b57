"""The one place the report layer meets the assessment engine.

Every record a section reads has the keys of ENGINE_CONTRACT.md (issue 10):
``status`` as a key, ``flags`` as ``{"code", "params"}``, ``progress`` None when
unknown, ``unit``, ``plan``, ``target_type``, ``growth_basis``, ``as_of_year``,
``probability`` (the figure as written) and ``probability_tolerance`` (``~``
targets). While the engine on ``main`` still returns the older records, this
module converts them; once it returns contract records, they pass through
unchanged (the check is :func:`is_contract_record`). Annual targets and the
scenario grid come from ``analysis.annual`` / ``analysis.scenarios`` when those
exist, else from the small equivalents below.
"""
from __future__ import annotations

import math
import re

import pandas as pd

from ..progress import APPROX_TOLERANCE_PP, target_met

# The older engine's schedule categories (progress.STATUS_ZH keys) as status keys.
STATUS_FROM_OLD = {"reached": "achieved", "ahead": "ahead", "as_expected": "on_track", "behind": "behind",
                   "no_data": "insufficient_data", "pending": "pending"}
# The older engine's notes, read once into codes (they disappear with it).
OLD_FLAGS = [
    (r"^aspiration target", lambda m: ("aspiration_target", {})),
    (r"^target overridden by the analyst: (\S+) instead of (\S+)$",
     lambda m: ("target_override", {"value": m[1], "original": m[2]})),
    (r"^target is a total over (\d+)-(\d+)", lambda m: ("missing_flows", {"years": f"{m[1]}-{m[2]}"})),
    (r"^no observed level yet$", lambda m: ("no_observation", {})),
    (r"^base year (\d+): no observation for (\d+)$", lambda m: ("base_year_substitute", {"base_year": m[1], "wanted": m[2]})),
    (r"^no observation after the base year", lambda m: ("no_growth_yet", {})),
    (r"^possible series break or revision (\d+)-(\d+): nominal levels grow (\S+)%/yr but real growth is (\S+)%/yr, "
     r"an implied deflator of (\S+)%/yr outside (\S+)…(\S+)%(?:, (\d+) year\(s\) of real growth assumed)?$",
     lambda m: ("series_break", {"start": m[1], "end": m[2], "nominal_cagr": m[3], "real_cagr": m[4], "deflator": m[5],
                                 "low": m[6], "high": m[7], **({"years_assumed": m[8]} if m[8] else {})})),
]


def is_contract_record(record: dict) -> bool:
    return "target_type" in record and "flags" in record and all(isinstance(f, dict) for f in record["flags"])


def _flag_codes(flags: list) -> list[dict]:
    out = []
    for flag in flags:
        if isinstance(flag, dict):
            out.append(flag)
            continue
        for pattern, read in OLD_FLAGS:
            match = re.match(pattern, str(flag))
            if match:
                code, params = read(match)
                out.append({"code": code, "params": params})
                break
    return out


def _target_row(data: pd.DataFrame, record: dict) -> pd.Series | None:
    rows = data[(data["district"] == record["district"]) & (data["indicator"] == record["indicator"])
                & data["kind"].str.startswith("target") & (data["year"] == record["target_year"])]
    return rows.iloc[0] if not rows.empty else None


def _none(value):
    return None if value is None or (isinstance(value, float) and math.isnan(value)) else value


def from_old_record(record: dict, data: pd.DataFrame, registry) -> dict:
    """A record of the older gap table with the contract's keys."""
    row = _target_row(data, record)
    unit = row["unit"] if row is not None else ""
    period_start = None if row is None or pd.isna(row["period_start"]) else int(row["period_start"])
    price_basis = row["price_basis"] if row is not None else ""
    bound = record.get("bound") or ""
    target_type = ("cumulative" if period_start is not None else "ceiling" if bound == "<=" else
                   "share" if unit == "%" else "level")
    latest, base, ty = record.get("latest_year"), record.get("base_year"), record["target_year"]
    from ..progress import STATUS_ZH

    old = {words: key for key, words in STATUS_ZH.items()}.get(record.get("status_zh"))
    status = STATUS_FROM_OLD.get(old, "insufficient_data")
    progress = _none(record.get("progress_log"))
    if latest is None or (latest == base and status != "achieved"):
        progress = None                     # only a base value: progress is unknown, not 0
    levels = data[(data["district"] == record["district"]) & (data["indicator"] == record["indicator"])
                  & (data["kind"] == "level") & (data["year"] >= (base or 0)) & (data["year"] <= ty)]
    flags = _flag_codes(record.get("flags") or [])
    source = registry.sources.get(row["source"]) if row is not None else None
    if source and source.get("status") == "draft":
        flags.append({"code": "draft_source", "params": {}})
    probability = _none(record.get("probability"))
    tolerance = bound == "~"
    return {
        **record,
        "unit": unit, "plan": registry.plan_for(ty).plan, "target_type": target_type,
        "direction": registry.direction(record["indicator"]) if bound != "<=" else "lower",
        "price_basis": price_basis, "growth_basis": price_basis if _none(record.get("cagr_observed")) is not None else "",
        "as_of_year": latest, "period_start": period_start, "progress": progress, "status": status,
        "final": latest is not None and latest >= ty,
        "probability": None if tolerance else probability, "probability_tolerance": probability if tolerance else None,
        "sigma_pp": None, "sigma_source": "assumed" if len(levels) < 4 else "estimated",
        "observed_total": None, "required_per_year": None,
        "cagr_observed": _none(record.get("cagr_observed")), "cagr_required": _none(record.get("cagr_required")),
        "gap_pp": _none(record.get("gap_pp")), "tau": _none(record.get("tau")),
        "projected_value": _none(record.get("projected_value")), "flags": flags,
    }


def gap_records(data: pd.DataFrame, district: str, target_year: int, overrides: dict | None = None,
                data_path=None, **options) -> list[dict]:
    """Contract records for every target of *district* in *target_year*.

    Parameters
    ----------
    data : DataFrame
        A loaded indicator table.
    overrides : dict, optional
        ``{indicator: value}`` replacing targets (analyst's choice).
    **options
        Passed to the engine (n_paths, seed, sigma_pp).
    """
    from ..gaps import gap_table, to_records
    from ..registry import load_registry

    records = to_records(gap_table(data, district=district, target_year=target_year,
                                   target_overrides=overrides or None, **options))
    registry = load_registry(data_path)
    return [r if is_contract_record(r) else from_old_record(r, data, registry) for r in records]


def annual_targets(data: pd.DataFrame, district: str) -> pd.DataFrame:
    """One row per annual growth target (contract of ``analysis.annual.annual_targets``)."""
    try:
        from ..annual import annual_targets as engine
    except ImportError:
        engine = None
    if engine is not None:
        return engine(data, district)
    rows = data[data["district"] == district]
    actual = rows[(rows["kind"] == "growth") & rows["period_start"].isna()]
    actual = actual.set_index(["indicator", "year", "price_basis"])["value"]
    out = []
    for t in rows[(rows["kind"] == "target_growth") & rows["period_start"].isna()].itertuples():
        last = _none(actual.get((t.indicator, t.year - 1, t.price_basis)))
        before = _none(actual.get((t.indicator, t.year - 2, t.price_basis)))
        value = _none(actual.get((t.indicator, t.year, t.price_basis)))
        two_year = None if last is None or before is None else (math.sqrt((1 + last / 100) * (1 + before / 100)) - 1) * 100
        status = "pending" if value is None else (
            "achieved" if target_met(value, t.value, t.bound, tolerance_pp=APPROX_TOLERANCE_PP) else "not_achieved")
        out.append({"indicator": t.indicator, "indicator_zh": t.indicator_zh, "year": int(t.year), "target": t.value,
                    "bound": t.bound, "price_basis": t.price_basis, "last_year": int(t.year) - 1, "last_actual": last,
                    "acceleration_pp": None if last is None else t.value - last, "two_year_average": two_year,
                    "two_year_basis": t.price_basis if two_year is not None else "", "actual": value, "status": status})
    columns = ["indicator", "indicator_zh", "year", "target", "bound", "price_basis", "last_year", "last_actual",
               "acceleration_pp", "two_year_average", "two_year_basis", "actual", "status"]
    return pd.DataFrame(out, columns=columns)


def annual_tasks(data: pd.DataFrame, district: str) -> pd.DataFrame:
    """Tasks set for one year (a target whose period is that year alone), with the year's actual if published."""
    rows = data[data["district"] == district]
    tasks = rows[rows["kind"].str.startswith("target") & (rows["period_start"] == rows["year"])]
    out = []
    for t in tasks.itertuples():
        done = rows[(rows["indicator"] == t.indicator) & rows["kind"].isin(["level", "cumulative"])
                    & (rows["year"] == t.year) & (rows["unit"] == t.unit)]
        value = float(done["value"].iloc[0]) if not done.empty else None
        status = "pending" if value is None else ("achieved" if target_met(value, t.value, t.bound) else "not_achieved")
        out.append({"indicator": t.indicator, "indicator_zh": t.indicator_zh, "year": int(t.year), "target": t.value,
                    "bound": t.bound, "unit": t.unit, "actual": value, "status": status})
    return pd.DataFrame(out, columns=["indicator", "indicator_zh", "year", "target", "bound", "unit", "actual", "status"])


def scenario_grid(latest_value: float, latest_year: int, target_year: int, target_value: float, bound: str,
                  real_growth=(0.0, 2.5, 5.0, 7.5, 10.0), price_change=(0.0, 1.0, 2.0, 3.0),
                  base_value: float | None = None) -> pd.DataFrame:
    """Level in *target_year* for each real growth (rows) and price change (columns), both %/yr.

    ``.attrs["met"]`` is a boolean frame of the same shape. value = latest × ((1+r)(1+p))^h.

    >>> grid = scenario_grid(100.0, 2022, 2024, 120.0, ">=", real_growth=(5.0, 10.0), price_change=(0.0,))
    >>> round(float(grid.loc[10.0, 0.0]), 1), bool(grid.attrs["met"].loc[10.0, 0.0])
    (121.0, True)
    """
    try:
        from ..scenarios import scenario_grid as engine
    except ImportError:
        engine = None
    if engine is not None:
        return engine(latest_value, latest_year, target_year, target_value, bound,
                      real_growth=tuple(real_growth), price_change=tuple(price_change))
    h = target_year - latest_year
    values = pd.DataFrame({p: [latest_value * ((1 + r / 100) * (1 + p / 100)) ** h for r in real_growth]
                           for p in price_change}, index=pd.Index(list(real_growth), name="real_growth"))
    values.columns.name = "price_change"
    met = values.map(lambda v: target_met(v, target_value, bound, base_value))
    values.attrs["met"] = met
    return values


def assessable_indicators(data, district: str, target_year: int) -> list[str]:
    """Indicators of *district* with something to assess: a target in *target_year* and an
    observed figure inside the plan (first plan year … target year).

    *data* is a loaded indicator table or a list of CSV rows (dicts of strings), so a
    batch runner can call it without pandas.

    Examples
    --------
    >>> rows = [{"district": "A", "indicator": "gdp", "kind": "level", "year": "2022"},
    ...         {"district": "A", "indicator": "gdp", "kind": "target_level", "year": "2025"},
    ...         {"district": "A", "indicator": "firms", "kind": "target_level", "year": "2025"}]
    >>> assessable_indicators(rows, "A", 2025)
    ['gdp']
    """
    from ..registry import load_registry

    first = load_registry().plan_for(target_year).first_year
    rows = data.to_dict("records") if isinstance(data, pd.DataFrame) else list(data)
    mine = [r for r in rows if r["district"] == district]
    targets = [r["indicator"] for r in mine if str(r["kind"]).startswith("target") and int(r["year"]) == target_year]
    observed = {r["indicator"] for r in mine if r["kind"] in ("level", "share", "growth", "cumulative")
                and first <= int(r["year"]) <= target_year}
    return [i for i in dict.fromkeys(targets) if i in observed]
