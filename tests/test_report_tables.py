"""report.tables: typed cells, a unit on every value, counts as integers, bounds kept, nothing unknown shown as nan."""
from conftest import MID  # noqa: E402
import math

import pandas as pd
import pytest

from analysis import report
from analysis.report import tables
from analysis.report.tables import Quantity, Status


@pytest.fixture(scope="module")
def zh():
    return report.setup("万柏林区", "zh", as_of=MID)


@pytest.fixture(scope="module")
def en():
    return report.setup("万柏林区", "en", as_of=MID)


def _texts(frame: pd.DataFrame, lang: str) -> list[str]:
    from analysis.report.html import cell

    return [cell(v, lang)[0] for row in frame.itertuples(index=False) for v in row]


def test_progress_table_has_a_row_for_every_target_and_the_practice_columns(zh):
    from test_report_assessment import targets_due

    frame = tables.progress_table(zh)
    assert len(frame) == targets_due(zh.data)
    assert list(frame.columns) == ["指标", "单位", "属性", "基期值（2020年）", "2022年", "年均增速（%）", "增速口径",
                                   "目标（2025年）", "任务进度（%）", "评价", "说明"]
    gdp = frame.iloc[0]                        # the assessed target first
    assert gdp["指标"] == "地区生产总值" and gdp["单位"] == "亿元" and gdp["属性"] == "预期性"   # 004: 主要预期目标
    assert gdp["基期值（2020年）"] == Quantity(486.0, "亿元") and gdp["2022年"] == Quantity(620.5, "亿元")
    # (620.5 / 486)^(1/2) − 1 = 12.99 % a year, at current prices
    assert gdp["年均增速（%）"] == pytest.approx(12.99, abs=0.01) and gdp["增速口径"] == "现价（名义）"
    assert gdp["目标（2025年）"].text("zh") == "约1000" and gdp["评价"] == Status("behind", False)
    assert gdp["说明"] is None


def test_rows_without_data_say_what_is_missing_and_where(zh):
    frame = tables.progress_table(zh).set_index("指标")
    firms = frame.loc["高新技术企业"]
    assert firms["基期值（2020年）"].text("zh") == "166"          # a count: no decimals
    assert firms["任务进度（%）"] is None and firms["评价"].key == "insufficient_data"
    assert firms["说明"] == "仅有2020年基期数据；所需文件：2021—2022年计划执行情况报告或统计公报"
    assert frame.loc["城镇登记失业率", "目标（2025年）"].text("zh") == "≤4"
    assert frame.loc["城镇登记失业率", "说明"].startswith("尚无统计数据")


def test_english_table_is_in_the_pages_display_unit(en):
    gdp = tables.progress_table(en).iloc[0]
    assert gdp["Unit"] == "bn yuan" and gdp["2022"].text("en") == "62.05" and gdp["Target (2025)"].text("en") == "~100"


def test_no_cell_reads_nan_none_or_na(zh, en):
    for ctx in (zh, en):
        for frame in (tables.progress_table(ctx), tables.headline_table(ctx), tables.annual_targets_table(ctx),
                      tables.glance_table(ctx, ctx.records), tables.scenario_table(ctx, ctx.record or ctx.records[0])):
            for text in _texts(frame, ctx.lang):
                assert not {"nan", "None", "<NA>", "NaN"} & set(text.replace("<", " <").split()), text


def test_headline_figures_are_the_latest_money_indicators_with_basis(zh):
    frame = tables.headline_table(zh).set_index("指标")
    assert list(frame.index) == ["地区生产总值", "规模以上工业增加值", "服务业增加值", "社会消费品零售总额", "固定资产投资",
                                 "一般公共预算收入"]
    assert frame.loc["地区生产总值", "数值（现价）"] == Quantity(620.5, "亿元") and frame.loc["地区生产总值", "单位"] == "亿元"
    assert frame.loc["地区生产总值", "增速（%）"] == 2.5
    assert frame.loc["地区生产总值", "增速口径"] == "可比价（实际）"
    assert frame.loc["固定资产投资", "增速口径"] == "现价（名义）"


