"""The scenario explorer: real growth and a separate price assumption, as presets (static page)
and as JupyterLab widgets (district and indicator dropdowns, sliders, a numeric readout).

Growth is always real; the level in the target year is
latest × ((1 + real)(1 + price))^h for a current-price target, latest × (1 + growth)^h for a count.
"""
from __future__ import annotations

import pandas as pd
from dataclasses import replace

from analysis.engine.rules import met as meets
from analysis.report import text
from analysis.report.tables import Quantity, frame_of, unit_text
from analysis.options import OPTIONS


def nominal(record: dict, real_pct: float, price_pct: float) -> float:
    """Growth applied to the level, %/yr: real and price combined for a current-price target."""
    if record["price_basis"] != "current":
        return real_pct
    return ((1 + real_pct / 100) * (1 + price_pct / 100) - 1) * 100


def value_in_target_year(record: dict, real_pct: float, price_pct: float) -> float:
    h = record["target_year"] - record["latest_year"]
    return record["latest_value"] * (1 + nominal(record, real_pct, price_pct) / 100) ** h


def presets(ctx, record: dict, price_pct: float) -> list[tuple[str, float, float]]:
    """(label, real growth, price change): last year's real growth, the annual plan rate (real),
    what the target needs, and a round figure; each labelled the way it is applied."""
    rows = ctx.district_rows
    rows = rows[(rows["indicator"] == record["indicator"]) & rows["period_start"].isna()]
    real_basis = "comparable" if record["price_basis"] == "current" else record["price_basis"]
    price = price_pct if record["price_basis"] == "current" else 0.0
    out = []
    last = rows[(rows["kind"] == "growth") & (rows["price_basis"] == real_basis)].sort_values("year")
    if not last.empty:
        out.append((ctx.t("preset.last_real", year=int(last["year"].iloc[-1])), float(last["value"].iloc[-1]), price))
    plan = rows[(rows["kind"] == "target_growth") & (rows["price_basis"] == real_basis)].sort_values("year")
    if not plan.empty:
        out.append((ctx.t("preset.plan_rate", year=int(plan["year"].iloc[-1])), float(plan["value"].iloc[-1]), price))
    if record.get("cagr_required") is not None:
        needed = record["cagr_required"]
        real = ((1 + needed / 100) / (1 + price / 100) - 1) * 100 if record["price_basis"] == "current" else needed
        out.append((ctx.t("preset.required"), real, price))
    out.append((ctx.t("preset.round"), 5.0, price))
    return out


def growth_label(ctx, record: dict, real: float, price: float) -> str:
    if record["price_basis"] == "current":
        return ctx.t("preset.label", real=text.rate(real), price=text.rate(price))
    return ctx.t("preset.label_plain", real=text.rate(real))


def _met(record: dict, value: float) -> bool:
    """Whether *value* meets the record's target, in the record's direction (the engine's rule)."""
    return bool(meets([value], [record["target_value"]], [record["bound"] or ""], [record["direction"] == "lower"])[0])


def presets_table(ctx, record: dict, price_pct: float) -> pd.DataFrame:
    """Each preset: how it is applied, the value in the target year, met or not."""
    ty = record["target_year"]
    rows = []
    for label, real, price in presets(ctx, record, price_pct):
        value = value_in_target_year(record, real, price)
        met = _met(record, value)
        rows.append({ctx.t("col.scenario"): label, ctx.t("col.growth_assumption"): growth_label(ctx, record, real, price),
                     ctx.t("col.value_in", year=ty): Quantity(value, record["unit"], digits=1),
                     ctx.t("col.unit"): unit_text(ctx, record["unit"]),
                     ctx.t("col.verdict"): ctx.t("verdict.met" if met else "verdict.missed")})
    return frame_of(rows)


def scenario_paths(ctx, record: dict, price_pct: float) -> dict:
    """{label: Series of levels by year} for the presets, for the chart (the path the target needs
    is drawn by the chart itself)."""
    years = range(record["latest_year"] + 1, record["target_year"] + 1)
    out = {}
    for label, real, price in presets(ctx, record, price_pct):
        if label == ctx.t("preset.required"):
            continue
        g = nominal(record, real, price) / 100
        out[ctx.t("fmt.labelled", label=label, text=growth_label(ctx, record, real, price))] = pd.Series(
            {y: record["latest_value"] * (1 + g) ** (y - record["latest_year"]) for y in years})
    return out


