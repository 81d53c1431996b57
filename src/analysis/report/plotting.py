"""Figures: one palette, one font, units and a source line on every chart.

Every function draws on an ``ax`` it is given and returns its Figure, so
notebooks compose and tests render them the same way. Importing this module
registers the bundled CJK font (Noto Sans SC subset, OFL) with matplotlib so
Chinese renders on a machine with no system CJK font.

Sized for a phone first: a 5.2-inch figure shown 358 px wide keeps 11-pt text
about 10.5 px high (and 17 px on a desktop, where the page shows it at most
36rem = 576 px wide); legends sit below the axes in two columns, and long titles,
category names and source lines are wrapped instead of running off the figure.
"""
from __future__ import annotations

import math
import re
import textwrap

import matplotlib

from analysis.config import FONTS_DIR
from analysis.i18n import bound_label, indicator_label, t
from analysis.options import OPTIONS

FONT_FILE = FONTS_DIR / "NotoSansSC-Subset.otf"
FONT_FAMILY = "Noto Sans SC Subset"

PALETTE = {
    "actual": "#1f4e79", "required": "#c0392b", "plan": "#7f8c8d", "target": "#d35400",
    "projection": "#2e86c1", "trend": "#8e44ad", "plan_rate": "#16a085", "band": "#f5cba7",
    "fan": "#aed6f1", "ahead": "#27ae60", "behind": "#c0392b", "neutral": "#95a5a6",
}
SERIES_COLORS = ["#1f4e79", "#c0392b", "#16a085", "#d35400", "#8e44ad", "#7f8c8d", "#2e86c1", "#b7950b"]
FIGSIZE = (5.2, 4.0)          # inches; the page scales the PNG to the column width
LEGEND_SIZE = 11
SOURCE_SIZE = 9
# Characters a line holds at the figure's width (CJK characters are about twice as wide as Latin).
TITLE_WIDTH = {"zh": 23, "en": 46}
SOURCE_WIDTH = {"zh": 38, "en": 76}
LABEL_WIDTH = {"zh": 6, "en": 14}
LEGEND_BELOW = "legend-below"
PAUSES = "\uff1b\uff0c\u3001;,"      # full-width semicolon and comma, the enumeration comma, and ASCII ones


def use_chinese_font() -> None:
    """Register the bundled font and make it the default sans-serif (DejaVu Sans as fallback)."""
    from matplotlib import font_manager

    if FONT_FAMILY not in {f.name for f in font_manager.fontManager.ttflist}:
        font_manager.fontManager.addfont(str(FONT_FILE))
    matplotlib.rcParams["font.family"] = "sans-serif"
    matplotlib.rcParams["font.sans-serif"] = [FONT_FAMILY, "DejaVu Sans"]
    matplotlib.rcParams["axes.unicode_minus"] = False     # ASCII hyphen-minus: present in every font
    matplotlib.rcParams.update({
        "figure.dpi": 100, "savefig.dpi": 160, "axes.spines.top": False, "axes.spines.right": False,
        "axes.grid": True, "grid.alpha": 0.3, "axes.titlesize": 13.5, "axes.titleweight": "normal",
        "axes.labelsize": 11, "xtick.labelsize": 11, "ytick.labelsize": 11, "legend.fontsize": LEGEND_SIZE,
        "figure.figsize": FIGSIZE,
    })


use_chinese_font()


def wrap_label(text: str, lang: str, width: int | None = None) -> str:
    r"""Break *text* into lines of at most *width* characters, in balanced lines.

    Chinese breaks between characters, but never inside a number or a Latin
    word (a Latin character counts half); English breaks between words.

    Examples (Chinese ones in tests/test_plotting.py)
    --------
    >>> wrap_label("industrial firms above scale", "en", 14)
    'industrial\nfirms above\nscale'
    """
    text = str(text)
    width = width or LABEL_WIDTH[lang]
    if lang != "zh":
        return textwrap.fill(text, width, break_long_words=False) or text
    tokens = re.findall(r"[A-Za-z0-9.,%]+|\s+|.", text)
    size = [len(tok) / 2 if tok.isascii() else len(tok) for tok in tokens]
    lines_needed = math.ceil(sum(size) / width)
    if lines_needed <= 1:
        return text
    target = sum(size) / lines_needed          # balanced: no one-character last line
    lines, line, used = [], "", 0.0
    for tok, n in zip(tokens, size):
        balanced = len(lines) < lines_needed - 1
        if line and (used + n > width or (balanced and used + n > target + 0.5)):
            lines.append(line.rstrip())
            line, used = "", 0.0
        if line or not tok.isspace():
            line, used = line + tok, used + n
        if balanced and tok in PAUSES and used >= 0.6 * target:    # rather break after a pause
            lines.append(line)
            line, used = "", 0.0
    return "\n".join(lines + [line.rstrip()])


def legend_below(ax, ncol: int = 2):
    """Legend under the axes, *ncol* columns: it never covers the data and stays readable when scaled down."""
    handles, labels = ax.get_legend_handles_labels()
    if not handles:
        return None
    legend = ax.legend(handles, labels, loc="upper center", bbox_to_anchor=(0.5, -0.12), ncol=min(ncol, len(handles)),
                       frameon=False, fontsize=LEGEND_SIZE, handlelength=1.8, columnspacing=1.2)
    legend.set_gid(LEGEND_BELOW)      # finish() moves it under the tick labels once they are laid out
    return legend


