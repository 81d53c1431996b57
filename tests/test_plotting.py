"""Charts render Chinese with the bundled font, on any machine, without missing glyphs."""
from conftest import LATE, MID  # noqa: E402
import io
import warnings

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402

from analysis.report import figures, plotting
from analysis.engine.gaps import gap_table
from analysis.engine.records import to_records


def render(fig) -> list[str]:
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        fig.savefig(io.BytesIO(), format="png")
    plt.close(fig)
    return [str(w.message) for w in caught]


def test_bundled_font_is_the_one_used():
    from matplotlib import font_manager

    found = font_manager.findfont(font_manager.FontProperties(family=["sans-serif"]), fallback_to_default=False)
    assert found == str(plotting.FONT_FILE)


def test_chinese_labels_render_without_missing_glyphs():
    fig, ax = plt.subplots()
    ax.plot([2020, 2022], [486, 620.5], label="地区生产总值")
    ax.legend()
    plotting.finish(ax, "万柏林区“十四五”目标进度：滞后于预期", "亿元", "数据来源：万柏林区“十四五”规划纲要", "zh")
    assert not [m for m in render(fig) if "missing from" in m]


def test_every_chart_function_returns_a_figure_with_source_line(data):
    records = to_records(gap_table(data, district="万柏林区", n_paths=2000, as_of=MID))
    gdp = next(r for r in records if r["indicator"] == "gdp")
    levels = pd.Series({2015: 347.0, 2020: 486.0, 2022: 620.5})
    from analysis.engine.projection import DriftModel
    frame = DriftModel(levels, base_year=2020).fit(2025).summary_frame()
    drawn = []
    for draw in (
        lambda ax: figures.plot_path_to_target(ax, levels, gdp, "亿元", "来源：测试", "zh"),
        lambda ax: figures.plot_progress(ax, records, "来源：测试", "zh"),
        lambda ax: figures.plot_growth_compare(ax, records, "来源：测试", "zh"),
        lambda ax: figures.plot_fan(ax, levels, {"drift": frame}, "亿元", "来源：测试", "zh", 1000, 2025),
        lambda ax: figures.plot_levels(ax, pd.DataFrame({"地区生产总值": levels}), "亿元", "来源：测试", "zh"),
    ):
        fig, ax = plt.subplots()
        result = draw(ax)
        assert result is fig
        assert any(text.get_text() == "来源：测试" for text in fig.texts)
        assert ax.get_ylabel().endswith(("亿元", "%")) or ax.get_xlabel() == "%"
        drawn.append(fig)
    for fig in drawn:
        assert not [m for m in render(fig) if "missing from" in m]


def test_path_chart_when_the_only_level_is_in_the_target_year():
    # A place whose first figure is its plan's last year (no base-year level): the tool substitutes the
    # target year as the base, so there is no plan path to draw; the chart shows the actual and the target.
    record = {"target_year": 2025, "target_value": 2300.0, "base_year": 2025, "base_value": 2000.0,
              "latest_year": 2025, "latest_value": 2000.0, "bound": "", "indicator_zh": "地区生产总值"}
    fig, ax = plt.subplots()
    figures.plot_path_to_target(ax, pd.Series({2025: 2000.0}), record, "亿元", "来源：测试", "zh")
    labels = [line.get_label() for line in ax.get_lines()]
    assert len(labels) == 2 and not any("path" in label or "路径" in label for label in labels)
    render(fig)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_report_charts_in_both_languages(lang):
    from analysis import report

    ctx = report.setup("万柏林区", lang, indicator="gdp", as_of=MID)
    record = report.record_for(ctx, ctx.gaps(n_paths=2000))
    for fig in (report.chart_path(ctx, record), report.chart_main_series(ctx)):
        assert not [m for m in render(fig) if "missing from" in m]


def test_the_bundled_font_has_every_character_of_the_shipped_name_files():
    # Chart titles print place and indicator names; a name outside the subset (弋江区: 弋 is not in GB 2312
    # level 1) renders as an empty box with a warning. scripts/build_font_subset.py reads data/*.csv.
    from fontTools.ttLib import TTFont

    from analysis import config

    cmap = TTFont(str(plotting.FONT_FILE)).getBestCmap()
    data = config.PROJECT_DIR / "data"
    text = "".join((data / name).read_text(encoding="utf-8") for name in ("districts.csv", "indicator_names.csv"))
    missing = sorted({ch for ch in text if ord(ch) >= 0x2E80 and ord(ch) not in cmap})
    assert missing == [], f"characters missing from {plotting.FONT_FILE.name}: {''.join(missing)}; run scripts/build_font_subset.py"


