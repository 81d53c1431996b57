"""Tables as DataFrames (no HTML): headers in the page's language, cells typed.

A cell is a name (str), a rate (float, percent or percentage points, unit in
the header), a :class:`Quantity` (a value in a unit, with its bound), a
:class:`Status` (an assessment key), or None (unknown, shown as '–'). The HTML
fragments and the Excel writer each render those types their own way.
"""
from __future__ import annotations

import math
from dataclasses import dataclass

import pandas as pd

from analysis import i18n
from analysis.data.schema import estimated
from analysis.report import text
from analysis.report.assessment import annual_targets, scenario_grid
from analysis.options import OPTIONS

SEVERITY = ["breached", "off_track", "not_achieved", "behind", "on_track", "ahead", "achieved", "pending",
            "insufficient_data"]


@dataclass(frozen=True)
class Quantity:
    """A value in *unit* (shown in the page's display unit), with its bound (>=, <=, ~)."""
    value: float | None
    unit: str
    bound: str = ""
    show_unit: bool = False      # False: the unit is in its own column or in the header
    mark: str = ""               # "met" / "missed" in scenario grids
    digits: int | None = None    # fixed decimals for model outputs; None: as published

    def text(self, lang: str) -> str:
        if self.show_unit and self.value is not None:
            return i18n.amount(self.value, self.unit, lang, self.bound, self.digits)
        return i18n.value_text(self.value, self.unit, lang, self.bound, self.digits)

    def number(self, lang: str) -> float | None:
        """The value in the display unit (what a spreadsheet cell holds)."""
        return None if self.value is None else float(self.value) * i18n.display_unit(self.unit, lang)[1]


@dataclass(frozen=True)
class Status:
    """An assessment key; ``final`` distinguishes 'achieved' from 'achieved ahead of time'."""
    key: str
    final: bool = True
    trend: str | None = None         # for a figure not yet entered: the reading of the latest data
    data_year: int | None = None     # … and the year that data is from

    def text(self, lang: str) -> str:
        return i18n.status_text(self.key, lang, self.final, self.trend, self.data_year)


def status_of(record: dict) -> Status:
    """A gap record's judgement as a table cell (final grade, or the trend while a figure is missing)."""
    trend = record.get("trend_status") if record["status"] in ("not_entered", "pending") else None
    return Status(record["status"], bool(record.get("final")), trend, record.get("latest_year") if trend else None)


def frame_of(rows: list[dict]) -> pd.DataFrame:
    """A table of typed cells: object columns, so an unknown stays None (never NaN)."""
    return pd.DataFrame(rows, dtype=object)


def _value(x):
    return None if x is None or (isinstance(x, float) and math.isnan(x)) else float(x)


def unit_text(ctx, unit: str) -> str:
    return i18n.display_unit(unit, ctx.lang)[0] if unit else ""


def is_amount(ctx, unit: str) -> bool:
    """Whether *unit* is money (see :func:`analysis.i18n.is_money`)."""
    return i18n.is_money(unit)


def drop_unknown(frame: pd.DataFrame, columns) -> pd.DataFrame:
    """Drop the given columns where every cell is unknown (a column of '–' tells the reader nothing)."""
    empty = [c for c in columns if c in frame and frame[c].map(lambda v: v is None or v == "").all()]
    return frame.drop(columns=empty)


# --- the plan implementation progress table ---------------------------------------------------

def observed_figures(ctx, record: dict) -> dict[int, tuple[float, str]]:
    """The indicator's observed figures in the target's unit, by year, with the bound the source gives
    (at least, ``>=``; at most, ``<=``); annual rates for growth targets."""
    rows = ctx.district_rows
    rows = rows[(rows["indicator"] == record["indicator"]) & rows["period_start"].isna()]
    if record["target_type"] in ("growth_average", "growth_annual"):
        rows = rows[(rows["kind"] == "growth") & ((rows["price_basis"] == record["price_basis"]) | (record["price_basis"] == ""))]
    else:
        rows = rows[rows["kind"].isin(["level", "share", "cumulative"])]
        if record["price_basis"]:
            rows = rows[rows["price_basis"] == record["price_basis"]]
    out = {}
    for row in rows.itertuples():
        try:
            out[int(row.year)] = (ctx.registry.convert(float(row.value), row.unit, record["unit"]), row.bound or "")
        except Exception:  # noqa: BLE001 - a unit the registry cannot convert is left out, not guessed
            continue
    return out


def observed_by_year(ctx, record: dict) -> dict[int, float]:
    """:func:`observed_figures` without the bounds (what a chart plots)."""
    return {year: value for year, (value, _) in observed_figures(ctx, record).items()}


def observed_cell(figures: dict, year: int, unit: str) -> Quantity:
    """One year's observed figure as a table cell, with its bound ('≥2000'); unknown when absent."""
    value, bound = figures.get(year, (None, ""))
    return Quantity(_value(value), unit, bound)


