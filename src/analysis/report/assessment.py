"""The one place the report layer meets the assessment engine.

Records come from :func:`analysis.engine.gaps.gap_table` (fields: ``analysis.engine.records.FIELDS``):
``status`` as a key, ``trend_status`` (the reading of the latest data while a figure is not entered),
``assessment_date``, ``data_year``, ``plan_ended``, ``missing_years``, ``flags`` as ``{"code", "params"}``,
``progress`` None when unknown, ``unit``, ``plan``, ``target_type``,
``growth_basis``, ``as_of_year``, ``probability`` (the figure as written) and
``probability_tolerance`` (``~`` targets). Annual targets and the scenario grid
come from :mod:`analysis.engine.annual` and :mod:`analysis.engine.scenarios`; the report adds
only the one-year tasks and the choice of indicators worth a page.
"""
from __future__ import annotations

import pandas as pd


def gap_records(data: pd.DataFrame, district: str, target_year: int, overrides: dict | None = None,
                data_path=None, sigma_pp: float | None = None, as_of=None, **_engine_options) -> list[dict]:
    """Contract records for every target of *district* due in *target_year*, plus the plan's annual
    growth targets (``target_type`` growth_annual, their own ``target_year``).

    Parameters
    ----------
    data : DataFrame
        A loaded indicator table (it carries its name files).
    overrides : dict, optional
        ``{indicator: value}`` replacing targets (analyst's choice).
    sigma_pp : float, optional
        Spread of annual growth instead of the estimate or the default.
    as_of : date, optional
        The assessment date (default today).
    """
    from analysis.engine.gaps import gap_table
    from analysis.engine.records import to_records
    from analysis.data.registry import load_registry

    registry = load_registry(data_path) if data_path else None        # None: the name files *data* carries
    table = gap_table(data, district=district, target_year=target_year, target_overrides=overrides or None,
                      sigma_pp=sigma_pp, registry=registry, as_of=as_of)
    return to_records(table)


def annual_targets(data: pd.DataFrame, district: str, as_of=None) -> pd.DataFrame:
    """One row per annual growth target with last year's actual and the acceleration it needs."""
    from analysis.engine.annual import annual_targets as engine

    return engine(data, district, as_of=as_of)


TASK_COLUMNS = ["indicator", "indicator_zh", "year", "target", "bound", "unit", "actual", "status", "final"]


def annual_tasks(records: list[dict]) -> pd.DataFrame:
    """Tasks set for one year (target type annual_task), with the year's actual and the engine's status
    (pending before the figure is due, not_entered after, the final grade once it is in)."""
    return pd.DataFrame([{"indicator": r["indicator"], "indicator_zh": r["indicator_zh"], "year": r["target_year"],
                          "target": r["target_value"], "bound": r["bound"] or "", "unit": r["unit"],
                          "actual": r.get("observed_total"), "status": r["status"], "final": bool(r["final"])}
                         for r in records if r["target_type"] == "annual_task"], columns=TASK_COLUMNS)


def scenario_grid(record: dict, real_growth, price_change) -> pd.DataFrame:
    """The engine's grid (:func:`analysis.engine.scenarios.scenario_grid`) for one record: level in the target year
    for each real growth (rows) and price change (columns), ``.attrs["met"]`` beside it."""
    from analysis.engine.scenarios import scenario_grid as engine

    return engine(record["latest_value"], record["latest_year"], record["target_year"], record["target_value"],
                  record["bound"] or "", price_basis=record["price_basis"], direction=record["direction"],
                  real_growth=tuple(real_growth), price_change=tuple(price_change))


def assessable_indicators(data, district: str, target_year: int, registry=None) -> list[str]:
    """:func:`analysis.engine.assessable.assessable_indicators` for a loaded table (which carries its
    name files) or CSV rows with the *registry* of their table."""
    from analysis.engine.assessable import assessable_indicators as rule
    from analysis.data.registry import registry_of

    if isinstance(data, pd.DataFrame):
        registry = registry or registry_of(data)
        data = data.astype({"year": str}).to_dict("records")
    return rule(list(data), district, target_year, registry)