def readout(ctx, record: dict, real_pct: float, price_pct: float, sigma_pp: float | None = None,
            n_paths: int = OPTIONS.explorer_paths, seed: int = OPTIONS.seed) -> str:
    """The value in the target year, met or not, and the chance of the target itself, for the sliders' values."""
    from analysis.engine.projection import DEFAULT_SIGMA_PP, simulate

    value = value_in_target_year(record, real_pct, price_pct)
    met = _met(record, value)
    out = ctx.t("explorer.readout", year=text.year(ctx, record["target_year"]), value=text.amount(ctx, value, record["unit"], digits=1),
                target=text.amount(ctx, record["target_value"], record["unit"], record["bound"] or ""),
                verdict=ctx.t("verdict.met" if met else "verdict.missed"))
    sigma = sigma_pp or record.get("sigma_pp") or DEFAULT_SIGMA_PP
    # the figure as written (1000 for "about 1000"): the chance of the target itself, not of its tolerance band
    lower = record["direction"] == "lower"
    mc = simulate(record["latest_value"], record["latest_year"], record["target_year"], nominal(record, real_pct, price_pct),
                  sigma, record["target_value"], "<=" if lower else ">=", n_paths=n_paths, seed=seed)
    exact = text.amount(ctx, record["target_value"], record["unit"], "<=" if lower else "")
    return out + ctx.t("explorer.readout_probability", sigma=text.rate(sigma), target=exact,
                       p=text.chance(ctx, mc.probability * 100))


def explorable(record: dict | None) -> bool:
    """A target the explorer can move: a level with an observation before the target year."""
    return bool(record) and record["target_type"] in ("level", "share", "floor", "ceiling") \
        and record.get("latest_year") is not None and record["latest_year"] < record["target_year"]


def widget(ctx, growth: float, price: float):
    """ipywidgets: district and indicator dropdowns, real-growth and price sliders, a readout, a reset
    button and the chart. Every label is in the page's language; switching the district keeps the
    indicator (where the new district has it) and the sliders."""
    import ipywidgets as w
    import matplotlib.pyplot as plt
    from IPython.display import display

    from analysis.report import charts
    from analysis.report.assessment import assessable_indicators, gap_records
    from analysis.report.html import esc

    records = {}

    def record_of(district, indicator):
        if district not in records:
            records[district] = gap_records(ctx.data, district, ctx.target_year, data_path=ctx.data_path, n_paths=2000)
        return next((r for r in records[district] if r["indicator"] == indicator and explorable(r)), None)

    def options(district):
        """(name in the page's language, key) of every indicator the explorer can move in *district*."""
        found = [(i, record_of(district, i)) for i in assessable_indicators(ctx.data, district, ctx.target_year)]
        return [(ctx.name_of(i, r.get("indicator_zh", "")), i) for i, r in found if r is not None]

    style, layout = {"description_width": "initial"}, w.Layout(width="100%", max_width="36rem")
    districts = [(ctx.registry.district_name(d, ctx.lang), d) for d in sorted(set(ctx.data["district"]))]
    district = w.Dropdown(options=districts, value=ctx.district, description=ctx.t("label.district"), style=style)
    choices = options(ctx.district)
    start = ctx.indicator if ctx.indicator in [v for _, v in choices] else (choices[0][1] if choices else None)
    indicator = w.Dropdown(options=choices, value=start, description=ctx.t("label.indicator"), style=style)
    real = w.FloatSlider(value=growth, min=-10, max=30, step=0.5, description=ctx.t("label.real_growth"),
                         style=style, layout=layout)
    prices = w.FloatSlider(value=price, min=-5, max=10, step=0.5, description=ctx.t("label.price_change"),
                           style=style, layout=layout)
    reset = w.Button(description=ctx.t("label.reset"), icon="undo")
    shown, chart = w.HTML(), w.Output()
    chosen = {"indicator": start}          # the reader's choice, kept while a district without it is shown
    busy = {"switching": False}

    def redraw(*_):
        if busy["switching"]:
            return
        record = record_of(district.value, indicator.value)
        chart.clear_output(wait=True)
        if record is None:
            shown.value = esc(ctx.t("no_targets"))
            return
        prices.disabled = record["price_basis"] != "current"
        shown.value = f"<b>{esc(readout(ctx, record, real.value, prices.value))}</b>"
        path = {growth_label(ctx, record, real.value, prices.value): pd.Series(
            {y: value_in_target_year(dict(record, target_year=y), real.value, prices.value)
             for y in range(record["latest_year"] + 1, record["target_year"] + 1)})}
        with chart:
            view = ctx if district.value == ctx.district else _with_district(ctx, district.value)
            fig = charts.path_to_target(view, record, scenarios=path)
            if fig is not None:
                display(fig)
                plt.close(fig)

    def new_district(change):
        new = options(change["new"])
        keys = [v for _, v in new]
        busy["switching"] = True
        try:
            indicator.options = new
            indicator.value = chosen["indicator"] if chosen["indicator"] in keys else (keys[0] if keys else None)
        finally:
            busy["switching"] = False
        redraw()

    def new_indicator(change):
        if not busy["switching"] and change["new"] is not None:
            chosen["indicator"] = change["new"]
        redraw()

    def back_to_start(_=None):
        real.value, prices.value = growth, price
        chosen["indicator"] = start
        if district.value != ctx.district:
            district.value = ctx.district          # new_district puts the indicator back and redraws
        else:
            indicator.value = start

    district.observe(new_district, names="value")
    indicator.observe(new_indicator, names="value")
    for control in (real, prices):
        control.observe(redraw, names="value")
    reset.on_click(back_to_start)
    redraw()
    return w.VBox([w.HBox([district, indicator]), real, prices, reset, shown, chart])


def _with_district(ctx, district: str):
    return replace(ctx, district=district, indicator=None)
