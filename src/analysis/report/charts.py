"""Figures for the report pages, drawn with analysis.report.figures in the page's display unit.

Each function returns a matplotlib Figure, or None when there is nothing to draw.
Values are scaled to the page's unit (100m yuan read as bn yuan in English) so a chart
shows an amount as the page's tables and sentences do; targets keep their bound.
"""
from __future__ import annotations

import pandas as pd

from analysis import i18n
from analysis.report import text
from analysis.report.tables import is_amount, observed_by_year


def _axes():
    import matplotlib.pyplot as plt

    from analysis.report import plotting

    return plt.subplots()


def source_line(ctx, rows: pd.DataFrame | None = None) -> str:
    """The source line naming the documents the rows come from (titles from data/sources.csv)."""
    rows = ctx.rows if rows is None else rows
    titles = [ctx.registry.source_title(s, ctx.lang) for s in dict.fromkeys(rows["source"])]
    return ctx.t("source", sources=ctx.t("sep.clause").join(titles))


def _scaled(ctx, record: dict, levels: pd.Series) -> tuple[dict, pd.Series, str]:
    label, factor = i18n.display_unit(record["unit"], ctx.lang)
    keys = ("base_value", "latest_value", "target_value")
    scaled = dict(record, **{k: (record[k] * factor if record.get(k) is not None else None) for k in keys})
    return scaled, levels * factor, label


def levels_of(ctx, record: dict) -> pd.Series:
    observed = observed_by_year(ctx, record)
    return pd.Series(observed, dtype=float).sort_index().loc[: record["target_year"]]


def main_series(ctx):
    """Levels of the money indicators observed in at least two years, on one axis (one unit)."""
    rows = ctx.district_rows
    rows = rows[(rows["kind"] == "level") & rows["period_start"].isna() & rows["unit"].map(lambda u: is_amount(ctx, u))]
    if rows.empty:
        return None
    unit = rows["unit"].mode().iloc[0]
    rows = rows[rows["unit"] == unit]
    counts = rows.groupby("indicator")["year"].nunique()
    rows = rows[rows["indicator"].isin(counts[counts >= 2].index)]
    if rows.empty:
        return None
    from analysis.report.figures import plot_levels

    label, factor = i18n.display_unit(unit, ctx.lang)
    names = {i: ctx.name_of(i, z) for i, z in zip(rows["indicator"], rows["indicator_zh"])}
    named = rows.assign(name=rows["indicator"].map(names))
    table = named.pivot_table(index="year", columns="name", values="value") * factor
    # a figure the source gives only as a bound (at least / at most) is drawn as a hollow point, and said so
    bounded = named[named["bound"].isin([">=", "<="])]
    bounds = {(name, int(year)) for name, year in zip(bounded["name"], bounded["year"])}
    source = source_line(ctx, rows) + (ctx.t("sep.clause") + ctx.t("chart.bound_points") if bounds else "")
    if table.shape[1] > 1:        # each on its own axis: budget revenue (20) is not flattened on GDP's scale (620)
        from analysis.report.figures import plot_small_multiples

        order = table.max().sort_values(ascending=False).index
        return plot_small_multiples(table[order], label, source, ctx.lang, ctx.t("heading.main_series"), bounds=bounds)
    fig, ax = _axes()
    return plot_levels(ax, table, label, source, ctx.lang, ctx.t("heading.main_series"), bounds=bounds)


def path_to_target(ctx, record: dict, projection: pd.Series | None = None, scenarios: dict | None = None):
    """Observed levels, the even plan path, the path now required, the target (with its bound),
    and optionally a projection and scenario paths ({label: Series})."""
    from analysis.report.figures import plot_path_to_target
    from analysis.report.plotting import SERIES_COLORS, relegend

    levels = levels_of(ctx, record)
    if levels.empty or record["target_type"] in ("growth_average", "growth_annual", "cumulative"):
        return None
    scaled, levels, unit = _scaled(ctx, record, levels)
    factor = i18n.display_unit(record["unit"], ctx.lang)[1]
    _, ax = _axes()
    if projection is not None:
        projection = projection * factor
    plot_path_to_target(ax, levels, scaled, unit, source_line(ctx), ctx.lang, projection,
                        title=text.record_name(ctx, record))
    for i, (label, path) in enumerate((scenarios or {}).items()):
        start = pd.Series({scaled["latest_year"]: scaled["latest_value"]})
        line = pd.concat([start, path * factor])
        ax.plot(line.index, line.values, "-", lw=1.4, alpha=0.9, color=SERIES_COLORS[(i + 2) % len(SERIES_COLORS)],
                label=label)
    return relegend(ax)            # scenario lines added, or long labels: the plot keeps its height


def progress_bars(ctx, records: list[dict]):
    """Task progress against time elapsed, one bar per assessed target (from two targets on:
    a single bar says nothing the progress table does not)."""
    from analysis.report.figures import plot_progress

    rows = [dict(r, indicator_zh=text.record_name(ctx, r), indicator=text.record_name(ctx, r), progress_log=r["progress"])
            for r in records if text.is_assessed(r) and r.get("progress") is not None]
    if len(rows) < 2:
        return None
    fig, ax = _axes()
    return plot_progress(ax, rows, source_line(ctx), ctx.lang, ctx.t("heading.progress_chart"))


def fan(ctx, record: dict, projection):
    """History, each model's mean and prediction interval, the Monte Carlo 90% fan and the target with its bound."""
    from analysis.report.figures import plot_fan
    from analysis.report.plotting import PALETTE, relegend

    if projection is None or projection.levels.empty or not (projection.frames or projection.mc):
        return None
    scaled, levels, unit = _scaled(ctx, record, projection.levels)
    factor = i18n.display_unit(record["unit"], ctx.lang)[1]
    frames = {name: frame * factor for name, frame in projection.frames.items()}
    mc_fan = projection.mc.fan * factor if projection.mc is not None else None
    _, ax = _axes()
    plot_fan(ax, levels, frames, unit, source_line(ctx), ctx.lang, None, scaled["target_year"], mc_fan,
                   title=text.title(ctx, "projection"), coverage=f"{(1 - projection.alpha) * 100:g}",
                   assumed=any(key == "proj.sigma_assumed" for key, _ in projection.notes))
    target = scaled["target_value"]
    ax.plot([scaled["target_year"]], [target], marker="*", ms=14, color=PALETTE["target"], ls="none",
            label=f"{ctx.t('target')} {i18n.value_text(record['target_value'], record['unit'], ctx.lang, record['bound'] or '')}")
    bottom, top = ax.get_ylim()
    ax.set_ylim(bottom, max(top, target * 1.15))
    return relegend(ax)
