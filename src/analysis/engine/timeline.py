"""The assessment date: what is due, what has passed, and which plan is current.

Every judgement is dated. An annual figure for year Y is *due* once the documents that publish
it normally appear: by default the end of April of Y+1 (the 统计公报 and the 计划执行情况报告 of Y
are out by then), overridable per plan in ``data/plans.csv`` (column ``figures_due``, MM-DD of the
following year). A figure that is not yet due is ``pending`` (待公布); one that is due but not in the
table is ``not_entered`` (未录入). A plan has *ended* once the assessment date is past its last year.
The current plan (``target_year`` None) is the plan of the latest year whose figures are due: on
2026-11-28 that is 2025, so the 14th plan (its final assessment); from May 2027 the 15th.

The plan calendar lives only in ``data/plans.csv``: :func:`assessed_plan` is the one place that turns a
``target_year`` parameter (None, or a year a listed plan ends in) into the plan an assessment covers;
the gap table, the report pages, the progress workbook, the runner and the notebooks all ask it.
"""
from __future__ import annotations

import datetime as dt
import numbers

from analysis.data.namefiles import parse_due, parse_source_date  # noqa: F401  (the readers of plans.csv, sources.csv)
from analysis.exceptions import ParameterError

DEFAULT_DUE = (4, 30)


def as_of_date(value=None) -> dt.date:
    """The assessment date: *value* as a date or 'YYYY-MM-DD', today when None or ''.

    >>> as_of_date("2026-11-28")
    datetime.date(2026, 11, 28)
    """
    if value is None or value == "":
        return dt.date.today()
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value))


def published_by(data, registry, as_of: dt.date):
    """The rows of *data* whose source could have been read on *as_of*: a row from a document dated after
    it (its earliest possible date: a source dated only 2026 counts from 2026-01-01) is not yet known then,
    so an assessment as of an earlier date does not use it. Rows of sources without a date are kept."""
    later = {f for f, r in registry.sources.items()
             if (d := parse_source_date(r.get("date"))) is not None and d > as_of}
    return data[~data["source"].isin(later)] if later else data


def due_date(year: int, due: tuple[int, int] = DEFAULT_DUE) -> dt.date:
    """The day year *year*'s annual figure is due: ``due`` (month, day) of the following year.

    >>> due_date(2023)
    datetime.date(2024, 4, 30)
    """
    return dt.date(int(year) + 1, *due)


def is_due(year, as_of: dt.date, due: tuple[int, int] = DEFAULT_DUE) -> bool:
    """Whether year *year*'s figure should be published by *as_of* (the due day itself counts)."""
    return as_of >= due_date(year, due)


def latest_due_year(as_of: dt.date, due: tuple[int, int] = DEFAULT_DUE) -> int:
    """The last year whose annual figures are due by *as_of*.

    >>> latest_due_year(dt.date(2026, 11, 28)), latest_due_year(dt.date(2023, 3, 1))
    (2025, 2021)
    """
    return as_of.year - 1 if as_of >= dt.date(as_of.year, *due) else as_of.year - 2


def plan_ended(plan, as_of: dt.date) -> bool:
    """Whether the plan's last year is over by *as_of*."""
    return as_of.year > plan.last_year


def current_plan(registry, as_of: dt.date):
    """The plan of the latest year whose figures are due (see the module text), from data/plans.csv."""
    return registry.plan_for_year(latest_due_year(as_of))


def assessed_plan(registry, target_year=None, as_of=None):
    """The plan an assessment covers: the plan of ``data/plans.csv`` ending in *target_year*, or, when
    *target_year* is None (or ''), the current plan as of *as_of* (a date or 'YYYY-MM-DD'; default today).

    A target year that no listed plan ends in is refused (:class:`ParameterError` naming the accepted
    years): add the plan's row to ``plans.csv`` to assess another plan.
    """
    if target_year is None or (isinstance(target_year, str) and target_year == ""):
        return current_plan(registry, as_of_date(as_of))
    ends = {plan.last_year: plan for plan in registry.plans}
    accepted = tuple(sorted(ends))
    listed = ", ".join(map(str, accepted))
    whole = not isinstance(target_year, bool) and isinstance(target_year, numbers.Real) \
        and float(target_year).is_integer()
    if not whole:
        raise ParameterError(f"parameter target_year={target_year!r} is not a year; accepted: the end year of a plan "
                             f"in plans.csv ({listed}), or None for the current plan as of the assessment date",
                             parameter="target_year", value=target_year, accepted=accepted)
    if int(target_year) not in ends:
        raise ParameterError(f"parameter target_year={target_year!r}: no plan in plans.csv ends that year; accepted: "
                             f"{listed}, or None for the current plan as of the assessment date "
                             "(add the plan's row to plans.csv to assess another plan)",
                             parameter="target_year", value=target_year, accepted=accepted)
    return ends[int(target_year)]


