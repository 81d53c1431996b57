"""The charts themselves: path to target, progress, growth compared, projection fan, level series.

Every function draws on an ``ax`` it is given (or makes its own grid of axes)
and returns its Figure, finished by :func:`analysis.report.plotting.finish`:
one palette, one font, a unit and a source line on every chart.
"""
from __future__ import annotations

import math

import matplotlib
import numpy as np
import pandas as pd

from analysis.i18n import bound_label, indicator_label, t
from analysis.options import OPTIONS
from analysis.report.plotting import (FIGSIZE, PALETTE, SERIES_COLORS, TITLE_WIDTH, finish, legend_below, settle,
                                      source_text, wrap_label)


def _years_axis(ax, years):
    """Years as ticks, two years apart at least on a long axis so that no two labels overlap (the first
    and the last always shown)."""
    ticks = sorted(set(int(y) for y in years))
    gap = 1 if ticks[-1] - ticks[0] <= 6 else 2
    kept = []
    for y in ticks:
        if not kept or (y - kept[-1] >= gap and (ticks[-1] - y >= gap or y == ticks[-1])):
            kept.append(y)
    ax.set_xticks(kept)
    ax.xaxis.set_major_formatter(matplotlib.ticker.FormatStrFormatter("%d"))


def _series_line(ax, series, color: str, label: str | None = None, lw: float = 1.8) -> None:
    """Points of a yearly series, joined by one solid line between consecutive years and a thin dotted one across
    years without a figure (2020 and 2022 known, 2021 not: the line does not pretend to know 2021)."""
    years = [int(y) for y in series.index]
    values = [float(v) for v in series.values]
    full = pd.Series(values, index=years).reindex(range(years[0], years[-1] + 1)) if years else pd.Series(dtype=float)
    ax.plot(full.index, full.values, "o-", color=color, lw=lw, ms=5, label=label)      # NaN breaks the line
    gaps = [(y0, v0, y1, v1) for (y0, v0), (y1, v1) in zip(zip(years, values), zip(years[1:], values[1:])) if y1 - y0 > 1]
    if gaps:
        xs = [x for y0, _, y1, _ in gaps for x in (y0, y1, np.nan)]
        ys = [y for _, v0, _, v1 in gaps for y in (v0, v1, np.nan)]
        ax.plot(xs, ys, ":", color=color, lw=1.0)


def plot_path_to_target(ax, levels, record: dict, unit: str, source: str, lang: str = "zh",
                        projection=None, title: str | None = None):
    """Actual levels, the even plan path, the path now required, and the target (band for '~')."""
    years = list(levels.index)
    past = "_past" if record.get("deadline_passed") else ""     # years already over, their figures not entered
    _series_line(ax, levels, PALETTE["actual"], t("actual", lang), lw=2)
    ty, tv = record["target_year"], record["target_value"]
    by, bv, ly, lv = record["base_year"], record["base_value"], record["latest_year"], record["latest_value"]
    if by is not None and not _nan(bv) and by < ty and bv > 0 and tv > 0:
        ax.plot(*_compound_path(by, bv, ty, tv), ":", color=PALETTE["plan"], label=t("plan_path", lang))
    if ly is not None and not _nan(lv) and ly < ty and lv > 0 and tv > 0:
        ax.plot(*_compound_path(ly, lv, ty, tv), "--", color=PALETTE["required"], lw=1.8,
                label=t("required_path" + past, lang))
    if projection is not None:
        ax.plot([ly] + list(projection.index), [lv] + list(projection.values), "-", color=PALETTE["projection"],
                alpha=0.8, label=t("projected" + past, lang))
    if record.get("bound") == "~":
        # what the rule counts as met short of the target: within the tolerance on the worse side
        # (beyond the target in the better direction is met anyway)
        edge = tv * (1 + OPTIONS.approx_tolerance) if record.get("direction") == "lower" else tv * (1 - OPTIONS.approx_tolerance)
        ax.fill_between([ty - 0.3, ty + 0.3], min(edge, tv), max(edge, tv),
                        color=PALETTE["band"], label=t("target_band", lang, tolerance=OPTIONS.tolerance_text()))
    ax.plot([ty], [tv], marker="*", ms=14, color=PALETTE["target"], ls="none",
            label=f"{t('target', lang)} {bound_label(record.get('bound'), lang)}{tv:g}")
    _years_axis(ax, years + [ty])
    legend_below(ax)
    return finish(ax, title or record["indicator_zh"], unit, source, lang)