def _tuck_legend(ax) -> None:
    """Anchor a below-the-axes legend just under the x tick labels and axis label, wherever they end."""
    legend = ax.get_legend()
    if legend is None or legend.get_gid() != LEGEND_BELOW:
        return
    renderer = ax.figure.canvas.get_renderer()
    bottom = ax.xaxis.get_tightbbox(renderer).y0
    y = ax.transAxes.inverted().transform((0, bottom))[1]
    legend.set_bbox_to_anchor((0.5, y - 0.01), transform=ax.transAxes)


def finish(ax, title: str, unit: str, source: str, lang: str, xlabel: str | None = None):
    """Title, unit on the y axis, source line under the plot; returns the Figure."""
    fig = ax.figure
    ax.set_title(wrap_label(title, lang, TITLE_WIDTH[lang]), loc="left")
    ax.set_ylabel(t("chart.axis_unit", lang, unit=unit))
    if xlabel:
        ax.set_xlabel(xlabel)
    source = wrap_label(source, lang, SOURCE_WIDTH[lang])
    fig.text(0.01, 0.01, source, fontsize=SOURCE_SIZE, color="#555555", ha="left", va="bottom", linespacing=1.3)
    # Room for the source lines: each is about 1.4 × its font size high, in figure-height fractions.
    bottom = 0.015 + (source.count("\n") + 1) * SOURCE_SIZE * 1.4 / 72 / fig.get_figheight()
    fig.tight_layout(rect=(0, bottom, 1, 1))
    for _ in range(2):                   # the axes shrink to make room, which moves the tick labels: settle
        _tuck_legend(ax)
        fig.tight_layout(rect=(0, bottom, 1, 1))
    return fig


def _years_axis(ax, years):
    ax.set_xticks(sorted(set(int(y) for y in years)))
    ax.xaxis.set_major_formatter(matplotlib.ticker.FormatStrFormatter("%d"))


def plot_path_to_target(ax, levels, record: dict, unit: str, source: str, lang: str = "zh",
                        projection=None, title: str | None = None):
    """Actual levels, the even plan path, the path now required, and the target (band for '~')."""
    years = list(levels.index)
    ax.plot(years, levels.values, "o-", color=PALETTE["actual"], lw=2, label=t("actual", lang))
    ty, tv = record["target_year"], record["target_value"]
    by, bv, ly, lv = record["base_year"], record["base_value"], record["latest_year"], record["latest_value"]
    if by is not None and not _nan(bv) and by < ty and bv > 0 and tv > 0:
        ax.plot(*_compound_path(by, bv, ty, tv), ":", color=PALETTE["plan"], label=t("plan_path", lang))
    if ly is not None and not _nan(lv) and ly < ty and lv > 0 and tv > 0:
        ax.plot(*_compound_path(ly, lv, ty, tv), "--", color=PALETTE["required"], lw=1.8,
                label=t("required_path", lang))
    if projection is not None:
        ax.plot([ly] + list(projection.index), [lv] + list(projection.values), "-", color=PALETTE["projection"],
                alpha=0.8, label=t("projected", lang))
    if record.get("bound") == "~":
        ax.fill_between([ty - 0.3, ty + 0.3], tv * (1 - OPTIONS.approx_tolerance), tv * (1 + OPTIONS.approx_tolerance),
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
    import numpy as np

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
             target_year: int | None = None, mc_fan=None, title: str | None = None):
    """History, each model's mean and interval, Monte Carlo fan, and the target."""
    years = list(levels.index)
    ax.plot(years, levels.values, "o-", color=PALETTE["actual"], lw=2, label=t("actual", lang))
    last_year, last = years[-1], float(levels.iloc[-1])
    if mc_fan is not None:
        ax.fill_between([last_year] + list(mc_fan.index), [last] + list(mc_fan["q05"]), [last] + list(mc_fan["q95"]),
                        color=PALETTE["fan"], alpha=0.6, label=t("fan", lang))
    for i, (name, frame) in enumerate(frames.items()):
        color = PALETTE.get(name, SERIES_COLORS[i % len(SERIES_COLORS)])
        ax.plot([last_year] + list(frame.index), [last] + list(frame["mean"]), "-", color=color, lw=1.8,
                label=t(name, lang))
        ax.fill_between(frame.index, frame["obs_ci_lower"], frame["obs_ci_upper"], color=color, alpha=0.12)
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


def plot_levels(ax, table, unit: str, source: str, lang: str = "zh", title: str | None = None):
    """Several level series (columns of *table*, indexed by year) on one axis."""
    for i, column in enumerate(table.columns):
        s = table[column].dropna()
        ax.plot(s.index, s.values, "o-", color=SERIES_COLORS[i % len(SERIES_COLORS)], lw=1.8, label=column)
    _years_axis(ax, table.index)
    legend_below(ax)
    return finish(ax, title or t("main_series", lang), unit, source, lang)


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
