"""The one place the report layer meets the assessment engine.

Records come from :func:`analysis.engine.gaps.gap_table` with the keys of
ENGINE_CONTRACT.md: ``status`` as a key, ``flags`` as ``{"code", "params"}``,
``progress`` None when unknown, ``unit``, ``plan``, ``target_type``,
``growth_basis``, ``as_of_year``, ``probability`` (the figure as written) and
``probability_tolerance`` (``~`` targets). Annual targets and the scenario grid
come from :mod:`analysis.engine.annual` and :mod:`analysis.engine.scenarios`; the report adds
only the one-year tasks and the choice of indicators worth a page.
"""
from __future__ import annotations

import pandas as pd

from analysis.engine.progress import target_met


def gap_records(data: pd.DataFrame, district: str, target_year: int, overrides: dict | None = None,
                data_path=None, sigma_pp: float | None = None, **_engine_options) -> list[dict]:
    """Contract records for every target of *district* due in *target_year*, plus the plan's annual
    growth targets (``target_type`` growth_annual, their own ``target_year``).

    Parameters
    ----------
    data : DataFrame
        A loaded indicator table.
    overrides : dict, optional
        ``{indicator: value}`` replacing targets (analyst's choice).
    sigma_pp : float, optional
        Spread of annual growth instead of the estimate or the default.
    """
    from analysis.engine.gaps import gap_table, to_records
    from analysis.data.registry import load_registry

    table = gap_table(data, district=district, target_year=target_year, target_overrides=overrides or None,
                      sigma_pp=sigma_pp, registry=load_registry(data_path))
    return to_records(table)


def annual_targets(data: pd.DataFrame, district: str) -> pd.DataFrame:
    """One row per annual growth target with last year's actual and the acceleration it needs."""
    from analysis.engine.annual import annual_targets as engine

    return engine(data, district)


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


def scenario_grid(record: dict, real_growth, price_change) -> pd.DataFrame:
    """The engine's grid (:func:`analysis.engine.scenarios.scenario_grid`) for one record: level in the target year
    for each real growth (rows) and price change (columns), ``.attrs["met"]`` beside it."""
    from analysis.engine.scenarios import scenario_grid as engine

    return engine(record["latest_value"], record["latest_year"], record["target_year"], record["target_value"],
                  record["bound"] or "", price_basis=record["price_basis"], direction=record["direction"],
                  real_growth=tuple(real_growth), price_change=tuple(price_change))


def assessable_indicators(data, district: str, target_year: int) -> list[str]:
    """:func:`analysis.engine.assessable.assessable_indicators` for a loaded table or CSV rows."""
    from analysis.engine.assessable import assessable_indicators as rule

    rows = data.astype({"year": str}).to_dict("records") if isinstance(data, pd.DataFrame) else list(data)
    return rule(rows, district, target_year)