def plot_progress(ax, records, source: str, lang: str = "zh", title: str | None = None):
    """Task progress against time elapsed, one bar per indicator with data."""
    rows = [r for r in records if not _nan(r.get("progress_log")) and r.get("latest_year") != r.get("base_year")]
    names = [wrap_label(_name(r, lang), lang) for r in rows]
    values = [r["progress_log"] for r in rows]
    colors = [PALETTE["behind"] if r["progress_log"] - r["tau"] <= -OPTIONS.schedule_band_pp else PALETTE["ahead"]
              for r in rows]
    ax.barh(names, values, color=colors, height=0.5, label=t("progress", lang))
    for i, r in enumerate(rows):
        ax.plot([r["tau"], r["tau"]], [i - 0.35, i + 0.35], color="black", lw=2,
                label=t("tau", lang) if i == 0 else None)
    ax.set_xlim(0, max([100] + values))
    ax.set_xlabel("%")
    legend_below(ax)
    fig = finish(ax, title or t("progress", lang), "%", source, lang)
    ax.set_ylabel("")
    return fig


def plot_growth_compare(ax, records, source: str, lang: str = "zh", title: str | None = None):
    """Observed against required annual growth, percent."""
    rows = [r for r in records if not _nan(r.get("cagr_required"))]
    names = [wrap_label(_name(r, lang), lang) for r in rows]
    x = np.arange(len(rows))
    observed = [0 if _nan(r["cagr_observed"]) else r["cagr_observed"] for r in rows]
    ax.bar(x - 0.2, observed, 0.4, color=PALETTE["actual"], label=t("observed_growth", lang))
    ax.bar(x + 0.2, [r["cagr_required"] for r in rows], 0.4, color=PALETTE["required"], label=t("required_growth", lang))
    ax.set_xticks(x, names, rotation=0)
    ax.axhline(0, color="black", lw=0.8)
    legend_below(ax)
    return finish(ax, title or t("required_growth", lang), "%", source, lang)


def plot_fan(ax, levels, frames: dict, unit: str, source: str, lang: str = "zh", target: float | None = None,
             target_year: int | None = None, mc_fan=None, title: str | None = None, coverage: str | None = None,
             assumed: bool = False):
    """History, each model's mean and interval (labelled with its *coverage*, e.g. '95'), Monte Carlo fan,
    and the target. Every band starts at the last observation, as the lines do; *assumed*: the spread behind the
    bands is assumed, and their labels say so."""
    suffix = "_assumed" if assumed else ""
    years = list(levels.index)
    _series_line(ax, levels, PALETTE["actual"], t("actual", lang), lw=2)
    last_year, last = years[-1], float(levels.iloc[-1])
    if mc_fan is not None:
        ax.fill_between([last_year] + list(mc_fan.index), [last] + list(mc_fan["q05"]), [last] + list(mc_fan["q95"]),
                        color=PALETTE["fan"], alpha=0.6, label=t("fan" + suffix, lang))
    for i, (name, frame) in enumerate(frames.items()):
        color = PALETTE.get(name, SERIES_COLORS[i % len(SERIES_COLORS)])
        ax.plot([last_year] + list(frame.index), [last] + list(frame["mean"]), "-", color=color, lw=1.8,
                label=t(name, lang))
        band = t("model_band" + suffix, lang, coverage=coverage) if coverage and i == 0 else None    # one entry
        ax.fill_between([last_year] + list(frame.index), [last] + list(frame["obs_ci_lower"]),
                        [last] + list(frame["obs_ci_upper"]), color=color, alpha=0.12, label=band)
    if target is not None:
        ax.plot([target_year], [target], marker="*", ms=14, color=PALETTE["target"], ls="none",
                label=f"{t('target', lang)} {target:g}")
    # Keep the target and the central projections readable: a very wide interval
    # (the trend model on three points) is cut at the top rather than squashing the rest.
    tops = [float(levels.max())] + [float(f["mean"].max()) for f in frames.values()]
    if target is not None:
        tops.append(target)
    if mc_fan is not None:
        tops.append(float(mc_fan["q95"].max()))
    ax.set_ylim(bottom=0, top=max(tops) * 1.25)
    _years_axis(ax, years + ([target_year] if target_year else []) + [y for f in frames.values() for y in f.index])
    legend_below(ax)
    return finish(ax, title or t("projection", lang, district="", indicator=""), unit, source, lang)


