"""Sentences: every word comes from the catalogue (locales/report.yaml), keyed by status and flag codes.

Functions here take a Context and records and return plain strings (no HTML).
"""
from __future__ import annotations

import math

from analysis import i18n
from analysis.options import OPTIONS

UNKNOWN = "–"


# --- numbers and small pieces ---------------------------------------------------------------

def rate(value, digits: int = 1) -> str:
    """A percentage or percentage-point figure: '13.0', '–' when unknown."""
    return i18n.number(None if value is None else float(value), digits)


def bound_rate(value, bound: str, digits: int = 1) -> str:
    """A rate that is only a bound ('>=': at least), rounded toward the side it bounds so that it stays true:
    2000/2300 = 86.96 % at least is '86.9', never '87.0'."""
    if value is None or value != value or bound not in (">=", "<="):
        return rate(value, digits)
    scale = 10 ** digits
    return rate((math.floor if bound == ">=" else math.ceil)(float(value) * scale) / scale, digits)


def probability(value) -> str:
    """A probability in percent, whole numbers, '<1' / '>99' at the ends."""
    if value is None:
        return UNKNOWN
    if 0 < value < 1:
        return "<1"
    if 99 < value < 100:
        return ">99"
    return f"{value:.0f}"


def chance(ctx, value) -> str:
    """A model's probability in words: 'about 13%', 'less than 1%', 'more than 99%' ('–' when unknown).
    A model is never certain: 0 and 100 (every simulated path) read as 'less than 1%' / 'more than 99%'."""
    if value is None:
        return UNKNOWN
    if value < 1:
        return ctx.t("chance.below")
    if value > 99:
        return ctx.t("chance.above")
    return ctx.t("chance.about", p=probability(value))


def amount(ctx, value, unit: str, bound: str = "", digits: int | None = None) -> str:
    """A value with its unit, as the page's tables show it (e.g. '62.05 bn yuan')."""
    return i18n.amount(value, unit, ctx.lang, bound, digits)


def sentences(ctx, parts) -> str:
    """Sentences run together: no space between Chinese sentences, one between English ones."""
    return ("" if ctx.lang == "zh" else " ").join(p for p in parts if p)


def year(ctx, value: int) -> str:
    return ctx.t("fmt.year", year=value)


def years(ctx, first: int, last: int) -> str:
    """A span of years ('2023-2025' in English), or one year when first == last."""
    return year(ctx, last) if first >= last else ctx.t("fmt.year_range", first=first, last=last)


def at_basis(ctx, basis: str) -> str:
    """' at current prices (nominal)' in English, or '' when no price basis applies."""
    return ctx.t("fmt.at_basis", basis=i18n.basis_label(basis, ctx.lang)) if basis else ""


def joined(ctx, items) -> str:
    return ctx.t("sep.list").join(items)


def status(ctx, record: dict) -> str:
    """The record's status in words; a figure not yet entered or published says so beside the reading of
    the latest data (catalogue key msg.trend_status)."""
    label = i18n.status_label(record["status"], ctx.lang, bool(record.get("final")))
    if record["status"] in ("not_entered", "pending") and record.get("trend_status"):
        return ctx.t("msg.trend_status", data_year=record.get("latest_year"), target_year=record["target_year"],
                     trend=i18n.status_label(record["trend_status"], ctx.lang, False), status=label)
    return label


def date(ctx, day) -> str:
    """A date in the page's language (catalogue key fmt.date)."""
    return ctx.t("fmt.date", year=day.year, month=day.month, day=day.day)


def record_name(ctx, record: dict) -> str:
    return ctx.name_of(record["indicator"], record.get("indicator_zh", ""))


# --- page header ---------------------------------------------------------------------------

def title(ctx, page: str) -> str:
    """The page title: overview and brief fit what the district has (plan targets, annual tasks, nothing)."""
    values = {"district": ctx.district_name, "indicator": ctx.indicator_name, "plan": ctx.plan_name,
              "target_year": ctx.target_year}
    if page in ("overview", "brief") and ctx.mode != "plan":
        if ctx.mode == "annual":
            return ctx.t(f"title.{page}_annual", year=int(ctx.annual_tasks["year"].max()), **values)
        return ctx.t("title.overview_none", **values)
    if page == "projection" and ctx.as_of is not None and ctx.target_year and ctx.as_of.year > ctx.target_year:
        return ctx.t("title.projection_past", **values)       # a year already over is estimated, not foreseen
    return ctx.t(f"title.{page}", **values)


def as_of(ctx) -> str:
    """The assessment date and the latest year of data (catalogue key subtitle.assessment)."""
    year_ = ctx.as_of_year
    data = ctx.t("subtitle.data_year", year=year_) if year_ else ctx.t("subtitle.no_data")
    return ctx.t("subtitle.assessment", date=date(ctx, ctx.as_of), data=data)


def plan_standing(ctx) -> str:
    """Where the plan stands in time, for the top of the findings: ended or not, which years a final
    assessment still lacks and the documents that hold them; '' while the plan runs."""
    from analysis.engine.timeline import latest_due_year

    plan = ctx.plan
    if not ctx.plan_ended:
        return ""
    data_year = ctx.as_of_year
    first = max(plan.first_year, (data_year or plan.base_year) + 1)
    last = min(plan.last_year, latest_due_year(ctx.as_of, plan.figures_due))
    values = {"plan": ctx.plan_name, "last_year": plan.last_year, "data_year": data_year,
              "years": years(ctx, first, last)}
    if first > last:
        return ctx.t("msg.plan_ended_final", **values)
    return ctx.t("msg.plan_ended", **values, documents=document(ctx, first, last))