def judge(tg, m, plan, as_of: dt.date, data_year=None):
    """Status as of *as_of* for each target, from the measures *m* of :mod:`analysis.engine.assess`.

    * the target year's figure is in (``m.final``): ``final`` True and the office's grade
      (:func:`analysis.engine.rules.final_grade`);
    * a one-year target (annual growth, annual task) without its figure, and a plan target whose
      target year is over without it: ``not_entered`` once the figure is due, else ``pending``;
      the reading of the latest data is kept as ``trend_status`` (an estimate pending the figure);
    * otherwise the schedule reading (``m.status``), which is also the trend.

    A ``forecast`` (预计) is context, not a target: ``not_assessed``.

    ``missing_years``: the years from the last figure used up to the target year whose figures are due
    (or out already: the district's *data_year*, a Series on *tg*'s index, counts as published).

    Returns a DataFrame (index of *tg*): status, final, trend_status, deadline_passed, missing_years.
    """
    import numpy as np
    import pandas as pd

    from analysis.engine import rules
    from analysis.engine.targets import TYPES

    types = tg["target_type"].map(TYPES)
    annual = types.map(lambda t: t.annual).to_numpy(dtype=bool)
    ty = tg["year"].to_numpy(dtype=int)
    due = np.array([is_due(y, as_of, plan.figures_due) for y in ty], dtype=bool)
    passed = ty < as_of.year
    final = m["final"].to_numpy(dtype=bool)
    measured = m["status"].to_numpy(dtype=object)
    total = tg["target_type"].isin(["cumulative", "annual_task"]).to_numpy()
    value = np.where(total, m.get("observed_total", np.nan), m["latest_value"]).astype(float)
    lower = tg["direction"].eq("lower").to_numpy()
    scale_points = types.map(lambda t: t.scale == "points").to_numpy(dtype=bool)
    bound = tg["bound"].fillna("").to_numpy(dtype=object)
    ceiling = tg["target_type"].eq("ceiling").to_numpy()
    grade = np.where(scale_points,
                     rules.final_grade(value, tg["target_value"], bound, lower, "points"),
                     rules.final_grade(value, tg["target_value"], bound, lower, "relative", ceiling))
    # a bound checked every year is breached by any year outside it, not only the last
    every_year = tg["target_type"].isin(["ceiling", "floor"]).to_numpy() & tg["period_start"].notna().to_numpy()
    outside = measured == "not_achieved"
    grade = np.where(every_year, np.where(ceiling, np.where(outside, "breached", "within_bound"),
                                          np.where(outside, "not_completed", "completed")), grade)
    missing = np.where(due, "not_entered", "pending")
    status = np.where(final, grade, np.where(annual | passed, missing, measured)).astype(object)
    trend = np.where(final | annual | np.isin(measured, ["insufficient_data", "pending"]), None, measured)
    forecast = tg["qualifier"].eq("forecast").to_numpy() if "qualifier" in tg else np.zeros(len(tg), dtype=bool)
    status = np.where(forecast, "not_assessed", status)
    trend = np.where(forecast, None, trend)
    final = final & ~forecast
    last_due = np.full(len(tg), latest_due_year(as_of, plan.figures_due), dtype=float)
    if data_year is not None:
        last_due = np.fmax(last_due, data_year.to_numpy(dtype=float))
    latest = m["latest_year"].to_numpy(dtype=float)
    start = tg["period_start"].astype("Float64").to_numpy(dtype=float, na_value=np.nan)
    first = np.where(np.isfinite(latest) & (latest >= plan.base_year), latest + 1,
                     np.where(np.isfinite(start), start, plan.first_year))
    first = np.where(annual, ty, first)
    missing_years = [list(range(int(a), int(min(y, d)) + 1)) if not f else []
                     for a, y, f, d in zip(first, ty, final, last_due)]
    return pd.DataFrame({"status": status, "final": final, "trend_status": trend, "deadline_passed": passed,
                         "missing_years": missing_years}, index=tg.index)