@pytest.mark.parametrize("text, width, lines", [
    ("规模以上工业企业数", 6, "规模以上工\n业企业数"),
    ("万柏林区2022年计划执行情况与2023年计划报告", 12, "万柏林区2022年计划执行\n情况与2023年计划报告"),
    ("来源：万柏林区规划纲要；万柏林区2022年计划执行情况", 16, "来源：万柏林区规划纲要；\n万柏林区2022年计划执行情况"),
])
def test_chinese_labels_break_between_characters_never_inside_a_number(text, width, lines):
    assert plotting.wrap_label(text, "zh", width) == lines


def _report_figures(lang):
    """Every chart the pages draw for one district, in *lang*: main series, path with scenarios, fan."""
    from analysis import report
    from analysis.report import charts, explorer, sections

    ctx = report.setup("万柏林区", lang, indicator="gdp", page="projection", n_paths=2000, as_of=LATE)
    record = ctx.record
    return {"main_series": charts.main_series(ctx),
            "path": charts.path_to_target(ctx, record, scenarios=explorer.scenario_paths(ctx, record, 2.0)),
            "fan": charts.fan(ctx, record, sections._projection(ctx)),
            "gap_path": next(f for f in report.render(report.setup("万柏林区", lang, page="growth_gap", n_paths=2000,
                                                                   as_of=LATE), "path_chart") if hasattr(f, "savefig"))}


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_legends_sit_outside_the_data_area(lang):
    for name, fig in _report_figures(lang).items():
        fig.canvas.draw()
        renderer = fig.canvas.get_renderer()
        for ax in fig.axes:
            legend = ax.get_legend()
            if legend is not None:
                box, area = legend.get_window_extent(renderer), ax.get_window_extent(renderer)
                assert box.y1 <= area.y0 + 1, f"{name}: the legend overlaps the plot ({box} vs {area})"
                page = fig.bbox
                assert box.x0 >= page.x0 - 1 and box.x1 <= page.x1 + 1, f"{name}: the legend runs off the figure"
                # and leaves the plot room: at least a third of the 3.9-inch chart height, whatever the legend adds
                assert ax.get_position().height * fig.get_figheight() >= 1.3, f"{name}: the legend squeezes the plot"
        plt.close(fig)


def test_indicators_of_different_size_each_get_their_own_axis():
    """The overview's main series: budget revenue (about 20) is not drawn on GDP's axis (about 620)."""
    fig = _report_figures("zh")["main_series"]
    panels = [ax for ax in fig.axes if ax.get_visible() and ax.lines]
    assert len(panels) >= 2 and all(len([line for line in ax.lines if line.get_linestyle() == "-"]) == 1 for ax in panels)
    tops = {ax.get_title(loc="left"): ax.get_ylim()[1] for ax in panels}
    assert tops["一般公共预算收入"] < 50 < 600 < tops["地区生产总值"]
    plt.close(fig)


def test_pages_get_svg_with_text_sizes_that_read_on_a_phone():
    """SVG, text as paths (no <text> needing a font); 11 pt text and a 10 pt source line on a 4.8-inch
    figure read at 11 px and 10 px when a 390 px phone shows it 361 px wide."""
    for name, fig in _report_figures("zh").items():
        svg, sizes = plotting.svg_chart(fig)
        assert svg.lstrip().startswith(b"<?xml") and b"<svg" in svg and b"<text" not in svg
        scale = 361 / sizes["width_pt"]
        assert sizes["text_pt"] * scale >= 11 and sizes["source_pt"] * scale >= 10, (name, sizes)
        plt.close(fig)


def test_a_bound_figure_is_a_hollow_point():
    """≥700 (the source's 突破700亿元) is not drawn like an exact figure: its point is hollow."""
    import matplotlib.pyplot as plt
    import pandas as pd
    from analysis.report.figures import plot_levels

    fig, ax = plt.subplots()
    table = pd.DataFrame({"GDP": [600.0, 700.0, 760.0]}, index=[2020, 2021, 2022])
    plot_levels(ax, table, "亿元", "source", "zh", bounds={("GDP", 2021)})
    hollow = [line for line in ax.lines if line.get_markerfacecolor() == "white"]
    assert len(hollow) == 1 and list(hollow[0].get_xdata()) == [2021]
    plt.close(fig)


@pytest.mark.parametrize("small", [False, True])
def test_a_year_without_a_figure_is_not_drawn_as_known(small):
    table = pd.DataFrame({"地区生产总值": [486.0, 620.5, 655.0]}, index=[2020, 2022, 2023])
    if small:
        fig = figures.plot_small_multiples(table, "亿元", "来源", "zh")
    else:
        fig, ax = plt.subplots()
        figures.plot_levels(ax, table, "亿元", "来源", "zh")
    lines = {line.get_linestyle(): line for ax in fig.axes for line in ax.get_lines()}
    plt.close(fig)
    solid = pd.Series(lines["-"].get_ydata(), index=lines["-"].get_xdata())
    assert list(lines[":"].get_xdata()[:2]) == [2020, 2022]                      # the gap, dotted
    assert solid.loc[2021] != solid.loc[2021] and solid.loc[2023] == 655.0      # no value drawn for 2021