def progress_table(ctx, records: list[dict] | None = None) -> pd.DataFrame:
    """One row per target: indicator | unit | attribute (indicative/binding) | base value | each observed year |
    average growth | its price basis | target | task progress | assessment | remark (what is missing, and the
    document that would fill it): the table plan evaluators use."""
    records = ctx.records if records is None else records
    plan, as_of = ctx.plan, ctx.as_of_year or ctx.plan.base_year
    observed = [observed_figures(ctx, r) for r in records]
    years = sorted({y for obs in observed for y in obs if plan.first_year <= y <= min(as_of, ctx.target_year)})
    order = sorted(range(len(records)), key=lambda i: (not text.is_assessed(records[i]),
                                                      SEVERITY.index(records[i]["status"]) if records[i]["status"] in SEVERITY else 99))
    rows = []
    for i in order:
        r, obs = records[i], observed[i]
        attribute = ctx.registry.indicators.get(r["indicator"])
        attribute = attribute.attribute if attribute else ""
        base = (Quantity(_value(r.get("base_value")), r["unit"]) if r.get("base_year") == plan.base_year
                else observed_cell(obs, plan.base_year, r["unit"]))
        row = {ctx.t("col.indicator"): text.record_name(ctx, r), ctx.t("col.unit"): unit_text(ctx, r["unit"]),
               ctx.t("col.attribute"): ctx.t(f"attribute.{attribute}") if attribute else None,
               ctx.t("col.base_value", year=plan.base_year): base}
        for y in years:
            row[ctx.t("col.year", year=y)] = observed_cell(obs, y, r["unit"])
        row |= {ctx.t("col.avg_growth"): _value(r.get("cagr_observed")),
                ctx.t("col.growth_basis"): i18n.basis_label(r.get("growth_basis", ""), ctx.lang) or None,
                ctx.t("col.target", year=ctx.target_year): Quantity(_value(r["target_value"]), r["unit"], r["bound"] or ""),
                ctx.t("col.progress"): _value(r.get("progress")),
                ctx.t("col.status"): status_of(r),
                ctx.t("col.remark"): text.remark(ctx, r) or None}
        rows.append(row)
    return frame_of(rows)


def glance_table(ctx, records: list[dict]) -> pd.DataFrame:
    """The brief's short table: assessed targets only, worst first."""
    chosen = sorted((r for r in records if text.is_assessed(r)),
                    key=lambda r: SEVERITY.index(r["status"]) if r["status"] in SEVERITY else 99)
    return frame_of([{
        ctx.t("col.indicator"): text.record_name(ctx, r),
        ctx.t("col.latest"): ctx.t("fmt.value_year", value=text.amount(ctx, r["latest_value"], r["unit"],
                                                                        r.get("latest_bound") or ""),
                                   year=r["latest_year"]),
        ctx.t("col.target", year=r["target_year"]): Quantity(r["target_value"], r["unit"], r["bound"] or "", show_unit=True),
        ctx.t("col.status"): status_of(r),
        ctx.t("col.required"): _value(r.get("cagr_required")),
        ctx.t("col.growth_basis"): i18n.basis_label(r.get("growth_basis", ""), ctx.lang) or None,
    } for r in chosen])


# --- headline figures and annual targets -----------------------------------------------------

def headline_table(ctx) -> pd.DataFrame:
    """The latest year's figures of the money indicators: level (current prices), growth and its basis; an
    indicator whose figure the source gives as an estimate (the data's estimate mark in the row's note) is marked so."""
    rows, year = ctx.district_rows, ctx.as_of_year
    if year is None:
        return pd.DataFrame()
    rows = rows[(rows["year"] == year) & rows["period_start"].isna()]
    out = []
    for indicator, group in rows.groupby("indicator", sort=False):
        level = group[group["kind"] == "level"]
        growth = group[group["kind"] == "growth"]
        unit = level["unit"].iloc[0] if not level.empty else ""
        if not is_amount(ctx, unit):
            continue
        estimate = estimated(group).any()
        out.append({
            ctx.t("col.indicator"): ctx.name_of(indicator, group["indicator_zh"].iloc[0])
            + (ctx.t("mark.estimate") if estimate else ""),
            ctx.t("col.value_current"): Quantity(float(level["value"].iloc[0]), unit, level["bound"].iloc[0] or ""),
            ctx.t("col.unit"): unit_text(ctx, unit),
            ctx.t("col.growth"): float(growth["value"].iloc[0]) if not growth.empty else None,
            ctx.t("col.growth_basis"): i18n.basis_label(growth["price_basis"].iloc[0], ctx.lang) if not growth.empty else None,
        })
    return frame_of(out)