def test_annual_targets_after_the_latest_year(zh):
    frame = tables.annual_targets_table(zh, after_year=2022).set_index("指标")
    assert frame.loc["地区生产总值", "目标增速（%）"].text("zh") == "约6.5"
    assert frame.loc["地区生产总值", "目标较上年完成（百分点）"] == pytest.approx(4.0)      # 6.5 − 2.5
    # 两年平均 of nominal retail sales from the levels: √(205.2 / 183.2) − 1 = 5.83 %; real GDP has one rate only
    assert frame.loc["社会消费品零售总额", "两年平均增速（%）"] == pytest.approx(5.83, abs=0.01)
    assert frame.loc["地区生产总值", "两年平均增速（%）"] is None
    assert "完成增速（%）" not in frame and "评价" not in frame          # still ahead: nothing published, all pending
    assert "年份" not in frame and "年份" in tables.annual_targets_table(zh)   # one year ahead: the heading names it
    assert tables.annual_targets_table(zh, after_year=2023).empty


def test_scenario_grid_rows_reach_the_growth_the_target_needs(zh):
    record = zh.record or next(r for r in zh.records if r["indicator"] == "gdp")
    # required 17.2 %/yr (above 10: steps of 5) → rows 0, 5, …, 20 (the first step at or above it)
    assert tables.grid_rates(record) == (0.0, 5.0, 10.0, 15.0, 20.0)
    assert tables.grid_rates(dict(record, cagr_required=6.0)) == (0.0, 2.5, 5.0, 7.5, 10.0)
    frame = tables.scenario_table(zh, record)
    assert list(frame.columns) == ["实际增速（%/年）", "价格涨幅0%", "价格涨幅1%", "价格涨幅2%", "价格涨幅3%", "单位"]
    assert set(frame["单位"]) == {"亿元"}
    cell = frame.set_index("实际增速（%/年）").loc[15.0, "价格涨幅2%"]
    assert cell.mark == "met" and cell.text("zh") == "1001.5"       # 620.5 × (1.15 × 1.02)^3


def test_annual_tasks_table(data):
    ctx = report.setup("杏花岭区", as_of=MID)
    frame = tables.annual_tasks_table(ctx)
    assert len(frame) == 22 and list(frame.columns) == ["任务", "单位", "目标（2022年）", "完成值", "评价"]
    assert frame.iloc[2]["目标（2022年）"].text("zh") == "≥2" and frame.iloc[0]["完成值"].text("zh") == "–"
    assert all(math.isclose(q.value, round(q.value)) for q in frame["目标（2022年）"])


def test_an_observed_figure_keeps_the_bound_its_source_gives():
    figures = {2025: (2000.0, ">="), 2024: (1850.0, "")}
    assert tables.observed_cell(figures, 2025, "亿元").text("zh") == "≥2000"
    assert tables.observed_cell(figures, 2024, "亿元").text("zh") == "1850"
    assert tables.observed_cell(figures, 2023, "亿元").text("zh") == "–"          # unknown, not 0


def test_a_headline_figure_the_source_gives_as_an_estimate_is_marked(tmp_path, curated_rows):
    from conftest import write_table

    rows = [dict(r) for r in curated_rows]
    for r in rows:
        if (r["district"], r["indicator"], r["year"], r["kind"]) == ("万柏林区", "gdp", "2022", "level"):
            r["note"] = "预计 (estimate)"
    path = write_table(tmp_path / "indicators.csv", rows)
    for lang, marked in (("zh", "地区生产总值（预计）"), ("en", "GDP (estimate)")):
        frame = tables.headline_table(report.setup("万柏林区", lang, data_path=str(path), as_of=MID))
        names = list(frame.iloc[:, 0])
        assert marked in names and sum("（预计）" in n or "(estimate)" in n for n in names) == 1, names


def test_targets_after_the_latest_data_say_not_entered_once_they_are_due():
    late = tables.annual_targets_table(report.setup("万柏林区", "zh", as_of="2026-11-28"), after_year=2022)
    assert "评价" in late and {v.key for v in late["评价"]} == {"not_entered"}