def target_year_in(record) -> bool:
    """The target year's figure is entered: nothing is left to project or explore."""
    return bool(record) and is_assessed(record) and record.get("latest_year") is not None \
        and record["latest_year"] >= record["target_year"]


def how_to_read(ctx, page: str) -> str:
    if page in ("overview", "brief") and ctx.mode == "annual":
        return ctx.t("how_to_read_annual", year=int(ctx.annual_tasks["year"].max()))
    if page == "explorer" and target_year_in(getattr(ctx, "record", None)):
        return ctx.t("how_to_read_explorer_final")       # no grid to read: the page gives the assessment
    key = {"brief": "how_to_read_brief", "explorer": "how_to_read_explorer"}.get(page, "how_to_read")
    return ctx.t(key, band=OPTIONS.schedule_band_text()) if key == "how_to_read" else ctx.t(key)


# --- what is missing -----------------------------------------------------------------------

def chance_stated(record: dict) -> bool:
    """Whether a record's probability may be shown: not when its spread of growth is assumed (too few observed
    rates), for the chance would be an assumption too; every page says why and shows the scenario grid."""
    return record.get("sigma_source") != "assumed"


def is_assessed(record: dict) -> bool:
    """Whether there is a finding to show: the engine's rule (:func:`analysis.engine.records.assessable`):
    a status, the reading of the latest data for a figure not yet entered, or a final figure known only
    as a bound that cannot decide the grade."""
    from analysis.engine.records import assessable

    return bool(assessable([record]))


def is_forecast(record: dict) -> bool:
    """A figure the plan gives as a forecast, not a target: not assessed, and nothing is missing for it."""
    return record["status"] == "not_assessed"


def document(ctx, first: int, last: int) -> str:
    """The documents that publish the figures of *first*..*last* (and, for a plan that has ended, its
    summary report, which a final assessment needs)."""
    if first >= last:
        text_ = ctx.t("document.one", year=last, publish=last + 1)
    else:
        text_ = ctx.t("document.range", first=first, last=last)
    if ctx.plan_ended and last >= ctx.plan.last_year:
        text_ += ctx.t("document.plan_summary", plan=ctx.plan_name, year=ctx.plan.last_year)
    return text_


def missing(ctx, record: dict) -> str:
    """What a target lacks: the years not entered (a target with a reading, an annual one), else what
    a target that cannot be assessed has ('only the 2020 base value')."""
    years_ = record.get("missing_years") or []
    if years_ and (is_assessed(record) or record["target_type"] in ("growth_annual", "annual_task")):
        return ctx.t("missing.not_entered", years=years(ctx, years_[0], years_[-1]))
    if record["target_type"] == "cumulative":
        return ctx.t("missing.no_flows", first=record.get("period_start") or ctx.plan.first_year)
    if record.get("latest_year") is not None:
        return ctx.t("missing.base_only", year=record["latest_year"])
    return ctx.t("missing.no_observation")


def missing_years(ctx, record: dict) -> tuple[int, int]:
    """The plan years whose documents would fill what *record* lacks: the engine's ``missing_years``
    (due by the assessment date), else the plan's years up to the latest data."""
    if record.get("missing_years"):
        return record["missing_years"][0], record["missing_years"][-1]
    first = ctx.plan.first_year
    return first, max(first, min(ctx.as_of_year or first, record["target_year"]))


def remark(ctx, record: dict) -> str:
    """What a row lacks and which documents would fill it; '' when nothing is missing."""
    from analysis.engine.timeline import due_date

    if record["status"] == "not_assessed":
        return ""
    if record["status"] == "pending":
        return ctx.t("missing.pending", year=record["target_year"],
                     due=date(ctx, due_date(record["target_year"], ctx.plan.figures_due)))
    if is_assessed(record) and not record.get("missing_years"):
        return ""
    return ctx.t("remark", missing=missing(ctx, record), document=document(ctx, *missing_years(ctx, record)))


# --- caveats -------------------------------------------------------------------------------

def caveats(ctx, records: list[dict]) -> list[str]:
    """General notes for the page: price basis of the growth figures shown, and how 'about' targets are read."""
    rows = ctx.rows
    growth = rows[rows["kind"].isin(["growth", "target_growth"])]
    out = []
    for basis in ("comparable", "current"):
        chosen = growth[growth["price_basis"] == basis].drop_duplicates("indicator")
        if not chosen.empty:
            names = joined(ctx, [ctx.name_of(i, z) for i, z in zip(chosen["indicator"], chosen["indicator_zh"])])
            out.append(ctx.t(f"caveat.basis.{basis}", names=names))
    if any(r.get("bound") == "~" for r in records) or (growth["bound"] == "~").any():
        out.append(ctx.t("caveat.tolerance", tolerance=OPTIONS.tolerance_text(), tolerance_pp=OPTIONS.tolerance_pp_text()))
    return out