def annual_targets_table(ctx, after_year: int | None = None) -> pd.DataFrame:
    """Annual growth targets with last year's actual and the acceleration they need (years > *after_year*:
    targets after the latest data, whose assessment column is left out while it would read 'pending' throughout
    and kept once they are due — "not entered" in late 2026 for a 2023 target — and whose year is left out when the
    heading names it)."""
    table = annual_targets(ctx.data, ctx.district, as_of=ctx.as_of)
    if ctx.indicator:
        table = table[table["indicator"] == ctx.indicator]
    if after_year is not None:
        table = table[table["year"] > after_year]
    frame = frame_of([{
        ctx.t("col.indicator"): ctx.name_of(r.indicator, r.indicator_zh)
        + (ctx.t("mark.estimate") if r.actual_estimate else ""),       # the year's actual is the source's estimate
        ctx.t("col.year_plain"): text.year(ctx, int(r.year)),
        ctx.t("col.annual_target"): Quantity(float(r.target), "%", r.bound or ""),
        ctx.t("col.growth_basis"): i18n.basis_label(r.price_basis, ctx.lang) or None,
        ctx.t("col.last_actual"): _value(r.last_actual),
        ctx.t("col.acceleration"): _value(r.acceleration_pp),
        ctx.t("col.two_year"): _value(r.two_year_average),
        ctx.t("col.actual_growth"): None if _value(r.actual) is None else Quantity(float(r.actual), "%", r.actual_bound),
        ctx.t("col.status"): Status(r.status),
    } for r in table.itertuples()])
    frame = drop_unknown(frame, [ctx.t("col.two_year"), ctx.t("col.actual_growth")])
    if after_year is not None and not frame.empty:
        if table["status"].eq("pending").all():     # all still ahead; once due, each says not entered (or its grade)
            frame = frame.drop(columns=[ctx.t("col.status")])
        if table["year"].nunique() == 1:            # the heading names the year
            frame = frame.drop(columns=[ctx.t("col.year_plain")])
    return frame


def annual_tasks_table(ctx) -> pd.DataFrame:
    """Tasks set for one year, their target and (once published) what was done."""
    return frame_of([{
        ctx.t("col.task"): ctx.name_of(r.indicator, r.indicator_zh),
        ctx.t("col.unit"): unit_text(ctx, r.unit),
        ctx.t("col.target", year=int(r.year)): Quantity(float(r.target), r.unit, r.bound or ""),
        ctx.t("col.actual"): Quantity(_value(r.actual), r.unit),
        ctx.t("col.status"): Status(r.status),
    } for r in ctx.annual_tasks.itertuples()])


# --- scenarios ---------------------------------------------------------------------------------

def grid_rates(record: dict, cap: float = 20.0) -> tuple[float, ...]:
    """Real-growth rows from 0 up to the first step at or above the growth the target needs: steps of
    2.5 points up to 10 %, of 5 points beyond (at most six rows, so the grid fits a printed page)."""
    needed = record.get("cagr_required") or 10.0
    step = 2.5 if needed <= 10.0 else 5.0
    top = min(cap, max(10.0, step * math.ceil(needed / step)))
    return tuple(step * k for k in range(int(top / step) + 1))


def scenario_table(ctx, record: dict, real_growth=None, price_change=OPTIONS.price_change) -> pd.DataFrame:
    """Value in the target year for each real growth (rows) and price change (columns); met cells marked.

    A target without a price basis (a count) gets one column: growth only.
    """
    real_growth = tuple(real_growth or grid_rates(record))
    prices = tuple(price_change) if record["price_basis"] == "current" else (0.0,)
    grid = scenario_grid(record, real_growth, prices)
    met = grid.attrs["met"]
    nominal = record["price_basis"] == "current"
    first = ctx.t("col.real_growth") if nominal else ctx.t("col.growth_plain")
    rows = []
    for r in grid.index:
        row = {first: float(r)}
        for p in grid.columns:
            header = ctx.t("col.price_change", price=f"{p:g}") if nominal else ctx.t("col.value_in", year=record["target_year"])
            row[header] = Quantity(float(grid.loc[r, p]), record["unit"], mark="met" if bool(met.loc[r, p]) else "missed",
                                   digits=1)
        row[ctx.t("col.unit")] = unit_text(ctx, record["unit"])
        rows.append(row)
    return frame_of(rows)


def compare_table(ctx, frame: pd.DataFrame) -> pd.DataFrame:
    """Districts of one city side by side (from :func:`analysis.engine.compare.compare_districts`)."""
    return frame_of([{
        ctx.t("col.indicator"): text.record_name(ctx, r),
        ctx.t("col.district"): ctx.registry.district_name(r["district"], ctx.lang),
        ctx.t("col.latest"): ctx.t("fmt.value_year", value=text.amount(ctx, r["latest_value"], r["unit"],
                                                                        r.get("latest_bound") or ""),
                                   year=r["latest_year"]),
        ctx.t("col.target", year=r["target_year"] if "target_year" in r else ctx.target_year):
            Quantity(r["target_value"], r["unit"], r["bound"] or "", show_unit=True),
        ctx.t("col.avg_growth"): _value(r.get("cagr_observed")),
        ctx.t("col.growth_basis"): i18n.basis_label(r.get("growth_basis", ""), ctx.lang) or None,
        ctx.t("col.required"): _value(r.get("cagr_required")),
        ctx.t("col.status"): status_of(r),
    } for r in frame.to_dict("records")])