def _hollow_bounds(ax, series, column: str, color: str, bounds: set) -> None:
    """Redraw as hollow the points of *series* that are only bounds ({(column, year)})."""
    years = [y for y in series.index if (column, int(y)) in bounds]
    if years:
        ax.plot(years, series.loc[years].values, "o", mfc="white", mec=color, mew=1.6, ms=7, zorder=3)


def plot_levels(ax, table, unit: str, source: str, lang: str = "zh", title: str | None = None, bounds=frozenset()):
    """Several level series (columns of *table*, indexed by year) on one axis; points in *bounds*
    ({(column, year)}: figures the source gives only as at least / at most) hollow."""
    for i, column in enumerate(table.columns):
        s = table[column].dropna()
        _series_line(ax, s, SERIES_COLORS[i % len(SERIES_COLORS)], column)
        _hollow_bounds(ax, s, column, SERIES_COLORS[i % len(SERIES_COLORS)], bounds)
    _years_axis(ax, table.index)
    legend_below(ax)
    return finish(ax, title or t("main_series", lang), unit, source, lang)


def plot_small_multiples(table, unit: str, source: str, lang: str = "zh", title: str | None = None, ncols: int = 2,
                         bounds=frozenset()):
    """One small panel per series (column of *table*, indexed by year), each on its own y axis:
    indicators of different size are never flattened on one scale; points in *bounds* hollow."""
    import matplotlib.pyplot as plt

    columns = list(table.columns)
    ncols = min(ncols, len(columns))
    nrows = math.ceil(len(columns) / ncols)
    fig, axes = plt.subplots(nrows, ncols, figsize=(FIGSIZE[0], 1.0 + 1.9 * nrows), squeeze=False)
    years = sorted(int(y) for y in table.index)
    for i, ax in enumerate(axes.flat):
        if i >= len(columns):
            ax.set_visible(False)
            continue
        s = table[columns[i]].dropna()
        _series_line(ax, s, SERIES_COLORS[i % len(SERIES_COLORS)])
        _hollow_bounds(ax, s, columns[i], SERIES_COLORS[i % len(SERIES_COLORS)], bounds)
        ax.set_title(wrap_label(columns[i], lang, TITLE_WIDTH[lang] // ncols), loc="left", fontsize=11)
        ax.set_ylim(bottom=0, top=float(s.max()) * 1.15 if len(s) else 1)
        ax.yaxis.set_major_locator(matplotlib.ticker.MaxNLocator(3))
        ax.set_xlim(years[0] - 0.6, years[-1] + 0.6)      # the first and last points whole, not cut by the axes
        ax.set_xticks(years if len(years) <= 3 else [years[0], years[-1]])
        ax.xaxis.set_major_formatter(matplotlib.ticker.FormatStrFormatter("%d"))
    fig.suptitle(wrap_label(t("chart.title_unit", lang, title=title or t("main_series", lang), unit=unit), lang,
                            TITLE_WIDTH[lang]),
                 x=0.01, ha="left", fontsize=13.5)
    fig.set_label(title or t("main_series", lang))
    source_text(fig, source, lang)
    return settle(fig)


def _compound_path(y0: int, v0: float, y1: int, v1: float):
    """Years and values of constant compound growth from (y0, v0) to (y1, v1)."""
    years = list(range(int(y0), int(y1) + 1))
    rate = (v1 / v0) ** (1 / (y1 - y0))
    return years, [v0 * rate ** (y - y0) for y in years]


def _name(record: dict, lang: str) -> str:
    """The indicator's name in *lang* (the registry's English name, not its key)."""
    return record["indicator_zh"] if lang == "zh" else indicator_label(record["indicator"], record["indicator_zh"], lang)


def _nan(value) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))
