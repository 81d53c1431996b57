"""The charts' style: one palette, one font, units and a source line on every chart (the charts
themselves are in :mod:`analysis.report.figures`).

Figure functions draw on an ``ax`` they are given and return its Figure, so
notebooks compose and tests render them the same way. Importing this module
registers the bundled CJK font (Noto Sans SC subset, OFL) with matplotlib so
Chinese renders on a machine with no system CJK font.

Sized for a phone first: a 4.8-inch (345.6 pt) figure shown 361 px wide keeps
11-pt tick labels 11.5 px and the 10-pt source line 10.4 px high (a desktop page
shows it at most 36rem = 576 px wide). Pages get the figure as SVG with its text
drawn as paths (:func:`svg_chart`): crisp at any size and density, no font needed
by the reader. Legends sit below the axes, never on the data; long titles,
category names and source lines are wrapped instead of running off the figure.
"""
from __future__ import annotations

import unicodedata
import math
import re
import textwrap

import matplotlib
import io

from analysis.config import FONTS_DIR
from analysis.i18n import t

FONT_FILE = FONTS_DIR / "NotoSansSC-Subset.otf"
FONT_FAMILY = "Noto Sans SC Subset"

PALETTE = {
    "actual": "#1f4e79", "required": "#c0392b", "plan": "#7f8c8d", "target": "#d35400",
    "projection": "#2e86c1", "trend": "#8e44ad", "plan_rate": "#16a085", "band": "#f5cba7",
    "fan": "#aed6f1", "ahead": "#27ae60", "behind": "#c0392b", "neutral": "#95a5a6",
}
SERIES_COLORS = ["#1f4e79", "#c0392b", "#16a085", "#d35400", "#8e44ad", "#7f8c8d", "#2e86c1", "#b7950b"]
FIGSIZE = (4.8, 3.9)          # inches; the page scales the SVG to the column width
LEGEND_SIZE = 11
SOURCE_SIZE = 10
# Characters a line holds at the figure's width (CJK characters are about twice as wide as Latin).
TITLE_WIDTH = {"zh": 21, "en": 42}
SOURCE_WIDTH = {"zh": 31, "en": 62}
SOURCE_GID = "source-line"
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
    # labels are data (names, quotes, units): "$" is a character, never the start of mathtext (issue 21)
    matplotlib.rcParams["text.parse_math"] = False
    matplotlib.rcParams.update({
        "figure.dpi": 100, "savefig.dpi": 160, "axes.spines.top": False, "axes.spines.right": False,
        "axes.grid": True, "grid.alpha": 0.3, "axes.titlesize": 13.5, "axes.titleweight": "normal",
        "axes.labelsize": 11, "xtick.labelsize": 11, "ytick.labelsize": 11, "legend.fontsize": LEGEND_SIZE,
        "figure.figsize": FIGSIZE, "svg.fonttype": "path", "svg.hashsalt": "analysis",
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


LEGEND_COLUMN_WIDTH = 26            # a label wider than this (in half-width characters) gets a row of its own


def _width(label: str) -> int:
    """Printed width in half-width characters: a Chinese character or full-width mark counts two."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in label)


def legend_below(ax, ncol: int = 2):
    """Legend under the axes, *ncol* columns: it never covers the data and stays readable when scaled down."""
    handles, labels = ax.get_legend_handles_labels()
    if not handles:
        return None
    # a long label in two columns would run off the figure's edges: it takes two lines instead (one column would
    # leave the plot itself a sliver on a phone)
    labels = [label if _width(label) <= LEGEND_COLUMN_WIDTH else
              wrap_label(label, "zh" if _width(label) > len(label) else "en", LEGEND_COLUMN_WIDTH // 2
                         if _width(label) > len(label) else LEGEND_COLUMN_WIDTH) for label in labels]
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
    fig.set_label(title)                 # the chart's alternative text on the page
    source_text(fig, source, lang)
    return settle(fig)


def source_text(fig, source: str, lang: str) -> None:
    """The source line at the foot of the figure, wrapped to its width."""
    source = wrap_label(source, lang, SOURCE_WIDTH[lang])
    fig.text(0.01, 0.01, source, fontsize=SOURCE_SIZE, color="#555555", ha="left", va="bottom", linespacing=1.3,
             gid=SOURCE_GID)


def settle(fig):
    """Lay the axes out above the source line, each below-the-axes legend tucked under its tick labels."""
    source = next((t for t in fig.texts if t.get_gid() == SOURCE_GID), None)
    lines = source.get_text().count("\n") + 1 if source is not None else 0
    # Room for the source lines: each is about 1.4 × its font size high, in figure-height fractions.
    bottom = 0.015 + lines * SOURCE_SIZE * 1.4 / 72 / fig.get_figheight()
    top = 1
    fig.tight_layout(rect=(0, bottom, 1, top))
    for _ in range(2):                   # the axes shrink to make room, which moves the tick labels: settle
        for ax in fig.axes:
            _tuck_legend(ax)
        fig.tight_layout(rect=(0, bottom, 1, top))
    return fig


LEGEND_BUDGET_LINES = 3      # text lines a legend may take inside the standard chart height (three one-line rows)


def _legend_lines(legend) -> int:
    """Lines of text a legend takes: per row, its tallest label (matplotlib fills the columns first)."""
    if legend is None:
        return 0
    heights = [t.get_text().count("\n") + 1 for t in legend.get_texts()]
    cols = max(1, min(getattr(legend, "_ncols", 2), len(heights)))
    rows = math.ceil(len(heights) / cols)
    return sum(max(heights[r::rows]) for r in range(rows))


def relegend(ax, ncol: int = 2):
    """Redraw the legend below the axes (after more lines were added; long labels wrap onto two lines), and grow the
    figure by the text lines the legend takes beyond what the chart height allows, so the data area keeps its
    height on a phone."""
    fig = ax.figure
    allowed = getattr(fig, "legend_lines_allowed", LEGEND_BUDGET_LINES)
    lines = _legend_lines(legend_below(ax, ncol))
    if lines > allowed:
        fig.set_figheight(fig.get_figheight() + (lines - allowed) * LEGEND_SIZE * 1.45 / 72)
        fig.legend_lines_allowed = lines
    return settle(fig)


def text_sizes(fig) -> dict:
    """The smallest font size (pt) of the chart's text other than the source line, and the source line's."""
    fig.canvas.draw()
    texts = [t for t in fig.findobj(matplotlib.text.Text) if t.get_visible() and t.get_text().strip()
             and t.get_window_extent().width > 0]
    source = [t.get_fontsize() for t in texts if t.get_gid() == SOURCE_GID]
    other = [t.get_fontsize() for t in texts if t.get_gid() != SOURCE_GID]
    return {"text_pt": min(other, default=None), "source_pt": min(source, default=None)}


def svg_chart(fig) -> tuple[bytes, dict]:
    """The figure as SVG, text drawn as paths (crisp at any size, no font needed offline), and its
    width, height and text sizes in points (for the page's ``<img>`` and the browser test)."""

    sizes = text_sizes(fig)
    out = io.BytesIO()
    fig.savefig(out, format="svg", metadata={"Date": None})
    width, height = fig.get_size_inches()
    return out.getvalue(), dict(sizes, width_pt=round(width * 72, 1), height_pt=round(height * 72, 1))
